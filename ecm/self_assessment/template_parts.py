"""The self-assessment template's typed parts (000 §10): parts, sections, fields, their
guidance and grades, frozen as the loader (ecm.self_assessment.template) builds them."""

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class FieldKind(StrEnum):
    """What a field holds, and so how the form asks for it (000 §10)."""

    TEXT = "text"  # evaluative long text; bullet lists allowed (000 §11)
    CONTACTS = "contacts"  # Part A: key contacts
    GRADES = "grades"  # Part B: the council's own grades on the template's scale (000 §12)
    PRIORITIES = "priorities"  # Part B: a list of priorities for children and young people


@dataclass(frozen=True)
class WordGuidance:
    """About how long an answer should be: a guide shown beside the text, never a limit."""

    minimum: int
    maximum: int
    basis: str
    source: str


@dataclass(frozen=True)
class Guidance:
    """Template-wide guidance: writing (000 §11), partners (§8, §9, §16), documents (§13, §14)."""

    mode: str  # partners: optional | expected; documents: cypp_only | as_listed; writing: ""
    hint: str
    source: str
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradeItem:
    key: str
    label: str
    area: str  # a framework outcome URN (the five, service management, capacity to improve)


@dataclass(frozen=True)
class Field:
    urn: str
    key: str
    label: str
    kind: FieldKind
    source: str
    hint: str = ""
    prompts: tuple[str, ...] = ()  # 000 §10's prompt questions, shown as hint text
    words: WordGuidance | None = None
    scale: str | None = None  # a framework grade scale URN, for kind grades
    grades: tuple[GradeItem, ...] = ()
    # Answered before its part may be marked completed (the library file's header says why).
    required: bool = False


@dataclass(frozen=True)
class Section:
    urn: str
    key: str
    title: str
    fields: tuple[Field, ...]
    hint: str = ""
    outcome: str | None = None  # the framework outcome URN of a Part D section
    words: WordGuidance | None = None  # for the section's fields together (000 §13)


@dataclass(frozen=True)
class Part:
    urn: str
    code: str
    title: str
    source: str
    sections: tuple[Section, ...]
    hint: str = ""

    @property
    def letter(self) -> str:
        return self.code.upper()

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for s in self.sections for f in s.fields)


@dataclass(frozen=True)
class Template:
    urn: str
    version: str
    title: str
    regime: str  # a framework Regime value: apa or jar
    years: tuple[int, ...]
    source: str
    partner_contributions: Guidance
    supporting_documents: Guidance
    writing_guidance: Guidance
    parts: tuple[Part, ...]
    path: str
    sha256: str
    description: str = ""

    def part(self, code: str) -> Part:
        """The part with this letter, A to G (KeyError if there is none)."""
        found = next((p for p in self.parts if p.code == code.lower()), None)
        if found is None:
            raise KeyError(code)
        return found

    def fields(self) -> Iterator[tuple[Part, Section, Field]]:
        """Every field in the template's order, with its part and section."""
        for part in self.parts:
            for section in part.sections:
                for field in section.fields:
                    yield part, section, field

    def item(self, urn: str) -> Part | Section | Field:
        """The part, section or field with this URN (KeyError if there is none)."""
        return _urn_index(self)[urn]


@cache
def _urn_index(template: Template) -> dict[str, Part | Section | Field]:
    index: dict[str, Part | Section | Field] = {}
    for part in template.parts:
        index[part.urn] = part
        for section in part.sections:
            index[section.urn] = section
            index.update((f.urn, f) for f in section.fields)
    return index
