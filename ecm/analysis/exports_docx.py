"""The evidence notebook as a Word document (issue 5 §9): the same context as the PDF's
(ecm.analysis.exports), written with python-docx; its sections are reused by the Moderation
Form."""

from datetime import UTC

from ecm.analysis.exports import (
    EVIDENCE_TITLE,
    LINKS_TITLE,
    NO_EVIDENCE,
    NO_WARNINGS,
    NONE_RECORDED,
    NOT_SIGNED,
    SIGNATURES_TITLE,
    SOCIAL_CARE_MISSING,
    WARNINGS_TITLE,
    notebook_document_context,
)
from ecm.analysis.notebook_shown import NOT_WRITTEN, EntryShown, SummaryShown
from ecm.core.documents import (
    docx_a4,
    docx_blocks,
    docx_save,
    docx_table,
)


def notebook_docx(*, assessment, steps: str) -> bytes:
    """The notebook as DOCX (python-docx), the same sections as the PDF: A4, the title and the
    steps in the header of every page, page numbers in the footer."""
    context = notebook_document_context(assessment=assessment, steps=steps)
    document = docx_a4(header=f"{context['title']} · {context['steps_label']}")
    properties = document.core_properties
    properties.title = context["title"]
    properties.subject = f"Evidence notebook, {context['steps_label']}"
    properties.author = properties.last_modified_by = context["authors"]
    properties.category = "Evidence notebook"
    properties.keywords = context["round_title"]
    if context["as_at"] is not None:  # what it shows as at then, as the PDF says
        properties.created = properties.modified = context["as_at"].astimezone(UTC)

    document.add_heading(context["title"], level=0)
    docx_table(document, ("", ""), context["facts"], header_row=False)
    notebook_docx_sections(document, context)
    return docx_save(document)


def notebook_docx_sections(document, context: dict) -> None:
    """The sections of `notebook_document_context` into a python-docx document, each step a
    level-1 heading: the notebook's body, and the Steps 2-4 that go with the Moderation Form."""
    for shown in context["sections"]:
        document.add_heading(shown.title, level=1)
        if shown.intro:
            document.add_paragraph(shown.intro)
        for area in shown.areas:
            document.add_heading(area.title, level=2)
            if area.social_care_missing:
                document.add_paragraph(SOCIAL_CARE_MISSING)
            for entry in area.entries:
                _docx_entry(document, entry)
            if not area.entries:
                document.add_paragraph(NOT_WRITTEN)
        for summary in shown.summaries:
            document.add_heading(summary.title, level=2)
            _docx_summary(document, summary)
        if not shown.areas and not shown.summaries:
            document.add_paragraph(shown.empty)
        if shown.closing:
            _docx_closing(document, context)


def _bold_paragraph(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _italic_paragraph(document, text: str) -> None:
    if text:
        document.add_paragraph().add_run(text).italic = True


def _docx_entry(document, entry: EntryShown) -> None:
    document.add_heading(entry.heading, level=3)
    docx_blocks(document, entry.blocks)
    for label, value in entry.facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    _bold_paragraph(document, EVIDENCE_TITLE)
    for evidence in entry.evidence:
        document.add_paragraph(evidence.text, style="List Bullet")
        if evidence.note:
            document.add_paragraph(evidence.note, style="List Bullet 2")
        document.add_paragraph(evidence.added, style="List Bullet 2")
    if not entry.evidence:
        document.add_paragraph(NO_EVIDENCE)
    _italic_paragraph(document, entry.written)


def _docx_summary(document, summary: SummaryShown) -> None:
    if not summary.written:
        document.add_paragraph(NOT_WRITTEN)
        return
    for strand in summary.strands:
        document.add_heading(strand.heading, level=3)
        docx_blocks(document, strand.blocks)
        if strand.links:
            _bold_paragraph(document, LINKS_TITLE)
        for link in strand.links:
            document.add_paragraph(link.line, style="List Bullet")
        if not strand.blocks and not strand.links:
            document.add_paragraph(NONE_RECORDED)
    if summary.extra_title:
        document.add_heading(summary.extra_title, level=3)
        docx_blocks(document, summary.extra)
        if not summary.extra:
            document.add_paragraph(NONE_RECORDED)
    _italic_paragraph(document, summary.revision)


def _docx_closing(document, context: dict) -> None:
    """Step 4 ends with who has signed and the warnings on the judgements (issue 5 §5, §6)."""
    document.add_heading(SIGNATURES_TITLE, level=2)
    for signature in context["signatures"]:
        document.add_paragraph(signature.line, style="List Bullet")
    if not context["signed_by_both"]:
        document.add_paragraph(NOT_SIGNED)
    document.add_heading(WARNINGS_TITLE, level=2)
    for warning in context["warnings"]:
        paragraph = document.add_paragraph(warning.message, style="List Bullet")
        paragraph.add_run(f" ({warning.source})").italic = True
    if not context["warnings"]:
        document.add_paragraph(NO_WARNINGS)
