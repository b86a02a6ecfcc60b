"""The self-assessment template as versioned data (000 §10 to §16; pure Python, no Django).

One YAML file per template version in `library/`: Parts A-G in the order of 000 §10, each with
sections and fields; every item has a stable URN. `template_load(path)` reads one file and
returns a frozen `Template`, or raises `TemplateFileError` with every problem found, each as
`file:line: reason` (the same approach as the framework loader, ADR 0005).
`template_for(regime=..., year=...)` picks the library template for a round.

Checks, in order: the file exists and is UTF-8; it is YAML with one mapping and no repeated
keys; it matches library/self-assessment-template-1.schema.json; then the rules a schema cannot
state: unique URNs, each nested in its parent's; Parts A-G once each, in order (000 §10); one
Part D section per outcome (000 §10, Part D); grade items only on a `grades` field.

Word guidance is per Part D section (000 §13: "two to three sides of A4 ... on each outcome"),
converted at about 500 words a side to 1,000-1,500 words; see the library file's header.
"""

import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

# The framework loader's YAML reading, line-finding and wording, so that both kinds of library
# file report problems alike (ADR 0005).
from ecm.core.library import library_by_urn, library_find, library_load
from ecm.core.library_files import (
    BAD_PATTERN,
    MISSING_KEY,
    NOT_ONE_OF,
    SCHEMA_OTHER,
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
from ecm.self_assessment.template_parts import (
    Field,
    FieldKind,
    GradeItem,
    Guidance,
    Part,
    Section,
    Template,
    WordGuidance,
)

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

LIBRARY_DIR = Path(__file__).parent / "library"
SCHEMA_PATH = LIBRARY_DIR / "self-assessment-template-1.schema.json"

PART_CODES = ("a", "b", "c", "d", "e", "f", "g")  # 000 §10: "divided into seven parts"
FIVE_OUTCOMES = (  # the framework's outcome URNs, in its order (000 §10, Part D)
    "urn:ecm:outcome:being-healthy",
    "urn:ecm:outcome:staying-safe",
    "urn:ecm:outcome:enjoying-achieving",
    "urn:ecm:outcome:positive-contribution",
    "urn:ecm:outcome:economic-wellbeing",
)

EMPTY_FILE = "the file is empty; a self-assessment template starts with 'schema: 1'"
NOT_A_MAPPING = "the file must hold one mapping of keys (schema, urn, version, ...), not {found}"
DUPLICATE_URN = 'the URN "{urn}" is already used at line {first}; every URN must be different'
URN_NOT_NESTED = 'the URN "{urn}" must begin with "{parent}:", the URN of the {what} it is in'
PART_MISSING = "Part {letter} is missing; a template has Parts A to G (000 §10)"
PART_REPEATED = "Part {letter} appears twice (first at line {first}); list each part once"
PARTS_OUT_OF_ORDER = "the parts must be in the order A to G (000 §10), not {found}"
DUPLICATE_KEY = 'the key "{key}" is already used in this {what} at line {first}; use another'
PART_D_OUTCOMES = (
    "Part D must have one section for each of the five outcomes, in this order: {required} "
    "(000 §10); it has: {found}"
)
GRADES_ONLY = '{where} has "{key}", which only a field of kind grades may have; remove it'
NO_TEMPLATE = (
    "there is no self-assessment template for {regime} {year}; add one to {library} "
    "with that regime and year"
)
TEMPLATES_OVERLAP = (
    "the templates {urn} and {other} both cover {regime} {year}; give each year of a "
    "regime to one template"
)

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "array": "a list"}
_TYPE_WORDS |= {"object": "a mapping of keys", "boolean": "true or false"}


class TemplateFileError(LibraryFileError):
    """A template file that cannot be loaded, with every problem found in it."""


class TemplateNotFound(LookupError):
    """No library template covers the regime and year asked for."""


Path_ = tuple[str | int, ...]


@cache
def _validator() -> "Draft202012Validator":
    # jsonschema when a template is first checked, not when the models and views that name
    # this module are imported by django.setup() and the URLconf (issue 25 §2).
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - see above

    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _schema_reason(error: "ValidationError") -> list[tuple[Path_, str]]:
    path, value, limit = tuple(error.absolute_path), error.instance, error.validator_value
    where = where_in(path)
    if error.validator == "required":
        return [(path, MISSING_KEY.format(key=k, where=where)) for k in limit if k not in value]
    if error.validator == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        return [
            ((*path, k), UNKNOWN_KEY.format(key=k, where=where, allowed=allowed))
            for k in value
            if k not in error.schema.get("properties", {})
        ]
    if error.validator == "type":
        found = described(value)
        reason = WRONG_TYPE.format(where=where, expected=_TYPE_WORDS.get(limit), found=found)
    elif error.validator in ("enum", "const"):
        allowed = ", ".join(map(str, limit if error.validator == "enum" else [limit]))
        reason = NOT_ONE_OF.format(where=where, allowed=allowed, value=described(value))
    elif error.validator == "pattern":
        what = "URN (like urn:ecm:self-assessment:apa-2007:part-a)" if "urn" in limit else "key"
        reason = BAD_PATTERN.format(where=where, what=what, value=described(value))
    else:  # lengths, counts and ranges, in jsonschema's own words
        reason = SCHEMA_OTHER.format(where=where, message=error.message)
    return [(path, reason)]


def _semantic_problems(data: dict, line_of) -> list[tuple[Path_, str]]:
    """The rules a schema cannot state; data has passed the schema."""
    problems: list[tuple[Path_, str]] = []
    first_urn: dict[str, Path_] = {}

    def urn(path: Path_, value: str, parent: str | None, what: str) -> None:
        if value in first_urn:
            first = line_of(first_urn[value])
            problems.append(((*path, "urn"), DUPLICATE_URN.format(urn=value, first=first)))
        else:
            first_urn[value] = (*path, "urn")
        if parent and not value.startswith(parent + ":"):
            reason = URN_NOT_NESTED.format(urn=value, parent=parent, what=what)
            problems.append(((*path, "urn"), reason))

    def unique_keys(items: list[dict], path: Path_, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item["key"] in seen:
                first = line_of((*path, seen[item["key"]], "key"))
                reason = DUPLICATE_KEY.format(key=item["key"], what=what, first=first)
                problems.append(((*path, i, "key"), reason))
            seen.setdefault(item["key"], i)

    urn((), data["urn"], None, "template")
    codes = [p["code"] for p in data["parts"]]
    for i, code in enumerate(codes):
        if code in codes[:i]:
            first = line_of(("parts", codes.index(code), "code"))
            problems.append(
                (("parts", i, "code"), PART_REPEATED.format(letter=code.upper(), first=first))
            )
    for code in PART_CODES:
        if code not in codes:
            problems.append((("parts",), PART_MISSING.format(letter=code.upper())))
    if not problems and codes != list(PART_CODES):
        found = ", ".join(c.upper() for c in codes)
        problems.append((("parts",), PARTS_OUT_OF_ORDER.format(found=found)))
    for pi, part in enumerate(data["parts"]):
        urn(("parts", pi), part["urn"], data["urn"], "template")
        unique_keys(part["sections"], ("parts", pi, "sections"), "part")
        if part["code"] == "d":
            found = [s.get("outcome", "(none)") for s in part["sections"]]
            if found != list(FIVE_OUTCOMES):
                reason = PART_D_OUTCOMES.format(
                    required=", ".join(FIVE_OUTCOMES), found=", ".join(found)
                )
                problems.append((("parts", pi, "sections"), reason))
        for si, section in enumerate(part["sections"]):
            spath = ("parts", pi, "sections", si)
            urn(spath, section["urn"], part["urn"], "part")
            unique_keys(section["fields"], (*spath, "fields"), "section")
            for fi, field in enumerate(section["fields"]):
                fpath = (*spath, "fields", fi)
                urn(fpath, field["urn"], section["urn"], "section")
                if field["kind"] == FieldKind.GRADES:
                    unique_keys(field["grades"], (*fpath, "grades"), "list of grades")
                for key in ("scale", "grades"):
                    if key in field and field["kind"] != FieldKind.GRADES:
                        reason = GRADES_ONLY.format(where=where_in(fpath), key=key)
                        problems.append(((*fpath, key), reason))
    return problems


def _words(data: dict | None) -> WordGuidance | None:
    return WordGuidance(**data) if data else None


def _guidance(data: dict, mode_key: str) -> Guidance:
    points = tuple(data.get("points", ()))
    return Guidance(data.get(mode_key, ""), data["hint"], data["source"], points)


def _field(d: dict) -> Field:
    grades = tuple(GradeItem(**g) for g in d.get("grades", ()))
    prompts, words = tuple(d.get("prompts", ())), _words(d.get("words"))
    return Field(
        **d | {"kind": FieldKind(d["kind"]), "prompts": prompts, "words": words, "grades": grades}
    )


def _section(d: dict) -> Section:
    fields = tuple(_field(f) for f in d["fields"])
    return Section(**d | {"fields": fields, "words": _words(d.get("words"))})


def _build(data: dict, display: str, sha256: str) -> Template:
    parts = tuple(
        Part(**p | {"sections": tuple(_section(s) for s in p["sections"])}) for p in data["parts"]
    )
    guidance = {
        "partner_contributions": _guidance(data["partner_contributions"], "mode"),
        "supporting_documents": _guidance(data["supporting_documents"], "policy"),
        "writing_guidance": _guidance(data["writing_guidance"], ""),
    }
    rest = {k: v for k, v in data.items() if k != "schema"}
    years = tuple(data["years"])
    return Template(
        **rest | guidance | {"parts": parts, "years": years, "path": display, "sha256": sha256}
    )


def template_load(path: str | os.PathLike) -> Template:
    """Read and check one template file; raise TemplateFileError with file:line: reason.

    Every problem found at a stage is reported together; a later stage runs only when the
    earlier ones found nothing, since it relies on them (as ADR 0005 for the framework).
    """
    display = str(path)
    read = yaml_read(path, error=TemplateFileError, empty=EMPTY_FILE)
    root, data, sha256 = read.root, read.data, read.sha256
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else described(data)
        raise TemplateFileError([LoadError(display, 1, NOT_A_MAPPING.format(found=found))])

    def line_of(p: Iterable[str | int]) -> int:
        return node_at(root, p).start_mark.line + 1

    def located(problems: list[tuple[Path_, str]]) -> list[LoadError]:
        return [LoadError(display, line_of(p), reason) for p, reason in problems]

    errors = duplicate_keys(display, root)
    if not errors:
        schema_problems = [r for e in _validator().iter_errors(data) for r in _schema_reason(e)]
        errors = located(schema_problems) or located(_semantic_problems(data, line_of))
    if errors:
        raise TemplateFileError(errors)
    return _build(data, display, sha256)


@cache
def template_library() -> tuple[Template, ...]:
    """Every template in library/, checked so that one regime's year has one template."""
    return library_load(
        LIBRARY_DIR, load=template_load, error=TemplateFileError, overlap=TEMPLATES_OVERLAP
    )


def template_for(*, regime: str, year: int) -> Template:
    """The library template for a round of this regime and year (000 §15, §16)."""
    found = library_find(template_library(), regime=regime, year=year)
    if found is None:
        raise TemplateNotFound(NO_TEMPLATE.format(regime=regime, year=year, library=LIBRARY_DIR))
    return found


def template_by_urn(urn: str) -> Template:
    """The library template with this URN, e.g. the one a stored self-assessment names."""
    found = library_by_urn(template_library(), urn)
    if found is None:
        raise TemplateNotFound(f'there is no self-assessment template "{urn}" in {LIBRARY_DIR}')
    return found


def template_carry_over(*, source: Template, target: Template) -> dict[str, str]:
    """Field URNs of source mapped to target's, matched by part, section and field key.

    Before a joint area review the area updates its annual self-assessment "using the common
    format" (000 §16): a JAR version starts from the latest APA answers carried across.
    """
    keys = {(p.code, s.key, f.key): f.urn for p, s, f in target.fields()}
    return {
        f.urn: keys[(p.code, s.key, f.key)]
        for p, s, f in source.fields()
        if (p.code, s.key, f.key) in keys
    }
