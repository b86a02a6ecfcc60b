"""The council's self-assessment (000; DOMAIN.md "The self-assessment"): versions that are
frozen when submitted, answers keyed by the template's field URNs, citations of evidence.

Nothing here is deleted or overwritten once submitted: a reopened self-assessment continues in
a new version, and the submitted one stays as it was read (000 §16, 002 §C.iv).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

# Where reading a document's text has got to: one status for every upload whose text is
# searched (issue 21 §1), imported for the field below and the app's other modules.
from ecm.core.uploads.text_task import TextStatus


class SelfAssessment(models.Model):
    """One per assessment; it follows the template of the assessment's regime and year."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="self_assessment"
    )
    template_urn = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Self-assessment of {self.assessment.council} ({self.assessment.round})"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    REOPENED = "reopened", "Reopened"  # submitted, then reopened: kept as it was submitted


class Version(models.Model):
    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=VersionStatus.choices, default="draft")
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    started_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_late = models.BooleanField(default=False)
    declaration = models.TextField(blank=True)

    class Meta:
        ordering = ["self_assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "number"], name="sa_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["self_assessment"],
                condition=Q(status="draft"),
                name="sa_one_draft_at_a_time",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="sa_submitted_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.get_status_display().lower()})"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Answer(models.Model):
    """What the council wrote in one field of the template (text, contacts, grades or
    priorities). `lock_version` refuses a save made from a stale page (no silent overwrite)."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="answers")
    field_urn = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    items = models.JSONField(default=dict, blank=True)
    lock_version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "field_urn"], name="sa_one_answer_per_field")
        ]

    def __str__(self) -> str:
        return self.field_urn

    @property
    def has_content(self) -> bool:
        return bool(self.text.strip() or any(self.items.values()))


class PartProgress(models.Model):
    """Whether the council says a part is completed (GOV.UK task list)."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="progress")
    part_urn = models.CharField(max_length=200)
    completed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "part_urn"], name="sa_one_progress_per_part")
        ]

    def __str__(self) -> str:
        return f"{self.part_urn}: {'completed' if self.completed else 'in progress'}"


class PartnerContribution(models.Model):
    """Before a JAR the council expands its self-assessment with partners (000 §16)."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="contributions")
    organisation = models.CharField(max_length=200)
    text = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Contribution from {self.organisation}"


class DocumentKind(models.TextChoices):
    CYPP = "cypp", "Children and Young People's Plan"
    OTHER = "other", "Other supporting document"


class EvidenceDocument(models.Model):
    """An uploaded document the self-assessment cites; its text is kept for search."""

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=5, choices=DocumentKind.choices)
    file = models.FileField(upload_to="self-assessment/%Y/")
    file_name = models.CharField(max_length=255)
    content_kind = models.CharField(max_length=4)  # pdf, docx, odt: found from the content
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_status = models.CharField(
        max_length=7, choices=TextStatus.choices, default=TextStatus.READY
    )
    text_problem = models.CharField(max_length=300, blank=True)  # why it could not be read
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class CitationKind(models.TextChoices):
    DOCUMENT = "document", "A document"
    INDICATOR = "indicator", "An indicator from the council's profile"
    INSPECTION = "inspection", "An earlier inspection"


class Citation(models.Model):
    """The evidence a statement rests on (000 §11: cross-referenced to evidence). An indicator's
    figures are kept as they stood when cited, so a later revision does not change the claim."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="citations")
    kind = models.CharField(max_length=10, choices=CitationKind.choices)
    document = models.ForeignKey(
        EvidenceDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(max_length=100, blank=True, help_text="Page or section")
    indicator = models.ForeignKey(
        "performance.Indicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    figures = models.JSONField(default=dict, blank=True)
    inspection = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="document", document__isnull=False)
                    | Q(kind="indicator", indicator__isnull=False)
                    | (Q(kind="inspection") & ~Q(inspection=""))
                ),
                name="sa_citation_names_its_evidence",
            )
        ]

    def __str__(self) -> str:
        if self.kind == CitationKind.DOCUMENT:
            where = f", {self.location}" if self.location else ""
            return f"{self.document}{where}"
        if self.kind == CitationKind.INDICATOR:
            period = self.figures.get("period", "")
            return f"{self.indicator} ({period})" if period else str(self.indicator)
        return self.inspection


class OtherInspection(models.TextChoices):
    """The inspections 000 §7 names, whose teams a self-assessment is made available to."""

    CORPORATE_ASSESSMENT = "corporate", "Corporate assessment"
    YOUTH_OFFENDING_TEAM = "yot", "Inspection of the youth offending team"
    OTHER = "other", "Another inspection"


class Sharing(models.Model):
    """A record that the self-assessment was made available to another inspection's team.

    000 §7: "When a JAR is conducted at the same time as another inspection, in particular,
    corporate assessment or the inspection of the youth offending team, the self-assessments
    will be made available to all inspection teams and may be cross-referenced." A council
    officer records with whom, which version and when; the record is audited and never edited.
    """

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.PROTECT, related_name="sharings"
    )
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="+")
    inspection = models.CharField(max_length=10, choices=OtherInspection.choices)
    inspection_name = models.CharField(max_length=200, blank=True)  # for another inspection
    shared_on = models.DateField()
    note = models.TextField(blank=True)  # e.g. what it is cross-referenced with
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["self_assessment", "-shared_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(inspection="other") | ~Q(inspection_name=""),
                name="sa_sharing_names_another_inspection",
            )
        ]

    def __str__(self) -> str:
        return f"Made available to the {self.inspection_title} on {self.shared_on:%-d %B %Y}"

    @property
    def inspection_title(self) -> str:
        """The inspection as a sentence names it: "corporate assessment" or its given name."""
        if self.inspection == OtherInspection.OTHER:
            return self.inspection_name
        return self.get_inspection_display()[0].lower() + self.get_inspection_display()[1:]
