"""The stored comparisons' rows: the columns of the Comparison table, a computed frame made
ready for the bulk writer (services/bulk.py), and the delete of the rows a refresh replaces."""

import json

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
    # One statement for every group, through the unique index (indicator, period, ...): a
    # DELETE per indicator cost a round trip each on PostgreSQL, a third of the deletes' time,
    # and on SQLite Django's building of each one cost more than the delete.
    meta, quote = Comparison._meta, connection.ops.quote_name
    indicator, period = (quote(meta.get_field(f).column) for f in ("indicator", "period"))
    ids, labels = groups["indicator_id"].astype("int64").tolist(), groups["period"].astype(str)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"DELETE FROM {quote(meta.db_table)} AS c "  # noqa: S608 (names from the model)
                "USING unnest(%s::bigint[], %s::text[]) AS g(indicator, period) "
                f"WHERE c.{indicator} = g.indicator AND c.{period} = g.period",
                [ids, labels.tolist()],
            )
            return
        # SQLite: the groups as one JSON array of [indicator, period] pairs (json_each), joined
        # to the unique index on both columns (a row-value IN used its first column only).
        table, pk = quote(meta.db_table), quote(meta.pk.column)
        cursor.execute(
            f"DELETE FROM {table} WHERE {pk} IN (SELECT c.{pk} FROM json_each(%s) AS g "  # noqa: S608
            f"JOIN {table} AS c ON c.{indicator} = json_extract(g.value, '$[0]') "
            f"AND c.{period} = json_extract(g.value, '$[1]'))",
            [json.dumps(list(zip(ids, labels.tolist(), strict=True)))],
        )
