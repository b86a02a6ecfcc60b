"""Fixtures of the JAR report's tests: the bundled framework, evidence, every judgement of the
review's set graded, and a helper that takes the report to publication."""

from datetime import date

import pytest

from ecm.accounts.roles import Role
from ecm.jar import services as jar_services
from ecm.jar.conftest import hundred
from ecm.jar.report import services
from tests.plugins.framework_once import bundled_framework

DRAFT_SENT = date(2007, 11, 26)
DISCUSSED = date(2007, 12, 3)
PREPUBLICATION = date(2008, 1, 14)
LAST_REVIEW_DAY = date(2008, 1, 28)  # 10 working days after the pre-publication report


@pytest.fixture
def framework(db):
    version = bundled_framework()
    return version


@pytest.fixture
def tracked(review, lead, make_user):
    """The review's 10 tracked cases (001 "Case tracking"), drawn from the council's 100."""
    council_user = make_user(Role.LINK_OFFICER, council=review.council)
    jar_services.case_files_submit(actor=council_user, review=review, lines=hundred())
    jar_services.cases_draw(actor=lead, review=review, seed="report-tests")
    return sorted(review.cases.filter(tracked=True).values_list("reference", flat=True))


@pytest.fixture
def evidence(review, lead, tracked):
    return services.evidence_add(
        actor=lead,
        review=review,
        source="case",
        reference=tracked[0],
        finding="Plans for the child were reviewed on time and the child's views recorded",
    )


def grade_all(review, lead, evidence, grade: int = 3) -> None:
    for judgement in services.judgement_set_of(review).judgements.all():
        services.judgement_record(
            actor=lead,
            review=review,
            code=judgement.code,
            grade=grade,
            rationale=f"{judgement.title}: as the evidence shows",
            evidence=[evidence],
        )


def to_prepublication(review, lead, evidence) -> None:
    grade_all(review, lead, evidence)
    services.report_edit(
        actor=lead,
        review=review,
        summary="Services work well together.",
        recommendations="Improve the timeliness of assessments\nPublish the LDD strategy",
    )
    for to, on in (
        ("draft_sent", DRAFT_SENT),
        ("discussion", DISCUSSED),
        ("prepublication", PREPUBLICATION),
    ):
        services.report_change_stage(actor=lead, review=review, to=to, on=on)


def publish(review, lead, evidence) -> None:
    to_prepublication(review, lead, evidence)
    services.report_change_stage(actor=lead, review=review, to="published", on=date(2008, 1, 29))
