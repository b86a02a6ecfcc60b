"""Issue 22 §6: an import's progress through every phase (reading, checking, saving,
comparing) with counts, shown without a meta refresh: a small script asks a JSON endpoint."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.templatetags.static import static
from django.urls import reverse

from ecm.performance.models import IMPORT_PHASES
from ecm.performance.services import import_progress
from ecm.performance.services.imports import observations_import
from ecm.performance.tests.conftest import (
    DEFINITIONS_HEADER,
    LONG_HEADER,
    csv_text,
    import_definitions,
)
from ecm.performance.tests.factories import DataImportFactory

PHASE_NAMES = [name for name, _unit in IMPORT_PHASES]
DEFINITIONS = csv_text(
    DEFINITIONS_HEADER,
    [("T-PCT", "Percentage of reviews held on time", "staying_safe", "high", "percentage",
      100, 1)],
)  # fmt: skip
ROWS = [
    ("855", "T-PCT", "2025", "80.0", "80", "100"),
    ("856", "T-PCT", "2025", "60.0", "30", "50"),
    ("E92000001", "T-PCT", "2025", "70.0", "", ""),
]


@pytest.fixture
def running_import(db):
    return DataImportFactory(
        file_name="big.parquet", file_format="lait", status="running",
        stage="Saving the values", rows_done=5000, rows_total=20000,
    )  # fmt: skip


def _progress(client, data_import):
    return client.get(reverse("performance:import-progress", args=[data_import.pk]))


def test_the_running_imports_page_has_no_meta_refresh_issue_22_6(
    client, administrator, running_import
):
    """Issue 22 §6: no meta refresh (axe: critical); a script that polls, a live region, and a
    link that works without JavaScript."""
    client.force_login(administrator)
    page = client.get(reverse("performance:import-detail", args=[running_import.pk]))

    assert page.status_code == 200
    assert "http-equiv" not in page.text
    assert 'aria-live="polite"' in page.text
    progress_url = reverse("performance:import-progress", args=[running_import.pk])
    assert f'data-progress-url="{progress_url}"' in page.text
    assert f'src="{static("ecm/import-progress.js")}"' in page.text
    assert f'href="{page.request["PATH_INFO"]}">Refresh to see the progress</a>' in page.text
    assert "Saving the values: 5000 of 20000 values (25%)" in page.text
    assert "Reading the file (done)" in page.text and "Checking the values (done)" in page.text
    assert "Saving the values (now)" in page.text
    assert "style=" not in page.text.split("<main", 1)[1]


def test_the_progress_endpoint_gives_phase_and_counts_of_a_running_import_issue_22_6(
    client, administrator, running_import
):
    client.force_login(administrator)
    response = _progress(client, running_import)

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["finished"] is False and body["status"] == "running"
    assert (body["phase"], body["done"], body["total"], body["percent"]) == (
        "Saving the values", 5000, 20000, 25
    )  # fmt: skip
    assert body["unit"] == "values"
    assert [(p["name"], p["state"]) for p in body["phases"]] == [
        ("Reading the file", "done"),
        ("Checking the values", "done"),
        ("Saving the values", "current"),
        ("Comparing every council", "waiting"),
    ]


@pytest.mark.parametrize("status", ["done", "failed"])
def test_the_progress_endpoint_gives_the_end_of_a_finished_import_issue_22_6(
    client, administrator, status
):
    data_import = DataImportFactory(status=status, stage="", problems=[{"row": 2}] * 3)
    client.force_login(administrator)
    body = _progress(client, data_import).json()
    assert body["finished"] is True and body["status"] == status
    assert body["phases"] == [] and body["phase"] == ""
    assert body["problems"] == 3


def test_the_progress_endpoint_is_404_for_a_person_who_cannot_see_the_import_issue_22_6(
    client, hmi, running_import
):
    client.force_login(hmi)
    assert _progress(client, running_import).status_code == 404
    client.logout()
    assert _progress(client, running_import).status_code in (302, 404)


def test_the_importer_writes_each_phase_in_order_with_counts_issue_22_6(
    real_councils, write_file, monkeypatch
):
    """Every phase is written to the DataImport row as the import goes, in order, each with
    its counts, ending with its total done."""
    import_definitions(write_file("definitions.csv", DEFINITIONS))
    written = []
    real_write = import_progress.Reporter._write

    def spy(reporter):
        record = reporter.data_import
        written.append((record.stage, record.rows_done, record.rows_total))
        real_write(reporter)

    monkeypatch.setattr(import_progress.Reporter, "_write", spy)
    told = []
    data_import = observations_import(
        actor=None,
        path=write_file("values.csv", csv_text(LONG_HEADER, ROWS)),
        file_format="long",
        progress=lambda phase, done, total: told.append(phase),
    )

    assert data_import.status == "done", data_import.problems
    phases = list(dict.fromkeys(stage for stage, _done, _total in written))
    assert phases == PHASE_NAMES
    assert list(dict.fromkeys(told)) == PHASE_NAMES  # the command line sees the same
    last = {stage: (done, total) for stage, done, total in written}
    assert last["Reading the file"][0] == last["Reading the file"][1] > 0
    assert last["Checking the values"] == (3, 3)
    assert last["Saving the values"] == (3, 3)
    assert last["Comparing every council"] == (1, 1)  # one indicator compared
    data_import.refresh_from_db()
    assert data_import.stage == ""  # finished: no phase left on the page


def test_progress_within_a_phase_is_written_at_most_every_half_second_issue_22_6(
    monkeypatch, running_import
):
    """Cheap for the importer: not a write per call (the clock here is a fake)."""
    clock = iter(float(n) / 100 for n in range(100000))
    monkeypatch.setattr(import_progress, "_clock", lambda: next(clock))
    writes = []
    monkeypatch.setattr(import_progress.Reporter, "_write", lambda self: writes.append(1))
    reporter = import_progress.Reporter(running_import, None)
    reporter.stage("Saving the values")
    for done in range(1, 1000):
        reporter.rows(done, 1000)
    reporter.rows(1000, 1000)
    # 1000 calls, 0.01 s apart on the fake clock: about 20 writes, not 1000.
    assert len(writes) < 40


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_from_outside_the_import_on_postgresql_issue_22_6(
    real_councils, write_file, monkeypatch
):
    """The page reads the import's row from another connection while the import's
    transaction runs; after the values are written (their reference check holds the row FOR
    KEY SHARE) the later phases must still reach it (issue 25: they were skipped)."""
    if connection.vendor != "postgresql":
        pytest.skip("on SQLite progress is written in the import's own transaction")
    import_definitions(write_file("definitions.csv", DEFINITIONS))
    seen = []
    real_write = import_progress.Reporter._write

    def look(reporter):
        real_write(reporter)
        outside = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with outside.cursor() as cursor:
                cursor.execute(
                    "SELECT stage FROM performance_dataimport WHERE id = %s",
                    [reporter.data_import.pk],
                )
                seen.append(cursor.fetchone()[0])
        finally:
            outside.close()

    monkeypatch.setattr(import_progress.Reporter, "_write", look)
    data_import = observations_import(
        actor=None, path=write_file("values.csv", csv_text(LONG_HEADER, ROWS)), file_format="long"
    )

    assert data_import.status == "done", data_import.problems
    assert "Comparing every council" in seen
