"""The demo's annual questionnaires (issue 24 §3; 004: "An annual questionnaire for children
and young people, social workers and the voluntary and community sector, to be introduced in
2009"): a council's 2009 Care4me, Aftercare and social workers' surveys, each with printed
links issued, some answered and closed (their results frozen, for the annual rating to cite),
and the voluntary and community sector's still open. Through the services, so the audit trail
is as in use; the days are then set to the demo's 2009. The answers are made up, the same on
every load."""

from __future__ import annotations

from datetime import date

from ecm.surveys import services
from ecm.surveys.models import Survey
from ecm.surveys.questionnaires import questionnaires

YEAR = 2009
OPENED_ON = date(2009, 9, 1)
CLOSED_ON = date(2009, 10, 30)
# questionnaire: (links issued, answered, closed)
PLAN = {
    "care4me": (40, 26, True),
    "aftercare": (45, 30, True),
    "social_workers": (60, 41, True),
    "voluntary_sector": (35, 22, False),
}
# How often each answer comes up, most often first: mostly favourable, some not.
WEIGHTS = {
    "always": 5, "mostly": 4, "sometimes": 3, "never": 1, "not_sure": 1, "yes": 6, "no": 2,
    "very_well": 2, "quite_well": 5, "not_well": 2, "not_at_all": 1,
}  # fmt: skip


def _answer(question, n: int) -> str:
    """The n-th respondent's made-up answer: by the weights, in a fixed order; every seventh
    leaves the question out."""
    if n % 7 == 6:
        return ""
    pool = [code for code in question.option_codes for _ in range(WEIGHTS.get(code, 1))]
    return pool[(n * 5 + len(question.code)) % len(pool)]


def seed(*, council, inspector) -> list[str]:
    """The council's 2009 questionnaires, once: a questionnaire already opened is kept as it
    is. What was loaded now, in words."""
    the_file = questionnaires("2009")
    loaded = []
    for code, (issued, answered, close) in PLAN.items():
        if Survey.objects.filter(council=council, year=YEAR, questionnaire=code).exists():
            continue
        survey = services.survey_open(
            actor=inspector, council=council, year=YEAR, questionnaire=code
        )
        links = services.links_issue(actor=inspector, survey=survey, count=issued)
        questionnaire = the_file.get(code)
        for n, link in enumerate(links[:answered]):
            answers = {q.code: _answer(q, n) for q in questionnaire.questions}
            if not any(answers.values()):
                answers[questionnaire.questions[0].code] = questionnaire.questions[0].option_codes[
                    0
                ]
            services.survey_answer(token=link.token, answers=answers)
        if close:
            services.survey_close(actor=inspector, survey=survey)
        Survey.objects.filter(pk=survey.pk).update(
            opened_on=OPENED_ON, closed_on=CLOSED_ON if close else None
        )
        survey.links.update(issued_on=OPENED_ON)
        state = "closed" if close else "open"
        loaded.append(f"{questionnaire.title} questionnaire of {council.name}, {YEAR} ({state})")
    return loaded
