"""Home pages, round and assessment pages, and who may see grades (DOMAIN.md §1; 002 §A)."""

import pytest

from ecm.accounts.roles import Role
from ecm.apa import services
from ecm.apa.models import Assessment
from ecm.apa.tests.factories import AssessmentFactory, make_framework_version
from ecm.apa.workflow import AssessmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(council, hmi, brm):
    assessment = AssessmentFactory(council=council)
    services.assessment_assign_inspectors(
        actor=None, assessment=assessment, hmi=hmi, brm=brm, lead="hmi"
    )
    return assessment


def test_an_inspectors_home_lists_their_assessments_and_marks_the_lead(client, hmi, assessed):
    client.force_login(hmi)
    body = client.get("/").content.decode()
    assert assessed.council.name in body
    assert "(Lead)" in body


def test_a_council_users_home_shows_only_their_councils_assessment(
    client, link_officer, assessed, other_council
):
    other = AssessmentFactory(council=other_council, round=assessed.round)
    client.force_login(link_officer)
    body = client.get("/").content.decode()
    assert assessed.council.name in body
    assert other.council.name not in body
    assert f"/assessments/{assessed.pk}/" in body


def test_a_council_user_gets_404_for_another_councils_assessment_domain_s1(
    client, link_officer, assessed, other_council
):
    other = AssessmentFactory(council=other_council, round=assessed.round)
    client.force_login(link_officer)
    assert client.get(f"/assessments/{assessed.pk}/").status_code == 200
    assert client.get(f"/assessments/{other.pk}/").status_code == 404
    assert client.get("/assessments/999999/").status_code == 404


def test_council_users_never_see_the_audit_history_of_their_assessment(
    client, link_officer, assessed
):
    client.force_login(link_officer)
    assert 'id="history"' not in client.get(f"/assessments/{assessed.pk}/").content.decode()


@pytest.mark.parametrize(
    ("status_path", "council_sees_grades"),
    [
        ([], False),
        (["self_assessment", "analysis", "meeting", "draft_letter", "factual_accuracy"], False),
        (
            [
                "self_assessment",
                "analysis",
                "meeting",
                "draft_letter",
                "factual_accuracy",
                "final_letter",
            ],
            False,
        ),
        (
            [
                "self_assessment",
                "analysis",
                "meeting",
                "draft_letter",
                "factual_accuracy",
                "final_letter",
                "published",
            ],
            True,
        ),
    ],
)
def test_grades_reach_the_council_only_when_the_final_letter_is_published_002_s_a(
    link_officer, hmi, assessed, status_path, council_sees_grades
):
    for status in status_path:
        services.assessment_change_status(actor=None, assessment=assessed, to=status)
    assessed = Assessment.objects.prefetch_related("assignments").get(pk=assessed.pk)
    assert link_officer.has_perm("apa.view_grades", assessed) is council_sees_grades
    assert hmi.has_perm("apa.view_grades", assessed)


def test_the_lead_moves_the_assessment_through_the_page_and_it_is_audited(client, hmi, assessed):
    client.force_login(hmi)
    page = client.post(
        f"/assessments/{assessed.pk}/status/",
        {"to": "self_assessment", "reason": "", "lock_version": assessed.lock_version},
    )
    assert page.status_code == 302
    assessed.refresh_from_db()
    assert assessed.status == AssessmentStatus.SELF_ASSESSMENT
    detail = client.get(f"/assessments/{assessed.pk}/").content.decode()
    # The history reads as sentences, not codes (issue 23 §3).
    assert "Assessment moved to its next stage" in detail
    assert "assessment.status_changed" not in detail


def test_a_stale_status_form_is_refused_and_says_how_to_put_it_right(client, hmi, assessed):
    client.force_login(hmi)
    stale = assessed.lock_version
    services.assessment_change_status(actor=None, assessment=assessed, to="self_assessment")
    page = client.post(
        f"/assessments/{assessed.pk}/status/",
        {"to": "analysis", "reason": "", "lock_version": stale},
    )
    assert page.status_code == 200
    assert "reload the page" in page.content.decode()
    assessed.refresh_from_db()
    assert assessed.status == AssessmentStatus.SELF_ASSESSMENT


def test_the_partner_who_is_not_lead_cannot_move_the_assessment(client, brm, assessed):
    client.force_login(brm)
    assert client.get(f"/assessments/{assessed.pk}/status/").status_code == 404


def test_the_round_page_shows_every_councils_stage_and_the_rule_of_each_key_date(
    client, administrator, assessed
):
    client.force_login(administrator)
    body = client.get(f"/rounds/{assessed.round.pk}/").content.decode()
    assert assessed.council.name in body
    assert "the APA meeting is held by the end of July" in body
    assert "England working days" in body
    filtered = client.get(f"/rounds/{assessed.round.pk}/?status=published").content.decode()
    assert assessed.council.name not in filtered.split("Every council")[1]


def test_administrators_set_up_a_round_with_every_active_council(client, administrator, council):
    version = make_framework_version()
    client.force_login(administrator)
    page = client.post(
        "/rounds/add/", {"year": 2008, "framework_version": version.pk, "add_all_councils": "on"}
    )
    assert page.status_code == 302
    assert Assessment.objects.filter(round__year=2008, council=council).exists()


def test_administrators_assign_the_inspector_pair_through_the_page(client, administrator, hmi, brm):
    assessment = AssessmentFactory()
    client.force_login(administrator)
    page = client.post(
        f"/assessments/{assessment.pk}/inspectors/",
        {"hmi": hmi.pk, "brm": brm.pk, "lead": "brm", "reason": ""},
    )
    assert page.status_code == 302
    assert assessment.assignments.get(is_lead=True).user == brm


def test_only_people_with_the_role_are_offered_as_hmi(client, administrator, make_user):
    moderator = make_user(Role.MODERATOR)
    client.force_login(administrator)
    body = client.get(f"/assessments/{AssessmentFactory().pk}/inspectors/").content.decode()
    assert moderator.get_full_name() not in body
