"""The APA letter template as versioned data (002 §I "The template", Appendix B; no Django).

One YAML file per template version in `library/`: the sections in the exemplar's order, each
with its kind, the framework area it draws from, a length guide in words, the topics it must
cover (shown as prompts) and whether it must speak of looked after children and children with
learning difficulties and/or disabilities. `template_load(path)` reads one file and returns a
frozen `LetterTemplate`, or raises `LetterTemplateError` with every problem found, each as
`file:line: reason` (the same wording and approach as the framework loader, ADR 0005).
A letter keeps the URN of its template (`template_by_urn`), as a self-assessment does.
"""

import os
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from ecm.core.library import library_by_urn, library_find, library_load
from ecm.core.library_files import (
    MISSING_KEY,
    NOT_ONE_OF,
    UNKNOWN_KEY,
    WRONG_TYPE,
    LibraryFileError,
    LoadError,
    described,
    duplicate_keys,
    node_at,
    where_in,
    yaml_read,
)

LIBRARY_DIR = Path(__file__).parent / "library"

# The five outcomes, in the order of the template and the exemplar (002 §I template 3).
FIVE_OUTCOMES = (
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
)
CODE = re.compile(r"^[a-z][a-z0-9_]*$")

EMPTY_FILE = "the file is empty; a letter template starts with 'schema: 1'"
NOT_A_MAPPING = "the file must hold one mapping of keys (schema, urn, sections, ...), not {found}"
WRONG_SCHEMA = "schema must be 1, the file schema this loader reads, not {value}"
BAD_CODE = "{where} must be a code of lower-case letters, digits and _, like staying_safe"
EMPTY_LIST = "{where} must list at least one item"
MIN_OVER_MAX = "{where}: the minimum ({minimum}) must not be more than the maximum ({maximum})"
DUPLICATE_CODE = 'the section code "{code}" is already used at line {first}; use another'
UNKNOWN_LENGTH = '{where} is "{value}", which is not one of the lengths listed: {allowed}'
OUTCOME_NEEDED = "{where} is a section of kind {kind}, so it must name the outcome it draws from"
OUTCOME_NOT_ALLOWED = "{where} draws from an outcome, which only an outcome section may do"
LAC_LDD_NEEDED = (
    "{where} is an outcome section, so it must have lac_ldd: true: the handbook, section I asks "
    "for a judgement"
    "on looked after children and children with learning difficulties and/or disabilities in "
    "each outcome"
)
OUTCOMES_ORDER = (
    "the outcome sections must be one for each of the five outcomes, in this order: {required} "
    "(the handbook, section I template 3); they are: {found}"
)
NO_TEMPLATE = "there is no letter template for {regime} {year}; add one to {library}"
TEMPLATES_OVERLAP = "the letter templates {urn} and {other} both cover {regime} {year}"
UNKNOWN_TEMPLATE = 'there is no letter template "{urn}" in {library}'


class SectionKind(StrEnum):
    """What a section is, and so how the draft fills it (002 §I, Appendix B)."""

    ADDRESS = "address"
    TITLE = "title"
    OPENING = "opening"
    OUTCOME = "outcome"  # one of the five outcomes, from its Step 1 and Step 2
    SUMMARY = "summary"  # strengths and areas for improvement by outcome
    SERVICE_MANAGEMENT = "service_management"
    JAR = "jar"  # areas for exploration in the joint area review
    JUDGEMENTS = "judgements"  # provisional judgements, in words
    NEXT_STEPS = "next_steps"  # the common statement


DRAWS_FROM_AN_AREA = (SectionKind.OUTCOME, SectionKind.SERVICE_MANAGEMENT)


@dataclass(frozen=True)
class WordGuide:
    """About how long a section should be: shown beside it and warned about, never a limit."""

    name: str
    minimum: int
    maximum: int
    basis: str


@dataclass(frozen=True)
class FinalText:
    """A draft-only section's heading, title and text in the final letter."""

    heading: str
    title: str
    starts_with: str


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    kind: SectionKind
    source: str
    heading: str = ""  # the exemplar's heading, where it has one
    outcome: str | None = None  # the framework area code it draws from
    words: WordGuide | None = None
    topics: tuple[str, ...] = ()
    lac_ldd: bool = False  # must speak of looked after children and children with LDD
    starts_with: str = ""
    # What the final letter has instead (002 §I stage 3, §J "The final letter"): a section
    # written only for the draft is replaced, never kept, when the letter becomes final.
    final: FinalText | None = None

    @property
    def replaced_at_final(self) -> bool:
        return self.final is not None


@dataclass(frozen=True)
class LetterTemplate:
    urn: str
    version: str
    title: str
    regime: str
    years: tuple[int, ...]
    source: str
    words_per_side: int
    sides_minimum: int
    sides_maximum: int
    sections: tuple[Section, ...]
    path: str
    sha256: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.sections)

    def section(self, code: str) -> Section:
        """The section with this code (KeyError if there is none)."""
        found = next((s for s in self.sections if s.code == code), None)
        if found is None:
            raise KeyError(code)
        return found

    @property
    def words_minimum(self) -> int:
        return self.sides_minimum * self.words_per_side

    @property
    def words_maximum(self) -> int:
        return self.sides_maximum * self.words_per_side


class LetterTemplateError(LibraryFileError):
    """A template file that cannot be loaded, with every problem found in it."""


class LetterTemplateNotFound(LookupError):
    """No library template covers what was asked for."""


Path_ = tuple[str | int, ...]

_TOP = {
    "schema": int,
    "urn": str,
    "version": str,
    "title": str,
    "regime": str,
    "years": list,
    "source": str,
    "words_per_side": int,
    "letter_sides": dict,
    "lengths": dict,
    "sections": list,
}
_SECTION_REQUIRED = {"code": str, "title": str, "kind": str, "source": str}
_SECTION_OPTIONAL = {
    "heading": str,
    "outcome": str,
    "length": str,
    "topics": list,
    "lac_ldd": bool,
    "starts_with": str,
    "final": dict,
}
_FINAL = {"heading": str, "title": str, "starts_with": str}
_RANGE = {"minimum": int, "maximum": int}
_TYPE_WORDS = {str: "text", int: "a whole number", list: "a list", dict: "a mapping of keys"}
_TYPE_WORDS[bool] = "true or false"


def _is(value, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _keys(data: dict, path: Path_, required: dict, optional: dict | None = None) -> list:
    """Missing, unknown and wrongly typed keys of one mapping."""
    optional = optional or {}
    allowed = required | optional
    where = where_in(path)
    problems = [(path, MISSING_KEY.format(key=k, where=where)) for k in required if k not in data]
    for key, value in data.items():
        if key not in allowed:
            names = ", ".join(allowed)
            problems.append(((*path, key), UNKNOWN_KEY.format(key=key, where=where, allowed=names)))
        elif not _is(value, allowed[key]):
            expected, found = _TYPE_WORDS[allowed[key]], described(value)
            reason = WRONG_TYPE.format(where=where_in((*path, key)), expected=expected, found=found)
            problems.append(((*path, key), reason))
    return problems


def _range(data: dict, path: Path_, extra: dict | None = None) -> list:
    problems = _keys(data, path, _RANGE | (extra or {}))
    if not problems and data["minimum"] > data["maximum"]:
        reason = MIN_OVER_MAX.format(where=where_in(path), **data)
        problems.append((path, reason))
    return problems


def _problems(data: dict, line_of) -> list[tuple[Path_, str]]:
    """Every problem in the file's data, in two stages: shape, then the template's rules."""
    problems = _keys(data, (), _TOP)
    if problems:
        return problems
    if data["schema"] != 1:
        return [(("schema",), WRONG_SCHEMA.format(value=described(data["schema"])))]
    if not data["years"] or not all(_is(y, int) for y in data["years"]):
        problems.append((("years",), EMPTY_LIST.format(where="years") + " (whole numbers)"))
    problems += _range(data["letter_sides"], ("letter_sides",))
    for name, guide in data["lengths"].items():
        if not isinstance(guide, dict):
            reason = WRONG_TYPE.format(
                where=where_in(("lengths", name)),
                expected="a mapping of keys",
                found=described(guide),
            )
            problems.append((("lengths", name), reason))
        else:
            problems += _range(guide, ("lengths", name), {"basis": str})
    if not data["sections"]:
        problems.append((("sections",), EMPTY_LIST.format(where="sections")))
    for i, section in enumerate(data["sections"]):
        path = ("sections", i)
        if not isinstance(section, dict):
            reason = WRONG_TYPE.format(
                where=where_in(path), expected="a mapping of keys", found=described(section)
            )
            problems.append((path, reason))
            continue
        problems += _keys(section, path, _SECTION_REQUIRED, _SECTION_OPTIONAL)
        if isinstance(section.get("final"), dict):
            problems += _keys(section["final"], (*path, "final"), _FINAL)
    if problems:
        return problems

    first: dict[str, int] = {}
    outcomes = []
    for i, section in enumerate(data["sections"]):
        path, where = ("sections", i), where_in(("sections", i))
        code = section["code"]
        if not CODE.match(code):
            problems.append(((*path, "code"), BAD_CODE.format(where=where_in((*path, "code")))))
        if code in first:
            reason = DUPLICATE_CODE.format(code=code, first=line_of(("sections", first[code])))
            problems.append(((*path, "code"), reason))
        first.setdefault(code, i)
        if section["kind"] not in SectionKind.__members__.values():
            allowed = ", ".join(SectionKind)
            reason = NOT_ONE_OF.format(
                where=where_in((*path, "kind")), allowed=allowed, value=described(section["kind"])
            )
            problems.append(((*path, "kind"), reason))
            continue
        kind = SectionKind(section["kind"])
        if kind in DRAWS_FROM_AN_AREA and "outcome" not in section:
            problems.append((path, OUTCOME_NEEDED.format(where=where, kind=kind)))
        if kind not in DRAWS_FROM_AN_AREA and "outcome" in section:
            problems.append(((*path, "outcome"), OUTCOME_NOT_ALLOWED.format(where=where)))
        if kind == SectionKind.OUTCOME:
            outcomes.append(section.get("outcome", "(none)"))
            if section.get("lac_ldd") is not True:
                problems.append((path, LAC_LDD_NEEDED.format(where=where)))
        length = section.get("length")
        if length is not None and length not in data["lengths"]:
            reason = UNKNOWN_LENGTH.format(
                where=where_in((*path, "length")), value=length, allowed=", ".join(data["lengths"])
            )
            problems.append(((*path, "length"), reason))
    if not problems and tuple(outcomes) != FIVE_OUTCOMES:
        reason = OUTCOMES_ORDER.format(required=", ".join(FIVE_OUTCOMES), found=", ".join(outcomes))
        problems.append((("sections",), reason))
    return problems


def _build(data: dict, display: str, sha256: str) -> LetterTemplate:
    guides = {
        name: WordGuide(name=name, minimum=g["minimum"], maximum=g["maximum"], basis=g["basis"])
        for name, g in data["lengths"].items()
    }
    sections = tuple(
        Section(
            code=s["code"],
            title=s["title"],
            kind=SectionKind(s["kind"]),
            source=s["source"],
            heading=s.get("heading", ""),
            outcome=s.get("outcome"),
            words=guides[s["length"]] if "length" in s else None,
            topics=tuple(s.get("topics", ())),
            lac_ldd=s.get("lac_ldd", False),
            starts_with=s.get("starts_with", ""),
            final=FinalText(**s["final"]) if "final" in s else None,
        )
        for s in data["sections"]
    )
    return LetterTemplate(
        urn=data["urn"],
        version=data["version"],
        title=data["title"],
        regime=data["regime"],
        years=tuple(data["years"]),
        source=data["source"],
        words_per_side=data["words_per_side"],
        sides_minimum=data["letter_sides"]["minimum"],
        sides_maximum=data["letter_sides"]["maximum"],
        sections=sections,
        path=display,
        sha256=sha256,
    )


def template_load(path: str | os.PathLike) -> LetterTemplate:
    """Read and check one letter template file; raise LetterTemplateError with file:line:
    reason for every problem found."""
    display = str(path)
    read = yaml_read(path, error=LetterTemplateError, empty=EMPTY_FILE)
    root, data, sha256 = read.root, read.data, read.sha256
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else described(data)
        raise LetterTemplateError([LoadError(display, 1, NOT_A_MAPPING.format(found=found))])

    def line_of(p) -> int:
        return node_at(root, p).start_mark.line + 1

    errors = duplicate_keys(display, root)
    if not errors:
        errors = [LoadError(display, line_of(p), r) for p, r in _problems(data, line_of)]
    if errors:
        raise LetterTemplateError(errors)
    return _build(data, display, sha256)


@cache
def template_library() -> tuple[LetterTemplate, ...]:
    """Every template in library/, checked so that one regime's year has one template."""
    return library_load(
        LIBRARY_DIR, load=template_load, error=LetterTemplateError, overlap=TEMPLATES_OVERLAP
    )


def template_for(*, regime: str, year: int) -> LetterTemplate:
    """The library template for a round of this regime and year."""
    found = library_find(template_library(), regime=regime, year=year)
    if found is None:
        raise LetterTemplateNotFound(
            NO_TEMPLATE.format(regime=regime, year=year, library=LIBRARY_DIR)
        )
    return found


def template_by_urn(urn: str) -> LetterTemplate:
    """The library template with this URN: the one a letter was assembled to."""
    found = library_by_urn(template_library(), urn)
    if found is None:
        raise LetterTemplateNotFound(UNKNOWN_TEMPLATE.format(urn=urn, library=LIBRARY_DIR))
    return found
