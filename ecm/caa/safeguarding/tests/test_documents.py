"""The full inspection's report as PDF and DOCX (issue 10 §4; 004: "one report" with "separate
sections and grades given for safeguarding and looked after children"): what it says, and
the same access as the printable report page (the council only once published; another
council 404)."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from ecm.accounts.roles import Role
from ecm.caa.safeguarding import documents
from ecm.caa.safeguarding.demo import FINDINGS, RATIONALE

pytestmark = pytest.mark.django_db


def url(inspection, fmt):
    return reverse(
        "caa:safeguarding-report-document",
        kwargs={"la_number": inspection.council.la_number, "pk": inspection.pk, "fmt": fmt},
    )


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    return words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages))


def docx_parts(body: bytes) -> tuple[str, list[tuple[str, ...]]]:
    """The DOCX's paragraphs as one text, and its tables' rows."""
    document = Document(io.BytesIO(body))
    rows = [tuple(c.text for c in r.cells) for t in document.tables for r in t.rows]
    return words(" ".join(p.text for p in document.paragraphs)), rows


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


def test_004_one_report_as_docx_gives_both_sections_judgements_and_recommendations(
    client, published, director
):
    """004: "one report" with "separate sections and grades given for safeguarding and looked
    after children": each judgement's grade and rationale, the main findings, and the
    recommendations with their timescales; the dates on site and of publication."""
    client.force_login(director)
    response = client.get(url(published, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == documents.FORMATS["docx"]
    la = published.council.la_number
    assert response["Content-Disposition"].endswith(f'safeguarding-report-{la}-2009-09.docx"')
    text, rows = docx_parts(response.content)
    assert "Safeguarding" in text and "Services for looked after children" in text
    assert FINDINGS["safeguarding"] in text and FINDINGS["lac"] in text
    judged = {r[:3]: r[3] for r in rows if len(r) == 4}
    assert ("Overall effectiveness", "Adequate", RATIONALE[2]) in judged
    assert ("Capacity to improve", "Good", RATIONALE[3]) in judged
    # Issue 24 §3: each judgement with the evidence it cites.
    assert judged[("Staying safe", "Adequate", RATIONALE[2])].startswith(
        "Scrutiny and tracking of case files: Forty case files"
    )
    assert sum(1 for r in rows if r[0] == "Overall effectiveness") == 2  # one per section
    assert "Ensure every initial assessment is completed on time. (immediately)" in text
    assert "attainment at 16. (within six months)" in text
    facts = dict(r for r in rows if len(r) == 2)
    assert facts["Inspection dates"] == "28 September to 2 October 2009 (5 days on site)"
    assert facts["Published"] == "20 October 2009"
    assert published.council.name in facts["Council"]


def test_004_the_report_as_pdf_is_tagged_and_names_the_council(client, published, link_officer):
    """004: "one report" of the inspection, published: the PDF is tagged for screen readers."""
    client.force_login(link_officer)
    response = client.get(url(published, "pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

    assert "/StructTreeRoot" in PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    text = pdf_text(response.content)
    assert published.council.name in text and "Services for looked after children" in text
    assert "Overall effectiveness Adequate" in text and "20 October 2009" in text


def test_issue_10_the_council_gets_the_report_only_once_published(
    client, judged, publish, director, link_officer
):
    """004: "one report" reaches the council when published, as the grades do (002 §A): until
    then both formats are 404 to the council, as the report's page is."""
    for user in (director, link_officer):
        client.force_login(user)
        for fmt in documents.FORMATS:
            assert client.get(url(judged, fmt)).status_code == 404
    done = publish(judged)
    for user in (director, link_officer):
        client.force_login(user)
        assert client.get(url(done, "docx")).status_code == 200


def test_the_inspectorate_reads_the_unpublished_report_with_its_deadline(client, judged, make_user):
    """004: "one report", due "normally within 20 working days of the end of the inspection":
    before publication the document says by when, and under which rule."""
    client.force_login(make_user(Role.MANAGEMENT_READER))
    _, rows = docx_parts(client.get(url(judged, "docx")).content)
    published = dict(r for r in rows if len(r) == 2)["Published"]
    assert published.startswith("Not published: due by") and "working days" in published


def test_another_councils_people_and_an_unknown_format_get_404(
    client, published, make_user, other_council, hmi
):
    """The "one report" reaches its own council: another council's people get 404."""
    client.force_login(make_user(Role.LINK_OFFICER, council=other_council))
    for fmt in documents.FORMATS:
        assert client.get(url(published, fmt)).status_code == 404
    client.force_login(hmi)
    assert client.get(url(published, "odt")).status_code == 404


def test_the_report_page_links_its_downloads(client, judged, hmi):
    client.force_login(hmi)
    report = reverse(
        "caa:safeguarding-report",
        kwargs={"la_number": judged.council.la_number, "pk": judged.pk},
    )
    page = client.get(report).content.decode()
    assert url(judged, "pdf") in page and url(judged, "docx") in page
    assert "Download the report (PDF)" in page and "Download the report (Word)" in page
