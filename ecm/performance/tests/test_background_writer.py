"""Issue 25 §1: an import's writes run in a thread of their own (background_writer.py) while
the next comparisons are computed. They must stay inside the import's transaction (all or
nothing, issue 3 §2), in the order submitted, and a failure must stop the rest and be the
error reported."""

import threading

import pytest
from django.db import connection, transaction

from ecm.performance.models import DataImport
from ecm.performance.services.background_writer import BackgroundWriter


def _make(name: str, seen: list) -> None:
    seen.append((name, threading.get_ident()))
    DataImport.objects.create(file_name=name, file_format="long")


@pytest.mark.django_db(transaction=True)
def test_the_writer_writes_in_the_transaction_of_the_thread_that_started_it():
    """What the writer wrote rolls back with the transaction around it: nothing of a failed
    import is left (issue 3 §2, all or nothing)."""
    seen: list = []
    with pytest.raises(RuntimeError, match="after"), transaction.atomic():
        with BackgroundWriter(threaded=True) as writer:
            writer.submit(_make, "a.csv", seen)
            writer.submit(_make, "b.csv", seen)
        assert DataImport.objects.filter(file_name__in=["a.csv", "b.csv"]).count() == 2
        raise RuntimeError("after")
    assert not DataImport.objects.filter(file_name__in=["a.csv", "b.csv"]).exists()
    assert [name for name, _ in seen] == ["a.csv", "b.csv"]
    assert {ident for _, ident in seen} != {threading.get_ident()}  # another thread did it


@pytest.mark.django_db
def test_a_failed_task_stops_the_ones_after_it_and_is_raised():
    """The first failure is the error, at the next submit or at the end; the tasks after it do
    not run."""
    seen: list = []
    gate = threading.Event()

    def fail():
        gate.wait(5)
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"), BackgroundWriter(threaded=True) as writer:
        writer.submit(fail)
        writer.submit(_make, "never.csv", seen)
        gate.set()
    assert seen == []
    assert not DataImport.objects.filter(file_name="never.csv").exists()


@pytest.mark.django_db
def test_a_task_that_failed_first_is_the_error_reported():
    """When this thread fails after a submitted task has already failed (the engine meeting a
    council that the reference check had refused), the task's error is reported: it came
    first in the program's order."""

    def refuse():
        raise LookupError("no council with id 99999")

    with pytest.raises(LookupError, match="99999"), BackgroundWriter(threaded=True) as writer:
        writer.submit(refuse)
        while not writer._pending[0].done():
            pass
        raise ValueError("the engine met a row without a council")


@pytest.mark.django_db
def test_the_connection_is_no_longer_shared_after_the_writer():
    """The lent connection is taken back: Django refuses its use from another thread again."""
    before = connection.allow_thread_sharing
    with BackgroundWriter(threaded=True) as writer:
        assert connection.allow_thread_sharing
        writer.submit(DataImport.objects.count)
    assert connection.allow_thread_sharing == before


@pytest.mark.django_db
def test_the_writer_runs_in_its_own_thread_only_where_the_database_has_a_process_of_its_own():
    """Decision 0048: on PostgreSQL the server writes while the import computes; SQLite writes
    in the import's own process, where a second thread only fought it for Python's lock, so
    there each task runs at once, in order, and its failure raises from `submit`."""
    seen: list = []
    with BackgroundWriter() as writer:
        writer.submit(_make, "here.csv", seen)
        if connection.vendor == "sqlite":
            assert seen and seen[0][1] == threading.get_ident()
            with pytest.raises(ValueError, match="at once"):
                writer.submit(_raise, ValueError("at once"))
    assert writer.threaded == (connection.vendor != "sqlite")
    assert seen[0][0] == "here.csv"


def _raise(error: Exception) -> None:
    raise error
