"""The quarters of the performance profile (004: "from June 2009 and be reviewed quarterly").

Quarters are those of the financial year, which is also the inspection year: from April. So
"2009-Q1" is April to June 2009, "2009-Q2" July to September, "2009-Q3" October to December
and "2009-Q4" January to March 2010. The first profile, published by Ofsted in June 2009, is
the profile of 2009-Q1; no quarter before it has a profile.
"""

import re
from dataclasses import dataclass
from datetime import date

_LABEL = re.compile(r"^(\d{4})-Q([1-4])$")
QUARTER_PATTERN = r"^\d{4}-Q[1-4]$"  # the database's CheckConstraint says the same


@dataclass(frozen=True, order=True)
class Quarter:
    year: int  # the financial year's first calendar year (2009 for 2009-10)
    number: int  # 1 (April to June) to 4 (January to March)

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def starts(self) -> date:
        month = 3 * self.number + 1  # 4, 7, 10, 13
        return date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def ends(self) -> date:
        following = self.next().starts
        return date.fromordinal(following.toordinal() - 1)

    @property
    def months(self) -> str:
        """ "July to September 2009", as pages say it."""
        first, last = self.starts, self.ends
        return f"{first:%B} to {last:%B %Y}"

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def __str__(self) -> str:
        return self.label


FIRST_QUARTER = Quarter(2009, 1)  # 004: the profile is provided "from June 2009"


def quarter_parse(label: str) -> Quarter | None:
    """The quarter a label like "2009-Q2" names, or None when it names none."""
    match = _LABEL.match(label or "")
    return Quarter(int(match[1]), int(match[2])) if match else None


def quarter_of(day: date) -> Quarter:
    """The financial quarter a day falls in (January to March belong to the year before)."""
    if day.month <= 3:
        return Quarter(day.year - 1, 4)
    return Quarter(day.year, (day.month - 4) // 3 + 1)
