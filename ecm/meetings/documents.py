"""The APA meeting's agenda and notes, and the Moderation Form, as PDF and DOCX (issue 6 §7).

- The agenda and the notes of the meeting (002 §G): a version sent to the council is printed
  from its MeetingRecord's content alone, exactly as sent (the council only ever sees what was
  sent to it); the inspectors' working copy is printed from the meeting as it stands, through
  the same content shape (ecm.meetings.services.meetings), and says on every page that it has not
  been sent to the council.
- The Moderation Form (002 §H, Appendix A): council, BRM, inspector, reasons for selecting and
  areas of concern, then the summary sheets of the evidence notebook it is submitted with,
  Steps 2-4, rendered by the notebook's own export (ecm.analysis.exports) rather than again.

Each document is a context, built once; the HTML templates under meetings/documents/ (with every
document's print stylesheet, core/document.css) render it for the PDF, and python-docx writes
the same content as DOCX. User text is escaped by the templates and put into the DOCX as text,
after the characters XML cannot hold are dropped (ecm.core.documents).
"""

from dataclasses import dataclass, field
from datetime import date, time

from django.template.loader import render_to_string
from django.utils import timezone

from ecm.analysis.content import OverallStrand
from ecm.apa.models import MeetingRecordKind
from ecm.core.documents import (
    STYLESHEET,
    Block,
    clean,
    docx_a4,
    docx_blocks,
    docx_save,
    docx_table,
    pdf_from_html,
    person,
    text_blocks,
    when,
)
from ecm.meetings.agenda import ITEM_TITLES, agenda_items
from ecm.meetings.services.meetings.agenda import agenda_record_content
from ecm.meetings.services.meetings.notes import INTERIM_STRANDS, notes_record_content

MEETING_TEMPLATE = "meetings/documents/meeting.html"

MEETING_TITLE = "Annual performance assessment meeting"
KINDS = {MeetingRecordKind.AGENDA.value: "agenda", MeetingRecordKind.NOTES.value: "notes"}
WORKING_COPY = "Working copy \N{EM DASH} not sent to the council"

ATTENDEES_TITLE = {"agenda": "Who will attend", "notes": "Who attended"}
ATTENDEE_COLUMNS = ("Name", "Job title and organisation", "Role at the meeting")
AGENDA_TITLE = "Agenda"
INTERIM_TITLE = "Interim judgements"
INTERIM_INTRO = (
    "Given at the meeting in words, not grades (the handbook, section G.i items 3 and 4): the "
    "contribution of the "
    "council's services to outcomes for children and young people, and its capacity to improve."
)
NOTES_TITLE = "Issues raised and responses"
NOTES_INTRO = (
    "The issues or questions raised at the meeting and the responses given (the handbook, section "
    "G.ii)."
)
RAISED_BY = "Raised by"
RESPONSE = "Response"
ADDITIONAL = "Additional information brought to the meeting"

NOT_SET = "To be agreed"
NOT_WRITTEN = "Not written yet."
NOT_DRAFTED = "Not drafted yet: the agenda is drafted from the evidence notebook."
NO_ATTENDEES = "Nobody has been added yet."
NOT_GIVEN = "Not given yet."
NO_NOTES = "Nothing was noted under this item."
NO_RESPONSE = "No response recorded."


# The fixed wording, for the templates, so that the PDF and the DOCX say the same.
WORDS = {
    "agenda": AGENDA_TITLE,
    "interim": INTERIM_TITLE,
    "interim_intro": INTERIM_INTRO,
    "notes": NOTES_TITLE,
    "notes_intro": NOTES_INTRO,
    "response": RESPONSE,
    "additional": ADDITIONAL,
    "no_attendees": NO_ATTENDEES,
    "not_given": NOT_GIVEN,
    "no_notes": NO_NOTES,
    "no_response": NO_RESPONSE,
}


# ------------------------------------------------------------------------------ What is shown


@dataclass(frozen=True)
class AttendeeShown:
    name: str
    job: str  # job title and organisation
    role: str  # with why a CSCI regional director or PIM attends (002 §G.ii)

    @property
    def cells(self) -> tuple[str, str, str]:
        return (self.name, self.job, self.role)


@dataclass(frozen=True)
class ItemShown:
    """An agenda item (002 §G.iv) with its text."""

    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class JudgementShown:
    """An interim judgement in words (002 §G.i items 3-4)."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class NoteShown:
    raised_by: str
    issue: tuple[Block, ...]
    response: tuple[Block, ...]
    additional: str

    @property
    def raised(self) -> str:
        return f"{RAISED_BY} {self.raised_by}"


@dataclass
class NotesItemShown:
    """The notes under one agenda item."""

    number: int
    title: str
    notes: list[NoteShown] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


def _day(value: str | None) -> str:
    """An ISO date from a record's content, as the documents say it ("Tuesday 3 July 2007")."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{day:%A} {day.day} {day:%B %Y}"


def _time(value: str | None) -> str:
    return f"{time.fromisoformat(value):%H:%M}" if value else ""


def text_blocks_of(text: str) -> tuple[Block, ...]:
    return tuple(text_blocks(text or ""))


def _attendees(content: dict) -> list[AttendeeShown]:
    shown = []
    for a in content.get("attendees", []):
        job = ", ".join(clean(v) for v in (a.get("job_title"), a.get("organisation")) if v)
        role = clean(a.get("role"))
        if a.get("reason"):
            role = f"{role}: {clean(a['reason'])}"
        shown.append(AttendeeShown(clean(a.get("name")), job, role))
    return shown


def _items(content: dict, *, empty: str) -> list[ItemShown]:
    items = content.get("items") or agenda_items({})
    return [
        ItemShown(
            number=item["number"],
            title=clean(item["title"]),
            blocks=text_blocks_of(item.get("text", "")) or (Block(text=empty),),
        )
        for item in items
    ]


def _notes_by_item(content: dict) -> list[NotesItemShown]:
    """Every one of the eight items, with the notes raised under it, in order."""
    by_item = {n: NotesItemShown(n, clean(title)) for n, title in ITEM_TITLES.items()}
    for note in content.get("notes", []):
        item = by_item.get(note["agenda_item"])
        if item is None:
            continue
        item.title = clean(note.get("item_title")) or item.title
        item.notes.append(
            NoteShown(
                raised_by=clean(note.get("raised_by")),
                issue=text_blocks_of(note.get("issue", "")),
                response=text_blocks_of(note.get("response", "")),
                additional=clean(note.get("additional_information")),
            )
        )
    return list(by_item.values())


def _interim(content: dict) -> list[JudgementShown]:
    return [
        JudgementShown(clean(j["title"]), text_blocks_of(j.get("text", "")))
        for j in content.get("interim_judgements", [])
    ]


# ----------------------------------------------------------------------------- The meeting


def meeting_context(
    *, assessment, kind: str, content: dict, version: str = "", sent: str = ""
) -> dict:
    """A meeting document from content of the shape a MeetingRecord holds (services.meetings):
    `version` names the version sent ("version 2, sent 3 July 2007") and `sent` says when and
    by whom; without them, the document is the inspectors' working copy."""
    council_name = clean(assessment.council.name)
    working = not version
    title = f"{MEETING_TITLE}: {KINDS[kind]} ({version or 'working copy'})"
    facts = [("Council", council_name), ("Assessment", clean(assessment.round.title))]
    if kind == MeetingRecordKind.AGENDA:
        facts += [
            ("Date", _day(content.get("date")) or NOT_SET),
            ("Time", _time(content.get("starts_at")) or NOT_SET),
            ("Venue", clean(content.get("venue")) or NOT_SET),
            ("Chair", clean(content.get("chair")) or NOT_SET),
        ]
        if content.get("opened_by"):
            facts.append(("Opened by", clean(content["opened_by"])))
    else:
        facts += [
            ("Held on", _day(content.get("held_on")) or "Not recorded yet"),
            ("Venue", clean(content.get("venue")) or "Not recorded"),
            ("Chair", clean(content.get("chair")) or "Not recorded"),
        ]
    if sent:
        facts.append(("Sent", sent))
    return {
        "template": MEETING_TEMPLATE,
        "stylesheet": STYLESHEET,
        "kind": kind,
        "title": title,
        "caption": clean(assessment.round.title),
        "subtitle": f"{council_name} \N{MIDDLE DOT} {WORKING_COPY}" if working else council_name,
        "council_name": council_name,
        "working": working,
        "working_copy": WORKING_COPY,
        "facts": facts,
        "attendees_title": ATTENDEES_TITLE[kind],
        "attendee_columns": ATTENDEE_COLUMNS,
        "attendees": _attendees(content),
        "items": _items(content, empty=NOT_DRAFTED if working else NOT_WRITTEN)
        if kind == MeetingRecordKind.AGENDA
        else [],
        "interim": _interim(content) if kind == MeetingRecordKind.NOTES else [],
        "notes": _notes_by_item(content) if kind == MeetingRecordKind.NOTES else [],
        "words": WORDS,
    }


def working_context(*, assessment, meeting, kind: str) -> dict:
    """The working copy of the agenda or the notes, from the meeting as it stands (or, before
    anything is arranged, the eight items with nothing written), in the shape a record would
    have if it were sent now."""
    if meeting is None:
        interim = [{"title": OverallStrand(s).label, "text": ""} for s in INTERIM_STRANDS]
        content = {"interim_judgements": interim}
    elif kind == MeetingRecordKind.AGENDA:
        content = agenda_record_content(meeting)
    else:
        content = notes_record_content(meeting)
    return meeting_context(assessment=assessment, kind=kind, content=content)


def record_context(*, assessment, record) -> dict:
    """A version of the agenda or the notes exactly as sent: its content only."""
    sent_on = timezone.localtime(record.sent_at)
    return meeting_context(
        assessment=assessment,
        kind=record.kind,
        content=record.content,
        version=f"version {record.number}, sent {sent_on.day} {sent_on:%B %Y}",
        sent=f"{when(record.sent_at)} by {person(record.sent_by)}",
    )


def meeting_docx(context: dict) -> bytes:
    document = docx_start(context, category=f"APA meeting {context['kind']}")
    if context["working"]:
        document.add_paragraph().add_run(WORKING_COPY).bold = True
    docx_table(document, ("", ""), context["facts"], header_row=False)
    document.add_heading(context["attendees_title"], level=1)
    if context["attendees"]:
        docx_table(document, ATTENDEE_COLUMNS, [a.cells for a in context["attendees"]])
    else:
        document.add_paragraph(NO_ATTENDEES)
    if context["items"]:
        document.add_heading(AGENDA_TITLE, level=1)
    for item in context["items"]:
        document.add_heading(item.heading, level=2)
        docx_blocks(document, item.blocks)
    if context["interim"]:
        document.add_heading(INTERIM_TITLE, level=1)
        document.add_paragraph(INTERIM_INTRO)
    for judgement in context["interim"]:
        document.add_heading(judgement.title, level=2)
        docx_blocks(document, judgement.blocks or (Block(text=NOT_GIVEN),))
    if context["notes"]:
        document.add_heading(NOTES_TITLE, level=1)
        document.add_paragraph(NOTES_INTRO)
    for item in context["notes"]:
        document.add_heading(item.heading, level=2)
        for note in item.notes:
            document.add_paragraph().add_run(note.raised).bold = True
            docx_blocks(document, note.issue)
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{RESPONSE}: ").bold = True
            if not note.response:
                paragraph.add_run(NO_RESPONSE)
            docx_blocks(document, note.response)
            if note.additional:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{ADDITIONAL}: ").bold = True
                paragraph.add_run(note.additional)
        if not item.notes:
            document.add_paragraph(NO_NOTES)
    return docx_save(document)


# ------------------------------------------------------------------------- The Moderation Form


# ------------------------------------------------------------------------------- Rendering


def document_html(context: dict, **extra) -> str:
    return render_to_string(context["template"], context | extra)


def document_pdf(context: dict, *, base_url: str) -> bytes:
    """A document's PDF, from its HTML and core/document.css; `base_url` is the site's root."""
    return pdf_from_html(document_html(context), base_url=base_url)


def docx_start(context: dict, *, category: str):
    """A DOCX with the document's title, on every document's A4 page."""
    document = docx_a4(header=f"{context['title']} \N{MIDDLE DOT} {context['subtitle']}")
    properties = document.core_properties
    properties.title = context["title"]
    properties.subject = context["caption"]
    properties.category = category
    properties.keywords = context["council_name"]
    if context.get("caption") and context["caption"] != context["title"]:
        document.add_paragraph(context["caption"])
    document.add_heading(context["title"], level=0)
    return document
