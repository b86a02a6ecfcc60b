"""Imports are background work (issue 25 §6; decision 0055): an upload is imported by the task
queue from the site's file store, and the command lowers its own CPU priority, so that pages
served from the same machine keep the cores during an import."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from ecm.performance.management.commands import import_indicators
from ecm.performance.models import DataImport, ImportFormat, Observation
from ecm.performance.services import uploads
from ecm.performance.tests.test_pages import DEFINITIONS, VALUES, upload


def test_an_upload_is_queued_and_imported_by_the_worker_from_the_file_store(
    client, real_councils, administrator, settings, tmp_path, monkeypatch
):
    """The upload page queues the import (django-q runs it at once in tests, as a worker
    would) and answers with the import's page; the worker reads the file from the site's
    store, not from the web server's disk, so on several machines it may run on any."""
    settings.MEDIA_ROOT = tmp_path / "media"  # nothing may be written here
    settings.PERFORMANCE_IMPORT_INLINE = False
    queued: list[tuple[str, dict]] = []
    enqueue = uploads.async_task

    def spy(name, **task):
        queued.append((name, task))
        return enqueue(name, **task)

    monkeypatch.setattr(uploads, "async_task", spy)
    client.force_login(administrator)
    upload(client, ImportFormat.DEFINITIONS, "definitions.csv", DEFINITIONS.encode())
    response = upload(client, ImportFormat.LONG, "values.csv", VALUES.encode())

    data_import = DataImport.objects.get(file_name="values.csv")
    assert response["Location"] == reverse("performance:import-detail", args=[data_import.pk])
    assert [name for name, _ in queued] == [uploads.IMPORT_TASK] * 2
    stored, name = queued[-1][1]["kept"][0]
    assert name == "values.csv"
    assert default_storage.open(stored).read() == VALUES.encode()
    assert not Path(settings.MEDIA_ROOT).exists()
    data_import.refresh_from_db()
    assert data_import.status == "done"
    assert data_import.imported_by == administrator
    assert Observation.objects.filter(data_import=data_import).count() == 3


def test_the_command_lowers_its_priority_for_an_import_but_not_for_a_file_seen_before(
    real_councils, tmp_path, monkeypatch
):
    """The command nices itself (BACKGROUND_NICENESS) before it imports; the same file again
    is answered at once, at the priority it was started with."""
    calls: list[None] = []
    monkeypatch.setattr(import_indicators, "lower_priority", lambda: calls.append(None))
    definitions = tmp_path / "definitions.csv"
    definitions.write_text(DEFINITIONS)
    call_command("import_indicator_definitions", str(definitions))
    values = tmp_path / "values.csv"
    values.write_text(VALUES)

    call_command("import_indicators", str(values), "--format", "long")
    assert len(calls) == 1
    assert Observation.objects.count() == 3
    call_command("import_indicators", str(values), "--format", "long")
    assert len(calls) == 1
