"""Documents built by the task queue, off the request, and kept until their content changes
(issue 25 §3; decisions 0051 and 0054).

A download page renders its document's HTML (cheap) and `pdf_from_html` (ecm.core.documents)
hands it here with the person who asked; for a Word file, the download page hands the HTML its
PDF would be made from (the content) and the Word builder, to be pickled for the worker:

- the content's key is the SHA-256 of the format, the renderer and the HTML (for a Word file,
  python-docx and our code that writes it too); a build with that key that is ready is served
  at once (the cache: the same content is never built twice, and changed content has a new
  key);
- otherwise the build is queued (django-q2, decision 0023) and the request waits a moment
  (`DOCUMENT_BUILD_WAIT_SECONDS`): a quick build, or any build when tasks run at once as in
  the tests, is served as before; a longer one answers "Your document is being prepared" with
  an address of its own (a DocumentRequest, for the person who asked and nobody else), whose
  page says how it stands and offers the file when it is ready, or what to do if it failed.

This module knows nothing of WeasyPrint or python-docx: the tasks that render
(ecm.core.documents.pdf_build and docx_build) pass their renderer in, so that the document
helpers can use it without a cycle.
"""

import functools
import hashlib
import hmac
import inspect
import logging
import pickle  # our own builders' payloads, signed with SECRET_KEY (payload_loads)
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_q.tasks import async_task

from ecm.core.models import DocumentBuild, DocumentRequest
from ecm.core.write_lock import WriteLockTaken, write_or_skip

logger = logging.getLogger(__name__)

Status = DocumentBuild.Status

# How long a download page waits for a queued build before it answers "being prepared"
# (issue 25 §3: "no page waits more than 1 s"), how long a build may stay queued or building
# before a new request queues it again (a worker that died; django-q2's own timeout is 600 s),
# and how many days a build nobody downloads is kept are settings of ours, in one place:
# config/settings.py's DOCUMENT_BUILD_WAIT_SECONDS, DOCUMENT_BUILD_STALE_SECONDS and
# DOCUMENT_BUILDS_KEPT_DAYS.
# Between two looks at a build the page is waiting for: short against the wait, and a look is
# one indexed query.
LOOK_EVERY_SECONDS = 0.1
# How often a served build's "last used" moves on: the clean-up counts days, so once an hour is
# plenty, and a download from the cache writes nothing the rest of the time.
USED_EVERY = timedelta(hours=1)

PDF_TASK = "ecm.core.documents.pdf_build"
DOCX_TASK = "ecm.core.documents.docx_build"
# The payload's signature (salted_hmac with SECRET_KEY, SHA-256): 32 bytes before the pickle.
PAYLOAD_SALT = "ecm.core.document_builds.payload"
SIGNATURE_BYTES = 32
PROBLEM_CHARACTERS = 300
FILE_GONE = "The stored file is gone"

# What the person reads (constants, asserted by the tests).
BUILD_FAILED = "Your document could not be made."
BUILD_FAILED_WHAT_TO_DO = (
    "Try again: it will be made afresh. If it fails again, tell the service desk, quoting "
    "reference {reference}."
)
BUILD_WAITING = "Waiting to start"
BUILD_AHEAD = "{ahead} other document{s} before it"
BUILD_MAKING = "Being made"
BUILD_READY = "Your document is ready"


@dataclass(frozen=True)
class Asked:
    """Who asked for a document, the name it downloads as ("letter-990-r2.pdf") and the
    download page's address (to try again from)."""

    user: object
    file_name: str
    path: str = ""


class BeingPrepared(Exception):
    """The document was not ready within the wait: `row` is the asker's wait for it."""

    def __init__(self, row: DocumentRequest):
        super().__init__(row.file_name)
        self.row = row


def _sha256(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def content_key(*, fmt: str, html: str, base_url: str) -> str:
    """The content's key: the format, the renderer's version, the stylesheet's URL base (links
    in a PDF resolve against it) and the HTML. The stylesheet is named in the HTML, and with
    hashed static files its name changes with it."""
    return _sha256(fmt, f"weasyprint {_version('weasyprint')}", base_url, html)


def docx_key(*, html: str, make: Callable[[], bytes]) -> str:
    """A Word file's key (decision 0054): python-docx's version, our code that writes it (the
    builder's module and the modules of ours it imports from, which a new release may change
    without changing the HTML) and the HTML its PDF would be made from, which is everything the
    document shows: the same content has the same key and changed content a new one."""
    builder = make.func if isinstance(make, functools.partial) else make
    return _sha256(
        "docx", f"python-docx {_version('python-docx')}", code_fingerprint(builder.__module__), html
    )


@functools.cache
def _version(package: str) -> str:
    """An installed package's version, read once per process (a scan of the installed
    distributions' metadata)."""
    return version(package)


@functools.cache
def code_fingerprint(module_name: str) -> str:
    """The SHA-256 of a module's source and of the sources of the modules of ours it imports
    names from (one level: the builder's helpers), once per process."""
    module = sys.modules[module_name]
    names = {module_name}
    for value in vars(module).values():
        name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
        if isinstance(name, str) and name.split(".")[0] == "ecm":
            names.add(name)
    digest = hashlib.sha256()
    for name in sorted(names):
        file = getattr(sys.modules.get(name), "__file__", None)
        if file:
            digest.update(name.encode())
            digest.update(Path(file).read_bytes())
    return digest.hexdigest()


def payload_dumps(make: Callable[[], bytes]) -> bytes:
    """A Word file's builder with what it builds from (a functools.partial of a module-level
    function and picklable arguments: model instances, dicts, dataclasses), for the worker:
    pickled and signed with SECRET_KEY, as django-q2 signs its own tasks, so that a row
    written by anything but this service is never unpickled."""
    body = pickle.dumps(make, protocol=pickle.HIGHEST_PROTOCOL)
    return _signature(body) + body


def payload_loads(payload: bytes) -> Callable[[], bytes]:
    """The builder of payload_dumps, once its signature is checked."""
    payload = bytes(payload)  # PostgreSQL hands a memoryview
    signature, body = payload[:SIGNATURE_BYTES], payload[SIGNATURE_BYTES:]
    if not hmac.compare_digest(signature, _signature(body)):
        raise ValueError("The document's payload is not signed by this service")
    return pickle.loads(body)  # noqa: S301 - signed above: written by this service only


def _signature(body: bytes) -> bytes:
    return salted_hmac(PAYLOAD_SALT, body, algorithm="sha256").digest()


def pdf_cached(*, html: str, base_url: str, asked: Asked) -> bytes:
    """The PDF of `html`: from the cache, or built by the task queue within the wait; else
    BeingPrepared with the asker's wait for it."""
    key = content_key(fmt="pdf", html=html, base_url=base_url)

    def source() -> dict:
        return {"html": html, "base_url": base_url}

    return _cached(
        lambda again: build_for(fmt="pdf", key=key, task=PDF_TASK, source=source, again=again),
        asked,
    )


def docx_cached(*, html: str, make: Callable[[], bytes], asked: Asked) -> bytes:
    """The Word file `make()` writes, whose content is `html` (the HTML its PDF would be made
    from): from the cache, or built by the task queue within the wait; else BeingPrepared.
    `make` is pickled only when a build is queued."""
    key = docx_key(html=html, make=make)

    def source() -> dict:
        return {"payload": payload_dumps(make)}

    return _cached(
        lambda again: build_for(fmt="docx", key=key, task=DOCX_TASK, source=source, again=again),
        asked,
    )


def _cached(build_of: Callable[[bool], DocumentBuild], asked: Asked) -> bytes:
    """The file of `build_of(again)`'s build, ready within the wait, else BeingPrepared."""
    build = build_of(False)
    body = _body_when_ready(build)
    if body is None and build.status == Status.READY:
        # Its file is gone (a store cleaned by hand): make it again.
        build = build_of(True)
        body = _body_when_ready(build)
    if body is not None:
        return body
    row = DocumentRequest.objects.create(
        build=build, user=asked.user, file_name=asked.file_name, path=asked.path[:500]
    )
    raise BeingPrepared(row)


def build_for(
    *, fmt: str, key: str, task: str, source: Callable[[], dict], again: bool = False
) -> DocumentBuild:
    """The build of content `key`, queued if it has none, or if its last one failed or was lost
    (`again`: its file is gone), with what it is made from (`source()`: the fields html and
    base_url, or payload; asked for only then). Queued once: two requests for the same new
    content make one row (the key is unique) and one task (the queueing is a conditional
    update)."""
    # What it is made from is the worker's: not read here.
    build = DocumentBuild.objects.defer("html", "payload").filter(key=key).first()
    if build is None:
        try:
            with transaction.atomic():
                build = DocumentBuild.objects.create(key=key, fmt=fmt, **source())
        except IntegrityError:  # another request made it first: wait for theirs
            return DocumentBuild.objects.defer("html", "payload").get(key=key)
        async_task(task, pk=build.pk)
        build.refresh_from_db()
        return build
    stale = timezone.now() - timedelta(seconds=settings.DOCUMENT_BUILD_STALE_SECONDS)
    lost = build.status in (Status.QUEUED, Status.BUILDING) and build.queued_at < stale
    if again or build.status == Status.FAILED or lost:
        now = timezone.now()
        if DocumentBuild.objects.filter(pk=build.pk, queued_at=build.queued_at).update(
            status=Status.QUEUED, problem="", queued_at=now, started_at=None, finished_at=None,
            **source(),
        ):  # fmt: skip
            async_task(task, pk=build.pk)
        build.refresh_from_db()
    return build


def _body_when_ready(build: DocumentBuild) -> bytes | None:
    """The file, if the build is ready within the wait (DOCUMENT_BUILD_WAIT_SECONDS)."""
    if build.status not in (Status.READY, Status.FAILED):
        _waited(build, seconds=settings.DOCUMENT_BUILD_WAIT_SECONDS)
    return build_body(build) if build.status == Status.READY else None


def _waited(build: DocumentBuild, *, seconds: float) -> DocumentBuild:
    """The build (refreshed in place) once ready or failed, or as it stands after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(min(LOOK_EVERY_SECONDS, max(deadline - time.monotonic(), 0)))
        build.refresh_from_db(fields=["status", "file", "size", "problem"])
        if build.status in (Status.READY, Status.FAILED):
            break
    return build


def build_body(build: DocumentBuild) -> bytes | None:
    """The built file's bytes (None if the store has lost it), marking the build as used."""
    try:
        with build.file.open("rb") as stored:
            body = stored.read()
    except (OSError, ValueError):
        return None
    _mark_used(build)
    return body


def _mark_used(build: DocumentBuild) -> None:
    """Move the build's "last used" on, at most once an hour, and never waiting for SQLite's
    write lock (an import may hold it): housekeeping, which a later download does instead."""
    now = timezone.now()
    if now - build.used_at < USED_EVERY:
        return
    try:
        with write_or_skip():
            DocumentBuild.objects.filter(pk=build.pk).update(used_at=now)
    except WriteLockTaken:
        pass


def build_lost(build: DocumentBuild) -> None:
    """A ready build whose file the store no longer has: failed, so that its page says to try
    again (the download page then builds it afresh from its HTML)."""
    DocumentBuild.objects.filter(pk=build.pk, status=Status.READY).update(
        status=Status.FAILED, problem=FILE_GONE
    )
    build.refresh_from_db()


def build_run(*, pk: int, render: Callable[[DocumentBuild], bytes]) -> str:
    """The task: make the file of build `pk` with `render(build)` and store it;
    the status it ended in ("" if another task had it already). A failure is kept with its
    reason, never raised: the person waiting reads what to do."""
    now = timezone.now()
    if not DocumentBuild.objects.filter(pk=pk, status=Status.QUEUED).update(
        status=Status.BUILDING, started_at=now
    ):
        return ""
    build = DocumentBuild.objects.get(pk=pk)
    try:
        body = render(build)
        build.file.save(f"{build.key}.{build.fmt}", ContentFile(body), save=False)
    except Exception as error:  # any failure is the person's to read, and logged
        logger.exception("Document build %s failed", build.pk)
        DocumentBuild.objects.filter(pk=pk, status=Status.BUILDING).update(
            status=Status.FAILED,
            problem=f"{type(error).__name__}: {error}"[:PROBLEM_CHARACTERS],
            finished_at=timezone.now(),
        )
        return Status.FAILED
    DocumentBuild.objects.filter(pk=pk).update(
        status=Status.READY, file=build.file.name, size=len(body), html="", payload=b"",
        finished_at=timezone.now(), used_at=timezone.now(),
    )  # fmt: skip
    return Status.READY


# ------------------------------------------------------------------------ The asker's pages


def request_of(*, user, token) -> DocumentRequest | None:
    """The wait `token` if it is `user`'s; None for anyone else (who is answered 404)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return DocumentRequest.objects.select_related("build").filter(token=token, user=user).first()


def ahead_of(build: DocumentBuild) -> int:
    """How many builds were queued before this one and wait still: its place in the queue."""
    if build.status != Status.QUEUED:
        return 0
    return DocumentBuild.objects.filter(status=Status.QUEUED, queued_at__lt=build.queued_at).count()


def progress_of(row: DocumentRequest) -> dict:
    """How the build stands, in words, for the page and its script."""
    build = row.build
    ahead = ahead_of(build)
    if build.status == Status.QUEUED:
        said = BUILD_WAITING
        if ahead:
            said += f" ({BUILD_AHEAD.format(ahead=ahead, s='' if ahead == 1 else 's')})"
    elif build.status == Status.BUILDING:
        said = BUILD_MAKING
    elif build.status == Status.READY:
        said = BUILD_READY
    else:
        said = BUILD_FAILED
    return {
        "status": build.status,
        "said": said,
        "ahead": ahead,
        "finished": build.status in (Status.READY, Status.FAILED),
    }


def being_prepared_response(request, row: DocumentRequest, *, status: int = 200):
    """The page of a document being prepared, ready or failed (core/document_build.html)."""
    return render(
        request,
        "core/document_build.html",
        {
            "row": row,
            "build": row.build,
            "progress": progress_of(row),
            "failed_what_to_do": BUILD_FAILED_WHAT_TO_DO.format(reference=row.token),
        },
        status=status,
    )


# -------------------------------------------------------------------------------- Clean-up


def builds_clean(*, days: int | None = None) -> int:
    """Remove the builds nobody has downloaded for `days` (DOCUMENT_BUILDS_KEPT_DAYS), their
    files and the waits for them; how many builds went. A removed build is simply made again
    the next time someone asks."""
    kept = settings.DOCUMENT_BUILDS_KEPT_DAYS if days is None else days
    before = timezone.now() - timedelta(days=kept)
    old = DocumentBuild.objects.filter(used_at__lt=before).exclude(
        status__in=(Status.QUEUED, Status.BUILDING)
    )
    removed = 0
    for build in old.iterator():
        if build.file:
            try:
                build.file.delete(save=False)
            except OSError:  # already gone: the row goes all the same
                logger.warning("Could not delete the file of document build %s", build.pk)
        build.delete()
        removed += 1
    return removed


def builds_clean_task() -> str:
    """The daily job (ecm.core.apps schedules it)."""
    return f"{builds_clean()} document builds removed"
