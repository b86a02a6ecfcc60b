"""Reads of the inspector days (002 §A): one council's two inspectors, and every council of a
round for a manager, each in a fixed number of queries whatever the round's size."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from ecm.analysis.days import OVER, UNDER, Run, runs
from ecm.analysis.models import InspectorDay
from ecm.apa.models import INSPECTOR_ASSIGNMENTS, Assessment, Assignment


def tolerance() -> Decimal:
    """INSPECTOR_DAYS_TOLERANCE: a setting of ours, not the handbook's."""
    return Decimal(str(settings.INSPECTOR_DAYS_TOLERANCE))


@dataclass(frozen=True)
class InspectorRuns:
    assignment: Assignment
    runs: list[Run]
    rows: list[InspectorDay]

    @property
    def total(self) -> Run:
        return self.runs[-1]

    @property
    def flagged(self) -> list[Run]:
        return [r for r in self.runs if r.state in (OVER, UNDER)]


def _inspector_runs(assessment, assignments, rows, today) -> list[InspectorRuns]:
    by_inspector = defaultdict(list)
    for row in rows:
        by_inspector[row.inspector_id].append(row)
    return [
        InspectorRuns(
            assignment,
            runs(
                rows=by_inspector[assignment.user_id],
                status=assessment.status,
                today=today,
                tolerance=tolerance(),
            ),
            by_inspector[assignment.user_id],
        )
        for assignment in assignments
    ]


def assessment_days(*, assessment, today: date) -> list[InspectorRuns]:
    """The HMI's and the BRM's days for one council, with their runs."""
    assignments = [
        a
        for a in assessment.assignments.select_related("user").order_by("role")
        if a.role in INSPECTOR_ASSIGNMENTS
    ]
    rows = list(InspectorDay.objects.filter(assessment=assessment).order_by("on", "activity", "pk"))
    return _inspector_runs(assessment, assignments, rows, today)


@dataclass(frozen=True)
class CouncilDays:
    assessment: Assessment
    inspectors: list[InspectorRuns]

    @property
    def flagged(self) -> bool:
        return any(i.flagged for i in self.inspectors)


def round_days(*, assessment_round, today: date) -> list[CouncilDays]:
    """Every council of the round with its inspectors' runs: three queries."""
    assessments = list(
        Assessment.objects.filter(round=assessment_round)
        .select_related("council")
        .order_by("council__name")
    )
    assignments = defaultdict(list)
    for a in (
        Assignment.objects.filter(
            assessment__round=assessment_round, role__in=INSPECTOR_ASSIGNMENTS
        )
        .select_related("user")
        .order_by("role")
    ):
        assignments[a.assessment_id].append(a)
    rows = defaultdict(list)
    for row in InspectorDay.objects.filter(assessment__round=assessment_round):
        rows[row.assessment_id].append(row)
    return [
        CouncilDays(a, _inspector_runs(a, assignments[a.pk], rows[a.pk], today))
        for a in assessments
    ]
