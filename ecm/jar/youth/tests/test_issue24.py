"""Issue 24 §2 in the enhanced youth inspection: the youth service's self-assessment grades
each of the five outcomes as well as the three areas (001 "Enhanced Youth Inspection":
"grading performance on achievement, curriculum and resources and management, as well as
providing an evaluative commentary on contributions to the five outcomes and grading
performance for each area")."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.jar.youth import services
from ecm.jar.youth.models import OUTCOME_CODES, YouthSelfAssessment
from ecm.jar.youth.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


def _url(name, review):
    return reverse(f"jar:{name}", kwargs={"pk": review.pk})


def test_submission_waits_for_a_grade_for_each_outcome_001_enhanced_youth_inspection(
    review, link_officer
):
    """001: "an evaluative commentary on contributions to the five outcomes and grading
    performance for each area": commentary alone on an outcome is not enough."""
    answers = full_answers() | {f"{code}_grade": None for code in OUTCOME_CODES}
    services.youth_self_assessment_save(
        actor=link_officer, review=review, answers=answers, expected_lock_version=None
    )
    with pytest.raises(ValidationError) as refused:
        services.youth_self_assessment_submit(actor=link_officer, review=review)
    (message,) = refused.value.messages
    for label in ("being healthy", "staying safe", "enjoying and achieving"):
        assert f"a grade for {label}" in message
    services.youth_self_assessment_save(
        actor=link_officer,
        review=review,
        answers={f"{code}_grade": 3 for code in OUTCOME_CODES} | {"staying_safe_grade": 2},
        expected_lock_version=2,
    )
    done = services.youth_self_assessment_submit(actor=link_officer, review=review)
    assert done.staying_safe_grade == 2 and done.being_healthy_grade == 3
    entry = AuditEntry.objects.get(verb="jar.youth_self_assessment_submitted")
    assert entry.after["staying_safe_grade"] == 2


def test_an_outcome_grade_is_on_the_four_point_scale_001(review, link_officer):
    with pytest.raises(ValidationError) as refused:
        services.youth_self_assessment_save(
            actor=link_officer,
            review=review,
            answers={"being_healthy_grade": 5},
            expected_lock_version=None,
        )
    assert "being_healthy_grade" in refused.value.message_dict


def test_the_council_grades_each_outcome_on_the_page_and_checks_it_001(
    client, review, link_officer
):
    """The page asks for a grade beside each outcome's commentary, in the scale's words, and
    the check page and the submitted self-assessment show it."""
    client.force_login(link_officer)
    form = client.get(_url("youth-self-assessment", review)).content.decode()
    for code in OUTCOME_CODES:
        assert f'name="{code}_grade"' in form
    assert "Staying safe: how well the youth service contributes" in form
    data = {k: ("" if v is None else v) for k, v in full_answers().items()}
    data |= {"staying_safe_grade": 4, "lock_version": ""}
    saved = client.post(_url("youth-self-assessment", review), data)
    assert saved.status_code == 302
    assert YouthSelfAssessment.objects.get(review=review).staying_safe_grade == 4
    check = client.get(_url("youth-self-assessment-check", review)).content.decode()
    assert "4: A service that delivers well above minimum requirements for users" in check
    assert client.post(_url("youth-self-assessment-check", review)).status_code == 302
    page = client.get(_url("youth-self-assessment", review)).content.decode()
    assert "4: A service that delivers well above minimum requirements for users" in page
