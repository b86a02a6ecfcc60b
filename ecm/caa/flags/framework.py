"""The area assessment's questions and themes as data (issue 10 §5; 004 "Comprehensive Area
Assessment"): a versioned file in `library/`, read by a typed loader. Pure Python: no Django
imports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).resolve().parent / "library"
CURRENT = "2009"


class AreaAssessmentFileError(ValueError):
    """The file is not as the loader expects; the message says where."""


@dataclass(frozen=True)
class Point:
    """A sub-point of a question, in 004's words (question 1's four bullets)."""

    code: str
    text: str


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    variation: bool  # 004: question 2 looks at geographical and group variation
    variation_text: str
    points: tuple[Point, ...] = ()

    def point(self, code: str) -> Point | None:
        return next((p for p in self.points if p.code == code), None)


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    text: str


@dataclass(frozen=True)
class AreaFramework:
    version: str
    source: str
    red: str
    green: str
    questions: tuple[Question, ...]
    themes: tuple[Theme, ...]

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)

    def theme(self, code: str) -> Theme | None:
        return next((t for t in self.themes if t.code == code), None)

    @property
    def points(self) -> tuple[tuple[Question, Point], ...]:
        """Every question's sub-points, with their question, in order."""
        return tuple((q, p) for q in self.questions for p in q.points)

    @property
    def question_choices(self) -> list[tuple[str, str]]:
        return [(q.code, q.text) for q in self.questions]

    @property
    def theme_choices(self) -> list[tuple[str, str]]:
        return [(t.code, t.name) for t in self.themes]


def _text(entry: dict, key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise AreaAssessmentFileError(f"{where}: '{key}' must be text")
    return " ".join(value.split())


def _codes_unique(items, where: str) -> None:
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes) or not all(c.isidentifier() for c in codes):
        raise AreaAssessmentFileError(f"{where}: codes must be unique names, got {codes}")


def _points(question: dict, where: str) -> tuple[Point, ...]:
    raw = question.get("points") or []
    if not isinstance(raw, list):
        raise AreaAssessmentFileError(f"{where}: 'points' must be a list")
    points = tuple(
        Point(
            code=_text(p, "code", f"{where}, point {n}"),
            text=_text(p, "text", f"{where}, point {n}"),
        )
        for n, p in enumerate(raw, start=1)
    )
    _codes_unique(points, f"{where}: points")
    return points


def parse(data: dict) -> AreaFramework:
    """Check and type one file's content."""
    if not isinstance(data, dict):
        raise AreaAssessmentFileError("the file must be a mapping")
    flags = data.get("flags") or {}
    questions = tuple(
        Question(
            code=_text(q, "code", f"question {n}"),
            text=_text(q, "text", f"question {n}"),
            variation=bool(q.get("variation")),
            variation_text=_text(q, "variation_text", f"question {n}", required=False),
            points=_points(q, f"question {n}"),
        )
        for n, q in enumerate(data.get("questions") or [], start=1)
    )
    themes = tuple(
        Theme(
            code=_text(t, "code", f"theme {n}"),
            name=_text(t, "name", f"theme {n}"),
            text=_text(t, "text", f"theme {n}"),
        )
        for n, t in enumerate(data.get("themes") or [], start=1)
    )
    if len(questions) != 3:
        raise AreaAssessmentFileError(f"004 names three questions, the file {len(questions)}")
    if len(themes) != 4:
        raise AreaAssessmentFileError(f"004 names four themes, the file {len(themes)}")
    _codes_unique(questions, "questions")
    _codes_unique(themes, "themes")
    for q in questions:
        if q.variation and not q.variation_text:
            raise AreaAssessmentFileError(f"question {q.code}: say what variation it looks at")
    return AreaFramework(
        version=_text(data, "version", "the file"),
        source=_text(data, "source", "the file"),
        red=_text(flags, "red", "flags"),
        green=_text(flags, "green", "flags"),
        questions=questions,
        themes=themes,
    )


@cache
def area_framework(version: str = CURRENT) -> AreaFramework:
    path = LIBRARY / f"area-assessment-{version}.yaml"
    return parse(library_data(path))
