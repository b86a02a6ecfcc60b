"""What each person must do next, and the round dashboard (issue 8 §4): tasks by part (Lead,
partner, readers, council, administrator) with their deadlines from the rules, overdue first;
every council's stage filtered by block, region, stage and lateness, in fixed queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecm.accounts.roles import Role
from ecm.apa import services as apa_services
from ecm.apa.workflow import AssessmentStatus
from ecm.authorities.tests.factories import CouncilFactory
from ecm.letters.workflow import LetterStage
from ecm.meetings.services.meetings import arrangements
from ecm.programme import selectors
from ecm.programme.models import Block, CouncilPlan

pytestmark = pytest.mark.django_db
S = AssessmentStatus


def move(assessment, *statuses):
    for status in statuses:
        apa_services.assessment_change_status(actor=None, assessment=assessment, to=status)
    assessment.refresh_from_db()


def tasks(user, today=date(2007, 7, 1)) -> dict[str, selectors.DueItem]:
    return {i.task: i for i in selectors.due_for(user=user, today=today)}


def test_the_council_submits_its_self_assessment_by_the_end_of_may_000_15(
    assessment, link_officer, hmi
):
    move(assessment, S.SELF_ASSESSMENT)
    found = tasks(link_officer, today=date(2007, 5, 1))
    item = found["self_assessment_submit"]
    assert item.due_on == date(2007, 5, 31) and not item.overdue
    assert "last working day of May" in item.deadline.rule
    assert item.url.endswith(f"/assessments/{assessment.pk}/self-assessment/")
    assert tasks(link_officer, today=date(2007, 6, 4))["self_assessment_submit"].overdue
    assert "self_assessment_submit" not in tasks(hmi)  # the council's, not the inspectors'


def test_both_inspectors_complete_the_analysis_by_the_blocks_window_002_D(
    assessment, hmi, brm, administrator
):
    move(assessment, S.SELF_ASSESSMENT, S.ANALYSIS)
    block = Block.objects.create(
        round=assessment.round,
        number=1,
        analysis_starts=date(2007, 6, 4),
        analysis_ends=date(2007, 6, 22),
    )
    CouncilPlan.objects.create(assessment=assessment, block=block, meeting_on=date(2007, 7, 3))
    for person in (hmi, brm):
        item = tasks(person)["analysis_complete"]
        assert item.due_on == date(2007, 6, 22) and item.overdue  # 1 July is after
    # Only the Lead arranges the meeting, by the planned date.
    assert tasks(hmi)["meeting_arrange"].due_on == date(2007, 7, 3)
    assert "meeting_arrange" not in tasks(brm)


def test_the_council_answers_a_proposed_meeting_date_002_G(assessment, hmi, link_officer):
    move(assessment, S.SELF_ASSESSMENT, S.ANALYSIS)
    arrangements.meeting_date_propose(actor=hmi, assessment=assessment, day=date(2007, 7, 10))
    item = tasks(link_officer)["meeting_date_answer"]
    assert item.due_on == date(2007, 7, 10) and "Lead proposed" in item.deadline.rule


def test_the_letter_tasks_go_to_the_right_person_at_each_stage_002_I(
    letter, advance, hmi, brm, management_reader, csci_manager, link_officer
):
    later = date(2007, 12, 1)
    assert "letter_agree" in tasks(brm, later) and "letter_agree" not in tasks(hmi, later)
    advance(letter, LetterStage.WITH_READERS)
    assert {"readers_answer"} <= set(tasks(management_reader, later))
    assert "readers_answer" in tasks(csci_manager, later)
    advance(letter, LetterStage.READERS_ANSWERED)
    assert "readers_answer" not in tasks(management_reader, later)  # answered
    assert "letter_to_council" in tasks(hmi, later)
    advance(letter, LetterStage.WITH_COUNCIL)
    item = tasks(link_officer, later)["factual_accuracy_check"]
    assert "5 working days from sending" in item.deadline.rule
    advance(letter, LetterStage.COUNCIL_COMMENTED)
    assert "comments_respond" in tasks(hmi, later)
    advance(letter, LetterStage.RESPONSES_GIVEN)
    final = tasks(hmi, later)["final_letter_publish"]
    assert final.due_on == letter.assessment.round.final_letter_by


def test_overdue_comes_first_then_by_date(assessment, other_assessment, hmi):
    move(assessment, S.SELF_ASSESSMENT, S.ANALYSIS)
    move(other_assessment, S.SELF_ASSESSMENT, S.ANALYSIS, S.MEETING)
    found = selectors.due_for(user=hmi, today=date(2007, 7, 31))
    assert found, "the Lead has tasks"
    overdue = [i.overdue for i in found]
    assert overdue == sorted(overdue, reverse=True)
    dates = [i.due_on for i in found if not i.overdue]
    assert dates == sorted(dates)


def test_a_council_user_sees_only_their_own_councils_tasks(assessment, other_assessment, make_user):
    move(assessment, S.SELF_ASSESSMENT)
    move(other_assessment, S.SELF_ASSESSMENT)
    officer = make_user(Role.LINK_OFFICER, council=other_assessment.council)
    found = selectors.due_for(user=officer, today=date(2007, 5, 1))
    assert {i.assessment_id for i in found} == {other_assessment.pk}


def test_the_dashboard_filters_by_block_region_stage_and_lateness(assessment, other_assessment):
    move(assessment, S.SELF_ASSESSMENT, S.ANALYSIS)
    block = Block.objects.create(
        round=assessment.round,
        number=3,
        analysis_starts=date(2007, 6, 4),
        analysis_ends=date(2007, 6, 22),
    )
    CouncilPlan.objects.create(assessment=assessment, block=block)
    today = date(2007, 6, 25)
    rows = selectors.round_dashboard(assessment_round=assessment.round, today=today)
    by_council = {r.assessment.pk: r for r in rows}
    assert by_council[assessment.pk].lateness == selectors.OVERDUE
    assert by_council[assessment.pk].days_late == 1
    assert by_council[other_assessment.pk].next.code == "self_assessment"

    def pks(**filters):
        found = selectors.round_dashboard(assessment_round=assessment.round, today=today, **filters)
        return {r.assessment.pk for r in found}

    assert pks(block=3) == {assessment.pk}
    assert pks(status=S.SETTING_UP) == {other_assessment.pk}
    assert pks(lateness=selectors.OVERDUE) >= {assessment.pk}
    assert pks(region=other_assessment.council.region_id) == {other_assessment.pk}


def test_the_dashboard_reads_a_fixed_number_of_queries_however_many_councils(
    assessment, make_assessment
):
    """Issue 8 quality bar: the dashboard of every council in a fixed number of queries."""

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.round_dashboard(assessment_round=assessment.round, today=date(2007, 7, 1))
        return len(captured)

    few = count()
    for _ in range(5):
        a = make_assessment(council=CouncilFactory())
        move(a, S.SELF_ASSESSMENT, S.ANALYSIS)
        CouncilPlan.objects.create(assessment=a, meeting_on=date(2007, 7, 10))
    assert count() == few
