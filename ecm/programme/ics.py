"""Deadlines as iCalendar (issue 8 §5; RFC 5545 through the icalendar library). Each deadline
is an all-day event whose description carries its rule and source, with a stable UID so that
a calendar updates the event when a date moves rather than adding a second."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODID = "-//ECM Assess//Deadlines//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str
    url: str = ""


def calendar_bytes(*, name: str, events: list[CalendarEvent], now: datetime | None = None) -> bytes:
    # icalendar when a feed is written, not when the URLconf imports the views that serve one
    # (issue 25 §2: django.setup() and every command stay without it).
    from icalendar import Calendar, Event  # noqa: PLC0415 - see above

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = now or datetime.now(UTC)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", item.url)
        cal.add_component(event)
    return cal.to_ical()
