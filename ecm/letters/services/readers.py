"""The management readers' answers on Moderation Form 2 (002 §I stages 1-2; Appendix A
"Moderation Draft APA Letter").

Both readers, the CSCI manager and the Ofsted management reader, must answer before the letter
is amended. A reader may answer again; the latest answer of each counts, so a "no" blocks
sending to the council until a later answer from the same reader says "yes" (ADR 0021).
Answers given before the letter was last sent to the readers do not count.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.models import AssignmentRole
from ecm.audit.services import audit_record
from ecm.letters.models import Letter, ReaderAnswer, ReaderOrganisation, SendingKind
from ecm.letters.services.sending import latest_rendition_number, latest_sending
from ecm.letters.workflow import READERS_MAY_ANSWER, LetterStage

READER_ROLES = {
    AssignmentRole.CSCI_MANAGER: ReaderOrganisation.CSCI,
    AssignmentRole.MANAGEMENT_READER: ReaderOrganisation.OFSTED,
}

NOT_A_READER = (
    "Only the CSCI manager or the Ofsted management reader assigned to this assessment answers "
    "on Moderation Form 2 (002 §I stage 1)"
)
NOT_WITH_READERS = (
    "The letter is {stage}: readers answer once the Lead has sent it to them with Steps 3 and 4 "
    "and until it goes to the council"
)
NO_ACTION = (
    'Say what action is required before the draft can be sent to the council: a "no" needs '
    "the action that would change it to yes"
)


def reader_assignments(assessment) -> dict[str, object]:
    """The assessment's readers by assignment role (management_reader, csci_manager)."""
    return {
        a.role: a
        for a in assessment.assignments.filter(role__in=list(READER_ROLES)).select_related("user")
    }


def standing_answers(letter: Letter) -> dict[str, ReaderAnswer]:
    """The latest answer of each reader role, given since the letter was last sent to the
    readers."""
    sent = latest_sending(letter, SendingKind.READERS)
    if sent is None:
        return {}
    found: dict[str, ReaderAnswer] = {}
    for answer in letter.reader_answers.filter(signed_at__gte=sent.sent_at).order_by(
        "signed_at", "pk"
    ):
        found[answer.role] = answer
    return found


def missing_readers(letter: Letter) -> list[str]:
    """The reader roles (as labels) that have not answered since the letter was sent."""
    answered = standing_answers(letter)
    return [AssignmentRole(r).label for r in READER_ROLES if r not in answered]


@transaction.atomic
def reader_answer_record(*, actor, letter: Letter, action: str, can_send: bool) -> ReaderAnswer:
    """A reader's answer on Moderation Form 2, signed by them and dated now. When both readers
    have answered a letter still with them, it moves on to `readers_answered`."""
    from ecm.letters.services.stages import letter_change_stage

    letter = Letter.objects.select_for_update().select_related("assessment").get(pk=letter.pk)
    if letter.stage not in READERS_MAY_ANSWER:
        raise ValidationError(NOT_WITH_READERS.format(stage=letter.get_stage_display().lower()))
    mine = [a for a in reader_assignments(letter.assessment).values() if a.user_id == actor.pk]
    if not mine:
        raise ValidationError(NOT_A_READER)
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
