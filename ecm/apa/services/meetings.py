"""The APA meeting (002 §G): arranging it with the council, the agenda drafted from the
notebook and agreed by email, the notes of the meeting and the interim judgements in words.

Every write is audited. The council sees only what has been sent to it (MeetingRecord), and
nothing sent to it may state a grade (002 §A: "Actual grades will not be published until a
later stage")."""

from datetime import date, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from ecm.analysis.content import OverallStrand
from ecm.analysis.services.notebook import states_a_grade
from ecm.apa.agenda import ITEM_TITLES, agenda_draft_texts, agenda_items, item_unwritten
from ecm.apa.models import (
    Attendee,
    AttendeeRole,
    Meeting,
    MeetingChair,
    MeetingNote,
    MeetingOpener,
    MeetingRecord,
    MeetingRecordKind,
)
from ecm.audit.services import audit_record
from ecm.workdays.calendar import bank_holiday_name, is_working_day

NO_DATE = "Enter the date of the meeting"
NOT_A_WORKING_DAY = (
    "{day} is not a working day ({why}): choose a weekday that is not a bank holiday"
)
BEFORE_ANALYSIS = (
    "The meeting follows the analysis stage, which starts on {start}: choose a later date (002 §A)"
)
LATE_WITHOUT_REASON = (
    "The meeting is held by {by} (002 §A): choose a date on or before then, or enter why it "
    "must be later"
)
STALE = (
    "Someone else changed the meeting arrangements while you were working on them. Nothing was "
    "saved: reload the page, check their change, then try again"
)
NO_PROPOSED_DATE = "No date has been proposed yet: the Lead proposes one first"
ALREADY_AGREED = "The date is already agreed"
NO_COMMENT = "Say why the date does not suit and which dates would"
NO_CHAIR = "Select who chairs the meeting: Ofsted or CSCI (002 §G.ii)"
NO_NAME = "Enter the attendee's name"
NO_ROLE = "Select the attendee's role"
PARTNER_NOT_INVITED = (
    "Partners attend at the council's invitation (002 §G.iii): confirm the council invited them"
)
OBSERVER_WITHOUT_REASON = (
    "Say why the CSCI regional director or PIM attends: the reason is made clear to the council "
    "(002 §G.ii)"
)
COUNCIL_CANNOT_ADD_INSPECTORATE = "The inspectors add their own colleagues to the meeting"
ALREADY_DRAFTED = (
    "The agenda has already been drafted. Drafting again from the notebook replaces what is "
    "there now: confirm that you want to replace it"
)
NO_AGENDA = "Draft the agenda from the notebook first"
EMPTY_ITEMS = "Write every item before sending: {items} still empty"
STATES_A_GRADE = (
    "{where} gives a grade as a number. The council sees judgements in words only until the "
    "final letter (002 §A, §G.i): say where the judgement lies in words"
)
NO_COUNCIL_RECIPIENT = (
    "Nobody at {council} has an account to receive it: ask the programme administrator to add "
    "the council's link officer"
)
NOT_THE_LATEST = "A newer agenda has been sent since: answer the latest one"
ALREADY_ANSWERED = "The council has already agreed this agenda"
CHANGES_ALREADY_ASKED = (
    "The council has already said what it would like changed in this agenda: the inspectors "
    "send a new version to agree"
)
NOT_AN_AGENDA = "Only an agenda is agreed: the notes of the meeting are shared for information"
NO_COUNCIL_COMMENT = "Say what the council would like changed in the agenda"
NO_ISSUE = "Enter the issue or question raised"
NO_RAISED_BY = "Enter who raised it"
BAD_ITEM = "Select the agenda item it was raised under (1 to 8)"
NO_REASON = "Enter why you are changing the note"
NOT_HELD = "Record the date the meeting was held first"
HELD_IN_FUTURE = "The meeting cannot have been held on a date still to come"
NO_NOTES = "Record at least one issue or question raised and the response before sharing"
INTERIM_MISSING = (
    "Give the interim judgement in words for each of: {missing} (002 §G.i items 3 and 4)"
)
NOT_CHANGED = "Nothing has changed: change something before you save, or go back"

# What the council may add: its own people and the partners it invites (002 §G.iii).
COUNCIL_SIDE = {
    AttendeeRole.CHIEF_EXECUTIVE,
    AttendeeRole.DIRECTOR,
    AttendeeRole.LEAD_MEMBER,
    AttendeeRole.IMPROVEMENT_ADVISER,
    AttendeeRole.KEY_OFFICER,
    AttendeeRole.PARTNER,
}
INTERIM_STRANDS = [
    OverallStrand.CHILDREN_SERVICES,
    OverallStrand.EDUCATION,
    OverallStrand.SOCIAL_CARE,
    OverallStrand.CAPACITY,
]


def meeting_get_or_create(*, assessment) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(assessment=assessment)
    return meeting


def _locked(assessment, expected_lock_version: int | None) -> Meeting:
    meeting_get_or_create(assessment=assessment)
    meeting = Meeting.objects.select_for_update().get(assessment=assessment)
    if expected_lock_version is not None and meeting.lock_version != expected_lock_version:
        raise ValidationError(STALE)
    return meeting


def _bump(meeting: Meeting, fields: list[str]) -> None:
    meeting.lock_version = F("lock_version") + 1
    meeting.save(update_fields=[*fields, "lock_version"])
    meeting.refresh_from_db()


def _snapshot(meeting: Meeting, fields: list[str]) -> dict:
    return {f: _plain(getattr(meeting, f)) for f in fields}


def _plain(value):
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


DATE_FIELDS = ["date", "starts_at", "venue", "late_reason", "date_agreed_at"]


@transaction.atomic
def meeting_date_propose(
    *,
    actor,
    assessment,
    day: date | None,
    starts_at: time | None = None,
    venue: str = "",
    late_reason: str = "",
    expected_lock_version: int | None = None,
) -> Meeting:
    """The Lead proposes the date with the link officer (002 §A: "confirm the date for the
    feedback meeting"); the meeting is held by the end of July unless there is a reason."""
    assessment_round = assessment.round
    errors = {}
    if day is None:
        errors["day"] = NO_DATE
    elif not is_working_day(day):
        why = bank_holiday_name(day) or "a weekend"
        errors["day"] = NOT_A_WORKING_DAY.format(day=_day(day), why=why)
    elif day < assessment_round.analysis_starts:
        errors["day"] = BEFORE_ANALYSIS.format(start=_day(assessment_round.analysis_starts))
    elif day > assessment_round.meeting_by and not late_reason.strip():
        errors["late_reason"] = LATE_WITHOUT_REASON.format(by=_day(assessment_round.meeting_by))
    if errors:
        raise ValidationError(errors)
    meeting = _locked(assessment, expected_lock_version)
    before = _snapshot(meeting, DATE_FIELDS)
    meeting.date, meeting.starts_at, meeting.venue = day, starts_at, venue.strip()
    meeting.late_reason = late_reason.strip() if day > assessment_round.meeting_by else ""
    meeting.date_proposed_by, meeting.date_proposed_at = actor, timezone.now()
    # A new date needs the council's agreement again.
    meeting.date_agreed_by, meeting.date_agreed_at, meeting.council_date_comment = None, None, ""
    _bump(
        meeting,
        [
            *DATE_FIELDS,
            "date_proposed_by",
            "date_proposed_at",
            "date_agreed_by",
            "council_date_comment",
        ],
    )
    audit_record(
        actor=actor,
        verb="meeting.date_proposed",
        target=assessment,
        before=before,
        after=_snapshot(meeting, DATE_FIELDS),
        reason=meeting.late_reason,
    )
    return meeting


@transaction.atomic
def meeting_date_answer(
    *, actor, assessment, agree: bool, comment: str = "", expected_lock_version=None
) -> Meeting:
    """The council agrees the proposed date, or says why it does not suit."""
    meeting = _locked(assessment, expected_lock_version)
    if meeting.date is None:
        raise ValidationError(NO_PROPOSED_DATE)
    if meeting.date_agreed_at is not None:
        raise ValidationError(ALREADY_AGREED)
    if not agree and not comment.strip():
        raise ValidationError({"comment": NO_COMMENT})
    if agree:
        meeting.date_agreed_by, meeting.date_agreed_at = actor, timezone.now()
        meeting.council_date_comment = ""
    else:
        meeting.council_date_comment = comment.strip()
    _bump(meeting, ["date_agreed_by", "date_agreed_at", "council_date_comment"])
    audit_record(
        actor=actor,
        verb="meeting.date_agreed" if agree else "meeting.date_declined",
        target=assessment,
        after={"date": _plain(meeting.date)},
        reason=comment.strip(),
    )
    return meeting


@transaction.atomic
def meeting_chair_set(
    *, actor, assessment, chair: str, opened_by: str = "", expected_lock_version=None
) -> Meeting:
    """Who chairs (Ofsted or CSCI) and who opens the meeting (002 §G.ii)."""
    if chair not in MeetingChair.values:
        raise ValidationError({"chair": NO_CHAIR})
    if opened_by not in MeetingOpener.values:
        opened_by = ""
    meeting = _locked(assessment, expected_lock_version)
    before = _snapshot(meeting, ["chair", "opened_by"])
    meeting.chair, meeting.opened_by = chair, opened_by
    _bump(meeting, ["chair", "opened_by"])
    audit_record(
        actor=actor,
        verb="meeting.chair_set",
        target=assessment,
        before=before,
        after=_snapshot(meeting, ["chair", "opened_by"]),
    )
    return meeting


@transaction.atomic
def attendee_add(
    *,
    actor,
    assessment,
    role: str,
    name: str,
    job_title: str = "",
    organisation: str = "",
    reason: str = "",
    at_council_invitation: bool = False,
) -> Attendee:
    """Add someone to the meeting's small group (002 §G.iii). Council users add the council's
    people and the partners it invites; the inspectors add anyone."""
    errors = {}
    if role not in AttendeeRole.values:
        errors["role"] = NO_ROLE
    elif actor.is_council_user and role not in COUNCIL_SIDE:
        errors["role"] = COUNCIL_CANNOT_ADD_INSPECTORATE
    if not name.strip():
        errors["name"] = NO_NAME
    if role == AttendeeRole.PARTNER and not at_council_invitation:
        errors["at_council_invitation"] = PARTNER_NOT_INVITED
    if role == AttendeeRole.CSCI_OBSERVER and not reason.strip():
        errors["reason"] = OBSERVER_WITHOUT_REASON
    if errors:
        raise ValidationError(errors)
    meeting = meeting_get_or_create(assessment=assessment)
    attendee = Attendee.objects.create(
        meeting=meeting,
        role=role,
        name=name.strip(),
        job_title=job_title.strip(),
        organisation=organisation.strip(),
        reason=reason.strip(),
        at_council_invitation=at_council_invitation,
        added_by=actor,
    )
    audit_record(
        actor=actor,
        verb="meeting.attendee_added",
        target=assessment,
        after={"name": attendee.name, "role": role, "organisation": attendee.organisation},
        reason=attendee.reason,
    )
    return attendee


@transaction.atomic
def attendee_remove(*, actor, attendee: Attendee) -> None:
    assessment = attendee.meeting.assessment
    audit_record(
        actor=actor,
        verb="meeting.attendee_removed",
        target=assessment,
        before={"name": attendee.name, "role": attendee.role},
    )
    attendee.delete()


@transaction.atomic
def agenda_draft(*, actor, assessment, replace: bool = False) -> Meeting:
    """Draft the eight items from the notebook as it stands (002 §G.ii, §G.iv)."""
    meeting = _locked(assessment, None)
    if meeting.agenda and not replace:
        raise ValidationError(ALREADY_DRAFTED)
    before = meeting.agenda
    meeting.agenda = agenda_items(agenda_draft_texts(assessment=assessment, meeting=meeting))
    _bump(meeting, ["agenda"])
    audit_record(
        actor=actor,
        verb="meeting.agenda_drafted",
        target=assessment,
        before=before or None,
        after=meeting.agenda,
        reason="Drafted from the evidence notebook",
    )
    return meeting


@transaction.atomic
def agenda_save(
    *, actor, assessment, texts: dict[int, str], expected_lock_version: int | None
) -> Meeting:
    """Edit the working agenda. It goes to the council only when sent."""
    meeting = _locked(assessment, expected_lock_version)
    if not meeting.agenda:
        raise ValidationError(NO_AGENDA)
    agenda = agenda_items(texts)
    if agenda == meeting.agenda:
        raise ValidationError(NOT_CHANGED)
    errors = {
        f"item_{item['number']}": STATES_A_GRADE.format(where=f"Item {item['number']}")
        for item in agenda
        if states_a_grade(item["text"])
    }
    if errors:
        raise ValidationError(errors)
    before, meeting.agenda = meeting.agenda, agenda
    _bump(meeting, ["agenda"])
    audit_record(
        actor=actor, verb="meeting.agenda_saved", target=assessment, before=before, after=agenda
    )
    return meeting


def _council_recipients(assessment) -> list[str]:
    from ecm.accounts.models import User

    return sorted(
        User.objects.filter(council=assessment.council, is_active=True).values_list(
            "email", flat=True
        )
    )


def _next_number(meeting: Meeting, kind: str) -> int:
    found = meeting.records.filter(kind=kind).aggregate(n=Max("number"))["n"]
    return (found or 0) + 1


def _email_council(*, assessment, record: MeetingRecord, recipients: list[str]) -> None:
    path = reverse("apa:meeting-record", args=[assessment.pk, record.pk])
    what = record.get_kind_display().lower()
    if record.kind == MeetingRecordKind.AGENDA:
        ask = "Please read it and agree it, or say what you would like changed, at:"
    else:
        ask = "You can read them at:"
    meeting = record.meeting
    when = f" on {_day(meeting.date)}" if meeting.date else ""
    send_mail(
        subject=f"APA meeting{when}: the {what} for {assessment.council.name}",
        message=(
            f"The inspectors have sent the {what} of the annual performance assessment meeting"
            f"{when}.\n\n{ask}\n{settings.SITE_URL}{path}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )


def _agenda_record_content(meeting: Meeting) -> dict:
    return {
        "items": meeting.agenda,
        "date": _plain(meeting.date),
        "starts_at": _plain(meeting.starts_at),
        "venue": meeting.venue,
        "chair": meeting.get_chair_display() if meeting.chair else "",
        "opened_by": meeting.get_opened_by_display() if meeting.opened_by else "",
        "attendees": [
            {
                "name": a.name,
                "role": a.get_role_display(),
                "job_title": a.job_title,
                "organisation": a.organisation,
                "reason": a.reason,
            }
            for a in meeting.attendees.all()
        ],
    }


@transaction.atomic
def agenda_send(*, actor, assessment, expected_lock_version: int | None = None) -> MeetingRecord:
    """Send the agenda to the council by email, in advance, to be agreed (002 §G.ii)."""
    meeting = _locked(assessment, expected_lock_version)
    if not meeting.agenda:
        raise ValidationError(NO_AGENDA)
    if not meeting.chair:
        raise ValidationError(NO_CHAIR)
    empty = [str(i["number"]) for i in meeting.agenda if item_unwritten(i["text"])]
    if empty:
        raise ValidationError(EMPTY_ITEMS.format(items=", ".join(empty)))
    graded = [f"Item {i['number']}" for i in meeting.agenda if states_a_grade(i["text"])]
    if graded:
        raise ValidationError(STATES_A_GRADE.format(where=" and ".join(graded)))
    recipients = _council_recipients(assessment)
    if not recipients:
        raise ValidationError(NO_COUNCIL_RECIPIENT.format(council=assessment.council.name))
    record = MeetingRecord.objects.create(
        meeting=meeting,
        kind=MeetingRecordKind.AGENDA,
        number=_next_number(meeting, MeetingRecordKind.AGENDA),
        content=_agenda_record_content(meeting),
        sent_by=actor,
        sent_to=recipients,
    )
    audit_record(
        actor=actor,
        verb="meeting.agenda_sent",
        target=assessment,
        after={"number": record.number, "sent_to": recipients},
        reason="Sent to the council to agree (002 §G.ii)",
    )
    transaction.on_commit(
        lambda: _email_council(assessment=assessment, record=record, recipients=recipients)
    )
    return record


@transaction.atomic
def agenda_answer(*, actor, record: MeetingRecord, agree: bool, comment: str = "") -> MeetingRecord:
    """The council agrees the agenda sent to it, or says what it would like changed."""
    record = MeetingRecord.objects.select_for_update().get(pk=record.pk)
    if record.kind != MeetingRecordKind.AGENDA:
        raise ValidationError(NOT_AN_AGENDA)
    latest = _next_number(record.meeting, record.kind) - 1
    if record.number != latest:
        raise ValidationError(NOT_THE_LATEST)
    # One answer per version: a later answer would overwrite the earlier one on the record.
    if record.agreed_at is not None:
        raise ValidationError(ALREADY_ANSWERED)
    if record.commented_at is not None:
        raise ValidationError(CHANGES_ALREADY_ASKED)
    if not agree and not comment.strip():
        raise ValidationError({"comment": NO_COUNCIL_COMMENT})
    now = timezone.now()
    if agree:
        record.agreed_by, record.agreed_at = actor, now
    record.council_comment = comment.strip()
    record.commented_by, record.commented_at = (actor, now) if comment.strip() else (None, None)
    record.save(
        update_fields=["agreed_by", "agreed_at", "council_comment", "commented_by", "commented_at"]
    )
    audit_record(
        actor=actor,
        verb="meeting.agenda_agreed" if agree else "meeting.agenda_change_asked",
        target=record.meeting.assessment,
        after={"number": record.number},
        reason=comment.strip(),
    )
    return record


def _check_note(*, agenda_item, raised_by: str, issue: str) -> None:
    errors = {}
    if agenda_item not in ITEM_TITLES:
        errors["agenda_item"] = BAD_ITEM
    if not raised_by.strip():
        errors["raised_by"] = NO_RAISED_BY
    if not issue.strip():
        errors["issue"] = NO_ISSUE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_note_add(
    *,
    actor,
    assessment,
    agenda_item: int,
    raised_by: str,
    issue: str,
    response: str = "",
    upload=None,
    upload_title: str = "",
) -> MeetingNote:
    """Note an issue or question raised and the response (002 §G.ii). Additional information
    the council brings (002 §G.i.2) is kept in the information pack as new evidence."""
    from ecm.analysis.pack import PackCategory, SupportingType
    from ecm.analysis.services.pack import pack_item_upload

    _check_note(agenda_item=agenda_item, raised_by=raised_by, issue=issue)
    meeting = meeting_get_or_create(assessment=assessment)
    pack_item = None
    today = timezone.localdate()
    if upload is not None:
        pack_item = pack_item_upload(
            assessment=assessment,
            actor=actor,
            upload=upload,
            category=PackCategory.SUPPORTING,
            source_type=SupportingType.MEETING_INFORMATION,
            title=upload_title.strip() or f"Brought to the APA meeting: {issue.strip()[:120]}",
            source=f"{assessment.council.name}, at the APA meeting ({raised_by.strip()})",
            # Never a date still to come, which the pack refuses.
            dated=min(meeting.held_on or meeting.date or today, today),
            shared_with_council=True,
        )
    note = MeetingNote.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        raised_by=raised_by.strip(),
        issue=issue.strip(),
        response=response.strip(),
        pack_item=pack_item,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="meeting.note_added",
        target=assessment,
        after=_note_snapshot(note),
    )
    return note


def _note_snapshot(note: MeetingNote) -> dict:
    return {
        "agenda_item": note.agenda_item,
        "raised_by": note.raised_by,
        "issue": note.issue,
        "response": note.response,
        "pack_item": note.pack_item_id,
    }


@transaction.atomic
def meeting_note_change(
    *,
    actor,
    note: MeetingNote,
    agenda_item: int,
    raised_by: str,
    issue: str,
    response: str,
    reason: str,
    expected_lock_version: int,
) -> MeetingNote:
    _check_note(agenda_item=agenda_item, raised_by=raised_by, issue=issue)
    locked = MeetingNote.objects.select_for_update().get(pk=note.pk)
    if locked.lock_version != expected_lock_version:
        raise ValidationError(STALE)
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    before = _note_snapshot(locked)
    locked.agenda_item, locked.raised_by = agenda_item, raised_by.strip()
    locked.issue, locked.response = issue.strip(), response.strip()
    if _note_snapshot(locked) == before:
        raise ValidationError(NOT_CHANGED)
    locked.lock_version += 1
    locked.save()
    audit_record(
        actor=actor,
        verb="meeting.note_changed",
        target=locked.meeting.assessment,
        before=before,
        after=_note_snapshot(locked),
        reason=reason.strip(),
    )
    return locked


@transaction.atomic
def interim_judgements_save(
    *, actor, assessment, judgements: dict[str, str], expected_lock_version: int | None
) -> Meeting:
    """The interim judgements given at the meeting, in words and never as grades (002 §G.i
    items 3-4): children's services overall, education, social care, capacity to improve."""
    words = {s.value: (judgements.get(s.value) or "").strip() for s in INTERIM_STRANDS}
    errors = {
        s: STATES_A_GRADE.format(where=OverallStrand(s).label)
        for s, text in words.items()
        if states_a_grade(text)
    }
    if errors:
        raise ValidationError(errors)
    meeting = _locked(assessment, expected_lock_version)
    if meeting.interim_judgements == words:
        raise ValidationError(NOT_CHANGED)
    before, meeting.interim_judgements = meeting.interim_judgements, words
    _bump(meeting, ["interim_judgements"])
    audit_record(
        actor=actor,
        verb="meeting.interim_judgements_saved",
        target=assessment,
        before=before or None,
        after=words,
    )
    return meeting


@transaction.atomic
def meeting_held_record(
    *, actor, assessment, held_on: date | None, expected_lock_version: int | None = None
) -> Meeting:
    if held_on is None:
        raise ValidationError({"held_on": NO_DATE})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": HELD_IN_FUTURE})
    meeting = _locked(assessment, expected_lock_version)
    before = _plain(meeting.held_on)
    meeting.held_on = held_on
    _bump(meeting, ["held_on"])
    audit_record(
        actor=actor,
        verb="meeting.held",
        target=assessment,
        before={"held_on": before},
        after={"held_on": held_on.isoformat()},
    )
    return meeting


def _notes_record_content(meeting: Meeting) -> dict:
    return {
        "held_on": _plain(meeting.held_on),
        "venue": meeting.venue,
        "chair": meeting.get_chair_display() if meeting.chair else "",
        "attendees": _agenda_record_content(meeting)["attendees"],
        "interim_judgements": [
            {"title": OverallStrand(s).label, "text": meeting.interim_judgements.get(s, "")}
            for s in INTERIM_STRANDS
        ],
        "notes": [
            {
                "agenda_item": n.agenda_item,
                "item_title": ITEM_TITLES[n.agenda_item],
                "raised_by": n.raised_by,
                "issue": n.issue,
                "response": n.response,
                "additional_information": n.pack_item.title if n.pack_item_id else "",
            }
            for n in meeting.notes.select_related("pack_item")
        ],
    }


@transaction.atomic
def notes_share(*, actor, assessment, expected_lock_version: int | None = None) -> MeetingRecord:
    """Share the agreed notes with the council (issue 6 §3): the issues raised, the responses
    and the interim judgements in words."""
    meeting = _locked(assessment, expected_lock_version)
    if meeting.held_on is None:
        raise ValidationError(NOT_HELD)
    if not meeting.notes.exists():
        raise ValidationError(NO_NOTES)
    missing = [
        OverallStrand(s).label.lower()
        for s in INTERIM_STRANDS
        if not (meeting.interim_judgements.get(s) or "").strip()
    ]
    if missing:
        raise ValidationError(INTERIM_MISSING.format(missing=", ".join(missing)))
    content = _notes_record_content(meeting)
    # Each text on its own: an issue ending "grade" and a response starting "3 schools" are
    # no grade.
    texts = [t for n in content["notes"] for t in (n["issue"], n["response"])]
    if any(states_a_grade(t) for t in texts):
        raise ValidationError(STATES_A_GRADE.format(where="A note"))
    recipients = _council_recipients(assessment)
    if not recipients:
        raise ValidationError(NO_COUNCIL_RECIPIENT.format(council=assessment.council.name))
    record = MeetingRecord.objects.create(
        meeting=meeting,
        kind=MeetingRecordKind.NOTES,
        number=_next_number(meeting, MeetingRecordKind.NOTES),
        content=content,
        sent_by=actor,
        sent_to=recipients,
    )
    audit_record(
        actor=actor,
        verb="meeting.notes_shared",
        target=assessment,
        after={"number": record.number, "sent_to": recipients},
        reason="The agreed notes shared with the council (002 §G.ii)",
    )
    transaction.on_commit(
        lambda: _email_council(assessment=assessment, record=record, recipients=recipients)
    )
    return record
