"""Reads of the Joint Area Review (issue 9)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models

from ecm.accounts.roles import Role
from ecm.accounts.selectors import inspectorate_staff_on
from ecm.authorities.selectors import councils_active_on
from ecm.jar.due import COUNCIL, LEAD, TEAM, ReviewState, tasks_for
from ecm.jar.models import JointAreaReview
from ecm.jar.report.selectors import report_for_reading
from ecm.jar.services.setup import review_span
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


def team_candidates(review):
    """The people offered for a review's team (issue 24 §2-§3): inspectorate-side accounts
    that record their inspectorate, which existed from the review's notification to the end of
    its fieldwork, and who are not on the team yet."""
    start, end = review_span(review)
    return (
        inspectorate_staff_on(start)
        .filter(pk__in=inspectorate_staff_on(end).values("pk"))
        .exclude(inspectorate="")
        .exclude(pk__in=review.team.exclude(user=None).values("user"))
        .order_by("inspectorate", "last_name", "first_name")
    )


class ProgrammeStatus(models.TextChoices):
    DONE = "done", "Done: report published"
    SCHEDULED = "scheduled", "Scheduled"
    NOT_SCHEDULED = "not_scheduled", "Not yet scheduled"
    OVERDUE = "overdue", "Overdue"


@dataclass(frozen=True)
class ProgrammeRow:
    council: object
    review: object | None
    status: ProgrammeStatus
    note: str


def programme(on: date) -> list[ProgrammeRow]:
    """Every area of the programme as it stood on `on` (issue 24 §2; 003: "Over the three years
    from September 2005, all local authority services ... will be subject to a joint area
    review"): the councils existing when it began, each done (its report published by `on`),
    scheduled (notified by `on`), not yet scheduled, or overdue (not done once the three years
    are over, or scheduled to start fieldwork after them). The end of the three years is our
    setting (JAR_PROGRAMME_ENDS)."""
    starts, ends = settings.JAR_PROGRAMME_STARTS, settings.JAR_PROGRAMME_ENDS
    reviews: dict[int, list] = {}
    for review in (
        JointAreaReview.objects.select_related("report")
        .filter(notified_on__lte=on)
        .order_by("setup_meeting", "pk")
    ):
        reviews.setdefault(review.council_id, []).append(review)
    rows = []
    for council in councils_active_on(starts):
        found = reviews.get(council.pk, [])
        done = next((r for r in found if _published_by(r, on)), None)
        latest = found[-1] if found else None
        if done is not None:
            published = done.report.published_on
            note = f"published on {published:%-d %B %Y}" if published else "published"
            rows.append(ProgrammeRow(council, done, ProgrammeStatus.DONE, note))
        elif latest is not None and latest.fieldwork_starts > ends:
            note = f"fieldwork from {latest.fieldwork_starts:%-d %B %Y}, after the three years"
            rows.append(ProgrammeRow(council, latest, ProgrammeStatus.OVERDUE, note))
        elif on > ends:
            note = "scheduled, not published" if latest else "no review"
            rows.append(
                ProgrammeRow(
                    council, latest, ProgrammeStatus.OVERDUE, f"{note} by {ends:%-d %B %Y}"
                )
            )
        elif latest is not None:
            note = f"fieldwork from {latest.fieldwork_starts:%-d %B %Y}"
            rows.append(ProgrammeRow(council, latest, ProgrammeStatus.SCHEDULED, note))
        else:
            rows.append(ProgrammeRow(council, None, ProgrammeStatus.NOT_SCHEDULED, ""))
    return rows


def _published_by(review, on: date) -> bool:
    report = getattr(review, "report", None)
    return (
        report is not None
        and report.stage == "published"
        and (report.published_on is None or report.published_on <= on)
    )
