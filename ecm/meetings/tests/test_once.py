"""The meeting's sends and adds happen once (issue 20 §4; bug 7: "Back after 'Send the agenda'
and submitting again sent an identical second agenda and a second email; the send page never
says it was already sent ... three concurrent attendee adds made three").

The agenda is "provided to the authority in advance by email, agreed and published to
attendees" (002 §G): one agenda and one email for one send, however often the form is posted,
from however many tabs; the send page says what was sent, to whom and when, and offers to send
again only an agenda changed since, as its next version."""

from datetime import date

import lxml.html
import pytest
from django.db import connection
from django.urls import reverse

from ecm.apa.models import (
    Attendee,
    AttendeeRole,
    Meeting,
    MeetingNote,
    MeetingRecord,
    MeetingRecordKind,
)
from ecm.audit.models import AuditEntry
from ecm.core.once import NOT_AGAIN, ONCE_FIELD, AlreadyDone, when_text
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import arrangements as arrangement_services
from ecm.meetings.services.meetings import common as common_services
from ecm.meetings.services.meetings import notes as notes_services
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

HELD = date(2007, 7, 10)
INTERIM = {
    "children_services": "Services make a good contribution overall",
    "education": "Education makes a good contribution",
    "social_care": "Social care makes an adequate contribution",
    "capacity": "Capacity to improve is good",
}


def page(name: str, assessment) -> str:
    return reverse(f"meetings:{name}", args=[assessment.pk])


def parsed(response):
    return lxml.html.fromstring(response.content.decode())


def hidden(response) -> dict:
    """The hidden fields of the page's form, as the browser posts them back."""
    return {i.get("name"): i.get("value", "") for i in parsed(response).xpath("//form//input")}


def banner(response) -> str:
    nodes = parsed(response).xpath("//div[contains(@class, 'govuk-notification-banner')]")
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


def offers_to_send(response) -> bool:
    """The page's own form, with the token that would send (the header's sign-out is not)."""
    return bool(parsed(response).xpath(f"//main//input[@name='{ONCE_FIELD}']"))


def lock_version(assessment) -> int:
    return Meeting.objects.get(assessment=assessment).lock_version


def write_agenda(assessment, actor, first_item: str = "What item 1 will cover") -> None:
    agenda_services.agenda_save(
        actor=actor,
        assessment=assessment,
        texts={1: first_item} | {n: f"What item {n} will cover" for n in range(2, 9)},
        expected_lock_version=lock_version(assessment),
    )


@pytest.fixture
def ready_to_send(assessment, hmi, link_officer):
    """A written agenda, a chair, and the council's link officer to receive it."""
    arrangement_services.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
    agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    write_agenda(assessment, hmi)
    return assessment


def agendas() -> int:
    return MeetingRecord.objects.filter(kind=MeetingRecordKind.AGENDA).count()


# --- The agenda (002 §G) ---------------------------------------------------------------------


def test_the_agenda_posted_again_is_sent_once_and_the_page_says_when_002_s_g(
    client, ready_to_send, hmi, link_officer, mailoutbox, django_capture_on_commit_callbacks
):
    """Bug 7: Back after "Send the agenda" and submit again. One agenda, one email, and the
    page says it was already sent, to whom, when and by whom."""
    assessment = ready_to_send
    client.force_login(hmi)
    form = hidden(client.get(page("meeting-agenda-send", assessment)))
    assert form[ONCE_FIELD]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page("meeting-agenda-send", assessment), form).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(page("meeting-agenda-send", assessment), form, follow=True)
    record = MeetingRecord.objects.get()
    shown = banner(again)
    assert f"Agenda 1 was already sent to {link_officer.email}" in shown
    assert when_text(record.sent_at) in shown and str(hmi) in shown
    assert NOT_AGAIN in shown
    assert len(mailoutbox) == 1
    assert [e.verb for e in AuditEntry.objects.filter(verb="meeting.agenda_sent")] == [
        "meeting.agenda_sent"
    ]


def test_the_send_page_says_the_agenda_was_sent_and_offers_no_second_send_002_s_g(
    client, ready_to_send, hmi, link_officer
):
    assessment = ready_to_send
    record = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    client.force_login(hmi)
    response = client.get(page("meeting-agenda-send", assessment))
    shown = banner(response)
    assert f"Agenda 1 was sent to {link_officer.email}" in shown
    assert when_text(record.sent_at) in shown
    assert "has not changed since" in shown
    assert not offers_to_send(response)
    # A second tab's post (its own token) sends nothing either.
    response = client.post(
        page("meeting-agenda-send", assessment),
        {"lock_version": lock_version(assessment)},
        follow=True,
    )
    assert "Agenda 1 was already sent" in banner(response)
    assert agendas() == 1


def test_an_agenda_changed_since_it_was_sent_is_offered_as_the_next_version_002_s_g(
    client, ready_to_send, hmi
):
    """A deliberate resend: the agenda changed after it was sent goes as agenda 2, which the
    council is asked to agree again."""
    assessment = ready_to_send
    agenda_services.agenda_send(actor=hmi, assessment=assessment)
    write_agenda(assessment, hmi, first_item="Item 1, changed after sending")
    client.force_login(hmi)
    response = client.get(page("meeting-agenda-send", assessment))
    assert "changed since" in banner(response)
    assert "Send agenda 2 to the council" in response.content.decode()
    assert offers_to_send(response)
    client.post(page("meeting-agenda-send", assessment), hidden(response))
    assert agendas() == 2


def test_the_agenda_sent_again_unchanged_after_the_council_asked_for_changes_is_sent(
    client, ready_to_send, hmi, link_officer
):
    """The inspectors may answer the council's request for changes by sending the agenda as
    it is: that is a deliberate send, not a repeat, and the page says so."""
    assessment = ready_to_send
    first = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    with pytest.raises(AlreadyDone):
        agenda_services.agenda_send(actor=hmi, assessment=assessment)
    agenda_services.agenda_answer(
        actor=link_officer, record=first, agree=False, comment="Add the youth service"
    )
    client.force_login(hmi)
    response = client.get(page("meeting-agenda-send", assessment))
    assert "Sending it again unchanged sends agenda 2" in banner(response)
    assert offers_to_send(response)
    client.post(page("meeting-agenda-send", assessment), hidden(response))
    assert agendas() == 2


def test_the_notes_shared_again_unchanged_are_shared_once_002_s_g_ii(
    client, assessment, hmi, link_officer, mailoutbox, django_capture_on_commit_callbacks
):
    notes_services.meeting_held_record(actor=hmi, assessment=assessment, held_on=HELD)
    notes_services.meeting_note_add(
        actor=hmi, assessment=assessment, agenda_item=4, raised_by="CEO", issue="Why?"
    )
    notes_services.interim_judgements_save(
        actor=hmi, assessment=assessment, judgements=INTERIM, expected_lock_version=None
    )
    client.force_login(hmi)
    form = hidden(client.get(page("meeting-notes-share", assessment)))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page("meeting-notes-share", assessment), form)
        again = client.post(page("meeting-notes-share", assessment), form, follow=True)
    assert "The notes of the meeting (version 1) were already shared with" in banner(again)
    assert MeetingRecord.objects.filter(kind=MeetingRecordKind.NOTES).count() == 1
    assert len(mailoutbox) == 1
    response = client.get(page("meeting-notes-share", assessment))
    assert "The notes (version 1) were shared" in banner(response)
    assert not offers_to_send(response)


def test_a_note_posted_again_is_saved_once_002_s_g_ii(client, assessment, hmi):
    client.force_login(hmi)
    url = page("meeting-note-add", assessment)
    form = hidden(client.get(url)) | {
        "agenda_item": "4",
        "raised_by": "The director",
        "issue": "How secure is the judgement on attendance?",
        "response": "Secure on this year's figures",
    }
    assert client.post(url, form).status_code == 302
    again = client.post(url, form, follow=True)
    note = MeetingNote.objects.get()
    shown = banner(again)
    assert "This note on item 4 was already saved" in shown
    assert when_text(note.recorded_at) in shown and str(hmi) in shown
    # From a second tab (another token), the same words under the same item: the same note.
    with pytest.raises(AlreadyDone):
        notes_services.meeting_note_add(
            actor=hmi,
            assessment=assessment,
            agenda_item=4,
            raised_by="the director",
            issue="How secure is the judgement on attendance? ",
            response="Secure on this year's figures",
        )
    assert MeetingNote.objects.count() == 1


# --- The attendees (002 §G.iii) --------------------------------------------------------------


def test_an_attendee_posted_again_is_added_once_002_s_g_iii(client, assessment, hmi):
    client.force_login(hmi)
    url = page("meeting-attendee-add", assessment)
    form = hidden(client.get(url)) | {"role": AttendeeRole.DIRECTOR, "name": "Dana Director"}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form, follow=True)
    attendee = Attendee.objects.get()
    shown = banner(again)
    assert "Dana Director (director of children's services) was already added" in shown
    assert when_text(attendee.added_at) in shown and str(hmi) in shown


def test_the_same_person_in_the_same_role_from_a_second_tab_is_one_attendee_002_s_g_iii(
    assessment, hmi, link_officer
):
    arrangement_services.attendee_add(
        actor=hmi, assessment=assessment, role=AttendeeRole.DIRECTOR, name="Dana Director"
    )
    with pytest.raises(AlreadyDone) as excinfo:
        arrangement_services.attendee_add(
            actor=link_officer,
            assessment=assessment,
            role=AttendeeRole.DIRECTOR,
            name="dana  director ",
        )
    assert excinfo.value.by == hmi
    assert Attendee.objects.count() == 1
    # Someone else, or the same name in another role, is another attendee.
    arrangement_services.attendee_add(
        actor=hmi, assessment=assessment, role=AttendeeRole.DIRECTOR, name="Lee Director"
    )
    arrangement_services.attendee_add(
        actor=hmi, assessment=assessment, role=AttendeeRole.KEY_OFFICER, name="Dana Director"
    )
    assert Attendee.objects.count() == 3


# --- At once (PostgreSQL only: SQLite writes one at a time, so has nothing to race) ----------


@pytest.mark.django_db(transaction=True)
def test_two_sends_of_the_agenda_at_once_send_one_agenda_and_one_email_002_s_g(
    ready_to_send, hmi, link_officer, mailoutbox
):
    """The same page posted twice at once (a double click): one agenda, one email."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    assessment, version = ready_to_send, lock_version(ready_to_send)
    outcome = at_once(
        [
            lambda: agenda_services.agenda_send(
                actor=hmi, assessment=assessment, expected_lock_version=version
            )
        ]
        * 2
    )
    assert sorted(type(o).__name__ for o in outcome) == ["AlreadyDone", "MeetingRecord"]
    assert agendas() == 1
    assert len(mailoutbox) == 1  # the email goes on commit, from the one send that committed


@pytest.mark.django_db(transaction=True)
def test_three_attendee_adds_at_once_make_one_attendee_002_s_g_iii(assessment, hmi):
    """Bug 7: "three concurrent attendee adds made three"."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    outcome = at_once(
        [
            lambda: arrangement_services.attendee_add(
                actor=hmi, assessment=assessment, role=AttendeeRole.DIRECTOR, name="Dana Director"
            )
        ]
        * 3
    )
    assert sorted(type(o).__name__ for o in outcome) == ["AlreadyDone", "AlreadyDone", "Attendee"]
    assert Attendee.objects.count() == 1
    assert AuditEntry.objects.filter(verb="meeting.attendee_added").count() == 1


def test_the_wording_of_an_agenda_already_sent(ready_to_send, hmi, link_officer):
    record = agenda_services.agenda_send(actor=hmi, assessment=ready_to_send)
    assert common_services.already_sent_text(record) == (
        f"Agenda 1 was already sent to {link_officer.email}"
    )
