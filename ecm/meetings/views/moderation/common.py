"""What every moderation page shares: the permissions it checks, fetching the round, day or
assessment it is about (a refusal is a 404, as for a missing page), calling a service with
its refusal shown on the form, and what an edit page answers once the council's moderation was
decided or its day held (issue 20 §3)."""

from django.urls import reverse

from ecm.apa.models import ModerationOutcome
from ecm.core.access import access_object
from ecm.core.frozen import Since, frozen_notice, frozen_page
from ecm.meetings.selectors import moderation as selectors

VIEW, MANAGE = "apa.view_moderation", "apa.manage_moderation"
VIEW_DAY = "apa.view_moderation_day"
VIEW_FORM, EDIT_FORM = "apa.view_moderation_form", "apa.edit_moderation_form"
RECORD = "apa.record_moderation_outcome"
DECIDED = (
    "The moderation outcome is the record of what the day decided: the Moderation Form and the "
    "Steps 2-4 it discussed no longer change, and the council stays in moderation (the "
    "handbook, section H)."
)
DAY_HELD = (
    "Every council on the day has its outcome: the day's groups and who is in them no longer "
    "change (the handbook, section H)."
)


def get_round(request, pk: int, perm: str = VIEW):
    return access_object(request.user, selectors.moderation_rounds(), perm, pk=pk)


def get_day(request, pk: int, perm: str = VIEW_DAY):
    return access_object(request.user, selectors.moderation_day_queryset(), perm, pk=pk)


def get_assessment(request, pk: int, perm: str):
    return access_object(request.user, selectors.moderation_assessments(), perm, pk=pk)


def overview_url(assessment_round) -> str:
    return reverse("meetings:moderation", args=[assessment_round.pk])


def day_url(day) -> str:
    return reverse("meetings:moderation-day", args=[day.pk])


def placed_day(assessment):
    """The moderation day the council is on, or None."""
    selection = selectors.related_or_none(assessment, "moderation")
    return selection.group.day if selection and selection.group_id else None


def decided(assessment) -> ModerationOutcome | None:
    """The council's moderation outcome once the day has recorded it (then nothing of its
    moderation changes), or None."""
    return selectors.related_or_none(assessment, "moderation_outcome")


def decided_notice(assessment, outcome: ModerationOutcome):
    """What a page of the council's moderation says once its outcome is recorded."""
    return frozen_notice(
        what=f"the moderation of {assessment.council.name}",
        happened="was decided",
        since=Since.of(outcome.recorded_at, outcome.recorded_by),
        why=DECIDED,
    )


def decided_page(request, assessment, outcome: ModerationOutcome, *, back_url: str):
    """An edit page of the council's moderation, opened again after its outcome was recorded."""
    notice = decided_notice(assessment, outcome)
    return frozen_page(
        request,
        what=f"the moderation of {assessment.council.name}",
        happened="was decided",
        since=Since.of(outcome.recorded_at, outcome.recorded_by),
        why=notice.why,
        back_url=back_url,
        back_text="Go back",
        caption=f"{assessment.round.title} \N{MIDDLE DOT} Moderation",
        title="This moderation can no longer be changed",
    )


def day_held_page(request, day):
    """An edit page of a moderation day, opened again after the day was held (its last outcome
    recorded): when, by whom, and why its groups stay."""
    last = (
        ModerationOutcome.objects.filter(assessment__moderation__group__day=day)
        .select_related("recorded_by")
        .order_by("-recorded_at")
        .first()
    )
    return frozen_page(
        request,
        what="this moderation day",
        happened="was held: its last outcome was recorded",
        since=Since.of(last.recorded_at if last else day.held_at, last and last.recorded_by),
        why=DAY_HELD,
        back_url=day_url(day),
        back_text="Go to the moderation day",
        caption=str(day),
        title="This moderation day can no longer be changed",
    )
