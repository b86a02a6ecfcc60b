"""One test database per xdist worker, copied from a template migrated once per test session
(issue 18 §3: "one database per worker; PostgreSQL from a template database, SQLite by file
copy"), and the demo built once per session for the browser tests that need it.

SQLite: every database is a file on a RAM disk (/dev/shm where there is one), so a worker's
database is a file copy of the template and the demo is restored with SQLite's backup API.
PostgreSQL: `CREATE DATABASE ... TEMPLATE`, which copies files and is far quicker than
migrating. Templates are built by the first worker that needs them, under a file lock in the
session's shared temporary folder (new for every run, so a template never outlives a change of
migrations or demo); the other workers wait for it and copy.
"""

import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.test.utils import setup_databases, teardown_databases
from filelock import FileLock
from pytest_django.plugin import blocking_manager_key

from ecm.demo.services import demo_load

ALIAS = "default"


def _settings() -> dict:
    return settings.DATABASES[ALIAS]


def _is_sqlite() -> bool:
    return _settings()["ENGINE"] == "django.db.backends.sqlite3"


def _ram_disk() -> Path:
    shm = Path("/dev/shm")  # noqa: S108  (a RAM disk, not a shared temporary file)
    return shm if shm.is_dir() else Path(tempfile.gettempdir())


class Databases:
    """The names of this run's template databases and of this worker's test database."""

    def __init__(self, shared: Path, worker: str):
        self.shared, self.worker = shared, worker
        # The project's database name before Django points it at a test database: templates
        # are named from it, the same in every worker and at any time in the run.
        self.base_name = _settings()["NAME"]
        if _is_sqlite():
            folder = _ram_disk() / f"ecm-tests-{uuid.uuid5(uuid.NAMESPACE_URL, str(shared))}"
            folder.mkdir(exist_ok=True)
            self.folder = folder
            self.test = str(folder / f"{worker}.sqlite3")
        else:
            self.folder = None
            self.test = _settings().get("TEST", {}).get("NAME") or f"test_{_settings()['NAME']}"

    def template(self, kind: str) -> str:
        if self.folder is not None:
            return str(self.folder / f"template-{kind}.sqlite3")
        return f"{self.base_name}_template_{kind}"[:63]

    def lock(self, kind: str) -> FileLock:
        return FileLock(str(self.shared / f"template-{kind}.lock"))

    def built(self, kind: str) -> Path:
        return self.shared / f"template-{kind}.built"

    def remove_files(self) -> None:
        if self.folder is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.test}{suffix}").unlink(missing_ok=True)


def _use(name: str) -> None:
    """Point Django's connection at database `name` (closing the open one)."""
    connection = connections[ALIAS]
    connection.close()
    _settings()["NAME"] = name
    connection.settings_dict["NAME"] = name


def _copy(source: str, target: str) -> None:
    """Make `target` a copy of database `source` (neither may be in use by Django)."""
    if _is_sqlite():
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)  # whole pages, consistent even if source has a WAL file
        src.close()
        dst.close()
        return
    connection = connections[ALIAS]
    with connection._nodb_cursor() as cursor:
        quote = connection.ops.quote_name
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")


def _drop(name: str) -> None:
    connection = connections[ALIAS]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def _migrate_template(databases: Databases) -> None:
    name = databases.template("migrated")
    test_settings = _settings().setdefault("TEST", {})
    saved_name, saved_test = _settings()["NAME"], dict(test_settings)
    test_settings["NAME"] = name
    try:
        setup_databases(verbosity=0, interactive=False, aliases={ALIAS}, serialized_aliases=set())
    finally:
        _use(saved_name)
        test_settings.clear()
        test_settings.update(saved_test)


def ensure_template(databases: Databases, kind: str, build: Callable[[str], None]) -> str:
    """The template `kind` of this run, built by `build(name)` by whichever worker comes first."""
    name = databases.template(kind)
    with databases.lock(kind):
        if not databases.built(kind).exists():
            build(name)
            databases.built(kind).touch()
    return name


def _build_demo(databases: Databases) -> Callable[[str], None]:
    def build(name: str) -> None:

        migrated = ensure_template(databases, "migrated", lambda _n: _migrate_template(databases))
        working = _settings()["NAME"]
        connections[ALIAS].close()
        _copy(migrated, name)
        _use(name)
        try:
            with transaction.atomic():
                demo_load()
        finally:
            _use(working)

    return build


@pytest.fixture(scope="session")
def test_databases(tmp_path_factory, worker_id, django_db_modify_db_settings) -> Databases:
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    return Databases(shared, worker_id)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_modify_db_settings,
    test_databases,
):
    """pytest-django's database set-up, from this run's migrated template instead of
    migrating in every worker; the worker's database is dropped at the end."""
    databases = test_databases
    with django_db_blocker.unblock():
        template = ensure_template(
            databases, "migrated", lambda _name: _migrate_template(databases)
        )
        _copy(template, databases.test)
        _settings().setdefault("TEST", {})["NAME"] = databases.test
        # keepdb: the copy is already migrated; Django checks it and connects to it.
        config = setup_databases(
            verbosity=0, interactive=False, aliases={ALIAS}, serialized_aliases=set(), keepdb=True
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0, keepdb=True)
        if not _is_sqlite():
            _drop(databases.test)
    databases.remove_files()


@pytest.fixture
def demo_database(transactional_db, test_databases) -> None:
    """The whole demo (ecm.demo.services.demo_load) in this test's database, built once per
    test session and copied in (a test that needs it is a live-server test, whose data are
    flushed afterwards). Never load the demo per test: it takes seconds."""
    demo = ensure_template(test_databases, "demo", _build_demo(test_databases))
    connections[ALIAS].close()
    _copy(demo, test_databases.test)
    ContentType.objects.clear_cache()


def pytest_sessionfinish(session, exitstatus):
    """The run's templates go with the run: the controller (or a run without xdist) drops them
    once every worker has finished."""
    del exitstatus
    if hasattr(session.config, "workerinput") or not hasattr(session.config, "_tmp_path_factory"):
        return

    databases = Databases(session.config._tmp_path_factory.getbasetemp(), "master")
    if databases.folder is not None:
        shutil.rmtree(databases.folder, ignore_errors=True)
        return
    if not any(databases.built(kind).exists() for kind in ("migrated", "demo")):
        return
    with session.config.stash[blocking_manager_key].unblock():
        for kind in ("migrated", "demo"):
            _drop(databases.template(kind))
        connections.close_all()
