"""An import's database writes in a thread of their own, one task after another, while the
import computes what comes next (issue 25 §1; decision 0048)."""

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections


class BackgroundWriter:
    """Database work done one task after another in a thread of its own, on this thread's
    connection and so inside its transaction, while this thread goes on computing (issue 25
    §1: the import computed the next indicators' comparisons only after the database had
    written the last ones; with the two overlapped, a LAIT import uses both cores).

        with BackgroundWriter() as writer:
            writer.submit(frame_insert, model=Comparison, frame=frame)
            ...  # pandas only here: no query on this thread until the block ends

    While the block runs, every use of the database goes through `submit` (this thread's own
    would meet the writer's on one connection). Leaving the block waits for every task; the
    first task that failed raises its exception there (or at the next `submit`), the tasks
    after it are not run, and the transaction rolls back as it would have without a thread.
    As Django's own live-server tests share one connection, the thread is lent this one.

    Only where the database works in a process of its own (PostgreSQL): SQLite writes in this
    process, under Python's global lock, which the writer would then take back after every
    row (the import measured 1.4 s slower with the thread than without). There each task runs
    at once, in this thread, and a failure raises from `submit`."""

    def __init__(self, *, threaded: bool | None = None) -> None:
        self._connection = connections[DEFAULT_DB_ALIAS]
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future] = []
        self._failed = threading.Event()
        self.threaded = self._connection.vendor != "sqlite" if threaded is None else threaded

    def __enter__(self) -> "BackgroundWriter":
        if not self.threaded:
            return self
        self._connection.inc_thread_sharing()
        self._pool = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="bulk-writer", initializer=self._lend
        )
        return self

    def _lend(self) -> None:
        connections[DEFAULT_DB_ALIAS] = self._connection

    def submit(self, task: Callable, /, *args, **kwargs) -> None:
        """Run `task(*args, **kwargs)` after the tasks before it; raises at once if one of
        those has already failed."""
        if not self.threaded:
            task(*args, **kwargs)
            return
        self._raise_failed()
        self._pending.append(self._pool.submit(self._run, task, args, kwargs))

    def _run(self, task: Callable, args: tuple, kwargs: dict) -> None:
        if self._failed.is_set():  # an earlier task failed: the transaction is lost anyway
            raise _Skipped
        try:
            task(*args, **kwargs)
        except BaseException:
            self._failed.set()
            raise

    def wait(self) -> None:
        """Every task submitted has run; the first failure raises."""
        pending, self._pending = self._pending, []
        _settle(pending)
        for future in pending:
            if _failure(future) is not None:
                raise _failure(future)

    def _raise_failed(self) -> None:
        if self._failed.is_set():
            self.wait()

    def __exit__(self, kind, error, trace) -> None:
        if not self.threaded:
            return
        try:
            if kind is None:
                self.wait()
            else:  # this thread failed: stop the writer before the transaction rolls back
                for future in self._pending:
                    future.cancel()
                _settle(self._pending)
                failed = [f for f in self._pending if _failure(f) is not None]
                self._pending = []
                # A task submitted before this thread's failure came first in the program's
                # order (a reference refused, say, before the engine met the missing council
                # it would have refused): that is the error to report.
                if failed:
                    raise _failure(failed[0]) from error
        finally:
            self._pool.shutdown(wait=True)
            self._connection.dec_thread_sharing()


class _Skipped(Exception):
    """A task not run because one before it failed."""


def _settle(futures: list[Future]) -> None:
    """Wait until none of these is running or waiting to run."""
    for future in futures:
        if not future.cancelled():
            future.exception()


def _failure(future: Future) -> BaseException | None:
    """The error a settled task raised, if it ran and failed."""
    if future.cancelled():
        return None
    error = future.exception()
    return None if isinstance(error, _Skipped) else error
