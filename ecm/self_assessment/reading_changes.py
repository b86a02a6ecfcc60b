"""What changed in a self-assessment from one version to the next (issue 4 §4), word by word,
with citations, grades and partners' contributions; at most six queries."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from ecm.self_assessment.models import Answer, Citation, SelfAssessment, Version
from ecm.self_assessment.reading import _answers, _grades_field, _index, _place, _shown
from ecm.self_assessment.reading_shown import GradeShown, where_in_template
from ecm.self_assessment.reading_terms import excerpt
from ecm.self_assessment.selectors import scale_labels
from ecm.self_assessment.template import template_by_urn, template_carry_over
from ecm.self_assessment.template_parts import Field, FieldKind

# The diff's segment kinds: render "insert" as <ins> and "delete" as <del>.
EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


class Segment(NamedTuple):
    """A piece of a word-level diff: op is "equal", "insert" (<ins>) or "delete" (<del>)."""

    op: str
    text: str


@dataclass(frozen=True)
class GradeChange:
    area: str
    label: str
    before: GradeShown | None
    after: GradeShown | None


@dataclass(frozen=True)
class FieldChange:
    """What changed in one field from one version to the next (issue 4 §4)."""

    field_urn: str
    part: str
    section: str
    label: str
    change: str  # "added", "removed" or "changed"
    segments: tuple[Segment, ...]  # the whole text, word by word; empty for grades
    text_changed: bool
    citations_added: tuple[str, ...] = ()
    citations_removed: tuple[str, ...] = ()
    grades_changed: tuple[GradeChange, ...] = ()
    contributions_added: tuple[str, ...] = ()
    contributions_removed: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return where_in_template(self.part, self.section, self.label)


def _tokens(text: str) -> list[str]:
    """Words with the whitespace after them (leading whitespace a token of its own)."""
    return re.findall(r"\S+\s*|\s+", text)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level diff of two texts (difflib), as (op, text) segments whose texts join up
    to the new text once the "delete" segments are left out, and to the old text once the
    "insert" segments are."""
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    segments: list[Segment] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(EQUAL, "".join(b[j1:j2]))
        else:
            add(DELETE, "".join(a[i1:i2]))
            add(INSERT, "".join(b[j1:j2]))
    return tuple(segments)


def _comparable_text(answer: Answer | None, field: Field | None) -> str:
    if answer is None:
        return ""
    if field is not None and field.kind == FieldKind.PRIORITIES:
        return "\n".join(str(p) for p in (answer.items or {}).get("priorities", []))
    if field is not None and field.kind == FieldKind.GRADES:
        return ""
    return answer.text


def _citation_key(citation: Citation) -> tuple:
    """A citation's identity across versions (a reopened version copies them anew)."""
    return (
        citation.kind,
        citation.document_id,
        citation.location,
        citation.indicator_id,
        citation.inspection,
    )


def _present(answer: Answer | None) -> bool:
    return answer is not None and bool(
        answer.has_content or answer.citations.all() or answer.contributions.all()
    )


def _keyed_difference(before: dict, after: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    added = tuple(after[k] for k in after if k not in before)
    removed = tuple(before[k] for k in before if k not in after)
    return added, removed


def versions_compared(*, older: Version, newer: Version) -> list[FieldChange]:
    """What changed from `older` to `newer`, field by field in the template's order (issue 4
    §4: "from one version to the next, what changed"): each field added, removed or changed,
    with a word-level diff of its text, the citations added and removed, the grades changed
    and the partner contributions added and removed. Unchanged fields are left out.

    Between templates (an APA submission carried into a JAR version, 000 §16) the older
    answers are matched to the newer fields by part, section and key. At most six queries.
    """
    self_assessments = {
        sa.pk: sa
        for sa in SelfAssessment.objects.select_related(
            "assessment__round__framework_version"
        ).filter(pk__in={older.self_assessment_id, newer.self_assessment_id})
    }
    old_template = template_by_urn(self_assessments[older.self_assessment_id].template_urn)
    template = template_by_urn(self_assessments[newer.self_assessment_id].template_urn)
    mapping = (
        template_carry_over(source=old_template, target=template)
        if old_template.urn != template.urn
        else None
    )
    index = _index(template)
    old_index = _index(old_template)
    before: dict[str, Answer] = {}
    after: dict[str, Answer] = {}
    for answer in _answers([older, newer]):
        if answer.version_id == newer.pk:
            after[answer.field_urn] = answer
        else:
            urn = mapping.get(answer.field_urn, answer.field_urn) if mapping else answer.field_urn
            before[urn] = answer

    grades_field = _grades_field(template)
    labels = scale_labels(
        assessment=self_assessments[newer.self_assessment_id].assessment,
        scale_urn=grades_field.scale if grades_field else None,
    )

    def order(urn: str) -> tuple[int, str]:
        located = index.get(urn)
        return (located.order if located else len(index), urn)

    changes = []
    for urn in sorted(set(before) | set(after), key=order):
        old, new = before.get(urn), after.get(urn)
        if not _present(old) and not _present(new):
            continue
        located = index.get(urn) or old_index.get(old.field_urn if old else urn)
        field = located.field if located else None
        old_text, new_text = _comparable_text(old, field), _comparable_text(new, field)
        citations_added, citations_removed = _keyed_difference(
            {_citation_key(c): str(c) for c in (old.citations.all() if old else [])},
            {_citation_key(c): str(c) for c in (new.citations.all() if new else [])},
        )
        contributions_added, contributions_removed = _keyed_difference(
            {(c.organisation, c.text): f"{c.organisation}: {excerpt(c.text)}"
             for c in (old.contributions.all() if old else [])},
            {(c.organisation, c.text): f"{c.organisation}: {excerpt(c.text)}"
             for c in (new.contributions.all() if new else [])},
        )  # fmt: skip
        grades_changed = ()
        if field is not None and field.kind == FieldKind.GRADES:
            old_items = (old.items or {}) if old else {}
            new_items = (new.items or {}) if new else {}
            grades_changed = tuple(
                GradeChange(
                    area=g.area,
                    label=g.label,
                    before=_shown(str(old_items.get(g.key) or "") or None, labels),
                    after=_shown(str(new_items.get(g.key) or "") or None, labels),
                )
                for g in field.grades
                if str(old_items.get(g.key) or "") != str(new_items.get(g.key) or "")
            )
        text_changed = old_text != new_text
        if _present(old) and _present(new):
            kind = CHANGED
            if not (
                text_changed
                or citations_added
                or citations_removed
                or contributions_added
                or contributions_removed
                or grades_changed
                or (old.items != new.items)
            ):
                continue
        else:
            kind = ADDED if _present(new) else REMOVED
        place = _place(located, urn)
        changes.append(
            FieldChange(
                field_urn=urn,
                part=place.part,
                section=place.section,
                label=place.label,
                change=kind,
                segments=word_diff(old_text, new_text),
                text_changed=text_changed,
                citations_added=citations_added,
                citations_removed=citations_removed,
                grades_changed=grades_changed,
                contributions_added=contributions_added,
                contributions_removed=contributions_removed,
            )
        )
    return changes
