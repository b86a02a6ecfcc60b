"""England's working-day calendar (DOMAIN.md §6).

Working days skip Saturdays, Sundays and the bank holidays of England, taken from the
maintained `holidays` library (subdivision ENG), which knows the one-off holidays too (the
2012 Diamond Jubilee, the 2022 state funeral, the 2023 coronation). No date is typed by hand.
Pure Python with no Django import, so the rules can be tested and benchmarked alone.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

CALENDAR_NAME = "England and Wales bank holidays (England), from the 'holidays' library"
CALENDAR_SHORT_NAME = "England working days"


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> holidays.HolidayBase:
    # The library (every country's calendars, ~0.1 s) when a date is first counted, not when
    # the models that name this module are imported by django.setup() (issue 25 §2).
    import holidays  # noqa: PLC0415 - see above

    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def bank_holiday_name(day: date) -> str | None:
    """The name of the bank holiday on this day in England, or None."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and bank_holiday_name(day) is None


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (before it when negative).

    The start day itself is not counted: 5 working days from a Friday is the next Friday.
    Adding 0 gives the start day if it is a working day, otherwise the next working day.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    if remaining == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def count_working_days(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end is before start).

    The inverse of add_working_days: count_working_days(d, add_working_days(d, n)) == n.
    Counted by whole weeks and the bank holidays between, so a span of years is as quick as a
    span of days (the round dashboard counts how late every council is).
    """
    if end < start:
        return -count_working_days(end, start)
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    for year in range(start.year, end.year + 1):
        for holiday in _bank_holidays(year):
            if start < holiday <= end and holiday.weekday() < 5:
                count -= 1
    return count


def last_working_day_of_month(year: int, month: int) -> date:
    day = date(year, month, _calendar.monthrange(year, month)[1])
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def first_working_day_of_month(year: int, month: int) -> date:
    return add_working_days(date(year, month, 1), 0)


def on_or_before_working_day(day: date) -> date:
    """A fixed calendar date that falls on a weekend or holiday moves back to a working day."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class Deadline:
    """A date the process sets, with the rule and the calendar that produced it (DOMAIN.md §6)."""

    date: date
    rule: str
    source: str = ""
    calendar: str = CALENDAR_SHORT_NAME

    def __str__(self) -> str:
        return f"{self.date:%-d %B %Y} ({self.rule})"


def deadline_after_working_days(*, start: date, days: int, rule: str, source: str = "") -> Deadline:
    return Deadline(date=add_working_days(start, days), rule=rule, source=source)
