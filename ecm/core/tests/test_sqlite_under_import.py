"""Pages answer on SQLite while an import holds the write lock (issue 25 §6: "no request fails
... on either database (on SQLite, imports write in short transactions or queue behind the
site without 'database is locked')").

An import of indicator values writes in one transaction, which on SQLite holds the database's
one write lock for its whole length (tens of seconds for the LAIT file). The load test saw
HTTP 500 "database is locked" then: pages that wrote on the way (a browser's "last seen")
waited the busy timeout and failed. Here a second connection to the same database file takes
the write lock (`BEGIN IMMEDIATE`, as the import's transaction does under Django's IMMEDIATE
transaction mode) and holds it while signed-in people open their pages.

SQLite only: the suite's SQLite database is a file (tests/plugins/databases.py), which the
second connection opens; PostgreSQL locks rows, and an import holds none a page writes.
"""

import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ecm.accounts.models import SignedInSession
from ecm.accounts.sessions import LAST_SEEN_EVERY, LAST_SEEN_KEY

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's one write lock; PostgreSQL locks rows"
)

# Not a timing assertion: how long the stand-in import keeps the lock in the queueing test.
HELD_SECONDS = 0.5


@contextmanager
def write_lock_held():
    """Another connection to the same database file holds SQLite's write lock meanwhile."""
    path = connection.settings_dict["NAME"]
    assert "memory" not in str(path), "needs the database file (tests/plugins/databases.py)"
    other = sqlite3.connect(path, isolation_level=None, timeout=0, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def _fail_fast_on_a_write():
    # A write under the held lock fails after this, not after the default 5 s: these tests
    # say that pages make no write at all, so nothing should be waiting.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 200")


def _signed_in(client, user, *, last_seen_due: bool):
    client.force_login(user)
    session = client.session
    if last_seen_due:  # the page would move "last seen" on (once a minute, ecm.accounts)
        session[LAST_SEEN_KEY] = int(time.time() - LAST_SEEN_EVERY.total_seconds() - 1)
        session.save()
    return session.session_key


def _last_seen(session_key):
    return SignedInSession.objects.get(session_key=session_key).last_seen_at


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_page_answers_while_an_import_holds_the_write_lock_issue_25_6(
    client, link_officer
):
    key = _signed_in(client, link_officer, last_seen_due=True)
    SignedInSession.objects.filter(session_key=key).update(
        last_seen_at=timezone.now() - timedelta(minutes=5)
    )
    before = _last_seen(key)
    _fail_fast_on_a_write()
    with write_lock_held():
        response = client.get("/")
    assert response.status_code == 200
    assert _last_seen(key) == before, "last seen is housekeeping: skipped under the lock"

    client.get("/")  # the lock is free again: the skipped write is made now
    assert _last_seen(key) > before


@pytest.mark.django_db(transaction=True)
def test_the_pages_of_a_round_write_nothing_while_an_import_runs_issue_25_6(
    client, assessment, link_officer, hmi
):
    """The council's and the inspector's pages, each opened under the held lock: any write
    or transaction on the way (BEGIN IMMEDIATE takes the write lock even to read) fails it."""
    council = assessment.council
    base = f"/assessments/{assessment.pk}"
    pages = {
        link_officer: ["/", "/due/", f"{base}/", f"/performance/councils/{council.la_number}/"],
        hmi: [
            "/",
            "/due/",
            f"{base}/",
            f"{base}/analysis/notebook/",
            f"{base}/analysis/step-4/",
            f"/performance/councils/{council.la_number}/",
        ],
    }
    for user, urls in pages.items():
        _signed_in(client, user, last_seen_due=True)
        _fail_fast_on_a_write()
        with write_lock_held():
            for url in urls:
                assert client.get(url).status_code == 200, url


@pytest.mark.django_db(transaction=True)
def test_a_write_queues_behind_the_import_instead_of_failing_issue_25_6(link_officer):
    """A person's change made while the import holds the lock waits for it (the busy timeout),
    then is written: "queue behind", never "database is locked"."""
    with write_lock_held() as other:
        release = threading.Timer(HELD_SECONDS, lambda: other.execute("COMMIT"))
        release.start()
        try:
            link_officer.first_name = "Changed during an import"
            link_officer.save(update_fields=["first_name"])
        finally:
            release.join()
        other.execute("BEGIN")  # the context manager's ROLLBACK needs a transaction to end
    link_officer.refresh_from_db()
    assert link_officer.first_name == "Changed during an import"
