"""The APA letter as an HTML preview, a PDF and a DOCX (issue 7 §3), with the exemplar's
layout (002 Appendix B): the address block, "Dear ...", the title, the opening, the outcomes,
the summary table of strengths and areas for improvement by outcome, service management, the
areas for exploration in the JAR, the provisional judgements, the next steps and the
signatures.

One content builder, `letter_context`, is behind all three: the HTML template
(letters/documents/letter.html, also the PDF's source through WeasyPrint) and `letter_docx`
only lay out what it gives them. It reads one rendition's content (any kept rendition can be
output, issue 7 §2), never the working copy, so that a document is always a state the letter
was in. A grade appears only where the rendition carries grades (the final letter, 002 §I
stage 3); before that the judgements are in words (002 §A).
"""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from ecm.core.documents import (
    STYLESHEET,
    Block,
    clean,
    docx_a4,
    docx_blocks,
    docx_save,
    pdf_from_html,
    person,
    text_blocks,
)
from ecm.letters.ratings import grades_as_they_stand
from ecm.letters.template import SectionKind, template_by_urn

TEMPLATE = "letters/documents/letter.html"
LETTER_STYLESHEET = "letters/letter.css"

DOCUMENT_TITLE = "Annual performance assessment letter"
DRAFT = "Draft"
FINAL = "Final letter"
STATUS = "{kind}: rendition {number}, {when}"
STRENGTHS, IMPROVEMENTS = "Strengths", "Areas for improvement"
NONE_RECORDED = "None recorded"
GRADES_TITLE = "Grades"
CHANGED = " (changed from grade {before} on {when} after a representation)"
SIGNATORY_ROLES = {
    "hmi": "Her Majesty's Inspector, Ofsted",
    "brm": "Business Relationship Manager, Commission for Social Care Inspection",
}
SALUTATION = re.compile(r"^dear\b", re.IGNORECASE)

# The summary section is plain text (ecm.letters.services.assembly): blocks separated by a
# blank line, each "Outcome", then "Strengths:" and "Areas for improvement:" with "- " items.
_COLUMNS = {"strengths": "strengths", "areas for improvement": "improvements"}
_BLANK_LINE = re.compile(r"\n\s*\n")
_BULLET = re.compile(r"^(?:[-*\u2022])\s+(.*\S)")


@dataclass(frozen=True)
class SummaryRow:
    """One outcome's row of the summary table (Appendix B)."""

    outcome: str
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """A titled group of paragraphs and bullets: one outcome's areas for the JAR."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Part:
    """A headed part of the letter. `kind` says how it is laid out: "text" (paragraphs),
    "summary" (the table, then any text that is not part of it), "groups" (the JAR) or
    "judgements" (paragraphs, then the grades where the rendition carries them)."""

    code: str
    heading: str
    kind: str
    blocks: tuple[Block, ...] = ()
    rows: tuple[SummaryRow, ...] = ()
    groups: tuple[Group, ...] = ()


def _bullet(line: str) -> str | None:
    found = _BULLET.match(line)
    return found.group(1) if found else None


def _paragraphs(text: str) -> list[str]:
    return [p for p in _BLANK_LINE.split(clean(text).strip()) if p.strip()]


def summary_rows(text: str) -> tuple[list[SummaryRow], list[Block]]:
    """The summary section's text as the table's rows, outcome by outcome, and any text that
    is not part of the table (kept, as paragraphs after it, so nothing written is lost)."""
    rows, loose = [], []
    for paragraph in _paragraphs(text):
        outcome, column = "", None
        found: dict[str, list[str]] = {"strengths": [], "improvements": []}
        stray = []
        for line in (x.strip() for x in paragraph.splitlines()):
            if not line:
                continue
            label = line.rstrip(":").strip().lower()
            if label in _COLUMNS:
                column = _COLUMNS[label]
                continue
            item = _bullet(line)
            if column is None and item is None and not outcome:
                outcome = line.rstrip(":").strip()
            elif column is not None:
                found[column].append(item if item is not None else line)
            else:
                stray.append(line)
        if column is None:  # no "Strengths:" nor "Areas for improvement:": not a row
            loose += text_blocks(paragraph)
            continue
        rows.append(SummaryRow(outcome, tuple(found["strengths"]), tuple(found["improvements"])))
        if stray:
            loose += text_blocks("\n".join(stray))
    return rows, loose


def titled_groups(text: str) -> list[Group]:
    """Blocks separated by a blank line; a block whose first line is not a bullet and has more
    lines after it is titled by that line (the JAR's outcomes, Appendix B)."""
    groups = []
    for paragraph in _paragraphs(text):
        lines = [x for x in paragraph.splitlines() if x.strip()]
        first = lines[0].strip()
        if len(lines) > 1 and _bullet(first) is None:
            groups.append(Group(first.rstrip(":"), tuple(text_blocks("\n".join(lines[1:])))))
        else:
            groups.append(Group("", tuple(text_blocks(paragraph))))
    return groups


def _title_parts(text: str) -> tuple[str, str, list[Block]]:
    """The salutation ("Dear ..."), the letter's title, and anything else written there."""
    salutation, title, rest = "", "", []
    for block in text_blocks(text):
        if block.bullets:
            rest.append(block)
        elif not salutation and SALUTATION.match(block.text):
            salutation = block.text
        elif not title:
            title = block.text
        else:
            rest.append(block)
    return salutation, title, rest


def _signatories(assessment) -> list[tuple[str, str]]:
    """The HMI and the BRM who sign the letter, Lead first."""
    signing = sorted(
        (a for a in assessment.assignments.all() if a.role in SIGNATORY_ROLES),
        key=lambda a: (not a.is_lead, a.role),
    )
    return [(person(a.user), SIGNATORY_ROLES[a.role]) for a in signing]


def grade_words(grade: dict) -> str:
    """A final grade as the letter states it: "Grade 3: Good", and, when a representation
    changed it, from what and when (002 §J)."""
    words = f"Grade {grade['grade']}: {clean(grade.get('label') or grade.get('words'))}"
    if grade.get("changed_from"):
        words += CHANGED.format(
            before=grade["changed_from"], when=f"{grade['changed_on']:%-d %B %Y}"
        )
    return words


def _part(section, text: str, *, final: bool = False) -> Part:
    heading = clean(section.heading or section.title)
    if final and section.final is not None:
        heading = clean(section.final.heading)
    if section.kind == SectionKind.SUMMARY:
        rows, loose = summary_rows(text)
        return Part(section.code, heading, "summary", blocks=tuple(loose), rows=tuple(rows))
    if section.kind == SectionKind.JAR:
        return Part(section.code, heading, "groups", groups=tuple(titled_groups(text)))
    if section.kind == SectionKind.JUDGEMENTS:
        return Part(section.code, heading, "judgements", blocks=tuple(text_blocks(text)))
    return Part(section.code, heading, "text", blocks=tuple(text_blocks(text)))


def letter_context(*, assessment, rendition, published_on=None) -> dict:
    """Everything the letter's three outputs show, from one rendition's content. A final
    letter's grades are as they stand, after any representation (002 §J); `published_on`, for
    the published letter, dates it as the council reads it."""
    content = rendition.content
    template = template_by_urn(content.get("template") or rendition.letter.template_urn)
    texts = content.get("sections", {})
    grades = content.get("grades") or []
    final = bool(grades)
    council_name = clean(assessment.council.name)
    made = timezone.localtime(rendition.made_at)
    if published_on is not None:
        # The letter as the council and the public read it: dated, with nothing of ours.
        status = f"{published_on:%-d %B %Y}"
    else:
        status = STATUS.format(
            kind=FINAL if final else DRAFT, number=rendition.number, when=f"{made:%-d %B %Y}"
        )
    if final:
        grades = grades_as_they_stand(assessment=assessment, grades=grades)
    context = {
        "template": TEMPLATE,
        "stylesheet": STYLESHEET,
        "letter_stylesheet": LETTER_STYLESHEET,
        "document_title": f"{DOCUMENT_TITLE}: {council_name}",
        "council_name": council_name,
        "caption": clean(assessment.round.title),
        "status": status,
        "draft": not final,
        "rendition_number": rendition.number,
        "address": [],
        "salutation": "",
        "title": DOCUMENT_TITLE,
        "title_blocks": [],
        "opening": [],
        "parts": [],
        "closing": [],
        "signatories": _signatories(assessment),
        "grades_title": GRADES_TITLE,
        "grades": [(clean(g["title"]), grade_words(g)) for g in grades],
        "words": {"strengths": STRENGTHS, "improvements": IMPROVEMENTS, "none": NONE_RECORDED},
    }
    for section in template.sections:
        text = texts.get(section.code, "")
        if section.kind == SectionKind.ADDRESS:
            context["address"] = [line.strip() for line in clean(text).splitlines() if line.strip()]
        elif section.kind == SectionKind.TITLE:
            salutation, title, rest = _title_parts(text)
            context["salutation"] = salutation
            context["title"] = title or context["title"]
            context["title_blocks"] = rest
        elif section.kind == SectionKind.OPENING:
            context["opening"] = text_blocks(text)
        elif section.kind == SectionKind.NEXT_STEPS:
            context["closing"] = text_blocks(text)
        else:
            context["parts"].append(_part(section, text, final=final))
    return context


# ------------------------------------------------------------------------------- Rendering


def letter_html(context: dict, **extra) -> str:
    return render_to_string(context["template"], context | extra)


def letter_pdf(context: dict, *, base_url: str) -> bytes:
    """The letter's PDF, from its HTML and the print stylesheets; `base_url` is the site's
    root, against which the stylesheets' URLs resolve."""
    return pdf_from_html(letter_html(context), base_url=base_url)


def _docx_summary(document, part: Part, words: dict) -> None:
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, (STRENGTHS, IMPROVEMENTS), strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    for row in part.rows:
        cells = table.add_row().cells
        for cell, items in zip(cells, (row.strengths, row.improvements), strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(f"{row.outcome}:" if row.outcome else "").italic = True
            for item in items or (words["none"],):
                cell.add_paragraph(item, style="List Bullet")
    document.add_paragraph()
    docx_blocks(document, part.blocks)


def letter_docx(context: dict) -> bytes:
    """The letter as a Word document, in the same order and with the same words as the HTML."""
    document = docx_a4(header=f"{context['document_title']} \N{MIDDLE DOT} {context['status']}")
    properties = document.core_properties
    properties.title = context["document_title"]
    properties.subject = context["caption"]
    properties.category = DOCUMENT_TITLE
    properties.keywords = context["council_name"]
    if context["draft"]:
        document.add_paragraph().add_run(context["status"]).bold = True
    else:
        document.add_paragraph(context["status"])
    address = document.add_paragraph()
    for i, line in enumerate(context["address"]):
        if i:
            address.add_run().add_break()
        address.add_run(line)
    if context["salutation"]:
        document.add_paragraph(context["salutation"])
    document.add_heading(context["title"], level=1)
    docx_blocks(document, context["title_blocks"])
    docx_blocks(document, context["opening"])
    for part in context["parts"]:
        document.add_heading(part.heading, level=2)
        if part.kind == "summary":
            _docx_summary(document, part, context["words"])
        elif part.kind == "groups":
            for group in part.groups:
                if group.title:
                    document.add_heading(group.title, level=3)
                docx_blocks(document, group.blocks)
        else:
            docx_blocks(document, part.blocks)
        if part.kind == "judgements" and context["grades"]:
            document.add_heading(context["grades_title"], level=3)
            for title, grade in context["grades"]:
                document.add_paragraph(f"{title}: {grade}", style="List Bullet")
    docx_blocks(document, context["closing"])
    for name, role in context["signatories"]:
        signature = document.add_paragraph()
        signature.add_run(name).bold = True
        signature.add_run().add_break()
        signature.add_run(role)
    return docx_save(document)


def _blocks_text(blocks) -> list[str]:
    """Each block as text: a paragraph, or its bullets one to a line."""
    return [
        "\n".join(f"- {item}" for item in block.bullets) if block.bullets else block.text
        for block in blocks
    ]


def letter_text(context: dict) -> str:
    """The letter as plain text, in the order and with the words the council reads in the
    page, the PDF and the Word document: what the golden documents are kept as (issue 20 §7).
    Paragraphs are separated by a blank line; the summary table reads row by row."""
    paragraphs: list[list[str]] = [[context["status"]], context["address"]]
    if context["salutation"]:
        paragraphs.append([context["salutation"]])
    paragraphs.append([context["title"]])
    paragraphs += [[line] for line in _blocks_text(context["title_blocks"])]
    paragraphs += [[line] for line in _blocks_text(context["opening"])]
    words = context["words"]
    for part in context["parts"]:
        paragraphs.append([f"## {part.heading}"])
        if part.kind == "summary":
            for row in part.rows:
                paragraphs.append(
                    [
                        f"{row.outcome}:",
                        f"{words['strengths']}:",
                        *(f"- {s}" for s in row.strengths or (words["none"],)),
                        f"{words['improvements']}:",
                        *(f"- {s}" for s in row.improvements or (words["none"],)),
                    ]
                )
            paragraphs += [[line] for line in _blocks_text(part.blocks)]
        elif part.kind == "groups":
            for group in part.groups:
                lines = [f"### {group.title}"] if group.title else []
                paragraphs.append(lines + _blocks_text(group.blocks))
        else:
            paragraphs += [[line] for line in _blocks_text(part.blocks)]
        if part.kind == "judgements" and context["grades"]:
            paragraphs.append([f"- {title}: {grade}" for title, grade in context["grades"]])
    paragraphs += [[line] for line in _blocks_text(context["closing"])]
    paragraphs += [[name, role] for name, role in context["signatories"]]
    return "\n\n".join("\n".join(p) for p in paragraphs if p) + "\n"
