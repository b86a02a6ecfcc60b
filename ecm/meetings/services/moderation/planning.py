"""Planning the moderation days (002 §H): each day of the round, its small groups, and the
councils placed in them, seven to ten a day, each presented by its Lead."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.models import ModerationDay, ModerationGroup, ModerationSelection
from ecm.audit.services import audit_record
from ecm.meetings.services.moderation.choosing import NOT_SELECTED
from ecm.workdays.calendar import bank_holiday_name, is_working_day

DAY_MIN, DAY_MAX = 7, 10  # 002 §H: "between seven and 10 authorities"

NOT_A_WORKING_DAY = "{day} is not a working day ({why}): choose another date"
OUTSIDE_ROUND = (
    "Moderation follows the analysis stage and comes before the final letter: choose a date "
    "between {start} and {end}"
)
NO_GROUP_NAME = "Enter the group's name, for example Group A"
GROUP_EXISTS = "This day already has a group called {name}"
DAY_FULL = (
    "{day} already has {count} councils, the most a moderation day takes (the handbook, "
    "section H: seven to ten)."
    " Put {council} on another day"
)
PRESENTER_ELSEWHERE = (
    "{lead} presents {other} in {group} that day and cannot be in two groups at once: put "
    "{council} in {group} too, or on another day"
)
DAY_HELD = "This moderation day has been held: its groups can no longer change"


def day_words(value: date) -> str:
    """A date as people write it, "Wednesday 12 September 2007" (no zero-padded day)."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def moment_words(value) -> str:
    """When something was recorded, in local time: "14:05 on 12 September 2007"."""
    return timezone.localtime(value).strftime("%H:%M on %d %B %Y")


def placed_day_held(assessment) -> bool:
    """Whether the council's moderation day has been held (after which nothing of it changes)."""
    return ModerationSelection.objects.filter(
        assessment=assessment, group__day__held_at__isnull=False
    ).exists()


def _check_day_date(assessment_round, day: date | None) -> None:
    if day is None:
        raise ValidationError({"date": "Enter the date of the moderation day"})
    if not is_working_day(day):
        why = bank_holiday_name(day) or "a weekend"
        raise ValidationError({"date": NOT_A_WORKING_DAY.format(day=day_words(day), why=why)})
    if not assessment_round.analysis_starts <= day <= assessment_round.final_letter_by:
        raise ValidationError(
            {
                "date": OUTSIDE_ROUND.format(
                    start=day_words(assessment_round.analysis_starts),
                    end=day_words(assessment_round.final_letter_by),
                )
            }
        )


@transaction.atomic
def moderation_day_add(
    *, actor, assessment_round, day: date | None, venue: str = "", groups: int = 3
) -> ModerationDay:
    """A moderation day of the round, with its small groups (Group A, B, ...)."""
    _check_day_date(assessment_round, day)
    moderation_day = ModerationDay.objects.create(
        round=assessment_round, date=day, venue=venue.strip()
    )
    count = max(1, min(groups, 5))
    for i in range(count):
        ModerationGroup.objects.create(day=moderation_day, name=f"Group {chr(ord('A') + i)}")
    audit_record(
        actor=actor,
        verb="moderation.day_added",
        target=assessment_round,
        after={"date": day.isoformat(), "venue": venue.strip(), "groups": count},
    )
    return moderation_day


@transaction.atomic
def moderation_group_add(*, actor, day: ModerationDay, name: str, facilitator=None):
    if day.held_at:
        raise ValidationError(DAY_HELD)
    if not name.strip():
        raise ValidationError({"name": NO_GROUP_NAME})
    if day.groups.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": GROUP_EXISTS.format(name=name.strip())})
    group = ModerationGroup.objects.create(day=day, name=name.strip(), facilitator=facilitator)
    audit_record(
        actor=actor,
        verb="moderation.group_added",
        target=day.round,
        after={"day": day.date.isoformat(), "group": group.name},
    )
    return group


def _lead(assessment):
    return next((a for a in assessment.assignments.all() if a.is_lead), None)


@transaction.atomic
def moderation_place(*, actor, assessment, group: ModerationGroup | None) -> ModerationSelection:
    """Put a selected council in a group of a moderation day (or take it off, with None). A day
    takes at most ten councils, and the Lead who presents a council (002 §H: "usually by the
    lead HMI or BRM") cannot be in two groups at once."""
    selection = (
        ModerationSelection.objects.select_for_update()
        .filter(assessment=assessment, selected=True)
        .first()
    )
    if selection is None:
        raise ValidationError(NOT_SELECTED.format(council=assessment.council.name))
    if selection.group_id and selection.group.day.held_at:
        raise ValidationError(DAY_HELD)
    if group is not None:
        # The day's row is the lock: two placements at once cannot both take its tenth place.
        day = ModerationDay.objects.select_for_update().get(pk=group.day_id)
        if day.held_at:
            raise ValidationError(DAY_HELD)
        others = list(
            ModerationSelection.objects.filter(group__day=day)
            .exclude(pk=selection.pk)
            .select_related("assessment__council", "group")
            .prefetch_related("assessment__assignments__user")
        )
        if len(others) >= DAY_MAX:
            raise ValidationError(
                DAY_FULL.format(
                    day=day_words(day.date), count=len(others), council=assessment.council.name
                )
            )
        lead = _lead(assessment)
        for other in others:
            other_lead = _lead(other.assessment)
            same_lead = lead and other_lead and other_lead.user_id == lead.user_id
            if same_lead and other.group_id != group.pk:
                raise ValidationError(
                    PRESENTER_ELSEWHERE.format(
                        lead=lead.user,
                        other=other.assessment.council.name,
                        group=other.group.name,
                        council=assessment.council.name,
                    )
                )
    before = {"group": str(selection.group) if selection.group_id else None}
    selection.group = group
    selection.save(update_fields=["group"])
    audit_record(
        actor=actor,
        verb="moderation.placed",
        target=assessment,
        before=before,
        after={
            "group": group.name if group else None,
            "day": group.day.date.isoformat() if group else None,
        },
    )
    return selection
