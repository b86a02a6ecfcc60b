"""The JAR's judgements (issue 9 §6): the framework's set for the review's year (003's twelve,
001's five from 2007), every grade on evidence of the review, on its scale, with a rationale,
by the team, audited, and never overwritten from a stale page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.audit.models import AuditEntry
from ecm.jar.models import JointAreaReview
from ecm.jar.report import services
from ecm.jar.report.models import JarEvidence, JarJudgement
from ecm.jar.report.services import common

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_review_from_2007_uses_001s_five_scored_judgements(review, framework):
    codes = [j.code for j in services.judgement_set_of(review).judgements.order_by("order")]
    assert codes == [
        "safeguarding",
        "looked_after_children",
        "ldd",
        "service_management",
        "capacity_to_improve",
    ]


def test_a_review_of_2006_uses_003s_twelve_judgements(review, framework):
    review.fieldwork_starts = date(2006, 10, 16)
    assert services.judgement_set_of(review).judgements.count() == 12


def test_no_set_for_the_year_is_refused_with_what_to_do(review, framework):
    review.fieldwork_starts = date(2012, 10, 15)
    with pytest.raises(ValidationError, match="load a framework version"):
        services.judgement_set_of(review)


def test_a_grade_without_evidence_is_refused_every_grade_is_traceable(review, lead, framework):
    with pytest.raises(ValidationError) as refused:
        services.judgement_record(
            actor=lead, review=review, code="safeguarding", grade=3, rationale="Sound", evidence=[]
        )
    assert common.NO_EVIDENCE in _messages(refused.value)


def test_evidence_of_another_review_does_not_count(review, lead, framework, other_council):
    other = JointAreaReview.objects.create(
        council=other_council,
        notified_on=review.notified_on,
        setup_meeting=review.setup_meeting,
        analysis_starts=review.analysis_starts,
        fieldwork_starts=review.fieldwork_starts,
    )

    elsewhere = JarEvidence.objects.create(
        review=other, source="data", reference="NI 59", finding="x", recorded_by=lead
    )
    with pytest.raises(ValidationError, match="Choose the evidence"):
        services.judgement_record(
            actor=lead,
            review=review,
            code="safeguarding",
            grade=3,
            rationale="Sound",
            evidence=[elsewhere],
        )


def test_a_grade_off_the_scale_and_no_rationale_are_refused_003(review, lead, evidence, framework):
    with pytest.raises(ValidationError) as refused:
        services.judgement_record(
            actor=lead,
            review=review,
            code="safeguarding",
            grade=5,
            rationale=" ",
            evidence=[evidence],
        )
    text = _messages(refused.value)
    assert "Choose a grade on the judgement's scale (1, 2, 3, 4)" in text
    assert common.NO_RATIONALE in text


def test_a_judgement_outside_the_set_is_refused(review, lead, evidence, framework):
    with pytest.raises(ValidationError, match="is not a judgement of the Joint area review 2007"):
        services.judgement_record(
            actor=lead, review=review, code="health", grade=3, rationale="x", evidence=[evidence]
        )


def test_only_the_team_grades(review, lead, evidence, framework, link_officer, hmi):
    for outsider in (link_officer, hmi):
        with pytest.raises(ValidationError, match=common.NOT_ON_TEAM):
            services.judgement_record(
                actor=outsider,
                review=review,
                code="safeguarding",
                grade=3,
                rationale="x",
                evidence=[evidence],
            )


def test_a_regrade_is_audited_with_before_and_after_and_a_stale_page_refused(
    review, lead, evidence, framework
):
    first = services.judgement_record(
        actor=lead,
        review=review,
        code="safeguarding",
        grade=3,
        rationale="Sound",
        evidence=[evidence],
    )
    services.judgement_record(
        actor=lead,
        review=review,
        code="safeguarding",
        grade=2,
        rationale="Weaker on reflection",
        evidence=[evidence],
        expected_lock_version=first.lock_version,
    )
    entry = AuditEntry.objects.filter(verb="jar.judgement_recorded").order_by("pk").last()
    assert entry.before["grade"] == 3 and entry.after["grade"] == 2
    assert entry.reason == "Weaker on reflection"
    with pytest.raises(ValidationError, match="reload the page"):
        services.judgement_record(
            actor=lead,
            review=review,
            code="safeguarding",
            grade=4,
            rationale="x",
            evidence=[evidence],
            expected_lock_version=first.lock_version,
        )
    assert JarJudgement.objects.get(review=review).grade == 2


def test_a_grade_saved_meanwhile_is_not_overwritten_from_a_page_that_showed_none(
    review, lead, evidence, framework
):
    services.judgement_record(
        actor=lead,
        review=review,
        code="safeguarding",
        grade=3,
        rationale="First",
        evidence=[evidence],
    )
    with pytest.raises(ValidationError, match="reload the page"):
        services.judgement_record(
            actor=lead,
            review=review,
            code="safeguarding",
            grade=2,
            rationale="Second",
            evidence=[evidence],
            expected_lock_version=0,
        )
