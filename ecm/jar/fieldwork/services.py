"""Writes of the JAR's fieldwork (issue 24 §2; 001 "Case tracking", "Enhanced Youth
Inspection"): the team plans visits and meetings across the two fieldwork weeks and records the
meetings it holds with a tracked case's people. Each write is audited; an add is done once for
its form's token (issue 20 §4)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.once import once_claim, once_done
from ecm.jar.cases import reference_problem
from ecm.jar.fieldwork import plan
from ecm.jar.fieldwork.models import CaseMeeting, PlannedActivity
from ecm.jar.fieldwork.selectors import fieldwork_weeks, on_site
from ecm.jar.rules import on_team

NOT_ON_TEAM = "Only the review's inspectors plan the fieldwork and record its meetings"
UNKNOWN_CASE = (
    "{reference} is not in the council's list of case files: enter the reference of one of the "
    "ten tracked cases"
)
NOT_TRACKED = (
    "{reference} is on the council's list but is not one of the ten tracked cases: meetings "
    "are recorded against the tracked cases only (the 2007 briefing on the APA and the JAR, "
    '"Case tracking"). Enter a tracked case\'s reference, or swap the case in first'
)
NOBODY_MET = "Choose who was met: the child or young person, a parent or carer, staff or a manager"
UNKNOWN_ROLE = "Choose from the people listed"
NOT_THE_TEAMS = "Choose an inspector of this review's team"
MET_OUTSIDE = (
    "Inspectors meet a tracked case's people during the casework, while the team is on site: "
    "choose a day from {first} to {last}"
)
MET_IN_FUTURE = "Record a meeting once it has taken place: the date cannot be in the future"
NO_WHAT = "Say what the activity is, for example the place visited or the meeting held"
NOT_TIED = "Tie the activity to a line of enquiry or a tracked case, or both"
OTHER_REVIEW = "Choose a line of enquiry of this review"
CASE_MEETING_NEEDS_CASE = "A case-tracking meeting is about a tracked case: choose one"
FOLLOW_UP_NEEDS_LINE = "A follow-up is of a line of enquiry: choose the line it follows up"
UNKNOWN_KIND = "Choose what kind of activity it is"
NO_REASON = "Say why the activity is withdrawn: the reason is kept in the audit trail"
ALREADY_WITHDRAWN = "The activity was withdrawn on {day}"
MEETING_RECORDED = "The meeting on {day} against {reference} was already recorded"
ACTIVITY_PLANNED = "{activity} was already planned"


def _require_team(actor, review) -> None:
    if not on_team(actor, review):
        raise NotYourRole(NOT_ON_TEAM)


def tracked_case_of(*, review, reference: str):
    """The tracked case with this reference, or a refusal in words: a name or a date of birth
    is refused as the council's list refuses it (ecm.jar.cases), a case not listed or not
    tracked is refused and says what to do (001 "Case tracking": "meet with some of the ten
    selected children and young people")."""
    value = (reference or "").strip()
    why = reference_problem(value)
    if why:
        raise ValidationError({"reference": why})
    case = review.cases.filter(reference__iexact=value).first()
    if case is None:
        raise ValidationError({"reference": UNKNOWN_CASE.format(reference=value)})
    if not case.tracked:
        raise ValidationError({"reference": NOT_TRACKED.format(reference=case.reference)})
    return case


@transaction.atomic
def case_meeting_record(
    *,
    actor,
    review,
    reference: str,
    met: list[str],
    met_on: date,
    inspector,
    note: str = "",
    today: date | None = None,
    once: UUID | None = None,
) -> CaseMeeting:
    """Record a meeting an inspector held with a tracked case's people, by their part (001
    "Case tracking": "inspectors will meet with some of the ten selected children and young
    people, their parents, children, as well as staff and first line managers involved"). Only
    against a tracked case; on a day the team is on site (the analysis stage to the end of
    fieldwork week 2, 001 appendix); never in the future."""
    claim = once_claim(token=once, actor=actor, what="jar.case_meeting_record")
    _require_team(actor, review)
    errors: dict[str, str] = {}
    try:
        case = tracked_case_of(review=review, reference=reference)
    except ValidationError as refused:
        errors |= {k: v[0] for k, v in refused.message_dict.items()}
        case = None
    if not met:
        errors["met"] = NOBODY_MET
    elif set(met) - set(plan.ROLE_LABELS):
        errors["met"] = UNKNOWN_ROLE
    if inspector is None or inspector.review_id != review.pk:
        errors["inspector"] = NOT_THE_TEAMS
    first, last = on_site(review)
    if met_on > (today or timezone.localdate()):
        errors["met_on"] = MET_IN_FUTURE
    elif not first <= met_on <= last:
        errors["met_on"] = MET_OUTSIDE.format(
            first=f"{first:%A %-d %B %Y}", last=f"{last:%A %-d %B %Y}"
        )
    if errors:
        raise ValidationError(errors)
    meeting = CaseMeeting.objects.create(
        case=case,
        met=[code for code in plan.ROLE_LABELS if code in met],
        met_on=met_on,
        inspector=inspector,
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.case_meeting_recorded",
        target=review,
        after={
            "case": case.reference,
            "met": meeting.met,
            "met_on": met_on.isoformat(),
            "inspector": inspector.name,
        },
        reason='001 "Case tracking": inspectors meet the tracked cases\' people',
    )
    once_done(
        claim,
        done=MEETING_RECORDED.format(day=f"{met_on:%-d %B %Y}", reference=case.reference),
        result=meeting,
    )
    return meeting


@transaction.atomic
def planned_activity_add(
    *,
    actor,
    review,
    day: date,
    kind: str,
    what: str,
    line=None,
    case_reference: str = "",
    inspector=None,
    once: UUID | None = None,
) -> PlannedActivity:
    """Plan a visit or meeting on a working day of fieldwork week 1 or 2, tied to a line of
    enquiry and/or a tracked case (001: "the majority of visits will be in week one, with week
    two being used for joint meetings with JAR inspectors or to follow up lines of enquiry").
    Where the visits fall is warned about on the plan, never refused: 001 says "majority"."""
    claim = once_claim(token=once, actor=actor, what="jar.planned_activity_add")
    _require_team(actor, review)
    errors: dict[str, str] = {}
    weeks = fieldwork_weeks(review)
    why = plan.day_problem(day, weeks)
    if why:
        errors["day"] = why
    if kind not in plan.KIND_LABELS:
        errors["kind"] = UNKNOWN_KIND
    if not what.strip():
        errors["what"] = NO_WHAT
    if line is not None and line.review_id != review.pk:
        errors["line"] = OTHER_REVIEW
    case = None
    if case_reference.strip():
        try:
            case = tracked_case_of(review=review, reference=case_reference)
        except ValidationError as refused:
            errors["case_reference"] = refused.message_dict["reference"][0]
    if inspector is not None and inspector.review_id != review.pk:
        errors["inspector"] = NOT_THE_TEAMS
    if kind == plan.CASE_MEETING and not case_reference.strip():
        errors.setdefault("case_reference", CASE_MEETING_NEEDS_CASE)
    if kind == plan.FOLLOW_UP and line is None:
        errors.setdefault("line", FOLLOW_UP_NEEDS_LINE)
    tied = line is not None or case_reference.strip()
    if not tied and not errors.keys() & {"line", "case_reference"}:
        errors["line"] = NOT_TIED
    if errors:
        raise ValidationError(errors)
    activity = PlannedActivity.objects.create(
        review=review,
        day=day,
        week=plan.week_of(day, weeks),
        kind=kind,
        what=what.strip(),
        line=line,
        case=case,
        inspector=inspector,
        added_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.fieldwork_planned",
        target=review,
        after={
            "activity": str(activity),
            "week": activity.week,
            "line": line.title if line else "",
            "case": case.reference if case else "",
        },
    )
    once_done(claim, done=ACTIVITY_PLANNED.format(activity=activity), result=activity)
    return activity


@transaction.atomic
def planned_activity_withdraw(*, actor, activity, reason: str) -> PlannedActivity:
    """Take an activity out of the plan, with the reason; it stays in the record (nothing the
    audit needs is deleted)."""
    _require_team(actor, activity.review)
    activity = PlannedActivity.objects.select_for_update().get(pk=activity.pk)
    if activity.withdrawn_at:
        raise ValidationError(ALREADY_WITHDRAWN.format(day=f"{activity.withdrawn_at:%-d %B %Y}"))
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    activity.withdrawn_at = timezone.now()
    activity.withdrawn_by = actor
    activity.withdrawn_reason = reason.strip()
    activity.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    audit_record(
        actor=actor,
        verb="jar.fieldwork_withdrawn",
        target=activity.review,
        before={"activity": str(activity)},
        reason=reason.strip(),
    )
    return activity
