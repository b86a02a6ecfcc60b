"""Importing indicator files: all or nothing, idempotent, with history and provenance.

Issue 3: every bad row is reported with row, column, value and reason, and one bad row fails
the whole import and writes nothing; re-importing the same file changes nothing; a revised
release replaces values but keeps the earlier ones as history; every value carries its
provenance (the DataImport: file, checksum, who, when).
"""

import hashlib
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.performance.importers.common import ImportRejected, Problem
from ecm.performance.models import DataImport, ImportFormat, ImportStatus, Indicator, Observation
from ecm.performance.services.bulk import none_if_missing, rows_insert
from ecm.performance.services.comparisons import comparisons_refresh
from ecm.performance.services.indicators import indicator_definitions_store
from ecm.performance.services.parsing import parse_file
from ecm.performance.services.resolve import Resolved, resolve

Progress = Callable[[str, int, int], None]

ALREADY_IMPORTED = "This file was imported before ({when}); nothing has changed."
STAGE_SAVING = (
    "Checking every row and saving the values, all or nothing (a minute at most for the "
    "largest files)"
)
UNEXPECTED_ERROR = (
    "The import stopped on an unexpected error, and nothing was saved. Try again; if it "
    "happens again, tell the service team (the error is in the server's log)."
)
BATCH = 5000  # rows per UPDATE when superseding


def file_checksum(*paths: Path | None) -> str:
    """SHA-256 over the bytes of the file and of the files that say how to read it."""
    digest = hashlib.sha256()
    for path in paths:
        if path is None:
            continue
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def observations_import(
    *,
    actor,
    path: Path | str,
    file_format: str,
    companion: Path | str | None = None,
    file_name: str | None = None,
    progress: Progress | None = None,
    data_import: DataImport | None = None,
) -> DataImport:
    """Import one file of indicator values (issue 3 §2). Returns the DataImport: status `done`
    with its counts, or `failed` with every problem; a file imported before comes back as the
    earlier import with `already_imported = True` and nothing written.

    `companion` is the LAIT dictionary or the EES mapping file.
    """
    path = Path(path)
    companion = Path(companion) if companion else None
    checksum = file_checksum(path, companion)
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
        )
    else:
        data_import.checksum = checksum
        data_import.save(update_fields=["checksum"])
    data_import.already_imported = False
    report = _Reporter(data_import, progress)
    try:
        report.stage("Reading the file")
        frame, definitions = parse_file(
            file_format=file_format, path=path, companion=companion, progress=report.rows
        )
        # The last stage the page can see: what follows runs in one transaction (all or
        # nothing), whose progress other connections cannot read; the command line sees it.
        report.stage(STAGE_SAVING)
        with transaction.atomic():
            report.stage("Checking councils, indicators and periods")
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
            report.stage("Saving values")
            counts = (
                _store(resolved.frame, data_import=data_import, report=report)
                if len(resolved.frame)
                else {"created": 0, "revised": 0, "unchanged": 0}
            )
            touched = sorted(set(resolved.frame["indicator_id"].unique().tolist()) | redefined)
            if counts["created"] or counts["revised"] or redefined:
                report.stage("Comparing every council")
                comparisons_refresh(indicator_ids=touched)
            data_import.values_created = counts["created"]
            data_import.values_revised = counts["revised"]
            data_import.values_unchanged = counts["unchanged"]
            data_import.rows_skipped = resolved.skipped
            data_import.indicators_created = created_indicators
            data_import.notes = resolved.notes
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
    return data_import


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
    """Progress on the DataImport row (for the page) and through `progress` (command line)."""

    def __init__(self, data_import: DataImport, progress: Progress | None):
        self.data_import = data_import
        self.progress = progress
        self.current = ""

    def stage(self, name: str) -> None:
        self.current = name
        self.data_import.stage = name
        # Outside the import's transaction, so that the page can read it while it runs.
        if not connection.in_atomic_block:
            self.data_import.save(update_fields=["stage"])
        if self.progress:
            self.progress(name, 0, 0)

    def rows(self, done: int, total: int) -> None:
        self.data_import.rows_done, self.data_import.rows_total = done, total
        if not connection.in_atomic_block:
            self.data_import.save(update_fields=["rows_done", "rows_total"])
        if self.progress:
            self.progress(self.current, done, total)


_KEY = ["indicator_id", "period", "area_kind", "council_id", "region_id"]
_COMPARED = ["value", "numerator", "denominator"]


def _store(frame: pd.DataFrame, *, data_import: DataImport, report: _Reporter) -> dict:
    """New values are inserted; a value that differs from the current one supersedes it (kept
    as history); an identical value is left alone."""
    new = frame[[*_KEY, "end_year", *_COMPARED, "suppression"]].copy()
    for column in ("council_id", "region_id"):
        new[column] = new[column].fillna(-1).astype("int64")
    existing = pd.DataFrame.from_records(
        Observation.objects.filter(
            indicator_id__in=new["indicator_id"].unique().tolist(), is_current=True
        ).values_list("pk", *_KEY, *_COMPARED, "suppression"),
        columns=["pk", *_KEY, *_COMPARED, "suppression"],
    )
    if existing.empty:
        merged = new.assign(pk=np.nan)
        for column in _COMPARED:
            merged[f"{column}_old"] = np.nan
        merged["suppression_old"] = ""
    else:
        for column in ("council_id", "region_id"):
            existing[column] = existing[column].fillna(-1).astype("int64")
        merged = new.merge(existing, on=_KEY, how="left", suffixes=("", "_old"))
    is_new = merged["pk"].isna()
    same = ~is_new & (merged["suppression"].fillna("") == merged["suppression_old"].fillna(""))
    for column in _COMPARED:
        a = merged[column].astype("float64")
        b = merged[f"{column}_old"].astype("float64")
        same &= (a.isna() & b.isna()) | np.isclose(a, b, rtol=1e-12, atol=0, equal_nan=False)
    revised = ~is_new & ~same
    superseded = merged.loc[revised, "pk"].astype("int64").tolist()
    for start in range(0, len(superseded), BATCH):
        Observation.objects.filter(pk__in=superseded[start : start + BATCH]).update(
            is_current=False, superseded_by=data_import
        )
    # In the order of the unique indexes, so that their B-trees grow at the end.
    to_insert = merged.loc[is_new | revised].sort_values(
        ["indicator_id", "period", "area_kind", "council_id", "region_id"], kind="stable"
    )
    _insert(to_insert, data_import=data_import, report=report)
    return {
        "created": int(is_new.sum()),
        "revised": int(revised.sum()),
        "unchanged": int(same.sum()),
    }


_COLUMNS = [
    "indicator_id",
    "period",
    "end_year",
    "area_kind",
    "council_id",
    "region_id",
    "value",
    "numerator",
    "denominator",
    "suppression",
    "data_import_id",
    "is_current",
]


def _insert(frame: pd.DataFrame, *, data_import: DataImport, report: _Reporter) -> None:
    source = frame[_COLUMNS[:10]].itertuples(index=False, name=None)
    rows = (
        (
            int(ind), period, int(end_year), kind,
            None if council < 0 else int(council), None if region < 0 else int(region),
            none_if_missing(value), none_if_missing(num), none_if_missing(den), sup or "",
            data_import.pk, True,
        )
        for (ind, period, end_year, kind, council, region, value, num, den, sup) in source
    )  # fmt: skip
    rows_insert(
        model=Observation, columns=_COLUMNS, rows=rows, total=len(frame), on_batch=report.rows
    )
