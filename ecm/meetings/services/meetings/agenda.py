"""The meeting's agenda (002 §G.ii, §G.iv): drafted from the evidence notebook in the eight-item
format, edited by the inspectors, sent to the council by email in advance, and agreed by the
council or sent back with the changes it would like."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.models import Meeting, MeetingRecord, MeetingRecordKind
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.document_check import DocumentPart, document_problems, refuse_unless_ready
from ecm.core.grade_numbers import states_a_grade
from ecm.core.locking import save_next_version
from ecm.core.once import once_claim, once_done
from ecm.meetings.agenda import agenda_draft_texts, agenda_items, item_unwritten
from ecm.meetings.services.meetings.common import (
    NO_CHAIR,
    NOT_CHANGED,
    already_sent_text,
    attendees_content,
    grade_numbers_refusal,
    locked_meeting,
    next_number,
    plain,
    record_send,
    refuse_if_already_sent,
)

ALREADY_DRAFTED = (
    "The agenda has already been drafted. Drafting again from the notebook replaces what is "
    "there now: confirm that you want to replace it"
)
NO_AGENDA = "Draft the agenda from the notebook first"
EMPTY_ITEMS = "Write every item before sending: {items} still empty"
NOT_THE_LATEST = "A newer agenda has been sent since: answer the latest one"
ALREADY_ANSWERED = "The council has already agreed this agenda"
CHANGES_ALREADY_ASKED = (
    "The council has already said what it would like changed in this agenda: the inspectors "
    "send a new version to agree"
)
NOT_AN_AGENDA = "Only an agenda is agreed: the notes of the meeting are shared for information"
NO_COUNCIL_COMMENT = "Say what the council would like changed in the agenda"


@transaction.atomic
def agenda_draft(*, actor, assessment, replace: bool = False) -> Meeting:
    """Draft the eight items from the notebook as it stands (002 §G.ii, §G.iv)."""
    meeting = locked_meeting(assessment, None)
    if meeting.agenda and not replace:
        raise ValidationError(ALREADY_DRAFTED)
    before = meeting.agenda
    meeting.agenda = agenda_items(agenda_draft_texts(assessment=assessment, meeting=meeting))
    save_next_version(meeting, ["agenda"])
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
    meeting = locked_meeting(assessment, expected_lock_version)
    if not meeting.agenda:
        raise ValidationError(NO_AGENDA)
    agenda = agenda_items(texts)
    if agenda == meeting.agenda:
        raise ValidationError(NOT_CHANGED)
    refusals = {
        f"item_{item['number']}": grade_numbers_refusal(
            where=f"item {item['number']}", texts=[item["text"]]
        )
        for item in agenda
    }
    errors = {field: refusal for field, refusal in refusals.items() if refusal}
    if errors:
        raise ValidationError(errors)
    before, meeting.agenda = meeting.agenda, agenda
    save_next_version(meeting, ["agenda"])
    audit_record(
        actor=actor, verb="meeting.agenda_saved", target=assessment, before=before, after=agenda
    )
    return meeting


def agenda_record_content(meeting: Meeting) -> dict:
    """What sending the agenda records: the items, the arrangements and the attendees. The
    send page and the documents show exactly this."""
    return {
        "items": meeting.agenda,
        "date": plain(meeting.date),
        "starts_at": plain(meeting.starts_at),
        "venue": meeting.venue,
        "chair": meeting.get_chair_display() if meeting.chair else "",
        "opened_by": meeting.get_opened_by_display() if meeting.opened_by else "",
        "attendees": attendees_content(meeting),
    }


@transaction.atomic
def agenda_send(
    *, actor, assessment, expected_lock_version: int | None = None, once: UUID | None = None
) -> MeetingRecord:
    """Send the agenda to the council by email, in advance, to be agreed (002 §G: the agenda
    is "provided to the authority in advance by email, agreed and published to attendees").
    Sent once (issue 20 §4): the form's token posted again, or an agenda unchanged since the
    latest one sent, is answered AlreadyDone with what was sent, to whom and when; no second
    agenda, no second email. An agenda changed since is sent as the next version."""
    claim = once_claim(token=once, actor=actor, what="meeting.agenda_send")
    meeting = locked_meeting(assessment, expected_lock_version)
    if meeting.agenda:
        refuse_if_already_sent(meeting, MeetingRecordKind.AGENDA, agenda_record_content(meeting))
    if not meeting.agenda:
        raise ValidationError(NO_AGENDA)
    if not meeting.chair:
        raise ValidationError(NO_CHAIR)
    empty = [str(i["number"]) for i in meeting.agenda if item_unwritten(i["text"])]
    if empty:
        raise ValidationError(EMPTY_ITEMS.format(items=", ".join(empty)))
    graded = [i for i in meeting.agenda if states_a_grade(i["text"])]
    if graded:
        numbers = [str(i["number"]) for i in graded]
        where = (
            f"items {', '.join(numbers[:-1])} and {numbers[-1]}"
            if len(numbers) > 1
            else f"item {numbers[0]}"
        )
        raise ValidationError(grade_numbers_refusal(where=where, texts=[i["text"] for i in graded]))
    # Read as the council will read it (issue 20 §1): no placeholder left.
    refuse_unless_ready(
        what="The agenda",
        problems=document_problems(
            parts=[DocumentPart(f"Item {i['number']}", i["text"]) for i in meeting.agenda],
            grades_allowed=False,
            # Item 5 gives a finding under its outcome and under service management (002 §G.iv).
            repeats_allowed=True,
        ),
    )
    record = record_send(
        actor=actor,
        meeting=meeting,
        kind=MeetingRecordKind.AGENDA,
        content=agenda_record_content(meeting),
        verb="meeting.agenda_sent",
        reason="Sent to the council to agree (the handbook, section G.ii)",
    )
    once_done(claim, done=already_sent_text(record), result=record)
    return record


@transaction.atomic
def agenda_answer(*, actor, record: MeetingRecord, agree: bool, comment: str = "") -> MeetingRecord:
    """The council agrees the agenda sent to it, or says what it would like changed."""
    record = MeetingRecord.objects.select_for_update().get(pk=record.pk)
    if record.kind != MeetingRecordKind.AGENDA:
        raise NotYourRole(NOT_AN_AGENDA)
    latest = next_number(record.meeting, record.kind) - 1
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
