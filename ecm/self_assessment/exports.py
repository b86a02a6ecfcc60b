"""The self-assessment as documents (issue 4 §5): DOCX for councils and partners to edit in
Word, PDF for the archive, both in the template's order with their citations. The PDF is the
HTML template `self_assessment/document.html` with its print CSS (DESIGN.md example 9); user
text is escaped by the template, and put into the DOCX as text, never as markup."""

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from ecm.self_assessment import selectors, services
from ecm.self_assessment.models import Version
from ecm.self_assessment.template import FieldKind


@dataclass
class Block:
    """A paragraph or a bullet of an answer (000 §11: bullet lists are welcome)."""

    text: str
    bullet: bool = False


@dataclass
class FieldShown:
    label: str
    kind: str
    blocks: list[Block] = field(default_factory=list)
    grades: list[tuple[str, str]] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    contributions: list[tuple[str, str]] = field(default_factory=list)


def _blocks(text: str) -> list[Block]:
    blocks = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[:2] in ("- ", "* "):
            blocks.append(Block(stripped[2:].strip(), bullet=True))
        else:
            blocks.append(Block(stripped))
    return blocks


def _citation_text(citation) -> str:
    text = str(citation)
    sentence = citation.figures.get("sentence") if citation.figures else None
    return f"{text}: {sentence}" if sentence else text


def version_document_context(version: Version) -> dict:
    """Everything the documents show, in the template's order."""
    self_assessment = version.self_assessment
    assessment = self_assessment.assessment
    template = services.template_of(self_assessment)
    answers = selectors.answers_of(version)
    scale = next((f.scale for _, _, f in template.fields() if f.kind == FieldKind.GRADES), None)
    labels = selectors.scale_labels(assessment=assessment, scale_urn=scale)
    parts = []
    for part in template.parts:
        sections = []
        for section in part.sections:
            rows = []
            for f in section.fields:
                answer = answers.get(f.urn)
                shown = FieldShown(label=f.label, kind=str(f.kind))
                if answer is not None:
                    if f.kind == FieldKind.GRADES:
                        shown.grades = [
                            (g.label, f"{v}: {labels.get(v, '')}".strip(": "))
                            for g in f.grades
                            if (v := answer.items.get(g.key))
                        ]
                    elif f.kind == FieldKind.PRIORITIES:
                        shown.priorities = list(answer.items.get("priorities", []))
                    else:
                        shown.blocks = _blocks(answer.text)
                    shown.citations = [_citation_text(c) for c in answer.citations.all()]
                    shown.contributions = [
                        (c.organisation, c.text) for c in answer.contributions.all()
                    ]
                rows.append(shown)
            sections.append({"section": section, "fields": rows})
        parts.append({"part": part, "sections": sections})
    return {
        "council": assessment.council,
        "assessment_round": assessment.round,
        "version": version,
        "template": template,
        "parts": parts,
    }


def version_html(version: Version) -> str:
    return render_to_string("self_assessment/document.html", version_document_context(version))


def version_pdf(version: Version, *, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=version_html(version), base_url=base_url).write_pdf()


def version_docx(version: Version) -> bytes:
    from docx import Document

    context = version_document_context(version)
    council, version_ = context["council"], context["version"]
    document = Document()
    document.core_properties.title = f"Self-assessment: {council.name}"
    document.core_properties.author = council.name
    document.add_heading(f"{council.name}: self-assessment", level=0)
    status = version_.get_status_display().lower()
    line = f"{context['assessment_round']}. Version {version_.number} ({status})"
    if version_.submitted_at:
        line += f", submitted {version_.submitted_at:%d %B %Y}"
        line += " (late)" if version_.submitted_late else ""
    document.add_paragraph(line + ".")
    for entry in context["parts"]:
        part = entry["part"]
        document.add_heading(f"Part {part.code.upper()}: {part.title}", level=1)
        for block in entry["sections"]:
            if len(entry["sections"]) > 1:
                document.add_heading(block["section"].title, level=2)
            for shown in block["fields"]:
                document.add_heading(shown.label, level=3)
                _docx_field(document, shown)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_field(document, shown: FieldShown) -> None:
    if shown.grades:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Area", "Grade"
        for label, grade in shown.grades:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, grade
    for priority in shown.priorities:
        document.add_paragraph(priority, style="List Number")
    for block in shown.blocks:
        document.add_paragraph(block.text, style="List Bullet" if block.bullet else None)
    if not (shown.grades or shown.priorities or shown.blocks):
        document.add_paragraph("Not answered.")
    for organisation, text in shown.contributions:
        document.add_paragraph(f"Contribution from {organisation}: {text}")
    if shown.citations:
        document.add_paragraph("Evidence cited:")
        for citation in shown.citations:
            document.add_paragraph(citation, style="List Bullet 2")
