"""What is due on a joint area review (issue 9 with issue 8 §4-§5): each task by the review's
state and the person's part, its deadline a step of 001's appendix timeline; shown on the
programme's "what is due" and in the person's calendar."""

from datetime import date

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.jar.due import COUNCIL, LEAD, TEAM, ReviewState, tasks_for
from ecm.jar.selectors import due_on_reviews
from ecm.jar.timeline import review_timeline
from ecm.programme.feeds import person_events
from ecm.programme.selectors import due_for

START = ReviewState(listed=0, tracked=0, youth_submitted=False, stage="drafting", no_review=False)


def _codes(state, parts) -> set[str]:
    return {t.code for t in tasks_for(state, parts)}


def test_the_council_lists_its_cases_and_the_lead_then_draws_001():
    assert "cases_list" in _codes(START, {COUNCIL})
    assert "cases_draw" not in _codes(START, {TEAM, LEAD})
    listed = ReviewState(**{**START.__dict__, "listed": 100})
    assert "cases_list" not in _codes(listed, {COUNCIL})
    assert "cases_draw" in _codes(listed, {TEAM, LEAD})
    assert "cases_draw" not in _codes(listed, {TEAM})  # only the lead draws


def test_the_council_comments_on_the_draft_and_decides_on_a_review_001_appendix():
    draft = ReviewState(**{**START.__dict__, "stage": "draft_sent"})
    assert "draft_comment" in _codes(draft, {COUNCIL})
    prepublication = ReviewState(**{**START.__dict__, "stage": "prepublication"})
    assert "review_decide" in _codes(prepublication, {COUNCIL})
    declined = ReviewState(**{**prepublication.__dict__, "no_review": True})
    assert "review_decide" not in _codes(declined, {COUNCIL})


@pytest.mark.django_db
def test_the_councils_what_is_due_names_the_case_list_by_its_deadline(review, link_officer):
    items = due_for(user=link_officer, today=date(2007, 5, 1))
    (cases,) = [i for i in items if i.task == "jar_cases_list"]
    assert cases.due_on == date(2007, 6, 1)  # 10 working days before the set-up meeting
    assert cases.url == reverse("jar:cases-list", kwargs={"pk": review.pk})


@pytest.mark.django_db
def test_the_leads_tasks_and_calendar_carry_the_reviews_steps(review, lead):
    assert {d.task.code for d in due_on_reviews(lead)} == {"draft_send"}
    events = person_events(lead, "https://ecm.example")
    steps = [e for e in events if e.uid.startswith(f"j{review.pk}-")]
    assert len(steps) == len(review_timeline(review))
    assert any(e.summary.endswith("Last date to request a review of the report") for e in steps)


@pytest.mark.django_db
def test_a_council_user_of_another_council_sees_nothing_of_the_review(
    review, make_user, other_council
):
    other = make_user(Role.LINK_OFFICER, council=other_council)
    assert due_on_reviews(other) == []
