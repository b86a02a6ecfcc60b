"""The database server's work for an import, offered back to the pages (decision 0055).

PostgreSQL's backend writes an import at the server's priority, which no nice of ours reaches;
the import times that work and pauses after it while pages wait for a core. Without pandas, so
that the upload view and the commands can use it before they import anything.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from ecm.core.background import yield_after


def server_worked(*, seconds: float) -> None:
    """PostgreSQL's backend has just worked about `seconds` for this import, at the database
    server's priority, which no nice of ours reaches: a niced import gives that time back to
    the pages while they wait for a core (`yield_after`, decision 0055), a batch at a time so
    that no page waits behind a long stretch of it. Not on SQLite, which works in this niced
    process already, and whose one write lock a pause would only hold longer."""
    if connection.vendor == "postgresql":
        yield_after(seconds=seconds)


@contextmanager
def server_at_work() -> Iterator[None]:
    """The block's time is the server's work for this import: offered back after it
    (`server_worked`)."""
    began = time.perf_counter()
    yield
    server_worked(seconds=time.perf_counter() - began)
