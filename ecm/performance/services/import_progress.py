"""An import's progress: each phase and its counts, written on the DataImport row for the page
that polls it (issue 22 §6) and passed to a `Progress` callback for the command line."""

import logging
import time
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connection, connections

from ecm.performance.models import DataImport

Progress = Callable[[str, int, int], None]

logger = logging.getLogger(__name__)

# Progress is written at most this often within a phase (every phase's start and end always):
# cheap for the importer, and fresh enough for a page that asks every 2 seconds.
PROGRESS_EVERY_SECONDS = 0.5
_clock = time.monotonic  # the tests' fake clock replaces this


class Reporter:
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
