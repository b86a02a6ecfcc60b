"""Changing a round's own dates (issue 23 §1: "Where 001 gives no number (e.g. the day in
June), the setting is labelled as the project's and can be changed per round"). The dates
default from the round's cycle (ecm.apa.key_dates); the programme administrator may move the
submission, the analysis or data review window, the discussion's window and the final letter's
date, with a reason kept in the audit trail. Every date that follows from them (checklists,
what is due, reminders, calendars) is read from the round, so it follows at once. The
representation dates have their own page (ecm.representations)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole

NOT_AN_ADMINISTRATOR = "Only a programme administrator changes the round's dates"
NO_REASON = "Say why the dates change: the change is recorded in the audit trail"
NOT_IN_ORDER = "{later} must be on or after {earlier}: put the dates in order"
NOTHING_CHANGED = "No date has changed: change a date before you save, or go back"
FIELDS = (
    "self_assessment_due",
    "analysis_starts",
    "analysis_ends",
    "meeting_from",
    "meeting_by",
    "final_letter_by",
)
# (earlier, later): the order the cycle's stages follow.
ORDER = (
    ("self_assessment_due", "analysis_starts"),
    ("analysis_starts", "analysis_ends"),
    ("meeting_from", "meeting_by"),
    ("meeting_by", "final_letter_by"),
)


@transaction.atomic
def round_dates_change(
    *, actor, assessment_round, dates: dict[str, date | None], titles: dict[str, str], reason: str
):
    """Save the round's changed dates, in order, with the reason."""
    if Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_AN_ADMINISTRATOR)
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    new = {f: dates.get(f, getattr(assessment_round, f)) for f in FIELDS}
    for earlier, later in ORDER:
        if new[earlier] and new[later] and new[later] < new[earlier]:
            raise ValidationError(
                {later: NOT_IN_ORDER.format(later=titles[later], earlier=titles[earlier])}
            )
    before = {f: getattr(assessment_round, f) for f in FIELDS}
    changed = [f for f in FIELDS if new[f] != before[f]]
    if not changed:
        raise ValidationError(NOTHING_CHANGED)
    for field in changed:
        setattr(assessment_round, field, new[field])
    assessment_round.save(update_fields=changed)
    audit_record(
        actor=actor,
        verb="round.dates_changed",
        target=assessment_round,
        before={f: str(before[f]) for f in changed},
        after={f: str(new[f]) for f in changed},
        reason=reason.strip(),
    )
    return assessment_round
