"""Reads of the annual questionnaires (issue 24 §3), and their results as evidence for the
annual rating and the full inspection (004: "The views of service users and relevant
stakeholders gathered through questionnaires"; "Results from the new annual survey of children
and young people, Care4me and Aftercare, will be taken into account"; "Evidence will also be
considered from the new annual survey of social workers").

`survey_results(council=..., year=...)` is the one read other parts cite (its shape:
/work/notes/surveys-api.md): a closed survey's results are the frozen ones; an open one's are
the counts so far, marked as open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse

from ecm.surveys.models import Survey
from ecm.surveys.questionnaires import questionnaires
from ecm.surveys.results import QuestionResult, question_result, response_rate


@dataclass(frozen=True)
class SurveyResults:
    pk: int
    code: str
    title: str
    year: int
    closed: bool
    closed_on: date | None
    issued: int
    answered: int
    rate: int | None
    url: str
    suppressed_below: int
    questions: tuple[QuestionResult, ...]

    @property
    def too_few(self) -> bool:
        """Too few answers for any result to be shown."""
        return self.answered < self.suppressed_below

    def cited(self) -> dict:
        """What a citation keeps of these results: which survey, and its numbers then."""
        return {
            "pk": self.pk,
            "code": self.code,
            "title": self.title,
            "year": self.year,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "issued": self.issued,
            "answered": self.answered,
            "rate": self.rate,
        }


def surveys_of(*, council, year: int) -> dict[str, Survey]:
    """The council's surveys of the year, by questionnaire code."""
    return {s.questionnaire: s for s in Survey.objects.filter(council=council, year=year)}


def _live(survey: Survey) -> tuple[int, int, dict[str, dict[str, int]]]:
    issued = survey.links.count()
    answered = survey.links.filter(used=True).count()
    counts: dict[str, dict[str, int]] = {}
    for question, answer, count in survey.tallies.values_list("question", "answer", "count"):
        counts.setdefault(question, {})[answer] = count
    return issued, answered, counts


def results_of(survey: Survey) -> SurveyResults:
    """One survey's response rate and results per question, small numbers suppressed."""
    if survey.is_open:
        issued, answered, counts = _live(survey)
    else:
        frozen = survey.results or {}
        issued, answered = frozen.get("issued", 0), frozen.get("answered", 0)
        counts = frozen.get("counts", {})
    questionnaire = questionnaires(survey.version).get(survey.questionnaire)
    small = settings.SURVEY_SMALL_NUMBERS
    return SurveyResults(
        pk=survey.pk,
        code=survey.questionnaire,
        title=questionnaire.title,
        year=survey.year,
        closed=not survey.is_open,
        closed_on=survey.closed_on,
        issued=issued,
        answered=answered,
        rate=response_rate(issued=issued, answered=answered),
        url=reverse("surveys:survey", kwargs={"pk": survey.pk}),
        suppressed_below=small,
        questions=tuple(
            question_result(q, counts.get(q.code, {}), answered=answered, small=small)
            for q in questionnaire.questions
        ),
    )


def survey_results(*, council, year: int) -> list[SurveyResults]:
    """Every questionnaire of the council's year that was opened, in the file's order (Care4me,
    Aftercare, social workers, the voluntary and community sector), with its response rate and
    results: what the annual rating and the full inspection cite."""
    found = surveys_of(council=council, year=year)
    order = {code: n for n, code in enumerate(_codes_for(found.values()))}
    return [results_of(s) for s in sorted(found.values(), key=lambda s: order[s.questionnaire])]


def _codes_for(surveys) -> list[str]:
    codes: list[str] = []
    for version in sorted({s.version for s in surveys}):
        codes += [c for c in questionnaires(version).codes if c not in codes]
    return codes


def survey_result(*, pk: int) -> SurveyResults | None:
    found = Survey.objects.filter(pk=pk).first()
    return results_of(found) if found else None


@dataclass(frozen=True)
class YearRow:
    """A questionnaire on the council's year page: opened or not, with its rate."""

    code: str
    title: str
    who: str
    survey: Survey | None
    issued: int
    answered: int
    rate: int | None


def council_year(*, council, year: int, version: str) -> list[YearRow]:
    """Each questionnaire of the year's file, opened or not, with its response rate."""
    found = surveys_of(council=council, year=year)
    rows = []
    for q in questionnaires(version).questionnaires:
        survey = found.get(q.code)
        issued = answered = 0
        if survey is not None:
            result = results_of(survey)
            issued, answered = result.issued, result.answered
        rows.append(
            YearRow(
                q.code,
                q.title,
                q.who,
                survey,
                issued,
                answered,
                response_rate(issued=issued, answered=answered),
            )
        )
    return rows
