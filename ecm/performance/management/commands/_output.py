"""Shared by the import commands: progress lines and the refusal message."""

from pathlib import Path

from django.core.management.base import CommandError

from ecm.performance.importers.common import Problem
from ecm.performance.models import IMPORT_PHASES, DataImport, ImportStatus

NO_FILE = "There is no file at {path}: check the path and try again"


def existing_file(path):
    """`path` itself, or a CommandError naming it when no file is there (not a traceback)."""
    if path is not None and not Path(path).is_file():
        raise CommandError(NO_FILE.format(path=path))
    return path


def progress_printer(stream):
    """Progress on the command line: each stage once, rows every tenth or so (issue 3 §2)."""
    state = {"stage": None, "tenth": -1}

    def report(stage: str, done: int, total: int) -> None:
        if stage != state["stage"]:
            state["stage"], state["tenth"] = stage, -1
            stream.write(f"{stage}…")
        if total:
            tenth = int(10 * done / total)
            if tenth != state["tenth"]:
                state["tenth"] = tenth
                unit = dict(IMPORT_PHASES).get(stage, "rows")  # comparing counts indicators
                stream.write(f"  {done:,} of {total:,} {unit} ({100 * done // total}%)")
        stream.flush() if hasattr(stream, "flush") else None

    return report


def finish(command, data_import: DataImport) -> None:
    if getattr(data_import, "already_imported", False):
        command.stdout.write(data_import.already_message)
        return
    if data_import.status == ImportStatus.FAILED:
        # As the import's page says it: a whole-file problem, or a row's without a column
        # (a row that is not UTF-8), reads as a sentence, not 'Row -, column "": ""'.
        lines = [str(Problem(**p)) for p in data_import.problems[:50]]
        more = len(data_import.problems) - len(lines)
        if more > 0:
            lines.append(f"… and {more} more (see the import's page)")
        raise CommandError(
            f"Nothing was imported: {len(data_import.problems)} problems in "
            f"{data_import.file_name}.\n" + "\n".join(lines)
        )
    command.stdout.write(
        command.style.SUCCESS(
            f"Imported {data_import.file_name}: {data_import.values_created:,} values added, "
            f"{data_import.values_revised:,} revised, {data_import.values_unchanged:,} unchanged, "
            f"{data_import.indicators_created} new indicators."
        )
    )
    for note in data_import.notes:
        command.stdout.write(note)
