"""Finding sentences and outcome summaries (engine/findings.py).

Sources: the handbook's analysis day 1 (002 §D day 1: in line with national or neighbour
averages? a trend of improvement? how reliable where there is no national comparator? what the
data do not tell us), the dataset (002 §C.iii), the engine contract's comparison row
(ecm/performance/engine/__init__.py), PHE/OHID Fingertips' practice of comparing with England
only through confidence intervals, and docs/neighbours-and-findings.md.
"""

import math

import hypothesis.strategies as st
import pandas as pd
import pytest
from hypothesis import given

from ecm.performance.engine.findings import (
    MISSING,
    NO_COMPARATOR,
    NO_INTERVAL,
    NO_NEIGHBOURS,
    SUPPRESSED,
    IndicatorText,
    _trend_alone,
    finding_sentence,
    format_number,
    outcome_summary,
)

NAN = math.nan

CLA = IndicatorText(
    title="Children looked after rate",
    noun="rate of children looked after",
    unit="per 10,000",
    value_type="rate",
    polarity="none",
    decimal_places=0,
)
GCSE = IndicatorText(
    title="Five or more A*-C GCSEs",
    noun="percentage of pupils gaining five or more A*-C GCSEs",
    value_type="percentage",
    polarity="high",
    decimal_places=1,
)
REOFFENDING = IndicatorText(
    title="Re-offending rate",
    noun="re-offending rate",
    value_type="percentage",
    polarity="low",
    decimal_places=1,
)


def _row(**changes) -> dict:
    """A comparison row (engine contract). England 67 is invented for the tests."""
    row = dict(
        council="855", indicator="cla_rate", period="2024-25", end_year=2025, value=47.0,
        numerator=650.0, denominator=138_000.0, suppressed=False, england=67.0,
        england_computed=False, region=60.0, neighbours_mean=49.0, neighbours_median=48.0,
        neighbours_count=10, rank=NAN, rank_of=NAN, quartile_band="", ci95_lower=43.5,
        ci95_upper=50.8, vs_england="lower", change=NAN, trend="not enough data", flags="",
    )  # fmt: skip
    row.update(changes)
    return row


def test_leicestershire_example_significantly_below_england_and_in_line_with_neighbours():
    """002 §D day 1 (in line with national or neighbour averages?): Leicestershire's 47 per
    10,000 against an invented England of 67 and neighbours' 49 (within 5%)."""
    finding = finding_sentence(row=_row(), indicator=CLA)
    assert finding.text == (
        "The rate of children looked after (47 per 10,000) is significantly below England (67) "
        "and in line with the statistical neighbours' average (49)."
    )
    assert finding.figures == {"value": 47.0, "england": 67.0, "neighbours_mean": 49.0}
    assert "95% confidence interval (Byar's method" in finding.method
    assert "neighbours' mean of 10 councils" in finding.method


def test_leicestershire_example_with_neighbours_at_54_is_below_them():
    """docs tolerance: 47 is 13% under 54 and 54 is outside the interval 43.5-50.8: below."""
    finding = finding_sentence(row=_row(neighbours_mean=54.0), indicator=CLA)
    assert finding.text == (
        "The rate of children looked after (47 per 10,000) is significantly below England (67) "
        "and below the statistical neighbours' average (54)."
    )


@pytest.mark.parametrize("vs", ["better", "worse", "higher", "lower", "similar"])
def test_no_significance_claimed_without_an_interval(vs):
    """Fingertips: a comparison with England needs a confidence interval; without one the
    sentence gives the direction and says the difference may be chance."""
    row = _row(ci95_lower=NAN, ci95_upper=NAN, vs_england=vs)
    finding = finding_sentence(row=row, indicator=CLA)
    assert "significantly" not in finding.text
    assert "similar to" not in finding.text
    assert NO_INTERVAL in finding.text


@given(
    vs=st.sampled_from(["better", "worse", "higher", "lower", "similar", "not compared"]),
    trend=st.sampled_from(
        ["improving", "getting worse", "increasing", "decreasing", "no significant change", ""]
    ),
    value=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    england=st.one_of(st.just(NAN), st.floats(min_value=0, max_value=1e6, allow_nan=False)),
    neighbours=st.one_of(st.just(NAN), st.floats(min_value=0, max_value=1e6, allow_nan=False)),
    polarity=st.sampled_from(["high", "low", "none"]),
)
def test_no_sentence_says_significantly_without_an_interval(
    vs, trend, value, england, neighbours, polarity
):
    """Fingertips: never "significantly" when the row has no 95% interval, whatever else."""
    indicator = IndicatorText(title="T", noun="thing", polarity=polarity)
    row = _row(
        value=value,
        england=england,
        neighbours_mean=neighbours,
        vs_england=vs,
        trend=trend,
        ci95_lower=NAN,
        ci95_upper=NAN,
    )
    assert "significantly" not in finding_sentence(row=row, indicator=indicator).text


def test_not_compared_says_above_and_may_be_chance():
    """Fingertips "not compared": direction only, with the caveat, then the neighbours."""
    row = _row(value=70.0, ci95_lower=NAN, ci95_upper=NAN, vs_england="not compared")
    finding = finding_sentence(row=row, indicator=CLA)
    assert finding.text == (
        "The rate of children looked after (70 per 10,000) is above England (67); no confidence "
        "interval can be computed, so the difference may be chance. It is above the statistical "
        "neighbours' average (49)."
    )
    assert "not tested" in finding.method


def test_not_compared_and_equal_at_the_figures_shown_is_level():
    """Equal at the decimal places shown needs no interval: "level with England"."""
    row = _row(value=67.2, ci95_lower=NAN, ci95_upper=NAN, vs_england="not compared")
    finding = finding_sentence(row=row, indicator=CLA)
    assert "is level with England (67)" in finding.text
    assert NO_INTERVAL not in finding.text


def test_similar_to_england():
    """Fingertips: the interval includes England -> "similar to England"."""
    finding = finding_sentence(row=_row(value=66.0, vs_england="similar"), indicator=CLA)
    assert finding.text.startswith(
        "The rate of children looked after (66 per 10,000) is similar to England (67) and "
    )


def test_better_for_higher_is_better_says_above_better_than():
    """docs style: neutral direction, then the polarity's judgement in brackets."""
    row = _row(value=61.2, england=58.0, neighbours_mean=60.1, vs_england="better")
    text = finding_sentence(row=row, indicator=GCSE).text
    assert "is significantly above (better than) England (58.0%)" in text


def test_worse_for_higher_is_better_says_below_worse_than():
    """docs style: polarity high, worse -> below (worse than), for England and neighbours."""
    row = _row(value=52.0, england=58.0, neighbours_mean=57.0, vs_england="worse", ci95_upper=54.0)
    text = finding_sentence(row=row, indicator=GCSE).text
    assert "is significantly below (worse than) England (58.0%)" in text
    assert "and below (worse than) the statistical neighbours' average (57.0%)" in text


def test_better_for_lower_is_better_says_below_better_than():
    """docs style: polarity low, better -> below (better than)."""
    row = _row(value=30.0, england=38.0, neighbours_mean=31.0, vs_england="better", ci95_upper=33.0)
    text = finding_sentence(row=row, indicator=REOFFENDING).text
    assert "is significantly below (better than) England (38.0%)" in text


def test_no_polarity_never_says_better_or_worse():
    """docs style: polarity none keeps the neutral words only."""
    row = _row(value=80.0, vs_england="higher", neighbours_mean=60.0, ci95_lower=75.0)
    text = finding_sentence(row=row, indicator=CLA).text
    assert "is significantly above England (67)" in text
    assert "better" not in text
    assert "worse" not in text


def test_neighbours_in_line_within_five_percent():
    """docs tolerance: within 5% of the neighbours' mean is in line (no interval needed)."""
    row = _row(ci95_lower=NAN, ci95_upper=NAN, vs_england="not compared", neighbours_mean=49.4)
    assert "It is in line with the statistical neighbours' average (49)." in (
        finding_sentence(row=row, indicator=CLA).text
    )


def test_neighbours_in_line_when_their_mean_is_inside_the_council_interval():
    """docs tolerance: 52 is 10% above 47 but inside the interval 43.5-52.5: in line."""
    row = _row(neighbours_mean=52.0, ci95_upper=52.5)
    assert "in line with the statistical neighbours' average (52)" in (
        finding_sentence(row=row, indicator=CLA).text
    )


def test_neighbours_never_significantly():
    """002 §D day 1 / docs: the neighbours' average has no interval, so never "significantly"."""
    row = _row(neighbours_mean=80.0, vs_england="lower")
    text = finding_sentence(row=row, indicator=CLA).text
    neighbours_part = text.split(" and ", 1)[1]
    assert neighbours_part == "below the statistical neighbours' average (80)."


def test_no_neighbours_figure_said_plainly():
    """002 §D day 1 (what the data do not tell us): no neighbours' average."""
    finding = finding_sentence(row=_row(neighbours_mean=NAN, neighbours_count=0), indicator=CLA)
    assert finding.text.endswith(NO_NEIGHBOURS)
    assert "neighbours_mean" not in finding.figures


@pytest.mark.parametrize(
    ("trend", "clause"),
    [
        ("improving", ", and has improved over the last five years."),
        ("getting worse", ", and has got worse over the last five years."),
        ("increasing", ", and has risen over the last five years."),
        ("decreasing", ", and has fallen over the last five years."),
        ("no significant change", ", with no significant change over the last five years."),
    ],
)
def test_trend_clause_only_for_a_tested_trend(trend, clause):
    """002 §D day 1 (is there a trend of improvement?): the trend test's result, exactly."""
    assert finding_sentence(row=_row(trend=trend), indicator=CLA).text.endswith(clause)


@pytest.mark.parametrize("trend", ["not enough data", "", None, NAN])
def test_no_trend_clause_without_enough_data(trend):
    """002 §D day 1: say nothing of a trend that could not be tested."""
    text = finding_sentence(row=_row(trend=trend), indicator=CLA).text
    assert "year" not in text
    assert "change" not in text


def test_trend_years_follow_the_test_window():
    """The clause names the trend test's window exactly (three years here)."""
    text = finding_sentence(row=_row(trend="improving"), indicator=CLA, trend_years=3).text
    assert text.endswith("has improved over the last three years.")


def test_trend_after_an_untested_england_comparison_has_its_own_sentence():
    """Untested England sentence ends with the caveat; the trend follows on its own."""
    row = _row(ci95_lower=NAN, ci95_upper=NAN, neighbours_mean=NAN, trend="getting worse")
    text = finding_sentence(row=row, indicator=CLA).text
    assert "may be chance. It has got worse over the last five years." in text


def test_suppressed_value_only_says_suppressed():
    """002 §C.iii dataset: a suppressed value cannot be compared; nothing else is claimed."""
    row = _row(value=NAN, suppressed=True, vs_england="not compared")
    finding = finding_sentence(row=row, indicator=CLA)
    assert finding.text == SUPPRESSED.format(noun=CLA.noun, period="2024-25")
    assert finding.text == (
        "The value for the rate of children looked after in 2024-25 was suppressed, so it cannot "
        "be compared with England or the statistical neighbours."
    )
    assert finding.figures == {}


def test_missing_value_is_a_gap_to_pursue():
    """002 §D day 1 (what the data do not tell us): a missing value is a gap to pursue."""
    finding = finding_sentence(row=_row(value=NAN, vs_england="not compared"), indicator=CLA)
    assert finding.text == MISSING.format(noun=CLA.noun, period="2024-25")
    assert finding.text == (
        "There is no value for the rate of children looked after in 2024-25: a gap to pursue "
        "with the council."
    )


def test_no_national_comparator():
    """002 §D day 1: how reliable is it where no national comparator exists?"""
    finding = finding_sentence(row=_row(england=NAN, vs_england="not compared"), indicator=CLA)
    assert finding.text == (
        "The rate of children looked after (47 per 10,000) is in line with the statistical "
        f"neighbours' average (49). {NO_COMPARATOR}"
    )
    assert "There is no national comparator" in finding.text
    assert "england" not in finding.figures
    assert finding.method.startswith("no England figure")


def test_no_comparator_and_no_neighbours():
    """002 §D day 1: the value alone, and both gaps said."""
    row = _row(england=NAN, neighbours_mean=NAN, vs_england="not compared")
    text = finding_sentence(row=row, indicator=CLA).text
    assert text.startswith("The rate of children looked after is 47 per 10,000.")
    assert NO_COMPARATOR in text
    assert text.endswith(NO_NEIGHBOURS)


def test_computed_england_is_labelled():
    """Engine contract england_computed: say it was computed from councils' figures."""
    finding = finding_sentence(row=_row(england_computed=True), indicator=CLA)
    assert "significantly below England (67, computed from councils' figures)" in finding.text
    assert "computed from councils' figures" in finding.method


def test_numbers_take_decimal_places_separators_and_units():
    """docs: the indicator's decimal places, thousands separators, % for percentages, the unit
    once after the council's own value."""
    count = IndicatorText(title="N", noun="number", value_type="count", decimal_places=0)
    mean = IndicatorText(title="D", noun="days", value_type="mean", unit="days", decimal_places=2)
    assert format_number(12345.4, count) == "12,345"
    assert format_number(1234567.891, mean) == "1,234,567.89 days"
    assert format_number(1234567.891, mean, with_unit=False) == "1,234,567.89"
    assert format_number(61.25, GCSE) == "61.2%"
    assert format_number(61.0, GCSE, with_unit=False) == "61.0%"
    assert format_number(-0.04, GCSE) == "0.0%"
    row = _row(value=12345.0, england=9876.5, neighbours_mean=12000.0, vs_england="higher")
    text = finding_sentence(row=row, indicator=count).text
    assert "The number (12,345) is significantly above England (9,876)" in text


def test_finding_accepts_a_pandas_row():
    """Engine contract: rows come from the comparisons frame (numpy bools, NaN)."""
    frame = pd.DataFrame([_row()])
    assert finding_sentence(row=frame.iloc[0], indicator=CLA).text == (
        finding_sentence(row=_row(), indicator=CLA).text
    )


def _summary_rows() -> list[tuple[dict, IndicatorText]]:
    return [
        (_row(), CLA),  # lower, polarity none -> above/below where neither is better
        (
            _row(value=61, england=58, vs_england="better", trend="improving", quartile_band="A"),
            GCSE,
        ),
        (
            _row(value=40.0, england=33.0, vs_england="worse", trend="getting worse"),
            REOFFENDING,
        ),
        (_row(value=66.0, vs_england="similar"), IndicatorText(title="Similar", noun="s")),
        (_row(value=NAN), IndicatorText(title="Missing one", noun="m")),
        (_row(value=NAN, suppressed=True), IndicatorText(title="Suppressed one", noun="x")),
        (_row(england=NAN, vs_england="not compared"), IndicatorText(title="Alone", noun="a")),
    ]


def test_outcome_summary_counts_against_england():
    """002 §D day 1 profile of outcomes: how many significantly better or worse than England."""
    sentences = outcome_summary(findings=_summary_rows(), outcome_title="Being healthy")
    assert sentences[0] == (
        "Being healthy: of 5 indicators with a value, 1 significantly better than England, "
        "1 significantly worse, 1 significantly above or below England where neither is "
        "better, 1 similar to England and 1 not tested against England."
    )


def test_outcome_summary_lists_worsening_improving_and_gaps():
    """Engine FLAGS and 002 §D day 1: worse and getting worse, best quarter and improving,
    and the gaps (missing, suppressed, no national comparator)."""
    sentences = outcome_summary(findings=_summary_rows(), outcome_title="Being healthy")
    assert sentences[1:] == [
        "Significantly worse than England and getting worse: Re-offending rate.",
        "In the best quarter of councils and improving: Five or more A*-C GCSEs.",
        "Gaps to pursue with the council, no value: Missing one.",
        "Suppressed, so not compared: Suppressed one.",
        "No national comparator: Alone.",
    ]


def test_outcome_summary_takes_the_flags_column():
    """Engine FLAGS: a row flagged worse_and_getting_worse is listed as such."""
    row = _row(flags="worse_and_getting_worse|no_comparator")
    sentences = outcome_summary(findings=[(row, CLA)], outcome_title="Staying safe")
    assert "Significantly worse than England and getting worse: Children looked after rate." in (
        sentences
    )


def test_outcome_summary_with_no_significance_without_intervals():
    """Fingertips: rows without an interval are not counted as better or worse."""
    row = _row(ci95_lower=NAN, ci95_upper=NAN, vs_england="worse", trend="getting worse")
    sentences = outcome_summary(findings=[(row, GCSE)], outcome_title="Enjoying and achieving")
    assert sentences == [
        "Enjoying and achieving: of 1 indicator with a value, 1 not tested against England."
    ]


def test_outcome_summary_empty_and_all_gaps():
    """002 §D day 1: an outcome with nothing to compare says so, then lists the gaps."""
    assert outcome_summary(findings=[], outcome_title="Service management") == [
        "Service management: there are no indicators to summarise."
    ]
    sentences = outcome_summary(findings=[(_row(value=NAN), CLA)], outcome_title="Staying safe")
    assert sentences == [
        "Staying safe: no indicator has a value to compare.",
        "Gaps to pursue with the council, no value: Children looked after rate.",
    ]


@pytest.mark.parametrize(
    ("trend", "sentence"),
    [
        (
            ("change", "has improved over the last 3 years"),
            "It has improved over the last 3 years.",
        ),
        (
            ("none", "with no significant change over the last 3 years"),
            "There has been no significant change over the last 3 years.",
        ),
        (("", ""), None),
    ],
    ids=["change", "none", "too-few-years"],
)
def test_a_trend_after_a_caveat_is_a_sentence_of_its_own(trend, sentence):
    """After an England sentence that ends with a caveat, the trend stands alone, in words
    that still read as a sentence when there was no significant change (reached only by
    some generated data before, so pinned here)."""
    assert _trend_alone(trend) == sentence
