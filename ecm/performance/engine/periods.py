"""Period labels as published by DfE (LAIT, Explore Education Statistics) and OHID Fingertips.

A label is parsed into a `Period` with a `style` and a `start_year`/`end_year`. Two periods of
one indicator are *consecutive* when they have the same style and their end years differ by 1
(see the contract in `ecm.performance.engine`).

Styles (the labels found in DfE's Local Authority Interactive Tool, `bds_long_0.parquet`, and in
Fingertips exports):

=================  ====================  ==========  ======  =======================================
label              style                 start_year  end     meaning
=================  ====================  ==========  ======  =======================================
``2023``           ``year``              2023        2023    one year (calendar, or the year an
                                                             academic year ends, as DfE publish it)
``2018 (Rev)``     ``year``              2018        2018    the same, status ``revised``
``2020 (Final)``   ``year``              2020        2020    the same, status ``final``
``2025 (prov)``    ``year``              2025        2025    the same, status ``provisional``
``2015/16``        ``slash``             2015        2016    academic or financial year, "/"
``2016-17``        ``hyphen``            2016        2017    academic or financial year, "-"
``2016-17 (OT)``   ``outturn``           2016        2017    financial year outturn (spend data)
``2014-16``        ``rolling_3``         2014        2016    rolling three calendar years
``2013/14-15/16``  ``rolling_slash_3``   2013        2016    three academic/financial years
=================  ====================  ==========  ======  =======================================

Choice: the status qualifiers (Rev), (Final) and (prov) do not change the style. DfE revise
one year's figures and finalise another's inside one series (LAIT's attainment indicators run
``2017``, ``2018 (Rev)``, ``2019 (Rev)``, ``2020 (Final)``, ...), so treating each qualifier as
a style of its own would cut every such series into pieces. The qualifier is kept in
`Period.status`. "(OT)" (outturn) is a different kind of figure and is a style of its own.

Four-digit second years are accepted (``2016-2017``, ``2015/2016``). Anything else (LAIT has
a stray label ``0``) raises `ValueError`; `periods_frame(..., errors="coerce")` instead gives
an empty style and NaN years, which are never consecutive with anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

STATUS_WORDS: dict[str, str] = {
    "rev": "revised",
    "revised": "revised",
    "final": "final",
    "prov": "provisional",
    "provisional": "provisional",
}

_YEAR = r"(?P<y1>(?:19|20)\d\d)"
_STATUS = r"(?:\s*\((?P<status>[A-Za-z]+)\))?"
_SINGLE = re.compile(rf"^{_YEAR}{_STATUS}$")
_PAIR = re.compile(rf"^{_YEAR}(?P<sep>[-/])(?P<y2>\d\d|\d{{4}}){_STATUS}$")
_ROLLING_SLASH = re.compile(
    rf"^{_YEAR}/(?P<a2>\d\d|\d{{4}})-(?P<b1>(?:19|20)\d\d|\d\d)/(?P<y2>\d\d|\d{{4}})$"
)

MAX_SPAN = 10  # years; "2018-17" is an error, not 2018 to 2117
PERIOD_COLUMNS = ("label", "style", "start_year", "end_year", "status")


@dataclass(frozen=True, slots=True)
class Period:
    """One parsed period label; `status` is "", "revised", "final" or "provisional"."""

    label: str
    style: str
    start_year: int
    end_year: int
    status: str = ""

    def is_followed_by(self, other: Period) -> bool:
        """True when `other` is the next consecutive period (same style, end year + 1)."""
        return self.style == other.style and other.end_year == self.end_year + 1


def _unparseable(label: str, why: str) -> ValueError:
    return ValueError(
        f"Cannot read period label {label!r}: {why}. Expected e.g. '2023', '2018 (Rev)', "
        "'2015/16', '2016-17', '2016-17 (OT)', '2014-16' or '2013/14-15/16'."
    )


def _full_year(first: int, second: str, label: str) -> int:
    """The four-digit year that `second` ("17" or "2017") denotes, on or after `first`."""
    if len(second) == 4:
        year = int(second)
    else:
        year = first - first % 100 + int(second)
        if year < first:
            year += 100  # "1999-00" ends in 2000
    if not first <= year <= first + MAX_SPAN:
        raise _unparseable(label, "the second year is before the first or too far after it")
    return year


def _status(label: str, word: str | None) -> tuple[str, bool]:
    """(status, is_outturn) for the bracketed qualifier."""
    if word is None:
        return "", False
    lowered = word.lower()
    if lowered == "ot":
        return "", True
    if lowered in STATUS_WORDS:
        return STATUS_WORDS[lowered], False
    raise _unparseable(label, f"unknown qualifier ({word})")


@lru_cache(maxsize=4096)
def period_parse(label: str) -> Period:
    """Parse a published period label into a `Period` (styles in the module docstring).

    Raises ValueError with the label and the accepted forms when it cannot be read.
    """
    if not isinstance(label, str):
        raise _unparseable(str(label), "not a string")
    text = " ".join(label.split())
    if match := _SINGLE.match(text):
        status, outturn = _status(label, match["status"])
        if outturn:
            raise _unparseable(label, "(OT) belongs to a financial year such as 2016-17")
        year = int(match["y1"])
        return Period(label, "year", year, year, status)
    if match := _PAIR.match(text):
        status, outturn = _status(label, match["status"])
        first = int(match["y1"])
        last = _full_year(first, match["y2"], label)
        span = last - first
        if span == 1:
            style = "outturn" if outturn else ("slash" if match["sep"] == "/" else "hyphen")
        elif span >= 2 and match["sep"] == "-" and not outturn:
            style = f"rolling_{span + 1}"
        else:
            raise _unparseable(label, f"a {span}-year span is not a known style")
        return Period(label, style, first, last, status)
    if match := _ROLLING_SLASH.match(text):
        first = int(match["y1"])
        first_end = _full_year(first, match["a2"], label)
        last_start = _full_year(first, match["b1"], label)
        last = _full_year(last_start, match["y2"], label)
        if first_end != first + 1 or last != last_start + 1 or last_start < first:
            raise _unparseable(label, "each part of a rolling range must be one year such as 13/14")
        return Period(label, f"rolling_slash_{last - first}", first, last)
    raise _unparseable(label, "no known style matches")


def periods_frame(
    labels: pd.Series | pd.Index | np.ndarray | list[str],
    *,
    errors: Literal["raise", "coerce"] = "raise",
) -> pd.DataFrame:
    """Parse many labels at once: one row per label with the `PERIOD_COLUMNS`.

    Each distinct label is parsed once (the rows then take their parsed values by position).
    The index is the Series' index when given a Series, else a RangeIndex. With
    ``errors="coerce"`` an unreadable label gets style "" and NaN years instead of raising.
    """
    # numpy and pandas for many labels at once only: `period_parse` reads one label without
    # them, for `manage.py profile --period` and the pages (issue 25 §2; decision 0049).
    import numpy as np  # noqa: PLC0415 - see above
    import pandas as pd  # noqa: PLC0415 - the same

    index = labels.index if isinstance(labels, pd.Series) else None
    codes, uniques = pd.factorize(pd.Series(np.asarray(labels, dtype=object)), use_na_sentinel=True)
    parsed: list[tuple[str, str, float, float, str]] = []
    for label in uniques:
        try:
            period = period_parse(label)
        except ValueError:
            if errors == "raise":
                raise
            parsed.append((label, "", np.nan, np.nan, ""))
        else:
            parsed.append((label, period.style, period.start_year, period.end_year, period.status))
    if (codes < 0).any():
        if errors == "raise":
            raise _unparseable("", "the label is missing")
        parsed.append(("", "", np.nan, np.nan, ""))  # code -1 indexes this last row
    table = pd.DataFrame(parsed, columns=list(PERIOD_COLUMNS))
    out = table.iloc[codes].reset_index(drop=True)
    if index is not None:
        out.index = index
    return out
