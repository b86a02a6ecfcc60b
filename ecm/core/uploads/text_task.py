"""Reading a stored upload's text for search off the request, and saying how it went (issue 21
§1: "text extraction off the request (the project's task queue) with a time and memory limit
per file and the upload's status shown to the uploader"; decision 0037).

One shape for every upload whose text is searched (the self-assessment's documents, the
information pack, and so the meeting's additional information): the row has `file`,
`content_kind`, `text_status` and `text_problem`; the upload saves it as READING and queues a
task with `text_read_later`; the task calls `text_read` with what the app keeps of the text
(the row's own column, or the pack's search index). The text itself is read in a child process
with its memory and time capped (extraction.py), so a hostile file costs a failed reading,
never a worker.
"""

from collections.abc import Callable

from django.db import models, transaction
from django_q.tasks import async_task

from ecm.core.uploads.extraction import text_in_child
from ecm.core.uploads.limits import limits
from ecm.core.uploads.refusals import DocumentRefused

PROBLEM_CHARACTERS = 300  # the text_problem column's length
TEXT_FILE_GONE = "The stored file could not be opened \N{EN DASH} upload it again"


class TextStatus(models.TextChoices):
    """Where reading an upload's text for search has got to. Rows from before the reading
    moved off the request had their text read in it, so READY is the columns' default."""

    READING = "reading", "Reading the text"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not read"


TEXT_BEING_READ = "Its text is being read for search; the list of documents shows when it is ready."
TEXT_READ = "Its text can be searched."
TEXT_NOT_READ = "Its text could not be read, so a search will not find it: {problem}."


def text_status_said(row) -> str:
    """How the reading of an upload's text stands, as a sentence for the uploader's message
    after the upload (issue 21 §1: the upload's status shown to the uploader)."""
    if row.text_status == TextStatus.READING:
        return TEXT_BEING_READ
    if row.text_status == TextStatus.FAILED:
        return TEXT_NOT_READ.format(problem=row.text_problem)
    return TEXT_READ


def text_read_later(*, task: str, pk: int) -> None:
    """Queue `task` (a dotted path to a function taking `pk`) to read an upload's text.

    django-q2's broker is this database: the task is queued in the caller's transaction, so a
    worker sees it only once the upload is committed (decision 0023). Tests run it at once.
    """
    async_task(task, pk=pk)


def text_read(*, model: type[models.Model], pk: int, keep: Callable[[object, str], None]) -> str:
    """Read the text of the upload `model` row `pk` in a child process within the time and
    memory limits (UPLOAD_TEXT_SECONDS, UPLOAD_TEXT_MEMORY_BYTES) and the text caps; on success
    call `keep(row, text)` and mark it READY in one transaction, otherwise mark it FAILED with
    the reason the uploader reads. The status it ended in ("" if the row was gone or already
    read: a task runs once per upload, and a repeated one must not read it again)."""
    row = model.objects.filter(pk=pk, text_status=TextStatus.READING).first()
    if row is None:
        return ""
    try:
        with row.file.open("rb") as stored:
            data = stored.read()
        text = text_in_child(data, kind=row.content_kind, limits=limits())
    except DocumentRefused as refused:
        return _failed(model, pk, refused.message)
    except OSError:  # the stored file is missing or unreadable: say so rather than retry
        return _failed(model, pk, TEXT_FILE_GONE)
    with transaction.atomic():
        # Only a row still being read: two tasks for one upload must not keep its text twice.
        if not model.objects.filter(pk=pk, text_status=TextStatus.READING).update(
            text_status=TextStatus.READY, text_problem=""
        ):
            return ""
        keep(row, text)
    return TextStatus.READY


def _failed(model: type[models.Model], pk: int, problem: str) -> str:
    model.objects.filter(pk=pk, text_status=TextStatus.READING).update(
        text_status=TextStatus.FAILED, text_problem=problem[:PROBLEM_CHARACTERS]
    )
    return TextStatus.FAILED
