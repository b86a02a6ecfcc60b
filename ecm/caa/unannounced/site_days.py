"""The days inspectors are actually on site (issue 24 §1; 004: the unannounced inspection's
"Inspectors will not usually be on site for more than two days, except in exceptional
circumstances" and the full inspection's "inspectors will be on site for no more than five
days"). A visit is a set of dates, counted one by one: a Friday and the Monday after are two
days on site, not four. Shared by the unannounced and the full inspections. Pure Python: no
Django imports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def every_day(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included: a visit given only by its first and last
    days is on site on each day between them."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def site_days(days: Iterable[date | str | None]) -> list[date]:
    """The days given, without blanks, as dates (ISO text accepted: how they are stored), in
    order. Duplicates are kept so that the caller can refuse them."""
    found = [d if isinstance(d, date) else date.fromisoformat(d) for d in days if d]
    return sorted(found)


def duplicates(days: list[date]) -> list[date]:
    """The days given more than once."""
    return sorted({d for d in days if days.count(d) > 1})


def stored(days: Iterable[date]) -> list[str]:
    """The days as the models keep them: ISO text, in order, each once."""
    return [d.isoformat() for d in sorted(set(days))]


def in_words(days: list[date]) -> str:
    """ "on 16 June 2009"; "from 15 to 19 June 2009" for days one after another; "on 12 and 15
    June 2009" or "on 30 September, 1 and 5 October 2009" otherwise."""
    if not days:
        return ""
    if len(days) == 1:
        return f"on {days[0]:%-d %B %Y}"
    first, last = days[0], days[-1]
    if days == every_day(first, last):
        return f"from {_short(first, last)} to {last:%-d %B %Y}"
    parts = []
    for n, day in enumerate(days):
        following = days[n + 1] if n + 1 < len(days) else None
        if following is None:
            parts.append(f"{day:%-d %B %Y}")
        elif (following.year, following.month) == (day.year, day.month):
            parts.append(f"{day:%-d}")
        elif following.year == day.year:
            parts.append(f"{day:%-d %B}")
        else:
            parts.append(f"{day:%-d %B %Y}")
    return "on " + ", ".join(parts[:-1]) + " and " + parts[-1]


def _short(first: date, last: date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%-d}"
    if first.year == last.year:
        return f"{first:%-d %B}"
    return f"{first:%-d %B %Y}"


class DaysOnSite:
    """What both inspections say of their days on site. A model mixes it in and names its
    first and last day fields (`FIRST_DAY_FIELD`, `LAST_DAY_FIELD`) beside `site_days`."""

    FIRST_DAY_FIELD = "first_day"
    LAST_DAY_FIELD = "last_day"

    @property
    def on_site(self) -> list[date]:
        """The days actually on site, in order (every day from first to last for a visit
        recorded before the days were, issue 24 §1)."""
        first = getattr(self, self.FIRST_DAY_FIELD)
        last = getattr(self, self.LAST_DAY_FIELD)
        return site_days(self.site_days) or every_day(first, last)

    @property
    def days_on_site(self) -> int:
        """The days on site counted one by one (004): a Friday and a Monday are two."""
        return len(self.on_site)

    @property
    def days_in_words(self) -> str:
        """ "on 12 and 15 June 2009", "from 16 to 17 June 2009": the letter's words."""
        return in_words(self.on_site)

    @property
    def days_listed(self) -> str:
        """The days as a table shows them: "12 and 15 June 2009"."""
        return self.days_in_words.split(" ", 1)[1]
