"""Imports started from the upload page: the file is kept, then read in the background so a
long import shows its progress on the page (issue 3 §2: "Long imports show progress, on the
page and on the command line").

The background is the project's task queue (decision 0055, replacing 0011's thread of the web
process): qcluster runs at BACKGROUND_NICENESS, so pages get the cores first during an import
(issue 25 §6), and a web worker's own requests no longer share its interpreter with an import,
nor does gunicorn's recycling of a worker (max_requests) end an import halfway.
`PERFORMANCE_IMPORT_INLINE` runs it in the request instead (tests).
"""

import shutil
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from ecm.accounts.models import User
from ecm.audit.services import audit_record
from ecm.performance.models import DataImport, ImportStatus
from ecm.performance.services.upkeep import tables_tidy

IMPORT_TASK = "ecm.performance.services.uploads.data_import_run"
IMPORT_LOST = (
    "This import stopped before it finished, and nothing from the file was saved: the task "
    "importing it ended (the server restarted, or the import ran past the task queue's time "
    "limit). Upload the file again; if it stops again, tell the service team."
)


def _keep(upload, *, folder: str, name: str) -> list[str]:
    """Store an uploaded file in the site's file store (object storage when configured, so the
    worker that imports it may be on another machine; decision 0052) under `folder`, and say
    where: [stored name, name in the import's working folder]."""
    return [default_storage.save(f"{folder}/{name}", upload), name]


def data_import_start(
    *,
    actor,
    file_format: str,
    data_file,
    companion_file=None,
    companion_path: Path | None = None,
    beside: list | None = None,
    options: dict | None = None,
) -> DataImport:
    """Keep the uploaded files and start importing them. Returns the running DataImport (or,
    inline, when the same file was imported before, the earlier one). `companion_path` is one
    of the project's own mapping files, chosen instead of an uploaded one; `beside` are files
    kept next to the data file under their own names (an EES mapping's denominators file)."""
    folder = f"imports/{uuid.uuid4().hex}"
    data_name = Path(data_file.name).name
    kept = [_keep(data_file, folder=folder, name=data_name)]
    for upload in beside or []:
        name = Path(upload.name).name
        if name != data_name:  # never in place of the data file itself
            kept.append(_keep(upload, folder=folder, name=name))
    companion = None
    if companion_file:
        companion = f"companion/{Path(companion_file.name).name}"
        kept.append(_keep(companion_file, folder=folder, name=companion))
    data_import = DataImport.objects.create(
        file_name=data_name,
        checksum="",
        file_format=file_format,
        imported_by=actor,
        stage="Waiting to start",
        options=options or {},
    )
    task = {
        "pk": data_import.pk,
        "kept": kept,
        "data_file": data_name,
        "companion": companion,
        "project_companion": str(companion_path) if companion_path else None,
        "file_format": file_format,
        "options": options,
    }
    if getattr(settings, "PERFORMANCE_IMPORT_INLINE", False):
        return data_import_run(**task)
    # The broker is this database: the task is queued in the caller's transaction, so the
    # worker sees it once the DataImport row is committed (decision 0023).
    async_task(IMPORT_TASK, **task, task_name=f"import-{data_import.pk}")
    return data_import


def data_import_run(
    *,
    pk: int,
    kept: list[list[str]],
    data_file: str,
    companion: str | None,
    project_companion: str | None,
    file_format: str,
    options: dict | None,
) -> DataImport:
    """The task: copy the kept files from the store into a working folder under their own
    names (an EES mapping names its denominators file), and import them into the DataImport,
    which reports progress as it goes."""
    # The import (pandas, the engine) when a file is imported, not when the URLconf imports
    # the upload view (issue 25 §2: django.setup() and every command stay without it).
    from ecm.performance.services.imports import observations_import  # noqa: PLC0415

    data_import = DataImport.objects.get(pk=pk)
    if data_import.status != ImportStatus.RUNNING:  # called lost while it waited: not run late
        return data_import
    actor = User.objects.filter(pk=data_import.imported_by_id).first()
    with tempfile.TemporaryDirectory(prefix="ecm-import-") as workdir:
        for stored, name in kept:
            target = Path(workdir) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(stored, "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
        chosen = Path(workdir) / companion if companion else None
        data_import = observations_import(
            actor=actor,
            path=Path(workdir) / data_file,
            file_format=file_format,
            companion=chosen or (Path(project_companion) if project_companion else None),
            file_name=data_import.file_name,
            data_import=data_import,
            options=options,
        )
    tables_tidy(data_import=data_import)  # once its page says done: nobody waits for it
    return data_import


def data_imports_lost_settle() -> int:
    """Every import still "running" IMPORT_LOST_SECONDS after it began was lost (its worker
    ended before it finished, so its transaction never committed and nothing was saved): it
    is marked failed with IMPORT_LOST, for its page to stop waiting and say so, and the change
    is audited. Returns how many. Called by the pages that show imports (a conditional update:
    two at once mark each import once)."""
    limit = timezone.now() - timedelta(seconds=settings.IMPORT_LOST_SECONDS)
    settled = 0
    for data_import in DataImport.objects.filter(status=ImportStatus.RUNNING, started_at__lt=limit):
        lost = {
            "status": ImportStatus.FAILED,
            "stage": "",
            "problems": [{"row": None, "column": "", "value": "", "reason": IMPORT_LOST}],
            "finished_at": timezone.now(),
        }
        with transaction.atomic():
            running = DataImport.objects.filter(pk=data_import.pk, status=ImportStatus.RUNNING)
            if not running.update(**lost):  # another request marked it first
                continue
            stage = data_import.stage
            for name, value in lost.items():
                setattr(data_import, name, value)
            audit_record(
                actor=None,
                verb="performance.data_import_lost",
                target=data_import,
                before={"status": ImportStatus.RUNNING, "stage": stage},
                after={"status": ImportStatus.FAILED, "file": data_import.file_name},
                reason=f"{data_import.file_name}: still importing "
                f"{settings.IMPORT_LOST_SECONDS // 60} minutes after it began; its task had "
                "ended, and nothing was saved",
            )
            settled += 1
    return settled
