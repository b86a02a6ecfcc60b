"""How indicators and comparisons read on pages, downloads and the command line."""

import math
from collections.abc import Iterable

from ecm.performance.engine.findings import (
    Finding,
    IndicatorText,
    finding_sentence,
    outcome_summary,
)
from ecm.performance.models import Comparison, Indicator

UNITS = {"percentage": "%", "rate": "", "mean": "", "count": ""}
RECORD_FIELDS = [
    "authority",
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "england",
    "region",
    "neighbours_mean",
    "neighbours_median",
    "rank",
    "quartile_band",
    "ci95_lower",
    "ci95_upper",
    "vs_england",
    "trend",
    "flags",
    "sentence",
]
FLAG_TEXT = {
    "worse_and_getting_worse": "Significantly worse than England and getting worse",
    "best_quarter_and_improving": "In the best quarter and improving",
    "no_comparator": "No national comparator",
    "suppressed": "Suppressed",
    "missing": "Missing: a gap to pursue",
}


def indicator_text(indicator: Indicator) -> IndicatorText:
    title = indicator.title.strip()
    noun = title[:1].lower() + title[1:] if title[:2] != title[:2].upper() else title
    return IndicatorText(
        title=title,
        noun=noun,
        unit=_unit(indicator),
        value_type=indicator.value_type,
        polarity=indicator.polarity,
        decimal_places=indicator.decimal_places,
    )


def _unit(indicator: Indicator) -> str:
    if indicator.unit:
        return indicator.unit
    if indicator.value_type == "rate" and indicator.multiplier != 1:
        return f"per {indicator.multiplier:,.0f}"
    return ""


def comparison_row(comparison: Comparison) -> dict:
    return {f.attname: getattr(comparison, f.attname) for f in Comparison._meta.concrete_fields}


def comparison_finding(comparison: Comparison) -> Finding:
    return finding_sentence(
        row=comparison_row(comparison), indicator=indicator_text(comparison.indicator)
    )


def comparison_written(comparison: Comparison) -> Comparison:
    """The comparison with its sentence (`finding`) and its flags in words (`flag_texts`)."""
    comparison.finding = comparison_finding(comparison)
    comparison.flag_texts = [FLAG_TEXT.get(f, f) for f in comparison.flag_list]
    return comparison


def profile_groups_written(groups: list) -> list:
    """Each comparison of a profile with its sentence and flags in words, and each outcome with
    its summary (issue 3 §4), for the profile page."""
    for group in groups:
        pairs = []
        for comparison in group.comparisons:
            comparison_written(comparison)
            pairs.append((comparison_row(comparison), indicator_text(comparison.indicator)))
        group.summary = outcome_summary(findings=pairs, outcome_title=group.outcome.label)
    return groups


def value_shown(number: float | None, indicator: Indicator) -> str:
    """A number as the indicator publishes it: its decimal places, thousands separated."""
    if number is None or (isinstance(number, float) and math.isnan(number)):
        return ""
    text = f"{number:,.{indicator.decimal_places}f}"
    return text + ("%" if indicator.value_type == "percentage" else "")


def profile_records(comparisons: Iterable[Comparison]) -> list[dict]:
    """The profile as the command line and the downloads give it (issue 3 §6)."""
    records = []
    for c in comparisons:
        records.append(
            {
                "authority": c.council.la_number,
                "indicator": c.indicator.code,
                "period": c.period,
                "value": c.value,
                "numerator": c.numerator,
                "denominator": c.denominator,
                "england": c.england,
                "region": c.region,
                "neighbours_mean": c.neighbours_mean,
                "neighbours_median": c.neighbours_median,
                "rank": c.rank,
                "quartile_band": c.quartile_band,
                "ci95_lower": c.ci95_lower,
                "ci95_upper": c.ci95_upper,
                "vs_england": c.vs_england,
                "trend": c.trend,
                "flags": c.flags,
                "sentence": comparison_finding(c).text,
            }
        )
    return records
