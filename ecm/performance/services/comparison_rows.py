"""The stored comparisons' rows: the columns of the Comparison table, a computed frame made
ready for the bulk writer (services/bulk.py), and the delete of the rows a refresh replaces."""

import numpy as np
import pandas as pd
from django.db import connection

from ecm.performance.models import Comparison
from ecm.performance.services.bulk import frame_insert, sqlite_pair_match, sqlite_pairs
from ecm.performance.services.server_time import server_at_work

# The comparisons' unique constraint: a council's comparison of one indicator and period; and
# what it fixes (a period's end year), which a rewrite in place leaves alone (see rows_replace).
KEY = ("indicator_id", "period", "council_id")
FIXED_BY_KEY = ("end_year",)

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


def rows_replace(*, frame: pd.DataFrame, whole: list[int], groups: pd.DataFrame) -> int:
    """Store `frame` (sql_ready) in place of the stored comparisons of the indicators `whole`
    (every period) and of the (indicator, period) `groups`; returns the rows written.

    PostgreSQL deletes those rows and copies the new ones in. SQLite rewrites the other rows
    in place where their key is stored (an upsert on KEY, setting no indexed column): a delete
    and an insert each cost a walk through all three of the table's indexes, which a rewrite
    of the figures does not touch. A group left with a row the frame does not give (its
    council has no current value now) is then deleted and written again whole."""
    if connection.vendor != "sqlite" or groups.empty:
        with server_at_work():  # the COPY offers its own work back as it goes
            stale_delete(whole=whole, groups=groups)
        return frame_insert(model=Comparison, frame=frame) if len(frame) else 0
    stale_delete(whole=whole, groups=groups.iloc[:0])
    # The rows of the indicators replaced whole are inserted; every other row is rewritten in
    # place where its key is stored, and inserted where not (an indicator compared for the
    # first time, or a council new to a group).
    of_whole = frame["indicator_id"].isin(whole).to_numpy()
    written = frame_insert(model=Comparison, frame=frame.loc[of_whole])
    in_place = frame.loc[~of_whole]
    if len(in_place):
        written += frame_insert(
            model=Comparison, frame=in_place, in_place_on=KEY, fixed_by_key=FIXED_BY_KEY
        )
    stale = _groups_with_other_rows(groups, in_place)
    if len(stale):
        stale_delete(whole=[], groups=stale)
        again = in_place.merge(stale, on=["indicator_id", "period"])[in_place.columns]
        frame_insert(model=Comparison, frame=again)
    return written


def _groups_with_other_rows(groups: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """The groups whose stored rows, once every row of `frame` is stored, are not exactly
    those `frame` gives them, on SQLite: one count a group, through the unique index."""
    meta, quote = Comparison._meta, connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT json_extract(g.value, '$[0]'), json_extract(g.value, '$[1]'), count(c.{pk}) "  # noqa: S608
            f"FROM json_each(%s) AS g LEFT JOIN {table} AS c ON {sqlite_pair_match('c', 'g')} "
            "GROUP BY g.key",
            [sqlite_pairs(groups[["indicator_id", "period"]].itertuples(index=False))],
        )
        stored = pd.DataFrame(cursor.fetchall(), columns=["indicator_id", "period", "stored"])
    given = frame.groupby(["indicator_id", "period"]).size().rename("given").reset_index()
    counts = stored.astype({"indicator_id": "int64", "period": "str"}).merge(
        given.astype({"indicator_id": "int64", "period": "str"}),
        on=["indicator_id", "period"],
        how="left",
    )
    # Fewer stored than given only if the frame repeats a key, which the upsert would have
    # merged: that group too is written again by plain inserts, which the constraint refuses.
    other = counts["stored"].to_numpy() != counts["given"].fillna(0).to_numpy(dtype=np.int64)
    return counts.loc[other, ["indicator_id", "period"]]


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
        # SQLite: the groups as one JSON array joined to the unique index on both columns.
        table, pk = quote(meta.db_table), quote(meta.pk.column)
        cursor.execute(
            f"DELETE FROM {table} WHERE {pk} IN (SELECT c.{pk} FROM json_each(%s) AS g "  # noqa: S608
            f"JOIN {table} AS c ON {sqlite_pair_match('c', 'g')})",
            [sqlite_pairs(zip(ids, labels, strict=True))],
        )
