"""A management reader's answer on Moderation Form 2 (002 §I stages 1-2; Appendix A
"Moderation Draft APA Letter"), which moves the letter on once both readers have answered.
Who the readers are and which answers stand is read in `ecm.letters.services.readers`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.models import AssignmentRole
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.letters.models import Letter, ReaderAnswer
from ecm.letters.services.readers import READER_ROLES, missing_readers, reader_assignments
from ecm.letters.services.sending import latest_rendition_number
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.workflow import READERS_MAY_ANSWER, LetterStage

NOT_A_READER = (
    "Only the CSCI manager or the Ofsted management reader assigned to this assessment answers "
    "on Moderation Form 2 (the handbook, section I stage 1)"
)
NOT_WITH_READERS = (
    "The letter is {stage}: readers answer once the Lead has sent it to them with Steps 3 and 4 "
    "and until it goes to the council"
)
NO_ACTION = (
    'Say what action is required before the draft can be sent to the council: a "no" needs '
    "the action that would change it to yes"
)


@transaction.atomic
def reader_answer_record(*, actor, letter: Letter, action: str, can_send: bool) -> ReaderAnswer:
    """A reader's answer on Moderation Form 2, signed by them and dated now. When both readers
    have answered a letter still with them, it moves on to `readers_answered`."""
    letter = Letter.objects.select_for_update().select_related("assessment").get(pk=letter.pk)
    if letter.stage not in READERS_MAY_ANSWER:
        raise ValidationError(NOT_WITH_READERS.format(stage=letter.get_stage_display().lower()))
    mine = [a for a in reader_assignments(letter.assessment).values() if a.user_id == actor.pk]
    if not mine:
        raise NotYourRole(NOT_A_READER)
    action = action.strip()
    if not can_send and not action:
        raise ValidationError({"action": NO_ACTION})
    role = mine[0].role
    answer = ReaderAnswer.objects.create(
        letter=letter,
        role=role,
        organisation=READER_ROLES[AssignmentRole(role)],
        name=actor.get_full_name() or actor.email,
        job_title=actor.job_title,
        action=action,
        can_send=can_send,
        rendition_number=latest_rendition_number(letter),
        signed_by=actor,
        signed_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        verb="letter.reader_answered",
        target=letter,
        after={
            "role": role,
            "organisation": answer.organisation,
            "action": action,
            "can_send": can_send,
            "rendition": answer.rendition_number,
        },
    )
    if letter.stage == LetterStage.WITH_READERS and not missing_readers(letter):
        letter_change_stage(actor=actor, letter=letter, to=LetterStage.READERS_ANSWERED)
    return answer
