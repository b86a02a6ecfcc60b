"""The round dashboard (issue 8 §4): every council's stage, the deadline it works towards and
how late it is, filtered, in a fixed number of queries; and the round's blocks and
pre-analysis checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from ecm.analysis.models import ChecklistTick
from ecm.analysis.pack import CHECKLIST
from ecm.apa.models import Assessment, AssessmentRound
from ecm.programme.milestones import Milestone, milestones, next_milestone
from ecm.programme.models import Block
from ecm.programme.selectors.facts import facts_for
from ecm.workdays.calendar import count_working_days

ON_TRACK, DUE_SOON, OVERDUE = "on_track", "due_soon", "overdue"
LATENESS = {ON_TRACK: "On track", DUE_SOON: "Due within 5 working days", OVERDUE: "Overdue"}
DUE_SOON_DAYS = 5


@dataclass(frozen=True)
class DashboardRow:
    assessment: Assessment
    block: int | None
    lead: str
    status: str
    status_label: str
    next: Milestone | None
    lateness: str
    working_days: int  # to the next deadline; negative when overdue

    @property
    def days_late(self) -> int:
        return max(0, -self.working_days)


def lateness_of(milestone: Milestone | None, today: date) -> tuple[str, int]:
    if milestone is None or milestone.done:
        return ON_TRACK, 0
    days = count_working_days(today, milestone.date)
    if milestone.date < today:
        return OVERDUE, days
    return (DUE_SOON if days <= DUE_SOON_DAYS else ON_TRACK), days


def round_dashboard(
    *,
    assessment_round: AssessmentRound,
    today: date,
    block: int | None = None,
    region: int | None = None,
    status: str = "",
    lateness: str = "",
) -> list[DashboardRow]:
    """Every council of the round with its stage, its Lead, the deadline it works towards and
    how late it is, filtered; a fixed number of queries however many councils."""
    qs = (
        Assessment.objects.filter(round=assessment_round)
        .select_related("round", "council__region")
        .prefetch_related("assignments__user")
        .order_by("council__name")
    )
    if region:
        qs = qs.filter(council__region_id=region)
    if status:
        qs = qs.filter(status=status)
    if block:
        qs = qs.filter(plan__block__number=block)
    assessments = list(qs)
    facts = facts_for(assessments)
    rows = []
    for a in assessments:
        f = facts[a.pk]
        upcoming = next_milestone(f, milestones(f))
        late, days = lateness_of(upcoming, today)
        if lateness and late != lateness:
            continue
        lead = next((x.user for x in a.assignments.all() if x.is_lead), None)
        rows.append(
            DashboardRow(
                assessment=a,
                block=f.block_number,
                lead=str(lead) if lead else "",
                status=a.status,
                status_label=a.round.the_cycle.status_label(a.status, a.get_status_display()),
                next=upcoming,
                lateness=late,
                working_days=days,
            )
        )
    return rows


def blocks_of(*, assessment_round) -> list:

    return list(
        Block.objects.filter(round=assessment_round)
        .annotate(councils=Count("plans"))
        .order_by("number")
    )


def pre_analysis_progress(*, assessment_round) -> list[dict]:
    """Each council of the round with its pre-analysis checklist (002 §B item 2) done out of
    its items, and the day its analysis starts (its block's, else the round's)."""

    assessments = list(
        Assessment.objects.filter(round=assessment_round)
        .select_related("council", "plan__block")
        .order_by("council__name")
    )
    ticks = dict(
        ChecklistTick.objects.filter(assessment__round=assessment_round)
        .values_list("assessment_id")
        .annotate(n=Count("code", distinct=True))
    )
    total = len(CHECKLIST)
    rows = []
    for a in assessments:
        a.ticked = ticks.get(a.pk, 0)
        plan = getattr(a, "plan", None)
        block = plan.block if plan and plan.block_id else None
        rows.append(
            {
                "assessment": a,
                "done": a.ticked,
                "total": total,
                "complete": a.ticked >= total,
                "starts": block.analysis_starts if block else assessment_round.analysis_starts,
                "block": block.number if block else None,
            }
        )
    return rows
