"""Imports are background work (issue 25 §6; decision 0055): an upload is imported by the task
queue from the site's file store, and the command lowers its own CPU priority, so that pages
served from the same machine keep the cores during an import."""

from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ecm.audit.models import AuditEntry
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


def _running(minutes_ago: int, administrator) -> DataImport:
    data_import = DataImport.objects.create(
        file_name="values.csv",
        checksum="",
        file_format=ImportFormat.LONG,
        imported_by=administrator,
        stage="Saving the values",
    )
    started = timezone.now() - timedelta(minutes=minutes_ago)
    DataImport.objects.filter(pk=data_import.pk).update(started_at=started)
    return data_import


def test_an_import_whose_task_ended_is_shown_lost_with_nothing_saved(
    client, administrator, settings
):
    """Decision 0055: an import whose worker ended (a restart, or the task queue's timeout)
    would stay "running" for ever and its page would wait without end. Once it has run
    IMPORT_LOST_SECONDS it is marked failed, its page says what happened and what to do, and
    the change is audited once (who: the system; why: the rule); a younger one is left to
    run."""
    settings.IMPORT_LOST_SECONDS = 15 * 60
    lost = _running(16, administrator)
    young = _running(14, administrator)
    client.force_login(administrator)

    page = client.get(reverse("performance:import-detail", args=[lost.pk]))
    progress = client.get(reverse("performance:import-progress", args=[young.pk])).json()

    lost.refresh_from_db()
    young.refresh_from_db()
    assert lost.status == "failed" and lost.finished_at is not None
    assert [p["reason"] for p in lost.problems] == [uploads.IMPORT_LOST]
    assert "nothing from the file was saved" in page.content.decode()
    assert "Upload the file again" in page.content.decode()
    assert young.status == "running" and progress["finished"] is False
    client.get(reverse("performance:import-list"))
    entries = AuditEntry.objects.filter(verb="performance.data_import_lost")
    assert [(e.target_id, e.actor_id) for e in entries] == [(str(lost.pk), None)]
    assert "nothing was saved" in entries[0].reason


def test_a_queued_import_called_lost_is_not_run_when_its_task_comes(
    administrator, tmp_path, settings
):
    """Decision 0055: should the task queue start an upload's task only after the import was
    called lost (the queue was down), the task leaves it as its page told the person: failed,
    nothing imported."""
    settings.IMPORT_LOST_SECONDS = 60
    data_import = _running(2, administrator)
    assert uploads.data_imports_lost_settle() == 1
    stored = default_storage.save("imports/lost/values.csv", ContentFile(VALUES.encode()))

    done = uploads.data_import_run(
        pk=data_import.pk,
        kept=[[stored, "values.csv"]],
        data_file="values.csv",
        companion=None,
        project_companion=None,
        file_format=ImportFormat.LONG,
        options=None,
    )

    assert done.status == "failed"
    assert not Observation.objects.filter(data_import=data_import).exists()
    assert uploads.data_imports_lost_settle() == 0
