"""The JAR report's pages (issue 9 §6): the team grades on evidence through the page, the
council reads the report only once the draft is sent and a grade only once it is published,
comments within its window, says it will not request a review, and writes its action plan."""

from datetime import date

import pytest
from django.urls import reverse

from ecm.jar.report import services
from ecm.jar.report.models import ActionPlanItem, JarJudgement, ReportComment
from ecm.jar.report.tests.conftest import DRAFT_SENT, grade_all, publish, to_prepublication

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def _day(prefix: str, day: date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _url(name, review, **kwargs):
    return reverse(f"jar:{name}", kwargs={"pk": review.pk, **kwargs})


def test_the_lead_grades_a_judgement_on_evidence_through_the_page(
    client, review, lead, evidence, framework
):
    page = _as(client, lead).get(_url("judgement", review, code="safeguarding"))
    assert page.status_code == 200 and evidence.reference in page.content.decode()
    refused = client.post(
        _url("judgement", review, code="safeguarding"), {"grade": "3", "rationale": "Sound"}
    )
    assert refused.status_code == 400
    assert "Choose the evidence the grade stands on" in refused.content.decode()
    done = client.post(
        _url("judgement", review, code="safeguarding"),
        {"grade": "3", "rationale": "Sound", "evidence": [evidence.pk]},
    )
    assert done.status_code == 302
    assert JarJudgement.objects.get(review=review).evidence.get() == evidence


def test_evidence_is_recorded_by_the_team_with_its_source(client, review, lead, framework):
    response = _as(client, lead).post(
        _url("evidence-add", review),
        {
            "source": "meeting",
            "reference": "Young carers' group, 16 October",
            "finding": "Young carers say they are listened to",
        },
    )
    assert response.status_code == 302
    assert review.evidence.get().source == "meeting"


def test_the_council_reads_the_report_only_once_the_draft_is_sent_001_appendix(
    client, review, lead, evidence, framework, link_officer
):
    grade_all(review, lead, evidence)
    services.report_edit(
        actor=lead,
        review=review,
        summary="Partners work together well.",
        recommendations="Publish the LDD strategy",
    )
    assert _as(client, link_officer).get(_url("report", review)).status_code == 404
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    page = client.get(_url("report", review)).content.decode()
    assert "Partners work together well." in page
    assert "Written comments are due by Monday 10 December 2007" in page


def test_no_grade_reaches_the_council_before_publication_002_a(
    client, review, lead, evidence, framework, link_officer
):
    to_prepublication(review, lead, evidence)
    _as(client, link_officer)
    for name in ("report", "judgements"):
        text = client.get(_url(name, review)).content.decode()
        assert "3: Good" not in text and "Grades reach the council when" in text, name
        assert evidence.reference not in text  # the team's evidence is not the council's to read
    services.review_not_requested(actor=link_officer, review=review, on=date(2008, 1, 15))
    services.report_change_stage(actor=lead, review=review, to="published", on=date(2008, 1, 16))
    text = client.get(_url("report", review)).content.decode()
    assert "3: Good" in text


def test_the_council_comments_on_the_draft_and_the_lead_answers(
    client, review, lead, evidence, framework, link_officer
):
    assert _as(client, link_officer).get(_url("report-comment", review)).status_code == 404
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    response = client.post(
        _url("report-comment", review), {"about": "Paragraph 4", "comment": "The rate is 84%"}
    )
    assert response.status_code == 302
    comment = ReportComment.objects.get()
    answered = _as(client, lead).post(
        _url("report-answer", review, comment_pk=comment.pk),
        {"accepted": "yes", "response": "Corrected", "part": "summary", "wording": "S: 84%"},
    )
    assert answered.status_code == 302
    comment.refresh_from_db()
    assert comment.accepted is True and comment.changed_to == "S: 84%"


def test_the_stage_page_offers_only_the_moves_of_this_person(
    client, review, lead, evidence, framework, link_officer
):
    to_prepublication(review, lead, evidence)
    council_page = _as(client, link_officer).get(_url("report-stage", review)).content.decode()
    assert "Review of the report requested" in council_page and "Published" not in council_page
    lead_page = _as(client, lead).get(_url("report-stage", review)).content.decode()
    assert "Published" in lead_page
    refused = client.post(
        _url("report-stage", review), {"to": "published", **_day("on", date(2008, 1, 21))}
    )
    assert refused.status_code == 400
    assert "may request a review until 28 January 2008" in refused.content.decode()


def test_the_council_writes_and_sends_its_action_plan_003(
    client, review, lead, evidence, framework, link_officer
):
    publish(review, lead, evidence)
    _as(client, link_officer)
    refused = client.post(_url("action-plan", review), {"send": "1"})
    assert "Not yet answered" in refused.content.decode()
    for recommendation in ("Improve the timeliness of assessments", "Publish the LDD strategy"):
        response = client.post(
            _url("action-plan", review),
            {
                "recommendation": recommendation,
                "action": "Do it",
                "partners": "PCT",
                "lead": "Head of service",
                **_day("by_when", date(2008, 6, 30)),
            },
        )
        assert response.status_code == 302
    assert client.post(_url("action-plan", review), {"send": "1"}).status_code == 302
    assert ActionPlanItem.objects.count() == 2
    page = _as(client, lead).get(_url("action-plan", review)).content.decode()
    assert "Sent to the inspectorate on" in page
