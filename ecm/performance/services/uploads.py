"""Imports started from the upload page: the file is kept, then read in the background so a
long import shows its progress on the page (issue 3 §2: "Long imports show progress, on the
page and on the command line").

The background is a thread of the web process: enough for an inspectorate's few imports a
year without a task queue to run (docs/decisions/0011). `PERFORMANCE_IMPORT_INLINE` runs it
in the request instead (tests).
"""

import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from ecm.performance.models import DataImport


def _keep(upload, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(upload.name).name
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


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
    when the same file was imported before, the earlier one). `companion_path` is one of the
    project's own mapping files, chosen instead of an uploaded one; `beside` are files kept
    next to the data file under their own names (an EES mapping's denominators file)."""
    folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
    path = _keep(data_file, folder)
    for upload in beside or []:
        if Path(upload.name).name != path.name:  # never in place of the data file itself
            _keep(upload, folder)
    companion = _keep(companion_file, folder / "companion") if companion_file else companion_path
    data_import = DataImport.objects.create(
        file_name=Path(data_file.name).name,
        checksum="",
        file_format=file_format,
        imported_by=actor,
        stage="Waiting to start",
        options=options or {},
    )

    def run() -> DataImport:
        # The import (pandas, the engine) when a file is imported, not when the URLconf imports
        # the upload view (issue 25 §2: django.setup() and every command stay without it).
        from ecm.performance.services.imports import observations_import  # noqa: PLC0415

        try:
            return observations_import(
                actor=actor,
                path=path,
                file_format=file_format,
                companion=companion,
                file_name=data_import.file_name,
                data_import=data_import,
                options=options,
            )
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()

    if getattr(settings, "PERFORMANCE_IMPORT_INLINE", False):
        return run()
    threading.Thread(target=run, name=f"import-{data_import.pk}", daemon=True).start()
    return data_import
