"""The voluntary sector stakeholder survey as data (issue 9 §4; 001 "Voluntary sector
stakeholder survey"): a small versioned file per survey in `library/`, read by a typed loader.
Pure Python: no Django imports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).resolve().parent / "library"
CURRENT = "2007"


class QuestionnaireFileError(ValueError):
    """A survey file is not as the loader expects; the message says where."""


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    hint: str


@dataclass(frozen=True)
class Section:
    code: str
    heading: str
    source_text: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class ListItem:
    field: str
    source_text: str


@dataclass(frozen=True)
class Survey:
    version: str
    source: str
    council_list: tuple[ListItem, ...]
    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questions)


def _text(entry: dict, key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise QuestionnaireFileError(f"{where}: {key} must be text")
    return value.strip()


def parse(data: dict) -> Survey:
    """A survey from the parsed file; every code is unique and every section has a question."""
    if not isinstance(data, dict):
        raise QuestionnaireFileError("the file must be a mapping")
    sections, seen = [], set()
    for n, s in enumerate(data.get("sections") or [], start=1):
        where = f"section {n}"
        questions = []
        for m, q in enumerate(s.get("questions") or [], start=1):
            at = f"{where}, question {m}"
            code = _text(q, "code", at)
            if code in seen:
                raise QuestionnaireFileError(f"{at}: the code {code} is used twice")
            seen.add(code)
            hint = _text(q, "hint", at, required=False)
            questions.append(Question(code, _text(q, "text", at), hint))
        if not questions:
            raise QuestionnaireFileError(f"{where}: a section needs at least one question")
        sections.append(
            Section(
                _text(s, "code", where),
                _text(s, "heading", where),
                _text(s, "source_text", where),
                tuple(questions),
            )
        )
    if not sections:
        raise QuestionnaireFileError("the survey has no sections")
    items = tuple(
        ListItem(_text(i, "field", f"list item {n}"), _text(i, "source_text", f"list item {n}"))
        for n, i in enumerate(data.get("council_list") or [], start=1)
    )
    return Survey(
        version=str(data.get("version", "")).strip() or "unknown",
        source=_text(data, "source", "the file"),
        council_list=items,
        sections=tuple(sections),
    )


@cache
def survey(version: str = CURRENT) -> Survey:
    """The survey of that version, from `library/questionnaire-<version>.yaml`."""
    path = LIBRARY / f"questionnaire-{version}.yaml"
    if not path.is_file():
        raise QuestionnaireFileError(f"there is no survey of version {version!r}")
    return parse(library_data(path))
