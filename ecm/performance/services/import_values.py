"""An import's values against the current ones: what they change, worked out before anything
is written (`values_store`: created, revised, unchanged), then written (`values_write`): a
revised value supersedes the current one, kept as history (issue 3 §2; decision 0048)."""

import json
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from django.db import connection

from ecm.performance.models import DataImport, Observation
from ecm.performance.services.bulk import frame_insert
from ecm.performance.services.comparison_plan import CURRENT_COLUMNS  # Stored.current_of's
from ecm.performance.services.digests import (
    GROUP,
    current_read_groups,
    digests_read,
    held_periods,
    in_groups,
    value_digests,
)
from ecm.performance.services.import_progress import Reporter
from ecm.performance.services.server_time import server_at_work

BATCH = 5000  # rows per UPDATE when superseding

_KEY = ["indicator_id", "period", "area_kind", "council_id", "region_id"]
_COMPARED = ["value", "numerator", "denominator"]


@dataclass
class Stored:
    """What `values_store` worked out: its counts, and what `values_write` writes (the pks
    superseded, the values inserted); then, computed when asked for, while the writer
    writes them (issue 25 §1), what the import holds in memory for the comparisons, so that
    nothing just written is read back: `current_of`, every current value of the indicators
    asked for (of the file's) after the write (CURRENT_COLUMNS, ids -1 where none), and
    `fingerprints`, of the periods read or new, as they stand after the write. `changed`: the
    indicator and period of every value created or revised."""

    counts: dict
    changed: pd.DataFrame
    superseded: list[int]  # the pks of the current values revised
    to_insert: pd.DataFrame  # the values created or revised, in the unique indexes' order
    indicator_ids: list[int]  # the file's: those `current_of` holds every current value of
    # What `current_of` and `fingerprints` are made of (none of it the writer's `to_insert`):
    kept: pd.DataFrame  # the values read that stay current
    inserted: pd.DataFrame  # to_insert's CURRENT_COLUMNS
    new: pd.DataFrame  # the file's values
    unchanged_periods: np.ndarray  # per row of `new`: its period's fingerprint is the stored one
    new_periods: pd.DataFrame  # the fingerprints of the periods not held before
    inserted_read: pd.DataFrame  # those of `inserted` in the periods read

    def current_of(self, indicator_ids: Collection[int]) -> pd.DataFrame:
        """The current values of these indicators after the write, each part narrowed before
        they are put together (a release revising a few indicators copied all 633,000 first)."""
        ids = list(indicator_ids)
        parts = [
            self.kept.loc[self.kept["indicator_id"].isin(ids)],
            self.inserted.loc[self.inserted["indicator_id"].isin(ids)],
            self.new.loc[
                self.unchanged_periods & self.new["indicator_id"].isin(ids).to_numpy(),
                CURRENT_COLUMNS,
            ],
        ]
        return pd.concat(parts, ignore_index=True)

    @cached_property
    def fingerprints(self) -> pd.DataFrame:
        # A new period's fingerprint is the file's (every one of its values is inserted); a
        # period read is fingerprinted from what stays current.
        read_after = pd.concat([self.kept, self.inserted_read], ignore_index=True)
        return pd.concat([self.new_periods, value_digests(read_after)], ignore_index=True)


def values_store(frame: pd.DataFrame) -> Stored:
    """What the values change, worked out before anything is written: new values are
    inserted; a value that differs from the current one supersedes it (kept as history); an
    identical value is left alone.

    A period whose fingerprint in the file equals the stored one is unchanged as a whole and
    is not read back (services/digests.py); the current values of every other period of the
    file's indicators are read, to compare with and to keep for the comparisons."""
    new = frame[[*_KEY, "end_year", *_COMPARED, "suppression"]].copy()
    for column in ("council_id", "region_id"):
        new[column] = new[column].fillna(-1).astype("int64")
    for column in _COMPARED:
        new[column] = new[column].astype("float64")
    new["suppression"] = new["suppression"].fillna("").astype(str)
    indicator_ids = new["indicator_id"].unique().tolist()
    fingerprints = value_digests(new)
    held = held_periods(indicator_ids)
    trusted = fingerprints.merge(digests_read(indicator_ids), on=[*GROUP, "rows", "digest"])
    trusted = trusted.loc[in_groups(trusted, held)]  # a fingerprint vouches only for values held
    to_read = held.loc[~in_groups(held, trusted)]
    existing = current_read_groups(to_read, ["pk", *CURRENT_COLUMNS])
    if existing.empty:  # typed as the file's values: an untyped empty frame concatenated with
        # them (Stored.current_of) makes every column an object column, slow in each step after
        existing = new.loc[[], CURRENT_COLUMNS].assign(pk=np.array([], dtype=np.int64))
    for column in ("council_id", "region_id"):
        existing[column] = existing[column].fillna(-1).astype("int64")
    for column in _COMPARED:
        existing[column] = existing[column].astype("float64")
    unchanged_periods = in_groups(new, trusted)
    candidates = new.loc[~unchanged_periods]
    if existing.empty:
        merged = candidates.assign(pk=np.nan)
        for column in _COMPARED:
            merged[f"{column}_old"] = np.nan
        merged["suppression_old"] = ""
    else:
        merged = candidates.merge(existing, on=_KEY, how="left", suffixes=("", "_old"))
    is_new = merged["pk"].isna()
    same = ~is_new & (merged["suppression"] == merged["suppression_old"].fillna(""))
    for column in _COMPARED:
        a = merged[column].astype("float64")
        b = merged[f"{column}_old"].astype("float64")
        same &= (a.isna() & b.isna()) | np.isclose(a, b, rtol=1e-12, atol=0, equal_nan=False)
    revised = ~is_new & ~same
    superseded = merged.loc[revised, "pk"].astype("int64").tolist()
    # In the order of the unique indexes, so that their B-trees grow at the end.
    to_insert = merged.loc[is_new | revised].sort_values(_KEY, kind="stable")
    inserted = to_insert[CURRENT_COLUMNS].copy()
    return Stored(
        counts={
            "created": int(is_new.sum()),
            "revised": int(revised.sum()),
            "unchanged": int(same.sum()) + int(unchanged_periods.sum()),
        },
        changed=to_insert[["indicator_id", "period"]].drop_duplicates(),
        superseded=superseded,
        to_insert=to_insert,
        indicator_ids=indicator_ids,
        kept=existing.loc[~existing["pk"].isin(superseded), CURRENT_COLUMNS],
        inserted=inserted,
        new=new,
        unchanged_periods=unchanged_periods,
        new_periods=fingerprints.loc[~in_groups(fingerprints, held)],
        inserted_read=inserted.loc[in_groups(inserted, to_read)],
    )


def values_write(stored: Stored, *, data_import: DataImport, report: Reporter) -> None:
    """The earlier values that were revised stop being current, then the new ones go in (their
    fingerprints are written after: `digests_replace`)."""
    superseded = stored.superseded
    for start in range(0, len(superseded), BATCH):
        with server_at_work():
            _supersede(superseded[start : start + BATCH], data_import=data_import)
    _insert(stored.to_insert, data_import=data_import, report=report)


def _supersede(pks: list[int], *, data_import: DataImport) -> None:
    """These current values stop being current, superseded by `data_import`. The ids go as
    one array parameter: as thousands of parameters (Django's `pk__in`) PostgreSQL spent more
    time reading and planning the statement than updating the rows."""
    meta, quote = Observation._meta, connection.ops.quote_name
    current, by = (quote(meta.get_field(f).column) for f in ("is_current", "superseded_by"))
    # Names from the model's own metadata; the values go as parameters.
    update = f"UPDATE {quote(meta.db_table)} SET {current} = false, {by} = %s "  # noqa: S608
    pk = quote(meta.pk.column)
    if connection.vendor == "postgresql":
        where, ids = f"WHERE {pk} = ANY(%s)", pks
    else:  # SQLite: the ids as one JSON array; `pk__in` spent half the update building them
        where, ids = f"WHERE {pk} IN (SELECT value FROM json_each(%s))", json.dumps(pks)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(update + where, [data_import.pk, ids])


def _insert(frame: pd.DataFrame, *, data_import: DataImport, report: Reporter) -> None:
    """The rows as a frame of the table's columns, written whole (services/bulk.py)."""
    rows = pd.DataFrame(
        {
            "indicator_id": frame["indicator_id"].astype("int64").to_numpy(),
            "period": frame["period"].astype(str).to_numpy(dtype=object),
            "end_year": frame["end_year"].astype("int64").to_numpy(),
            "area_kind": frame["area_kind"].astype(str).to_numpy(dtype=object),
            # -1 (no council, no region) is NULL
            "council_id": frame["council_id"].where(frame["council_id"] >= 0).astype("Int64").array,
            "region_id": frame["region_id"].where(frame["region_id"] >= 0).astype("Int64").array,
            **{c: frame[c].astype("float64").to_numpy() for c in _COMPARED},
            "suppression": frame["suppression"].to_numpy(dtype=object),
            "data_import_id": np.full(len(frame), data_import.pk, dtype=np.int64),
            "is_current": np.ones(len(frame), dtype=bool),
        }
    ).reset_index(drop=True)
    frame_insert(model=Observation, frame=rows, on_batch=report.rows)
