"""After the report (issue 9 §6; 003): the council's action plan with its partners, one or more
actions for each recommendation; and a follow-up inspection where a concern is significant."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.jar.report.models import ActionPlanItem, FollowUp
from ecm.jar.report.services.judgements import report_of
from ecm.jar.report.workflow import ReportStage
from ecm.jar.services.common import _require_council

NOT_PUBLISHED = "The action plan follows the published report: the report is not published yet"
NOT_A_RECOMMENDATION = "Choose one of the report's recommendations"
NO_ACTION = "Say what will be done"
NO_PARTNERS = "Name the partners who will do it with the council"
NO_LEAD = "Name who leads it"
BEFORE_THE_REPORT = (
    "The action is dated {day:%-d %B %Y}, but the action plan answers the report published on "
    "{published:%-d %B %Y}: give the date, after {published:%-d %B %Y}, by which it will be done"
)
SUBMITTED = "The action plan was sent on {day:%-d %B %Y}: it no longer changes"
UNANSWERED = "Every recommendation needs an action. Not yet answered: {missing}"
NOT_ADMINISTRATOR = "Only a programme administrator decides on a follow-up inspection"
NO_CONCERN = "Say what the significant concern is"
FOLLOW_UP_BEFORE = "The follow-up must come after the report's publication on {day:%-d %B %Y}"
ALREADY_DECIDED = "A follow-up inspection was already decided"


def _published(review):
    report = report_of(review)
    if report.stage != ReportStage.PUBLISHED:
        raise ValidationError(NOT_PUBLISHED)
    return report


@transaction.atomic
def action_add(
    *, actor, review, recommendation: str, action: str, partners: str, lead: str, by_when: date
):
    """One action of the council's plan for one of the report's recommendations (003: "write
    an action plan showing how it will address the issues identified in the report"): its
    date follows the report's publication, since the plan answers the published report."""
    _require_council(actor, review)
    report = _published(review)
    if report.action_plan_submitted_on:
        raise ValidationError(SUBMITTED.format(day=report.action_plan_submitted_on))
    errors = {}
    if recommendation not in report.recommendation_list:
        errors["recommendation"] = NOT_A_RECOMMENDATION
    if report.published_on and by_when <= report.published_on:
        errors["by_when"] = BEFORE_THE_REPORT.format(day=by_when, published=report.published_on)
    for field, text, message in (
        ("action", action, NO_ACTION),
        ("partners", partners, NO_PARTNERS),
        ("lead", lead, NO_LEAD),
    ):
        if not text.strip():
            errors[field] = message
    if errors:
        raise ValidationError(errors)
    item = ActionPlanItem.objects.create(
        report=report,
        recommendation=recommendation,
        action=action.strip(),
        partners=partners.strip(),
        lead=lead.strip(),
        by_when=by_when,
        written_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.action_added",
        target=review,
        after={"action": item.pk, "recommendation": recommendation},
    )
    return item


def unanswered_recommendations(report) -> list[str]:
    answered = set(report.actions.values_list("recommendation", flat=True))
    return [r for r in report.recommendation_list if r not in answered]


@transaction.atomic
def action_plan_submit(*, actor, review, on: date | None = None):
    """Send the action plan to the inspectorate: every recommendation answered."""
    _require_council(actor, review)
    report = _published(review)
    if report.action_plan_submitted_on:
        raise ValidationError(SUBMITTED.format(day=report.action_plan_submitted_on))
    missing = unanswered_recommendations(report)
    if missing:
        raise ValidationError(UNANSWERED.format(missing="; ".join(missing)))
    report.action_plan_submitted_on = on or timezone.localdate()
    report.save(update_fields=["action_plan_submitted_on"])
    audit_record(
        actor=actor,
        verb="jar.action_plan_sent",
        target=review,
        after={"actions": report.actions.count()},
    )
    return report


def significant_concerns(review) -> list:
    """Judgements at the lowest point of their scale: a significant concern (003)."""
    concerns = []
    recorded = review.judgements.select_related("judgement__scale").prefetch_related(
        "judgement__scale__grades"
    )
    for judgement in recorded:
        lowest = min(g.value for g in judgement.judgement.scale.grades.all())
        if judgement.grade == lowest:
            concerns.append(judgement)
    return concerns


@transaction.atomic
def follow_up_decide(*, actor, review, concern: str, by_when: date):
    """Decide a follow-up inspection for a significant concern (003)."""
    if Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_ADMINISTRATOR)
    report = _published(review)
    if FollowUp.objects.filter(review=review).exists():
        raise ValidationError(ALREADY_DECIDED)
    if not concern.strip():
        raise ValidationError({"concern": NO_CONCERN})
    if by_when <= report.published_on:
        raise ValidationError({"by_when": FOLLOW_UP_BEFORE.format(day=report.published_on)})
    made = FollowUp.objects.create(
        review=review, concern=concern.strip(), by_when=by_when, decided_by=actor
    )
    audit_record(
        actor=actor,
        verb="jar.follow_up_decided",
        target=review,
        after={"by_when": by_when.isoformat()},
        reason=made.concern,
    )
    return made
