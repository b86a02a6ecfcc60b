"""Writes that may be skipped rather than wait for SQLite's one write lock (issue 25 §6).

SQLite lets one connection write at a time. An import of indicator values holds that lock for
its whole transaction (tens of seconds for the LAIT file); with WAL, pages keep reading
meanwhile, but any write waits up to the connection's busy timeout and then fails with
"database is locked". Most writes must wait (a person's change is queued behind the import).
A few are housekeeping done on the way through a page, such as moving a browser's "last seen"
on: those are skipped when the lock is taken, and done on a later request, so that a page never
waits for, or fails on, a write nobody asked for.

PostgreSQL locks rows, not the database: an import does not hold the rows these writes touch,
so there is nothing to skip and nothing is changed.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connections, transaction


class WriteLockTaken(Exception):
    """The write was not made: another connection holds SQLite's write lock."""


@contextmanager
def write_or_skip(using: str = "default") -> Iterator[None]:
    """A transaction that starts only if SQLite's write lock is free now, else raises
    WriteLockTaken at once, before any statement of the block has run.

    The busy timeout is set to 0 for the `BEGIN IMMEDIATE` only (Django's transaction_mode
    on SQLite, config/settings.py) and put back before the block's statements run, so the
    block itself is an ordinary transaction. On other databases: `transaction.atomic()`.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        with transaction.atomic(using=using):
            yield
        return
    previous = _busy_timeout(connection)
    _set_busy_timeout(connection, 0)
    atomic = transaction.atomic(using=using)
    try:
        atomic.__enter__()
    except OperationalError as error:
        if not _is_lock_error(error):
            raise
        raise WriteLockTaken from error
    finally:
        _set_busy_timeout(connection, previous)
    # From here the block runs inside the transaction, holding the write lock.
    try:
        yield
    except BaseException as error:
        if not atomic.__exit__(type(error), error, error.__traceback__):
            raise
    else:
        atomic.__exit__(None, None, None)


def _busy_timeout(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        return int(cursor.fetchone()[0])


def _set_busy_timeout(connection, milliseconds: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")


def _is_lock_error(error: OperationalError) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message
