"""Documents out (issue 4 §5): DOCX and PDF in the template's order, with citations."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from ecm.self_assessment import exports, services
from ecm.self_assessment.tests.conftest import complete_every_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(link_officer, self_assessment, template, draft):
    field = next(f for p, _, f in template.fields() if p.code == "d" and f.kind == "text")
    services.answers_save(
        version=draft, actor=link_officer,
        values={field.urn: {"text": "Outcomes are good.\n- Fewer teenage conceptions <script>"}},
        lock_versions={field.urn: 0},
    )  # fmt: skip
    services.citation_add(
        version=draft, field_urn=field.urn, actor=link_officer, kind="inspection",
        inspection="Joint area review, March 2006",
    )  # fmt: skip
    complete_every_part(draft, link_officer, template)
    return services.version_submit(version=draft, actor=link_officer, declaration_confirmed=True)


def test_the_docx_has_the_parts_in_order_the_answers_and_the_citations(submitted):
    document = Document(io.BytesIO(exports.version_docx(submitted)))
    text = [p.text for p in document.paragraphs]
    parts = [t.split(":")[0] for t in text if t.startswith("Part ")]
    assert parts == [f"Part {c}" for c in "ABCDEFG"]
    assert "Outcomes are good." in text
    assert "Fewer teenage conceptions <script>" in text  # kept as text
    assert "Joint area review, March 2006" in text


def test_the_pdf_carries_the_council_and_escapes_user_text(submitted, council):
    html = exports.version_html(submitted)
    assert "&lt;script&gt;" in html and "<script>" not in html
    pdf = exports.version_pdf(submitted, base_url="http://testserver/")
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert council.name in text and "Joint area review, March 2006" in text
