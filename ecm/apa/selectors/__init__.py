"""Reads for rounds and assessments."""

from collections import Counter

from django.db.models import Prefetch, QuerySet

from ecm.apa.models import (
    Assessment,
    AssessmentRound,
    Assignment,
    Meeting,
    ModerationSelection,
)
from ecm.apa.workflow import TERMINAL, AssessmentStatus, statuses_in_group


def _with_people(qs: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return qs.select_related("round", "council", "council__region").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("user"))
    )


def round_list() -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.select_related("framework_version")


def round_assessments(*, assessment_round: AssessmentRound, status: str | None = None):
    qs = _with_people(assessment_round.assessments.all()).order_by("council__name")
    if status:
        qs = qs.filter(status=status)
    return qs


def round_status_counts(*, assessment_round: AssessmentRound) -> list[tuple[AssessmentStatus, int]]:
    counts = Counter(assessment_round.assessments.values_list("status", flat=True))
    return [(s, counts.get(s.value, 0)) for s in AssessmentStatus]


def assessments_for_inspector(*, user) -> QuerySet[Assessment]:
    """The assessments a person is assigned to, open ones first then the newest round."""
    return _with_people(Assessment.objects.filter(assignments__user=user).distinct()).order_by(
        "-round__year", "council__name"
    )


def assessment_current_for_council(*, council) -> Assessment | None:
    """The council's assessment in its latest round that is not closed, else its latest."""
    qs = _with_people(Assessment.objects.filter(council=council)).order_by("-round__year")
    open_ones = qs.exclude(status__in=statuses_in_group(TERMINAL))
    return open_ones.first() or qs.first()


def assessment_detail_queryset() -> QuerySet[Assessment]:
    return _with_people(Assessment.objects.all())


def lead_of(assessment: Assessment) -> Assignment | None:
    return next((a for a in assessment.assignments.all() if a.is_lead), None)


# Whose names the pages show beside the meeting's dates.
_MEETING_PEOPLE = ("date_proposed_by", "date_agreed_by")


def meeting_for(*, assessment) -> Meeting:
    """The assessment's meeting, or an unsaved one when nothing has been arranged yet: reading
    a page never writes. The services create it on the first change."""
    found = Meeting.objects.select_related(*_MEETING_PEOPLE).filter(assessment=assessment).first()
    if found is None:
        found = Meeting(assessment=assessment)
    found.assessment = assessment  # keep the caller's prefetched assignments and council
    return found


def selection_of(*, assessment) -> ModerationSelection | None:
    """Whether and where the assessment is moderated (its day and group), or None."""
    return (
        ModerationSelection.objects.filter(assessment=assessment)
        .select_related("group__day")
        .first()
    )
