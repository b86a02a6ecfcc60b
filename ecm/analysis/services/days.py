"""Recording the inspector days given to a council's APA (002 §A: six days each, "3 days for
analysis; 1 day for meeting the authority; 1 day for moderation activities; and 1 day for
writing the feedback letter"). Every change is audited."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from ecm.analysis.models import DaysActivity, InspectorDay
from ecm.apa.models import INSPECTOR_ASSIGNMENTS
from ecm.audit.services import audit_record

NO_ACTIVITY = "Select what the day was given to"
NO_DATE = "Enter the date the time was given, or is planned"
DAYS_OUT_OF_RANGE = "Enter the time as part of a day, more than 0 and at most 1, for example 0.5"
NOT_AN_INSPECTOR = "Only the council's HMI and BRM record their days for it"
NOT_YOURS = "You can remove only your own days: ask the inspector who recorded it"
ALREADY = (
    "You already recorded {activity} on {on:%-d %B %Y} for this council: remove that record "
    "first to change it"
)
MORE_THAN_A_DAY = (
    "That makes {total} days on {on:%-d %B %Y} across your councils: one date holds at most "
    "one day. Record less, or another date"
)


def _days(value) -> Decimal:
    try:
        days = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"days": DAYS_OUT_OF_RANGE}) from None
    if not (Decimal(0) < days <= Decimal(1)) or days != days.quantize(Decimal("0.01")):
        raise ValidationError({"days": DAYS_OUT_OF_RANGE})
    return days


@transaction.atomic
def inspector_day_record(
    *, assessment, actor, activity: str, on: date | None, days, note: str = ""
) -> InspectorDay:
    """Record time the actor gave (a date passed) or plans to give (a date to come) to the
    council. One date holds at most one day across all of the inspector's councils."""
    errors = {}
    if activity not in DaysActivity.values:
        errors["activity"] = NO_ACTIVITY
    if on is None:
        errors["on"] = NO_DATE
    if errors:
        raise ValidationError(errors)
    amount = _days(days)
    if not assessment.assignments.filter(user=actor, role__in=INSPECTOR_ASSIGNMENTS).exists():
        raise ValidationError(NOT_AN_INSPECTOR)
    mine = InspectorDay.objects.select_for_update().filter(inspector=actor, on=on)
    if mine.filter(assessment=assessment, activity=activity).exists():
        label = DaysActivity(activity).label.lower()
        raise ValidationError(ALREADY.format(activity=label, on=on))
    total = (mine.aggregate(total=Sum("days"))["total"] or Decimal(0)) + amount
    if total > 1:
        raise ValidationError({"days": MORE_THAN_A_DAY.format(total=total.normalize(), on=on)})
    day = InspectorDay.objects.create(
        assessment=assessment,
        inspector=actor,
        activity=activity,
        on=on,
        days=amount,
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="inspector_day.recorded",
        target=assessment,
        after={"activity": activity, "on": on.isoformat(), "days": str(amount), "note": day.note},
    )
    return day


@transaction.atomic
def inspector_day_remove(*, day: InspectorDay, actor) -> None:
    """Remove one of the actor's own records (a correction is a removal and a new record)."""
    if day.inspector_id != actor.pk:
        raise ValidationError(NOT_YOURS)
    before = {
        "activity": day.activity,
        "on": day.on.isoformat(),
        "days": str(day.days),
        "note": day.note,
    }
    assessment = day.assessment
    day.delete()
    audit_record(actor=actor, verb="inspector_day.removed", target=assessment, before=before)
