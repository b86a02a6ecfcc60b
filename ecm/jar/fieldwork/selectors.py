"""Reads of the JAR's fieldwork (issue 24 §2; 001 "Case tracking", "Enhanced Youth
Inspection"): the two fieldwork weeks from the review's timeline, the plan by week with its
warnings, the meetings held against each tracked case, and this part's panel on the review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from ecm.jar.fieldwork import plan
from ecm.jar.fieldwork.models import CaseMeeting, PlannedActivity
from ecm.jar.timeline import step_of


def fieldwork_weeks(review) -> list[plan.Week]:
    """Fieldwork weeks 1 and 2 as the review's timeline gives them (001 appendix: "Fieldwork
    week 1 15-19 Oct 2007", "Fieldwork week 2 and feedback 22-26 Oct 2007")."""
    weeks = []
    for number in (1, 2):
        step = step_of(review, f"fieldwork_{number}")
        weeks.append(plan.Week(number, step.deadline.date, step.ends or step.deadline.date))
    return weeks


def on_site(review) -> tuple[date, date]:
    """When the team is on site and the casework is done: from the analysis stage ("Team
    attends on site. LA to have ready case files") to the end of fieldwork week 2 (001
    appendix)."""
    return review.analysis_starts, fieldwork_weeks(review)[1].last


def may_see_notes(user, review) -> bool:
    """The inspectors' notes of their meetings: the inspectorate's, never the council's."""
    return user.has_perm("jar.fieldwork_see_notes", review)


def activities_of(review):
    return (
        PlannedActivity.objects.filter(review=review, withdrawn_at__isnull=True)
        .select_related("line", "case", "inspector")
        .order_by("day", "pk")
    )


@dataclass(frozen=True)
class PlanWeek:
    week: plan.Week
    activities: list
    visits: int


def plan_by_week(review) -> list[PlanWeek]:
    """The plan's activities (not withdrawn) under the week they fall in."""
    found = list(activities_of(review))
    return [
        PlanWeek(
            week,
            [a for a in found if a.week == week.number],
            sum(1 for a in found if a.week == week.number and a.kind == plan.VISIT),
        )
        for week in fieldwork_weeks(review)
    ]


def plan_warnings_of(review) -> list[str]:
    """The plan's warnings (plan.plan_warnings): most visits not in week one, lines of enquiry
    with nothing planned."""
    planned = [
        plan.Planned(a.week, a.kind, a.line.code if a.line else None) for a in activities_of(review)
    ]
    lines = [(line.code, line.title) for line in review.lines_of_enquiry.all()]
    return plan.plan_warnings(planned, lines)


def withdrawn_of(review):
    return PlannedActivity.objects.filter(review=review, withdrawn_at__isnull=False).select_related(
        "withdrawn_by"
    )


def meetings_of(case):
    return CaseMeeting.objects.filter(case=case).select_related("inspector")


def tracked_with_meetings(review) -> list:
    """The tracked cases, each with `meeting_count` (a case with none shows 0)."""
    return list(
        review.cases.filter(tracked=True)
        .annotate(meeting_count=Count("meetings"))
        .order_by("category", "reference")
    )


def review_panel(*, review, user) -> dict:
    """What this part shows on the review's page (jar/fieldwork/_on_review.html gets it as
    `panel`): the plan's activities per week, the meetings per tracked case, and links."""
    if not user.has_perm("jar.fieldwork_read", review):
        return {}
    weeks = plan_by_week(review)
    return {
        "visible": True,
        "weeks": weeks,
        "tracked": tracked_with_meetings(review),
        "warnings": plan_warnings_of(review) if may_see_notes(user, review) else [],
        "may_plan": user.has_perm("jar.fieldwork_plan", review),
        "may_meet": user.has_perm("jar.fieldwork_meet", review),
    }
