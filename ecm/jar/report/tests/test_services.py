"""The JAR's judgements and report (issue 9 §6): the framework's set for the review's year
(003's twelve, 001's five from 2007), every grade on evidence and on its scale, the report's
stages with 001's 10 working days for comments and for requesting a review, the action plan and
a follow-up for a significant concern (003). Every write audited."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.jar.report import services
from ecm.jar.report.selectors import report_published
from ecm.jar.report.services import after, common, stages
from ecm.jar.report.tests.conftest import (
    DISCUSSED,
    DRAFT_SENT,
    LAST_REVIEW_DAY,
    PREPUBLICATION,
    grade_all,
    publish,
    to_prepublication,
)
from ecm.jar.timeline import step_of

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_the_draft_waits_for_every_judgement_and_the_text(review, lead, evidence, framework):
    services.judgement_record(
        actor=lead, review=review, code="safeguarding", grade=3, rationale="x", evidence=[evidence]
    )
    with pytest.raises(ValidationError, match="Not graded: Looked after children"):
        services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    grade_all(review, lead, evidence)
    with pytest.raises(ValidationError, match="summary and at least one recommendation"):
        services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)


def test_the_draft_report_is_read_as_the_council_reads_it_before_it_goes_issue_20(
    review, lead, evidence, framework
):
    """Issue 20 §1: a placeholder or a sentence said twice blocks the draft, all listed at once;
    grades stand (the JAR report carries them, 003)."""
    grade_all(review, lead, evidence)
    repeated = "Partnership working across health and social care is strong."
    services.report_edit(
        actor=lead,
        review=review,
        summary=f"{repeated} The council's capacity is good. {repeated}",
        recommendations="Agree the plan with [partner name]",
    )
    with pytest.raises(ValidationError) as raised:
        services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    messages = raised.value.messages
    assert messages[0].startswith("The draft report cannot go yet")
    assert any(m.startswith("Summary: the sentence") for m in messages)
    assert (
        'Recommendations: "[partner name]" is a placeholder: write what it stands for' in messages
    )
    review.refresh_from_db()
    assert review.draft_report_sent is None


def test_sending_the_draft_sets_10_working_days_for_comments_001_appendix(
    review, lead, evidence, framework
):
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    review.refresh_from_db()
    assert review.draft_report_sent == DRAFT_SENT
    assert step_of(review, "comments_due").deadline.date == date(2007, 12, 10)
    assert AuditEntry.objects.filter(verb="jar.report_stage_changed").count() == 1


def test_a_stage_date_in_the_future_or_on_a_weekend_is_refused(review, lead, evidence, framework):
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    with pytest.raises(ValidationError, match="not a working day"):
        services.report_change_stage(
            actor=lead, review=review, to="draft_sent", on=date(2007, 11, 24)
        )
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.report_change_stage(
            actor=lead, review=review, to="draft_sent", on=date(2099, 1, 5)
        )


def test_moves_outside_the_table_and_by_the_council_are_refused(
    review, lead, evidence, framework, link_officer
):
    with pytest.raises(ValidationError, match="it can move to: 'Draft report with the council"):
        services.report_change_stage(actor=lead, review=review, to="published", on=DRAFT_SENT)
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    with pytest.raises(ValidationError, match="lead inspector or the programme administrator"):
        services.report_change_stage(
            actor=link_officer, review=review, to="draft_sent", on=DRAFT_SENT
        )


def test_moving_back_needs_a_reason(review, lead, evidence, framework):
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    with pytest.raises(ValidationError, match="Enter why the report is going back to"):
        services.report_change_stage(actor=lead, review=review, to="drafting", on=DRAFT_SENT)
    services.report_change_stage(
        actor=lead,
        review=review,
        to="drafting",
        on=DRAFT_SENT,
        reason="Health evidence arrived late",
    )


def test_the_council_comments_on_the_draft_late_ones_are_marked_001_appendix(
    review, lead, evidence, framework, link_officer
):
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    with pytest.raises(ValidationError, match=stages.NOT_WITH_COUNCIL):
        services.comment_add(actor=link_officer, review=review, about="p1", comment="c")
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    in_time = services.comment_add(
        actor=link_officer,
        review=review,
        about="Paragraph 4",
        comment="The figure is 84%",
        received_on=date(2007, 12, 10),
    )
    late = services.comment_add(
        actor=link_officer,
        review=review,
        about="Paragraph 9",
        comment="Wrong date",
        received_on=date(2007, 12, 11),
    )
    assert not services.comment_is_late(in_time)
    assert services.comment_is_late(late)
    with pytest.raises(ValidationError, match=common.NOT_THE_LEAD):
        services.comment_respond(
            actor=link_officer, review=review, comment=in_time, accepted=True, response="x"
        )


def test_the_pre_publication_report_waits_for_every_comment_to_be_answered(
    review, lead, evidence, framework, link_officer
):
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    comment = services.comment_add(
        actor=link_officer, review=review, about="p4", comment="c", received_on=DRAFT_SENT
    )
    services.report_change_stage(actor=lead, review=review, to="discussion", on=DISCUSSED)
    with pytest.raises(ValidationError, match="1 still waiting"):
        services.report_change_stage(
            actor=lead, review=review, to="prepublication", on=PREPUBLICATION
        )
    services.comment_respond(
        actor=lead,
        review=review,
        comment=comment,
        accepted=False,
        response="The figure is the validated one",
    )
    services.report_change_stage(actor=lead, review=review, to="prepublication", on=PREPUBLICATION)
    review.refresh_from_db()
    assert step_of(review, "review_request_by").deadline.date == LAST_REVIEW_DAY


def test_judgements_are_fixed_once_the_pre_publication_report_is_sent(
    review, lead, evidence, framework
):
    to_prepublication(review, lead, evidence)
    with pytest.raises(ValidationError, match="no longer change"):
        services.judgement_record(
            actor=lead,
            review=review,
            code="safeguarding",
            grade=2,
            rationale="x",
            evidence=[evidence],
        )


def test_a_review_is_requested_by_the_council_within_10_working_days_001_appendix(
    review, lead, evidence, framework, link_officer
):
    to_prepublication(review, lead, evidence)
    with pytest.raises(ValidationError, match="can no longer be reviewed"):
        services.report_change_stage(
            actor=link_officer,
            review=review,
            to="review_requested",
            on=date(2008, 1, 29),
            reason="Grade unfair",
        )
    with pytest.raises(ValidationError, match=common.NO_REASON):
        services.report_change_stage(
            actor=link_officer, review=review, to="review_requested", on=LAST_REVIEW_DAY
        )
    services.report_change_stage(
        actor=link_officer,
        review=review,
        to="review_requested",
        on=LAST_REVIEW_DAY,
        reason="The LAC grade ignores 2007 data",
    )
    with pytest.raises(ValidationError, match=common.NO_REASON):
        services.report_change_stage(actor=lead, review=review, to="published", on=date(2008, 2, 4))
    services.report_change_stage(
        actor=lead,
        review=review,
        to="published",
        on=date(2008, 2, 4),
        reason="Review found the grade sound",
    )
    assert report_published(review)


def test_publication_waits_for_the_review_period_unless_the_council_declines(
    review, lead, evidence, framework, link_officer
):
    to_prepublication(review, lead, evidence)
    with pytest.raises(ValidationError, match="may request a review until 28 January 2008"):
        services.report_change_stage(
            actor=lead, review=review, to="published", on=date(2008, 1, 21)
        )
    assert not report_published(review)
    services.review_not_requested(actor=link_officer, review=review, on=date(2008, 1, 18))
    with pytest.raises(ValidationError, match=stages.ALREADY_NO_REVIEW):
        services.review_not_requested(actor=link_officer, review=review)
    services.report_change_stage(actor=lead, review=review, to="published", on=date(2008, 1, 21))
    assert report_published(review)


def test_the_action_plan_follows_publication_and_answers_every_recommendation_003(
    review, lead, evidence, framework, link_officer
):
    to_prepublication(review, lead, evidence)
    kwargs = dict(partners="PCT, police", lead="Head of safeguarding", by_when=date(2008, 6, 1))
    with pytest.raises(ValidationError, match=after.NOT_PUBLISHED):
        services.action_add(
            actor=link_officer,
            review=review,
            action="a",
            recommendation="Publish the LDD strategy",
            **kwargs,
        )
    services.report_change_stage(actor=lead, review=review, to="published", on=date(2008, 1, 29))
    with pytest.raises(ValidationError, match=after.NOT_A_RECOMMENDATION):
        services.action_add(
            actor=link_officer, review=review, action="a", recommendation="Something else", **kwargs
        )
    services.action_add(
        actor=link_officer,
        review=review,
        action="Publish it by June",
        recommendation="Publish the LDD strategy",
        **kwargs,
    )
    with pytest.raises(ValidationError, match="Not yet answered: Improve the timeliness"):
        services.action_plan_submit(actor=link_officer, review=review)
    services.action_add(
        actor=link_officer,
        review=review,
        action="Weekly audit",
        recommendation="Improve the timeliness of assessments",
        **kwargs,
    )
    services.action_plan_submit(actor=link_officer, review=review, on=date(2008, 3, 3))
    with pytest.raises(ValidationError, match="no longer changes"):
        services.action_add(
            actor=link_officer,
            review=review,
            action="More",
            recommendation="Publish the LDD strategy",
            **kwargs,
        )
    assert AuditEntry.objects.filter(verb="jar.action_plan_sent").exists()


def test_an_inadequate_judgement_is_a_significant_concern_for_a_follow_up_003(
    review, lead, evidence, framework, administrator, make_user
):
    grade_all(review, lead, evidence)
    assert services.significant_concerns(review) == []
    services.judgement_record(
        actor=lead,
        review=review,
        code="safeguarding",
        grade=1,
        rationale="Referrals unanswered",
        evidence=[evidence],
    )
    assert [j.judgement.code for j in services.significant_concerns(review)] == ["safeguarding"]
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    for to, on in (
        ("draft_sent", DRAFT_SENT),
        ("discussion", DISCUSSED),
        ("prepublication", PREPUBLICATION),
        ("published", date(2008, 1, 29)),
    ):
        services.report_change_stage(actor=lead, review=review, to=to, on=on)
    with pytest.raises(ValidationError, match=after.NOT_ADMINISTRATOR):
        services.follow_up_decide(actor=lead, review=review, concern="c", by_when=date(2008, 9, 1))
    with pytest.raises(ValidationError, match="must come after"):
        services.follow_up_decide(
            actor=administrator, review=review, concern="Safeguarding", by_when=date(2008, 1, 2)
        )
    services.follow_up_decide(
        actor=administrator, review=review, concern="Safeguarding", by_when=date(2008, 9, 1)
    )
    with pytest.raises(ValidationError, match=after.ALREADY_DECIDED):
        services.follow_up_decide(
            actor=administrator, review=review, concern="Again", by_when=date(2008, 9, 1)
        )


def test_published_is_read_from_the_report_stage(review, lead, evidence, framework):
    assert not report_published(review)
    publish(review, lead, evidence)
    assert report_published(review)
    assert Role.HMI in lead.roles


def test_the_council_still_comments_during_the_discussion_001_appendix(
    review, lead, evidence, framework, link_officer
):
    """001's example holds the discussion a week after the draft, inside the 10 working days:
    the council's comments are taken until the pre-publication report."""
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    services.report_change_stage(actor=lead, review=review, to="discussion", on=DISCUSSED)
    comment = services.comment_add(
        actor=link_officer, review=review, about="p2", comment="c", received_on=date(2007, 12, 7)
    )
    services.comment_respond(
        actor=lead,
        review=review,
        comment=comment,
        accepted=True,
        response="Done",
        part="summary",
        wording="S, as the council says",
    )
    services.report_change_stage(actor=lead, review=review, to="prepublication", on=PREPUBLICATION)
    with pytest.raises(ValidationError, match="before the pre-publication report"):
        services.comment_add(actor=link_officer, review=review, about="p3", comment="late")
    with pytest.raises(ValidationError, match=stages.ANSWERS_CLOSED):
        services.comment_respond(
            actor=lead, review=review, comment=comment, accepted=False, response="Changed our mind"
        )


def test_a_review_request_received_after_the_last_day_is_refused_whatever_its_date(
    review, lead, evidence, framework, link_officer
):
    """001 appendix: the latest date to request a review. A date typed earlier does not beat it:
    the pages pass the day the request reached the site."""
    to_prepublication(review, lead, evidence)
    with pytest.raises(ValidationError, match="can no longer be reviewed"):
        services.report_change_stage(
            actor=link_officer,
            review=review,
            to="review_requested",
            on=date(2008, 1, 21),
            reason="Grade unfair",
            received_on=date(2008, 1, 29),
        )
