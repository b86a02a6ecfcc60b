"""The round's representation window (002 §J: intention by 1 November, submission by
7 November, outcome by the end of November), set by the programme administrator. The dates
default from ecm.apa.key_dates when the round is made; a change is audited with its reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole

NOT_AN_ADMINISTRATOR = "Only a programme administrator sets the round's representation dates"
OUT_OF_ORDER = (
    "The dates must follow one another: intention by {intention}, then submission by "
    "{submission}, then the outcome by {outcomes} (the handbook, section J). Put them in that order"
)
BEFORE_FINAL_LETTERS = (
    "Representations are made on the final letter, due by {final} for this round: the intention "
    "date must be after it"
)
NO_REASON = "Say why the dates change: the change is recorded in the audit trail"
FIELDS = (
    "representation_intention_by",
    "representation_submission_by",
    "representation_outcomes_by",
)


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


@transaction.atomic
def representation_window_set(
    *,
    actor,
    assessment_round,
    intention_by: date,
    submission_by: date,
    outcomes_by: date,
    reason: str,
):
    """Set the round's three representation dates, in order and after its final letters."""
    if Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_AN_ADMINISTRATOR)
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    if not intention_by <= submission_by <= outcomes_by:
        raise ValidationError(
            OUT_OF_ORDER.format(
                intention=_day(intention_by),
                submission=_day(submission_by),
                outcomes=_day(outcomes_by),
            )
        )
    if intention_by <= assessment_round.final_letter_by:
        raise ValidationError(
            {
                "intention_by": BEFORE_FINAL_LETTERS.format(
                    final=_day(assessment_round.final_letter_by)
                )
            }
        )
    before = {f: getattr(assessment_round, f).isoformat() for f in FIELDS}
    for field, value in zip(FIELDS, (intention_by, submission_by, outcomes_by), strict=True):
        setattr(assessment_round, field, value)
    assessment_round.save(update_fields=list(FIELDS))
    audit_record(
        actor=actor,
        verb="round.representation_dates_set",
        target=assessment_round,
        before=before,
        after={f: getattr(assessment_round, f).isoformat() for f in FIELDS},
        reason=reason.strip(),
    )
    return assessment_round
