"""Models of the JAR's documents part (issue 9 §3): the documents requested of the council, the
CYPP and those 001 "Documents Evidence" names (with any the lead inspector adds), and the files
the council uploads against them. Refer to the review as "jar.JointAreaReview"."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class DocumentStatus(models.TextChoices):
    """A requested document's state, seen alike by the council and the inspectors."""

    RECEIVED = "received", "Received"
    NOT_HELD = "not_held", "Not held locally"
    MISSING = "missing", "Missing"


class RequestedDocument(models.Model):
    """One document on a review's checklist: from the list (its code and title in 001's words)
    or added by the lead inspector (extra). The council may say it is not held locally, with a
    reason; the lead inspector may accept what came."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.PROTECT, related_name="requested_documents"
    )
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    part_of = models.CharField(max_length=40, blank=True)
    position = models.PositiveIntegerField()
    list_urn = models.CharField(max_length=100, blank=True)  # the data file it came from
    extra = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    not_held_reason = models.TextField(blank=True)
    not_held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    not_held_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="jar_document_code_once"),
            models.CheckConstraint(condition=~Q(code=""), name="jar_document_has_code"),
            models.CheckConstraint(condition=~Q(title=""), name="jar_document_has_title"),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentUpload(models.Model):
    """A file the council uploaded against a requested document, checked by its content."""

    document = models.ForeignKey(
        RequestedDocument, on_delete=models.PROTECT, related_name="uploads"
    )
    file = models.FileField(upload_to="jar/documents/%Y/")
    file_name = models.CharField(max_length=255)
    content_kind = models.CharField(max_length=4)  # pdf, docx, odt: found from the content
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.file_name
