"""The APA meeting's services (002 §A, §G): the date agreed with the council, the chair, the
attendees, the agenda agreed by email, the notes of the meeting and the interim judgements in
words. Each test names the rule it checks; each checks the message, what was saved and the
audit trail."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.analysis.models import PackItem
from ecm.analysis.pack import PackCategory, SupportingType
from ecm.analysis.tests.fixtures import docx_bytes
from ecm.apa.models import Attendee, Meeting, MeetingNote, MeetingRecord, MeetingRecordKind
from ecm.audit.selectors import audit_history
from ecm.core.grade_numbers import quoted
from ecm.core.locking import stale_message
from ecm.meetings.agenda import NOTHING_YET
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import arrangements as arrangement_services
from ecm.meetings.services.meetings import common as common_services
from ecm.meetings.services.meetings import notes as notes_services
from ecm.workdays.calendar import bank_holiday_name

pytestmark = pytest.mark.django_db

TUESDAY = date(2007, 7, 10)  # a working day in the APA 2007 round's analysis stage
SATURDAY = date(2007, 7, 14)
BANK_HOLIDAY = date(2007, 8, 27)  # Monday 27 August 2007, the summer bank holiday
BEFORE_ANALYSIS = date(2007, 5, 31)  # the round's analysis starts on Friday 1 June 2007
MEETING_BY = date(2007, 7, 31)  # 002 §A: the meeting is held by the end of July
AFTER_MEETING_BY = date(2007, 8, 1)
# (text, the phrase the refusal quotes): the old examples and the variants that got round the
# old guard (issue 20, observed 9).
GRADED_TEXTS = [
    ("Being healthy: grade 3", "grade 3"),
    ("Staying safe is 3/4", "3/4"),
    ("Outcomes are grade three", "grade three"),
    ("Staying safe: grade-3", "grade-3"),
    ("Capacity: Grade \uff14", "Grade \uff14"),
    ("Education was judged 3 out of 4", "judged 3 out of 4"),
    ("Social care is rated 2", "rated 2"),
    ("Overall: III", "III"),
]


def grade_refusal(where: str, *found: str) -> str:
    return common_services.STATES_A_GRADE.format(where=where, found=quoted(list(found)))


def refused(call, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        call(**kwargs)
    return excinfo.value


def verbs(assessment) -> list[str]:
    return list(audit_history(target=assessment).values_list("verb", flat=True))


def meeting_of(assessment) -> Meeting:
    return Meeting.objects.get(assessment=assessment)


@pytest.fixture
def proposed(assessment, hmi):
    """The Lead (`hmi`) has proposed Tuesday 10 July 2007."""
    return arrangement_services.meeting_date_propose(
        actor=hmi, assessment=assessment, day=TUESDAY, venue="Hall"
    )


@pytest.fixture
def ready_to_send(assessment, hmi, link_officer):
    """A drafted agenda with every item written, a chair, and the council's link officer."""
    arrangement_services.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
    agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    meeting = meeting_of(assessment)
    return agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts={n: f"What item {n} will cover" for n in range(1, 9)},
        expected_lock_version=meeting.lock_version,
    )


def change_agenda(actor, assessment, version: int) -> None:
    """Change item 1, so that sending again sends the next version (an unchanged agenda is
    answered as already sent; issue 20 §4)."""
    agenda_services.agenda_save(
        actor=actor,
        assessment=assessment,
        texts={1: f"What item 1 will cover, version {version}"}
        | {n: f"What item {n} will cover" for n in range(2, 9)},
        expected_lock_version=meeting_of(assessment).lock_version,
    )


# --- The date (002 §A) ------------------------------------------------------------------------


def test_the_meeting_is_on_a_working_day_not_a_weekend_002_s_a_domain_s6(assessment, hmi):
    error = refused(
        arrangement_services.meeting_date_propose, actor=hmi, assessment=assessment, day=SATURDAY
    )
    assert error.message_dict == {
        "day": [
            arrangement_services.NOT_A_WORKING_DAY.format(
                day="Saturday 14 July 2007", why="a weekend"
            )
        ]
    }
    assert not Meeting.objects.filter(assessment=assessment, date__isnull=False).exists()
    assert "meeting.date_proposed" not in verbs(assessment)


def test_the_meeting_is_not_on_a_bank_holiday_002_s_a_domain_s6(assessment, hmi):
    """Monday 27 August 2007 is the summer bank holiday: refused even with a reason for a late
    meeting, which would otherwise allow a date in August."""
    error = refused(
        arrangement_services.meeting_date_propose,
        actor=hmi,
        assessment=assessment,
        day=BANK_HOLIDAY,
        late_reason="The director is away in July",
    )
    why = bank_holiday_name(BANK_HOLIDAY)
    assert why
    assert error.message_dict == {
        "day": [arrangement_services.NOT_A_WORKING_DAY.format(day="Monday 27 August 2007", why=why)]
    }
    assert "meeting.date_proposed" not in verbs(assessment)


def test_the_meeting_follows_the_analysis_stage_002_s_a(assessment, hmi):
    assert assessment.round.analysis_starts == date(2007, 6, 1)
    error = refused(
        arrangement_services.meeting_date_propose,
        actor=hmi,
        assessment=assessment,
        day=BEFORE_ANALYSIS,
    )
    assert error.message_dict == {
        "day": [arrangement_services.BEFORE_ANALYSIS.format(start="Friday 1 June 2007")]
    }
    # The first day of analysis itself is allowed.
    meeting = arrangement_services.meeting_date_propose(
        actor=hmi, assessment=assessment, day=assessment.round.analysis_starts
    )
    assert meeting.date == date(2007, 6, 1)


def test_a_meeting_after_the_end_of_july_needs_a_reason_002_s_a(assessment, hmi):
    assert assessment.round.meeting_by == MEETING_BY
    error = refused(
        arrangement_services.meeting_date_propose,
        actor=hmi,
        assessment=assessment,
        day=AFTER_MEETING_BY,
    )
    assert error.message_dict == {
        "late_reason": [arrangement_services.LATE_WITHOUT_REASON.format(by="Tuesday 31 July 2007")]
    }
    assert "meeting.date_proposed" not in verbs(assessment)

    meeting = arrangement_services.meeting_date_propose(
        actor=hmi,
        assessment=assessment,
        day=AFTER_MEETING_BY,
        late_reason="  The council's director starts on 1 August  ",
    )
    assert meeting.date == AFTER_MEETING_BY
    assert meeting.late_reason == "The council's director starts on 1 August"
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.date_proposed"
    assert entry.reason == "The council's director starts on 1 August"
    assert entry.after["date"] == "2007-08-01"


def test_a_meeting_by_the_end_of_july_keeps_no_late_reason_002_s_a(assessment, hmi):
    meeting = arrangement_services.meeting_date_propose(
        actor=hmi, assessment=assessment, day=MEETING_BY, late_reason="Not needed"
    )
    assert meeting.date == MEETING_BY and meeting.late_reason == ""


def test_proposing_a_date_is_saved_and_audited_002_s_a(assessment, hmi):
    meeting = arrangement_services.meeting_date_propose(
        actor=hmi, assessment=assessment, day=TUESDAY, venue=" Town hall ", expected_lock_version=1
    )
    meeting.refresh_from_db()
    assert (meeting.date, meeting.venue, meeting.date_proposed_by) == (TUESDAY, "Town hall", hmi)
    assert meeting.lock_version == 2
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.date_proposed" and entry.actor == hmi
    assert entry.before["date"] is None and entry.after["date"] == "2007-07-10"


def test_a_new_proposal_clears_the_councils_agreement_002_s_a(
    assessment, hmi, link_officer, proposed
):
    agreed = arrangement_services.meeting_date_answer(
        actor=link_officer, assessment=assessment, agree=True
    )
    assert agreed.date_agreed_by == link_officer and agreed.date_agreed_at is not None

    again = arrangement_services.meeting_date_propose(
        actor=hmi, assessment=assessment, day=date(2007, 7, 12)
    )
    again.refresh_from_db()
    assert again.date == date(2007, 7, 12)
    assert again.date_agreed_by is None and again.date_agreed_at is None
    assert audit_history(target=assessment).first().before["date_agreed_at"] is not None


def test_a_stale_lock_version_is_refused_and_nothing_is_saved(assessment, hmi, brm):
    """Quality bar: concurrent edits never silently overwrite (optimistic lock)."""
    arrangement_services.meeting_date_propose(
        actor=hmi, assessment=assessment, day=TUESDAY, expected_lock_version=1
    )
    error = refused(
        arrangement_services.meeting_date_propose,
        actor=brm,
        assessment=assessment,
        day=date(2007, 7, 12),
        expected_lock_version=1,
    )
    assert error.messages == [stale_message(what=common_services.MEETING)]
    meeting = meeting_of(assessment)
    assert meeting.date == TUESDAY and meeting.lock_version == 2
    assert verbs(assessment).count("meeting.date_proposed") == 1


def test_the_council_agrees_the_proposed_date_002_s_a(assessment, link_officer, proposed):
    meeting = arrangement_services.meeting_date_answer(
        actor=link_officer, assessment=assessment, agree=True, expected_lock_version=2
    )
    meeting.refresh_from_db()
    assert meeting.date_agreed_by == link_officer and meeting.date_agreed_at is not None
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.date_agreed" and entry.actor == link_officer

    error = refused(
        arrangement_services.meeting_date_answer,
        actor=link_officer,
        assessment=assessment,
        agree=True,
    )
    assert error.messages == [arrangement_services.ALREADY_AGREED]


def test_the_same_date_proposed_again_sends_nothing_and_keeps_the_agreement_issue_20(
    assessment, hmi, link_officer, proposed, mailoutbox
):
    """Issue 20 §4: a proposal posted again (a second tab, Back and submit) is answered with
    when and by whom it was made; the council's agreement stands and nobody is emailed."""
    arrangement_services.meeting_date_answer(
        actor=link_officer, assessment=assessment, agree=True, expected_lock_version=2
    )
    sent = len(mailoutbox)
    error = refused(
        arrangement_services.meeting_date_propose,
        actor=hmi,
        assessment=assessment,
        day=TUESDAY,
        venue="Hall",
    )
    assert "Tuesday 10 July 2007 was already proposed to the council by" in error.messages[0]
    meeting = Meeting.objects.get(assessment=assessment)
    assert meeting.date_agreed_by == link_officer
    assert len(mailoutbox) == sent


def test_the_council_declines_a_date_only_with_a_comment_002_s_a(
    assessment, link_officer, proposed
):
    error = refused(
        arrangement_services.meeting_date_answer,
        actor=link_officer,
        assessment=assessment,
        agree=False,
        comment=" ",
    )
    assert error.message_dict == {"comment": [arrangement_services.NO_COMMENT]}
    assert "meeting.date_declined" not in verbs(assessment)

    meeting = arrangement_services.meeting_date_answer(
        actor=link_officer,
        assessment=assessment,
        agree=False,
        comment="The director is away that week; 17 or 18 July would suit",
    )
    meeting.refresh_from_db()
    assert meeting.date_agreed_at is None
    assert (
        meeting.council_date_comment == "The director is away that week; 17 or 18 July would suit"
    )
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.date_declined"
    assert entry.reason == "The director is away that week; 17 or 18 July would suit"


def test_the_council_cannot_answer_before_a_date_is_proposed_002_s_a(assessment, link_officer):
    error = refused(
        arrangement_services.meeting_date_answer,
        actor=link_officer,
        assessment=assessment,
        agree=True,
    )
    assert error.messages == [arrangement_services.NO_PROPOSED_DATE]


# --- The chair (002 §G.ii) -------------------------------------------------------------------


@pytest.mark.parametrize("chair", ["", "chief_executive", "director", "council"])
def test_the_chair_is_ofsted_or_csci_002_s_g_ii(assessment, hmi, chair):
    error = refused(
        arrangement_services.meeting_chair_set, actor=hmi, assessment=assessment, chair=chair
    )
    assert error.message_dict == {"chair": [common_services.NO_CHAIR]}
    assert "meeting.chair_set" not in verbs(assessment)


def test_the_brm_chairs_and_the_director_opens_002_s_g_ii(assessment, hmi):
    """002 §G.ii: "The Ofsted inspector or the BRM will chair the meeting, but it may be
    appropriate for the ... Director of Children's Services to open the meeting"."""
    meeting = arrangement_services.meeting_chair_set(
        actor=hmi, assessment=assessment, chair="csci", opened_by="director"
    )
    meeting.refresh_from_db()
    assert (meeting.chair, meeting.opened_by) == ("csci", "director")
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.chair_set"
    assert entry.after == {"chair": "csci", "opened_by": "director"}


# --- Attendees (002 §G.ii, §G.iii) ------------------------------------------------------------


def test_a_partner_attends_at_the_councils_invitation_002_s_g_iii(assessment, link_officer):
    error = refused(
        arrangement_services.attendee_add,
        actor=link_officer,
        assessment=assessment,
        role="partner",
        name="Primary care trust chief executive",
    )
    assert error.message_dict == {
        "at_council_invitation": [arrangement_services.PARTNER_NOT_INVITED]
    }
    assert not Attendee.objects.exists()

    attendee = arrangement_services.attendee_add(
        actor=link_officer,
        assessment=assessment,
        role="partner",
        name="Primary care trust chief executive",
        at_council_invitation=True,
    )
    assert attendee.at_council_invitation and attendee.added_by == link_officer
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.attendee_added" and entry.after["role"] == "partner"


def test_a_csci_regional_director_or_pim_attends_with_a_reason_002_s_g_ii(assessment, brm):
    error = refused(
        arrangement_services.attendee_add,
        actor=brm,
        assessment=assessment,
        role="csci_observer",
        name="A. Reed",
    )
    assert error.message_dict == {"reason": [arrangement_services.OBSERVER_WITHOUT_REASON]}
    assert not Attendee.objects.exists()

    attendee = arrangement_services.attendee_add(
        actor=brm,
        assessment=assessment,
        role="csci_observer",
        name="A. Reed",
        reason="Quality assurance of the region's meetings",
    )
    assert attendee.reason == "Quality assurance of the region's meetings"
    assert audit_history(target=assessment).first().reason == attendee.reason


@pytest.mark.parametrize("role", ["hmi", "brm", "csci_observer"])
def test_a_council_user_cannot_add_the_inspectorate_002_s_g_iii(assessment, link_officer, role):
    error = refused(
        arrangement_services.attendee_add,
        actor=link_officer,
        assessment=assessment,
        role=role,
        name="Someone",
        reason="Observing",
    )
    assert error.message_dict == {"role": [arrangement_services.COUNCIL_CANNOT_ADD_INSPECTORATE]}
    assert not Attendee.objects.exists()
    assert "meeting.attendee_added" not in verbs(assessment)


def test_the_council_adds_its_own_people_and_the_inspectors_add_theirs_002_s_g_iii(
    assessment, link_officer, hmi
):
    arrangement_services.attendee_add(
        actor=link_officer, assessment=assessment, role="director", name="Director of CS"
    )
    arrangement_services.attendee_add(actor=hmi, assessment=assessment, role="brm", name="The BRM")
    assert sorted(Attendee.objects.values_list("role", flat=True)) == ["brm", "director"]
    assert verbs(assessment).count("meeting.attendee_added") == 2


def test_an_attendee_needs_a_name_and_a_known_role(assessment, hmi):
    """002 §G.iii: the attendees are named people in known roles."""
    error = refused(
        arrangement_services.attendee_add, actor=hmi, assessment=assessment, role="mayor", name=" "
    )
    assert error.message_dict == {
        "role": [arrangement_services.NO_ROLE],
        "name": [arrangement_services.NO_NAME],
    }


def test_removing_an_attendee_is_audited(assessment, hmi):
    """002 §G.iii; quality bar: Security (every change audited)."""
    attendee = arrangement_services.attendee_add(
        actor=hmi, assessment=assessment, role="director", name="D"
    )
    arrangement_services.attendee_remove(actor=hmi, attendee=attendee)
    assert not Attendee.objects.exists()
    assert audit_history(target=assessment).first().verb == "meeting.attendee_removed"


# --- The agenda (002 §G.ii, §G.iv) ------------------------------------------------------------


def test_drafting_again_replaces_only_when_confirmed_002_s_g_iv(assessment, hmi):
    agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    drafted = meeting_of(assessment)
    agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts={n: f"Written {n}" for n in range(1, 9)},
        expected_lock_version=drafted.lock_version,
    )
    error = refused(agenda_services.agenda_draft, actor=hmi, assessment=assessment)
    assert error.messages == [agenda_services.ALREADY_DRAFTED]
    assert meeting_of(assessment).agenda[1]["text"] == "Written 2"

    meeting = agenda_services.agenda_draft(actor=hmi, assessment=assessment, replace=True)
    assert meeting.agenda[1]["text"] != "Written 2"
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.agenda_drafted"
    assert entry.before[1]["text"] == "Written 2"


@pytest.mark.parametrize(("graded", "found"), GRADED_TEXTS)
def test_a_saved_agenda_states_no_grade_002_s_a_s_g_i(assessment, hmi, graded, found):
    meeting = agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    before = meeting.agenda
    error = refused(
        agenda_services.agenda_save,
        actor=hmi,
        assessment=assessment,
        texts={n: item["text"] for n, item in enumerate(before, 1)} | {4: graded},
        expected_lock_version=meeting.lock_version,
    )
    assert error.message_dict == {"item_4": [grade_refusal("item 4", found)]}
    assert meeting_of(assessment).agenda == before
    assert "meeting.agenda_saved" not in verbs(assessment)


def test_saving_the_agenda_checks_the_lock_and_is_audited(assessment, hmi):
    """002 §G.ii; quality bar: concurrent edits never silently overwrite."""
    meeting = agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    texts = {n: f"Item {n} in words" for n in range(1, 9)}
    saved = agenda_services.agenda_save(
        actor=hmi, assessment=assessment, texts=texts, expected_lock_version=meeting.lock_version
    )
    assert [i["text"] for i in saved.agenda] == list(texts.values())
    assert audit_history(target=assessment).first().verb == "meeting.agenda_saved"
    error = refused(
        agenda_services.agenda_save,
        actor=hmi,
        assessment=assessment,
        texts=texts | {1: "Other"},
        expected_lock_version=meeting.lock_version,
    )
    assert error.messages == [stale_message(what=common_services.MEETING)]


def test_an_agenda_with_an_empty_item_is_not_sent_002_s_g_ii(assessment, hmi, ready_to_send):
    agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts={i["number"]: i["text"] for i in ready_to_send.agenda} | {6: "  "},
        expected_lock_version=ready_to_send.lock_version,
    )
    error = refused(agenda_services.agenda_send, actor=hmi, assessment=assessment)
    assert error.messages == [agenda_services.EMPTY_ITEMS.format(items="6")]
    assert not MeetingRecord.objects.exists()
    assert "meeting.agenda_sent" not in verbs(assessment)


def test_an_agenda_with_a_placeholder_is_not_sent_issue_20(assessment, hmi, ready_to_send):
    """Issue 20 §1: every document a council receives is read as the council would before it
    goes; a placeholder is listed, and nothing is sent."""
    agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts={i["number"]: i["text"] for i in ready_to_send.agenda} | {1: "Welcome from [Name]."},
        expected_lock_version=ready_to_send.lock_version,
    )
    error = refused(agenda_services.agenda_send, actor=hmi, assessment=assessment)
    assert error.messages[0].startswith("The agenda cannot go yet")
    assert error.messages[1:] == ['Item 1: "[Name]" is a placeholder: write what it stands for']
    assert not MeetingRecord.objects.exists()


def test_an_item_the_notebook_could_not_fill_is_not_sent_002_s_g_ii(assessment, hmi, link_officer):
    """A fresh draft from an empty notebook holds "write this item before the agenda is sent"
    placeholders: the council must never receive them."""
    arrangement_services.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
    meeting = agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    placeholders = [str(i["number"]) for i in meeting.agenda if i["text"] == NOTHING_YET]
    assert placeholders
    error = refused(agenda_services.agenda_send, actor=hmi, assessment=assessment)
    assert error.messages == [agenda_services.EMPTY_ITEMS.format(items=", ".join(placeholders))]
    assert not MeetingRecord.objects.exists()


def test_an_agenda_is_not_sent_without_a_chair_002_s_g_ii(assessment, hmi, link_officer):
    meeting = agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts={n: "Written" for n in range(1, 9)},
        expected_lock_version=meeting.lock_version,
    )
    error = refused(agenda_services.agenda_send, actor=hmi, assessment=assessment)
    assert error.messages == [common_services.NO_CHAIR]
    assert not MeetingRecord.objects.exists()


def test_an_agenda_is_not_sent_before_it_is_drafted(assessment, hmi, link_officer):
    """002 §G.ii: the agenda "should be drawn from the Evidence notebook"."""
    arrangement_services.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
    error = refused(agenda_services.agenda_send, actor=hmi, assessment=assessment)
    assert error.messages == [agenda_services.NO_AGENDA]


def test_an_agenda_is_not_sent_when_nobody_at_the_council_can_receive_it_002_s_g_ii(
    assessment, hmi, ready_to_send, link_officer, make_user, other_council
):
    link_officer.is_active = False
    link_officer.save(update_fields=["is_active"])
    make_user(Role.LINK_OFFICER, council=other_council)  # another council's, not this one's
    error = refused(agenda_services.agenda_send, actor=hmi, assessment=assessment)
    assert error.messages == [
        common_services.NO_COUNCIL_RECIPIENT.format(council=assessment.council.name)
    ]
    assert not MeetingRecord.objects.exists()


def test_sending_emails_the_councils_active_users_and_numbers_each_version_002_s_g_ii(
    assessment,
    hmi,
    ready_to_send,
    link_officer,
    make_user,
    other_council,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    colleague = make_user(Role.LINK_OFFICER, council=assessment.council)
    make_user(Role.LINK_OFFICER, council=assessment.council, is_active=False)
    make_user(Role.LINK_OFFICER, council=other_council)
    with django_capture_on_commit_callbacks(execute=True):
        first = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    expected = sorted([link_officer.email, colleague.email])
    assert (first.kind, first.number, first.sent_to) == ("agenda", 1, expected)
    assert [i["text"] for i in first.content["items"]] == [
        f"What item {n} will cover" for n in range(1, 9)
    ]
    assert first.content["chair"] == "Ofsted (the HMI)"
    (mail,) = mailoutbox
    assert sorted(mail.to) == expected
    assert assessment.council.name in mail.subject
    assert f"/meeting/records/{first.pk}/" in mail.body
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.agenda_sent" and entry.after["number"] == 1

    change_agenda(hmi, assessment, 2)
    with django_capture_on_commit_callbacks(execute=True):
        second = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    assert second.number == 2
    assert len(mailoutbox) == 2
    assert MeetingRecord.objects.filter(kind=MeetingRecordKind.AGENDA).count() == 2


def test_the_email_goes_only_once_the_agenda_is_saved_as_sent_002_s_g_ii(
    assessment, hmi, ready_to_send, link_officer, mailoutbox, django_capture_on_commit_callbacks
):
    """The email waits for the commit, so the council is never told of an agenda that was not
    kept; a refused send emails nobody."""
    with django_capture_on_commit_callbacks() as callbacks:
        record = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    assert mailoutbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1 and f"/records/{record.pk}/" in mailoutbox[0].body

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        agenda_services.agenda_send(actor=hmi, assessment=assessment, expected_lock_version=1)
    assert callbacks == [] and len(mailoutbox) == 1


def test_the_council_answers_only_the_latest_agenda_and_only_once_002_s_g_ii(
    assessment, hmi, ready_to_send, link_officer
):
    first = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    change_agenda(hmi, assessment, 2)
    second = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    error = refused(agenda_services.agenda_answer, actor=link_officer, record=first, agree=True)
    assert error.messages == [agenda_services.NOT_THE_LATEST]
    first.refresh_from_db()
    assert first.agreed_at is None

    agreed = agenda_services.agenda_answer(actor=link_officer, record=second, agree=True)
    agreed.refresh_from_db()
    assert agreed.agreed_by == link_officer and agreed.agreed_at is not None
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.agenda_agreed" and entry.after == {"number": 2}

    error = refused(agenda_services.agenda_answer, actor=link_officer, record=second, agree=True)
    assert error.messages == [agenda_services.ALREADY_ANSWERED]
    error = refused(
        agenda_services.agenda_answer,
        actor=link_officer,
        record=second,
        agree=False,
        comment="Change item 3",
    )
    assert error.messages == [agenda_services.ALREADY_ANSWERED]
    second.refresh_from_db()
    assert second.council_comment == ""


def test_asking_for_changes_needs_a_comment_and_is_the_answer_002_s_g_ii(
    assessment, hmi, ready_to_send, link_officer
):
    record = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    error = refused(
        agenda_services.agenda_answer, actor=link_officer, record=record, agree=False, comment=""
    )
    assert error.message_dict == {"comment": [agenda_services.NO_COUNCIL_COMMENT]}

    asked = agenda_services.agenda_answer(
        actor=link_officer, record=record, agree=False, comment="Add the youth service to item 5"
    )
    asked.refresh_from_db()
    assert asked.agreed_at is None
    assert asked.council_comment == "Add the youth service to item 5"
    assert asked.commented_by == link_officer
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.agenda_change_asked"
    assert entry.reason == "Add the youth service to item 5"

    # Answered once: the comment stands until the inspectors send a new version.
    error = refused(agenda_services.agenda_answer, actor=link_officer, record=record, agree=True)
    assert error.messages == [agenda_services.CHANGES_ALREADY_ASKED]
    asked.refresh_from_db()
    assert asked.council_comment == "Add the youth service to item 5"
    assert asked.agreed_at is None
    newer = agenda_services.agenda_send(actor=hmi, assessment=assessment)
    assert (
        agenda_services.agenda_answer(actor=link_officer, record=newer, agree=True).agreed_at
        is not None
    )


def test_the_notes_are_shared_not_agreed(assessment, hmi, link_officer, noted_meeting):
    """002 §G.ii: the agenda is agreed; the notes are kept by the HMI and BRM and shared
    (issue 6 §3)."""
    record = notes_services.notes_share(actor=hmi, assessment=assessment)
    error = refused(agenda_services.agenda_answer, actor=link_officer, record=record, agree=True)
    assert error.messages == [agenda_services.NOT_AN_AGENDA]


# --- Notes of the meeting (002 §G.i, §G.ii) ---------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"agenda_item": 0}, {"agenda_item": [notes_services.BAD_ITEM]}),
        ({"agenda_item": 9}, {"agenda_item": [notes_services.BAD_ITEM]}),
        ({"agenda_item": None}, {"agenda_item": [notes_services.BAD_ITEM]}),
        ({"raised_by": " "}, {"raised_by": [notes_services.NO_RAISED_BY]}),
        ({"issue": ""}, {"issue": [notes_services.NO_ISSUE]}),
    ],
)
def test_a_note_names_its_agenda_item_who_raised_it_and_the_issue_002_s_g_ii(
    assessment, hmi, fields, errors
):
    values = {"agenda_item": 5, "raised_by": "The director", "issue": "Why is item 5 so short?"}
    error = refused(
        notes_services.meeting_note_add, actor=hmi, assessment=assessment, **values | fields
    )
    assert error.message_dict == errors
    assert not MeetingNote.objects.exists()


def test_a_note_is_saved_and_audited_002_s_g_ii(assessment, hmi):
    note = notes_services.meeting_note_add(
        actor=hmi,
        assessment=assessment,
        agenda_item=8,
        raised_by=" The director ",
        issue="When does the draft letter come?",
        response="About five weeks after the meeting",
    )
    assert (note.agenda_item, note.raised_by, note.pack_item) == (8, "The director", None)
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.note_added"
    assert entry.after["issue"] == "When does the draft letter come?"


def test_information_brought_to_the_meeting_goes_into_the_pack_002_s_g_i(
    assessment, hmi, make_upload
):
    """002 §G.i.2: "any appropriate additional information can be brought to the table"."""
    note = notes_services.meeting_note_add(
        actor=hmi,
        assessment=assessment,
        agenda_item=5,
        raised_by="Head of the youth service",
        issue="Participation figures for 2006-07",
        response="To be weighed with the data",
        upload=make_upload(docx_bytes("Participation rose to 31%."), "participation.docx"),
        upload_title="Youth service participation 2006-07",
    )
    item = PackItem.objects.get(assessment=assessment)
    assert note.pack_item == item
    assert item.category == PackCategory.SUPPORTING
    assert item.source_type == SupportingType.MEETING_INFORMATION
    assert item.shared_with_council is True
    assert item.title == "Youth service participation 2006-07"
    assert "Head of the youth service" in item.source


def test_information_brought_to_a_meeting_planned_later_is_dated_today(
    assessment, hmi, make_upload
):
    """002 §G.i.2 (additional information brought to the meeting): an upload cannot be dated in
    the future (the pack refuses it), so a meeting date still to come must not make the
    council's document unsavable."""
    Meeting.objects.create(assessment=assessment, date=timezone.localdate() + timedelta(days=7))
    note = notes_services.meeting_note_add(
        actor=hmi,
        assessment=assessment,
        agenda_item=2,
        raised_by="The director",
        issue="A new strategy",
        upload=make_upload(docx_bytes("The strategy."), "strategy.docx"),
    )
    assert note.pack_item.dated == timezone.localdate()


def test_changing_a_note_needs_a_reason_and_the_version_shown(assessment, hmi, brm):
    """002 §G.ii (notes of issues raised and responses); quality bar: concurrent edits never
    silently overwrite, and every change says why."""
    note = notes_services.meeting_note_add(
        actor=hmi, assessment=assessment, agenda_item=3, raised_by="CEO", issue="Insight?"
    )
    values = {
        "note": note,
        "agenda_item": 3,
        "raised_by": "CEO",
        "issue": "Insight?",
        "response": "Part D lacks analysis of impact",
    }
    error = refused(
        notes_services.meeting_note_change, actor=hmi, reason=" ", expected_lock_version=1, **values
    )
    assert error.message_dict == {"reason": [notes_services.NO_REASON]}
    changed = notes_services.meeting_note_change(
        actor=hmi, reason="The response was missed", expected_lock_version=1, **values
    )
    assert changed.response == "Part D lacks analysis of impact" and changed.lock_version == 2
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.note_changed" and entry.reason == "The response was missed"
    assert entry.before["response"] == "" and entry.after["response"] == changed.response

    error = refused(
        notes_services.meeting_note_change,
        actor=brm,
        reason="Tidy",
        expected_lock_version=1,
        **values | {"response": "Something else"},
    )
    assert error.messages == [stale_message(what="this note")]
    note.refresh_from_db()
    assert note.response == "Part D lacks analysis of impact"


INTERIM = {
    "children_services": "Services work well together and outcomes are consistently good",
    "education": "Schools improve quickly",
    "social_care": "Child protection is secure",
    "capacity": "Strong leadership and a clear record of improvement",
}


@pytest.mark.parametrize(("graded", "found"), GRADED_TEXTS)
def test_interim_judgements_are_in_words_never_grades_002_s_g_i(assessment, hmi, graded, found):
    error = refused(
        notes_services.interim_judgements_save,
        actor=hmi,
        assessment=assessment,
        judgements=INTERIM | {"education": graded},
        expected_lock_version=None,
    )
    assert error.message_dict == {
        "education": [grade_refusal("the interim judgement for education", found)]
    }
    assert not Meeting.objects.filter(assessment=assessment).exclude(interim_judgements={}).exists()

    meeting = notes_services.interim_judgements_save(
        actor=hmi, assessment=assessment, judgements=INTERIM, expected_lock_version=None
    )
    assert meeting.interim_judgements == INTERIM
    assert audit_history(target=assessment).first().verb == "meeting.interim_judgements_saved"


def test_the_meeting_cannot_be_held_on_a_date_still_to_come(assessment, hmi):
    """002 §G: the notes record a meeting that has taken place."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    error = refused(
        notes_services.meeting_held_record, actor=hmi, assessment=assessment, held_on=tomorrow
    )
    assert error.message_dict == {"held_on": [notes_services.HELD_IN_FUTURE]}
    assert "meeting.held" not in verbs(assessment)

    meeting = notes_services.meeting_held_record(actor=hmi, assessment=assessment, held_on=TUESDAY)
    assert meeting.held_on == TUESDAY
    assert audit_history(target=assessment).first().after == {"held_on": "2007-07-10"}


@pytest.fixture
def noted_meeting(assessment, hmi, link_officer):
    """A meeting held on 10 July 2007, with one note and the four interim judgements."""
    notes_services.meeting_held_record(actor=hmi, assessment=assessment, held_on=TUESDAY)
    notes_services.meeting_note_add(
        actor=hmi,
        assessment=assessment,
        agenda_item=4,
        raised_by="The director",
        issue="Is staying safe really weaker?",
        response="Re-referrals are well above similar councils",
    )
    return notes_services.interim_judgements_save(
        actor=hmi, assessment=assessment, judgements=INTERIM, expected_lock_version=None
    )


def test_sharing_the_notes_needs_the_meeting_held_notes_and_interim_judgements_002_s_g_ii(
    assessment, hmi, link_officer
):
    error = refused(notes_services.notes_share, actor=hmi, assessment=assessment)
    assert error.messages == [notes_services.NOT_HELD]
    notes_services.meeting_held_record(actor=hmi, assessment=assessment, held_on=TUESDAY)
    error = refused(notes_services.notes_share, actor=hmi, assessment=assessment)
    assert error.messages == [notes_services.NO_NOTES]
    notes_services.meeting_note_add(
        actor=hmi, assessment=assessment, agenda_item=4, raised_by="CEO", issue="Why?"
    )
    notes_services.interim_judgements_save(
        actor=hmi,
        assessment=assessment,
        judgements={"children_services": "Good", "education": "Improving"},
        expected_lock_version=None,
    )
    error = refused(notes_services.notes_share, actor=hmi, assessment=assessment)
    assert error.messages == [
        notes_services.INTERIM_MISSING.format(missing="social care, capacity to improve")
    ]
    assert not MeetingRecord.objects.exists()
    assert "meeting.notes_shared" not in verbs(assessment)


def test_shared_notes_hold_the_notes_and_the_interim_judgements_002_s_g_i_s_g_ii(
    assessment, hmi, link_officer, noted_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = notes_services.notes_share(actor=hmi, assessment=assessment)
    assert (record.kind, record.number, record.sent_to) == ("notes", 1, [link_officer.email])
    assert record.content["held_on"] == "2007-07-10"
    (note,) = record.content["notes"]
    assert note["agenda_item"] == 4 and note["item_title"] == "Summary of emerging judgements"
    assert note["issue"] == "Is staying safe really weaker?"
    assert note["response"] == "Re-referrals are well above similar councils"
    assert [j["text"] for j in record.content["interim_judgements"]] == [
        INTERIM["children_services"],
        INTERIM["education"],
        INTERIM["social_care"],
        INTERIM["capacity"],
    ]
    (mail,) = mailoutbox
    assert mail.to == [link_officer.email]
    entry = audit_history(target=assessment).first()
    assert entry.verb == "meeting.notes_shared" and entry.after["number"] == 1
    notes_services.meeting_note_add(
        actor=hmi, assessment=assessment, agenda_item=5, raised_by="CEO", issue="What next?"
    )
    assert notes_services.notes_share(actor=hmi, assessment=assessment).number == 2


@pytest.mark.parametrize(("graded", "found"), GRADED_TEXTS)
@pytest.mark.parametrize("field", ["issue", "response", "raised_by"])
def test_a_note_stating_a_grade_is_refused_when_added_002_s_a_s_g_i(
    assessment, hmi, field, graded, found
):
    """002 §A, §G.i: the notes go to the council, which reads judgements in words only; a note
    is refused as it is written, quoting the grade, not only when the notes are shared."""
    words = {"issue": "Is staying safe weaker?", "response": "", "raised_by": "CEO"}
    error = refused(
        notes_services.meeting_note_add,
        actor=hmi,
        assessment=assessment,
        agenda_item=4,
        **words | {field: graded},
    )
    assert error.message_dict == {field: [grade_refusal(notes_services.NOTE_WORDS[field], found)]}
    assert not MeetingNote.objects.exists()


def test_a_note_changed_to_state_a_grade_is_refused_002_s_a(assessment, hmi, noted_meeting):
    note = MeetingNote.objects.get()
    error = refused(
        notes_services.meeting_note_change,
        actor=hmi,
        note=note,
        agenda_item=4,
        raised_by=note.raised_by,
        issue=note.issue,
        response="Staying safe is grade three",
        reason="Tidy",
        expected_lock_version=note.lock_version,
    )
    assert error.message_dict == {"response": [grade_refusal("the response", "grade three")]}
    note.refresh_from_db()
    assert note.response == "Re-referrals are well above similar councils"


def test_shared_notes_state_no_grade_002_s_a(assessment, hmi, link_officer, noted_meeting):
    """A note or an interim judgement saved before the guard knew a form (here written
    straight into the database) is still refused when the notes are shared, quoting it."""
    MeetingNote.objects.create(
        meeting=noted_meeting,
        agenda_item=4,
        raised_by="CEO",
        issue="Is it grade three?",
        recorded_by=hmi,
    )
    Meeting.objects.filter(pk=noted_meeting.pk).update(
        interim_judgements=INTERIM | {"education": "Schools improve quickly: III"}
    )
    error = refused(notes_services.notes_share, actor=hmi, assessment=assessment)
    assert error.messages == [
        grade_refusal("the interim judgement for education", "III"),
        grade_refusal("a note", "grade three"),
    ]
    assert not MeetingRecord.objects.exists()


def test_a_note_and_its_response_are_read_apart_for_grades(
    assessment, hmi, link_officer, noted_meeting
):
    """002 §A (no grade before the final letter), read exactly: an issue ending "grade" and a
    response starting with a number state no grade."""
    notes_services.meeting_note_add(
        actor=hmi,
        assessment=assessment,
        agenda_item=5,
        raised_by="CEO",
        issue="Which schools need to improve their grade",
        response="3 secondary schools, named in the LEA baseline",
    )
    assert notes_services.notes_share(actor=hmi, assessment=assessment).number == 1
