"""Fixtures of the JAR report's tests: the bundled framework, evidence, every judgement of the
review's set graded, and a helper that takes the report to publication."""

from datetime import date

import pytest

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
def evidence(review, lead):
    return services.evidence_add(
        actor=lead,
        review=review,
        source="case",
        reference="LAC-0003",
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
