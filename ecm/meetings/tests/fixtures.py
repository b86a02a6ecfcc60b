"""Fixtures of the meeting and moderation tests (issue 6): the analysis stage's fixtures (an APA
2007 assessment on the bundled framework, its HMI Lead and BRM, entries, a submitted
self-assessment), and a notebook with Steps 2-4 written and signed, as moderation needs."""

import pytest

from ecm.accounts.roles import Role
from ecm.analysis.content import strand
from ecm.analysis.selectors import required_judgements
from ecm.analysis.services import judgements as steps


@pytest.fixture
def programme_administrator(make_user):
    return make_user(Role.PROGRAMME_ADMINISTRATOR)


@pytest.fixture
def moderator(make_user):
    return make_user(Role.MODERATOR)


@pytest.fixture
def write_steps(hmi, brm, make_entry):
    """Write Steps 2-4 of an assessment's notebook through the services: a shared entry, Step 2
    for being healthy, Step 3, every Step 4 judgement at `grade` (or `grades` by judgement
    code), and, when `sign`, both inspectors' signatures. Returns the Step 4 judgements."""

    def write(assessment, *, grade: int = 3, grades: dict | None = None, sign: bool = True):
        entry = make_entry(on=assessment, shared=True)
        healthy = assessment.round.framework_version.outcomes.get(code="being_healthy")
        steps.area_summary_save(
            assessment=assessment,
            outcome=healthy,
            actor=hmi,
            shown=None,
            strands={"education": strand(grade=grade, text="Good health outcomes", entries=[])},
            moderation="",
        )
        steps.overall_summary_save(
            assessment=assessment,
            actor=hmi,
            shown=None,
            strands={
                "children_services": strand(
                    grade=grade, text="Services work well together", entries=[entry.pk]
                )
            },
            trail="The key trail of evidence",
        )
        required = required_judgements(assessment)
        for judgement in required:
            steps.summative_save(
                assessment=assessment,
                judgement=judgement,
                actor=hmi,
                shown=None,
                grade=(grades or {}).get(judgement.code, grade),
                rationale=f"Rationale for {judgement.title}",
                entries=[entry.pk],
            )
        if sign:
            steps.summative_sign(assessment=assessment, actor=hmi)
            steps.summative_sign(assessment=assessment, actor=brm)
        return required

    return write
