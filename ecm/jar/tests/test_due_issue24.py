"""What is due on a joint area review for each part in it (issue 24 §3: "No reminders, emails or
'what is due' entries exist for any JAR ... event: add them as for the APA"): the council's
returns and the team's events of 001's appendix timeline, in "what is due", the calendar and the
reminder emails, each person by their part, a council's people only for their own council."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.jar.due import (
    COUNCIL,
    LEAD,
    TEAM,
    ReviewState,
    action_plan_deadline,
    deadline_of,
    tasks_for,
)
from ecm.jar.timeline import ReviewDates, timeline
from ecm.programme.feeds import person_events
from ecm.programme.selectors import due_for
from ecm.programme.services.reminders import reminders_send

# 001 appendix, "Provisional Timeline": informed 13 April 2007, set-up meeting 15 June, analysis
# stage 24 to 28 September, fieldwork week 1 from 15 October 2007.
DATES = ReviewDates(
    notified_on=date(2007, 4, 13),
    setup_meeting=date(2007, 6, 15),
    analysis_starts=date(2007, 9, 24),
    fieldwork_starts=date(2007, 10, 15),
)
STEPS = {s.code: s for s in timeline(DATES)}


def _state(**change) -> ReviewState:
    values = {
        "listed": 0,
        "tracked": 0,
        "youth_submitted": False,
        "stage": "drafting",
        "no_review": False,
        "today": date(2007, 5, 1),
        "partners": 0,
        "documents_missing": 30,
        "action_plan_working_days": 40,
    }
    return ReviewState(**(values | change))


def _due(state, parts) -> dict:
    return {t.code: deadline_of(t, STEPS, state).date for t in tasks_for(state, parts, STEPS)}


def test_the_council_returns_its_cases_and_voluntary_partners_by_1_june_001_appendix():
    """001 appendix: "Information to be returned by council, 1 June 2007": "The selection of
    100 case files ... two weeks before the set-up meeting", and at notification "Commence
    compiling information for case-tracking and a list of voluntary and community
    partners"."""
    due = _due(_state(), {COUNCIL})
    assert due["cases_list"] == date(2007, 6, 1)
    assert due["voluntary_partners"] == date(2007, 6, 1)
    # 001 appendix, analysis stage: "LA to have ready case files and documents".
    assert due["documents_send"] == date(2007, 9, 24)
    listed = _due(_state(partners=12, documents_missing=0), {COUNCIL})
    assert "voluntary_partners" not in listed and "documents_send" not in listed


def test_the_council_never_gets_the_teams_events_nor_the_team_the_councils_returns_001():
    council = set(_due(_state(), {COUNCIL}))
    team = set(_due(_state(), {TEAM, LEAD}))
    assert not council & {"setup_meeting", "fieldwork_1", "headline_feedback", "draft_send"}
    assert not team & {"cases_list", "voluntary_partners", "documents_send"}


def test_the_teams_events_by_the_appendix_timeline_001_appendix():
    """001 appendix: set-up meeting 15 June; analysis stage 24 to 28 Sept; meetings at the end
    of the analysis stage 28 Sept; fieldwork weeks 15-19 and 22-26 Oct; headline feedback at
    the end of week 2."""
    due = _due(_state(), {TEAM, LEAD})
    assert due["setup_meeting"] == date(2007, 6, 15)
    assert due["analysis_stage"] == date(2007, 9, 24)
    assert due["round_table"] == due["fieldwork_programme"] == date(2007, 9, 28)
    assert due["fieldwork_1"] == date(2007, 10, 15)
    assert due["fieldwork_2"] == date(2007, 10, 22)
    assert due["headline_feedback"] == date(2007, 10, 26)
    member = _due(_state(), {TEAM})
    assert "fieldwork_1" in member and "setup_meeting" not in member  # the lead's meetings


def test_an_event_of_the_team_is_listed_until_its_last_day_has_passed_001_appendix():
    """Fieldwork week 1 (15-19 Oct 2007) is still listed on its Friday, gone on the Monday."""
    assert "fieldwork_1" in _due(_state(today=date(2007, 10, 19)), {TEAM})
    after = _due(_state(today=date(2007, 10, 22)), {TEAM})
    assert "fieldwork_1" not in after and "fieldwork_2" in after


def test_the_end_of_analysis_meetings_fall_back_to_the_stages_last_day_001_appendix():
    """A timeline without the meetings' own steps still dates them: the analysis stage's last
    day (001: "Meetings at end of Analysis stage", 28 Sept 2007)."""
    steps = {
        k: v for k, v in STEPS.items() if k not in ("round_table", "fieldwork_programme_meeting")
    }
    tasks = {t.code: t for t in tasks_for(_state(), {TEAM, LEAD}, steps)}
    assert deadline_of(tasks["round_table"], steps, _state()).date == date(2007, 9, 28)


def test_comments_on_the_draft_within_10_working_days_and_the_review_period_001_appendix():
    draft = _due(_state(stage="draft_sent"), {COUNCIL})
    assert draft["draft_comment"] == STEPS["comments_due"].deadline.date
    prepublication = _due(_state(stage="prepublication"), {COUNCIL})
    assert prepublication["review_decide"] == STEPS["review_request_by"].deadline.date


def test_the_action_plan_follows_publication_by_our_setting_003():
    """003: "the local authority is required to consult its partners and write an action plan";
    003 gives no period, so the rule says it is our setting."""
    published = _state(stage="published", published_on=date(2008, 2, 29))
    due = _due(published, {COUNCIL})
    assert due["action_plan"] == action_plan_deadline(date(2008, 2, 29), 40).date
    assert "our setting" in action_plan_deadline(date(2008, 2, 29), 40).rule
    assert "action_plan" not in _due(
        _state(stage="published", published_on=date(2008, 2, 29), action_plan_sent=True),
        {COUNCIL},
    )


def test_without_the_steps_no_event_nor_computed_task_comes_back():
    """The review's own pages call the rules without the steps: only tasks dated by a step."""
    codes = {t.code for t in tasks_for(_state(), {TEAM, LEAD})}
    assert "fieldwork_1" not in codes and "round_table" not in codes


@pytest.mark.django_db
def test_a_council_users_what_is_due_shows_the_case_files_two_weeks_before_setup_001_appendix(
    review, link_officer
):
    items = {i.task: i for i in due_for(user=link_officer, today=date(2007, 5, 1))}
    assert items["jar_cases_list"].due_on == date(2007, 6, 1)
    assert items["jar_voluntary_partners"].due_on == date(2007, 6, 1)
    assert items["jar_voluntary_partners"].url == reverse("jar:partners", kwargs={"pk": review.pk})
    assert not any(t.startswith("jar_fieldwork") for t in items)


@pytest.mark.django_db
def test_the_leads_what_is_due_and_calendar_carry_the_teams_events_001_appendix(review, lead):
    items = {i.task: i for i in due_for(user=lead, today=date(2007, 5, 1))}
    assert items["jar_setup_meeting"].due_on == date(2007, 6, 15)
    assert items["jar_fieldwork_1"].due_on == date(2007, 10, 15)
    assert items["jar_headline_feedback"].due_on == date(2007, 10, 26)
    assert "jar_cases_list" not in items
    summaries = [e.summary for e in person_events(lead, "https://ecm.example")]
    assert any("Fieldwork week 1" in s for s in summaries)


@pytest.mark.django_db
def test_the_council_is_reminded_of_its_case_files_as_for_the_apa_001_appendix(
    review, link_officer
):
    """As the APA's reminders: three working days before (1 June 2007, a Friday; 28 May is a
    bank holiday, so Tuesday 29 May), once, in plain words with the link to do it."""
    reminders_send(today=date(2007, 5, 25))
    assert not [m for m in mail.outbox if "List the 100 case files" in m.subject]
    reminders_send(today=date(2007, 5, 29))
    reminders_send(today=date(2007, 5, 29))
    (sent,) = [m for m in mail.outbox if "List the 100 case files" in m.subject]
    assert sent.to == [link_officer.email]
    assert sent.subject.startswith("Due 1 June")
    assert "in 3 working days" in sent.body
    assert reverse("jar:cases-list", kwargs={"pk": review.pk}) in sent.body
    assert "001" not in sent.body  # the seed named in words


@pytest.mark.django_db
def test_another_councils_people_get_nothing_of_the_review(review, make_user, other_council):
    other = make_user(Role.LINK_OFFICER, council=other_council)
    assert not [i for i in due_for(user=other, today=date(2007, 5, 1)) if i.task.startswith("jar_")]
    assert not [e for e in person_events(other, "https://ecm.example") if "joint area" in e.summary]


def test_the_council_sees_the_agency_questionnaires_due_in_three_weeks_001_case_tracking():
    """001 'Case tracking': "ensure that the lead professional and at least three other agency
    questionnaires are completed and returned within three weeks"."""
    due = _due(_state(questionnaires_due=date(2007, 7, 6)), {COUNCIL})
    assert due["questionnaires_return"] == date(2007, 7, 6)
    assert "questionnaires_return" not in _due(_state(), {COUNCIL})
    assert "questionnaires_return" not in _due(_state(questionnaires_due=date(2007, 7, 6)), {TEAM})


@pytest.mark.django_db
def test_a_fieldwork_week_under_way_is_not_overdue_nor_reminded_as_overdue_001_appendix(
    review, lead
):
    """001 appendix: fieldwork week 1 is 15-19 Oct 2007; on its Wednesday it is under way, not
    overdue, and the lead gets no "Overdue" email of it."""
    items = {i.task: i for i in due_for(user=lead, today=date(2007, 10, 17))}
    assert not items["jar_fieldwork_1"].overdue
    reminders_send(today=date(2007, 10, 17))
    assert not [m for m in mail.outbox if m.subject.startswith("Overdue: Fieldwork week 1")]


@pytest.mark.django_db
def test_the_team_is_reminded_of_fieldwork_week_1_with_its_days_001_appendix(review, lead):
    """001 appendix: "Fieldwork week 1, 15-19 Oct 2007": three working days before, the lead's
    reminder says when it starts and ends, with the link to the review."""
    reminders_send(today=date(2007, 10, 10))
    (sent,) = [m for m in mail.outbox if "Fieldwork week 1" in m.subject and lead.email in m.to]
    assert "starts on Monday 15 October 2007 and ends on Friday 19 October 2007" in sent.body
    assert reverse("jar:review", kwargs={"pk": review.pk}) in sent.body
