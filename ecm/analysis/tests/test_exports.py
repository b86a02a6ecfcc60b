"""The evidence notebook as documents (issue 5 §7: "The notebook exports as PDF and DOCX (Steps
1-4, and Steps 2-4 alone for moderation), with every piece of evidence listed"; 002 §F: the
notebook is the archived trail of evidence)."""

import io
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document

from ecm.analysis import exports, exports_docx
from ecm.analysis.content import strand
from ecm.analysis.services import judgements, notebook, pack
from ecm.apa import services as apa_services
from ecm.apa.tests.factories import make_framework_version, make_round
from ecm.core.documents import when
from ecm.framework.models import (
    Grade,
    GradeScale,
    Judgement,
    JudgementSet,
    KeyJudgement,
    Outcome,
)
from ecm.meetings.documents import document_html
from ecm.meetings.moderation_form import moderation_form_context

pytestmark = pytest.mark.django_db

BRIEFING = "CSCI briefing on referrals 2007"
QUOTED = f"\N{LEFT DOUBLE QUOTATION MARK}{BRIEFING}\N{RIGHT DOUBLE QUOTATION MARK}"
SHARED_FINDING = "Referrals are assessed promptly and children in need are seen quickly."
SHARED_NOTE = "Nine in ten initial assessments within seven days"
DOCUMENT_NOTE = "The plan names a lead for every looked after child"
WITHDRAWN_NOTE = "A figure later found to be for the wrong year"
MARKUP_FINDING = "Fewer <b>repeat</b> referrals\x0b this year."
MARKUP_SHOWN = "Fewer <b>repeat</b> referrals this year."
MARKUP_NOTE = "Repeat referrals fell from 30 to 22 per cent"
UNLINKED_FINDING = "Young carers have a well used support group."
UNLINKED_NOTE = "Attendance at the young carers group doubled"
PRIVATE_FINDING = "Day one thought: health visiting looks thin."
PRIVATE_NOTE = "Only a private note of the BRM"
MODERATION = "Moderation asked for more evidence on school nursing."
TRAIL = "The trail rests on the referral figures and the CSCI briefing."
RATIONALE = "Outcomes for children are good, with prompt assessment of referrals."
KEY_JUDGEMENT = "Parents and carers receive support to keep their children healthy"
FOUR_POINT = {
    4: "Well above minimum requirements",
    3: "Consistently above minimum requirements",
    2: "Only minimum requirements",
    1: "Not delivering minimum requirements",
}
SUMMATIVE = {4: "Outstanding", 3: "Good", 2: "Adequate", 1: "Inadequate"}


def _text(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _pdf_text(pdf: bytes) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _docx_upload() -> SimpleUploadedFile:
    document = Document()
    document.add_paragraph("Referrals to children's social care, 2006-07.")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        "briefing.docx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@pytest.fixture
def framework():
    """A small framework: being healthy (one key judgement) and service management, the
    four-point scale of Steps 2-3, and a judgement set of two judgements graded 1-4."""
    version = make_framework_version()
    four_point = GradeScale.objects.create(
        version=version, urn="urn:test:scale:four-point", code=exports.FOUR_POINT_SCALE,
        title="Four-point scale",
    )  # fmt: skip
    summative = GradeScale.objects.get(version=version, code="lsif")
    for value in (4, 3, 2, 1):
        Grade.objects.create(scale=four_point, value=value, label=FOUR_POINT[value])
        Grade.objects.create(scale=summative, value=value, label=SUMMATIVE[value])
    healthy = Outcome.objects.create(
        version=version, urn="urn:test:outcome:healthy", code="being_healthy",
        title="Being healthy", kind="outcome", order=1,
    )  # fmt: skip
    KeyJudgement.objects.create(
        outcome=healthy, urn="urn:test:kj:1.1", code="1.1", title=KEY_JUDGEMENT, order=1
    )
    Outcome.objects.create(
        version=version, urn="urn:test:outcome:management", code="service_management",
        title="Service management", kind="service_management", order=6,
    )  # fmt: skip
    judgement_set = JudgementSet.objects.get(version=version)
    Judgement.objects.create(
        judgement_set=judgement_set, urn="urn:test:j:overall", code="overall_effectiveness",
        title="Overall effectiveness of children's services", scale=summative, order=1,
    )  # fmt: skip
    Judgement.objects.create(
        judgement_set=judgement_set, urn="urn:test:j:healthy", code="being_healthy",
        title="Being healthy", scale=summative, outcome=healthy, order=2,
    )  # fmt: skip
    return version


@pytest.fixture
def assessment(framework, council, hmi, brm):
    (assessment,) = apa_services.assessments_create_for_round(
        actor=None, assessment_round=make_round(framework_version=framework), councils=[council]
    )
    apa_services.assessment_assign_inspectors(
        actor=None, assessment=assessment, hmi=hmi, brm=brm, lead="hmi"
    )
    return assessment


@pytest.fixture
def briefing(assessment, hmi):
    return pack.pack_item_upload(
        assessment=assessment, actor=hmi, upload=_docx_upload(), category="briefing",
        source_type="csci", title=BRIEFING, source="CSCI regional office",
        dated=date(2007, 6, 1), shared_with_council=False,
    )  # fmt: skip


def _entry(assessment, code, actor, finding, note, briefing, *, share=True, **words):
    outcome = Outcome.objects.get(version=assessment.round.framework_version, code=code)
    entry = notebook.entry_add(
        assessment=assessment, outcome=outcome, actor=actor, finding=finding,
        kind=words.pop("kind", "strength"), **words,
    )  # fmt: skip
    notebook.evidence_add(
        entry=entry, actor=actor, kind="briefing", note=note, pack_item=briefing, page="3"
    )
    if share:
        notebook.entry_share(entry=entry, actor=actor)
    return entry


@pytest.fixture
def entries(assessment, hmi, brm, briefing):
    """Shared entries (one with two pieces of standing evidence and one withdrawn, one with
    markup and a vertical tab in its finding, one linked to nothing) and a private one."""
    shared = _entry(
        assessment, "being_healthy", hmi, SHARED_FINDING, SHARED_NOTE, briefing, share=False,
        key_judgements=["urn:test:kj:1.1"], tags=["social_care"], capacity=["track_record"],
    )  # fmt: skip
    notebook.evidence_add(
        entry=shared, actor=hmi, kind="document", note=DOCUMENT_NOTE, pack_item=briefing, page="7"
    )
    withdrawn = notebook.evidence_add(
        entry=shared, actor=hmi, kind="briefing", note=WITHDRAWN_NOTE, pack_item=briefing,
        page="9",
    )  # fmt: skip
    notebook.evidence_withdraw(evidence=withdrawn, actor=hmi, reason="Wrong year")
    notebook.entry_share(entry=shared, actor=hmi)
    markup = _entry(
        assessment, "service_management", hmi, MARKUP_FINDING, MARKUP_NOTE, briefing,
        kind="area_for_improvement",
    )  # fmt: skip
    unlinked = _entry(assessment, "being_healthy", brm, UNLINKED_FINDING, UNLINKED_NOTE, briefing)
    private = _entry(
        assessment, "being_healthy", brm, PRIVATE_FINDING, PRIVATE_NOTE, briefing, share=False
    )
    return {"shared": shared, "markup": markup, "unlinked": unlinked, "private": private}


@pytest.fixture
def judged(assessment, entries, hmi, brm):
    """Steps 2-4 written, linking the shared and the markup entries, and signed by both."""
    version = assessment.round.framework_version
    shared, markup = entries["shared"].pk, entries["markup"].pk
    judgements.area_summary_save(
        assessment=assessment, outcome=Outcome.objects.get(version=version, code="being_healthy"),
        actor=hmi, shown=None, moderation=MODERATION,
        strands={"social_care": strand(grade=3, text="Prompt assessment.", entries=[shared])},
    )  # fmt: skip
    judgements.overall_summary_save(
        assessment=assessment, actor=hmi, shown=None, trail=TRAIL,
        strands={"children_services": strand(grade=3, text="Good overall.", entries=[markup])},
    )  # fmt: skip
    for judgement in judgements.required_judgements(assessment):
        linked = [shared] if judgement.code == "being_healthy" else []
        judgements.summative_save(
            assessment=assessment, judgement=judgement, actor=hmi, shown=None, grade=3,
            rationale=RATIONALE, entries=linked,
        )  # fmt: skip
    judgements.summative_sign(assessment=assessment, actor=hmi)
    judgements.summative_sign(assessment=assessment, actor=brm)
    return assessment


def test_issue_5_s7_the_docx_of_steps_1_to_4_lists_shared_entries_and_every_piece_of_evidence(
    judged, entries, council, hmi, brm
):
    """Issue 5 §7: Steps 1-4 with every piece of standing evidence and its note; 002 §D, §F:
    only shared entries belong to the notebook, so a private day-1 entry never appears, and a
    withdrawn piece of evidence is not listed."""
    document = Document(io.BytesIO(exports_docx.notebook_docx(assessment=judged, steps="1-4")))
    text = _text(document)
    joined = "\n".join(text)
    title = f"Evidence notebook: {council.name}, {judged.round.title}"
    assert text[0] == title and document.core_properties.title == title
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [exports.STEP_TITLES[n] for n in (1, 2, 3, 4)]

    assert SHARED_FINDING in text and UNLINKED_FINDING in text
    shared = entries["shared"]
    assert f"E{shared.pk}: Strength" in text
    assert f"Briefing from CSCI: {QUOTED}, page 3" in text
    assert f"Document {QUOTED}, page 7" in text
    assert SHARED_NOTE in text and DOCUMENT_NOTE in text and UNLINKED_NOTE in text
    assert WITHDRAWN_NOTE not in joined and "page 9" not in joined
    assert PRIVATE_FINDING not in joined and PRIVATE_NOTE not in joined
    assert f"Key judgements: 1.1 {KEY_JUDGEMENT}" in text
    assert "Groups: Social care" in text and "Capacity to improve: Track record" in text
    assert f"Written by {hmi.get_full_name()}. Revision 5, last revised by" in joined

    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Council", council.name] in cells
    assert ["Ofsted inspector (HMI)", f"{hmi.get_full_name()} (lead)"] in cells
    assert ["CSCI business relationship manager", brm.get_full_name()] in cells
    assert any(row[0] == exports.AS_AT for row in cells)
    section = document.sections[0]
    assert title in section.header.paragraphs[0].text
    assert section.footer.paragraphs[0].text.startswith("Page ")
    assert round(section.page_width.mm) == 210  # A4


def test_issue_5_s7_steps_2_to_4_show_grades_links_moderation_and_signatures(
    judged, entries, hmi, brm
):
    """002 §F steps 2-4: indicative grades with their key points and entries, moderation
    findings, the trail, each summative judgement with its grade on its scale and rationale,
    the signatures that stand (issue 5 §5) and the warnings with their source (issue 5 §6)."""
    text = _text(Document(io.BytesIO(exports_docx.notebook_docx(assessment=judged, steps="1-4"))))
    shared = entries["shared"]
    assert f"Social care: Grade 3: {FOUR_POINT[3]}" in text
    assert "Education: Not graded yet" in text
    assert f"E{shared.pk}: {SHARED_FINDING[:60]}" in " ".join(text)
    assert MODERATION in text and TRAIL in text
    assert f"Children's services overall: Grade 3: {FOUR_POINT[3]}" in text
    assert text.count("Grade 3: Good") == 2 and text.count(RATIONALE) == 2
    signed = [t for t in text if t.startswith("Signed by ")]
    assert [s.split(",")[0] for s in signed] == [
        f"Signed by {hmi.get_full_name()}",
        f"Signed by {brm.get_full_name()}",
    ]
    assert exports.NOT_SIGNED not in text
    (warning,) = [t for t in text if "no evidence linked" in t]
    assert warning.startswith("Overall effectiveness") and warning.endswith(
        "(the handbook, section E.iv)"
    )


def test_issue_5_s7_the_pdf_of_steps_1_to_4_holds_the_shared_evidence_not_private_entries(
    judged, council
):
    """Issue 5 §7: the PDF (WeasyPrint, A4, page numbers) lists the shared entries and their
    evidence; 002 §D: a private day-1 entry is not part of the exported notebook."""
    pdf = exports.notebook_pdf(assessment=judged, steps="1-4", base_url="http://testserver/")
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert f"Evidence notebook: {council.name}" in text
    assert SHARED_FINDING in text and SHARED_NOTE in text and DOCUMENT_NOTE in text
    assert f"{QUOTED}, page 7" in text
    assert PRIVATE_FINDING not in text and PRIVATE_NOTE not in text
    assert WITHDRAWN_NOTE not in text
    assert exports.STEP_TITLES[1] in text and "Page 1 of" in text
    assert "Grade 3: Good" in text and "Signed by" in text


def test_issue_5_s7_steps_2_to_4_for_moderation_list_the_evidence_of_linked_entries(
    judged, entries
):
    """Issue 5 §7: Steps 2-4 alone, for moderation, have no Step 1 but still list, in an
    appendix, the evidence behind every entry they link to (002 §F: the trail of evidence);
    an entry nothing links to is left out."""
    document = Document(io.BytesIO(exports_docx.notebook_docx(assessment=judged, steps="2-4")))
    text = _text(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [exports.STEP_TITLES[n] for n in (2, 3, 4)] + [exports.APPENDIX_TITLE]
    appendix = text[text.index(exports.APPENDIX_TITLE) :]
    assert SHARED_FINDING in appendix and SHARED_NOTE in appendix and DOCUMENT_NOTE in appendix
    assert MARKUP_SHOWN in appendix and MARKUP_NOTE in appendix
    assert f"E{entries['markup'].pk}: Area for improvement" in appendix
    assert UNLINKED_FINDING not in text and PRIVATE_FINDING not in text
    assert "Steps 2 to 4" in document.sections[0].header.paragraphs[0].text

    pdf_text = _pdf_text(
        exports.notebook_pdf(assessment=judged, steps="2-4", base_url="http://testserver/")
    )
    assert exports.STEP_TITLES[1] not in pdf_text
    assert exports.APPENDIX_TITLE in pdf_text and SHARED_NOTE in pdf_text
    assert MARKUP_NOTE in pdf_text and UNLINKED_NOTE not in pdf_text


def test_issue_5_s7_user_text_with_markup_and_a_vertical_tab_survives_as_text(judged):
    """Issue 5 §7: a finding containing <b> and a vertical tab pasted from Word is shown as
    text in every format, never as markup; the character XML cannot hold is dropped."""
    html = exports.notebook_html(assessment=judged, steps="1-4")
    assert "Fewer &lt;b&gt;repeat&lt;/b&gt; referrals this year." in html
    assert "<b>" not in html and "\x0b" not in html
    text = _text(Document(io.BytesIO(exports_docx.notebook_docx(assessment=judged, steps="1-4"))))
    assert MARKUP_SHOWN in text
    pdf = exports.notebook_pdf(assessment=judged, steps="1-4", base_url="http://testserver/")
    assert MARKUP_SHOWN in _pdf_text(pdf)


def test_issue_5_s7_an_empty_notebook_says_not_written_yet_and_not_signed(assessment):
    """Issue 5 §7, 002 §F: steps not yet written say so; Step 4 not signed by both inspectors
    (issue 5 §5) says so."""
    text = _text(
        Document(io.BytesIO(exports_docx.notebook_docx(assessment=assessment, steps="1-4")))
    )
    # Step 1 for both areas, Step 2 for both, Step 3, and Step 4's two judgements.
    assert text.count(exports.NOT_WRITTEN) == 7
    assert exports.SOCIAL_CARE_MISSING in text  # 002 §F step 1, for being healthy only
    assert exports.NOT_SIGNED in text and exports.NO_WARNINGS in text
    text = _text(
        Document(io.BytesIO(exports_docx.notebook_docx(assessment=assessment, steps="2-4")))
    )
    assert exports.NO_LINKED_ENTRIES in text


def test_issue_5_s5_one_signature_is_listed_but_not_both(judged, hmi, brm):
    """Issue 5 §5: both the HMI and the BRM sign; a change clears both signatures, and the
    notebook shows only those that stand."""
    judgement = judgements.required_judgements(judged)[0]
    judgements.summative_save(
        assessment=judged, judgement=judgement, actor=hmi, shown=1, grade=2,
        rationale="Adequate on reflection.", entries=[], reason="Moderation",
    )  # fmt: skip
    judgements.summative_sign(assessment=judged, actor=brm)
    context = exports.notebook_document_context(assessment=judged, steps="2-4")
    assert [s.who for s in context["signatures"]] == [brm.get_full_name()]
    assert context["signed_by_both"] is False
    text = _text(Document(io.BytesIO(exports_docx.notebook_docx(assessment=judged, steps="2-4"))))
    assert exports.NOT_SIGNED in text and "Grade 2: Adequate" in text


def test_issue_5_s7_only_steps_1_to_4_and_2_to_4_export(assessment):
    """Issue 5 §7: the notebook exports Steps 1-4, or Steps 2-4 alone."""
    with pytest.raises(ValueError, match="Steps 1-4 or Steps 2-4"):
        exports.notebook_document_context(assessment=assessment, steps="3-4")


def test_issue_5_the_export_reads_in_a_fixed_number_of_queries(judged, hmi, briefing):
    """Issue 5 quality bar: the notebook is read in a fixed number of queries whatever its
    size, so a long notebook exports as quickly as a short one."""
    with CaptureQueriesContext(connection) as before:
        exports.notebook_document_context(assessment=judged, steps="1-4")
    for n in range(3):
        _entry(judged, "service_management", hmi, f"Another finding {n}.", "A note", briefing)
    with CaptureQueriesContext(connection) as after:
        context = exports.notebook_document_context(assessment=judged, steps="1-4")
    assert len(after) == len(before)
    assert sum(len(a.entries) for a in context["sections"][0].areas) == 6


def _at(moment):
    """The clock at `moment`, for everything that asks django.utils.timezone for it."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _as_at(assessment, steps: str) -> str:
    facts = exports.notebook_document_context(assessment=assessment, steps=steps)["facts"]
    return dict(facts)[exports.AS_AT]


def test_issue_25_s3_the_notebook_prints_its_latest_change_not_the_minute_of_export(
    judged, entries, brm
):
    """Issue 25 §3: "the same files are cached until their content changes". A PDF is kept by
    its HTML, and the notebook printed the minute it was exported, so it was new content every
    minute; it prints instead when what it shows last changed (decision 0054): the same HTML
    at any hour while nothing changes, new HTML (and a new "as at") once an entry changes, and
    Steps 2-4 unchanged by an entry they do not show."""
    soon = timezone.now() + timedelta(days=2)
    with _at(soon):
        first = {s: exports.notebook_html(assessment=judged, steps=s) for s in ("1-4", "2-4")}
    with _at(soon + timedelta(hours=3, minutes=7)):
        again = {s: exports.notebook_html(assessment=judged, steps=s) for s in ("1-4", "2-4")}
    assert again == first
    assert exports.AS_AT in first["1-4"] and when(soon) not in first["1-4"]

    revised = soon + timedelta(days=1)
    unlinked = entries["unlinked"]
    unlinked.refresh_from_db()
    with _at(revised):
        notebook.entry_revise(
            entry=unlinked, actor=brm, shown=unlinked.current.number,
            reason="Checked with the council",
            finding="Young carers have a well used support group, now weekly.", kind="strength",
            key_judgements=[], tags=[], capacity=[],
        )  # fmt: skip
    with _at(revised + timedelta(hours=1)):
        after = {s: exports.notebook_html(assessment=judged, steps=s) for s in ("1-4", "2-4")}
        assert _as_at(judged, "1-4") == when(revised)
    assert after["1-4"] != first["1-4"]
    assert after["2-4"] == first["2-4"]  # the unlinked entry is not in Steps 2-4


def test_issue_25_s3_a_withdrawn_piece_of_evidence_moves_the_as_at(judged, entries, hmi):
    """Decision 0054: a withdrawal is a change to what the notebook shows, though the piece
    withdrawn is not shown."""
    withdrawn_at = timezone.now() + timedelta(days=3)
    piece = notebook.evidence_add(
        entry=entries["unlinked"], actor=hmi, kind="briefing", note="Second look",
        pack_item=entries["unlinked"].evidence.first().pack_item, page="4",
    )  # fmt: skip
    with _at(withdrawn_at):
        notebook.evidence_withdraw(evidence=piece, actor=hmi, reason="Duplicate")
    assert _as_at(judged, "1-4") == when(withdrawn_at)


def test_issue_25_s3_the_moderation_form_prints_the_same_at_two_clock_times(judged, entries, hmi):
    """Issue 25 §3: the Moderation Form with Steps 2-4 said "as they stand on <the minute of
    printing>"; it says their latest change, so the same form prints the same HTML."""
    soon = timezone.now() + timedelta(days=2)
    html = []
    for moment in (soon, soon + timedelta(hours=5)):
        with _at(moment):
            context = moderation_form_context(assessment=judged, form=None, include_steps=True)
            html.append(document_html(context))
    assert html[0] == html[1]
    latest = exports.notebook_document_context(assessment=judged, steps="2-4")["as_at"]
    assert f"as they stand (evidence as at {when(latest)})" in context["steps_note"]


def test_issue_25_s3_the_pdf_reads_when_its_evidence_last_changed(judged):
    """The stamp as a reader of the printout reads it (pypdf's text of the PDF)."""
    latest = exports.notebook_document_context(assessment=judged, steps="1-4")["as_at"]
    pdf = exports.notebook_pdf(assessment=judged, steps="1-4", base_url="http://testserver/")
    assert f"{exports.AS_AT} {when(latest)}" in _pdf_text(pdf)
