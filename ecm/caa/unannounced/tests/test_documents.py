"""The unannounced inspection's letter as PDF and DOCX (issue 10 §3; 004 "Inspectors will report
their findings by letter to the Director of Children's Services ..."): what it says, and the
same access as the printable letter page (the council only once sent; another council 404)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from ecm.accounts.roles import Role
from ecm.caa.unannounced import documents
from ecm.caa.unannounced.tests.conftest import RECIPIENTS

pytestmark = pytest.mark.django_db

SOME_CONCERNS = "The inspection has raised some concerns."
SERIOUS_CONCERNS = "The inspection has raised serious concerns."


def url(inspection, fmt):
    return reverse(
        "caa:unannounced-letter-document",
        kwargs={"la_number": inspection.council.la_number, "pk": inspection.pk, "fmt": fmt},
    )


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    return words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages))


def docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return words(" ".join([p.text for p in document.paragraphs] + cells))


def test_004_the_letter_as_docx_names_its_recipients_outcome_and_aspects(
    client, inspection, complete, send, director
):
    """004: "Inspectors will report their findings by letter to the Director of Children's
    Services", copied to the Lead Member, the LSCB's chair and the Chief Executive; the letter
    indicates the outcome in 004's words, with the nine aspects' evaluations."""
    sent = send(complete(inspection, outcome="some_concerns"))
    client.force_login(director)
    response = client.get(url(sent, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == documents.FORMATS["docx"]
    assert response["Content-Disposition"].endswith(
        f'unannounced-letter-{sent.council.la_number}-2009.docx"'
    )
    text = docx_text(response.content)
    assert "26 June 2009" in text and sent.council.name in text
    assert "Gordon Ellis, Director of Children\u2019s Services" in text
    for name in RECIPIENTS.values():
        assert name in text
    assert "Chief Executive of the local authority" in text
    assert SOME_CONCERNS in text and documents.BROUGHT_FORWARD not in text
    assert "Application of thresholds, their clarity and consistency" in text
    assert "Thank you for the help you and your staff gave" in text
    assert "30 case files" in text and documents.DRAFT not in text


def test_004_the_letter_as_pdf_is_tagged_and_says_the_outcome(
    client, inspection, complete, send, link_officer
):
    """004: "Inspectors will report their findings by letter ..."; serious concerns bring the
    full inspection forward, and the letter says so."""
    sent = send(complete(inspection, outcome="serious_concerns"))
    client.force_login(link_officer)
    response = client.get(url(sent, "pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

    assert "/StructTreeRoot" in PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    text = pdf_text(response.content)
    assert sent.council.name in text and SERIOUS_CONCERNS in text
    assert "brought forward" in text and "Judith Carr" in text


def test_issue_10_the_council_gets_the_letter_only_once_sent(
    client, inspection, complete, send, director, link_officer
):
    """004: "Inspectors will report their findings by letter": a draft is 404 to the council,
    as its printable page is; once sent, both formats open."""
    ready = complete(inspection)
    for user in (director, link_officer):
        client.force_login(user)
        for fmt in documents.FORMATS:
            assert client.get(url(ready, fmt)).status_code == 404
    sent = send(ready)
    for user in (director, link_officer):
        client.force_login(user)
        assert client.get(url(sent, "docx")).status_code == 200


def test_the_inspectorate_downloads_a_draft_marked_as_one(client, inspection, make_user):
    """The inspectorate previews the letter before it is sent, as on its printable page; the
    unfinished parts say so."""
    client.force_login(make_user(Role.MANAGEMENT_READER))
    text = docx_text(client.get(url(inspection, "docx")).content)
    assert documents.DRAFT in text and documents.WHEN_SENT in text
    assert documents.NOT_DECIDED in text and documents.NOT_WRITTEN in text
    assert documents.NOT_EVALUATED in text and documents.NOT_NAMED in text


def test_another_councils_people_and_an_unknown_format_get_404(
    client, inspection, complete, send, make_user, other_council, hmi
):
    """The letter reaches its own council only (004: "report their findings by letter")."""
    sent = send(complete(inspection), on=date(2009, 6, 26))
    client.force_login(make_user(Role.LINK_OFFICER, council=other_council))
    for fmt in documents.FORMATS:
        assert client.get(url(sent, fmt)).status_code == 404
    client.force_login(hmi)
    assert client.get(url(sent, "odt")).status_code == 404


def test_the_letter_page_links_its_downloads(client, inspection, hmi):
    client.force_login(hmi)
    letter = reverse(
        "caa:unannounced-letter",
        kwargs={"la_number": inspection.council.la_number, "pk": inspection.pk},
    )
    page = client.get(letter).content.decode()
    assert url(inspection, "pdf") in page and url(inspection, "docx") in page
    assert "Download the letter (PDF)" in page and "Download the letter (Word)" in page
