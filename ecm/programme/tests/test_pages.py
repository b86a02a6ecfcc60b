"""The programme's pages (issue 8): the dashboard with its filters, the plan's import (with
every problem shown and nothing written) and export, blocks, the pre-analysis checklist, a
council's individual checklist and agreeing a date, "what is due", and calendar addresses
with their feeds, revocable at once."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from ecm.accounts.roles import Role
from ecm.analysis.services.pack import checklist_mark
from ecm.apa import services as apa_services
from ecm.apa.models import ModerationSelection
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.models import AuditEntry
from ecm.programme.models import AgreedDate, Block, CalendarFeed, CouncilPlan
from ecm.programme.tests.conftest import plan_csv

pytestmark = pytest.mark.django_db
S = AssessmentStatus


def _as(client, user):
    client.force_login(user)
    return client


def url(name, **kwargs):
    return reverse(f"programme:{name}", kwargs=kwargs)


def test_the_dashboard_lists_every_council_with_its_next_deadline_and_rule(
    client, assessment, other_assessment, administrator
):
    apa_services.assessment_change_status(actor=None, assessment=assessment, to=S.SELF_ASSESSMENT)
    page = _as(client, administrator).get(url("dashboard", pk=assessment.round_id))
    text = page.content.decode()
    assert page.status_code == 200
    assert assessment.council.name in text and other_assessment.council.name in text
    assert "Self-assessment submitted" in text and "last working day of May" in text
    filtered = client.get(url("dashboard", pk=assessment.round_id), {"status": "setting_up"})
    text = filtered.content.decode()
    assert other_assessment.council.name in text and assessment.council.name not in text
    assert "1 council:" in text


def test_importing_a_plan_through_the_page(client, assessment, hmi, brm, administrator):
    rows = [
        {
            "la_number": assessment.council.la_number,
            "block": 1,
            "analysis_starts": "2007-06-04",
            "analysis_ends": "2007-06-22",
            "meeting_date": "2007-07-03",
            "hmi_email": hmi.email,
            "brm_email": brm.email,
            "lead": "hmi",
        }
    ]
    upload = SimpleUploadedFile("plan.csv", plan_csv(rows), content_type="text/csv")
    response = _as(client, administrator).post(
        url("plan-import", pk=assessment.round_id), {"file": upload}
    )
    assert response.status_code == 302, response.content.decode()
    assert CouncilPlan.objects.get(assessment=assessment).meeting_on == date(2007, 7, 3)
    page = client.get(response["Location"]).content.decode()
    assert "The plan of 1 councils was imported" in page


def test_a_bad_plan_shows_every_problem_and_writes_nothing(client, assessment, administrator):
    rows = [
        {"la_number": assessment.council.la_number, "meeting_date": "2007-07-07"},
        {"la_number": "998", "block": "x"},
    ]
    upload = SimpleUploadedFile("plan.csv", plan_csv(rows), content_type="text/csv")
    response = _as(client, administrator).post(
        url("plan-import", pk=assessment.round_id), {"file": upload}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in text
    for found in ("2007-07-07", "not a working day (Saturday)", "block", "whole number"):
        assert found in text, found
    assert not CouncilPlan.objects.exists()


def test_the_plan_downloads_as_csv_and_excel(client, assessment, administrator):
    for fmt, kind in (("csv", "text/csv"), ("xlsx", "spreadsheetml")):
        response = _as(client, administrator).get(
            url("plan-export", pk=assessment.round_id, fmt=fmt)
        )
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert f"plan.{fmt}" in response["Content-Disposition"]
    assert client.get(url("plan-export", pk=assessment.round_id, fmt="pdf")).status_code == 404


def test_a_block_is_set_on_its_page_and_audited(client, assessment, administrator, hmi):
    data = {
        "number": 2,
        "analysis_starts_0": "11",
        "analysis_starts_1": "6",
        "analysis_starts_2": "2007",
        "analysis_ends_0": "6",
        "analysis_ends_1": "7",
        "analysis_ends_2": "2007",
        "reason": "The second block",
    }
    response = _as(client, administrator).post(url("blocks", pk=assessment.round_id), data)
    assert response.status_code == 302
    assert Block.objects.get(number=2).analysis_ends == date(2007, 7, 6)
    assert AuditEntry.objects.filter(verb="round.block_saved").exists()
    reader = _as(client, hmi).post(url("blocks", pk=assessment.round_id), data)
    assert reader.status_code == 404  # an HMI reads no round's programme


def test_the_checklist_shows_each_date_with_its_rule_and_agreeing_one_moves_the_next(
    client, assessment, hmi, brm
):
    CouncilPlan.objects.create(assessment=assessment, meeting_on=date(2007, 7, 10))
    page = _as(client, hmi).get(url("checklist", pk=assessment.pk)).content.decode()
    assert "about five weeks after the meeting (10 July 2007)" in page
    assert "Tuesday 14 August 2007" in page
    response = _as(client, brm).post(
        url("agree", pk=assessment.pk, code="draft_to_council"),
        {"day_0": "25", "day_1": "8", "day_2": "2007", "note": "Agreed with the link officer"},
    )
    assert response.status_code == 400  # 25 August 2007 is a Saturday
    assert "not a working day (Saturday)" in response.content.decode()
    response = client.post(
        url("agree", pk=assessment.pk, code="draft_to_council"),
        {"day_0": "28", "day_1": "8", "day_2": "2007", "note": "Agreed with the link officer"},
    )
    assert response.status_code == 302
    assert AgreedDate.objects.get(assessment=assessment).day == date(2007, 8, 28)
    page = client.get(url("checklist", pk=assessment.pk)).content.decode()
    assert "agreed with the council" in page and "Agreed with the link officer" in page
    assert "Tuesday 4 September 2007" in page  # factual accuracy: 5 working days on
    # A date that follows from its rule cannot be agreed.
    assert client.get(url("agree", pk=assessment.pk, code="final_letter")).status_code == 404


def test_the_due_page_lists_overdue_first_with_rules(client, assessment, link_officer):
    apa_services.assessment_change_status(actor=None, assessment=assessment, to=S.SELF_ASSESSMENT)
    page = _as(client, link_officer).get(url("due")).content.decode()
    assert "Submit the self-assessment" in page and "Overdue" in page
    assert "last working day of May" in page


def _ics(response) -> Calendar:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_a_calendar_address_serves_the_persons_deadlines_until_revoked(client, assessment, hmi):
    CouncilPlan.objects.create(assessment=assessment, meeting_on=date(2007, 7, 10))
    response = _as(client, hmi).post(url("calendar-create"))
    assert response.status_code == 200  # the address is on this page, and on no other
    token = re.search(r"/calendars/([^/<\s]+)\.ics", response.content.decode()).group(1)
    feed = CalendarFeed.objects.get(owner=hmi)
    client.logout()  # calendar programs do not sign in
    cal = _ics(client.get(url("feed", token=token)))
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    meeting = events[f"{assessment.council.name}: The APA meeting"]
    assert meeting.decoded("dtstart") == date(2007, 7, 10)
    assert "round's plan" in str(meeting["description"])
    assert str(meeting["uid"]) == f"a{assessment.pk}-meeting@ecm-assess"
    _as(client, hmi).post(url("calendar-revoke", pk=feed.pk))
    client.logout()
    assert client.get(url("feed", token=token)).status_code == 404
    assert AuditEntry.objects.filter(verb="calendar.revoked").exists()


def test_only_its_owner_revokes_an_address(client, hmi, brm):
    feed = CalendarFeed.objects.create(owner=hmi)
    assert _as(client, brm).post(url("calendar-revoke", pk=feed.pk)).status_code == 404
    feed.refresh_from_db()
    assert feed.active


def test_a_councils_calendar_never_shows_moderation(client, assessment, link_officer, hmi):
    """A council's people never learn whether it is moderated (decision 0018)."""
    ModerationSelection.objects.create(assessment=assessment, selected=True, basis="drawn")
    feed = CalendarFeed.objects.create(owner=link_officer)
    cal = _ics(client.get(url("feed", token=feed.token)))
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert any("Self-assessment submitted" in s for s in summaries)
    assert not any("oderation" in s for s in summaries)
    inspectors = CalendarFeed.objects.create(owner=hmi)
    cal = _ics(client.get(url("feed", token=inspectors.token)))
    assert any("Moderation" in str(e["summary"]) for e in cal.walk("VEVENT"))


def test_a_rounds_calendar_is_for_those_across_councils(
    client, assessment, administrator, make_user
):
    response = _as(client, administrator).post(
        url("calendar-create"), {"round": assessment.round_id}
    )
    assert response.status_code == 200
    token = re.search(r"/calendars/([^/<\s]+)\.ics", response.content.decode()).group(1)
    cal = _ics(client.get(url("feed", token=token)))
    summaries = {str(e["summary"]) for e in cal.walk("VEVENT")}
    assert f"{assessment.round.title}: Final letters by" in summaries
    officer = make_user(Role.LINK_OFFICER, council=assessment.council)
    refused = _as(client, officer).post(url("calendar-create"), {"round": assessment.round_id})
    assert refused.status_code == 404
    # An owner who loses the right loses the feed.
    administrator.role_grants.all().delete()
    client.logout()
    assert client.get(url("feed", token=token)).status_code == 404


def test_an_unknown_token_is_404(client, db):
    assert client.get(url("feed", token="not-a-token")).status_code == 404


def test_the_pre_analysis_page_counts_each_councils_checklist(client, assessment, administrator):
    checklist_mark(assessment=assessment, actor=administrator, codes={"contacts", "dataset"})
    page = _as(client, administrator).get(url("pre-analysis", pk=assessment.round_id))
    assert "2 of 12" in page.content.decode()


def test_the_checklist_cites_the_handbook_in_words_not_its_file_number_issue_23_3(
    client, hmi, assessment
):
    """Issue 23 §3: "Users see citations to the handbook's sections (e.g. "the handbook,
    section E"), never the project's own files"."""
    client.force_login(hmi)
    page = client.get(f"/assessments/{assessment.pk}/checklist/").content.decode()
    assert "the handbook, section A" in page
    assert "002 §" not in page and "000 §" not in page
