"""Reads for the APA meeting's pages (002 §G): the arrangements, the notes by agenda item, what
has been sent to the council, and where each part of the meeting stands.

The council's pages read only MeetingRecords (what was sent), never the working agenda or notes.
"""

from dataclasses import dataclass
from datetime import date, time
from itertools import groupby

from ecm.analysis.content import OverallStrand
from ecm.apa.models import Meeting, MeetingRecord, MeetingRecordKind
from ecm.meetings.agenda import AGENDA_ITEMS
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import common as common_services
from ecm.meetings.services.meetings import notes as notes_services


def attendees_of(meeting: Meeting) -> list:
    return list(meeting.attendees.all()) if meeting.pk else []


def notes_of(meeting: Meeting) -> list:
    if not meeting.pk:
        return []
    return list(meeting.notes.select_related("pack_item", "recorded_by"))


def records_of(meeting: Meeting, *, kind: str | None = None) -> list[MeetingRecord]:
    """What has been sent to the council, newest first within each kind."""
    if not meeting.pk:
        return []
    qs = meeting.records.select_related("sent_by", "agreed_by", "commented_by")
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("kind", "-number"))


def record_of(meeting: Meeting, pk) -> MeetingRecord | None:
    """One record of this meeting (None for another meeting's: the page answers 404)."""
    if not meeting.pk:
        return None
    return (
        meeting.records.select_related("sent_by", "agreed_by", "commented_by").filter(pk=pk).first()
    )


def latest(records: list[MeetingRecord], kind: str) -> MeetingRecord | None:
    return max((r for r in records if r.kind == kind), key=lambda r: r.number, default=None)


def by_agenda_item(notes, item_of=lambda n: n.agenda_item) -> list[tuple[int, str, list]]:
    """Notes grouped under the agenda item they were raised under (002 §G.ii, §G.iv), in the
    agenda's order; items with no note are left out."""
    titles = dict(AGENDA_ITEMS)
    ordered = sorted(notes, key=item_of)
    return [(n, titles.get(n, ""), list(group)) for n, group in groupby(ordered, key=item_of)]


def interim_rows(meeting: Meeting) -> list[tuple[str, str]]:
    """The four interim judgements in words (002 §G.i items 3-4), in the handbook's order."""
    saved = meeting.interim_judgements or {}
    return [(OverallStrand(s).label, saved.get(s, "")) for s in notes_services.INTERIM_STRANDS]


def agenda_to_send(meeting: Meeting) -> dict:
    """Exactly what sending the agenda would record: the service's own content function."""
    return agenda_services.agenda_record_content(meeting)


def notes_to_share(meeting: Meeting) -> dict:
    """Exactly what sharing the notes would record: the service's own content function."""
    return notes_services.notes_record_content(meeting)


@dataclass(frozen=True)
class LastSent:
    """The latest version of the agenda or the notes sent to the council; whether what would
    be sent now is exactly it (`same`), and whether sending it would be a repeat the service
    answers as already sent (`unchanged`: then the send page does not offer it; issue 20 §4).
    The same agenda after the council asked for changes may be sent again, deliberately."""

    record: MeetingRecord
    same: bool
    unchanged: bool


def last_sent(meeting: Meeting, kind: str, content: dict | None) -> LastSent | None:
    record = common_services.latest_record(meeting, kind)
    if record is None:
        return None
    same = content is not None and record.content == content
    repeat = same and common_services.already_sent(meeting, kind, content) is not None
    return LastSent(record=record, same=same, unchanged=repeat)


def _parsed(value, kind):
    if not value or not isinstance(value, str):
        return value
    try:
        return kind.fromisoformat(value)
    except ValueError:
        return value


def record_display(content: dict) -> dict:
    """A record's content with its dates as dates, its notes grouped by agenda item, for the
    templates (JSON keeps them as ISO strings)."""
    shown = dict(content)
    for key in ("date", "held_on"):
        shown[key] = _parsed(content.get(key), date)
    shown["starts_at"] = _parsed(content.get("starts_at"), time)
    if "notes" in content:
        shown["notes_by_item"] = by_agenda_item(content["notes"], lambda n: n["agenda_item"])
    return shown


@dataclass(frozen=True)
class AgendaStatus:
    """Where the agenda stands (002 §G.ii: drafted from the notebook, sent in advance by
    email, agreed by the council)."""

    state: str  # not_drafted, drafted, sent, agreed, changes_asked
    record: MeetingRecord | None
    changed_since_sent: bool


def agenda_status(meeting: Meeting, records: list[MeetingRecord]) -> AgendaStatus:
    sent = latest(records, MeetingRecordKind.AGENDA)
    if not meeting.agenda:
        state = "not_drafted" if sent is None else "sent"
    elif sent is None:
        state = "drafted"
    elif sent.agreed_at:
        state = "agreed"
    elif sent.council_comment:
        state = "changes_asked"
    else:
        state = "sent"
    changed = sent is not None and bool(meeting.agenda) and sent.content["items"] != meeting.agenda
    return AgendaStatus(state=state, record=sent, changed_since_sent=changed)


@dataclass(frozen=True)
class Task:
    name: str
    anchor: str
    status: str
    done: bool


def meeting_tasks(
    meeting: Meeting, *, attendees: list, notes: list, agenda: AgendaStatus, notes_shared: bool
) -> list[Task]:
    """The meeting's parts in the order they happen, each with where it stands."""
    if meeting.date is None:
        date_status = "Not started"
    elif meeting.date_agreed_at:
        date_status = "Agreed with the council"
    elif meeting.council_date_comment:
        date_status = "The council asked for another date"
    else:
        date_status = "Waiting for the council"
    agenda_words = {
        "not_drafted": "Not started",
        "drafted": "Drafted, not sent",
        "sent": "Sent, waiting for the council",
        "agreed": "Agreed with the council",
        "changes_asked": "The council asked for changes",
    }[agenda.state]
    interim_done = all(text.strip() for _, text in interim_rows(meeting))
    if meeting.held_on and interim_done:
        held_status = "Completed"
    elif meeting.held_on or notes:
        held_status = "In progress"
    else:
        held_status = "Not started"
    return [
        Task("Agree the date", "date", date_status, meeting.date_agreed_at is not None),
        Task(
            "Decide who chairs",
            "chair",
            "Completed" if meeting.chair else "Not started",
            bool(meeting.chair),
        ),
        Task(
            "Invite the attendees",
            "attendees",
            f"{len(attendees)} attendee{'s' if len(attendees) != 1 else ''}"
            if attendees
            else "Not started",
            bool(attendees),
        ),
        Task("Agree the agenda", "agenda", agenda_words, agenda.state == "agreed"),
        Task(
            "Hold the meeting and keep notes",
            "at-the-meeting",
            held_status,
            bool(meeting.held_on and interim_done),
        ),
        Task(
            "Share the agreed notes",
            "shared",
            "Shared with the council" if notes_shared else "Not started",
            notes_shared,
        ),
    ]
