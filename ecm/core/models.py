"""The core's tables: a form that made or sent something, claimed once (issue 20 §4); a
document built off the request and who waits for it (issue 25 §3)."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """One submission of a form that makes or sends something, by the token the form carried
    (ecm.core.once). The row is written first in the service's transaction, so a resubmitted or
    concurrent post of the same form finds it and answers with what was done, when and by whom,
    instead of doing it again (issue 20 §4: "a resubmitted or concurrent send or add makes one
    thing and one email"). A refused submission rolls its row back with it, so the form can be
    put right and sent again."""

    token = models.UUIDField(unique=True)
    # The service's verb, as the audit trail names it ("meeting.agenda_send").
    what = models.CharField(max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)
    # What was done, as a resubmission is told it ("Agenda 2 was already sent to ...").
    done = models.TextField(blank=True)
    # What it made, where it made one row.
    result_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-done_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.what} ({self.token})"


class DocumentBuild(models.Model):
    """A document made by the task queue (issue 25 §3: "PDFs and Word files
    longer than a page are built by the task queue with progress and a download when ready";
    decisions 0051 and 0054). One row per content: `key` is the SHA-256 of what the file is
    made from (the format, the renderer, the HTML; for a Word file, the HTML its PDF would be
    made from), so the same content is never built twice and content that changed has a new
    key ("the same files are cached until their content changes")."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"

    key = models.CharField(max_length=64, unique=True)
    fmt = models.CharField(max_length=8, default="pdf")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # What the file is made from, kept until it is made (the worker is another process): a
    # PDF's HTML and base URL; a Word file's builder and what it builds from, pickled and
    # signed (ecm.core.document_builds.payload_dumps; decision 0054).
    html = models.TextField(blank=True)
    base_url = models.CharField(max_length=500, blank=True)
    payload = models.BinaryField(blank=True, default=b"")
    # Through the default storage: object storage when configured, so every web server and
    # worker shares it (issue 25 §5); private, served only by ecm.core.document_views.
    file = models.FileField(upload_to="documents/", blank=True)
    size = models.PositiveIntegerField(default=0)
    # Why it failed, for the logs and the administrators (the user reads a plain message).
    problem = models.CharField(max_length=300, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last time it was served: the clean-up removes builds nobody has used for a while.
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["status", "queued_at"], name="core_docbuild_queue")]

    def __str__(self) -> str:
        return f"{self.fmt} {self.key[:12]} ({self.status})"


class DocumentRequest(models.Model):
    """One person's wait for a DocumentBuild: what to save it as, and who asked. Its address
    (`token`) serves the status and the file to that person only; anyone else, signed in or
    not, gets 404 (issue 25; quality bar: a refused object answers 404). The one who asked was
    allowed to read the document when they asked: the page that made this row checked it."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    build = models.ForeignKey(DocumentBuild, on_delete=models.CASCADE, related_name="requests")
    # A wait for a file is nothing without its person: it goes with them.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200)
    # The download page it was asked from: asking there again tries a failed build again.
    path = models.CharField(max_length=500, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.file_name} for {self.user_id}"
