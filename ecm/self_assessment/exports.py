"""The self-assessment as documents (issue 4 §5): DOCX for councils and partners to work on in a
word processor, PDF for the archive, both in the template's order with their citations.

`version_document_context` gathers everything once; the HTML template
`self_assessment/document.html` (with every document's print CSS, `core/document.css`) renders
it for the PDF and for the page preview (DESIGN.md example 9), and `version_docx` writes
the same content with python-docx. User text is escaped by the template and put into the DOCX as
text, never interpreted as markup; characters XML cannot hold (a vertical tab pasted from Word)
are dropped first, since neither format can carry them. Those rules, the static-files-only
fetcher for WeasyPrint and the python-docx helpers are shared with the other documents, in
ecm.core.documents.
"""

from dataclasses import dataclass, field
from datetime import UTC

from django.template.loader import render_to_string

from ecm.core.documents import (
    STYLESHEET,
    Block,
    clean,
    docx_a4,
    docx_blocks,
    docx_save,
    docx_table,
    pdf_from_html,
    person,
    text_blocks,
    when,
)
from ecm.performance.presentation import value_shown
from ecm.self_assessment import selectors, services
from ecm.self_assessment.models import CitationKind, Version, VersionStatus
from ecm.self_assessment.template_parts import FieldKind

TEMPLATE_NAME = "self_assessment/document.html"

NOT_ANSWERED = "Not answered."
NOT_GRADED = "Not graded"
EVIDENCE_CITED = "Evidence cited"
CITATION_KINDS = {
    CitationKind.DOCUMENT: "Document",
    CitationKind.INDICATOR: "Indicator",
    CitationKind.INSPECTION: "Earlier inspection",
}
CONTACT_COLUMNS = (("role", "Role"), ("name", "Name"), ("email", "Email"), ("phone", "Phone"))


@dataclass(frozen=True)
class GradeShown:
    area: str
    value: str  # "1".."4", or "" when not graded
    label: str  # the scale's label for the value


@dataclass(frozen=True)
class ContactShown:
    role: str
    name: str
    email: str
    phone: str

    def cells(self) -> tuple[str, ...]:
        return tuple(getattr(self, key) for key, _ in CONTACT_COLUMNS)


@dataclass(frozen=True)
class ContributionShown:
    """A partner's contribution, marked with the organisation (000 §16)."""

    organisation: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CitationShown:
    """One piece of evidence: what it is, and for an indicator its figures as cited."""

    kind: str
    kind_label: str
    summary: str
    details: tuple[str, ...] = ()

    @property
    def line(self) -> str:
        return f"{self.kind_label}: {self.summary}"


@dataclass
class FieldShown:
    urn: str
    label: str
    kind: str
    heading_level: int
    blocks: list[Block] = field(default_factory=list)
    contacts: list[ContactShown] = field(default_factory=list)
    grades: list[GradeShown] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    contributions: list[ContributionShown] = field(default_factory=list)
    citations: list[CitationShown] = field(default_factory=list)

    @property
    def graded(self) -> bool:
        return any(g.value for g in self.grades)

    @property
    def answered(self) -> bool:
        return bool(
            self.blocks or self.contacts or self.priorities or self.contributions or self.graded
        )


@dataclass
class SectionShown:
    title: str
    show_title: bool  # a part's only section usually repeats the part's title
    fields: list[FieldShown]


@dataclass
class PartShown:
    letter: str
    title: str
    urn: str
    sections: list[SectionShown]

    @property
    def heading(self) -> str:
        return f"Part {self.letter}: {self.title}"

    @property
    def anchor(self) -> str:
        return f"part-{self.letter.lower()}"


def _contacts(items: dict) -> list[ContactShown]:
    """Contacts stored as items {"contacts": [{"role", "name", "email", "phone"}, ...]}; a
    plain list, or strings in it, are read too so that no stored shape is lost."""
    raw = items.get("contacts") if isinstance(items, dict) else items
    contacts = []
    for entry in raw if isinstance(raw, list) else []:
        if isinstance(entry, dict):
            values = {key: clean(entry.get(key, "")).strip() for key, _ in CONTACT_COLUMNS}
        else:
            values = {key: "" for key, _ in CONTACT_COLUMNS} | {"name": clean(entry).strip()}
        if any(values.values()):
            contacts.append(ContactShown(**values))
    return contacts


def _grades(field_, items: dict, labels: dict[str, str]) -> list[GradeShown]:
    """Every grade item of the template, in its order, with the scale's label (000 §12)."""
    shown = []
    for item in field_.grades:
        value = clean(items.get(item.key, "")).strip() if isinstance(items, dict) else ""
        label = labels.get(value, "") if value else NOT_GRADED
        shown.append(GradeShown(area=item.label, value=value, label=label))
    return shown


def _priorities(items: dict) -> list[str]:
    raw = items.get("priorities", []) if isinstance(items, dict) else []
    raw = raw.splitlines() if isinstance(raw, str) else raw
    return [p for p in (clean(p).strip() for p in raw) if p]


def _figure(number, indicator) -> str:
    if number is None:
        return ""
    if indicator is None or not isinstance(number, int | float):
        return clean(number)
    return value_shown(number, indicator)


def citation_shown(citation) -> CitationShown:
    """A citation as the documents list it: a document's title and page or section; an
    indicator's title and its figures as they stood when cited (issue 4 §2); an inspection."""
    kind = citation.kind
    label = CITATION_KINDS.get(kind, clean(citation.get_kind_display()))
    if kind == CitationKind.DOCUMENT and citation.document is not None:
        summary = clean(citation.document.title)
        if citation.location.strip():
            summary += f", {clean(citation.location).strip()}"
        return CitationShown(kind, label, summary)
    if kind == CitationKind.INDICATOR and citation.indicator is not None:
        indicator, figures = citation.indicator, citation.figures or {}
        summary = clean(indicator.title)
        if figures.get("period"):
            summary += f" ({clean(figures['period'])})"
        details = []
        numbers = [
            ("Council", figures.get("value")),
            ("England", figures.get("england")),
            ("Statistical neighbours", figures.get("neighbours_mean")),
        ]
        shown = [f"{name} {_figure(n, indicator)}" for name, n in numbers if n is not None]
        if shown:
            details.append(", ".join(shown))
        if figures.get("sentence"):
            details.append(clean(figures["sentence"]))
        if not figures:
            details.append("No figures were held for the council when this was cited.")
        return CitationShown(kind, label, summary, tuple(details))
    return CitationShown(kind, label, clean(citation.inspection or str(citation)))


def version_document_context(version: Version) -> dict:
    """Everything the documents show, in the template's order (issue 4 §5): the council, round
    and version, when, by whom and whether late it was submitted; each part, section and
    field with its answer, grades with the scale's labels, priorities, contacts, partner
    contributions (000 §16) and, under each field, the evidence it cites."""
    self_assessment = version.self_assessment
    assessment = self_assessment.assessment
    council, assessment_round = assessment.council, assessment.round
    template = services.template_of(self_assessment)
    answers = selectors.answers_of(version)
    labels: dict[str | None, dict[str, str]] = {}
    parts = []
    for part in template.parts:
        sections = []
        for section in part.sections:
            show_title = len(part.sections) > 1 or section.title != part.title
            rows = []
            for f in section.fields:
                answer = answers.get(f.urn)
                shown = FieldShown(
                    urn=f.urn, label=f.label, kind=str(f.kind), heading_level=4 if show_title else 3
                )
                items = answer.items if answer is not None else {}
                if f.kind == FieldKind.GRADES:
                    if f.scale not in labels:
                        labels[f.scale] = selectors.scale_labels(
                            assessment=assessment, scale_urn=f.scale
                        )
                    shown.grades = _grades(f, items, labels[f.scale])
                elif f.kind == FieldKind.PRIORITIES:
                    shown.priorities = _priorities(items)
                elif f.kind == FieldKind.CONTACTS:
                    shown.contacts = _contacts(items)
                if answer is not None:
                    shown.blocks = text_blocks(answer.text)
                    shown.contributions = [
                        ContributionShown(clean(c.organisation), tuple(text_blocks(c.text)))
                        for c in answer.contributions.all()
                    ]
                    shown.citations = [citation_shown(c) for c in answer.citations.all()]
                rows.append(shown)
            sections.append(SectionShown(title=section.title, show_title=show_title, fields=rows))
        parts.append(PartShown(part.letter, part.title, part.urn, sections))

    status = version.get_status_display()
    submitted_by = person(version.submitted_by)
    due = assessment_round.self_assessment_due
    facts = [
        ("Council", clean(council.name)),
        ("Assessment", clean(assessment_round.title)),
        ("Template", f"{template.title} (version {template.version})"),
        ("Version", f"{version.number} ({status.lower()})"),
    ]
    if version.submitted_at:
        submitted = when(version.submitted_at) + (f" by {submitted_by}" if submitted_by else "")
        facts.append(("Submitted", submitted))
        late = "late" if version.submitted_late else "on time"
        facts.append(("Deadline", f"{due:%-d %B %Y}: submitted {late}"))
    else:
        facts.append(("Submitted", f"Not yet submitted (due by {due:%-d %B %Y})"))
    if version.status == VersionStatus.REOPENED:
        facts.append(("Reopened", "An inspector reopened this version; a later one replaces it"))
    return {
        "title": f"{clean(council.name)}: self-assessment",
        "council": council,
        "council_name": clean(council.name),
        "assessment": assessment,
        "assessment_round": assessment_round,
        "template": template,
        "version": version,
        "version_number": version.number,
        "version_label": f"Version {version.number} ({status.lower()})",
        "status": status,
        "submitted_at": version.submitted_at,
        "submitted_by": submitted_by,
        "submitted_late": version.submitted_late,
        "due": due,
        "declaration": clean(version.declaration),
        "facts": facts,
        "parts": parts,
        "stylesheet": STYLESHEET,
    }


def version_html(version: Version, **extra) -> str:
    """The document as HTML: the PDF's source and the page preview (`extra` adds context, such
    as `back_url` for the preview's back link)."""
    return render_to_string(TEMPLATE_NAME, version_document_context(version) | extra)


# ---------------------------------------------------------------------------------------- PDF


def version_pdf(version: Version, *, base_url: str) -> bytes:
    """The document as a tagged PDF (for screen readers), rendered by WeasyPrint from
    document.html; `base_url` is the site's root, against which the stylesheet's URL resolves."""
    return pdf_from_html(version_html(version), base_url=base_url)


# --------------------------------------------------------------------------------------- DOCX


def version_docx(version: Version) -> bytes:
    """The document as DOCX (python-docx): a title, a heading for each part, section and
    field, answers as paragraphs and bullets, grades and contacts as tables, and the evidence
    cited under each field. A4, with the council and version in the header and page numbers
    in the footer."""
    context = version_document_context(version)
    document = docx_a4(header=f"{context['title']} · {context['version_label']}")
    properties = document.core_properties
    properties.title = context["title"]
    properties.subject = context["template"].title
    properties.author = properties.last_modified_by = context["council_name"]
    properties.category = "Self-assessment"
    properties.comments = context["version_label"]
    properties.keywords = context["assessment_round"].title
    properties.revision = version.number
    if version.submitted_at:
        properties.created = properties.modified = version.submitted_at.astimezone(UTC)

    document.add_heading(context["title"], level=0)
    docx_table(document, ("", ""), context["facts"], header_row=False)
    for part in context["parts"]:
        document.add_heading(part.heading, level=1)
        for block in part.sections:
            if block.show_title:
                document.add_heading(block.title, level=2)
            for shown in block.fields:
                document.add_heading(shown.label, level=shown.heading_level - 1)
                _docx_field(document, shown)
    if context["declaration"]:
        document.add_heading("Declaration", level=1)
        document.add_paragraph(context["declaration"])
        if context["submitted_by"]:
            document.add_paragraph(f"Confirmed by {context['submitted_by']}.")
    return docx_save(document)


def _docx_field(document, shown: FieldShown) -> None:
    if shown.graded:
        rows = [(g.area, g.value or "", g.label) for g in shown.grades]
        docx_table(document, ("Area", "Grade", "Meaning"), rows)
    if shown.contacts:
        docx_table(
            document, tuple(h for _, h in CONTACT_COLUMNS), [c.cells() for c in shown.contacts]
        )
    for priority in shown.priorities:
        document.add_paragraph(priority, style="List Number")
    docx_blocks(document, shown.blocks)
    if not shown.answered:
        document.add_paragraph(NOT_ANSWERED)
    for contribution in shown.contributions:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"Contribution from {contribution.organisation}").bold = True
        docx_blocks(document, contribution.blocks)
    if shown.citations:
        document.add_paragraph().add_run(EVIDENCE_CITED).bold = True
        for citation in shown.citations:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{citation.kind_label}: ").bold = True
            paragraph.add_run(citation.summary)
            for detail in citation.details:
                document.add_paragraph(detail, style="List Bullet 2")
