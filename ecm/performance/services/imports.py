"""Importing indicator files: all or nothing, idempotent, with history and provenance.

Issue 3: every bad row is reported with row, column, value and reason, and one bad row fails
the whole import and writes nothing; re-importing the same file changes nothing; a revised
release replaces values but keeps the earlier ones as history; every value carries its
provenance (the DataImport: file, checksum, who, when).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.uploads import encodings
from ecm.performance.importers.common import ImportRejected, Problem
from ecm.performance.models import (
    IMPORT_CHECKING,
    IMPORT_COMPARING,
    IMPORT_READING,
    IMPORT_SAVING,
    DataImport,
    ImportFormat,
    ImportStatus,
    Indicator,
    Observation,
)
from ecm.performance.services.bulk import BackgroundWriter, frame_insert, server_at_work
from ecm.performance.services.comparisons import comparisons_plan_read
from ecm.performance.services.digests import (
    GROUP,
    current_read_groups,
    digests_read,
    digests_replace,
    held_periods,
    in_groups,
    value_digests,
)
from ecm.performance.services.indicators import indicator_definitions_store
from ecm.performance.services.parsing import parse_file
from ecm.performance.services.recognise import ALREADY_IMPORTED, file_checksum, import_options
from ecm.performance.services.resolve import Resolved, resolve

Progress = Callable[[str, int, int], None]

logger = logging.getLogger(__name__)

UNEXPECTED_ERROR = (
    "The import stopped on an unexpected error, and nothing was saved. Try again; if it "
    "happens again, tell the service team (the error is in the server's log)."
)
BATCH = 5000  # rows per UPDATE when superseding
# Progress is written at most this often within a phase (every phase's start and end always):
# cheap for the importer, and fresh enough for a page that asks every 2 seconds.
PROGRESS_EVERY_SECONDS = 0.5
_clock = time.monotonic  # the tests' fake clock replaces this
# Current values compared at a time (whole indicators): enough steps for the page to count
# and for the writer to start early, few enough that each step's fixed cost stays small.
COMPARED_ROWS_PER_STEP = 100_000


def observations_import(
    *,
    actor,
    path: Path | str,
    file_format: str,
    companion: Path | str | None = None,
    file_name: str | None = None,
    progress: Progress | None = None,
    data_import: DataImport | None = None,
    options: dict | None = None,
) -> DataImport:
    """Import one file of indicator values (issue 3 §2). Returns the DataImport: status `done`
    with its counts, or `failed` with every problem; a file imported before comes back as the
    earlier import with `already_imported = True` and nothing written.

    `companion` is the LAIT dictionary or the EES mapping file; `options` how to read the file
    (`parse_file`), e.g. {"breakdowns": ["none"]} for a Fingertips export's totals only.
    """
    path = Path(path)
    companion = Path(companion) if companion else None
    options = import_options(options)
    checksum = file_checksum(path, companion, options=options)
    earlier = DataImport.objects.filter(
        checksum=checksum, file_format=file_format, status=ImportStatus.DONE
    ).first()
    if earlier is not None:
        message = ALREADY_IMPORTED.format(
            when=timezone.localtime(earlier.started_at).strftime("%-d %B %Y %H:%M")
        )
        if data_import is not None:  # an upload: its record says so, and no value is written
            data_import.checksum = checksum
            data_import.status = ImportStatus.DONE
            data_import.stage = ""
            data_import.notes = [message]
            data_import.finished_at = timezone.now()
            data_import.save()
            earlier = data_import
        earlier.already_imported = True
        earlier.already_message = message
        return earlier
    if data_import is None:
        data_import = DataImport.objects.create(
            file_name=file_name or path.name,
            checksum=checksum,
            file_format=file_format,
            imported_by=actor if getattr(actor, "pk", None) else None,
            options=options,
        )
    else:
        data_import.checksum = checksum
        data_import.options = options
        data_import.save(update_fields=["checksum", "options"])
    data_import.already_imported = False
    report = _Reporter(data_import, progress)
    try:
        report.stage(IMPORT_READING)
        frame, definitions = parse_file(
            file_format=file_format,
            path=path,
            companion=companion,
            progress=report.rows,
            options=options,
        )
        encoding_notes = _encoding_notes(path)
        with transaction.atomic():
            _one_import_at_a_time()
            report.stage(IMPORT_CHECKING)
            report.rows(0, len(frame))
            compared_before = _compared_fields(definitions)
            created_indicators = indicator_definitions_store(
                actor=actor,
                definitions=definitions,
                update_existing=file_format in (ImportFormat.LAIT, ImportFormat.DEFINITIONS),
                data_import=data_import,
            )
            redefined = {
                pk
                for pk, fields in _compared_fields(definitions).items()
                if pk in compared_before and compared_before[pk] != fields
            }
            if frame.empty:  # a definitions file: indicators only
                resolved = Resolved(frame.assign(indicator_id=[]), 0, [])
            else:
                resolved = resolve(frame, file_format=file_format, data_import=data_import)
            report.rows(len(frame), len(frame))
            report.stage(IMPORT_SAVING)
            report.rows(0, len(resolved.frame))
            stored = _store(resolved.frame) if len(resolved.frame) else None
            counts = stored.counts if stored else {"created": 0, "revised": 0, "unchanged": 0}
            # Only what changed is compared again (issue 25 §1): the indicators with a value
            # created or revised, in the periods that changed (the comparisons service adds
            # the later periods whose change and trend read them), and every period of an
            # indicator whose engine fields were redefined.
            periods: dict[int, set[str] | None] = {}
            if stored is not None:
                for indicator_id, group in stored.changed.groupby("indicator_id")["period"]:
                    periods[int(indicator_id)] = set(group.tolist())
            periods.update(dict.fromkeys(redefined))
            # The comparisons' queries now, before the writer takes the connection; the rest
            # of their plan, on the values held in memory, while it writes.
            reads = (
                comparisons_plan_read(
                    indicator_ids=sorted(periods),
                    held=stored.indicator_ids if stored is not None else (),
                )
                if periods
                else None
            )
            # From here the database is written by a thread of its own while this one computes
            # what the import holds after the write and the comparisons (bulk.BackgroundWriter):
            # values first, then each step's comparisons as soon as they are computed, then the
            # values' fingerprints; progress is written in its turn.
            with BackgroundWriter() as writer:
                if stored is not None:
                    writer.submit(_write, stored, data_import=data_import, report=report)
                if reads is not None:
                    plan = reads.plan(stored.current if stored is not None else None)
                    writer.submit(report.stage, IMPORT_COMPARING)
                    # A step at a time (each indicator's comparisons stand alone), to count
                    # them; the whole plan's when another neighbour model makes every period
                    # of every indicator change.
                    touched, done = plan.indicator_ids, 0
                    for ids in plan.steps(rows=COMPARED_ROWS_PER_STEP):
                        writer.submit(report.rows, done, len(touched))
                        writer.submit(plan.write, plan.step(ids, periods))
                        done += len(ids)
                    writer.submit(report.rows, len(touched), len(touched))
                if stored is not None:
                    writer.submit(digests_replace, stored.fingerprints)
            data_import.values_created = counts["created"]
            data_import.values_revised = counts["revised"]
            data_import.values_unchanged = counts["unchanged"]
            data_import.rows_skipped = resolved.skipped
            data_import.indicators_created = created_indicators
            data_import.notes = encoding_notes + resolved.notes
            data_import.status = ImportStatus.DONE
            data_import.stage = ""
            data_import.finished_at = timezone.now()
            data_import.save()
            audit_record(
                actor=actor,
                verb="performance.data_imported",
                target=data_import,
                after={**counts, "file": data_import.file_name, "checksum": checksum},
                reason=f"Imported {data_import.file_name} "
                f"({data_import.get_file_format_display()})",
            )
    except ImportRejected as rejected:
        data_import.status = ImportStatus.FAILED
        data_import.stage = ""
        data_import.problems = [asdict(p) for p in rejected.problems[:1000]]
        data_import.finished_at = timezone.now()
        data_import.save()
        audit_record(
            actor=actor,
            verb="performance.data_refused",
            target=data_import,
            after={"problems": len(rejected.problems), "file": data_import.file_name},
            reason=f"Refused {data_import.file_name}: {len(rejected.problems)} problems",
        )
    except Exception:
        # Not left "running" for ever (the page would refresh on it without end); the error
        # itself goes on to the command line or the server's log.
        data_import.status = ImportStatus.FAILED
        data_import.stage = ""
        data_import.values_created = data_import.values_revised = 0
        data_import.values_unchanged = data_import.rows_skipped = 0
        data_import.indicators_created = 0
        data_import.notes = []
        data_import.problems = [asdict(Problem(None, "", "", UNEXPECTED_ERROR))]
        data_import.finished_at = timezone.now()
        data_import.save()
        raise
    finally:
        report.close()
    return data_import


# PostgreSQL's transaction-level advisory lock that imports take in turn (any number of ours).
IMPORT_LOCK = 250_001


def _one_import_at_a_time() -> None:
    """Wait until no other import is in its transaction. What an import reads of the current
    values (and their fingerprints, services/digests.py) must be what is there when it writes:
    two imports at once could each read before the other wrote, and a fingerprint written
    from a stale read would then vouch for values no longer stored. On SQLite the write lock
    taken at BEGIN (transaction_mode IMMEDIATE) already makes imports wait their turn."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def _encoding_notes(path: Path) -> list[str]:
    """A note when the file was not UTF-8 (it was read, as UTF-16 or Windows-1252: issue 22
    §4), so that whoever imported it checks its accented letters and pound signs. Called once
    the parse has read and size-checked the same file."""
    with open(path, "rb") as handle:
        if handle.read(4).startswith((b"PAR1", b"PK")):
            return []
    try:
        _data, encoding = encodings.as_utf8(path.read_bytes())
    except encodings.EncodingRefused:
        return []
    return [encodings.READ_AS.format(encoding=encoding)] if encoding not in ("", "UTF-8") else []


# The fields of a definition the stored comparisons rest on (rank, band, intervals...).
_ENGINE_FIELDS = ("polarity", "value_type", "multiplier", "banding")


def _compared_fields(definitions) -> dict[int, tuple]:
    """Indicator id -> its engine fields, for the known indicators these definitions name."""
    codes = [d.code for d in definitions]
    if not codes:
        return {}
    return {
        pk: tuple(fields)
        for pk, *fields in Indicator.objects.filter(code__in=codes).values_list(
            "pk", *_ENGINE_FIELDS
        )
    }


class _Reporter:
    """Progress on the DataImport row (for the page) and through `progress` (command line).

    The page reads the row from another connection while the import runs, most of it inside
    one transaction (all or nothing) that it cannot see into. On PostgreSQL the row is written
    through a connection of its own, outside that transaction (issue 22 §6: the phases after
    reading were invisible). SQLite allows one writer at a time, so there it is written in the
    import's own transaction (SQLite is for one person's demo, not for production).
    """

    def __init__(self, data_import: DataImport, progress: Progress | None):
        self.data_import = data_import
        self.progress = progress
        self.current = ""
        self.last_written = 0.0
        self.side = None

    def stage(self, name: str) -> None:
        self.current = name
        self.data_import.stage = name
        self.data_import.rows_done = self.data_import.rows_total = 0
        self.last_written = _clock()
        self._write()
        if self.progress:
            self.progress(name, 0, 0)

    def rows(self, done: int, total: int) -> None:
        self.data_import.rows_done, self.data_import.rows_total = done, total
        now = _clock()
        if done in (0, total) or now - self.last_written >= PROGRESS_EVERY_SECONDS:
            self.last_written = now
            self._write()
        if self.progress:
            self.progress(self.current, done, total)

    def _write(self) -> None:
        fields = (self.data_import.stage, self.data_import.rows_done, self.data_import.rows_total)
        if not connection.in_atomic_block or connection.vendor != "postgresql":
            DataImport.objects.filter(pk=self.data_import.pk).update(
                stage=fields[0], rows_done=fields[1], rows_total=fields[2]
            )
            return
        try:
            if self.side is None:
                self.side = connections.create_connection(DEFAULT_DB_ALIAS)
                # Written from the import's thread and, in turn, its writer's (never at once).
                self.side.inc_thread_sharing()
            table = self.side.ops.quote_name(DataImport._meta.db_table)
            with self.side.cursor() as cursor:
                # SKIP LOCKED: should the import's transaction hold the row, skip this write
                # rather than wait for a transaction that waits for us.
                cursor.execute(
                    f"UPDATE {table} SET stage = %s, rows_done = %s, rows_total = %s "  # noqa: S608
                    # NO KEY UPDATE: the bulk writer's reference check holds this row FOR KEY
                    # SHARE (an observation names its import), which FOR UPDATE would skip.
                    f"WHERE id IN (SELECT id FROM {table} WHERE id = %s "
                    "FOR NO KEY UPDATE SKIP LOCKED)",
                    [*fields, self.data_import.pk],
                )
        except Exception:  # progress is for the eye only: never a reason to stop an import
            logger.warning("Could not write an import's progress", exc_info=True)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()  # while still shared: it may have been opened by the writer
            self.side.dec_thread_sharing()
            self.side = None


_KEY = ["indicator_id", "period", "area_kind", "council_id", "region_id"]
_COMPARED = ["value", "numerator", "denominator"]
CURRENT_COLUMNS = [*_KEY, *_COMPARED, "suppression"]


@dataclass
class Stored:
    """What `_store` worked out: its counts, and what `_write` writes (the pks superseded, the
    values inserted); then, computed when first asked for, while the writer writes them (issue
    25 §1), what the import holds in memory for the comparisons, so that nothing just written
    is read back: `current`, every current value of the file's indicators after the write
    (CURRENT_COLUMNS, council and region ids -1 where none), and `fingerprints`, of the
    periods read or new, as they stand after the write. `changed`: the indicator and period of
    every value created or revised."""

    counts: dict
    changed: pd.DataFrame
    superseded: list[int]  # the pks of the current values revised
    to_insert: pd.DataFrame  # the values created or revised, in the unique indexes' order
    indicator_ids: list[int]  # the file's: those `current` holds every current value of
    # What `current` and `fingerprints` are made of (none of it the writer's `to_insert`):
    kept: pd.DataFrame  # the values read that stay current
    inserted: pd.DataFrame  # to_insert's CURRENT_COLUMNS
    new: pd.DataFrame  # the file's values
    unchanged_periods: np.ndarray  # per row of `new`: its period's fingerprint is the stored one
    new_periods: pd.DataFrame  # the fingerprints of the periods not held before
    inserted_read: pd.DataFrame  # those of `inserted` in the periods read

    @cached_property
    def current(self) -> pd.DataFrame:
        return pd.concat(
            [self.kept, self.inserted, self.new.loc[self.unchanged_periods, CURRENT_COLUMNS]],
            ignore_index=True,
        )

    @cached_property
    def fingerprints(self) -> pd.DataFrame:
        # A new period's fingerprint is the file's (every one of its values is inserted); a
        # period read is fingerprinted from what stays current.
        read_after = pd.concat([self.kept, self.inserted_read], ignore_index=True)
        return pd.concat([self.new_periods, value_digests(read_after)], ignore_index=True)


def _store(frame: pd.DataFrame) -> "Stored":
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


def _write(stored: "Stored", *, data_import: DataImport, report: _Reporter) -> None:
    """The earlier values that were revised stop being current, then the new ones go in (their
    fingerprints are written after: `digests_replace`)."""
    superseded = stored.superseded
    for start in range(0, len(superseded), BATCH):
        with server_at_work():
            _supersede(superseded[start : start + BATCH], data_import=data_import)
    _insert(stored.to_insert, data_import=data_import, report=report)


def _supersede(pks: list[int], *, data_import: DataImport) -> None:
    """These current values stop being current, superseded by `data_import`. On PostgreSQL
    the ids go as one array parameter: as thousands of parameters (Django's `pk__in`) the
    server spent more time reading and planning the statement than updating the rows."""
    if connection.vendor != "postgresql":
        Observation.objects.filter(pk__in=pks).update(is_current=False, superseded_by=data_import)
        return
    meta, quote = Observation._meta, connection.ops.quote_name
    current, by = (quote(meta.get_field(f).column) for f in ("is_current", "superseded_by"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {current} = false, {by} = %s "  # noqa: S608
            f"WHERE {quote(meta.pk.column)} = ANY(%s)",
            [data_import.pk, pks],
        )


def _insert(frame: pd.DataFrame, *, data_import: DataImport, report: _Reporter) -> None:
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
