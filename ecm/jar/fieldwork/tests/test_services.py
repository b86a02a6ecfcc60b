"""The fieldwork's writes (issue 24 §2): meetings recorded against tracked cases only, by who
was met by their part (001 "Case tracking": "During the casework inspectors will meet with some
of the ten selected children and young people, their parents, children, as well as staff and
first line managers involved"), and the plan of the two fieldwork weeks (001 "Enhanced Youth
Inspection": "the majority of visits will be in week one, with week two being used for joint
meetings with JAR inspectors or to follow up lines of enquiry"). Every write is audited."""

from datetime import date
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError

from ecm.audit.models import AuditEntry
from ecm.core.access import NotYourRole
from ecm.core.once import AlreadyDone
from ecm.jar import services as jar_services
from ecm.jar.cases import NOT_PSEUDONYMOUS
from ecm.jar.fieldwork import plan, selectors, services
from ecm.jar.fieldwork.demo import seed
from ecm.jar.fieldwork.models import CaseMeeting, PlannedActivity
from ecm.jar.models import Inspectorate, TeamMember

pytestmark = pytest.mark.django_db

# The fixture review's fieldwork (001 appendix): week 1 15-19 October 2007, week 2 22-26.
MONDAY_1, FRIDAY_1 = date(2007, 10, 15), date(2007, 10, 19)
MONDAY_2, FRIDAY_2 = date(2007, 10, 22), date(2007, 10, 26)


def _meet(actor, review, reference, member, **change):
    kwargs = {
        "met": [plan.CHILD, plan.PARENT_CARER],
        "met_on": MONDAY_1,
        "inspector": member,
        "note": "The young person says their views are heard.",
    }
    return services.case_meeting_record(
        actor=actor, review=review, reference=reference, **(kwargs | change)
    )


def _message(refused, field):
    return refused.value.message_dict[field][0]


# ------------------------------------------------------------------------------ Meetings


def test_a_meeting_is_recorded_against_a_tracked_case_by_role_and_audited_001(
    drawn, tracked, lead, member
):
    """001 'Case tracking': inspectors meet the tracked children and young people, their
    parents or carers, staff and first-line managers; kept by their part, never by name."""
    meeting = _meet(lead, drawn, tracked[0].reference.lower(), member)
    assert meeting.case == tracked[0]
    assert meeting.met_labels() == ["The child or young person", "A parent or carer"]
    assert not {f.name for f in CaseMeeting._meta.get_fields()} & {"name", "first_name"}
    entry = AuditEntry.objects.get(verb="jar.case_meeting_recorded")
    assert entry.actor == lead and entry.after["case"] == tracked[0].reference
    assert entry.after["met"] == ["child", "parent_carer"]
    counts = {c.reference: c.meeting_count for c in selectors.tracked_with_meetings(drawn)}
    assert counts[tracked[0].reference] == 1
    assert counts[tracked[1].reference] == 0  # a tracked case with no meeting is listed


def test_staff_and_first_line_managers_are_met_too_001(drawn, tracked, lead, member):
    meeting = _meet(lead, drawn, tracked[1].reference, member, met=["first_line_manager", "staff"])
    assert meeting.met == ["staff", "first_line_manager"]


def test_a_meeting_against_an_untracked_case_is_refused_with_what_to_do_001(
    drawn, untracked, lead, member
):
    """001: 'meet with some of the ten selected children': only a tracked case."""
    with pytest.raises(ValidationError) as refused:
        _meet(lead, drawn, untracked.reference, member)
    message = _message(refused, "reference")
    assert f"{untracked.reference} is on the council's list but is not one of the ten" in message
    assert "swap the case in first" in message and "001" not in message
    assert not CaseMeeting.objects.exists()
    assert not AuditEntry.objects.filter(verb="jar.case_meeting_recorded").exists()


@pytest.mark.parametrize(
    ("reference", "why"),
    [
        ("John Smith", NOT_PSEUDONYMOUS),  # issue 24 §2: a name is refused as the CSV refuses it
        ("12/03/1996", NOT_PSEUDONYMOUS),  # a date of birth alone
        ("LAC-9999", "is not in the council's list of case files"),
    ],
)
def test_a_name_or_an_unknown_reference_is_refused_001(drawn, lead, member, reference, why):
    with pytest.raises(ValidationError) as refused:
        _meet(lead, drawn, reference, member)
    assert why in _message(refused, "reference")


def test_who_was_met_the_day_and_the_inspector_are_checked_001(drawn, tracked, lead, member):
    """A meeting says who was met; it is held while the team is on site, from the analysis
    stage to the end of fieldwork week 2 (001 appendix), and has taken place; by a member of
    this review's team."""
    ref = tracked[0].reference
    with pytest.raises(ValidationError) as refused:
        _meet(lead, drawn, ref, member, met=[])
    assert _message(refused, "met") == services.NOBODY_MET
    with pytest.raises(ValidationError) as refused:
        _meet(lead, drawn, ref, member, met=["neighbour"])
    assert _message(refused, "met") == services.UNKNOWN_ROLE
    with pytest.raises(ValidationError) as refused:
        _meet(lead, drawn, ref, member, met_on=date(2007, 11, 5))
    assert "Monday 24 September 2007 to Friday 26 October 2007" in _message(refused, "met_on")
    with pytest.raises(ValidationError) as refused:
        _meet(lead, drawn, ref, member, met_on=FRIDAY_2, today=MONDAY_2)
    assert _message(refused, "met_on") == services.MET_IN_FUTURE
    assert _meet(lead, drawn, ref, member, met_on=date(2007, 9, 25)).met_on == date(2007, 9, 25)


def test_only_the_team_records_meetings_and_only_its_own_inspectors(
    drawn, tracked, lead, member, link_officer, review, administrator, council
):
    with pytest.raises(NotYourRole):
        _meet(link_officer, drawn, tracked[0].reference, member)
    other = services_review(administrator, council)
    stranger = TeamMember.objects.create(review=other, name="Other", inspectorate="ofsted")
    with pytest.raises(ValidationError) as refused:
        _meet(lead, drawn, tracked[0].reference, stranger)
    assert _message(refused, "inspector") == services.NOT_THE_TEAMS


def services_review(administrator, council):
    return jar_services.review_notify(
        actor=administrator,
        council=council,
        notified_on=date(2008, 4, 11),
        setup_meeting=date(2008, 6, 13),
        analysis_starts=date(2008, 9, 22),
        fieldwork_starts=date(2008, 10, 13),
    )


def test_a_meeting_posted_twice_is_recorded_once(drawn, tracked, lead, member):
    token = uuid4()
    _meet(lead, drawn, tracked[0].reference, member, once=token)
    with pytest.raises(AlreadyDone):
        _meet(lead, drawn, tracked[0].reference, member, once=token)
    assert CaseMeeting.objects.count() == 1


# ------------------------------------------------------------------------------ The plan


def _plan(actor, review, **change):
    kwargs = {
        "day": MONDAY_1,
        "kind": plan.VISIT,
        "what": "Northside children's centre",
        "line": review.lines_of_enquiry.get(code="safeguarding"),
    }
    return services.planned_activity_add(actor=actor, review=review, **(kwargs | change))


def test_an_activity_is_planned_in_its_fieldwork_week_and_audited_001(drawn, lead, member):
    first = _plan(lead, drawn, inspector=member)
    second = _plan(lead, drawn, day=MONDAY_2, kind=plan.JOINT_MEETING, what="Joint meeting")
    assert (first.week, second.week) == (1, 2)
    entry = AuditEntry.objects.filter(verb="jar.fieldwork_planned").order_by("pk").first()
    assert entry.after["week"] == 1 and entry.after["line"] == "Safeguarding"


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2007, 10, 20), "is a Saturday"),
        (date(2007, 10, 12), "Choose a working day of fieldwork week 1"),
        (date(2007, 10, 29), "Choose a working day of fieldwork week 1"),
    ],
)
def test_a_day_outside_the_fieldwork_weeks_is_refused_001_appendix(drawn, lead, day, why):
    with pytest.raises(ValidationError) as refused:
        _plan(lead, drawn, day=day)
    assert why in _message(refused, "day")


def test_an_activity_is_tied_to_a_line_or_a_tracked_case_by_its_kind_001(
    drawn, tracked, untracked, lead
):
    """001: week two is for 'joint meetings with JAR inspectors or to follow up lines of
    enquiry': a follow-up follows a line, a case-tracking meeting is about a tracked case, and
    every activity is tied to one or the other."""
    with pytest.raises(ValidationError) as refused:
        _plan(lead, drawn, line=None)
    assert _message(refused, "line") == services.NOT_TIED
    with pytest.raises(ValidationError) as refused:
        _plan(lead, drawn, kind=plan.FOLLOW_UP, line=None, case_reference=tracked[0].reference)
    assert _message(refused, "line") == services.FOLLOW_UP_NEEDS_LINE
    with pytest.raises(ValidationError) as refused:
        _plan(lead, drawn, kind=plan.CASE_MEETING)
    assert _message(refused, "case_reference") == services.CASE_MEETING_NEEDS_CASE
    with pytest.raises(ValidationError) as refused:
        _plan(lead, drawn, case_reference=untracked.reference)
    assert "not one of the ten tracked cases" in _message(refused, "case_reference")
    made = _plan(
        lead, drawn, kind=plan.CASE_MEETING, line=None, case_reference=tracked[0].reference
    )
    assert made.case == tracked[0] and made.line is None


def test_the_plan_warns_but_never_refuses_when_most_visits_are_in_week_two_001(drawn, lead):
    """001 says 'the majority of visits will be in week one': a warning quoting it."""
    _plan(lead, drawn)
    _plan(lead, drawn, day=MONDAY_2)
    _plan(lead, drawn, day=FRIDAY_2)
    warnings = selectors.plan_warnings_of(drawn)
    assert any("1 of 3 visits are planned in week one" in w for w in warnings)
    assert any(plan.MAJORITY_QUOTE in w for w in warnings)
    # The core lines with nothing planned are named (001: "follow up lines of enquiry").
    assert any('"Looked after children"' in w for w in warnings)
    _plan(lead, drawn, day=FRIDAY_1)
    _plan(lead, drawn, day=FRIDAY_1)
    assert not any("visits are planned" in w for w in selectors.plan_warnings_of(drawn))
    weeks = selectors.plan_by_week(drawn)
    assert [(len(w.activities), w.visits) for w in weeks] == [(3, 3), (2, 2)]


def test_an_activity_is_withdrawn_with_a_reason_and_kept(drawn, lead):
    made = _plan(lead, drawn)
    with pytest.raises(ValidationError):
        services.planned_activity_withdraw(actor=lead, activity=made, reason=" ")
    services.planned_activity_withdraw(actor=lead, activity=made, reason="The centre is closed")
    assert PlannedActivity.objects.filter(pk=made.pk).exists()
    assert list(selectors.activities_of(drawn)) == []
    assert AuditEntry.objects.get(verb="jar.fieldwork_withdrawn").reason == "The centre is closed"


def test_only_the_team_plans(drawn, link_officer):
    with pytest.raises(NotYourRole):
        _plan(link_officer, drawn)


def test_the_demo_plans_both_weeks_and_meets_three_tracked_cases_001(
    drawn, lead, link_officer, administrator
):
    TeamMember.objects.create(
        review=drawn, name="Dr Ann Patel", inspectorate=Inspectorate.HEALTHCARE
    )
    seed(review=drawn, council_user=link_officer, lead=lead)
    weeks = selectors.plan_by_week(drawn)
    assert weeks[0].visits > weeks[1].visits > 0
    assert selectors.plan_warnings_of(drawn) == []
    met = [c for c in selectors.tracked_with_meetings(drawn) if c.meeting_count]
    assert len(met) == 3
