"""Reads for the performance pages: a fixed number of queries whatever the size of the data
(issue 3, Speed: "a fixed number of database queries whatever the number of councils,
indicators or years")."""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from ecm.authorities.models import Council
from ecm.performance.models import Comparison, DataImport, Indicator, Outcome
from ecm.performance.presentation import comparison_finding


@dataclass
class OutcomeGroup:
    outcome: Outcome
    comparisons: list[Comparison] = field(default_factory=list)


def profile_years(*, council: Council) -> list[int]:
    """The years (period end years) with figures for this council, newest first."""
    return list(
        Comparison.objects.filter(council=council)
        .order_by("-end_year")
        .values_list("end_year", flat=True)
        .distinct()
    )


def latest_per_indicator(
    *, council: Council | None, year: int | None = None, indicator: Indicator | None = None
) -> QuerySet[Comparison]:
    """For each council and indicator, its latest period ending in or before `year`: one query
    numbering each pair's periods newest first with a window function and keeping the first
    (decision 0050), where a correlated subquery per row cost 203 ms of a 447-indicator profile
    on PostgreSQL (issue 25 §2). `council=None` gives every council.

    Filter it further only by council or indicator (their fields included): Django puts such
    conditions inside the numbered query, where they keep the same rows; a condition on a
    period or a figure would number fewer periods and could give an earlier one as latest."""
    rows = Comparison.objects.all()
    if council is not None:
        rows = rows.filter(council=council)
    if year is not None:
        rows = rows.filter(end_year__lte=year)
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    return rows.annotate(
        newest_first=Window(
            RowNumber(),
            partition_by=[F("council_id"), F("indicator_id")],
            order_by=[F("end_year").desc(), F("period").desc()],
        )
    ).filter(newest_first=1)


def profile_comparisons(
    *, council: Council | None, year: int | None = None, indicator: Indicator | None = None
) -> QuerySet[Comparison]:
    """For each indicator, the council's latest period ending in or before `year` (002 §D day
    1: the dataset grouped under the outcomes). `council=None` gives every council. Filter it
    further only by council or indicator (see `latest_per_indicator`)."""
    return (
        latest_per_indicator(council=council, year=year, indicator=indicator)
        .select_related("indicator", "council")
        .order_by("council__la_number", "indicator__outcome", "indicator__code")
    )


def profile_groups(*, council: Council, year: int | None = None) -> list[OutcomeGroup]:
    """The profile under the five outcomes and service management, in the framework's order:
    one query whatever the number of indicators (the council is the page's, not joined)."""
    groups = {outcome.value: OutcomeGroup(outcome=outcome) for outcome in Outcome}
    # The numbered query keeps only the row ids, read from the index cmp_council_latest in
    # order (numbered with the indicator's text joined in, PostgreSQL sorted 4,000 wide rows
    # on disk); the 447 rows and their indicators are then read by id.
    latest = latest_per_indicator(council=council, year=year).values("pk")
    rows = (
        Comparison.objects.filter(pk__in=latest)
        .select_related("indicator")
        .order_by("indicator__outcome", "indicator__code")
    )
    for comparison in rows:
        comparison.council = council
        groups[comparison.indicator.outcome].comparisons.append(comparison)
    return [g for g in groups.values() if g.comparisons]


def indicator_series(*, indicator: Indicator, council: Council) -> list[Comparison]:
    """One council's figures for one indicator, oldest first (the time series chart)."""
    return list(
        Comparison.objects.filter(indicator=indicator, council=council)
        .select_related("indicator")
        .order_by("end_year", "period")
    )


def indicator_periods(*, indicator: Indicator) -> list[str]:
    return list(
        Comparison.objects.filter(indicator=indicator)
        .order_by("-end_year", "-period")
        .values_list("period", flat=True)
        .distinct()
    )


def indicator_all_councils(*, indicator: Indicator, period: str) -> list[Comparison]:
    """Every council's figure for one period, best first by rank then by name."""
    return list(
        Comparison.objects.filter(indicator=indicator, period=period)
        .select_related("council", "indicator")
        .order_by("rank", "council__name")
    )


def indicators_with_figures(*, council: Council) -> QuerySet[Indicator]:
    """The indicators the council's profile has figures for (what it can cite)."""
    return Indicator.objects.filter(
        pk__in=Comparison.objects.filter(council=council).values("indicator")
    ).order_by("title")


def indicators_by_outcome() -> list[tuple[Outcome, list[Indicator]]]:
    groups: dict[str, list[Indicator]] = {o.value: [] for o in Outcome}
    for indicator in Indicator.objects.order_by("outcome", "title"):
        groups[indicator.outcome].append(indicator)
    return [(Outcome(k), v) for k, v in groups.items() if v]


def data_imports() -> QuerySet[DataImport]:
    return DataImport.objects.select_related("imported_by").order_by("-started_at", "-pk")


def figures_as_seen(*, council: Council, indicator: Indicator) -> dict:
    """The council's latest figures for an indicator, to be kept as they stand now: evidence
    that cites them must not change when a later release revises them (issue 4 §2, issue 5
    §3). Empty when the council has no figures for it."""
    comparison = profile_comparisons(council=council, indicator=indicator).first()
    if comparison is None:
        return {}
    return {
        "period": comparison.period,
        "value": comparison.value,
        "england": comparison.england,
        "neighbours_mean": comparison.neighbours_mean,
        "vs_england": comparison.vs_england,
        "trend": comparison.trend,
        "flags": comparison.flag_list,
        "sentence": comparison_finding(comparison).text,
    }
