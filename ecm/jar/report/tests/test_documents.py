"""The JAR report as PDF and Word (issue 24 §2: "The JAR report as PDF and Word, like the other
documents"; 003: the review's report with its graded judgements): attachments built through
ecm.core.documents, saying what the report page says to the same reader, the council from the
draft on and its grades only once published (002 §A's rule as the JAR applies it)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.jar.report import services
from ecm.jar.report.tests.conftest import DRAFT_SENT, grade_all, to_prepublication

pytestmark = pytest.mark.django_db

SUMMARY = "Partners work together well for children in care."


def _url(review, fmt):
    return reverse("jar:report-document", kwargs={"pk": review.pk, "fmt": fmt})


def _words(text: str) -> str:
    return " ".join(text.split())


def _text(response) -> str:
    body = b"".join(response) if response.streaming else response.content
    if response["Content-Type"] == "application/pdf":
        return _words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages))
    document = Document(io.BytesIO(body))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return _words(" ".join([p.text for p in document.paragraphs] + cells))


def _draft(review, lead, evidence):
    grade_all(review, lead, evidence)
    services.report_edit(
        actor=lead,
        review=review,
        summary=SUMMARY,
        recommendations="Improve the timeliness of assessments\nPublish the LDD strategy",
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_team_downloads_the_report_with_its_grades_as_an_attachment_003(
    client, review, lead, evidence, framework, fmt
):
    """003: "The JAR makes twelve graded judgements"; from 2007 001's five scored ones. The
    team reads its draft with the grades it gave, marked as a draft."""
    _draft(review, lead, evidence)
    client.force_login(lead)
    response = client.get(_url(review, fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    text = _text(response)
    assert "Joint area review report" in text and SUMMARY in text
    assert "Draft: Being written by the team" in text
    assert "Safeguarding" in text and "Grade 3: Good" in text
    assert "Publish the LDD strategy" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_council_downloads_it_as_it_reads_it_002_a(
    client, review, lead, evidence, framework, link_officer, fmt
):
    """The council opens the report from the draft on, so it downloads it from then on; a
    grade only once the report is published (002 §A, as the report page)."""
    _draft(review, lead, evidence)
    client.force_login(link_officer)
    assert client.get(_url(review, fmt)).status_code == 404
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    text = _text(client.get(_url(review, fmt)))
    assert SUMMARY in text and "Grade 3" not in text and "3: Good" not in text
    assert "Grades reach the council when the report is published" in text
    services.report_change_stage(actor=lead, review=review, to="discussion", on=date(2007, 12, 3))
    services.report_change_stage(
        actor=lead, review=review, to="prepublication", on=date(2008, 1, 14)
    )
    services.review_not_requested(actor=link_officer, review=review, on=date(2008, 1, 15))
    services.report_change_stage(actor=lead, review=review, to="published", on=date(2008, 1, 16))
    published = _text(client.get(_url(review, fmt)))
    assert "Grade 3: Good" in published and "Draft" not in published
    assert "Published 16 January 2008" in published


def test_another_council_and_another_format_get_404(
    client, review, lead, evidence, framework, make_user
):
    to_prepublication(review, lead, evidence)
    stranger = make_user(Role.LINK_OFFICER, council=CouncilFactory())
    client.force_login(stranger)
    assert client.get(_url(review, "pdf")).status_code == 404
    client.force_login(lead)
    assert client.get(_url(review, "odt")).status_code == 404


def test_the_report_page_links_to_both_documents(client, review, lead, evidence, framework):
    _draft(review, lead, evidence)
    client.force_login(lead)
    page = client.get(reverse("jar:report", kwargs={"pk": review.pk})).content.decode()
    assert _url(review, "pdf") in page and _url(review, "docx") in page
