"""The APA meeting's pages (002 §G): arranging the date, the chair and the attendees, the agenda
drafted from the notebook and agreed with the council by email, the notes and interim
judgements in words, and the notes shared with the council.

- overview: the meeting at a glance, for the inspectors or for the council;
- arrangements: the date, who chairs and opens, the attendees;
- working_agenda: the working agenda, drafting it from the notebook, sending it;
- records: what was sent to the council, and the council's answer to an agenda;
- notes: the notes, the interim judgements, the date held, sharing the notes;
- common: fetching the meeting (404 when refused), calling a service, the form page.

The inspectors see the working copies; the council sees only what has been sent to it
(MeetingRecord) and never a grade (002 §A). Whatever a person may not open answers 404.
"""

from ecm.meetings.views.meetings.arrangements import (
    attendee_add,
    attendee_remove,
    chair,
    date_answer,
    date_propose,
)
from ecm.meetings.views.meetings.notes import held, interim, note_add, note_edit, notes_share
from ecm.meetings.views.meetings.overview import meeting
from ecm.meetings.views.meetings.records import record, record_answer
from ecm.meetings.views.meetings.working_agenda import agenda, agenda_draft, agenda_send

# What ecm/apa/urls.py routes to.
__all__ = [
    "agenda",
    "agenda_draft",
    "agenda_send",
    "attendee_add",
    "attendee_remove",
    "chair",
    "date_answer",
    "date_propose",
    "held",
    "interim",
    "meeting",
    "note_add",
    "note_edit",
    "notes_share",
    "record",
    "record_answer",
]
