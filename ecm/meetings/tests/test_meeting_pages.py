"""The APA meeting's pages through Django's test client (issue 6 items 1-3; 002 §G): who may open
each page, the Lead's own actions, the whole meeting from the date to the shared notes, the
council kept to what was sent to it and never shown a grade (002 §A), the GOV.UK error summary
on a refused date, and a fixed number of queries whatever the number of notes."""

from datetime import date

import lxml.html
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.analysis.models import PackItem
from ecm.analysis.pack import SupportingType
from ecm.analysis.tests.fixtures import docx_bytes
from ecm.apa.models import (
    Attendee,
    AttendeeRole,
    Meeting,
    MeetingChair,
    MeetingNote,
    MeetingRecord,
    MeetingRecordKind,
)
from ecm.apa.models.meetings import SMALL_GROUP
from ecm.core import forms as core_forms
from ecm.core.grade_numbers import quoted, states_a_grade
from ecm.core.locking import stale_message
from ecm.meetings import meeting_forms as forms
from ecm.meetings.agenda import item_unwritten
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import arrangements as arrangement_services
from ecm.meetings.services.meetings import common as common_services
from ecm.meetings.services.meetings import notes as notes_services
from ecm.meetings.views.meetings import records as records_views

pytestmark = pytest.mark.django_db

TUESDAY = date(2007, 7, 17)
SATURDAY = date(2007, 7, 14)
AFTER_JULY = date(2007, 8, 2)  # a Thursday, after the round's 31 July 2007
INTERIM_WORDS = {
    "children_services": "Services work well together and outcomes are improving",
    "education": "Schools improve quickly with effective support",
    "social_care": "Children in need are safe and well supported",
    "capacity": "Leadership is ambitious and priorities are clear",
}


# --- helpers ----------------------------------------------------------------------------------


def page(name: str, assessment, *args) -> str:
    return reverse(f"meetings:{name}", args=[assessment.pk, *args])


def parsed(response):
    return lxml.html.fromstring(response.content.decode())


def words(response) -> str:
    """The page's visible words, whitespace collapsed."""
    return " ".join(parsed(response).text_content().split())


def _with_class(tag: str, css: str) -> str:
    return f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {css} ')]"


def error_summary(response) -> str:
    nodes = parsed(response).xpath(_with_class("div", "govuk-error-summary"))
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


def success_banner(response) -> str:
    nodes = parsed(response).xpath(_with_class("div", "govuk-notification-banner--success"))
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


def hidden_value(response, name: str) -> str:
    (node,) = parsed(response).xpath(f"//input[@type='hidden'][@name='{name}']")
    return node.get("value", "")


def _graded(where: str, *found: str) -> str:
    """The refusal of a grade as a number, as the error summary reads it (one line)."""
    message = common_services.STATES_A_GRADE.format(where=where, found=quoted(list(found)))
    return " ".join(message.split())


def day_fields(name: str, value: date) -> dict:
    """The GOV.UK date input's three boxes."""
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def meeting_of(assessment) -> Meeting:
    return Meeting.objects.get(assessment=assessment)


def docx_upload(name="additional.docx", text="The council's latest attendance figures"):
    return SimpleUploadedFile(name, docx_bytes(text), content_type="application/octet-stream")


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def lead(hmi):
    """The HMI is the Lead of `assessment` (ecm/analysis/tests/fixtures.py)."""
    return hmi


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


@pytest.fixture
def other_link_officer(make_user, other_council):
    return make_user(Role.LINK_OFFICER, council=other_council)


@pytest.fixture
def unassigned_brm(make_user):
    return make_user(Role.BRM)


@pytest.fixture
def arranged(assessment, lead, link_officer):
    """A meeting with an agreed date, a chair, two attendees and a drafted agenda."""
    arrangement_services.meeting_date_propose(
        actor=lead, assessment=assessment, day=TUESDAY, venue="Town Hall"
    )
    arrangement_services.meeting_date_answer(actor=link_officer, assessment=assessment, agree=True)
    arrangement_services.meeting_chair_set(
        actor=lead, assessment=assessment, chair=MeetingChair.OFSTED
    )
    arrangement_services.attendee_add(
        actor=lead, assessment=assessment, role=AttendeeRole.DIRECTOR, name="Dana Director"
    )
    arrangement_services.attendee_add(
        actor=lead, assessment=assessment, role=AttendeeRole.HMI, name="Hal HMI"
    )
    agenda_services.agenda_draft(actor=lead, assessment=assessment)
    write_agenda(assessment, lead)
    return meeting_of(assessment)


def write_agenda(assessment, actor, **changes) -> Meeting:
    """Write the items the notebook could not fill (an empty notebook fills only 1 and 8)."""
    the_meeting = meeting_of(assessment)
    texts = {
        i["number"]: i["text"] if not item_unwritten(i["text"]) else f"Item {i['number']} text"
        for i in the_meeting.agenda
    }
    return agenda_services.agenda_save(
        actor=actor,
        assessment=assessment,
        texts=texts | changes,
        expected_lock_version=the_meeting.lock_version,
    )


@pytest.fixture
def sent(arranged, assessment, lead, django_capture_on_commit_callbacks):
    """The arranged meeting with its agenda sent to the council (agenda record 1)."""
    with django_capture_on_commit_callbacks(execute=True):
        return agenda_services.agenda_send(actor=lead, assessment=assessment)


@pytest.fixture
def noted(sent, assessment, lead):
    """A note on item 4 with additional information, the interim judgements and the meeting
    held: ready to share."""
    note = notes_services.meeting_note_add(
        actor=lead,
        assessment=assessment,
        agenda_item=4,
        raised_by="The director",
        issue="How secure is the judgement on attendance?",
        response="Secure on this year's figures",
        upload=docx_upload(),
        upload_title="Attendance figures, summer term",
    )
    notes_services.interim_judgements_save(
        actor=lead, assessment=assessment, judgements=INTERIM_WORDS, expected_lock_version=None
    )
    notes_services.meeting_held_record(actor=lead, assessment=assessment, held_on=TUESDAY)
    return note


@pytest.fixture
def objects_of(make_assessment, other_council, lead, other_link_officer):
    """Another council's meeting with an attendee, a note and a sent agenda record: the URL
    kwargs the 404 tests borrow."""
    other = make_assessment(council=other_council)
    arrangement_services.meeting_chair_set(actor=lead, assessment=other, chair=MeetingChair.CSCI)
    attendee = arrangement_services.attendee_add(
        actor=lead, assessment=other, role=AttendeeRole.DIRECTOR, name="Other Director"
    )
    note = notes_services.meeting_note_add(
        actor=lead, assessment=other, agenda_item=2, raised_by="Them", issue="Another issue"
    )
    agenda_services.agenda_draft(actor=lead, assessment=other)
    write_agenda(other, lead)
    record = agenda_services.agenda_send(actor=lead, assessment=other)
    return {"attendee": attendee, "note": note, "record": record}


INSPECTOR_GET_PAGES = [
    "meeting",
    "meeting-date",
    "meeting-chair",
    "meeting-attendee-add",
    "meeting-agenda",
    "meeting-agenda-draft",
    "meeting-agenda-send",
    "meeting-note-add",
    "meeting-interim",
    "meeting-held",
    "meeting-notes-share",
]
LEAD_ONLY = ["meeting-date", "meeting-chair", "meeting-agenda-send", "meeting-notes-share"]
RUN_PAGES = ["meeting-agenda", "meeting-agenda-draft", "meeting-note-add", "meeting-interim"]
COUNCIL_PAGES = ["meeting", "meeting-date-answer", "meeting-attendee-add"]
INSPECTOR_ONLY = [p for p in INSPECTOR_GET_PAGES if p not in COUNCIL_PAGES]


# --- who may open what ------------------------------------------------------------------------


@pytest.mark.parametrize("name", INSPECTOR_GET_PAGES)
def test_every_inspector_page_renders_for_the_lead(client, arranged, assessment, lead, name):
    """002 §A: the Lead arranges the meeting; 002 §G.ii: the HMI and BRM run it together."""
    client.force_login(lead)
    response = client.get(page(name, assessment))
    assert response.status_code == 200, name


@pytest.mark.parametrize("name", ["meeting", "meeting-attendee-add", "meeting-held", *RUN_PAGES])
def test_the_brm_who_is_not_lead_runs_the_meeting(client, arranged, assessment, brm, name):
    """002 §G.ii: "BRM and HMI should agree roles for the meeting"; both keep the notes."""
    client.force_login(brm)
    assert client.get(page(name, assessment)).status_code == 200


@pytest.mark.parametrize("name", LEAD_ONLY)
def test_the_lead_only_actions_refuse_the_inspector_who_is_not_lead(
    client, arranged, assessment, brm, name
):
    """002 §A: the Lead confirms the date and agrees the agenda: the other inspector is answered
    404, on GET and on POST, and nothing is sent."""
    client.force_login(brm)
    assert client.get(page(name, assessment)).status_code == 404
    assert client.post(page(name, assessment), {"lock_version": 1}).status_code == 404
    assert not MeetingRecord.objects.exists()


@pytest.mark.parametrize("name", COUNCIL_PAGES)
def test_the_councils_own_pages_render_for_its_users(
    client, arranged, assessment, link_officer, director, name
):
    for user in (link_officer, director):
        client.force_login(user)
        assert client.get(page(name, assessment)).status_code == 200, (name, user)


@pytest.mark.parametrize("name", INSPECTOR_ONLY)
def test_a_council_user_is_refused_the_inspectors_pages(
    client, arranged, assessment, link_officer, name
):
    """002 §A: the council sees nothing of the working agenda, the notes or the judgements."""
    client.force_login(link_officer)
    assert client.get(page(name, assessment)).status_code == 404


def hrefs(response) -> set[str]:
    return {a.get("href") for a in parsed(response).xpath("//main//a")}


def test_readers_across_councils_see_the_meeting_and_change_nothing(
    client, noted, sent, assessment, programme_administrator, management_reader, moderator
):
    """The programme, management readers and moderators read across councils (issue 2): they
    see the meeting and what was sent, with no link to change it, and its forms answer 404."""
    changes = [page(n, assessment) for n in [*LEAD_ONLY, *RUN_PAGES, "meeting-attendee-add"]]
    for user in (programme_administrator, management_reader, moderator):
        client.force_login(user)
        response = client.get(page("meeting", assessment))
        assert response.status_code == 200
        assert "How secure is the judgement on attendance?" in words(response)
        assert not hrefs(response) & set(changes)
        assert client.get(page("meeting-record", assessment, sent.pk)).status_code == 200
        assert client.get(page("meeting-note-add", assessment)).status_code == 404
        assert client.get(page("meeting-note-edit", assessment, noted.pk)).status_code == 404


def test_only_the_lead_is_offered_the_leads_actions(client, arranged, assessment, lead, brm):
    """002 §A: the Lead proposes the date, decides the chair with the BRM, sends the agenda
    and shares the notes; the BRM sees the meeting without those links."""
    lead_links = {page(n, assessment) for n in LEAD_ONLY}
    client.force_login(lead)
    assert lead_links <= hrefs(client.get(page("meeting", assessment)))
    client.force_login(brm)
    links = hrefs(client.get(page("meeting", assessment)))
    assert not links & lead_links
    assert page("meeting-note-add", assessment) in links


def test_a_council_user_cannot_open_a_note_or_an_inspectors_attendee(
    client, noted, assessment, link_officer
):
    client.force_login(link_officer)
    assert client.get(page("meeting-note-edit", assessment, noted.pk)).status_code == 404
    hmi_attendee = Attendee.objects.get(role=AttendeeRole.HMI)
    assert (
        client.get(page("meeting-attendee-remove", assessment, hmi_attendee.pk)).status_code == 404
    )


def test_the_inspectors_cannot_answer_for_the_council(client, sent, assessment, lead):
    """002 §G.ii: the council agrees the agenda; the inspectors cannot agree it for it."""
    client.force_login(lead)
    assert client.get(page("meeting-date-answer", assessment)).status_code == 404
    assert client.get(page("meeting-record-answer", assessment, sent.pk)).status_code == 404
    response = client.post(page("meeting-record-answer", assessment, sent.pk), {"answer": "agree"})
    assert response.status_code == 404
    sent.refresh_from_db()
    assert sent.agreed_at is None


@pytest.mark.parametrize(
    "name",
    [*INSPECTOR_GET_PAGES, "meeting-date-answer", "meeting-record", "meeting-record-answer"],
)
def test_another_councils_user_and_an_unassigned_inspector_get_404(
    client, sent, assessment, other_link_officer, unassigned_brm, name
):
    """Issue 2 quality bar: a council sees only its own council; an inspector not assigned to
    the assessment sees nothing of it. A refused page is a 404, as a missing one."""
    args = [sent.pk] if name.startswith("meeting-record") else []
    for user in (other_link_officer, unassigned_brm):
        client.force_login(user)
        assert client.get(page(name, assessment, *args)).status_code == 404, (name, user)


def test_a_url_naming_another_meetings_object_is_404(
    client, sent, assessment, lead, link_officer, objects_of
):
    """An attendee, a note or a record of another council's meeting, under this meeting's URL,
    is not found: never shown, changed or answered."""
    client.force_login(lead)
    attendee, note, record = objects_of["attendee"], objects_of["note"], objects_of["record"]
    assert client.get(page("meeting-attendee-remove", assessment, attendee.pk)).status_code == 404
    assert client.post(page("meeting-attendee-remove", assessment, attendee.pk)).status_code == 404
    assert Attendee.objects.filter(pk=attendee.pk).exists()
    assert client.get(page("meeting-note-edit", assessment, note.pk)).status_code == 404
    assert client.get(page("meeting-record", assessment, record.pk)).status_code == 404
    client.force_login(link_officer)
    assert client.get(page("meeting-record", assessment, record.pk)).status_code == 404
    response = client.post(
        page("meeting-record-answer", assessment, record.pk), {"answer": "agree"}
    )
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.agreed_at is None


def test_the_pages_render_before_anything_is_arranged(client, assessment, lead, link_officer):
    """Reading a page never writes: no meeting is created until someone changes something."""
    client.force_login(lead)
    response = client.get(page("meeting", assessment))
    assert response.status_code == 200
    assert "Not proposed yet" in words(response)
    assert client.get(page("meeting-agenda", assessment)).status_code == 200
    client.force_login(link_officer)
    response = client.get(page("meeting-date-answer", assessment))
    assert response.status_code == 200
    assert arrangement_services.NO_PROPOSED_DATE in words(response)
    assert not Meeting.objects.exists()


# --- the whole meeting through the pages ------------------------------------------------------


def test_the_whole_meeting_from_the_date_to_the_shared_notes(
    client,
    assessment,
    lead,
    brm,
    link_officer,
    django_capture_on_commit_callbacks,
):
    """002 §A and §G: the Lead proposes a date and the council agrees it; who chairs; the
    attendees; the agenda drafted from the notebook, edited, sent by email and agreed; notes of
    the issues raised with the council's additional information kept in the pack (002 §G.i.2);
    interim judgements in words; the meeting held; the agreed notes shared with the council."""
    client.force_login(lead)
    form = client.get(page("meeting-date", assessment))
    response = client.post(
        page("meeting-date", assessment),
        {
            **day_fields("day", TUESDAY),
            "starts_at": "10am",
            "venue": "Town Hall, committee room 2",
            "late_reason": "",
            "lock_version": hidden_value(form, "lock_version"),
        },
        follow=True,
    )
    assert "You proposed Tuesday 17 July 2007" in success_banner(response)
    the_meeting = meeting_of(assessment)
    assert (the_meeting.date, the_meeting.starts_at.hour) == (TUESDAY, 10)

    client.force_login(link_officer)
    response = client.get(page("meeting", assessment))
    assert "Tuesday 17 July 2007" in words(response)
    assert page("meeting-date-answer", assessment) in response.content.decode()
    form = client.get(page("meeting-date-answer", assessment))
    response = client.post(
        page("meeting-date-answer", assessment),
        {"answer": "agree", "comment": "", "lock_version": hidden_value(form, "lock_version")},
        follow=True,
    )
    assert "You agreed the date of the meeting" in success_banner(response)
    assert meeting_of(assessment).date_agreed_by == link_officer

    client.force_login(lead)
    form = client.get(page("meeting-chair", assessment))
    response = client.post(
        page("meeting-chair", assessment),
        {
            "chair": "ofsted",
            "opened_by": "director",
            "lock_version": hidden_value(form, "lock_version"),
        },
        follow=True,
    )
    assert success_banner(response)
    assert meeting_of(assessment).chair == MeetingChair.OFSTED

    response = client.post(
        page("meeting-attendee-add", assessment),
        {"role": "director", "name": "Dana Director", "job_title": "DCS", "organisation": ""},
        follow=True,
    )
    assert "Dana Director was added to the attendees" in success_banner(response)
    client.force_login(link_officer)
    response = client.post(
        page("meeting-attendee-add", assessment),
        {"role": "partner", "name": "Pat Partner", "organisation": "Primary Care Trust"},
        follow=True,
    )
    assert "Pat Partner was added" in success_banner(response)
    partner = Attendee.objects.get(name="Pat Partner")
    assert partner.at_council_invitation  # the council invited them by adding them

    client.force_login(brm)
    response = client.post(page("meeting-agenda-draft", assessment), follow=True)
    assert "The agenda was drafted from the evidence notebook" in success_banner(response)
    form = client.get(page("meeting-agenda", assessment))
    data = {
        f"item_{n}": parsed(form).xpath(f"//textarea[@name='item_{n}']")[0].text or ""
        for n in range(1, 9)
    }
    data = {k: f"Written by the BRM: {k}" if item_unwritten(v) else v for k, v in data.items()}
    data["item_2"] = "Themes: partnership working is strong."
    data["item_6"] = "The attendance of looked after children."
    data["lock_version"] = hidden_value(form, "lock_version")
    response = client.post(page("meeting-agenda", assessment), data, follow=True)
    assert "The agenda was saved" in success_banner(response)

    client.force_login(lead)
    check = client.get(page("meeting-agenda-send", assessment))
    shown = words(check)
    assert link_officer.email in shown
    assert "Themes: partnership working is strong." in shown
    assert "Pat Partner" in shown
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page("meeting-agenda-send", assessment),
            {"lock_version": hidden_value(check, "lock_version")},
            follow=True,
        )
    assert f"Agenda 1 was sent to {link_officer.email}" in success_banner(response)
    (email,) = mail.outbox
    assert email.to == [link_officer.email]
    record = MeetingRecord.objects.get(kind=MeetingRecordKind.AGENDA)
    assert page("meeting-record", assessment, record.pk) in email.body

    client.force_login(link_officer)
    response = client.get(page("meeting", assessment))
    assert "Themes: partnership working is strong." in words(response)
    response = client.post(
        page("meeting-record-answer", assessment, record.pk),
        {"answer": "agree", "comment": ""},
        follow=True,
    )
    assert "You agreed the agenda" in success_banner(response)
    record.refresh_from_db()
    assert record.agreed_by == link_officer

    client.force_login(brm)
    response = client.post(
        page("meeting-note-add", assessment),
        {
            "agenda_item": "5",
            "raised_by": "The director of children's services",
            "issue": "The attendance figures are out of date",
            "response": "The inspectors will take the new figures into account",
            "file": docx_upload(),
            "upload_title": "Attendance figures, summer term",
        },
        follow=True,
    )
    assert "kept in the information pack" in success_banner(response)
    note = MeetingNote.objects.get()
    item = PackItem.objects.get(pk=note.pack_item_id)
    assert (item.assessment, item.source_type) == (assessment, SupportingType.MEETING_INFORMATION)
    assert item.title == "Attendance figures, summer term"

    form = client.get(page("meeting-interim", assessment))
    response = client.post(
        page("meeting-interim", assessment),
        {**INTERIM_WORDS, "lock_version": hidden_value(form, "lock_version")},
        follow=True,
    )
    assert "The interim judgements were saved" in success_banner(response)
    form = client.get(page("meeting-held", assessment))
    response = client.post(
        page("meeting-held", assessment),
        {**day_fields("held_on", TUESDAY), "lock_version": hidden_value(form, "lock_version")},
        follow=True,
    )
    assert "The meeting was held on Tuesday 17 July 2007" in success_banner(response)
    overview = words(response)
    assert "The attendance figures are out of date" in overview
    assert "Attendance figures, summer term" in overview

    client.force_login(link_officer)
    assert "The attendance figures are out of date" not in words(
        client.get(page("meeting", assessment))
    )

    client.force_login(lead)
    check = client.get(page("meeting-notes-share", assessment))
    assert "The attendance figures are out of date" in words(check)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page("meeting-notes-share", assessment),
            {"lock_version": hidden_value(check, "lock_version")},
            follow=True,
        )
    assert f"The notes were shared with {assessment.council.name}" in success_banner(response)
    assert len(mail.outbox) == 2
    notes = MeetingRecord.objects.get(kind=MeetingRecordKind.NOTES)

    client.force_login(link_officer)
    response = client.get(page("meeting", assessment))
    assert page("meeting-record", assessment, notes.pk) in response.content.decode()
    shown = words(client.get(page("meeting-record", assessment, notes.pk)))
    assert "The attendance figures are out of date" in shown
    assert INTERIM_WORDS["capacity"] in shown
    assert "Attendance figures, summer term" in shown


# --- the council sees only what was sent, and no grade (002 §A) -------------------------------


def test_the_council_never_sees_the_working_agenda_or_notes_not_shared(
    client, sent, assessment, lead, link_officer
):
    """Issue 6 §2-3: what the council sees is what was sent, never the working copy."""
    the_meeting = meeting_of(assessment)
    agenda_services.agenda_save(
        actor=lead,
        assessment=assessment,
        texts={i["number"]: i["text"] for i in the_meeting.agenda} | {2: "A working change"},
        expected_lock_version=the_meeting.lock_version,
    )
    notes_services.meeting_note_add(
        actor=lead, assessment=assessment, agenda_item=3, raised_by="Lead", issue="Unshared issue"
    )
    client.force_login(link_officer)
    shown = words(client.get(page("meeting", assessment)))
    assert "A working change" not in shown
    assert "Unshared issue" not in shown
    assert sent.content["items"][1]["text"].split("\n")[0][:40] in shown
    client.force_login(lead)
    assert "The working copy has changed since agenda 1 was sent" in words(
        client.get(page("meeting", assessment))
    )


def test_the_council_page_shows_no_grade_until_it_is_typed_into_a_sent_agenda(
    client, assessment, lead, link_officer, write_steps, django_capture_on_commit_callbacks
):
    """002 §A: "Actual grades will not be published until a later stage". With Step 4 at 4
    (2007's "Outstanding"), the council's page has no grade word while the drafted agenda waits;
    it shows the words only once an agenda saying them has been sent."""
    write_steps(assessment, grade=4)
    arrangement_services.meeting_date_propose(actor=lead, assessment=assessment, day=TUESDAY)
    arrangement_services.meeting_chair_set(
        actor=lead, assessment=assessment, chair=MeetingChair.CSCI
    )
    agenda_services.agenda_draft(actor=lead, assessment=assessment)
    the_meeting = write_agenda(assessment, lead)
    item_4 = the_meeting.agenda[3]["text"].lower()
    assert "outstanding" in item_4  # the inspectors' working copy has the words

    client.force_login(link_officer)
    for name in COUNCIL_PAGES:
        shown = words(client.get(page(name, assessment))).lower()
        for grade_word in ("outstanding", "very good", "grade"):
            assert grade_word not in shown, (name, grade_word)

    with django_capture_on_commit_callbacks(execute=True):
        record = agenda_services.agenda_send(actor=lead, assessment=assessment)
    for url in (page("meeting", assessment), page("meeting-record", assessment, record.pk)):
        shown = words(client.get(url))
        assert "outstanding" in shown.lower()  # typed into the agenda the council agreed to see
        assert not states_a_grade(shown)  # and never a grade as a number


def test_an_agenda_stating_a_grade_is_refused_on_save_and_on_send(
    client, arranged, assessment, lead, link_officer, django_capture_on_commit_callbacks
):
    """002 §A, §G.i: interim judgements "but not grades": an agenda item saying "grade 3" is
    refused with the message, on the edit page and on the send page."""
    client.force_login(lead)
    form = client.get(page("meeting-agenda", assessment))
    data = {f"item_{i['number']}": i["text"] for i in arranged.agenda}
    data["item_4"] = "Being healthy: grade 3"
    data["lock_version"] = hidden_value(form, "lock_version")
    response = client.post(page("meeting-agenda", assessment), data)
    assert response.status_code == 200
    assert _graded("item 4", "grade 3") in error_summary(response)

    # Should a grade reach the working copy another way, sending still refuses it.
    agenda = [dict(i) for i in arranged.agenda]
    agenda[3]["text"] = "Being healthy: grade 3"
    Meeting.objects.filter(pk=arranged.pk).update(agenda=agenda)
    check = client.get(page("meeting-agenda-send", assessment))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page("meeting-agenda-send", assessment),
            {"lock_version": hidden_value(check, "lock_version")},
        )
    assert _graded("item 4", "grade 3") in error_summary(response)
    assert not MeetingRecord.objects.exists()
    assert not mail.outbox


# --- the date (002 §A) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            day_fields("day", SATURDAY),
            arrangement_services.NOT_A_WORKING_DAY.format(
                day="Saturday 14 July 2007", why="a weekend"
            ),
        ),
        (
            day_fields("day", AFTER_JULY),
            arrangement_services.LATE_WITHOUT_REASON.format(by="Tuesday 31 July 2007"),
        ),
        ({"day_0": "", "day_1": "", "day_2": ""}, common_services.NO_DATE),
        (
            {"day_0": "31", "day_1": "2", "day_2": "2007"},
            core_forms.NOT_A_REAL_DATE.format(what="The date of the meeting"),
        ),
        ({"day_0": "17", "day_1": "7", "day_2": "07"}, core_forms.YEAR_IN_FULL),
    ],
    ids=["weekend", "after-july-without-reason", "blank", "not-a-date", "short-year"],
)
def test_a_refused_date_shows_the_error_summary(client, assessment, lead, fields, message):
    """002 §A: the meeting is held on a working day by the end of July, unless there is a
    reason; the GOV.UK error summary says what is wrong and how to put it right."""
    client.force_login(lead)
    response = client.post(page("meeting-date", assessment), {**fields, "lock_version": 1})
    assert response.status_code == 200
    assert message in error_summary(response)
    assert not Meeting.objects.filter(date__isnull=False).exists()


@pytest.mark.parametrize(
    ("written", "expected"),
    [("10am", "10:00"), ("2:30pm", "14:30"), ("14.30", "14:30"), ("noon", "12:00"), ("25pm", None)],
)
def test_the_start_time_is_read_as_people_write_it(client, assessment, lead, written, expected):
    client.force_login(lead)
    response = client.post(
        page("meeting-date", assessment),
        {**day_fields("day", TUESDAY), "starts_at": written, "lock_version": 1},
    )
    if expected is None:
        assert forms.BAD_TIME in error_summary(response)
        assert not Meeting.objects.filter(date__isnull=False).exists()
    else:
        assert response.status_code == 302
        assert meeting_of(assessment).starts_at.strftime("%H:%M") == expected


def test_a_date_after_july_with_a_reason_is_proposed(client, assessment, lead):
    """002 §A: a later meeting needs a reason, kept with the date and shown to the inspectors."""
    client.force_login(lead)
    response = client.post(
        page("meeting-date", assessment),
        {
            **day_fields("day", AFTER_JULY),
            "late_reason": "The director is new in post and starts on 1 August",
            "lock_version": 1,
        },
        follow=True,
    )
    assert "You proposed Thursday 2 August 2007" in success_banner(response)
    assert "The director is new in post" in words(response)


def test_a_stale_date_form_is_refused_and_nothing_saved(client, arranged, assessment, lead):
    """Quality bar: concurrent edits never silently overwrite."""
    client.force_login(lead)
    form = client.get(page("meeting-date", assessment))
    arrangement_services.meeting_date_propose(
        actor=lead, assessment=assessment, day=date(2007, 7, 18)
    )
    response = client.post(
        page("meeting-date", assessment),
        {
            **day_fields("day", date(2007, 7, 19)),
            "lock_version": hidden_value(form, "lock_version"),
        },
    )
    assert stale_message(what=common_services.MEETING) in error_summary(response)
    assert meeting_of(assessment).date == date(2007, 7, 18)


def test_the_council_asks_for_another_date_with_a_comment_and_without_javascript(
    client, assessment, lead, link_officer
):
    """The comment box sits under the "No" radio; without JavaScript it simply shows, and the
    server refuses "No" without a comment."""
    arrangement_services.meeting_date_propose(actor=lead, assessment=assessment, day=TUESDAY)
    client.force_login(link_officer)
    url = page("meeting-date-answer", assessment)
    form = client.get(url)
    assert parsed(form).xpath("//textarea[@name='comment']")
    lock = hidden_value(form, "lock_version")
    response = client.post(url, {"answer": "change", "comment": "", "lock_version": lock})
    assert arrangement_services.NO_COMMENT in error_summary(response)
    response = client.post(url, {"answer": "", "lock_version": lock})
    assert forms.NO_ANSWER in error_summary(response)
    response = client.post(
        url,
        {
            "answer": "change",
            "comment": "The director is away: 19 or 20 July suit",
            "lock_version": lock,
        },
        follow=True,
    )
    assert "You asked for another date" in success_banner(response)
    client.force_login(lead)
    assert "The director is away: 19 or 20 July suit" in words(
        client.get(page("meeting", assessment))
    )


# --- attendees (002 §G.ii-iii) ----------------------------------------------------------------


def test_the_council_adds_and_removes_only_its_own_side(client, arranged, assessment, link_officer):
    """002 §G.iii: the council brings its own people and invites partners; the inspectors add
    theirs. The council cannot add or remove an inspector."""
    client.force_login(link_officer)
    form = client.get(page("meeting-attendee-add", assessment))
    roles = {n.get("value") for n in parsed(form).xpath("//input[@name='role']")}
    assert roles == {r.value for r in arrangement_services.COUNCIL_SIDE}
    response = client.post(page("meeting-attendee-add", assessment), {"role": "hmi", "name": "X"})
    assert response.status_code == 200 and error_summary(response)
    assert not Attendee.objects.filter(name="X").exists()
    hmi_attendee = Attendee.objects.get(role=AttendeeRole.HMI)
    url = page("meeting-attendee-remove", assessment, hmi_attendee.pk)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    director = Attendee.objects.get(role=AttendeeRole.DIRECTOR)
    url = page("meeting-attendee-remove", assessment, director.pk)
    assert "Remove Dana Director from the meeting?" in words(client.get(url))
    response = client.post(url, follow=True)
    assert "Dana Director was removed from the attendees" in success_banner(response)
    assert not Attendee.objects.filter(pk=director.pk).exists()


def test_an_observer_needs_a_reason_and_a_partner_the_councils_invitation(
    client, arranged, assessment, brm
):
    """002 §G.ii: the reasons a CSCI regional director or PIM attends "will be made clear";
    002 §G.iii: partners attend "at the authority's invitation"."""
    client.force_login(brm)
    url = page("meeting-attendee-add", assessment)
    response = client.post(url, {"role": "csci_observer", "name": "Rae Director"})
    assert arrangement_services.OBSERVER_WITHOUT_REASON in error_summary(response)
    response = client.post(url, {"role": "partner", "name": "Pat Partner"})
    assert arrangement_services.PARTNER_NOT_INVITED in error_summary(response)


def test_more_than_a_small_group_is_warned(client, arranged, assessment, lead):
    """002 §G.iii: "attended by a small group"; how many is a small group is a setting of ours
    (MEETING_SMALL_GROUP), and the warning says so (issue 23 §2)."""
    client.force_login(lead)
    warned = "a small group (the handbook, section G.iii)"
    assert warned not in words(client.get(page("meeting", assessment)))
    for n in range(SMALL_GROUP):
        arrangement_services.attendee_add(
            actor=lead, assessment=assessment, role=AttendeeRole.KEY_OFFICER, name=f"Officer {n}"
        )
    shown = words(client.get(page("meeting", assessment)))
    assert f"There are {SMALL_GROUP + 2} attendees" in shown
    assert warned in shown and "a number of its own, not the handbook's" in shown
    assert "002 §" not in shown.split("There are")[1][:300]


# --- the agenda (002 §G.ii, §G.iv) ------------------------------------------------------------


def test_the_agenda_page_offers_to_draft_it_and_shows_the_eight_items(client, assessment, lead):
    """002 §G.iv: the eight items, with their titles; drafted from the notebook first."""
    client.force_login(lead)
    response = client.get(page("meeting-agenda", assessment))
    assert parsed(response).xpath(
        f"//form[@action='{page('meeting-agenda-draft', assessment)}']//button"
    )
    client.post(page("meeting-agenda-draft", assessment))
    response = client.get(page("meeting-agenda", assessment))
    labels = " ".join(words_of(n) for n in parsed(response).xpath("//label"))
    assert "4. Summary of emerging judgements" in labels
    assert len(parsed(response).xpath("//textarea[starts-with(@name, 'item_')]")) == 8


def words_of(node) -> str:
    return " ".join(node.text_content().split())


def test_drafting_again_warns_that_it_replaces_the_working_copy(client, arranged, assessment, lead):
    client.force_login(lead)
    the_meeting = meeting_of(assessment)
    agenda_services.agenda_save(
        actor=lead,
        assessment=assessment,
        texts={i["number"]: i["text"] for i in the_meeting.agenda} | {6: "Typed by hand"},
        expected_lock_version=the_meeting.lock_version,
    )
    response = client.get(page("meeting-agenda-draft", assessment))
    assert "This replaces the working copy" in words(response)
    assert hidden_value(response, "replace") == "yes"
    response = client.post(page("meeting-agenda-draft", assessment))  # no confirmation
    assert agenda_services.ALREADY_DRAFTED in error_summary(response)
    client.post(page("meeting-agenda-draft", assessment), {"replace": "yes"})
    assert "Typed by hand" not in meeting_of(assessment).agenda[5]["text"]


def test_the_council_asks_for_changes_to_the_agenda_and_the_inspectors_see_them(
    client, sent, assessment, lead, link_officer
):
    client.force_login(link_officer)
    url = page("meeting-record-answer", assessment, sent.pk)
    response = client.post(url, {"answer": "change", "comment": ""})
    assert agenda_services.NO_COUNCIL_COMMENT in error_summary(response)
    response = client.post(
        url, {"answer": "change", "comment": "Add the youth service to item 5"}, follow=True
    )
    assert "You asked for changes to the agenda" in success_banner(response)
    client.force_login(lead)
    shown = words(client.get(page("meeting", assessment)))
    assert "The council asked for changes to agenda 1" in shown
    assert "Add the youth service to item 5" in shown


def test_only_the_latest_agenda_can_be_answered_and_notes_never(
    client, noted, assessment, lead, link_officer, django_capture_on_commit_callbacks
):
    first = MeetingRecord.objects.get(kind=MeetingRecordKind.AGENDA)
    the_meeting = meeting_of(assessment)
    agenda_services.agenda_save(
        actor=lead,
        assessment=assessment,
        texts={i["number"]: i["text"] for i in the_meeting.agenda} | {2: "Changed since agenda 1"},
        expected_lock_version=the_meeting.lock_version,
    )
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.agenda_send(actor=lead, assessment=assessment)
        notes = notes_services.notes_share(actor=lead, assessment=assessment)
    client.force_login(link_officer)
    response = client.get(page("meeting-record-answer", assessment, first.pk))
    # Issue 20 §3: which agenda superseded it, when and by whom.
    assert "Agenda 2, newer than agenda 1, was sent on" in words(response)
    assert records_views.NEWER_SENT in words(response)
    assert not parsed(response).xpath("//input[@name='answer']")
    assert "A newer version was sent" in words(
        client.get(page("meeting-record", assessment, first.pk))
    )
    assert client.get(page("meeting-record-answer", assessment, notes.pk)).status_code == 404


# --- notes, interim judgements, the meeting held (002 §G.i-ii) --------------------------------


def test_a_note_is_changed_with_a_reason(client, noted, assessment, brm):
    client.force_login(brm)
    url = page("meeting-note-edit", assessment, noted.pk)
    form = client.get(url)
    data = {
        "agenda_item": "4",
        "raised_by": "The director",
        "issue": "How secure is the judgement on attendance?",
        "response": "Secure on this year's and last year's figures",
        "reason": "",
        "lock_version": hidden_value(form, "lock_version"),
    }
    assert notes_services.NO_REASON in error_summary(client.post(url, data))
    response = client.post(url, data | {"reason": "The response in full"}, follow=True)
    assert "The note was changed" in success_banner(response)
    noted.refresh_from_db()
    assert noted.response == "Secure on this year's and last year's figures"


def test_the_note_form_is_multipart_and_lists_the_eight_items(client, assessment, lead):
    client.force_login(lead)
    response = client.get(page("meeting-note-add", assessment))
    (form,) = parsed(response).xpath("//main//form")
    assert form.get("enctype") == "multipart/form-data"
    options = parsed(response).xpath("//select[@name='agenda_item']/option[@value!='']")
    assert [o.get("value") for o in options] == [str(n) for n in range(1, 9)]
    assert "Key points that will feature in the APA letter" in words_of(options[6])


def test_an_interim_judgement_given_as_a_grade_is_refused(client, arranged, assessment, lead):
    """002 §G.i items 3-4: interim judgements "but not grades"."""
    client.force_login(lead)
    response = client.post(
        page("meeting-interim", assessment),
        {**INTERIM_WORDS, "education": "Education is 3/4", "lock_version": arranged.lock_version},
    )
    assert _graded("the interim judgement for education", "3/4") in error_summary(response)


@pytest.mark.parametrize(
    "graded", ["grade three", "grade-3", "Grade \uff14", "judged 3 out of 4", "rated 2", "III"]
)
def test_the_testers_variants_are_refused_on_the_interim_judgements_and_the_notes(
    client, arranged, assessment, lead, graded
):
    """002 §A, §G.i: issue 20 (observed 9) got these past the old guard on the interim
    judgements and the notes, and they reached the council in the meeting record. Each is
    refused on its field, quoted, and nothing is saved."""
    client.force_login(lead)
    response = client.post(
        page("meeting-interim", assessment),
        {
            **INTERIM_WORDS,
            "social_care": f"Social care: {graded}",
            "lock_version": arranged.lock_version,
        },
    )
    assert _graded("the interim judgement for social care", graded) in error_summary(response)
    assert not meeting_of(assessment).interim_judgements

    response = client.post(
        page("meeting-note-add", assessment),
        {"agenda_item": "4", "raised_by": "The director", "issue": f"Is it {graded}?"},
    )
    assert _graded("the issue or question raised", graded) in error_summary(response)
    assert not MeetingNote.objects.exists()


def test_sharing_the_notes_before_the_meeting_is_held_is_refused(client, sent, assessment, lead):
    client.force_login(lead)
    check = client.get(page("meeting-notes-share", assessment))
    response = client.post(
        page("meeting-notes-share", assessment),
        {"lock_version": hidden_value(check, "lock_version")},
    )
    assert notes_services.NOT_HELD in error_summary(response)
    assert not MeetingRecord.objects.filter(kind=MeetingRecordKind.NOTES).exists()


# --- a fixed number of queries ----------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_notes(assessment, actor, count: int, start: int = 0) -> None:
    # Attendees of other names: the same name in the same role is the same attendee, added once
    # (issue 20 §4).
    for n in range(start, start + count):
        notes_services.meeting_note_add(
            actor=actor,
            assessment=assessment,
            agenda_item=n % 8 + 1,
            raised_by=f"Officer {n}",
            issue=f"Issue {n}",
            response=f"Response {n}",
            upload=docx_upload(f"info-{n}.docx") if n % 3 == 0 else None,
        )
        arrangement_services.attendee_add(
            actor=actor, assessment=assessment, role=AttendeeRole.KEY_OFFICER, name=f"Key {n}"
        )


def test_the_meeting_pages_read_in_a_fixed_number_of_queries(
    client, noted, assessment, lead, link_officer, django_capture_on_commit_callbacks
):
    """Issue 6 quality bar: the overview's queries do not grow with the number of notes,
    attendees or records."""
    _add_notes(assessment, lead, 2)
    with django_capture_on_commit_callbacks(execute=True):
        first = notes_services.notes_share(actor=lead, assessment=assessment)
    pages = [
        (lead, page("meeting", assessment)),
        (link_officer, page("meeting", assessment)),
        (link_officer, page("meeting-record", assessment, first.pk)),
        (lead, page("meeting-notes-share", assessment)),
    ]
    few = []
    for user, url in pages:
        client.force_login(user)
        client.get(url)  # warm any per-process cache
        few.append(_queries(client, url))
    _add_notes(assessment, lead, 20, start=2)
    with django_capture_on_commit_callbacks(execute=True):
        notes_services.notes_share(actor=lead, assessment=assessment)
    for (user, url), count in zip(pages, few, strict=True):
        client.force_login(user)
        client.get(url)  # a browser's first page after signing in also records where it is
        assert _queries(client, url) == count, url
