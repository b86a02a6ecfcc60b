"""How indicators and comparisons read on pages, downloads and the command line."""

import math
from collections.abc import Callable, Iterable
from html import escape
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe

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


def flag_colour(text: str) -> str:
    """The GOV.UK tag colour of a flag in words: red for worse, green for best, else grey."""
    return "red" if "worse" in text else "green" if "best" in text else "grey"


def url_for_each(name: str, *args: str) -> Callable[[str], str]:
    """The URL `name` takes with `args` and one last argument, for many values of that last
    argument from a single `reverse()` (issue 25 §2: not one per row). The value is quoted as
    `reverse()` quotes it, so both give the same URL (a test holds them together)."""
    marker = "ecm-url-argument"
    head, tail = reverse(name, args=[*args, marker]).rsplit(marker, 1)
    safe = RFC3986_SUBDELIMS + "/~:@"
    return lambda value: head + quote(value, safe=safe) + tail


def profile_groups_written(groups: list, *, council) -> list:
    """Each outcome of a profile with its summary (issue 3 §4) and its rows ready to print
    (`rows`), written once here rather than per row in the template (issue 25 §2): each
    comparison's link to its time series, title, flags in words with their colours, period,
    figure cells and sentence. Plain dicts, which the template reads at the first try (a
    model instance costs it a failed dict lookup per attribute). Each comparison keeps its
    sentence (`finding`) and flags in words (`flag_texts`) as `comparison_written` gives them.
    """
    indicator_url = url_for_each("performance:council-indicator", council.la_number)
    for group in groups:
        pairs, group.rows = [], []
        for comparison in group.comparisons:
            indicator = comparison.indicator
            text = indicator_text(indicator)
            row = comparison_row(comparison)
            comparison.finding = finding_sentence(row=row, indicator=text)
            comparison.flag_texts = [FLAG_TEXT.get(f, f) for f in comparison.flag_list]
            group.rows.append(
                {
                    "url": indicator_url(indicator.code),
                    "title": indicator.title,
                    "flags": [(t, flag_colour(t)) for t in comparison.flag_texts],
                    "period": comparison.period,
                    "cells": comparison_cells(comparison),
                    "finding": comparison.finding.text,
                }
            )
            pairs.append((row, text))
        group.summary = outcome_summary(findings=pairs, outcome_title=group.outcome.label)
    return groups


# The figure cells of a comparison in every table of figures (a council's profile, its time
# series, an indicator across councils), written once here: a template include per row cost
# a third of the profile's rendering with 447 indicators (issue 25 §2).
CELLS = (
    '<td class="govuk-table__cell govuk-table__cell--numeric">{value}</td>\n'
    '<td class="govuk-table__cell govuk-table__cell--numeric">{england}{computed}</td>\n'
    '<td class="govuk-table__cell govuk-table__cell--numeric">{region}</td>\n'
    '<td class="govuk-table__cell govuk-table__cell--numeric">{neighbours_mean}</td>\n'
    '<td class="govuk-table__cell">{band}</td>\n'
    '<td class="govuk-table__cell">{vs_england}</td>\n'
    '<td class="govuk-table__cell">{trend}</td>\n'
)
SUPPRESSED_TAG = '<span class="govuk-tag govuk-tag--grey">Suppressed</span>'
COMPUTED_NOTE = '<br><span class="govuk-body-s">computed</span>'
NO_FIGURE = "\u2013"  # an en dash where there is no figure


def comparison_cells(comparison: Comparison) -> SafeString:
    """The comparison's figure cells (value, England, region, neighbours' mean, band, against
    England, trend), each number as its indicator publishes it and a dash where there is none."""
    indicator = comparison.indicator

    # The standard library's escape, as Django's does it, without Django's lazy-string wrapper
    # (a third of this function's time over 447 rows).
    def figure(number: float | None) -> str:
        return NO_FIGURE if number is None else escape(value_shown(number, indicator))

    return mark_safe(  # noqa: S308 (every value is escaped above or below)
        CELLS.format(
            value=SUPPRESSED_TAG if comparison.suppressed else figure(comparison.value),
            england=figure(comparison.england),
            computed=COMPUTED_NOTE if comparison.england_computed else "",
            region=figure(comparison.region),
            neighbours_mean=figure(comparison.neighbours_mean),
            band=escape(comparison.quartile_band or NO_FIGURE),
            vs_england=escape(comparison.vs_england),
            trend=escape(comparison.trend),
        )
    )


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
