"""Rounds, assessments, the Lead, and the one audited transition function (002 §A)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ecm.accounts.roles import Role
from ecm.apa import services
from ecm.apa.models import Assignment, AssignmentRole
from ecm.apa.tests.factories import AssessmentFactory, make_framework_version, make_round
from ecm.apa.workflow import WORKFLOW, AssessmentStatus
from ecm.audit.selectors import audit_history

pytestmark = pytest.mark.django_db


def test_round_key_dates_follow_the_handbook_timeline_002_s_a(administrator):
    r = make_round(year=2007, actor=administrator)
    assert r.self_assessment_due == date(2007, 5, 31)  # submitted in May (000 §15)
    assert r.analysis_starts == date(2007, 6, 1)  # June and July (002 §A)
    assert r.analysis_ends == date(2007, 7, 31)
    assert r.meeting_by == date(2007, 7, 31)  # by the end of July
    assert r.final_letter_by == date(2007, 10, 31)  # end of October (002 §J)
    assert r.representation_intention_by == date(2007, 11, 1)  # 002 §J
    assert r.representation_submission_by == date(2007, 11, 7)  # 002 §J
    assert r.representation_outcomes_by == date(2007, 11, 30)
    assert audit_history(target=r).get().verb == "round.created"


def test_end_of_month_dates_step_back_to_a_working_day_domain_s6():
    r = make_round(year=2008)
    assert r.self_assessment_due == date(2008, 5, 30)  # 31 May 2008 is a Saturday
    assert r.meeting_by == date(2008, 7, 31)


def test_a_round_needs_a_judgement_set_for_its_year_domain_s7():
    """DOMAIN.md §7: an assessment always uses the version of its round."""
    version = make_framework_version(years=(2005,))
    with pytest.raises(ValidationError, match="has no judgement set"):
        make_round(year=2007, framework_version=version)


def test_one_round_per_regime_and_year():
    version = make_framework_version()
    make_round(year=2007, framework_version=version)
    with pytest.raises(ValidationError, match="already exists"):
        make_round(year=2007, framework_version=version)


def test_one_assessment_per_council_per_round(council):
    r = make_round()
    services.assessments_create_for_round(actor=None, assessment_round=r, councils=[council])
    services.assessments_create_for_round(actor=None, assessment_round=r, councils=[council])
    assert r.assessments.count() == 1


def test_the_hmi_and_brm_co_own_an_assessment_and_one_is_the_lead_002_s_a(hmi, brm, administrator):
    assessment = AssessmentFactory()
    services.assessment_assign_inspectors(
        actor=administrator, assessment=assessment, hmi=hmi, brm=brm, lead="brm"
    )
    lead = Assignment.objects.get(assessment=assessment, is_lead=True)
    assert lead.user == brm and lead.role == AssignmentRole.BRM
    assert audit_history(target=assessment).first().verb == "assessment.inspectors_assigned"
    # Reassigning replaces the pair rather than adding a second HMI.
    services.assessment_assign_inspectors(
        actor=administrator, assessment=assessment, hmi=hmi, brm=brm, lead="hmi"
    )
    assert assessment.assignments.filter(role__in=["hmi", "brm"]).count() == 2
    assert assessment.assignments.get(is_lead=True).user == hmi


def test_only_an_hmi_is_assigned_as_hmi(make_user, brm):
    not_an_hmi = make_user(Role.MODERATOR)
    with pytest.raises(ValidationError, match="cannot be assigned as"):
        services.assessment_assign_inspectors(
            actor=None, assessment=AssessmentFactory(), hmi=not_an_hmi, brm=brm, lead="hmi"
        )


def test_the_database_allows_one_lead_and_only_an_hmi_or_brm_as_lead(hmi, brm, make_user):
    assessment = AssessmentFactory()
    Assignment.objects.create(assessment=assessment, user=hmi, role="hmi", is_lead=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(assessment=assessment, user=brm, role="brm", is_lead=True)
    reader = make_user(Role.MANAGEMENT_READER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            assessment=AssessmentFactory(), user=reader, role="management_reader", is_lead=True
        )


def test_a_status_change_is_checked_saved_and_audited_with_who_and_why(administrator):
    assessment = AssessmentFactory()
    services.assessment_change_status(
        actor=administrator, assessment=assessment, to=AssessmentStatus.SELF_ASSESSMENT
    )
    assert assessment.status == AssessmentStatus.SELF_ASSESSMENT
    assert assessment.lock_version == 2
    entry = audit_history(target=assessment).first()
    assert entry.verb == "assessment.status_changed"
    assert entry.before == {"status": "setting_up"}
    assert entry.after == {"status": "self_assessment"}
    assert entry.actor == administrator


def test_a_move_the_workflow_does_not_allow_is_refused_and_says_where_it_can_go():
    assessment = AssessmentFactory()
    with pytest.raises(ValidationError) as error:
        services.assessment_change_status(
            actor=None, assessment=assessment, to=AssessmentStatus.PUBLISHED
        )
    assert "From Setting up it can move to: Self-assessment" in str(error.value)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SETTING_UP


def test_going_back_a_stage_needs_a_reason():
    assessment = AssessmentFactory()
    services.assessment_change_status(actor=None, assessment=assessment, to="self_assessment")
    services.assessment_change_status(actor=None, assessment=assessment, to="analysis")
    with pytest.raises(ValidationError, match="Enter why"):
        services.assessment_change_status(actor=None, assessment=assessment, to="self_assessment")
    services.assessment_change_status(
        actor=None, assessment=assessment, to="self_assessment", reason="Reopened: part D missing"
    )
    assert audit_history(target=assessment).first().reason == "Reopened: part D missing"


def test_a_stale_edit_never_silently_overwrites_a_newer_one():
    """Quality bar: concurrent edits never silently overwrite."""
    assessment = AssessmentFactory()
    seen = assessment.lock_version
    services.assessment_change_status(actor=None, assessment=assessment, to="self_assessment")
    with pytest.raises(ValidationError, match="Someone else changed this assessment"):
        services.assessment_change_status(
            actor=None, assessment=assessment, to="analysis", expected_lock_version=seen
        )
    assessment.refresh_from_db()
    assert assessment.status == "self_assessment"


def test_moderation_is_optional_and_closed_is_terminal_002_s_h():
    assert AssessmentStatus.DRAFT_LETTER in WORKFLOW[AssessmentStatus.MEETING].forward
    assert AssessmentStatus.MODERATION in WORKFLOW[AssessmentStatus.MEETING].forward
    assert not WORKFLOW[AssessmentStatus.CLOSED].forward
    assert not WORKFLOW[AssessmentStatus.CLOSED].back


def test_every_status_is_reachable_from_setting_up():
    seen, todo = set(), [AssessmentStatus.SETTING_UP]
    while todo:
        status = todo.pop()
        seen.add(status)
        todo.extend(s for s in WORKFLOW[status].forward if s not in seen)
    assert seen == set(AssessmentStatus)
