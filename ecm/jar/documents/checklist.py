"""The documents a joint area review asks for, as versioned data (001 "Documents Evidence";
no Django).

One YAML file per version in `library/`: the Children and Young People's Plan first ("the
primary document required"), then each document 001 names, in its words and order, each with a
short code. `checklist_load(path)` reads one file and returns a frozen `Checklist`, or raises
`ChecklistError` listing every problem found; `checklist_current()` is the bundled one.
A review's requested documents keep the URN of the list they were made from.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY_DIR = Path(__file__).parent / "library"
CURRENT = LIBRARY_DIR / "documents-evidence-2007.yaml"
# 001 "Enhanced Youth Inspection": "Provide service-specific documentation ... for example the
# youth service plan; the service curriculum plan; staff development and performance
# management arrangements". Its own list: it has no primary document.
YOUTH = LIBRARY_DIR / "youth-service-2007.yaml"
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
KEYS = {"schema", "urn", "source", "documents"}
DOCUMENT_KEYS = {"code", "title", "hint", "primary", "part_of"}

NOT_A_MAPPING = "{path}: the file must hold one mapping (schema, urn, source, documents)"
WRONG_SCHEMA = "{path}: schema must be 1, the file schema this loader reads, not {value}"
MISSING_KEY = "{path}: {where} needs {key}"
UNKNOWN_KEY = "{path}: {where} has {key}, which is not one of: {allowed}"
BAD_CODE = '{path}: {where} code "{code}" must be lower-case letters, digits and _'
DUPLICATE_CODE = '{path}: the code "{code}" is used twice; codes must be unique'
NO_TITLE = "{path}: {where} needs a title in the seed's words"
PART_OF_UNKNOWN = '{path}: {where} is part_of "{code}", which is not a document listed before it'
PRIMARY_FIRST = "{path}: exactly one document is primary (the CYPP), and it comes first"
NO_PRIMARY = "{path}: this list has no primary document: only the CYPP's list has one"


class ChecklistError(ValueError):
    """Everything wrong with a checklist file, one problem a line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ListedDocument:
    code: str
    title: str
    hint: str = ""
    primary: bool = False
    part_of: str = ""


@dataclass(frozen=True)
class Checklist:
    urn: str
    source: str
    documents: tuple[ListedDocument, ...]

    def by_code(self, code: str) -> ListedDocument | None:
        return next((d for d in self.documents if d.code == code), None)


def _document(path: Path, n: int, raw, seen: set[str], problems: list[str]):
    where = f"document {n}"
    if not isinstance(raw, dict):
        problems.append(MISSING_KEY.format(path=path, where=where, key="code and title"))
        return None
    for key in sorted(set(raw) - DOCUMENT_KEYS):
        allowed = ", ".join(sorted(DOCUMENT_KEYS))
        problems.append(UNKNOWN_KEY.format(path=path, where=where, key=key, allowed=allowed))
    code = str(raw.get("code", ""))
    if not CODE.match(code):
        problems.append(BAD_CODE.format(path=path, where=where, code=code))
    elif code in seen:
        problems.append(DUPLICATE_CODE.format(path=path, code=code))
    title = " ".join(str(raw.get("title") or "").split())
    if not title:
        problems.append(NO_TITLE.format(path=path, where=where))
    part_of = str(raw.get("part_of") or "")
    if part_of and part_of not in seen:
        problems.append(PART_OF_UNKNOWN.format(path=path, where=where, code=part_of))
    seen.add(code)
    return ListedDocument(
        code=code,
        title=title,
        hint=" ".join(str(raw.get("hint") or "").split()),
        primary=bool(raw.get("primary", False)),
        part_of=part_of,
    )


def checklist_load(path: Path, *, with_primary: bool = True) -> Checklist:
    """Read and check one checklist file (001 "Documents Evidence"; with `with_primary` False,
    a list without the CYPP, as the youth service's documents)."""
    data = library_data(path)
    if not isinstance(data, dict):
        raise ChecklistError([NOT_A_MAPPING.format(path=path)])
    problems: list[str] = []
    if data.get("schema") != 1:
        problems.append(WRONG_SCHEMA.format(path=path, value=data.get("schema")))
    for key in sorted(KEYS - set(data)):
        problems.append(MISSING_KEY.format(path=path, where="the file", key=key))
    for key in sorted(set(data) - KEYS):
        allowed = ", ".join(sorted(KEYS))
        problems.append(UNKNOWN_KEY.format(path=path, where="the file", key=key, allowed=allowed))
    seen: set[str] = set()
    documents = [
        _document(path, n, raw, seen, problems)
        for n, raw in enumerate(data.get("documents") or [], start=1)
    ]
    found = [d for d in documents if d is not None]
    primaries = [d for d in found if d.primary]
    if not with_primary:
        if primaries or not found:
            problems.append(NO_PRIMARY.format(path=path))
    elif len(primaries) != 1 or not found or not found[0].primary:
        problems.append(PRIMARY_FIRST.format(path=path))
    if problems:
        raise ChecklistError(problems)
    return Checklist(urn=str(data["urn"]), source=str(data["source"]), documents=tuple(found))


@cache
def checklist_current() -> Checklist:
    """The bundled checklist a new review's documents are requested from."""
    return checklist_load(CURRENT)


@cache
def checklist_youth() -> Checklist:
    """The youth service's documents (001 "Enhanced Youth Inspection"), asked for with the
    review's checklist and shown under their own heading."""
    return checklist_load(YOUTH, with_primary=False)


def checklists() -> tuple[Checklist, ...]:
    """Every list a new review's documents are requested from, in the checklist's order."""
    return (checklist_current(), checklist_youth())
