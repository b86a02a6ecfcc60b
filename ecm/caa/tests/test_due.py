"""What is due from 2009 (issue 24 §3: "No reminders, emails or 'what is due' entries exist for
any ... 2009 event: add them as for the APA"): the unannounced inspection (the inspectors' own
entries only), the full inspection, the annual rating, the profile's quarterly review and the
area assessment, in "what is due", calendars and reminders; a council's people see only their
own council's, never an unannounced inspection's and never a grade."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.caa.due import (
    ADMINISTRATOR,
    COUNCIL,
    LEAD,
    TEAM,
    FullInspectionFacts,
    UnannouncedFacts,
    entries_for,
    full_inspection_entries,
    profile_entries,
    rating_deadline,
    survey_entries,
    tasks_of,
    unannounced_entries,
)
from ecm.caa.flags.models import AreaAssessment
from ecm.caa.rating.models import AnnualRating
from ecm.caa.safeguarding import services as safeguarding
from ecm.caa.unannounced import services as unannounced
from ecm.programme.feeds import person_events
from ecm.programme.models import CalendarFeed
from ecm.programme.selectors import due_for
from ecm.programme.services.reminders import reminders_send
from ecm.workdays.calendar import Deadline, add_working_days
from tests.plugins.framework_once import bundled_framework

FIRST, LAST = date(2009, 6, 16), date(2009, 6, 17)
UNANNOUNCED = UnannouncedFacts(
    pk=1, council="Sharpston", la_number="999", first_day=FIRST, last_day=LAST, letter_sent=False
)
PUBLICATION = Deadline(add_working_days(date(2009, 10, 2), 20), "20 working days", "004")
FULL = FullInspectionFacts(
    pk=2,
    council="Sharpston",
    la_number="999",
    notified_on=date(2009, 9, 14),
    documents_due_on=date(2009, 9, 21),
    first_day=date(2009, 9, 28),
    last_day=date(2009, 10, 2),
    published=False,
    publication=PUBLICATION,
)


def test_no_unannounced_entry_is_ever_made_for_the_council_004():
    """004: an "unannounced inspection": the council is told on the day, so none of its
    entries reaches the council's part, whoever asks."""
    entries = unannounced_entries(UNANNOUNCED, letter_working_days=10)
    assert entries and all(e.parts == {LEAD} for e in entries)
    assert entries_for(entries, {COUNCIL}) == []
    assert entries_for(entries, {COUNCIL, LEAD}) == []


def test_the_lead_inspectors_visit_and_letter_004():
    """004: "Inspectors will report their findings by letter to the Director of Children's
    Services"; the period is our setting, said in the rule."""
    entries = {e.code: e for e in unannounced_entries(UNANNOUNCED, letter_working_days=10)}
    assert entries["unannounced_visit"].deadline.date == FIRST
    assert entries["unannounced_visit"].ends == LAST
    letter = entries["unannounced_letter"].deadline
    assert letter.date == add_working_days(LAST, 10) and "our setting" in letter.rule
    assert [e.code for e in tasks_of(list(entries.values()), date(2009, 6, 18))] == [
        "unannounced_letter"
    ]


def test_the_full_inspections_documents_due_at_notification_and_report_in_20_days_004():
    """004 "Before inspection": "At the time of notification, inspectors will want further
    documentary evidence"; "Reporting": "normally within 20 working days of the end of the
    inspection", the team's deadline; the council sees the date only."""
    entries = full_inspection_entries(FULL, today=date(2009, 9, 15))
    council = {e.code: e for e in entries_for(entries, {COUNCIL})}
    lead = {e.code: e for e in entries_for(entries, {TEAM, LEAD})}
    assert council["full_documents"].deadline.date == date(2009, 9, 21)
    assert council["full_documents"].task
    assert "full_publish" not in council and not council["full_report_due"].task
    assert lead["full_publish"].deadline.date == date(2009, 10, 30)
    assert "full_documents" not in lead
    on_site = full_inspection_entries(FULL, today=date(2009, 9, 28))
    assert not [e for e in tasks_of(on_site, date(2009, 9, 28)) if e.code == "full_documents"]


def test_the_rating_is_due_in_the_autumn_by_our_setting_004():
    """004: "The first rating will be produced in autumn 2009"."""
    deadline = rating_deadline(2009, 11)
    assert deadline.date == date(2009, 11, 30) and "our setting" in deadline.rule


def test_the_profile_is_reviewed_quarterly_004():
    """004: "reviewed quarterly": the administrator's task by the quarter's last working day."""
    (entry,) = profile_entries(
        label="2009-Q3",
        months="October to December 2009",
        quarter_ends=date(2009, 12, 31),
        to_review=3,
    )
    assert entry.parts == {ADMINISTRATOR} and entry.deadline.date == date(2009, 12, 31)
    assert profile_entries(label="x", months="", quarter_ends=date(2009, 12, 31), to_review=0) == []


@pytest.fixture
def framework(db):
    bundled_framework()


@pytest.fixture
def visit(framework, hmi, council):
    return unannounced.unannounced_save(
        actor=hmi,
        council=council,
        lead_inspector=hmi,
        first_day=FIRST,
        last_day=LAST,
        exceptional=False,
        exceptional_reason="",
        centres_count=2,
        centres_visited=["Central referral team"],
        case_files=20,
        staff_spoken=8,
    )


@pytest.mark.django_db
def test_no_entry_for_an_unannounced_inspection_reaches_the_council_before_or_after_004(
    visit, hmi, link_officer, make_user, council
):
    """004: unannounced. Before its first site day, during and after, the council's link
    officer and director have no entry, no calendar date and no email of it; the lead has
    the visit and the letter."""
    director = make_user(Role.DIRECTOR, council=council)
    for today in (date(2009, 6, 1), FIRST, date(2009, 6, 30)):
        for person in (link_officer, director):
            assert not [i for i in due_for(user=person, today=today) if "unannounced" in i.task]
    for person in (link_officer, director):
        events = person_events(person, "https://ecm.example")
        assert not [e for e in events if "nannounced" in e.summary or "caa_unannounced" in e.uid]
    lead = {i.task: i for i in due_for(user=hmi, today=date(2009, 6, 1))}
    assert lead["caa_unannounced_visit"].due_on == FIRST
    assert lead["caa_unannounced_letter"].due_on == add_working_days(LAST, 10)
    reminders_send(today=date(2009, 6, 11))  # three working days before the first site day
    assert [m for m in mail.outbox if hmi.email in m.to and "Unannounced" in m.subject]
    assert not [m for m in mail.outbox if link_officer.email in m.to or director.email in m.to]


@pytest.fixture
def notified(framework, hmi, council):
    return safeguarding.inspection_notify(
        actor=hmi,
        council=council,
        notified_on=FULL.notified_on,
        first_day_on_site=FULL.first_day,
        last_day_on_site=FULL.last_day,
        lead_inspector=hmi,
        team=[],
        documents=["cypp", "case_files", "lscb_minutes"],
        documents_due_on=FULL.documents_due_on,
    )


@pytest.mark.django_db
def test_the_full_inspection_in_each_partys_what_is_due_and_reminders_004(
    notified, hmi, link_officer, make_user, other_council
):
    """004: two weeks' notice; the council's documents by the date set at notification (a
    reminder three working days before, with the link); the report 20 working days after the
    last day on site (the lead's); another council's people see none of it."""
    council = {i.task: i for i in due_for(user=link_officer, today=date(2009, 9, 15))}
    assert council["caa_full_documents"].due_on == date(2009, 9, 21)
    assert "caa_full_publish" not in council
    lead = {i.task: i for i in due_for(user=hmi, today=date(2009, 9, 15))}
    assert lead["caa_full_publish"].due_on == date(2009, 10, 30)
    reminders_send(today=date(2009, 9, 16))
    (sent,) = [m for m in mail.outbox if link_officer.email in m.to]
    assert (
        "Send the documents" in sent.subject and f"/caa/{notified.council.la_number}/" in sent.body
    )
    assert "004" not in sent.body
    # Two weeks' notice: the council's calendar has the days on site and the report's date.
    days = {e.day for e in person_events(link_officer, "https://ecm.example") if "caa_" in e.uid}
    assert {FULL.first_day, date(2009, 9, 21), date(2009, 10, 30)} <= days
    other = make_user(Role.LINK_OFFICER, council=other_council)
    assert not [i for i in due_for(user=other, today=date(2009, 9, 15)) if i.task.startswith("caa")]
    assert not [e for e in person_events(other, "https://ecm.example") if "caa_" in e.uid]


@pytest.mark.django_db
def test_the_rating_and_area_assessment_dates_never_show_a_grade_to_the_council_004(
    framework, hmi, administrator, link_officer, council
):
    """004: the rating "in autumn 2009" and "a single report will be published": the
    administrator's tasks to make the ratings final and publish the area assessments; the
    council's calendar has the dates, never the grade."""
    AnnualRating.objects.create(
        council=council, year=2009, rating=1, rationale="Performs poorly.", drafted_by=hmi
    )
    AreaAssessment.objects.create(council=council, year=2009)
    admin = {i.task: i for i in due_for(user=administrator, today=date(2009, 10, 1))}
    assert admin["caa_rating_finalise"].due_on == date(2009, 11, 30)
    assert admin["caa_area_publish"].due_on == date(2009, 12, 9)
    assert not [
        i for i in due_for(user=link_officer, today=date(2009, 10, 1)) if "rating" in i.task
    ]
    events = [e for e in person_events(link_officer, "https://ecm.example") if "caa_" in e.uid]
    assert {e.day for e in events} == {date(2009, 11, 30), date(2009, 12, 9)}
    for event in events:
        assert "poor" not in (event.summary + event.description).lower()
        # The rating's number, never: the council's own name may hold digits (a factory's
        # sequence), so it is taken out before looking.
        assert "1" not in event.summary.replace("2009", "").replace(council.name, "")


@pytest.mark.django_db
def test_the_due_page_and_calendar_feed_keep_the_unannounced_visit_from_the_council_004(
    client, visit, hmi, link_officer
):
    """004: the council's "what is due" page and its calendar address show nothing of an
    unannounced inspection; the lead's page shows the letter to send, with its link."""
    client.force_login(link_officer)
    page = client.get(reverse("programme:due")).content.decode()
    assert "nannounced" not in page
    feed = CalendarFeed.objects.create(owner=link_officer)
    ics = client.get(reverse("programme:feed", kwargs={"token": feed.token})).content.decode()
    assert "BEGIN:VCALENDAR" in ics and "nannounced" not in ics
    client.force_login(hmi)
    page = client.get(reverse("programme:due")).content.decode()
    assert "Send the letter of the inspection" in page
    assert (
        reverse("caa:unannounced", kwargs={"la_number": visit.council.la_number, "pk": visit.pk})
        in page
    )


def test_the_open_questionnaires_are_closed_by_the_ratings_deadline_004():
    """004: the rating draws on "the views of service users and relevant stakeholders gathered
    through questionnaires": the administrator closes the year's open questionnaires by the
    rating's deadline, our reading, said in the rule."""
    (entry,) = survey_entries(year=2009, open_surveys=4, month=11)
    assert entry.parts == {ADMINISTRATOR} and entry.deadline.date == date(2009, 11, 30)
    assert "our reading" in entry.deadline.rule
    assert survey_entries(year=2009, open_surveys=0, month=11) == []
