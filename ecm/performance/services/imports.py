"""Importing indicator files: all or nothing, idempotent, with history and provenance.

Issue 3: every bad row is reported with row, column, value and reason, and one bad row fails
the whole import and writes nothing; re-importing the same file changes nothing; a revised
release replaces values but keeps the earlier ones as history; every value carries its
provenance (the DataImport: file, checksum, who, when).

This module runs an import from end to end; what its values change and their writing are in
import_values.py, its progress in import_progress.py.
"""

from dataclasses import asdict
from pathlib import Path

from django.db import connection, transaction
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
)
from ecm.performance.services.background_writer import BackgroundWriter
from ecm.performance.services.comparisons import comparisons_plan_read
from ecm.performance.services.digests import digests_replace
from ecm.performance.services.import_progress import Progress, Reporter
from ecm.performance.services.import_values import values_store, values_write
from ecm.performance.services.indicators import indicator_definitions_store
from ecm.performance.services.parsing import parse_file
from ecm.performance.services.recognise import ALREADY_IMPORTED, file_checksum, import_options
from ecm.performance.services.resolve import Resolved, resolve

UNEXPECTED_ERROR = (
    "The import stopped on an unexpected error, and nothing was saved. Try again; if it "
    "happens again, tell the service team (the error is in the server's log)."
)
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
    report = Reporter(data_import, progress)
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
            stored = values_store(resolved.frame) if len(resolved.frame) else None
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
            # what the import holds after the write and the comparisons (background_writer.py):
            # values first, then each step's comparisons as soon as they are computed, then the
            # values' fingerprints; progress is written in its turn.
            with BackgroundWriter() as writer:
                if stored is not None:
                    writer.submit(values_write, stored, data_import=data_import, report=report)
                if reads is not None:
                    held = stored.current_of(reads.indicator_ids) if stored is not None else None
                    plan = reads.plan(held)
                    writer.submit(report.stage, IMPORT_COMPARING)
                    # A step at a time (each indicator's comparisons stand alone), to count
                    # them; the whole plan's when another neighbour model makes every period
                    # of every indicator change.
                    touched, done = plan.indicator_ids, 0
                    with plan.writing():
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
