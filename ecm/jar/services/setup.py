"""Setting up a review (issue 9 §1, issue 24 §1-§2; 001; 003): notification with the core lines
of enquiry and the latest published APA, the team of accounts led by Ofsted, additional lines
(the team's own, or carried from the APA's weak areas and its hypotheses for JAR fieldwork),
and what the set-up lacks."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.inspectorates import inspectorate_named
from ecm.analysis.selectors import required_judgements
from ecm.apa.models import Assessment
from ecm.audit.services import audit_record
from ecm.authorities.models import Council
from ecm.authorities.selectors import councils_active_on
from ecm.jar.models import (
    Inspectorate,
    JointAreaReview,
    LineKind,
    LineOfEnquiry,
    LineOrigin,
    TeamMember,
)
from ecm.jar.services.common import (
    CORE_LINES,
    DATES_OUT_OF_ORDER,
    LEAD_NOT_OFSTED,
    NO_REASON,
    NOT_A_WORKING_DAY,
    NOT_AN_ADMINISTRATOR,
    _is_administrator,
    _require_team,
)
from ecm.jar.services.lines import LineProposal, proposed_lines
from ecm.jar.timeline import step_of
from ecm.representations.selectors import current_grade
from ecm.workdays.calendar import bank_holiday_name, is_working_day

ALREADY_NOTIFIED = (
    "{council} was already notified of a joint area review on {day}, by {who}: nothing was "
    "made a second time. Open that review from the list of reviews"
)
COUNCIL_NOT_THEN = (
    "{council} did not exist as a council with children's services on {day}: choose a "
    "council that did, or check the dates"
)
NOT_AN_ACCOUNT = "Choose the inspector's account: the team is made of people who sign in"
NO_INSPECTORATE = (
    "{name}'s account does not say which inspectorate or commission they work for: record it "
    "on their account (People, then Change), then add them"
)
OTHER_INSPECTORATE = (
    "{name}'s account gives their inspectorate as {theirs}, not {given}: a member's "
    "inspectorate is their account's"
)
INSPECTORATE_NOT_THEN = (
    "The {inspectorate} did not exist for the whole review ({start} to {end}): choose an "
    "inspector from one that did"
)
ALREADY_ON_TEAM = "{name} is already on the team"
ALREADY_CARRIED = "That line was already carried into the review"

# 003: "Review teams are multi-disciplinary and normally have inspectors from at least four
# inspectorates or commissions" (the seed's number, so not a setting).
INSPECTORATES_NORMALLY = 4

# 001: "excellent authorities only having one additional line of enquiry (in addition to
# safeguarding, looked after children and disabled children), good three and poor authorities
# having more". The APA's overall grade reads: 4 excellent ("outstanding"), 3 good; 001 names
# no grade 2 nor grade 1, only "poor": both are read as poor here, and the page says so.
BRIEFING = "the 2007 briefing on the APA and the JAR"
LINES_EXCELLENT = (
    'The latest APA grade is 4: {briefing} gives excellent authorities "only ... one '
    'additional line of enquiry"; this review has {extra}'
)
LINES_GOOD = (
    "The latest APA grade is 3: {briefing} gives good authorities three additional lines of "
    "enquiry; this review has {extra}"
)
LINES_POOR = (
    'The latest APA grade is {grade}: {briefing} says poor authorities have "more" additional '
    "lines than good ones' three, without a number, and does not say whether a grade of 2 "
    "counts as poor or only a grade of 1. Our setting expects at least {fewest}; this review "
    "has {extra}"
)
TEAM_FEWER_INSPECTORATES = (
    "The team has inspectors from {count} inspectorate{s} or commission{s} ({names}): review "
    'teams "normally have inspectors from at least four inspectorates or commissions" (the '
    "overview of the inspection framework)"
)
TEAM_FOR_LINES = (
    '{briefing}: "Additional inspectors will join the team to account for additional lines '
    'of enquiry", without numbers. Our setting expects {base} and {per} more for each '
    "additional line: {needed} for {extra}; the team has {size}"
)
TEAM_NAMED = (
    "{member} is recorded by name only, from before the team was made of accounts: add their "
    "account so that their inspectorate is their account's"
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
    """Notify a council of its review, with its core lines of enquiry and the APA it draws on.
    The council must have existed on the review's dates (issue 24 §3: a 2007 review is not
    offered a council made in 2019)."""
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
    for day in (notified_on, fieldwork_starts):
        if not councils_active_on(day).filter(pk=council.pk).exists():
            raise ValidationError(
                {"council": COUNCIL_NOT_THEN.format(council=council.name, day=f"{day:%-d %B %Y}")}
            )
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
            review=review,
            code=code,
            title=title,
            kind=LineKind.CORE,
            origin=LineOrigin.CORE,
            reason="001: every review",
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


def review_span(review) -> tuple[date, date]:
    """The review's dates a team member works on: from notification to the end of fieldwork."""
    step = step_of(review, "fieldwork_2")
    return review.notified_on, step.ends or step.deadline.date


@transaction.atomic
def team_member_add(
    *,
    actor,
    review,
    user=None,
    is_lead: bool = False,
    name: str = "",
    inspectorate: str = "",
) -> TeamMember:
    """Add an inspector's account to the team (issue 24 §2; 003, 001). Their inspectorate is
    their account's; an account that records none takes `inspectorate` (people recorded before
    accounts said so). The inspectorate must have existed over the review's dates; the lead is
    from Ofsted (001: "led by Ofsted"). Without an account a member is refused: the names-only
    members of older reviews stay as they were."""
    if not _is_administrator(actor):
        raise ValidationError(NOT_AN_ADMINISTRATOR)
    if user is None:
        raise ValidationError({"user": NOT_AN_ACCOUNT})
    full_name = user.get_full_name() or user.email
    theirs = user.inspectorate
    if theirs and inspectorate and inspectorate != theirs:
        raise ValidationError(
            OTHER_INSPECTORATE.format(
                name=full_name,
                theirs=_inspectorate_name(theirs),
                given=_inspectorate_name(inspectorate),
            )
        )
    body = theirs or inspectorate
    if not body:
        raise ValidationError({"user": NO_INSPECTORATE.format(name=full_name)})
    start, end = review_span(review)
    known = inspectorate_named(body)
    if known is not None and not (known.existed_on(start) and known.existed_on(end)):
        raise ValidationError(
            {
                "user": INSPECTORATE_NOT_THEN.format(
                    inspectorate=known.name, start=f"{start:%-d %B %Y}", end=f"{end:%-d %B %Y}"
                )
            }
        )
    if is_lead and body != Inspectorate.OFSTED:
        raise ValidationError({"is_lead": LEAD_NOT_OFSTED})
    if review.team.filter(user=user).exists():
        raise ValidationError({"user": ALREADY_ON_TEAM.format(name=full_name)})
    if is_lead:
        review.team.filter(is_lead=True).update(is_lead=False)
    member = TeamMember.objects.create(
        review=review,
        user=user,
        name=(name or full_name).strip(),
        inspectorate=body,
        is_lead=is_lead,
    )
    audit_record(
        actor=actor,
        verb="jar.team_member_added",
        target=review,
        after={"name": member.name, "inspectorate": body, "lead": is_lead, "account": user.pk},
    )
    return member


def _inspectorate_name(code: str) -> str:
    known = inspectorate_named(code)
    return known.name if known else code


def member_inspectorate(member) -> str:
    """A member's inspectorate: their account's where it says, else as recorded on the team."""
    return (member.user.inspectorate if member.user_id else "") or member.inspectorate


@transaction.atomic
def line_of_enquiry_add(
    *,
    actor,
    review,
    code: str,
    title: str,
    reason: str,
    origin: str = LineOrigin.TEAM,
    apa_entry=None,
    hypothesis=None,
) -> LineOfEnquiry:
    """An additional line: an area of weakness of the latest APA, a hypothesis its inspectors
    left for JAR fieldwork, or a group of children with too little known about their outcomes
    (001), with the reason and where it came from."""
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
        origin=origin,
        apa_entry=apa_entry,
        hypothesis=hypothesis,
    )
    audit_record(
        actor=actor,
        verb="jar.line_added",
        target=review,
        after={"code": code, "title": line.title, "origin": origin},
        reason=line.reason,
    )
    return line


@transaction.atomic
def line_of_enquiry_carry(*, actor, review, key: str) -> LineOfEnquiry:
    """Carry one proposed line into the review (issue 24 §2; 001: "Areas of weakness identified
    in the most recent APA"; the notebook's hypotheses "For JAR fieldwork"), saying where it
    came from. A proposal already carried is refused."""
    _require_team(actor, review)
    proposal: LineProposal | None = next((p for p in proposed_lines(review) if p.key == key), None)
    if proposal is None:
        raise ValidationError(ALREADY_CARRIED)
    return line_of_enquiry_add(
        actor=actor,
        review=review,
        code=f"line_{review.lines_of_enquiry.count() + 1}_{key}",
        title=proposal.title[:300],
        reason=proposal.where,
        origin=proposal.origin,
        apa_entry=proposal.apa_entry,
        hypothesis=proposal.hypothesis,
    )


def lines_expected(grade: int | None) -> tuple[str, int, int | None] | None:
    """The additional lines 001 gives an APA grade: (the message, fewest, most), or None when
    there is no grade. Poor's "more" is our setting."""
    if grade == 4:
        return LINES_EXCELLENT, 1, 1
    if grade == 3:
        return LINES_GOOD, 3, 3
    if grade in (1, 2):
        return LINES_POOR, settings.JAR_POOR_ADDITIONAL_LINES_AT_LEAST, None
    return None


def setup_warnings(review) -> list[str]:
    """What the set-up still lacks: the additional lines the APA grade asks for (001), a lead
    from Ofsted, inspectors from at least four inspectorates ("normally", 003: a warning, never a
    refusal), the Healthcare Commission and the Audit Commission (001), and the team our setting
    expects for the lines. Warnings, not refusals: the programme decides."""
    found = []
    extra = review.lines_of_enquiry.filter(kind=LineKind.ADDITIONAL).count()
    expected = lines_expected(review.apa_grade)
    if expected is not None:
        words, fewest, most = expected
        if extra < fewest or (most is not None and extra > most):
            found.append(
                words.format(briefing=BRIEFING, grade=review.apa_grade, fewest=fewest, extra=extra)
            )
    team = list(review.team.select_related("user"))
    if not any(m.is_lead for m in team):
        found.append("The team has no lead inspector from Ofsted")
    bodies = {member_inspectorate(m) for m in team}
    if len(bodies) < INSPECTORATES_NORMALLY:
        names = ", ".join(sorted(_inspectorate_name(b) for b in bodies)) or "none yet"
        found.append(
            TEAM_FEWER_INSPECTORATES.format(
                count=len(bodies), s="" if len(bodies) == 1 else "s", names=names
            )
        )
    for body in (Inspectorate.HEALTHCARE, Inspectorate.AUDIT):
        if body not in bodies:
            found.append(f"The team has nobody from the {body.label} (named in {BRIEFING})")
    base, per = settings.JAR_TEAM_BASE, settings.JAR_TEAM_PER_ADDITIONAL_LINE
    needed = base + per * extra
    if len(team) < needed:
        found.append(
            TEAM_FOR_LINES.format(
                briefing=BRIEFING[:1].upper() + BRIEFING[1:],
                base=base,
                per=per,
                needed=needed,
                extra=f"{extra} additional line{'s' if extra != 1 else ''}",
                size=len(team),
            )
        )
    start, end = review_span(review)
    for member in team:
        known = inspectorate_named(member_inspectorate(member))
        if known is not None and not (known.existed_on(start) and known.existed_on(end)):
            found.append(
                f"{member.name}'s inspectorate, the {known.name}, did not exist for the whole "
                f"review ({start:%-d %B %Y} to {end:%-d %B %Y})"
            )
        if member.user_id is None:
            found.append(TEAM_NAMED.format(member=member.name))
    return found
