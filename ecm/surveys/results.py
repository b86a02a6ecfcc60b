"""A survey's results per question, with small numbers suppressed (issue 24 §3): pure Python,
no Django. The 2009 briefing gives no rule for publishing the questionnaires' results; ours is
a labelled setting (SURVEY_SMALL_NUMBERS): a count from 1 to below it is not shown, and when a
question has only one such count, the next smallest is hidden too, so that it cannot be worked
out from the total; with fewer answers than the setting, no result is shown at all."""

from __future__ import annotations

from dataclasses import dataclass

from ecm.surveys.questionnaires import NO_ANSWER, Question

NO_ANSWER_LABEL = "No answer"


@dataclass(frozen=True)
class OptionResult:
    label: str
    count: int | None  # None: suppressed
    percent: int | None  # of those who answered the survey; None: suppressed


@dataclass(frozen=True)
class QuestionResult:
    code: str
    text: str
    suppressed: bool  # the whole question is not shown (too few answers)
    options: tuple[OptionResult, ...]


def _hidden(counts: list[int], small: int) -> set[int]:
    """The cells (indexes) to hide: primary (1 to small-1) and, when only one is hidden, the
    next smallest non-zero count (secondary suppression)."""
    primary = {i for i, n in enumerate(counts) if 0 < n < small}
    if len(primary) == 1:
        others = sorted((n, i) for i, n in enumerate(counts) if n > 0 and i not in primary)
        if others:
            primary.add(others[0][1])
    return primary


def question_result(
    question: Question, counts: dict[str, int], *, answered: int, small: int
) -> QuestionResult:
    """One question's counts and percentages, every option listed (and "No answer" when some
    left it out), with small numbers suppressed."""
    labels = [(o.code, o.label) for o in question.options]
    if counts.get(NO_ANSWER):
        labels.append((NO_ANSWER, NO_ANSWER_LABEL))
    values = [int(counts.get(code, 0)) for code, _ in labels]
    if answered < small:
        return QuestionResult(
            question.code,
            question.text,
            True,
            tuple(OptionResult(label, None, None) for _, label in labels),
        )
    hidden = _hidden(values, small)
    options = tuple(
        OptionResult(label, None, None)
        if i in hidden
        else OptionResult(label, n, percent(n, answered))
        for i, ((_, label), n) in enumerate(zip(labels, values, strict=True))
    )
    return QuestionResult(question.code, question.text, False, options)


def percent(part: int, whole: int) -> int | None:
    """A whole percentage, halves rounded up (5 of 8 is 63%); None of nothing."""
    return (200 * part + whole) // (2 * whole) if whole else None


def response_rate(*, issued: int, answered: int) -> int | None:
    """Answered as a whole percentage of the links issued; None when none was issued."""
    return percent(answered, issued)
