"""The annual questionnaires as data (issue 24 §3; 004 "Overview of Ofsted's Assessment": "An
annual questionnaire for children and young people, social workers and the voluntary and
community sector, to be introduced in 2009"): a versioned file per year in `library/`, read by
a typed loader. The seed names the questionnaires and gives no questions: the file's questions
are the project's own and say so (`own_questions`). Pure Python: no Django imports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).resolve().parent / "library"
NO_ANSWER = ""  # a question left unanswered: counted as "No answer"


class QuestionnaireFileError(ValueError):
    """A questionnaires file is not as the loader expects; the message says where."""


@dataclass(frozen=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    options: tuple[Option, ...]

    @property
    def option_codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)


@dataclass(frozen=True)
class Questionnaire:
    code: str
    title: str
    who: str
    children: bool  # children and young people answer it: links are anonymous, never emailed
    source_text: str
    intro: str
    questions: tuple[Question, ...]

    def question(self, code: str) -> Question:
        return next(q for q in self.questions if q.code == code)


@dataclass(frozen=True)
class Questionnaires:
    version: str
    source: str
    own_questions: str
    questionnaires: tuple[Questionnaire, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questionnaires)

    def get(self, code: str) -> Questionnaire:
        for found in self.questionnaires:
            if found.code == code:
                return found
        raise KeyError(code)


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireFileError(f"{where}: {key} must be text")
    return " ".join(value.split())


def parse(data: dict) -> Questionnaires:
    """The questionnaires from the parsed file: codes unique, every option named, every
    questionnaire with at least one question."""
    if not isinstance(data, dict):
        raise QuestionnaireFileError("the file must be a mapping")
    labels = data.get("options") or {}
    if not isinstance(labels, dict):
        raise QuestionnaireFileError("options must be a mapping of code to words")
    made, seen = [], set()
    for n, raw in enumerate(data.get("questionnaires") or [], start=1):
        where = f"questionnaire {n}"
        code = _text(raw, "code", where)
        if code in seen:
            raise QuestionnaireFileError(f"{where}: the code {code} is used twice")
        seen.add(code)
        questions, asked = [], set()
        for m, q in enumerate(raw.get("questions") or [], start=1):
            at = f"{where}, question {m}"
            q_code = _text(q, "code", at)
            if q_code in asked:
                raise QuestionnaireFileError(f"{at}: the code {q_code} is used twice")
            asked.add(q_code)
            options = []
            for option in q.get("options") or []:
                if str(option) not in labels:
                    raise QuestionnaireFileError(f"{at}: the option {option} has no words")
                options.append(Option(str(option), str(labels[str(option)])))
            if len(options) < 2:
                raise QuestionnaireFileError(f"{at}: a question needs at least two options")
            questions.append(Question(q_code, _text(q, "text", at), tuple(options)))
        if not questions:
            raise QuestionnaireFileError(f"{where}: a questionnaire needs at least one question")
        made.append(
            Questionnaire(
                code=code,
                title=_text(raw, "title", where),
                who=_text(raw, "who", where),
                children=bool(raw.get("children")),
                source_text=_text(raw, "source_text", where),
                intro=_text(raw, "intro", where),
                questions=tuple(questions),
            )
        )
    if not made:
        raise QuestionnaireFileError("the file has no questionnaires")
    return Questionnaires(
        version=str(data.get("version", "")).strip() or "unknown",
        source=_text(data, "source", "the file"),
        own_questions=_text(data, "own_questions", "the file"),
        questionnaires=tuple(made),
    )


@cache
def questionnaires(version: str) -> Questionnaires:
    """The questionnaires of that version, from `library/questionnaires-<version>.yaml`."""
    path = LIBRARY / f"questionnaires-{version}.yaml"
    if not path.is_file():
        raise QuestionnaireFileError(f"there are no questionnaires of version {version!r}")
    return parse(library_data(path))


def version_for(year: int) -> str:
    """The version a survey of that year is opened with: the latest file of that year or
    before (the 2009 file serves until a later one is added)."""
    found = sorted(
        int(p.stem.rsplit("-", 1)[1])
        for p in LIBRARY.glob("questionnaires-*.yaml")
        if p.stem.rsplit("-", 1)[1].isdigit()
    )
    usable = [v for v in found if v <= year]
    if not usable:
        raise QuestionnaireFileError(f"there are no questionnaires for {year}")
    return str(usable[-1])
