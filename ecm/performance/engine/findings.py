"""Sentences an inspector can paste into the evidence notebook, from comparison rows.

The handbook asks, on analysis day 1, whether the indicators show incidence at least in line
with national or neighbour averages, whether they show a trend of improvement, how reliable the
picture is where there are no national comparative data, and what the data do not tell us
(002 §D day 1; the dataset of 002 §C.iii). `finding_sentence` answers those questions for one
comparison row (the columns of `comparisons_compute`, see `ecm.performance.engine`), and
`outcome_summary` sums them up for an outcome.

Wording rules, with their reasons, are in docs/neighbours-and-findings.md: "significantly"
only with a 95% interval (PHE/OHID Fingertips' practice); neutral "above/below" with
"(better than)/(worse than)" where the indicator has a polarity; never "significantly" for
neighbours (`NEIGHBOUR_TOLERANCE`); a trend clause only for a significant trend or "no
significant change"; own sentences for suppressed, missing and no-comparator rows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

NEIGHBOUR_TOLERANCE = 0.05  # in line when within 5% of the neighbours' mean (relative)
TREND_YEARS = 5  # the window the trend test looks back over (the contract's trend column)

SIGNIFICANT = {"better", "worse", "higher", "lower"}

# Interval methods by value type, as intervals.py computes them (Fingertips technical guide).
INTERVAL_METHODS: dict[str, str] = {
    "percentage": "Wilson score method",
    "rate": "Byar's method, exact Poisson below 10 events",
    "count": "Byar's method, exact Poisson below 10 events",
}

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}

SUPPRESSED = (
    "The value for the {noun} in {period} was suppressed, so it cannot be compared with England "
    "or the statistical neighbours."
)
MISSING = "There is no value for the {noun} in {period}: a gap to pursue with the council."
NO_COMPARATOR = (
    "There is no national comparator, so how reliable a picture the value gives must be judged "
    "from other evidence."
)
NO_INTERVAL = "no confidence interval can be computed, so the difference may be chance"
NO_NEIGHBOURS = "There is no statistical neighbours' average to compare with."
ENGLAND_COMPUTED = "computed from councils' figures"

TREND_CLAUSES = {
    "improving": "has improved over the last {years}",
    "getting worse": "has got worse over the last {years}",
    "increasing": "has risen over the last {years}",
    "decreasing": "has fallen over the last {years}",
}
TREND_NONE = "with no significant change over the last {years}"

SUMMARY_EMPTY = "{outcome}: there are no indicators to summarise."
SUMMARY_NO_VALUES = "{outcome}: no indicator has a value to compare."
SUMMARY_COUNTS = "{outcome}: of {total} {indicators} with a value, {parts}."
SUMMARY_LABELS = {
    "better": "significantly better than England",
    "worse": "significantly worse",
    "different": "significantly above or below England where neither is better",
    "similar": "similar to England",
    "untested": "not tested against England",
}
SUMMARY_LISTS = (
    ("worsening", "Significantly worse than England and getting worse: {titles}."),
    ("best", "In the best quarter of councils and improving: {titles}."),
    ("missing", "Gaps to pursue with the council, no value: {titles}."),
    ("suppressed", "Suppressed, so not compared: {titles}."),
    ("no_comparator", "No national comparator: {titles}."),
)


@dataclass(frozen=True)
class IndicatorText:
    """How to write about one indicator.

    `noun`: a short noun phrase without an article ("rate of children looked after").
    `unit`: written after the council's value for rates and means ("per 10,000", "days");
    percentages always take "%". `polarity`: "high" (higher is better), "low" or "none".
    `interval_method`: overrides `INTERVAL_METHODS` in the method note.
    """

    title: str
    noun: str
    unit: str = ""
    value_type: str = "percentage"
    polarity: str = "none"
    decimal_places: int = 1
    interval_method: str = ""


@dataclass(frozen=True)
class Finding:
    """A sentence, the comparisons and methods it rests on, and the numbers it quotes."""

    text: str
    method: str
    figures: dict[str, float] = field(default_factory=dict)


def _number(row: Mapping, key: str) -> float | None:
    """The row's value at `key` as a float, or None when absent, None or NaN."""
    value = row.get(key)
    if value is None or isinstance(value, str):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _text(row: Mapping, key: str) -> str:
    value = row.get(key)
    return value if isinstance(value, str) else ""


def _flag(row: Mapping, key: str) -> bool:
    """A boolean column (Python or numpy bool); absent, None or NaN is False."""
    value = row.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    try:
        return bool(value)
    except (TypeError, ValueError):
        return False


def _has_interval(row: Mapping) -> bool:
    return _number(row, "ci95_lower") is not None and _number(row, "ci95_upper") is not None


def format_number(value: float, indicator: IndicatorText, *, with_unit: bool = True) -> str:
    """`value` to the indicator's decimal places with thousands separators.

    Percentages always take "%"; other types take the unit only when `with_unit` (the council's
    own value), so that comparators in brackets read "England (67)".
    """
    text = f"{value:,.{indicator.decimal_places}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    if indicator.value_type == "percentage":
        return f"{text}%"
    if with_unit and indicator.unit:
        return f"{text} {indicator.unit}"
    return text


def _years(years: int) -> str:
    return f"{NUMBER_WORDS.get(years, str(years))} years" if years != 1 else "year"


def _judgement(direction: str, polarity: str) -> str:
    """ "above" -> "above (better than)" for polarity high; neutral for polarity none."""
    if polarity not in ("high", "low"):
        return direction
    better = (direction == "above") == (polarity == "high")
    return f"{direction} ({'better' if better else 'worse'} than)"


def _england_name(row: Mapping, england: float, indicator: IndicatorText) -> str:
    figure = format_number(england, indicator, with_unit=False)
    if _flag(row, "england_computed"):
        return f"England ({figure}, {ENGLAND_COMPUTED})"
    return f"England ({figure})"


def _england_phrase(
    row: Mapping, value: float, england: float, indicator: IndicatorText
) -> tuple[str, str]:
    """The England predicate ("is significantly below England (67)") and how it was reached.

    The second item is "tested" (a 95% interval decided it), "level" (equal at the figures
    shown, no interval needed) or "untested" (a direction only, with the `NO_INTERVAL` caveat).
    """
    vs = _text(row, "vs_england")
    name = _england_name(row, england, indicator)
    if _has_interval(row) and vs in SIGNIFICANT:
        if vs in ("higher", "lower"):
            direction = "above" if vs == "higher" else "below"
        elif indicator.polarity in ("high", "low"):
            above = (vs == "better") == (indicator.polarity == "high")
            direction = "above" if above else "below"
        else:
            direction = "above" if value > england else "below"
        return f"is significantly {_judgement(direction, indicator.polarity)} {name}", "tested"
    if _has_interval(row) and vs == "similar":
        return f"is similar to {name}", "tested"
    shown = format_number(value, indicator, with_unit=False)
    if shown == format_number(england, indicator, with_unit=False):
        return f"is level with {name}", "level"
    direction = "above" if value > england else "below"
    return f"is {_judgement(direction, indicator.polarity)} {name}; {NO_INTERVAL}", "untested"


def _neighbour_phrase(row: Mapping, value: float, indicator: IndicatorText) -> str | None:
    """The neighbours predicate without a verb ("in line with the ... average (54)"), or None."""
    mean = _number(row, "neighbours_mean")
    count = _number(row, "neighbours_count")
    if mean is None or (count is not None and count < 1):
        return None
    figure = format_number(mean, indicator, with_unit=False)
    name = f"the statistical neighbours' average ({figure})"
    lower, upper = _number(row, "ci95_lower"), _number(row, "ci95_upper")
    within_interval = lower is not None and upper is not None and lower <= mean <= upper
    if within_interval or abs(value - mean) <= NEIGHBOUR_TOLERANCE * abs(mean):
        return f"in line with {name}"
    direction = "above" if value > mean else "below"
    return f"{_judgement(direction, indicator.polarity)} {name}"


def _trend(row: Mapping, years: int) -> tuple[str, str]:
    """("change", "has improved over ...") for a significant trend, ("none", "with no
    significant change over ...") for none, ("", "") when there are not enough data."""
    trend = _text(row, "trend")
    if trend in TREND_CLAUSES:
        return "change", TREND_CLAUSES[trend].format(years=_years(years))
    if trend == "no significant change":
        return "none", TREND_NONE.format(years=_years(years))
    return "", ""


def _with_trend(predicate: str, trend: tuple[str, str]) -> str:
    """`predicate` followed by the trend clause: "..., and has improved over ..."."""
    kind, clause = trend
    if kind == "change":
        return f"{predicate}, and {clause}"
    if kind == "none":
        return f"{predicate}, {clause}"
    return predicate


def _trend_alone(trend: tuple[str, str]) -> str | None:
    """The trend as a sentence of its own, after an England sentence that ends with a caveat."""
    kind, clause = trend
    if kind == "change":
        return f"It {clause}."
    if kind == "none":
        return f"There has been {clause.removeprefix('with ')}."
    return None


def _method(row: Mapping, indicator: IndicatorText, years: int, england_mode: str) -> str:
    """Which comparisons and methods the sentence rests on (shown beside it)."""
    parts: list[str] = []
    interval = indicator.interval_method or INTERVAL_METHODS.get(indicator.value_type, "")
    source = ENGLAND_COMPUTED if _flag(row, "england_computed") else "published"
    if england_mode == "none":
        parts.append("no England figure, published or computed")
    elif england_mode == "tested":
        how = f" ({interval})" if interval else ""
        parts.append(f"95% confidence interval{how} against England ({source})")
    elif england_mode == "level":
        parts.append(f"England ({source}): level at the figures shown")
    else:
        parts.append(f"England ({source}): no confidence interval, not tested")
    count = _number(row, "neighbours_count")
    if _number(row, "neighbours_mean") is not None and (count is None or count >= 1):
        councils = f"{int(count)} councils" if count is not None else "councils"
        parts.append(
            f"neighbours' mean of {councils}, in line within {NEIGHBOUR_TOLERANCE:.0%} "
            "or inside the council's 95% confidence interval (no test)"
        )
    else:
        parts.append("no neighbours' figures")
    trend = _text(row, "trend") or "not enough data"
    parts.append(f"trend over the last {_years(years)}: {trend}")
    return "; ".join(parts)


def finding_sentence(
    *, row: Mapping, indicator: IndicatorText, trend_years: int = TREND_YEARS
) -> Finding:
    """One comparison row as a sentence (002 §D day 1), with its method and figures.

    Example: "The rate of children looked after (47 per 10,000) is significantly below
    England (67) and in line with the statistical neighbours' average (54)."
    `trend_years` is the window of the row's trend test, written into the trend clause.
    """
    period = _text(row, "period") or str(row.get("period", ""))
    value = _number(row, "value")
    if _flag(row, "suppressed"):
        text = SUPPRESSED.format(noun=indicator.noun, period=period)
        return Finding(text=text, method="suppressed at publication; not compared")
    if value is None:
        text = MISSING.format(noun=indicator.noun, period=period)
        return Finding(text=text, method="no value; not compared")

    figures: dict[str, float] = {"value": value}
    subject = f"The {indicator.noun} ({format_number(value, indicator)})"
    england = _number(row, "england")
    neighbours = _neighbour_phrase(row, value, indicator)
    mean = _number(row, "neighbours_mean")
    if neighbours is not None and mean is not None:
        figures["neighbours_mean"] = mean
    trend = _trend(row, trend_years)

    if england is None:
        mode = "none"
        if neighbours is None:
            first = f"The {indicator.noun} is {format_number(value, indicator)}"
        else:
            first = f"{subject} is {neighbours}"
        sentences = [_with_trend(first, trend) + ".", NO_COMPARATOR]
    else:
        figures["england"] = england
        phrase, mode = _england_phrase(row, value, england, indicator)
        if mode != "untested":
            joined = f"{phrase} and {neighbours}" if neighbours else phrase
            sentences = [_with_trend(f"{subject} {joined}", trend) + "."]
        else:
            sentences = [f"{subject} {phrase}."]
            if neighbours:
                sentences.append(_with_trend(f"It is {neighbours}", trend) + ".")
            elif (alone := _trend_alone(trend)) is not None:
                sentences.append(alone)
    if neighbours is None:
        sentences.append(NO_NEIGHBOURS)
    method = _method(row, indicator, trend_years, mode)
    return Finding(text=" ".join(sentences), method=method, figures=figures)


def _listing(titles: list[str]) -> str:
    if len(titles) <= 1:
        return "".join(titles)
    return ", ".join(titles[:-1]) + " and " + titles[-1]


def _flags(row: Mapping) -> set[str]:
    return {flag for flag in _text(row, "flags").split("|") if flag}


def outcome_summary(
    *, findings: list[tuple[Mapping, IndicatorText]], outcome_title: str
) -> list[str]:
    """A few sentences for one outcome: the counts against England, and what to pursue.

    Counts a row as significantly better or worse only with a value and an interval (the rule
    of `finding_sentence`). "Worse and getting worse" and "best quarter and improving" take a
    row when its flag is set or its columns meet the flag's definition (engine FLAGS). Gaps are
    the missing, suppressed and no-comparator rows (002 §D day 1).
    """
    if not findings:
        return [SUMMARY_EMPTY.format(outcome=outcome_title)]
    counts = dict.fromkeys(SUMMARY_LABELS, 0)
    lists: dict[str, list[str]] = {key: [] for key, _ in SUMMARY_LISTS}
    for row, indicator in findings:
        if _flag(row, "suppressed") or _number(row, "value") is None:
            lists["suppressed" if _flag(row, "suppressed") else "missing"].append(indicator.title)
            continue
        vs, trend, flags = _text(row, "vs_england"), _text(row, "trend"), _flags(row)
        tested = _has_interval(row) and _number(row, "england") is not None
        if _number(row, "england") is None:
            lists["no_comparator"].append(indicator.title)
        key = vs if vs in ("better", "worse", "similar") else "different"
        counts[key if tested and (vs in SIGNIFICANT or vs == "similar") else "untested"] += 1
        if "worse_and_getting_worse" in flags or (
            tested and vs == "worse" and trend == "getting worse"
        ):
            lists["worsening"].append(indicator.title)
        if "best_quarter_and_improving" in flags or (
            _text(row, "quartile_band") == "A" and trend == "improving"
        ):
            lists["best"].append(indicator.title)

    total = sum(counts.values())
    if total:
        parts = [f"{n} {SUMMARY_LABELS[key]}" for key, n in counts.items() if n]
        sentences = [
            SUMMARY_COUNTS.format(
                outcome=outcome_title,
                total=total,
                indicators="indicator" if total == 1 else "indicators",
                parts=_listing(parts),
            )
        ]
    else:
        sentences = [SUMMARY_NO_VALUES.format(outcome=outcome_title)]
    for key, template in SUMMARY_LISTS:
        if lists[key]:
            sentences.append(template.format(titles=_listing(lists[key])))
    return sentences
