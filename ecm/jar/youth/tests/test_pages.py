"""The enhanced youth inspection's pages (issue 9 §5; 001 "Enhanced Youth Inspection"): the
council's self-assessment with check-your-answers, its week-one activity list, the team's
observations and the youth report, and the rule that the inspectors' grades reach the council
only once the review's report is published."""

from datetime import date

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.authorities.tests.factories import CouncilFactory
from ecm.jar.report.models import JarReport
from ecm.jar.youth import services
from ecm.jar.youth.demo import seed
from ecm.jar.youth.models import YouthReport, YouthSelfAssessment
from ecm.jar.youth.tests.conftest import full_answers
from tests.grade_leakage_support import grade_findings, page_text

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def _url(name, review, **kwargs):
    return reverse(f"jar:{name}", kwargs={"pk": review.pk, **kwargs})


def _text(response) -> str:
    return " ".join(page_text(response.content.decode()).split())


def test_the_council_fills_checks_and_submits_its_self_assessment(client, review, link_officer):
    """001: grades for achievement, curriculum and resources, and management with commentary,
    and on each of the five outcomes; check your answers before submitting."""
    c = _as(client, link_officer)
    form = c.get(_url("youth-self-assessment", review))
    assert form.status_code == 200 and 'type="radio"' in form.content.decode()
    data = {k: ("" if v is None else v) for k, v in full_answers().items()}
    data["curriculum_grade"] = ""
    response = c.post(_url("youth-self-assessment", review), data | {"lock_version": 1})
    assert response.status_code == 302
    assert response["Location"] == _url("youth-self-assessment-check", review)
    check = c.get(_url("youth-self-assessment-check", review))
    assert "a grade for curriculum and resources" in _text(check)
    refused = c.post(_url("youth-self-assessment-check", review))
    assert refused.status_code == 400 and "govuk-error-summary" in refused.content.decode()
    c.post(_url("youth-self-assessment", review), data | {"curriculum_grade": 2})
    done = c.post(_url("youth-self-assessment-check", review))
    assert done.status_code == 302
    review.youth_self_assessment.refresh_from_db()
    assert review.youth_self_assessment.submitted_at
    # The council sees its own grades.
    own = _text(c.get(_url("youth-self-assessment", review)))
    assert "2: A service that delivers only minimum requirements for users" in own
    assert AuditEntry.objects.filter(verb="jar.youth_self_assessment_submitted").exists()


def test_a_stale_self_assessment_page_is_refused_with_reload(client, review, link_officer):
    c = _as(client, link_officer)
    c.post(_url("youth-self-assessment", review), {"being_healthy": "A", "lock_version": 1})
    response = c.post(
        _url("youth-self-assessment", review), {"being_healthy": "B", "lock_version": 1}
    )
    assert response.status_code == 400 and "reload the page" in _text(response)


def test_activity_outside_week_one_is_refused_on_the_page(client, review, link_officer):
    c = _as(client, link_officer)
    data = {"day_0": 22, "day_1": 10, "day_2": 2007, "starts_at": "18:30", "venue": "Hall",
            "what": "Drop-in", "outcomes": ["staying_safe"]}  # fmt: skip
    refused = c.post(_url("youth-activity-add", review), data)
    assert refused.status_code == 400
    assert "Monday 15 October 2007 to Friday 19 October 2007" in _text(refused)
    done = c.post(_url("youth-activity-add", review), data | {"day_0": 17, "good_practice": "on"})
    assert done.status_code == 302
    page = _text(c.get(_url("youth", review)))
    assert "Drop-in" in page and "Staying safe" in page


def test_the_lead_records_observations_with_a_warning_until_16(client, review, lead):
    c = _as(client, lead)
    data = {"session": "Detached work", "observed_on_0": 16, "observed_on_1": 10,
            "observed_on_2": 2007, "young_people_present": 9, "achievement_grade": 3,
            "curriculum_grade": 3, "management_grade": 2}  # fmt: skip
    response = c.post(_url("youth-observation-add", review), data, follow=True)
    text = _text(response)
    assert "1 of a block of 16 to 20" in text
    assert services.FEW_OBSERVATIONS.format(count=1) in text


def test_the_21st_observation_is_refused_on_the_page(client, review, lead, observe):
    observe(20)
    data = {"session": "One more", "observed_on_0": 16, "observed_on_1": 10,
            "observed_on_2": 2007, "young_people_present": 9, "achievement_grade": 3,
            "curriculum_grade": 3, "management_grade": 2}  # fmt: skip
    response = _as(client, lead).post(_url("youth-observation-add", review), data)
    assert response.status_code == 400
    assert services.TOO_MANY.format(most=20) in _text(response)


def _report_form(**change):
    return {"achievement_grade": 3, "curriculum_grade": 2, "management_grade": 4,
            "strengths": "Young people shape the programme.",
            "weaknesses": "Little accredited work in the south.",
            "recommendations": "Extend accreditation to the southern clubs.",
            "lock_version": 1} | change  # fmt: skip


def test_finalising_is_refused_at_15_observations_and_done_at_16(client, review, lead, observe):
    c = _as(client, lead)
    assert c.post(_url("youth-report", review), _report_form()).status_code == 302
    observe(15)
    page = c.get(_url("youth-report-finalise", review))
    assert "at least 16 observations (15 recorded)" in _text(page)
    refused = c.post(_url("youth-report-finalise", review))
    assert refused.status_code == 400 and "govuk-error-summary" in refused.content.decode()
    observe(1)
    assert c.post(_url("youth-report-finalise", review)).status_code == 302
    assert YouthReport.objects.get(review=review).finalised_at
    assert AuditEntry.objects.filter(verb="jar.youth_report_finalised").count() == 1


def _graded_and_final(review, lead, observe):
    observe(16)
    services.youth_report_save(
        actor=lead, review=review, grades={"achievement": 3, "curriculum": 2, "management": 4},
        strengths="Young people shape the programme.", weaknesses="Too little accreditation.",
        recommendations="Extend accreditation.", expected_lock_version=None,
    )  # fmt: skip
    services.youth_report_finalise(actor=lead, review=review)


COUNCIL_PAGES = ("youth", "youth-report", "youth-report-print")


def test_the_council_never_sees_the_inspectors_grades_before_publication(
    client, review, lead, observe, link_officer
):
    """002 §A's rule for the JAR: the youth report's and the observations' grades reach the
    council only once the review's report is published; then they do."""
    _graded_and_final(review, lead, observe)
    observation = review.youth_observations.first()
    pages = [_url(n, review) for n in COUNCIL_PAGES]
    pages.append(_url("youth-observation", review, observation_pk=observation.pk))
    c = _as(client, link_officer)
    for url in pages:
        response = c.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert not grade_findings(text, []), (url, grade_findings(text, []))
        assert "Grade 3" not in text and "Grade 2" not in text, url
    assert "Young people shape the programme." in _text(c.get(_url("youth-report", review)))
    assert "Well planned." not in _text(c.get(pages[-1]))  # the notes wait too
    # The inspectors see them all along.
    inspector = _text(_as(client, lead).get(_url("youth-report", review)))
    assert "Grade 2: A service that delivers only minimum requirements for users" in inspector
    # Published: the council sees them.
    JarReport.objects.create(review=review, stage="published")
    c = _as(client, link_officer)
    report = _text(c.get(_url("youth-report", review)))
    assert "Grade 4: A service that delivers well above minimum requirements" in report
    assert "Grade 3" in _text(c.get(pages[-1])) and "Well planned." in _text(c.get(pages[-1]))
    assert "Grade 4" in _text(c.get(_url("youth-report-print", review)))


def test_the_council_reads_a_draft_youth_report_only_once_final(client, review, lead, link_officer):
    services.youth_report_save(
        actor=lead, review=review, grades={}, strengths="Draft strength", weaknesses="",
        recommendations="", expected_lock_version=None,
    )  # fmt: skip
    text = _text(_as(client, link_officer).get(_url("youth-report", review)))
    assert "Draft strength" not in text and "The inspectors are writing" in text
    assert "Draft strength" in _text(_as(client, lead).get(_url("youth-report", review)))


def test_another_councils_people_get_404(client, review, lead, make_user, observe):
    observe(1)
    stranger = make_user(Role.LINK_OFFICER, council=CouncilFactory())
    c = _as(client, stranger)
    observation = review.youth_observations.first()
    for name in ("youth", "youth-self-assessment", "youth-self-assessment-check",
                 "youth-activity-add", "youth-report", "youth-report-print"):  # fmt: skip
        assert c.get(_url(name, review)).status_code == 404, name
    url = _url("youth-observation", review, observation_pk=observation.pk)
    assert c.get(url).status_code == 404


def test_the_review_page_shows_the_youth_panel(client, review, lead, observe, link_officer):
    observe(3)
    text = _text(_as(client, link_officer).get(reverse("jar:review", kwargs={"pk": review.pk})))
    assert "Enhanced youth inspection" in text
    assert "Observations: 3 of a block of 16 to 20" in text
    assert "not submitted yet" in text


def test_the_inspectors_read_the_self_assessment_only_once_submitted(
    client, review, lead, link_officer
):
    services.youth_self_assessment_save(
        actor=link_officer, review=review, answers=full_answers(), expected_lock_version=None
    )
    c = _as(client, lead)
    assert "has not submitted" in _text(c.get(_url("youth-self-assessment", review)))
    services.youth_self_assessment_submit(actor=link_officer, review=review)
    assert "Evaluation of management." in _text(c.get(_url("youth-self-assessment", review)))


def test_the_demo_seeds_a_complete_youth_inspection(review, lead, link_officer):
    seed(review=review, council_user=link_officer, lead=lead)
    review.refresh_from_db()
    assert YouthSelfAssessment.objects.get(review=review).submitted_at
    assert review.youth_activities.count() == 8
    assert review.youth_observations.count() == 16
    assert YouthReport.objects.get(review=review).finalised_at
    assert date(2007, 10, 15) <= review.youth_activities.first().day
