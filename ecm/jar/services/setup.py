"""Setting up a review (issue 9 §1; 001): notification with the core lines of enquiry and the
latest published APA, the team led by Ofsted, additional lines, and what the set-up lacks."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.analysis.selectors import required_judgements
from ecm.apa.models import Assessment
from ecm.audit.services import audit_record
from ecm.authorities.models import Council
from ecm.jar.models import Inspectorate, JointAreaReview, LineKind, LineOfEnquiry, TeamMember
from ecm.jar.services.common import (
    ADDITIONAL_LINES,
    BASE_TEAM,
    CORE_LINES,
    DATES_OUT_OF_ORDER,
    LEAD_NOT_OFSTED,
    NO_REASON,
    NOT_A_WORKING_DAY,
    NOT_AN_ADMINISTRATOR,
    _is_administrator,
    _require_team,
)
from ecm.representations.selectors import current_grade
from ecm.workdays.calendar import bank_holiday_name, is_working_day

ALREADY_NOTIFIED = (
    "{council} was already notified of a joint area review on {day}, by {who}: nothing was "
    "made a second time. Open that review from the list of reviews"
)


def latest_apa(council):
    """The council's latest published APA and its overall grade as it stands (with any change
    on representation), or (None, None)."""
    published = (
        Assessment.objects.filter(
            council=council,
            round__regime="apa",
            status__in=("published", "representation", "closed"),
        )
        .select_related("round")
        .order_by("-round__year")
        .first()
    )
    if published is None:
        return None, None
    overall = next(
        (
            j
            for j in required_judgements(published)
            if j.code in ("overall", "overall_effectiveness")
        ),
        None,
    )
    return published, current_grade(published, overall) if overall else None


@transaction.atomic
def review_notify(
    *,
    actor,
    council,
    notified_on: date,
    setup_meeting: date,
    analysis_starts: date,
    fieldwork_starts: date,
) -> JointAreaReview:
    """Notify a council of its review, with its core lines of enquiry and the APA it draws on."""
    if not _is_administrator(actor):
        raise ValidationError(NOT_AN_ADMINISTRATOR)
    if not notified_on < setup_meeting < analysis_starts < fieldwork_starts:
        raise ValidationError(DATES_OUT_OF_ORDER)
    for what, day in (
        ("The set-up meeting", setup_meeting),
        ("The analysis stage", analysis_starts),
        ("Fieldwork", fieldwork_starts),
    ):
        if not is_working_day(day):
            why = bank_holiday_name(day) or day.strftime("%A")
            raise ValidationError(NOT_A_WORKING_DAY.format(what=what, why=why))
    # One notification makes one review (issue 20 §4): the council's row is locked, so a
    # second post of the same notification (Back and submit, a double click, two at once)
    # finds the first.
    Council.objects.select_for_update().get(pk=council.pk)
    earlier = (
        JointAreaReview.objects.filter(
            council=council,
            notified_on=notified_on,
            setup_meeting=setup_meeting,
            analysis_starts=analysis_starts,
            fieldwork_starts=fieldwork_starts,
        )
        .select_related("created_by")
        .first()
    )
    if earlier is not None:
        raise ValidationError(
            ALREADY_NOTIFIED.format(
                council=council.name,
                day=f"{notified_on:%-d %B %Y}",
                who=earlier.created_by or "the programme",
            )
        )
    assessment, grade = latest_apa(council)
    review = JointAreaReview.objects.create(
        council=council,
        notified_on=notified_on,
        setup_meeting=setup_meeting,
        analysis_starts=analysis_starts,
        fieldwork_starts=fieldwork_starts,
        apa_assessment=assessment,
        apa_grade=grade,
        created_by=actor,
    )
    for code, title in CORE_LINES:
        LineOfEnquiry.objects.create(
            review=review, code=code, title=title, kind=LineKind.CORE, reason="001: every review"
        )
    audit_record(
        actor=actor,
        verb="jar.notified",
        target=review,
        after={
            "council": council.name,
            "notified_on": notified_on.isoformat(),
            "setup_meeting": setup_meeting.isoformat(),
            "analysis_starts": analysis_starts.isoformat(),
            "fieldwork_starts": fieldwork_starts.isoformat(),
            "apa_grade": grade,
        },
        reason="Notification of the joint area review (001 appendix)",
    )
    return review


@transaction.atomic
def team_member_add(
    *, actor, review, name: str, inspectorate: str, user=None, is_lead: bool = False
) -> TeamMember:
    if not _is_administrator(actor):
        raise ValidationError(NOT_AN_ADMINISTRATOR)
    if is_lead and inspectorate != Inspectorate.OFSTED:
        raise ValidationError({"is_lead": LEAD_NOT_OFSTED})
    if is_lead:
        review.team.filter(is_lead=True).update(is_lead=False)
    member = TeamMember.objects.create(
        review=review, user=user, name=name.strip(), inspectorate=inspectorate, is_lead=is_lead
    )
    audit_record(
        actor=actor,
        verb="jar.team_member_added",
        target=review,
        after={"name": member.name, "inspectorate": inspectorate, "lead": is_lead},
    )
    return member


@transaction.atomic
def line_of_enquiry_add(*, actor, review, code: str, title: str, reason: str) -> LineOfEnquiry:
    """An additional line: an area of weakness of the latest APA, or a group of children with
    too little known about their outcomes (001), with the reason."""
    _require_team(actor, review)
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    line = LineOfEnquiry.objects.create(
        review=review,
        code=code,
        title=title.strip(),
        kind=LineKind.ADDITIONAL,
        reason=reason.strip(),
        added_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.line_added",
        target=review,
        after={"code": code, "title": line.title},
        reason=line.reason,
    )
    return line


def setup_warnings(review) -> list[str]:
    """What the set-up still lacks: the number of additional lines the APA grade asks for and
    the team to follow them (001). Warnings, not refusals: the programme decides."""
    found = []
    extra = review.lines_of_enquiry.filter(kind=LineKind.ADDITIONAL).count()
    if review.apa_grade in ADDITIONAL_LINES:
        fewest, most = ADDITIONAL_LINES[review.apa_grade]
        if extra < fewest or (most is not None and extra > most):
            wanted = f"{fewest}" if most == fewest else f"at least {fewest}"
            found.append(
                f"The latest APA grade is {review.apa_grade}: 001 sets {wanted} additional "
                f"line{'s' if fewest != 1 else ''} of enquiry; there are {extra}"
            )
    team = list(review.team.all())
    if not any(m.is_lead for m in team):
        found.append("The team has no lead inspector from Ofsted")
    for inspectorate in (Inspectorate.HEALTHCARE, Inspectorate.AUDIT):
        if not any(m.inspectorate == inspectorate for m in team):
            found.append(f"The team has nobody from the {inspectorate.label}")
    needed = BASE_TEAM + extra
    if len(team) < needed:
        found.append(
            f"{extra} additional line{'s' if extra != 1 else ''} of enquiry need a team of "
            f"{needed}; it has {len(team)}"
        )
    return found
