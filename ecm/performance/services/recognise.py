"""A file imported before, recognised by its checksum before anything reads it (issue 3 §2:
"re-importing the same file changes nothing"), in a module without pandas or the engine, so
that `manage.py import_indicators` on such a file answers in well under a second (issue 25
Targets: "re-import of the same file ≤ 1 s"; decision 0049).

`observations_import` recognises the file the same way when it is called; the checksum here and
there must agree (tests/test_startup.py checks they do).
"""

import hashlib
import json
from pathlib import Path

from django.utils import timezone

from ecm.performance.models import DataImport, ImportStatus

ALREADY_IMPORTED = "This file was imported before ({when}); nothing has changed."


def import_options(options: dict | None) -> dict:
    """The options that change how a file is read, without the empty ones (as stored)."""
    return {k: v for k, v in (options or {}).items() if v not in (None, [], "")}


def file_checksum(*paths: Path | None, options: dict | None = None) -> str:
    """SHA-256 over the bytes of the file, of the files that say how to read it and of the
    options chosen (none: the file's bytes alone, as before options existed)."""
    digest = hashlib.sha256()
    if options:
        digest.update(json.dumps(options, sort_keys=True).encode())
    for path in paths:
        if path is None:
            continue
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def earlier_import(
    *,
    path: Path | str,
    file_format: str,
    companion: Path | str | None = None,
    options: dict | None = None,
) -> DataImport | None:
    """The finished import of the same file (with the same companion and options), marked
    `already_imported` with the message to show; None when the file is new."""
    checksum = file_checksum(
        Path(path), Path(companion) if companion else None, options=import_options(options)
    )
    earlier = DataImport.objects.filter(
        checksum=checksum, file_format=file_format, status=ImportStatus.DONE
    ).first()
    if earlier is None:
        return None
    earlier.already_imported = True
    earlier.already_message = ALREADY_IMPORTED.format(
        when=timezone.localtime(earlier.started_at).strftime("%-d %B %Y %H:%M")
    )
    return earlier
