"""After an import, the values' and comparisons' tables are vacuumed and analysed on PostgreSQL
(issue 25 §4, a council's profile within its target; services/upkeep.py): by the task queue's
import of an upload and by the command, never by the import service itself inside its
transaction, and never on SQLite."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from ecm.performance.models import Comparison, DataImport, ImportFormat, Observation
from ecm.performance.services import observations_import, uploads
from ecm.performance.services.upkeep import tables_tidy
from ecm.performance.tests.test_pages import DEFINITIONS, VALUES, upload

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="VACUUM and the visibility map are PostgreSQL's"
)


def _catalogue(model) -> tuple[float, int]:
    """(reltuples, relallvisible) of the model's table: -1 tuples until the table is first
    vacuumed or analysed (a new or truncated table), and no all-visible page until a VACUUM."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples, relallvisible FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        return cursor.fetchone()


@pytest.fixture
def files(tmp_path):
    definitions, values = tmp_path / "definitions.csv", tmp_path / "values.csv"
    definitions.write_text(DEFINITIONS)
    values.write_text(VALUES)
    return definitions, values


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_import_command_leaves_both_tables_vacuumed_and_analysed(real_councils, files):
    """The command imports, commits, says so, then vacuums: the values' pages are all-visible
    (a profile's index-only scans skip the table) and both tables have statistics."""
    definitions, values = files
    call_command("import_indicator_definitions", str(definitions))
    assert _catalogue(Observation)[0] == -1  # nothing analysed yet: the test can fail

    call_command("import_indicators", str(values), "--format", "long")

    assert Observation.objects.count() == 3
    tuples, all_visible = _catalogue(Observation)
    assert tuples == 3 and all_visible >= 1
    assert _catalogue(Comparison)[0] >= 0


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_task_queue_vacuums_after_importing_an_upload(
    client, real_councils, administrator, settings, tmp_path, monkeypatch
):
    """The worker's task (uploads.data_import_run), outside any transaction as qcluster runs
    it, vacuums once the import is done; the upload itself only queues it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PERFORMANCE_IMPORT_INLINE = False
    queued: list[dict] = []
    monkeypatch.setattr(uploads, "async_task", lambda name, **task: queued.append(task))
    client.force_login(administrator)
    upload(client, ImportFormat.DEFINITIONS, "definitions.csv", DEFINITIONS.encode())
    upload(client, ImportFormat.LONG, "values.csv", VALUES.encode())
    for task in queued:
        task.pop("task_name")
        uploads.data_import_run(**task)
        if task is queued[0]:  # definitions only: no value written, nothing to tidy
            assert _catalogue(Observation) == (-1, 0)

    assert DataImport.objects.get(file_name="values.csv").status == "done"
    tuples, all_visible = _catalogue(Observation)
    assert tuples == 3 and all_visible >= 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_tidying_is_left_out_inside_a_transaction_and_for_a_refused_or_known_file(
    real_councils, files
):
    """VACUUM cannot run inside a transaction block: there, as for an import that wrote no
    value (refused, or the same file again), nothing is run and nothing fails."""
    definitions, values = files
    call_command("import_indicator_definitions", str(definitions))
    done = observations_import(actor=None, path=values, file_format="long")
    assert _catalogue(Observation) == (-1, 0)  # the import service itself does not vacuum
    with transaction.atomic():
        assert tables_tidy(data_import=done) is False
    again = observations_import(actor=None, path=values, file_format="long")
    assert again.already_imported and tables_tidy(data_import=again) is False
    refused = DataImport(status="failed", values_created=3)
    assert tables_tidy(data_import=refused) is False
    assert _catalogue(Observation) == (-1, 0)

    assert tables_tidy(data_import=done) is True
    assert _catalogue(Observation)[1] >= 1


@pytest.mark.django_db(transaction=True)  # outside any transaction, as the task runs
def test_nothing_is_run_on_sqlite(django_assert_num_queries):
    """SQLite has no visibility map, and these queries need no statistics there."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own rule")
    done = DataImport(status="done", values_created=3)
    with django_assert_num_queries(0):
        assert tables_tidy(data_import=done) is False
