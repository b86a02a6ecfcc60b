"""The fieldwork's pages (issue 24 §2): a meeting recorded against a tracked case from its
page and shown there (the inspectors' note never to the council), the count of meetings per
tracked case on the review's page, the plan per fieldwork week with its warnings quoting 001,
and the link to the youth service's week-one activity list (001 "Enhanced Youth Inspection")."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.jar.fieldwork import plan, services

pytestmark = pytest.mark.django_db

NOTE = "Core group minutes lack the health visitor's contribution."


def _as(client, user):
    client.force_login(user)
    return client


def _url(name, review, **kwargs):
    return reverse(f"jar:{name}", kwargs={"pk": review.pk, **kwargs})


def _text(response) -> str:
    # Tags become spaces, so that the cells of a table row read as words apart.
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _meeting_form(reference, member, **change) -> dict:
    return {
        "reference": reference,
        "met": ["child", "first_line_manager"],
        "met_on_0": "16",
        "met_on_1": "10",
        "met_on_2": "2007",
        "inspector": member.pk,
        "note": NOTE,
    } | change


def test_the_team_records_a_meeting_from_the_tracked_cases_page_001(
    client, drawn, tracked, lead, member, link_officer
):
    """001 'Case tracking': the case page offers the meeting form with its reference filled
    in; the meeting is then on the case page, with the note for the inspectors only."""
    case = tracked[0]
    c = _as(client, lead)
    page = c.get(_url("case", drawn, case_pk=case.pk))
    assert "No meeting recorded yet." in _text(page)
    link = f"{_url('case-meeting-add', drawn)}?case={case.reference}"
    assert link in page.content.decode()
    form = c.get(link)
    assert form.status_code == 200 and f'value="{case.reference}"' in form.content.decode()
    done = c.post(_url("case-meeting-add", drawn), _meeting_form(case.reference, member))
    assert done.status_code == 302
    assert done["Location"] == _url("case", drawn, case_pk=case.pk)
    text = _text(c.get(done["Location"]))
    assert "The child or young person; A first-line manager" in text and NOTE in text
    council = _text(_as(client, link_officer).get(_url("case", drawn, case_pk=case.pk)))
    assert "The child or young person; A first-line manager" in council
    assert NOTE not in council and "Record a meeting" not in council


def test_an_untracked_case_is_refused_on_the_page_with_what_to_do_001(
    client, drawn, untracked, lead, member
):
    c = _as(client, lead)
    refused = c.post(_url("case-meeting-add", drawn), _meeting_form(untracked.reference, member))
    assert refused.status_code == 400
    text = _text(refused)
    assert "There is a problem" in text and "is not one of the ten tracked cases" in text
    named = c.post(_url("case-meeting-add", drawn), _meeting_form("Jane Smith", member))
    assert named.status_code == 400 and "never a name" in _text(named)
    assert not AuditEntry.objects.filter(verb="jar.case_meeting_recorded").exists()


def test_the_review_page_counts_the_meetings_of_each_tracked_case_001(
    client, drawn, tracked, lead, member
):
    services.case_meeting_record(
        actor=lead,
        review=drawn,
        reference=tracked[0].reference,
        met=["staff"],
        met_on=date(2007, 10, 16),
        inspector=member,
    )
    html = _as(client, lead).get(_url("review", drawn)).content.decode()
    assert "Meetings against the tracked cases" in html
    text = _text(_as(client, lead).get(_url("review", drawn)))
    assert f"{tracked[0].reference} {tracked[0].get_category_display()} 1" in text
    assert f"{tracked[1].reference} {tracked[1].get_category_display()} None yet" in text


def test_the_plan_shows_each_week_and_warns_with_the_seeds_words_001(
    client, drawn, lead, link_officer
):
    """001: 'the majority of visits will be in week one, with week two being used for joint
    meetings with JAR inspectors or to follow up lines of enquiry'."""
    c = _as(client, lead)
    form = {
        "day_0": "22",
        "day_1": "10",
        "day_2": "2007",
        "kind": plan.VISIT,
        "what": "Eastfield school",
        "line": drawn.lines_of_enquiry.get(code="ldd").pk,
    }
    added = c.post(_url("fieldwork-add", drawn), form)
    assert added.status_code == 302 and added["Location"] == _url("fieldwork", drawn)
    weekend = c.post(_url("fieldwork-add", drawn), form | {"day_0": "20"})
    assert weekend.status_code == 400 and "is a Saturday" in _text(weekend)
    text = _text(c.get(_url("fieldwork", drawn)))
    assert "Fieldwork week 1: Monday 15 October to Friday 19 October 2007" in text
    assert "Fieldwork week 2: Monday 22 October to Friday 26 October 2007" in text
    assert "Mon 22 Oct Visit Eastfield school" in text
    assert "0 of 1 visits are planned in week one" in text and plan.MAJORITY_QUOTE in text
    assert 'Nothing is planned for the line of enquiry "Safeguarding"' in text
    assert "001" not in text
    # The council reads the plan it helps arrange (001 appendix: "programme for fieldwork").
    council = _text(_as(client, link_officer).get(_url("fieldwork", drawn)))
    assert "Eastfield school" in council and "Plan an activity" not in council
    assert "0 of 1 visits" not in council


def test_the_plan_links_to_the_youth_services_week_one_activity_list_001(client, drawn, lead):
    """001 'list youth service activity, including all the youth service activity taking place
    during the first fieldwork week': the youth part keeps it; the plan links to it."""
    html = _as(client, lead).get(_url("fieldwork", drawn)).content.decode()
    assert _url("youth", drawn) in html


def test_an_activity_is_withdrawn_with_a_reason_and_a_stale_page_says_so(client, drawn, lead):
    """Nothing the audit needs is deleted: a withdrawn activity leaves the plan's weeks and is
    listed with its reason; its page opened again says when and by whom (issue 20 §3)."""
    made = services.planned_activity_add(
        actor=lead,
        review=drawn,
        day=date(2007, 10, 16),
        kind=plan.VISIT,
        what="Westbrook family centre",
        line=drawn.lines_of_enquiry.get(code="safeguarding"),
    )
    c = _as(client, lead)
    url = _url("fieldwork-withdraw", drawn, activity_pk=made.pk)
    assert url in c.get(_url("fieldwork", drawn)).content.decode()
    refused = c.post(url, {"reason": ""})
    assert refused.status_code == 400 and services.NO_REASON in _text(refused)
    assert c.post(url, {"reason": "The centre is closed that week"}).status_code == 302
    text = _text(c.get(_url("fieldwork", drawn)))
    assert "Withdrawn from the plan" in text and "The centre is closed that week" in text
    stale = c.get(url)
    assert stale.status_code == 200 and 'id="frozen"' in stale.content.decode()
    entries = AuditEntry.objects.count()
    assert c.post(url, {"reason": "Again"}).status_code == 409
    assert AuditEntry.objects.count() == entries
