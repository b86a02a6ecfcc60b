"""Each indicator's latest period, found by one window query (issue 25 §2: "no correlated
subquery per indicator", its plan checked with EXPLAIN; decision 0050)."""

import pytest
from django.db import connection

from ecm.performance.models import Comparison
from ecm.performance.selectors import latest_per_indicator, profile_comparisons, profile_groups
from ecm.performance.tests.factories import IndicatorFactory


def _comparison(indicator, council, period: str, end_year: int, value: float = 50.0):
    return Comparison.objects.create(
        indicator=indicator,
        council=council,
        period=period,
        end_year=end_year,
        value=value,
        vs_england="similar",
        trend="no change",
    )


@pytest.fixture
def series(real_councils):
    """Two councils; a yearly indicator, and a quarterly one whose last two periods end in the
    same year (a tie on end_year, broken by the period)."""
    leics, rutland = real_councils["855"], real_councils["857"]
    yearly = IndicatorFactory(code="YEARLY", outcome="staying_safe")
    quarterly = IndicatorFactory(code="QUARTERLY", outcome="being_healthy")
    for council in (leics, rutland):
        for year in (2021, 2022, 2023):
            _comparison(yearly, council, str(year), year, value=year - 2000)
    _comparison(quarterly, leics, "2023 Q1", 2023)
    _comparison(quarterly, leics, "2023 Q3", 2023)
    _comparison(quarterly, leics, "2023 Q2", 2023)
    _comparison(quarterly, leics, "2022 Q4", 2022)
    return {"leics": leics, "rutland": rutland, "yearly": yearly, "quarterly": quarterly}


def _latest(rows) -> dict[tuple[str, str], str]:
    return {(c.council.la_number, c.indicator.code): c.period for c in rows}


def test_the_latest_period_of_each_indicator_issue_25_2(series):
    """The newest end year, and within it the greatest period label."""
    rows = profile_comparisons(council=series["leics"])
    assert _latest(rows) == {("855", "QUARTERLY"): "2023 Q3", ("855", "YEARLY"): "2023"}


def test_a_year_gives_the_latest_period_ending_in_or_before_it_issue_25_2(series):
    rows = profile_comparisons(council=series["leics"], year=2022)
    assert _latest(rows) == {("855", "QUARTERLY"): "2022 Q4", ("855", "YEARLY"): "2022"}


def test_every_council_and_one_indicator_issue_25_2(series):
    rows = profile_comparisons(council=None, indicator=series["yearly"], year=2022)
    assert _latest(rows) == {("855", "YEARLY"): "2022", ("857", "YEARLY"): "2022"}


def test_filtering_by_council_or_indicator_afterwards_keeps_the_latest_issue_25_2(series):
    """What the callers do (benchmarking, the 2009 profile, the notebook): a filter on the
    council or the indicator's fields keeps each pair's latest row."""
    rows = profile_comparisons(council=None).filter(
        council__in=[series["leics"]], indicator__outcome="staying_safe"
    )
    assert _latest(rows) == {("855", "YEARLY"): "2023"}


def test_the_profile_groups_are_the_same_rows_in_the_outcomes_order_issue_25_2(series):
    groups = profile_groups(council=series["leics"])
    assert [(g.outcome.value, [c.period for c in g.comparisons]) for g in groups] == [
        ("being_healthy", ["2023 Q3"]),
        ("staying_safe", ["2023"]),
    ]
    assert {c.pk for g in groups for c in g.comparisons} == {
        c.pk for c in profile_comparisons(council=series["leics"])
    }


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test table is small enough for a sequential scan to be cheapest: these say
            # whether the index can serve the query, as it does on 600,000 rows.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def test_the_latest_periods_are_read_in_index_order_without_a_subquery_per_row_issue_25_2(
    series,
):
    """EXPLAIN: the periods are numbered by a window over the council's index entries, read
    in the index's order (no sort, no table visit), where a correlated subquery ran once per
    comparison row."""
    latest = latest_per_indicator(council=series["leics"], year=2023).values("pk")
    sql = str(latest.query)
    assert "ROW_NUMBER() OVER" in sql
    assert sql.count('FROM "performance_comparison"') == 1  # one read of the table, no subquery

    plan = _plan(latest)
    if connection.vendor == "postgresql":
        assert "Index Only Scan using cmp_council_latest" in plan, plan
        assert "Sort" not in plan, plan
    else:
        assert "USING COVERING INDEX cmp_council_latest" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
        assert "CORRELATED" not in plan, plan
