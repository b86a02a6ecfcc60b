"""The meeting itself (002 §G.i, §G.ii): the notes of the issues or questions raised and the
responses, the interim judgements given in words, the date it was held, and the notes shared
with the council afterwards."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.analysis.content import OverallStrand
from ecm.analysis.pack import PackCategory, SupportingType
from ecm.analysis.services.pack import pack_item_upload
from ecm.apa.models import Meeting, MeetingNote, MeetingRecord, MeetingRecordKind
from ecm.audit.services import audit_record
from ecm.core.document_check import DocumentPart, document_problems, refuse_unless_ready
from ecm.core.locking import save_next_version, stale
from ecm.core.once import AlreadyDone, once_claim, once_done
from ecm.meetings.agenda import ITEM_TITLES
from ecm.meetings.services.meetings.common import (
    NO_DATE,
    NOT_CHANGED,
    already_sent_text,
    attendees_content,
    grade_numbers_refusal,
    locked_meeting,
    plain,
    record_send,
    refuse_if_already_sent,
)

NOTE_ALREADY_ADDED = "This note on item {item} was already saved"
NOT_NOTED_AGAIN = "It was not saved a second time"
NO_ISSUE = "Enter the issue or question raised"
NO_RAISED_BY = "Enter who raised it"
BAD_ITEM = "Select the agenda item it was raised under (1 to 8)"
NO_REASON = "Enter why you are changing the note"
NOT_HELD = "Record the date the meeting was held first"
HELD_IN_FUTURE = "The meeting cannot have been held on a date still to come"
NO_NOTES = "Record at least one issue or question raised and the response before sharing"
INTERIM_MISSING = (
    "Give the interim judgement in words for each of: {missing} (the handbook, section G.i items "
    "3 and 4)"
)

INTERIM_STRANDS = [
    OverallStrand.CHILDREN_SERVICES,
    OverallStrand.EDUCATION,
    OverallStrand.SOCIAL_CARE,
    OverallStrand.CAPACITY,
]


# The words of a note as the shared record shows them to the council (002 §G.ii), each
# checked for a grade as a number (002 §A, §G.i).
NOTE_WORDS = {
    "raised_by": "who raised it",
    "issue": "the issue or question raised",
    "response": "the response",
    "upload_title": "the title of the additional information",
}


def _check_note(*, agenda_item, raised_by: str, issue: str, **words: str) -> None:
    errors = {}
    if agenda_item not in ITEM_TITLES:
        errors["agenda_item"] = BAD_ITEM
    if not raised_by.strip():
        errors["raised_by"] = NO_RAISED_BY
    if not issue.strip():
        errors["issue"] = NO_ISSUE
    for field, text in ({"raised_by": raised_by, "issue": issue} | words).items():
        refusal = grade_numbers_refusal(where=NOTE_WORDS[field], texts=[text])
        if refusal and field not in errors:
            errors[field] = refusal
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
    once: UUID | None = None,
) -> MeetingNote:
    """Note an issue or question raised and the response (002 §G.ii). Additional information
    the council brings (002 §G.i.2) is kept in the information pack as new evidence. Noted once
    (issue 20 §4): the form's token posted again, or the same issue and response by the same
    person under the same item, is answered AlreadyDone; the meeting is locked, so two posts
    at once make one note."""
    claim = once_claim(token=once, actor=actor, what="meeting.note_add")
    _check_note(
        agenda_item=agenda_item,
        raised_by=raised_by,
        issue=issue,
        response=response,
        upload_title=upload_title,
    )
    meeting = locked_meeting(assessment, None)
    same = _same_note(
        meeting, agenda_item=agenda_item, raised_by=raised_by, issue=issue, response=response
    )
    if same is not None:
        raise AlreadyDone(
            done=NOTE_ALREADY_ADDED.format(item=same.agenda_item),
            at=same.recorded_at,
            by=same.recorded_by,
            again=NOT_NOTED_AGAIN,
        )
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
    once_done(claim, done=NOTE_ALREADY_ADDED.format(item=note.agenda_item), result=note)
    return note


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same_note(
    meeting: Meeting, *, agenda_item: int, raised_by: str, issue: str, response: str
) -> MeetingNote | None:
    """The same issue and response, raised by the same person under the same item: the note
    made twice (issue 20 §4)."""
    wanted = (_words(raised_by), _words(issue), _words(response))
    return next(
        (
            n
            for n in meeting.notes.filter(agenda_item=agenda_item).select_related("recorded_by")
            if (_words(n.raised_by), _words(n.issue), _words(n.response)) == wanted
        ),
        None,
    )


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
    _check_note(agenda_item=agenda_item, raised_by=raised_by, issue=issue, response=response)
    locked = MeetingNote.objects.select_for_update().get(pk=note.pk)
    if locked.lock_version != expected_lock_version:
        raise stale(what="this note")
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


def _interim_words(strand: str) -> str:
    return f"the interim judgement for {OverallStrand(strand).label.lower()}"


@transaction.atomic
def interim_judgements_save(
    *, actor, assessment, judgements: dict[str, str], expected_lock_version: int | None
) -> Meeting:
    """The interim judgements given at the meeting, in words and never as grades (002 §G.i
    items 3-4): children's services overall, education, social care, capacity to improve."""
    words = {s.value: (judgements.get(s.value) or "").strip() for s in INTERIM_STRANDS}
    refusals = {
        s: grade_numbers_refusal(where=_interim_words(s), texts=[text]) for s, text in words.items()
    }
    errors = {strand: refusal for strand, refusal in refusals.items() if refusal}
    if errors:
        raise ValidationError(errors)
    meeting = locked_meeting(assessment, expected_lock_version)
    if meeting.interim_judgements == words:
        raise ValidationError(NOT_CHANGED)
    before, meeting.interim_judgements = meeting.interim_judgements, words
    save_next_version(meeting, ["interim_judgements"])
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
    meeting = locked_meeting(assessment, expected_lock_version)
    before = plain(meeting.held_on)
    meeting.held_on = held_on
    save_next_version(meeting, ["held_on"])
    audit_record(
        actor=actor,
        verb="meeting.held",
        target=assessment,
        before={"held_on": before},
        after={"held_on": held_on.isoformat()},
    )
    return meeting


def notes_record_content(meeting: Meeting) -> dict:
    """What sharing the notes records: the attendees, the interim judgements in words and the
    notes. The share page and the documents show exactly this."""
    return {
        "held_on": plain(meeting.held_on),
        "venue": meeting.venue,
        "chair": meeting.get_chair_display() if meeting.chair else "",
        "attendees": attendees_content(meeting),
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
def notes_share(
    *, actor, assessment, expected_lock_version: int | None = None, once: UUID | None = None
) -> MeetingRecord:
    """Share the agreed notes with the council (issue 6 §3): the issues raised, the responses
    and the interim judgements in words. Shared once (issue 20 §4): the form's token posted
    again, or notes unchanged since they were last shared, are answered AlreadyDone."""
    claim = once_claim(token=once, actor=actor, what="meeting.notes_share")
    meeting = locked_meeting(assessment, expected_lock_version)
    refuse_if_already_sent(meeting, MeetingRecordKind.NOTES, notes_record_content(meeting))
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
    content = notes_record_content(meeting)
    # Each text on its own: an issue ending "grade" and a response starting "3 schools" are
    # no grade.
    texts = [
        t
        for n in content["notes"]
        for t in (n["raised_by"], n["issue"], n["response"], n["additional_information"])
    ]
    # Checked again as shared: a text saved before the guard knew a form must not go.
    refusals = [
        grade_numbers_refusal(
            where=_interim_words(s), texts=[meeting.interim_judgements.get(s, "")]
        )
        for s in INTERIM_STRANDS
    ]
    refusals.append(grade_numbers_refusal(where="a note", texts=texts))
    if any(refusals):
        raise ValidationError([r for r in refusals if r])
    # Read as the council will read it (issue 20 §1): no placeholder, no sentence twice.
    refuse_unless_ready(
        what="The meeting record",
        problems=document_problems(
            parts=[
                *(DocumentPart(j["title"], j["text"]) for j in content["interim_judgements"]),
                # The issue and the response apart: "... grade" and "3 schools ..." are no
                # grade.
                *(
                    DocumentPart(f"Note {i}, {field}", n[field], required=False)
                    for i, n in enumerate(content["notes"], start=1)
                    for field in ("issue", "response")
                ),
            ],
            grades_allowed=False,
        ),
    )
    record = record_send(
        actor=actor,
        meeting=meeting,
        kind=MeetingRecordKind.NOTES,
        content=content,
        verb="meeting.notes_shared",
        reason="The agreed notes shared with the council (the handbook, section G.ii)",
    )
    once_done(claim, done=already_sent_text(record), result=record)
    return record
