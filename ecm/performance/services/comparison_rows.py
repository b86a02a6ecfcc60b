"""The stored comparisons' rows: the columns of the Comparison table, a computed frame made
ready for the bulk writer (services/bulk.py), and the delete of the rows a refresh replaces."""

import pandas as pd
from django.db import connection

from ecm.performance.models import Comparison

COLUMNS = [
    "indicator_id",
    "council_id",
    "period",
    "end_year",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "england",
    "england_computed",
    "region",
    "region_computed",
    "neighbours_mean",
    "neighbours_median",
    "neighbours_count",
    "rank",
    "rank_of",
    "quartile_band",
    "ci95_lower",
    "ci95_upper",
    "ci998_lower",
    "ci998_upper",
    "vs_england",
    "change",
    "trend",
    "flags",
]
FLOATS = {
    "value",
    "numerator",
    "denominator",
    "england",
    "region",
    "neighbours_mean",
    "neighbours_median",
    "ci95_lower",
    "ci95_upper",
    "ci998_lower",
    "ci998_upper",
    "change",
}
INTEGERS = {"neighbours_count", "rank", "rank_of", "end_year"}
BOOLEANS = {"suppressed", "england_computed", "region_computed"}


def sql_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Column by column (not row by row), as the bulk writer takes them: floats with NaN for
    NULL, nullable integers, booleans, plain strings ("" for none)."""
    out = {}
    for name in COLUMNS:
        column = frame[name]
        if name in FLOATS:
            out[name] = column.astype("float64").to_numpy()
        elif name in ("indicator_id", "council_id"):
            out[name] = column.astype("int64").to_numpy()
        elif name in INTEGERS:
            values = pd.to_numeric(column, errors="coerce")
            if name == "neighbours_count":
                values = values.fillna(0)
            out[name] = values.astype("Int64").array
        elif name in BOOLEANS:
            out[name] = column.fillna(False).astype(bool).to_numpy()
        else:
            out[name] = column.astype(object).fillna("").astype(str).to_numpy(dtype=object)
    return pd.DataFrame(out)


def stale_delete(*, whole: list[int], groups: pd.DataFrame) -> None:
    """Delete the stored comparisons of these indicators (every period) and of these groups
    (no signals or cascades hang on comparisons: a raw delete)."""
    if whole:
        stale = Comparison.objects.filter(indicator_id__in=whole)
        stale._raw_delete(stale.db)
    if groups.empty:
        return
    if connection.vendor == "postgresql":
        # One statement for every group, joined to the unique index (indicator, period, ...):
        # a DELETE per indicator cost a round trip each, a third of the deletes' time.
        meta, quote = Comparison._meta, connection.ops.quote_name
        indicator, period = (quote(meta.get_field(f).column) for f in ("indicator", "period"))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {quote(meta.db_table)} AS c "  # noqa: S608 (names from the model)
                "USING unnest(%s::bigint[], %s::text[]) AS g(indicator, period) "
                f"WHERE c.{indicator} = g.indicator AND c.{period} = g.period",
                [
                    groups["indicator_id"].astype("int64").tolist(),
                    groups["period"].astype(str).tolist(),
                ],
            )
        return
    for indicator_id, labels in groups.groupby("indicator_id")["period"]:
        stale = Comparison.objects.filter(
            indicator_id=int(indicator_id), period__in=sorted(set(labels.tolist()))
        )
        stale._raw_delete(stale.db)
