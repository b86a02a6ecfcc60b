"""Writes of the enhanced youth inspection (issue 9 §5; 001 "Enhanced Youth Inspection"): the
council's youth service self-assessment and its activity list for fieldwork week one, the
team's block of 16 to 20 observations, and the youth report. Each write is audited."""

from __future__ import annotations

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.locking import refuse_if_stale
from ecm.jar.models import JointAreaReview
from ecm.jar.services.common import _require_council
from ecm.jar.youth.models import (
    AREA_CODES,
    AREA_LABELS,
    FEWEST_OBSERVATIONS,
    GRADE_FIELDS,
    MOST_OBSERVATIONS,
    OUTCOME_CODES,
    OUTCOME_GRADE_FIELDS,
    OUTCOME_LABELS,
    YouthActivity,
    YouthObservation,
    YouthReport,
    YouthSelfAssessment,
)
from ecm.workdays.calendar import add_working_days

ALREADY_SUBMITTED = (
    "The youth service self-assessment was submitted on {day}: it can no longer change"
)
INCOMPLETE = "The self-assessment cannot be submitted yet. Still to give: {missing}"
NOT_A_GRADE = "Choose one of the four points of the scale"
OUTSIDE_WEEK_ONE = (
    "List the activity taking place in the first fieldwork week (001): choose a day from "
    "{first} to {last}"
)
NO_VENUE = "Enter where the activity takes place"
NO_WHAT = "Enter what the activity is"
UNKNOWN_OUTCOME = "Choose from the five outcomes"
ENDS_BEFORE_START = "The activity must end after it starts"
NOT_ON_TEAM = "Only the review's inspectors record observations and write the youth report"
NOT_THE_LEAD = "Only the review's lead inspector finalises the youth report"
TOO_MANY = (
    "{most} observations are already recorded: the enhanced youth inspection is a block of "
    "16 to 20 observations (001)"
)
FEW_OBSERVATIONS = (
    "{count} of at least 16 observations recorded: the enhanced youth inspection is a block of "
    "16 to 20 observations (001)"
)
OTHER_REVIEW = "Choose an activity from this review's list"
NO_SESSION = "Choose the activity observed, or say which session it was"
NO_YOUNG_PEOPLE = "Enter how many young people were present, as a whole number"
REPORT_FINAL = "The youth report was finalised on {day}: it can no longer change"
CANNOT_FINALISE = "The youth report cannot be finalised yet. Still needed: {missing}"


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}" if moment else ""


def week_one(review) -> tuple[date, date]:
    """The first fieldwork week: the review's first fieldwork day and the four working days
    after it (001: "the majority of visits will be in week one")."""
    return review.fieldwork_starts, add_working_days(review.fieldwork_starts, 4)


def _require_team(actor, review) -> None:
    if not review.team.filter(user=actor).exists():
        raise NotYourRole(NOT_ON_TEAM)


def _check_grades(values: dict) -> dict:
    return {
        field: NOT_A_GRADE
        for field, value in values.items()
        if value is not None and value not in (1, 2, 3, 4)
    }


# ------------------------------------------------------------------------- Self-assessment

SELF_ASSESSMENT_FIELDS = (
    *(f for code in AREA_CODES for f in (f"{code}_grade", f"{code}_commentary")),
    *(f for code in OUTCOME_CODES for f in (f"{code}_grade", code)),
)
# Every grade the council gives itself: the three areas and the five outcomes (001).
SELF_GRADE_FIELDS = (*GRADE_FIELDS, *OUTCOME_GRADE_FIELDS)


def self_assessment_missing(sa: YouthSelfAssessment) -> list[str]:
    """What the self-assessment still lacks (001: "grading performance on achievement,
    curriculum and resources and management, as well as providing an evaluative commentary on
    contributions to the five outcomes and grading performance for each area"): a grade and a
    commentary for each of the three areas and each of the five outcomes."""
    missing = []
    for code in AREA_CODES:
        if getattr(sa, f"{code}_grade") is None:
            missing.append(f"a grade for {AREA_LABELS[code].lower()}")
        if not getattr(sa, f"{code}_commentary").strip():
            missing.append(f"a commentary on {AREA_LABELS[code].lower()}")
    for code in OUTCOME_CODES:
        if getattr(sa, f"{code}_grade") is None:
            missing.append(f"a grade for {OUTCOME_LABELS[code].lower()}")
        if not getattr(sa, code).strip():
            missing.append(f"a commentary on {OUTCOME_LABELS[code].lower()}")
    return missing


@transaction.atomic
def youth_self_assessment_save(
    *, actor, review, answers: dict, expected_lock_version: int | None
) -> YouthSelfAssessment:
    """Save the council's draft of its youth service self-assessment (001). Written by the
    council's link officer or director; refused once submitted, and from a stale page."""
    _require_council(actor, review)
    sa, _ = YouthSelfAssessment.objects.select_for_update().get_or_create(review=review)
    if sa.submitted_at:
        raise ValidationError(ALREADY_SUBMITTED.format(day=_day(sa.submitted_at)))
    refuse_if_stale(sa, expected_lock_version, what="this self-assessment")
    unknown = set(answers) - set(SELF_ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of the youth self-assessment: {sorted(unknown)}")
    errors = _check_grades({k: v for k, v in answers.items() if k in SELF_GRADE_FIELDS})
    if errors:
        raise ValidationError(errors)
    before = {f: getattr(sa, f) for f in answers}
    for field, value in answers.items():
        setattr(sa, field, value.strip() if isinstance(value, str) else value)
    sa.lock_version += 1
    sa.save()
    audit_record(
        actor=actor,
        verb="jar.youth_self_assessment_saved",
        target=review,
        before={f: before[f] for f in SELF_GRADE_FIELDS if f in before},
        after={f: answers[f] for f in SELF_GRADE_FIELDS if f in answers}
        | {"changed": sorted(f for f in answers if before[f] != getattr(sa, f))},
    )
    return sa


@transaction.atomic
def youth_self_assessment_submit(*, actor, review) -> YouthSelfAssessment:
    """Submit the youth service self-assessment: only with a grade and a commentary for each
    of the three areas and each of the five outcomes (001), refused with the list of what is
    missing."""
    _require_council(actor, review)
    sa, _ = YouthSelfAssessment.objects.select_for_update().get_or_create(review=review)
    if sa.submitted_at:
        raise ValidationError(ALREADY_SUBMITTED.format(day=_day(sa.submitted_at)))
    missing = self_assessment_missing(sa)
    if missing:
        raise ValidationError(INCOMPLETE.format(missing="; ".join(missing)))
    sa.submitted_at = timezone.now()
    sa.submitted_by = actor
    sa.lock_version += 1
    sa.save()
    audit_record(
        actor=actor,
        verb="jar.youth_self_assessment_submitted",
        target=review,
        after={f: getattr(sa, f) for f in SELF_GRADE_FIELDS},
    )
    return sa


# ---------------------------------------------------------------------------- Activities


@transaction.atomic
def youth_activity_add(
    *,
    actor,
    review,
    day: date,
    starts_at: time,
    venue: str,
    what: str,
    outcomes: list[str],
    good_practice: bool,
    ends_at: time | None = None,
) -> YouthActivity:
    """Add a session to the list of youth service activity in the first fieldwork week (001:
    "all the youth service activity taking place during the first fieldwork week, highlighting
    ... good practice; and/or which links to the five outcomes"). Written by the council."""
    _require_council(actor, review)
    first, last = week_one(review)
    errors = {}
    if not first <= day <= last:
        errors["day"] = OUTSIDE_WEEK_ONE.format(
            first=f"{first:%A %-d %B %Y}", last=f"{last:%A %-d %B %Y}"
        )
    if not venue.strip():
        errors["venue"] = NO_VENUE
    if not what.strip():
        errors["what"] = NO_WHAT
    if set(outcomes) - set(OUTCOME_CODES):
        errors["outcomes"] = UNKNOWN_OUTCOME
    if ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = ENDS_BEFORE_START
    if errors:
        raise ValidationError(errors)
    activity = YouthActivity.objects.create(
        review=review,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        what=what.strip(),
        outcomes=[c for c in OUTCOME_CODES if c in outcomes],
        good_practice=good_practice,
        added_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.youth_activity_added",
        target=review,
        after={
            "activity": str(activity),
            "outcomes": activity.outcomes,
            "good_practice": good_practice,
        },
    )
    return activity


# -------------------------------------------------------------------------- Observations


def observations_warning(review) -> str:
    """A warning, not a refusal, while fewer than 16 observations are recorded (001)."""
    count = review.youth_observations.count()
    return FEW_OBSERVATIONS.format(count=count) if count < FEWEST_OBSERVATIONS else ""


@transaction.atomic
def youth_observation_record(
    *,
    actor,
    review,
    observed_on: date,
    grades: dict[str, int],
    notes: dict[str, str],
    young_people_present: int,
    activity: YouthActivity | None = None,
    session: str = "",
) -> YouthObservation:
    """Record one observed session, graded on the three areas (001: "a block of 16 to 20
    observations"). By the review's team; refused beyond 20 and once the youth report is
    final; fewer than 16 is only a warning (`observations_warning`)."""
    _require_team(actor, review)
    JointAreaReview.objects.select_for_update().filter(pk=review.pk).first()  # one at a time
    _require_report_open(review)
    if review.youth_observations.count() >= MOST_OBSERVATIONS:
        raise ValidationError(TOO_MANY.format(most=MOST_OBSERVATIONS))
    errors = {}
    for code in AREA_CODES:
        if grades.get(code) not in (1, 2, 3, 4):
            errors[f"{code}_grade"] = NOT_A_GRADE
    if activity is not None and activity.review_id != review.pk:
        errors["activity"] = OTHER_REVIEW
    if activity is None and not session.strip():
        errors["session"] = NO_SESSION
    if young_people_present is None or young_people_present < 0:
        errors["young_people_present"] = NO_YOUNG_PEOPLE
    if errors:
        raise ValidationError(errors)
    observation = YouthObservation.objects.create(
        review=review,
        activity=activity,
        session=session.strip(),
        observed_on=observed_on,
        observer=actor,
        young_people_present=young_people_present,
        **{f"{code}_grade": grades[code] for code in AREA_CODES},
        **{f"{code}_notes": notes.get(code, "").strip() for code in AREA_CODES},
    )
    audit_record(
        actor=actor,
        verb="jar.youth_observation_recorded",
        target=review,
        after={
            "observation": str(observation),
            "number": review.youth_observations.count(),
            **{f"{code}_grade": grades[code] for code in AREA_CODES},
        },
    )
    return observation


# -------------------------------------------------------------------------------- Report


def _require_report_open(review) -> None:
    report = YouthReport.objects.filter(review=review).first()
    if report and report.finalised_at:
        raise ValidationError(REPORT_FINAL.format(day=_day(report.finalised_at)))


REPORT_TEXTS = ("strengths", "weaknesses", "recommendations")


def report_missing(report: YouthReport) -> list[str]:
    """What the youth report still needs before it is final (001: "grades, strengths,
    weaknesses and recommendations for development"; a block of 16 to 20 observations)."""
    count = report.review.youth_observations.count()
    missing = []
    if count < FEWEST_OBSERVATIONS:
        missing.append(f"at least {FEWEST_OBSERVATIONS} observations ({count} recorded)")
    missing += [
        f"a grade for {AREA_LABELS[code].lower()}"
        for code in AREA_CODES
        if getattr(report, f"{code}_grade") is None
    ]
    labels = {"recommendations": "recommendations for development"}
    missing += [labels.get(t, t) for t in REPORT_TEXTS if not getattr(report, t).strip()]
    return missing


@transaction.atomic
def youth_report_save(
    *,
    actor,
    review,
    grades: dict[str, int | None],
    strengths: str,
    weaknesses: str,
    recommendations: str,
    expected_lock_version: int | None,
) -> YouthReport:
    """Save the team's draft of the youth report (001). Refused once final, and from a stale
    page."""
    _require_team(actor, review)
    # The review's row first, as recording an observation takes it: none lands meanwhile.

    JointAreaReview.objects.select_for_update().filter(pk=review.pk).first()
    report, _ = YouthReport.objects.select_for_update().get_or_create(review=review)
    if report.finalised_at:
        raise ValidationError(REPORT_FINAL.format(day=_day(report.finalised_at)))
    refuse_if_stale(report, expected_lock_version, what="this report")
    errors = _check_grades({f"{c}_grade": grades.get(c) for c in AREA_CODES})
    if errors:
        raise ValidationError(errors)
    before = {f: getattr(report, f) for f in GRADE_FIELDS}
    for code in AREA_CODES:
        setattr(report, f"{code}_grade", grades.get(code))
    report.strengths = strengths.strip()
    report.weaknesses = weaknesses.strip()
    report.recommendations = recommendations.strip()
    report.lock_version += 1
    report.save()
    audit_record(
        actor=actor,
        verb="jar.youth_report_saved",
        target=review,
        before=before,
        after={f: getattr(report, f) for f in GRADE_FIELDS},
    )
    return report


@transaction.atomic
def youth_report_finalise(*, actor, review) -> YouthReport:
    """Finalise the youth report: by the lead inspector, only with 16 to 20 observations and
    all its grades, strengths, weaknesses and recommendations (001)."""
    if not review.team.filter(user=actor, is_lead=True).exists():
        raise NotYourRole(NOT_THE_LEAD)
    # The review's row first, as recording an observation takes it: none lands meanwhile.

    JointAreaReview.objects.select_for_update().filter(pk=review.pk).first()
    report, _ = YouthReport.objects.select_for_update().get_or_create(review=review)
    if report.finalised_at:
        raise ValidationError(REPORT_FINAL.format(day=_day(report.finalised_at)))
    missing = report_missing(report)
    if missing:
        raise ValidationError(CANNOT_FINALISE.format(missing="; ".join(missing)))
    report.finalised_at = timezone.now()
    report.finalised_by = actor
    report.lock_version += 1
    report.save()
    audit_record(
        actor=actor,
        verb="jar.youth_report_finalised",
        target=review,
        after={
            **{f: getattr(report, f) for f in GRADE_FIELDS},
            "observations": review.youth_observations.count(),
        },
    )
    return report
