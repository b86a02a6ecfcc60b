"""Fingerprints of the current values, one per indicator and period (CurrentValuesDigest).

A revised release repeats most of what is current. An import works out which periods of its
file are unchanged from their fingerprints alone, and reads back only the current values of
the other periods (issue 25 §1: reading back every current value of the file's indicators was
a third of the time of a release revising 5% of them; decision 0048).

A fingerprint is the row count and two sums (modulo 2^64) over the rows of a 64-bit hash h of
each row (area, value, numerator, denominator, suppression): of h and of h². The same rows in
any order give the same fingerprint; a changed row changes both sums, barring a chance of the
order of 2^-64 for each. Equal fingerprints mean identical values, bit for bit; the import's
own comparison (`np.isclose`) is looser, so a period whose fingerprint differs may still turn
out unchanged when read, never the reverse.
"""

from collections.abc import Iterator
from functools import reduce
from operator import or_

import numpy as np
import pandas as pd
from django.db import connection
from django.db.models import Q

from ecm.performance.models import CurrentValuesDigest, Observation
from ecm.performance.services.bulk import (
    frame_insert,
    frame_read,
    sqlite_pair_match,
    sqlite_pairs,
)
from ecm.performance.services.server_time import server_at_work

GROUP = ["indicator_id", "period"]
_GROUPS_PER_QUERY = 200  # (indicator, period) pairs per query when reading values back


def value_digests(frame: pd.DataFrame) -> pd.DataFrame:
    """GROUP, rows and digest of each indicator and period in `frame` (an import's values:
    council and region ids -1 where none)."""
    if frame.empty:  # typed, as an untyped frame would make object columns of any it joins
        return pd.DataFrame(
            {
                "indicator_id": np.array([], dtype=np.int64),
                "period": pd.Series([], dtype="str"),
                "rows": np.array([], dtype=np.int64),
                "digest": pd.Series([], dtype="str"),
            }
        )
    canonical = pd.DataFrame(
        {
            # Texts as categories: each distinct text hashed once, to the same hash as the
            # text itself (pandas hashes a category as its value), without building a Python
            # string per row (a fifth of the fingerprints' time).
            "area_kind": _texts(frame["area_kind"]),
            "council_id": frame["council_id"].to_numpy(dtype=np.int64),
            "region_id": frame["region_id"].to_numpy(dtype=np.int64),
            # one NaN and one zero: -0.0 and 0.0, or two NaNs, hash alike
            **{
                c: np.nan_to_num(
                    frame[c].to_numpy(dtype=np.float64), nan=np.nan, posinf=np.inf, neginf=-np.inf
                )
                + 0.0
                for c in ("value", "numerator", "denominator")
            },
            "suppression": _texts(frame["suppression"].fillna("")),
        }
    )
    row = pd.util.hash_pandas_object(canonical, index=False).to_numpy()
    hashes = [row, row * row]  # sums of h and of h² (modulo 2**64): see the module's words
    # One integer per (indicator, period): each label factorized once, not each pair.
    period_code, labels = pd.factorize(frame["period"])
    key = frame["indicator_id"].to_numpy(dtype=np.int64) * len(labels) + period_code
    order = np.argsort(key, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(key[order]) != 0])
    sums = [np.add.reduceat(h[order], starts) for h in hashes]  # wraps at 2**64, as wanted
    first = key[order][starts]
    return pd.DataFrame(
        {
            "indicator_id": first // len(labels),
            "period": np.asarray(labels, dtype=object)[first % len(labels)].astype(str),
            "rows": np.diff(np.r_[starts, len(order)]),
            "digest": [f"{a:016x}{b:016x}" for a, b in zip(*sums, strict=True)],
        }
    )


def _texts(column: pd.Series) -> pd.Categorical:
    return pd.Categorical(column.astype("str"))


def digests_read(indicator_ids: list[int]) -> pd.DataFrame:
    """The stored fingerprints of these indicators' periods."""
    return frame_read(
        CurrentValuesDigest.objects.filter(indicator_id__in=indicator_ids),
        [*GROUP, "rows", "digest"],
    )


def held_periods(indicator_ids: list[int]) -> pd.DataFrame:
    """GROUP of every period of these indicators with current values stored."""
    if not indicator_ids:
        return pd.DataFrame(columns=GROUP)
    if connection.vendor == "postgresql":
        return _held_periods_skipping(indicator_ids)
    return frame_read(
        Observation.objects.filter(indicator_id__in=indicator_ids, is_current=True)
        .values_list(*GROUP)
        .distinct()
        .order_by(),
        GROUP,
    )


def _held_periods_skipping(indicator_ids: list[int]) -> pd.DataFrame:
    """`held_periods` on PostgreSQL, which reads every entry of the index for a DISTINCT
    (LAIT's 633,000 current values, 0.2-0.3 s of each import): the index is walked from one
    (indicator, period) to the next instead, one lookup each (a "loose index scan", which
    PostgreSQL does not plan of itself; a few thousand lookups, 20 ms)."""
    meta = Observation._meta
    quote = connection.ops.quote_name
    table, current = quote(meta.db_table), quote("is_current")
    indicator, period = quote("indicator_id"), quote("period")
    pair = f"{indicator}, {period}"
    sql = (
        f"WITH RECURSIVE held AS ("  # noqa: S608  (our own names)
        f"(SELECT {pair} FROM {table} WHERE {current} ORDER BY {pair} LIMIT 1) "
        f"UNION ALL SELECT n.{indicator}, n.{period} FROM held h CROSS JOIN LATERAL ("
        f"SELECT o.{indicator}, o.{period} FROM {table} o WHERE o.{current} "
        f"AND (o.{indicator}, o.{period}) > (h.{indicator}, h.{period}) "
        f"ORDER BY o.{indicator}, o.{period} LIMIT 1) n) "
        f"SELECT {pair} FROM held WHERE {indicator} = ANY(%s)"
    )
    with connection.cursor() as cursor, server_at_work():
        cursor.execute(sql, [[int(i) for i in indicator_ids]])
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=GROUP)


def current_read_groups(groups: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """These columns of the current values of these (indicator, period) groups."""
    meta = Observation._meta
    quote = connection.ops.quote_name
    names = ", ".join(
        "o." + quote(meta.pk.column if c == "pk" else meta.get_field(c).column) for c in columns
    )
    select = f"SELECT {names} FROM {quote(meta.db_table)} o "  # noqa: S608  (our own names)
    # Each pair once: SQLite's join would return a value once for each time its pair is given.
    given = groups[GROUP].itertuples(index=False, name=None)
    pairs = list(dict.fromkeys((int(i), str(p)) for i, p in given))
    parts = []
    with connection.cursor() as cursor:
        for sql, params in _group_queries(select, pairs):
            with server_at_work():  # a niced import's pause
                cursor.execute(sql, params)
            parts.append(
                pd.DataFrame.from_records(cursor.fetchall(), columns=columns, coerce_float=True)
            )
    # Not concatenated with an empty frame: its columns, of no type, would make every column
    # of the result an object column (ids included), slow in every step after. (An empty
    # result has no types either: its caller gives it those it needs.)
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _group_queries(select: str, pairs: list[tuple[int, str]]) -> Iterator[tuple[str, list]]:
    """`select` (of the observations as "o") narrowed to the current values of these pairs,
    each pair looked up in the partial index of current values."""
    if not pairs:
        return
    quote = connection.ops.quote_name
    indicator, period = f"o.{quote('indicator_id')}", f"o.{quote('period')}"
    current = f"o.{quote('is_current')}"
    if connection.vendor == "sqlite":
        # One JSON array joined to the index: SQLite read the whole index for each row-value
        # IN list (0.1 s a list of 200 pairs over LAIT's 633,000 current values).
        yield (
            f"{select}JOIN json_each(%s) j ON {sqlite_pair_match('o', 'j')} WHERE {current}",
            [sqlite_pairs(pairs)],
        )
        return
    # PostgreSQL: a row-value IN list (an OR of pairs read the whole index).
    for start in range(0, len(pairs), _GROUPS_PER_QUERY):
        chunk = pairs[start : start + _GROUPS_PER_QUERY]
        values = ", ".join(["(%s, %s)"] * len(chunk))
        yield (
            f"{select}WHERE {current} AND ({indicator}, {period}) IN (VALUES {values})",
            [value for pair in chunk for value in pair],
        )


def _where_groups(groups: pd.DataFrame) -> Iterator[Q]:
    """A condition per _GROUPS_PER_QUERY (indicator, period) pairs: each indicator with its
    periods."""
    pairs = list(groups[GROUP].itertuples(index=False, name=None))
    for start in range(0, len(pairs), _GROUPS_PER_QUERY):
        by_indicator: dict[int, list[str]] = {}
        for indicator_id, period in pairs[start : start + _GROUPS_PER_QUERY]:
            by_indicator.setdefault(int(indicator_id), []).append(str(period))
        yield reduce(
            or_, (Q(indicator_id=pk, period__in=labels) for pk, labels in by_indicator.items())
        )


def digests_replace(digests: pd.DataFrame) -> None:
    """Store these fingerprints in place of their periods' earlier ones."""
    if digests.empty:
        return
    for where in _where_groups(digests):
        stale = CurrentValuesDigest.objects.filter(where)
        stale._raw_delete(stale.db)  # nothing hangs on a fingerprint
    frame_insert(model=CurrentValuesDigest, frame=digests[[*GROUP, "rows", "digest"]])


def in_groups(frame: pd.DataFrame, groups: pd.DataFrame) -> np.ndarray:
    """Per row of `frame`: is its (indicator, period) one of `groups`? Integer keys: each
    period label is looked up once, not each row's pair (nor each row's label: the frame's
    labels are factorized first, as an Arrow text column would otherwise be copied out as a
    Python string per row)."""
    if groups.empty or frame.empty:
        return np.zeros(len(frame), dtype=bool)
    labels = pd.Index(pd.unique(groups["period"].astype(str).to_numpy()))
    row_label, frame_labels = pd.factorize(frame["period"], use_na_sentinel=False)
    code = labels.get_indexer(pd.Index(frame_labels).astype(str))[row_label]
    size = len(labels)
    wanted = groups["indicator_id"].to_numpy(dtype=np.int64) * size + labels.get_indexer(
        groups["period"].astype(str)
    )
    keys = frame["indicator_id"].to_numpy(dtype=np.int64) * size + code
    return (code >= 0) & np.isin(keys, wanted)
