"""How the notebook's evidence and revisions read on pages and in the exported notebook."""

from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ecm.analysis.content import (
    ENTRY,
    OVERALL_SUMMARY,
    SUMMATIVE,
    CapacityDimension,
    OverallStrand,
    Strand,
    Tag,
)
from ecm.analysis.models import EntryKind, Evidence, EvidenceKind
from ecm.self_assessment.template import template_by_urn


def _figures_text(figures: dict) -> str:
    parts = []
    if figures.get("period"):
        parts.append(str(figures["period"]))
    for key, label in (
        ("value", "council"),
        ("england", "England"),
        ("neighbours_mean", "neighbours"),
    ):
        value = figures.get(key)
        if value is not None:
            parts.append(f"{label} {value:,.1f}")
    return ", ".join(parts)


def sa_part_title(template_urn: str, part_urn: str) -> str:
    try:
        item = template_by_urn(template_urn).item(part_urn)
    except (KeyError, LookupError):
        return part_urn
    title = getattr(item, "title", None) or getattr(item, "label", part_urn)
    letter = getattr(item, "letter", "")
    return f"Part {letter}: {title}" if letter else title


def _quoted(title: str) -> str:
    return f"\N{LEFT DOUBLE QUOTATION MARK}{title}\N{RIGHT DOUBLE QUOTATION MARK}"


def evidence_text(evidence: Evidence) -> str:
    """One line that lets another inspector find the evidence again (002 §F: the trail)."""
    if evidence.kind == EvidenceKind.INDICATOR:
        indicator = evidence.indicator
        figures = _figures_text(evidence.figures)
        return f"Indicator {indicator.code} {indicator.title}" + (
            f" ({figures})" if figures else ""
        )
    if evidence.kind == EvidenceKind.DOCUMENT:
        document = evidence.pack_item or evidence.sa_document
        return f"Document {_quoted(document.title)}, page {evidence.page}"
    if evidence.kind == EvidenceKind.BRIEFING:
        item = evidence.pack_item
        page = f", page {evidence.page}" if evidence.page else ""
        return f"Briefing from {item.source_type_label}: {_quoted(item.title)}{page}"
    version = evidence.sa_version
    title = sa_part_title(version.self_assessment.template_urn, evidence.sa_part)
    return f"Self-assessment (version {version.number}), {title}"


def words_compared(before: str, after: str) -> SafeString:
    """`after` with words added marked <ins> and words removed marked <del>, so two revisions
    can be compared at a glance (issue 5 §7)."""
    old, new = before.split(), after.split()
    out = []
    for op, a1, a2, b1, b2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
        if op == "equal":
            out.append(escape(" ".join(old[a1:a2])))
    return mark_safe(" ".join(out))  # noqa: S308 - every word is escaped above


def _strand_line(part: dict | None) -> str:
    part = part or {}
    grade = f"Grade {part['grade']}. " if part.get("grade") is not None else ""
    entries = " ".join(f"E{e}" for e in part.get("entries", []))
    return (grade + part.get("text", "") + (f" Entries: {entries}" if entries else "")).strip()


def content_lines(subject: str, content: dict) -> list[tuple[str, str]]:
    """A revision's content as labelled lines of words, for reading and comparing revisions."""
    if subject == ENTRY:
        return [
            ("Finding", content.get("finding", "")),
            ("Kind", dict(EntryKind.choices).get(content.get("kind"), "")),
            ("Key judgements", " ".join(content.get("key_judgements", []))),
            ("Tags", ", ".join(Tag(t).label for t in content.get("tags", []))),
            (
                "Capacity to improve",
                ", ".join(CapacityDimension(c).label for c in content.get("capacity", [])),
            ),
            ("Evidence", "; ".join(e["text"] for e in content.get("evidence", []))),
        ]
    if subject == SUMMATIVE:
        return [
            ("Grade", "" if content.get("grade") is None else str(content["grade"])),
            ("Rationale", content.get("rationale", "")),
            ("Entries", " ".join(f"E{e}" for e in content.get("entries", []))),
        ]
    strands = OverallStrand if subject == OVERALL_SUMMARY else Strand
    lines = [(label, _strand_line(content.get(value))) for value, label in strands.choices]
    closing = (
        ("Key trail of evidence", "trail")
        if subject == OVERALL_SUMMARY
        else ("Moderation and quality assurance", "moderation")
    )
    return [*lines, (closing[0], content.get(closing[1], ""))]
