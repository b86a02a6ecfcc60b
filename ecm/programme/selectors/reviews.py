"""The joint area reviews' tasks for "what is due", calendars and reminders (issue 9; issue 24
§3): each review's state read from its parts, the person's part in it, and the rules of
ecm.jar.due applied with the review's timeline (001 appendix)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Min

from ecm.accounts.roles import Role
from ecm.jar.documents.selectors import documents_missing
from ecm.jar.due import (
    COUNCIL,
    LEAD,
    TEAM,
    ReviewState,
    ReviewTask,
    deadline_of,
    last_day_of,
    tasks_for,
)
from ecm.jar.models import JointAreaReview, Questionnaire
from ecm.jar.report.selectors import report_for_reading
from ecm.jar.timeline import review_timeline
from ecm.jar.youth.models import YouthSelfAssessment
from ecm.workdays.calendar import Deadline


@dataclass(frozen=True)
class ReviewDue:
    """One task of a person on a review, with its deadline."""

    review: JointAreaReview
    task: ReviewTask
    deadline: Deadline
    ends: date | None = None  # an event's last day (ecm.jar.due: the team's events)


def reviews_with_parts(user) -> list[tuple[JointAreaReview, set[str]]]:
    """The reviews a person has a part in, with their parts: on the team (the lead too), or
    the council's link officer or director of the review's own council only. A review stays
    until its report is published and, for the council, until its action plan is sent
    (003)."""
    qs = JointAreaReview.objects.select_related("council", "report").exclude(
        report__stage="published", report__action_plan_submitted_on__isnull=False
    )
    if user.council_id:
        if not (user.roles & {Role.LINK_OFFICER, Role.DIRECTOR}):
            return []
        return [(r, {COUNCIL}) for r in qs.filter(council_id=user.council_id)]
    found = []
    for review in qs.filter(team__user=user).distinct().exclude(report__stage="published"):
        parts = {TEAM}
        if review.team.filter(user=user, is_lead=True).exists():
            parts.add(LEAD)
        found.append((review, parts))
    return found


def review_state(review, today: date) -> ReviewState:
    report = report_for_reading(review)
    return ReviewState(
        listed=review.cases.count(),
        tracked=review.cases.filter(tracked=True).count(),
        youth_submitted=YouthSelfAssessment.objects.filter(
            review=review, submitted_at__isnull=False
        ).exists(),
        stage=report.stage,
        no_review=report.no_review_on is not None,
        today=today,
        partners=review.voluntary_partners.count(),
        documents_missing=len(documents_missing(review=review)),
        published_on=report.published_on,
        action_plan_sent=report.action_plan_submitted_on is not None,
        action_plan_working_days=settings.JAR_ACTION_PLAN_WORKING_DAYS,
        questionnaires_due=Questionnaire.objects.filter(
            case__review=review, case__tracked=True, returned_on__isnull=True
        ).aggregate(first=Min("due_on"))["first"],
    )


def due_on_reviews(user, today: date) -> list[ReviewDue]:
    """What the person must do on each of their reviews, by the review's timeline."""
    found = []
    for review, parts in reviews_with_parts(user):
        state = review_state(review, today)
        steps = {s.code: s for s in review_timeline(review)}
        for task in tasks_for(state, parts, steps):
            deadline = deadline_of(task, steps, state)
            ends = last_day_of(task, steps, deadline) if task.event else None
            found.append(ReviewDue(review, task, deadline, ends))
    return found
