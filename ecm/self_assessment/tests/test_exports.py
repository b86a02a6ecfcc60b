"""Documents out (issue 4 §5): the submitted self-assessment as DOCX and PDF, in the template's
order, with its citations, for the archive and for partners."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from ecm.core import documents
from ecm.framework.models import Grade, GradeScale
from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory
from ecm.self_assessment import exports, services
from ecm.self_assessment.models import EvidenceDocument
from ecm.self_assessment.tests.helpers import FILLER_GRADE, FILLER_TEXT, complete_every_part

LSIF = "urn:ecm:grade-scale:lsif-four-point"
INDICATOR = "Percentage of initial assessments within 7 days"
INSPECTION = "Joint area review, March 2006: safeguarding judged good"
PLAN = "Children and Young People's Plan 2006-09"
SCRIPT = "Fewer teenage conceptions <script>alert('x')</script>"


def _field(template, code, kind="text", index=0):
    found = [f for p, _, f in template.fields() if p.code == code and f.kind == kind]
    return found[index]


@pytest.fixture
def scale(assessment):
    """The round's framework holds the self-assessment's LSIF scale, with its own labels."""
    scale = GradeScale.objects.create(
        version=assessment.round.framework_version, urn=LSIF, code="lsif_four_point", title="LSIF"
    )
    for value, label in [(4, "Well above minimum"), (3, "Consistently above minimum"),
                         (2, "Only minimum"), (1, "Below minimum")]:  # fmt: skip
        Grade.objects.create(scale=scale, value=value, label=label)
    return scale


@pytest.fixture
def written(db, link_officer, council, self_assessment, template, draft, scale):
    """A draft with answers in Parts A, B and D, citing a document, an indicator and an earlier
    inspection, and with a partner's contribution."""
    contacts = _field(template, "a", "contacts")
    grades = _field(template, "b", "grades")
    priorities = _field(template, "b", "priorities")
    summary = _field(template, "b")
    healthy = _field(template, "d")
    safe = _field(template, "d", index=2)
    values = {
        contacts.urn: {"text": "", "items": {"contacts": [
            {"role": "Director of children's services", "name": "Ann Example",
             "email": "ann@example.gov.uk", "phone": "01234 567890"},
        ]}},
        summary.urn: {"text": "Services are improving.", "items": {}},
        grades.urn: {"text": "", "items": {"being_healthy": "3", "staying_safe": "2"}},
        priorities.urn: {"text": "", "items": {"priorities": ["Reduce obesity", "Fewer NEETs"]}},
        healthy.urn: {"text": f"Outcomes are good.\n\n- {SCRIPT}\n* Immunisation up\nMore to do.",
                      "items": {}},
        safe.urn: {"text": "Referrals\x0b are assessed promptly.", "items": {}},
    }  # fmt: skip
    services.answers_save(
        version=draft, actor=link_officer, values=values, lock_versions={u: 0 for u in values}
    )
    document = EvidenceDocument.objects.create(
        self_assessment=self_assessment, title=PLAN, kind="cypp",
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"), file_name="plan.pdf",
        content_kind="pdf", size=13, sha256="0" * 64, uploaded_by=link_officer,
    )  # fmt: skip
    services.citation_add(
        version=draft, field_urn=healthy.urn, actor=link_officer, kind="document",
        document=document, location="section 4.2",
    )  # fmt: skip
    indicator = IndicatorFactory(title=INDICATOR, value_type="percentage", decimal_places=1)
    Comparison.objects.create(
        indicator=indicator, council=council, period="2006/07", end_year=2007, value=61.0,
        england=70.0, vs_england="worse", trend="improving",
    )  # fmt: skip
    services.citation_add(
        version=draft, field_urn=safe.urn, actor=link_officer, kind="indicator",
        indicator=indicator,
    )  # fmt: skip
    services.citation_add(
        version=draft, field_urn=safe.urn, actor=link_officer, kind="inspection",
        inspection=INSPECTION,
    )  # fmt: skip
    services.partner_contribution_add(
        version=draft, field_urn=healthy.urn, actor=link_officer,
        organisation="Sharpston Primary Care Trust", text="- Health visitors in every school",
    )  # fmt: skip
    return draft


@pytest.fixture
def submitted(written, link_officer, template):
    complete_every_part(written, link_officer, template)
    return services.version_submit(version=written, actor=link_officer, declaration_confirmed=True)


pytestmark = pytest.mark.django_db


def test_issue_4_s5_the_context_follows_the_template_order_with_every_kind_of_answer(
    submitted, template, council, link_officer
):
    """Issue 4 §5: everything the documents show, gathered once in the template's order."""
    context = exports.version_document_context(submitted)
    assert [p.letter for p in context["parts"]] == list("ABCDEFG")
    urns = [f.urn for p in context["parts"] for s in p.sections for f in s.fields]
    assert urns == [f.urn for _, _, f in template.fields()]
    assert context["council"] == council and context["version_number"] == 1
    assert context["status"] == "Submitted" and context["submitted_at"] is not None
    assert context["submitted_by"] == link_officer.get_full_name()
    assert context["submitted_late"] is True  # the 2007 round's May deadline has passed
    facts = dict(context["facts"])
    assert facts["Council"] == council.name and "late" in facts["Deadline"]

    fields = {f.urn: f for p in context["parts"] for s in p.sections for f in s.fields}
    (contact,) = fields[_field(template, "a", "contacts").urn].contacts
    assert (contact.role, contact.name, contact.phone)[1:] == ("Ann Example", "01234 567890")
    grades = fields[_field(template, "b", "grades").urn].grades
    assert [(g.area, g.value, g.label) for g in grades[:3]] == [
        ("Being healthy", "3", "Consistently above minimum"),  # the scale's own label
        ("Staying safe", "2", "Only minimum"),
        # Not graded when written; a grade is required before submission (issue 23 §2).
        ("Enjoying and achieving", FILLER_GRADE, "Consistently above minimum"),
    ]
    assert fields[_field(template, "b", "priorities").urn].priorities == [
        "Reduce obesity",
        "Fewer NEETs",
    ]
    healthy = fields[_field(template, "d").urn]
    assert healthy.blocks == [
        documents.Block(text="Outcomes are good."),
        documents.Block(bullets=(SCRIPT, "Immunisation up")),  # "- " and "* " (000 §11)
        documents.Block(text="More to do."),
    ]
    assert [c.line for c in healthy.citations] == [f"Document: {PLAN}, section 4.2"]
    (contribution,) = healthy.contributions
    assert contribution.organisation == "Sharpston Primary Care Trust"
    assert contribution.blocks == (documents.Block(bullets=("Health visitors in every school",)),)

    safe = fields[_field(template, "d", index=2).urn]
    assert safe.blocks == [documents.Block(text="Referrals are assessed promptly.")]
    indicator, inspection = safe.citations
    assert indicator.summary == f"{INDICATOR} (2006/07)"
    assert indicator.details[0] == "Council 61.0%, England 70.0%"
    assert "61.0%" in indicator.details[1]  # the sentence, as it stood when cited
    assert inspection.line == f"Earlier inspection: {INSPECTION}"
    # Part G was answered only to submit (issue 23 §2: every required answer is given).
    assert fields[_field(template, "g").urn].blocks == [documents.Block(text=FILLER_TEXT)]


def test_issue_4_s5_the_docx_has_parts_a_to_g_in_order_the_answers_and_the_citations(
    submitted, council
):
    """Issue 4 §5: the DOCX opens in python-docx with the template's order and the evidence."""
    document = Document(io.BytesIO(exports.version_docx(submitted)))
    paragraphs = document.paragraphs
    text = [p.text for p in paragraphs]
    parts = [p.text.split(":")[0] for p in paragraphs if p.style.name == "Heading 1"]
    assert parts == [f"Part {c}" for c in "ABCDEFG"] + ["Declaration"]
    assert "Outcomes are good." in text
    bullet = next(p for p in paragraphs if p.text == SCRIPT)  # user text kept as text
    assert bullet.style.name == "List Bullet"
    assert "Referrals are assessed promptly." in text  # the vertical tab could not be written
    assert text.count("Evidence cited") == 2
    assert f"Document: {PLAN}, section 4.2" in text
    assert f"Earlier inspection: {INSPECTION}" in text
    assert f"Indicator: {INDICATOR} (2006/07)" in text and "Council 61.0%, England 70.0%" in text
    assert "Contribution from Sharpston Primary Care Trust" in text
    numbered = [p.text for p in paragraphs if p.style.name == "List Number"]
    assert numbered == ["Reduce obesity", "Fewer NEETs"]
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Being healthy", "3", "Consistently above minimum"] in cells
    assert ["Director of children's services", "Ann Example", "ann@example.gov.uk",
            "01234 567890"] in cells  # fmt: skip
    assert ["Council", council.name] in cells
    assert document.core_properties.title == f"{council.name}: self-assessment"
    assert document.core_properties.author == council.name
    section = document.sections[0]
    assert council.name in section.header.paragraphs[0].text
    assert "Version 1" in section.header.paragraphs[0].text
    assert section.footer.paragraphs[0].text.startswith("Page ")  # then Word's PAGE field
    assert round(section.page_width.mm) == 210  # A4


def test_issue_4_s5_the_pdf_is_a_pdf_naming_the_council_with_the_citations(submitted, council):
    """Issue 4 §5: the PDF renders document.html with its print CSS through WeasyPrint."""
    pdf = exports.version_pdf(submitted, base_url="http://testserver/")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert council.name in text
    assert PLAN in text and "section 4.2" in text and INDICATOR in text
    assert "Page 1 of" in text and "Version 1 (submitted)" in text  # footer and header
    assert reader.metadata.title.startswith(f"{council.name}: self-assessment")
    assert reader.metadata.author == council.name


def test_issue_4_s5_user_text_is_escaped_in_the_html_never_markup(submitted):
    """Issue 4 §5: an answer containing <script> appears as text, not as markup."""
    html = exports.version_html(submitted)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script" not in html
    assert html.index("Part A: Background") < html.index("Part G: Partnership working")


def test_issue_4_s5_the_document_uses_every_documents_print_stylesheet(written):
    """Issue 4 §5: the self-assessment looks like the service's other documents: it links the
    one print stylesheet, core/document.css, and marks up with its doc-* classes."""
    html = exports.version_html(written)
    assert f'href="/assets/{documents.STYLESHEET}"' in html
    assert 'class="doc-title"' in html and 'class="doc-subtitle"' in html  # page header
    assert 'class="doc-aside doc-keep"' in html and 'class="doc-panel"' in html  # cited, partner
    assert 'class="doc-empty"' in html  # a draft's unanswered fields
    assert 'class="sa-' not in html


def test_issue_4_s5_a_draft_and_an_on_time_submission_say_so(written, link_officer, template):
    """Issue 4 §3, §5: a draft says it is not yet submitted; on time is not marked late."""
    context = exports.version_document_context(written)
    facts = dict(context["facts"])
    assert facts["Version"] == "1 (draft)" and facts["Submitted"].startswith("Not yet submitted")
    grades = next(f.grades for p in context["parts"] for s in p.sections for f in s.fields
                  if f.grades)  # fmt: skip
    assert ("Enjoying and achieving", "", exports.NOT_GRADED) in [
        (g.area, g.value, g.label) for g in grades
    ]  # a draft may leave a grade out
    assessment_round = written.self_assessment.assessment.round
    assessment_round.self_assessment_due = date.today() + timedelta(days=30)
    assessment_round.save()
    complete_every_part(written, link_officer, template)
    version = services.version_submit(
        version=written, actor=link_officer, declaration_confirmed=True
    )
    facts = dict(exports.version_document_context(version)["facts"])
    assert facts["Deadline"].endswith("submitted on time")


def test_issue_4_s5_contacts_written_as_text_are_shown_as_paragraphs(link_officer, template, draft):
    """Issue 4 §5: Part A's key contacts kept as text (as the part's page saves them) are
    shown as written; contacts held as a list are shown as a table."""
    contacts = _field(template, "a", "contacts")
    services.answers_save(
        version=draft, actor=link_officer,
        values={contacts.urn: {"text": "Ann Example, Director\n- Bob Example, BRM", "items": {}}},
        lock_versions={contacts.urn: 0},
    )  # fmt: skip
    context = exports.version_document_context(draft)
    shown = context["parts"][0].sections[0].fields[0]
    assert shown.contacts == [] and shown.answered
    assert shown.blocks == [
        documents.Block(text="Ann Example, Director"),
        documents.Block(bullets=("Bob Example, BRM",)),
    ]
    assert "Ann Example, Director" in [p.text for p in Document(
        io.BytesIO(exports.version_docx(draft))).paragraphs]  # fmt: skip


def test_issue_4_s5_text_blocks_split_paragraphs_and_bullets():
    """000 §11: bullet lists allowed; lines starting "- " or "* " are bullets."""
    assert documents.text_blocks("") == []
    assert documents.text_blocks("One\n  - a\n* b\n-not a bullet\n\nTwo\x00") == [
        documents.Block(text="One"),
        documents.Block(bullets=("a", "b")),
        documents.Block(text="-not a bullet"),
        documents.Block(text="Two"),
    ]


def test_issue_4_s5_the_pdf_reads_only_the_services_own_static_files():
    """The PDF's stylesheet (every document's) comes from the static files; other URLs are
    never fetched."""
    found = documents.static_file(f"http://testserver/assets/{documents.STYLESHEET}")
    assert found is not None and found.parts[-2:] == ("core", "document.css")
    assert documents.static_file("http://example.com/secret.css") is None
    assert documents.static_file("http://testserver/assets/../settings.py") is None
    assert documents.static_file("file:///etc/passwd") is None
