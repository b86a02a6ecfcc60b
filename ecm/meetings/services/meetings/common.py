"""What the meeting's services share: the meeting's optimistic lock, the messages more than one
of them gives, the content of what is sent to the council and the email that says it was sent."""

from datetime import date, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from ecm.accounts.selectors import council_recipients
from ecm.apa.models import Meeting, MeetingRecord, MeetingRecordKind
from ecm.audit.services import audit_record
from ecm.core.grade_numbers import WRITE_IT_IN_WORDS, grade_numbers_in, quoted
from ecm.core.locking import locked
from ecm.core.once import AlreadyDone

MEETING = "the meeting arrangements"  # what a stale save's refusal names
NOT_CHANGED = "Nothing has changed: change something before you save, or go back"
NO_DATE = "Enter the date of the meeting"
NO_CHAIR = "Select who chairs the meeting: Ofsted or CSCI (the handbook, section G.ii)"
STATES_A_GRADE = (
    "A grade as a number in {where}: {found}. The council sees judgements in words only until "
    "the final letter (the handbook, section A, section G.i): " + WRITE_IT_IN_WORDS
)
# What a send already done answers (issue 20 §4), by the kind of record.
ALREADY_SENT = {
    MeetingRecordKind.AGENDA: "Agenda {number} was already sent to {to}",
    MeetingRecordKind.NOTES: (
        "The notes of the meeting (version {number}) were already shared with {to}"
    ),
}
NOT_SENT_AGAIN = (
    "It has not changed since, so it was not sent a second time: change it first to send a new "
    "version"
)
NO_COUNCIL_RECIPIENT = (
    "Nobody at {council} has an account to receive it: ask the programme administrator to add "
    "the council's link officer"
)


def meeting_get_or_create(*, assessment) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(assessment=assessment)
    return meeting


def locked_meeting(assessment, expected_lock_version: int | None) -> Meeting:
    """The assessment's meeting, locked for this transaction. Refused as stale when the page
    was read at another lock_version (None: any version, for writes that need no page's)."""
    meeting_get_or_create(assessment=assessment)
    return locked(
        Meeting.objects,
        expected_lock_version=expected_lock_version,
        what=MEETING,
        assessment=assessment,
    )


def snapshot(meeting: Meeting, fields: list[str]) -> dict:
    return {f: plain(getattr(meeting, f)) for f in fields}


def plain(value):
    """A value as JSON keeps it (the audit trail and MeetingRecord.content)."""
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def day_text(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def attendees_content(meeting: Meeting) -> list[dict]:
    """The attendees as an agenda or the notes sent to the council list them."""
    return [
        {
            "name": a.name,
            "role": a.get_role_display(),
            "job_title": a.job_title,
            "organisation": a.organisation,
            "reason": a.reason,
        }
        for a in meeting.attendees.all()
    ]


def next_number(meeting: Meeting, kind: str) -> int:
    found = meeting.records.filter(kind=kind).aggregate(n=Max("number"))["n"]
    return (found or 0) + 1


def email_council(*, assessment, record: MeetingRecord, recipients: list[str]) -> None:
    path = reverse("meetings:meeting-record", args=[assessment.pk, record.pk])
    what = record.get_kind_display().lower()
    if record.kind == MeetingRecordKind.AGENDA:
        ask = "Please read it and agree it, or say what you would like changed, at:"
    else:
        ask = "You can read them at:"
    meeting = record.meeting
    when = f" on {day_text(meeting.date)}" if meeting.date else ""
    send_mail(
        subject=f"APA meeting{when}: the {what} for {assessment.council.name}",
        message=(
            f"The inspectors have sent the {what} of the annual performance assessment meeting"
            f"{when}.\n\n{ask}\n{settings.SITE_URL}{path}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )


def latest_record(meeting: Meeting, kind: str) -> MeetingRecord | None:
    return (
        meeting.records.filter(kind=kind).select_related("sent_by").order_by("-number").first()
        if meeting.pk
        else None
    )


def already_sent(meeting: Meeting, kind: str, content: dict) -> MeetingRecord | None:
    """The latest record of `kind` when it holds exactly `content`: sending that again would
    send the council the same thing twice (issue 20 §4). Unless the council asked for changes
    to it: sending it again unchanged is then the inspectors' deliberate answer."""
    latest = latest_record(meeting, kind)
    if latest is None or latest.commented_at is not None:
        return None
    return latest if latest.content == content else None


def refuse_if_already_sent(meeting: Meeting, kind: str, content: dict) -> None:
    """Answer AlreadyDone, with what was sent, to whom, when and by whom, when the latest
    record of `kind` holds exactly `content`. Called with the meeting locked, before the send's
    other checks: a resubmitted or concurrent send, or one from a second tab, then makes one
    record and one email (issue 20 §4)."""
    sent = already_sent(meeting, kind, content)
    if sent is not None:
        raise AlreadyDone(
            done=already_sent_text(sent), at=sent.sent_at, by=sent.sent_by, again=NOT_SENT_AGAIN
        )


def already_sent_text(record: MeetingRecord) -> str:
    return ALREADY_SENT[record.kind].format(number=record.number, to=", ".join(record.sent_to))


def grade_numbers_refusal(*, where: str, texts: list[str]) -> str | None:
    """The refusal of texts a council will read that give a grade as a number, quoting each
    phrase found (ecm.core.grade_numbers; 002 §A, §G.i); None when they are in words."""
    found = list(dict.fromkeys(p for text in texts for p in grade_numbers_in(text or "")))
    return STATES_A_GRADE.format(where=where, found=quoted(found)) if found else None


def record_send(*, actor, meeting: Meeting, kind: str, content: dict, verb: str, reason: str):
    """Keep what goes to the council as the next record of its kind, audit it, and email the
    council's people once the transaction commits (decision 0019). Refused when nobody at the
    council could receive it. Callers lock the meeting and call `refuse_if_already_sent`
    first (issue 20 §4)."""
    assessment = meeting.assessment
    recipients = council_recipients(council=assessment.council)
    if not recipients:
        raise ValidationError(NO_COUNCIL_RECIPIENT.format(council=assessment.council.name))
    record = MeetingRecord.objects.create(
        meeting=meeting,
        kind=kind,
        number=next_number(meeting, kind),
        content=content,
        sent_by=actor,
        sent_to=recipients,
    )
    audit_record(
        actor=actor,
        verb=verb,
        target=assessment,
        after={"number": record.number, "sent_to": recipients},
        reason=reason,
    )
    transaction.on_commit(
        lambda: email_council(assessment=assessment, record=record, recipients=recipients)
    )
    return record
