"""What is due from the apps beside the programme (issue 24 §3): the programme's "what is due",
calendars and reminders ask with `due_entries`, and an app the programme may not import
(`ecm.caa`, beside it in the layers) answers from its `AppConfig.ready` by connecting a receiver
to `due_entries_asked`, as `ecm.core.archive` does for the notebook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.dispatch import Signal

# kwargs: `user`, `today`. A receiver answers a list of `DueEntry`.
due_entries_asked = Signal()


@dataclass(frozen=True)
class DueEntry:
    """One date or task of a person. A task is listed in "what is due" and reminded; every
    entry is a date in the person's calendar."""

    code: str
    title: str
    council: str  # "" for a task of the programme rather than of one council
    deadline: object  # ecm.workdays.calendar.Deadline: its date, rule and source
    url: str
    source: str
    subject_key: str  # what the entry is about, e.g. "s:12": a reminder's key
    task: bool = True
    ends: date | None = None  # an event lasting several days: its last day

    @property
    def due_on(self) -> date:
        return self.deadline.date


def due_entries(*, user, today: date) -> list[DueEntry]:
    """Every entry the connected apps give the person."""
    found: list[DueEntry] = []
    for _receiver, answer in due_entries_asked.send(sender=None, user=user, today=today):
        found += answer or []
    return found


def tasks_of(entries: list[DueEntry], today: date) -> list[DueEntry]:
    """The entries that are tasks: work still to do, and an event until its last day passed."""
    return [e for e in entries if e.task and (e.ends is None or e.ends >= today)]
