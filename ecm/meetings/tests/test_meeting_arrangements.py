"""Arranging the APA meeting (002 §G.ii, §G.iii): who opens the meeting is one of the people the
handbook names, the council removes only its own side of the attendees, a removal happens once
however often it is asked for, and a change to the attendees (sent with the agenda) is seen by
the lock of a send page read before it."""

import threading
import time

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from ecm.apa.models import Attendee, AttendeeRole, Meeting, MeetingRecord
from ecm.audit.selectors import audit_history
from ecm.core.locking import stale_message
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import arrangements as arrangement_services
from ecm.meetings.services.meetings import common as common_services

pytestmark = pytest.mark.django_db


def refused(call, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        call(**kwargs)
    return excinfo.value


def verbs(assessment) -> list[str]:
    return list(audit_history(target=assessment).values_list("verb", flat=True))


def lock_version(assessment) -> int:
    return Meeting.objects.get(assessment=assessment).lock_version


def add(actor, assessment, role: str, name: str) -> Attendee:
    return arrangement_services.attendee_add(
        actor=actor, assessment=assessment, role=role, name=name
    )


def page(name: str, assessment, *args) -> str:
    return reverse(f"meetings:{name}", args=[assessment.pk, *args])


def hidden_value(response, name: str) -> str:
    html = lxml.html.fromstring(response.content.decode())
    (node,) = html.xpath(f"//input[@type='hidden'][@name='{name}']")
    return node.get("value", "")


def error_summary(response) -> str:
    html = lxml.html.fromstring(response.content.decode())
    nodes = html.xpath("//div[contains(concat(' ', @class, ' '), ' govuk-error-summary ')]")
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


@pytest.fixture
def ready_to_send(assessment, hmi, link_officer):
    """A drafted agenda with every item written, a chair, and the council's link officer to
    receive it."""
    arrangement_services.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
    agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    return agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts={n: f"What item {n} will cover" for n in range(1, 9)},
        expected_lock_version=lock_version(assessment),
    )


# --- Who opens the meeting (002 §G.ii) --------------------------------------------------------


@pytest.mark.parametrize("opened_by", ["mayor", "lead_member", "Director", None])
def test_an_unknown_opener_is_refused_not_made_the_chair_002_s_g_ii(assessment, hmi, opened_by):
    """002 §G.ii: "The Ofsted inspector or the BRM will chair the meeting, but it may be
    appropriate for the Chief Executive or the Director of Children's Services to open the
    meeting". Anyone else is refused with a message, never saved as "the chair"."""
    error = refused(
        arrangement_services.meeting_chair_set,
        actor=hmi,
        assessment=assessment,
        chair="ofsted",
        opened_by=opened_by,
    )
    assert error.message_dict == {"opened_by": [arrangement_services.NO_OPENER]}
    assert not Meeting.objects.filter(assessment=assessment).exclude(chair="").exists()
    assert "meeting.chair_set" not in verbs(assessment)


def test_an_unknown_opener_and_no_chair_are_both_said_002_s_g_ii(assessment, hmi):
    """002 §G.ii: every problem on the page is named at once."""
    error = refused(
        arrangement_services.meeting_chair_set,
        actor=hmi,
        assessment=assessment,
        chair="council",
        opened_by="mayor",
    )
    assert error.message_dict == {
        "chair": [common_services.NO_CHAIR],
        "opened_by": [arrangement_services.NO_OPENER],
    }


@pytest.mark.parametrize("opened_by", ["", "chief_executive", "director"])
def test_the_chair_the_chief_executive_or_the_director_opens_002_s_g_ii(assessment, hmi, opened_by):
    """002 §G.ii: the chair opens the meeting ("") unless the chief executive or the director
    of children's services does."""
    meeting = arrangement_services.meeting_chair_set(
        actor=hmi, assessment=assessment, chair="csci", opened_by=opened_by
    )
    assert (meeting.chair, meeting.opened_by) == ("csci", opened_by)
    assert audit_history(target=assessment).first().after["opened_by"] == opened_by


def test_the_chair_page_refuses_an_unknown_opener_002_s_g_ii(client, assessment, hmi):
    """002 §G.ii: a tampered opener on the chair page is refused with the same message."""
    client.force_login(hmi)
    form = client.get(page("meeting-chair", assessment))
    response = client.post(
        page("meeting-chair", assessment),
        {
            "chair": "ofsted",
            "opened_by": "mayor",
            "lock_version": hidden_value(form, "lock_version"),
        },
    )
    assert response.status_code == 200
    assert arrangement_services.NO_OPENER in error_summary(response)
    assert "meeting.chair_set" not in verbs(assessment)


# --- Removing an attendee (002 §G.iii) --------------------------------------------------------


@pytest.mark.parametrize("role", [AttendeeRole.HMI, AttendeeRole.BRM, AttendeeRole.CSCI_OBSERVER])
def test_the_council_cannot_remove_an_inspectorate_attendee_002_s_g_iii(
    assessment, hmi, link_officer, role
):
    """002 §G.ii-iii: the council brings its own people and the partners it invites; the HMI
    and the BRM decide who comes from the inspectorates, so the council cannot remove them,
    whichever page or call asks."""
    attendee = arrangement_services.attendee_add(
        actor=hmi, assessment=assessment, role=role, name="Ina Inspector", reason="Observing"
    )
    error = refused(arrangement_services.attendee_remove, actor=link_officer, attendee=attendee)
    assert error.messages == [
        arrangement_services.COUNCIL_CANNOT_REMOVE_INSPECTORATE.format(name="Ina Inspector")
    ]
    assert Attendee.objects.filter(pk=attendee.pk).exists()
    assert "meeting.attendee_removed" not in verbs(assessment)


def test_the_council_removes_its_own_people_and_the_inspectors_anyone_002_s_g_iii(
    assessment, hmi, link_officer
):
    """002 §G.iii: the council removes the people it brought; the inspectors may remove anyone
    from the small group."""
    director = add(link_officer, assessment, AttendeeRole.DIRECTOR, "Dana Director")
    brm = add(hmi, assessment, AttendeeRole.BRM, "Bea BRM")
    arrangement_services.attendee_remove(actor=link_officer, attendee=director)
    arrangement_services.attendee_remove(actor=hmi, attendee=brm)
    assert not Attendee.objects.exists()
    assert verbs(assessment).count("meeting.attendee_removed") == 2


def test_removing_twice_is_one_removal_with_one_audit_entry_002_s_g_iii(assessment, hmi):
    """002 §G.iii; quality bar: Security (one change, one audit entry). The second removal is
    refused with a message saying it is already done."""
    attendee = add(hmi, assessment, AttendeeRole.DIRECTOR, "Dana Director")
    arrangement_services.attendee_remove(actor=hmi, attendee=attendee)
    error = refused(arrangement_services.attendee_remove, actor=hmi, attendee=attendee)
    assert error.messages == [arrangement_services.ALREADY_REMOVED.format(name="Dana Director")]
    assert verbs(assessment).count("meeting.attendee_removed") == 1


def test_a_second_post_of_the_remove_page_is_not_found_002_s_g_iii(
    client, assessment, hmi, link_officer
):
    """002 §G.iii: pressing "Remove attendee" twice removes once; the second answer is 404."""
    attendee = add(link_officer, assessment, AttendeeRole.DIRECTOR, "Dana Director")
    client.force_login(link_officer)
    url = page("meeting-attendee-remove", assessment, attendee.pk)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404
    assert not Attendee.objects.exists()
    assert verbs(assessment).count("meeting.attendee_removed") == 1


# --- The attendees go with the agenda (002 §G.ii, §G.iii) -------------------------------------


def test_adding_and_removing_an_attendee_changes_the_meetings_lock_002_s_g_ii(assessment, hmi):
    """002 §G.ii: the agenda is sent with the attendees (§G.iii), so adding or removing one is a
    change to what is sent: each moves the meeting's lock_version on."""
    arrangement_services.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
    before = lock_version(assessment)
    attendee = add(hmi, assessment, AttendeeRole.DIRECTOR, "Dana Director")
    assert lock_version(assessment) == before + 1
    arrangement_services.attendee_remove(actor=hmi, attendee=attendee)
    assert lock_version(assessment) == before + 2


@pytest.mark.parametrize("change", ["add", "remove"])
def test_an_agenda_checked_before_the_attendees_changed_is_not_sent_002_s_g_ii(
    assessment, hmi, link_officer, ready_to_send, change
):
    """002 §G.ii: what the Lead checked is what is sent, or nothing is. The council changing
    its attendees after the send page was read refuses the send as stale."""
    director = add(link_officer, assessment, AttendeeRole.DIRECTOR, "Dana Director")
    checked = lock_version(assessment)
    if change == "add":
        add(link_officer, assessment, AttendeeRole.LEAD_MEMBER, "Lee Member")
    else:
        arrangement_services.attendee_remove(actor=link_officer, attendee=director)
    error = refused(
        agenda_services.agenda_send,
        actor=hmi,
        assessment=assessment,
        expected_lock_version=checked,
    )
    assert error.messages == [stale_message(what=common_services.MEETING)]
    assert not MeetingRecord.objects.exists()
    record = agenda_services.agenda_send(
        actor=hmi, assessment=assessment, expected_lock_version=lock_version(assessment)
    )
    names = [a["name"] for a in record.content["attendees"]]
    assert names == (["Dana Director", "Lee Member"] if change == "add" else [])


def test_the_send_page_refuses_once_the_council_added_an_attendee_002_s_g_ii(
    client, assessment, hmi, link_officer, ready_to_send
):
    """002 §G.ii-iii: the Lead's send page, read before the council added someone, does not send
    an agenda listing attendees the Lead never saw."""
    client.force_login(hmi)
    check = client.get(page("meeting-agenda-send", assessment))
    add(link_officer, assessment, AttendeeRole.DIRECTOR, "Dana Director")
    response = client.post(
        page("meeting-agenda-send", assessment),
        {"lock_version": hidden_value(check, "lock_version")},
    )
    assert response.status_code == 200
    assert stale_message(what=common_services.MEETING) in error_summary(response)
    assert not MeetingRecord.objects.exists()


# --- Two removals at once (PostgreSQL only: SQLite has no row locks) --------------------------


@pytest.mark.django_db(transaction=True)
def test_two_removals_at_once_are_one_removal_with_one_audit_entry_002_s_g_iii(assessment, hmi):
    """002 §G.iii; quality bar: Security. A removal still open in one transaction holds the
    meeting's lock; a second removal waits for it, then finds the attendee gone."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) need PostgreSQL")
    attendee = add(hmi, assessment, AttendeeRole.DIRECTOR, "Dana Director")
    first_holds_its_lock = threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                arrangement_services.attendee_remove(actor=hmi, attendee=attendee)
                first_holds_its_lock.set()
                time.sleep(0.5)  # the second removal starts, and must wait for this commit
            outcome["first"] = "removed"
        finally:
            connection.close()

    def second():
        first_holds_its_lock.wait(5)
        try:
            arrangement_services.attendee_remove(actor=hmi, attendee=attendee)
            outcome["second"] = "removed"
        except ValidationError as error:
            outcome["second"] = error.messages
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome == {
        "first": "removed",
        "second": [arrangement_services.ALREADY_REMOVED.format(name="Dana Director")],
    }
    assert verbs(assessment).count("meeting.attendee_removed") == 1
