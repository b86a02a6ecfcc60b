"""The one audited transition function of the letter's stages (002 §I; ecm.letters.workflow).

`letter_change_stage` checks the move against the table, who may make it and what must be true
first, moves the assessment's APA status when the new stage needs another one, does what the
stage entails (a sending, the final rendition), and writes the audit entry, in one transaction.
"""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.accounts.selectors import council_recipients
from ecm.apa.models import INSPECTOR_ASSIGNMENTS, AssignmentRole
from ecm.apa.services import assessment_change_status
from ecm.core.access import NotYourRole
from ecm.core.locking import refuse_if_stale
from ecm.core.once import AlreadyDone, once_already, once_claim, once_done
from ecm.core.stages import stage_already, stage_audit, stage_check, stage_moved_text, stage_save
from ecm.letters.archive import refuse_if_archived
from ecm.letters.citations import handbook_words
from ecm.letters.models import Letter, SendingKind
from ecm.letters.services.checks import refuse_unless_letter_ready
from ecm.letters.services.factual_accuracy import (
    deadline_passed,
    factual_accuracy_deadline,
    is_council_of,
    sent_to_council,
    unanswered,
)
from ecm.letters.services.final import (
    draft_sections_restore,
    final_rendition_make,
    refuse_unless_final_ready,
)
from ecm.letters.services.permissions import clears_letter_of, proof_reads_letters
from ecm.letters.services.readers import (
    READER_ROLES,
    missing_readers,
    reader_assignments,
    standing_answers,
)
from ecm.letters.services.sending import latest_sending, letter_send
from ecm.letters.workflow import BEING_CLEARED, STAGES, LetterStage, Mover

ASSESSMENT_ELSEWHERE = (
    "The assessment is at {status}, but a letter {stage} needs it at {needed}: move the "
    "assessment first, or ask the programme administrator"
)
WRONG_MOVER = "Only {who} can move the letter to {target} ({source})"
BACK_BY_INSPECTOR = "Only the HMI or the BRM of this assessment moves the letter back"
READERS_NOT_ASSIGNED = (
    "The letter goes to both the CSCI manager and the Ofsted management reader (the handbook, "
    "section I stage 1): assign {missing} to the assessment first"
)
READERS_NOT_ANSWERED = (
    "Both readers answer on Moderation Form 2 before the letter is amended (the handbook, "
    "section I stage 2): "
    "waiting for {missing}"
)
READER_SAID_NO = (
    '{who} ({role}) answered "no" to "can the draft letter be sent to the council" on {when}: '
    'make the amendments and ask them to answer again; a later "yes" lets the letter go'
)
NO_COUNCIL_RECIPIENT = (
    "Nobody at {council} has an account to receive the draft: ask the programme administrator "
    "to add the council's link officer"
)
DEADLINE_NOT_PASSED = (
    "The council has until the end of {deadline} to comment ({rule}): close its comments after "
    "then, or when the council says it has finished"
)
COMMENTS_UNANSWERED = (
    "{count} of the council's comments have no response yet (the handbook, section I stage 3): "
    "respond to each, "
    "then tell the council what was done"
)
ENTERED = "The letter is {stage}"
ALREADY_SENT = "The letter was already moved to {stage} and rendition {rendition} sent to {to}"
NOT_SENT_AGAIN = "Nothing was sent a second time"
# The stages whose entry sends the letter, and the sending each makes.
SENDS = {
    LetterStage.WITH_READERS: SendingKind.READERS,
    LetterStage.WITH_COUNCIL: SendingKind.COUNCIL,
    LetterStage.RESPONSES_GIVEN: SendingKind.RESPONSES,
    LetterStage.PUBLISHED: SendingKind.PUBLICATION,
}


def _stage_words(stage: LetterStage) -> str:
    return f"'{stage.label}'"


def _already_at(letter: Letter, target: LetterStage) -> AlreadyDone | None:
    """The letter at `target` already: when it was moved there and by whom, and for a stage
    that sends, what was sent and to whom (issue 20 §4). None when it is elsewhere."""
    if letter.stage != target:
        return None
    sending = latest_sending(letter, SENDS[target]) if target in SENDS else None
    if sending is not None:
        return AlreadyDone(
            done=ALREADY_SENT.format(
                stage=_stage_words(target),
                rendition=sending.rendition_number,
                to=", ".join(sending.sent_to),
            ),
            at=sending.sent_at,
            by=sending.sent_by,
            again=NOT_SENT_AGAIN,
        )
    return stage_already(
        letter, stage=target, verb="letter.stage_changed", what="a letter", words=_stage_words
    )


def letter_stage_already(
    *, letter: Letter, to: str, once: UUID | str | None = None
) -> AlreadyDone | None:
    """The answer to a move of the letter already made, by the form's token or because the
    letter is at `to` already (issue 20 §4): for the stage page, which no longer offers it."""
    already = once_already(once)
    if already is not None or to not in LetterStage.values:
        return already
    return _already_at(letter, LetterStage(to))


def mover_allows(mover: Mover, actor, assessment) -> bool:
    assignments = {a.role: a for a in assessment.assignments.all() if a.user_id == actor.pk}
    if mover == Mover.LEAD:
        return any(a.is_lead for a in assignments.values())
    if mover == Mover.PARTNER:
        return any(r in INSPECTOR_ASSIGNMENTS and not a.is_lead for r, a in assignments.items())
    if mover == Mover.INSPECTOR:
        return any(r in INSPECTOR_ASSIGNMENTS for r in assignments)
    if mover == Mover.READER:
        return any(r in READER_ROLES for r in assignments)
    if mover == Mover.COUNCIL:
        return is_council_of(actor, assessment)
    if mover == Mover.PROOF_READER:
        return proof_reads_letters(actor)
    if mover == Mover.CLEARER:
        return clears_letter_of(actor, assessment)
    return Role.PROGRAMME_ADMINISTRATOR in actor.roles


def _check_mover(actor, letter: Letter, target: LetterStage) -> None:
    rule = STAGES[target]
    if not any(mover_allows(m, actor, letter.assessment) for m in rule.by):
        who = " or ".join(Mover(m).label for m in rule.by)
        raise ValidationError(
            WRONG_MOVER.format(
                who=who, target=target.label.lower(), source=handbook_words(rule.source)
            )
        )


def _guard_with_readers(*, actor, letter: Letter) -> None:
    assigned = reader_assignments(letter.assessment)
    missing = [AssignmentRole(r).label for r in READER_ROLES if r not in assigned]
    if missing:
        raise ValidationError(READERS_NOT_ASSIGNED.format(missing=" and ".join(missing)))


def _guard_readers_answered(*, actor, letter: Letter) -> None:
    missing = missing_readers(letter)
    if missing:
        raise ValidationError(READERS_NOT_ANSWERED.format(missing=" and ".join(missing)))


def _guard_with_council(*, actor, letter: Letter) -> None:
    _guard_readers_answered(actor=actor, letter=letter)
    refuse_unless_letter_ready(letter=letter, final=False)
    for answer in standing_answers(letter).values():
        if not answer.can_send:
            raise ValidationError(
                READER_SAID_NO.format(
                    who=answer.name,
                    role=AssignmentRole(answer.role).label,
                    when=f"{timezone.localtime(answer.signed_at):%-d %B %Y}",
                )
            )
    if not council_recipients(council=letter.assessment.council):
        raise ValidationError(NO_COUNCIL_RECIPIENT.format(council=letter.assessment.council.name))


def _guard_council_commented(*, actor, letter: Letter) -> None:
    # The council may close its own comments early; inspectors only after the deadline.
    if is_council_of(actor, letter.assessment):
        return
    sending = sent_to_council(letter)
    if not deadline_passed(sending):
        raise ValidationError(
            DEADLINE_NOT_PASSED.format(
                deadline=f"{sending.deadline:%A %-d %B %Y}", rule=sending.deadline_rule
            )
        )


def _guard_responses_given(*, actor, letter: Letter) -> None:
    left = unanswered(letter)
    if left:
        raise ValidationError(COMMENTS_UNANSWERED.format(count=len(left)))
    if not council_recipients(council=letter.assessment.council):
        raise ValidationError(NO_COUNCIL_RECIPIENT.format(council=letter.assessment.council.name))


def _guard_final(*, actor, letter: Letter) -> None:
    refuse_unless_final_ready(letter)
    refuse_unless_letter_ready(letter=letter, final=True)


def _guard_published(*, actor, letter: Letter) -> None:
    """What is published is the final rendition, read once more as the council will."""
    latest = letter.renditions.order_by("-number").first()
    refuse_unless_letter_ready(letter=letter, final=True, sections=latest.content["sections"])


GUARDS = {
    LetterStage.WITH_READERS: _guard_with_readers,
    LetterStage.READERS_ANSWERED: _guard_readers_answered,
    LetterStage.AMENDED: _guard_readers_answered,
    LetterStage.WITH_COUNCIL: _guard_with_council,
    LetterStage.COUNCIL_COMMENTED: _guard_council_commented,
    LetterStage.RESPONSES_GIVEN: _guard_responses_given,
    LetterStage.FINAL: _guard_final,
    LetterStage.PUBLISHED: _guard_published,
}


def _enter(*, actor, letter: Letter, target: LetterStage) -> dict:
    """What entering a stage does; returns what the audit entry records of it."""
    assessment = letter.assessment
    if target == LetterStage.WITH_READERS:
        recipients = sorted(a.user.email for a in reader_assignments(assessment).values())
        sending = letter_send(
            actor=actor, letter=letter, kind=SendingKind.READERS, recipients=recipients
        )
        return {"rendition": sending.rendition_number, "sent_to": recipients}
    if target == LetterStage.WITH_COUNCIL:
        deadline = factual_accuracy_deadline(timezone.localdate())
        sending = letter_send(
            actor=actor,
            letter=letter,
            kind=SendingKind.COUNCIL,
            recipients=council_recipients(council=assessment.council),
            deadline=deadline.date,
            deadline_rule=deadline.rule,
        )
        return {
            "rendition": sending.rendition_number,
            "sent_to": sending.sent_to,
            "deadline": deadline.date,
            "deadline_rule": deadline.rule,
        }
    if target == LetterStage.RESPONSES_GIVEN:
        sending = letter_send(
            actor=actor,
            letter=letter,
            kind=SendingKind.RESPONSES,
            recipients=council_recipients(council=assessment.council),
        )
        return {"sent_to": sending.sent_to, "comments": letter.council_comments.count()}
    if target == LetterStage.FINAL:
        rendition = final_rendition_make(actor=actor, letter=letter)
        return {"rendition": rendition.number, "grades": rendition.content["grades"]}
    if target == LetterStage.PUBLISHED:
        sending = letter_send(
            actor=actor,
            letter=letter,
            kind=SendingKind.PUBLICATION,
            recipients=council_recipients(council=assessment.council),
        )
        return {"rendition": sending.rendition_number, "sent_to": sending.sent_to}
    return {}


def _leave(*, letter: Letter, current: LetterStage) -> dict:
    """What moving back undoes; returns what the audit entry records of it. A final letter sent
    back from proof reading or clearance gets its draft sections back to be put right."""
    if current in BEING_CLEARED:
        return {"sections_restored": draft_sections_restore(letter=letter)}
    return {}


@transaction.atomic
def letter_change_stage(
    *,
    actor,
    letter: Letter,
    to: str,
    reason: str = "",
    expected_lock_version: int | None = None,
    once: UUID | None = None,
) -> Letter:
    """Move the letter to stage `to` (ecm.letters.workflow). Refused from a stale page, for a
    move the table does not allow, while the assessment is not at the APA status the letter's
    stage needs, by the wrong person, or before what the stage needs is done. Moving back needs
    a reason and the HMI or the BRM. A move already made (the form's token posted again, or
    the letter at `to` already: Back, a second tab, two posts at once) is answered AlreadyDone
    with when, by whom and what was sent: one move, one sending, one email (issue 20 §4)."""
    claim = once_claim(token=once, actor=actor, what="letter.stage_change")
    target = LetterStage(to)
    letter = (
        Letter.objects.select_for_update()
        .select_related("assessment__council", "assessment__round")
        .get(pk=letter.pk)
    )
    refuse_if_archived(letter.assessment.round_id, what="the letter")
    current = LetterStage(letter.stage)
    already = _already_at(letter, target)
    if already is not None:
        raise already
    refuse_if_stale(letter, expected_lock_version, what="this letter", now=current.label.lower())
    rule = STAGES[current]
    move = stage_check(
        STAGES,
        current=current,
        target=target,
        what="a letter",
        reason=reason,
        words=lambda stage: stage.label.lower(),
    )
    assessment = letter.assessment
    if assessment.status != rule.assessment_at:
        raise ValidationError(
            ASSESSMENT_ELSEWHERE.format(
                status=assessment.get_status_display(),
                stage=current.label.lower(),
                needed=rule.assessment_at.label,
            )
        )
    backward = move.backward
    if backward:
        if not mover_allows(Mover.INSPECTOR, actor, assessment):
            raise NotYourRole(BACK_BY_INSPECTOR)
    else:
        _check_mover(actor, letter, target)
        guard = GUARDS.get(target)
        if guard is not None:
            guard(actor=actor, letter=letter)
    needed = STAGES[target].assessment_at
    if assessment.status != needed:
        assessment_change_status(
            actor=actor,
            assessment=assessment,
            to=needed,
            reason=reason.strip() or ENTERED.format(stage=target.label.lower()),
        )
    # Saved before entering the stage (sending reads the letter at its new stage); the audit
    # entry after, since it records what entering did.
    stage_save(letter, move=move)
    if backward:
        done = _leave(letter=letter, current=current)
    else:
        done = _enter(actor=actor, letter=letter, target=target)
    stage_audit(
        letter, move=move, actor=actor, verb="letter.stage_changed", reason=reason, after=done
    )
    made = _already_at(letter, target)
    once_done(
        claim,
        done=made.done if made else stage_moved_text(what="a letter", stage=_stage_words(target)),
    )
    return letter
