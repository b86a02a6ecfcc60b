"""Reads of the Joint Area Review (issue 9)."""

from dataclasses import dataclass

from ecm.accounts.roles import Role
from ecm.jar.due import COUNCIL, LEAD, TEAM, ReviewState, tasks_for
from ecm.jar.models import JointAreaReview
from ecm.jar.report.selectors import report_for_reading
from ecm.jar.timeline import Step, review_timeline
from ecm.jar.youth.models import YouthSelfAssessment


@dataclass(frozen=True)
class DueOnReview:
    """One task of a person on a review, with its deadline from the timeline."""

    review: object
    task: object  # ecm.jar.due.ReviewTask
    step: Step


def reviews_of(user):
    """The open reviews a person has a part in: on the team, or the council's link officer or
    director. A review leaves once its report is published."""
    qs = JointAreaReview.objects.select_related("council").exclude(report__stage="published")
    if user.council_id:
        if not (user.roles & {Role.LINK_OFFICER, Role.DIRECTOR}):
            return []
        return list(qs.filter(council_id=user.council_id))
    return list(qs.filter(team__user=user).distinct())


def _state(review) -> ReviewState:
    report = report_for_reading(review)
    return ReviewState(
        listed=review.cases.count(),
        tracked=review.cases.filter(tracked=True).count(),
        youth_submitted=YouthSelfAssessment.objects.filter(
            review=review, submitted_at__isnull=False
        ).exists(),
        stage=report.stage,
        no_review=report.no_review_on is not None,
    )


def due_on_reviews(user) -> list[DueOnReview]:
    """What the person must do on each of their open reviews, by the review's timeline."""
    found = []
    for review in reviews_of(user):
        parts = set()
        if user.council_id:
            parts.add(COUNCIL)
        else:
            member = review.team.filter(user=user).first()
            parts.add(TEAM)
            if member and member.is_lead:
                parts.add(LEAD)
        steps = {s.code: s for s in review_timeline(review)}
        for task in tasks_for(_state(review), parts):
            found.append(DueOnReview(review, task, steps[task.step]))
    return found
