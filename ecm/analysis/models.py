"""The analysis stage (002 §B-§F): the information pack, the evidence notebook's entries and
their evidence, hypotheses, and the judgements of Steps 2-4.

Notebook content is never edited in place (issue 5 §7): what an entry or a judgement says lives
in `Revision` rows, which are only ever added. An entry, summary or judgement row is the
identity of the thing and a pointer to its current revision; the revision number is also the
optimistic lock a form carries, so a save made from a stale page is refused.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ecm.analysis.pack import (
    PACK_TYPES,
    BriefingSource,
    CycleSource,
    PackCategory,
    SupportingType,
)
from ecm.core.uploads.text_task import PROBLEM_CHARACTERS, TextStatus


class PackItem(models.Model):
    """A briefing (002 §C.i), a reference or supporting document (002 §C.ii), or an input the
    round's cycle names (001 "APA": considered with the CYPP review) in a council's
    information pack, kept with its source, its date and whether the council has seen it."""

    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.PROTECT, related_name="pack_items"
    )
    category = models.CharField(max_length=10, choices=PackCategory.choices)
    # A BriefingSource, a SupportingType or a CycleSource, as its category says.
    source_type = models.CharField(max_length=30)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=200, help_text="Who provided it")
    dated = models.DateField(help_text="The date the document bears")
    shared_with_council = models.BooleanField(default=False)
    file = models.FileField(upload_to="information-pack/%Y/")
    file_name = models.CharField(max_length=255)
    content_kind = models.CharField(max_length=4)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # Its text is read for search by a task (issue 21 §1); until READY a search cannot find it,
    # and a FAILED item stays in the pack (the handbook needs the document) with why.
    text_status = models.CharField(
        max_length=7, choices=TextStatus.choices, default=TextStatus.READY
    )
    text_problem = models.CharField(max_length=PROBLEM_CHARACTERS, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "category", "source_type", "-dated", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(category="briefing", source_type__in=BriefingSource.values)
                    | Q(category="supporting", source_type__in=SupportingType.values)
                    | Q(category="cycle", source_type__in=CycleSource.values)
                ),
                name="pack_item_type_fits_category",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def source_type_label(self) -> str:
        kinds = PACK_TYPES.get(self.category, SupportingType)
        return dict(kinds.choices).get(self.source_type, self.source_type)


class PackText(models.Model):
    """The searchable text of the pack, one row per page of a document or per answer of the
    self-assessment, so that a search result names its page (ecm.analysis.search)."""

    assessment = models.ForeignKey("apa.Assessment", on_delete=models.CASCADE, related_name="+")
    origin = models.CharField(max_length=20)  # pack_item, self_assessment, sa_document
    origin_id = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    location = models.CharField(max_length=200, blank=True)  # "page 3", "Part D: Staying safe"
    body = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["assessment", "origin"], name="pack_text_origin")]

    def __str__(self) -> str:
        return f"{self.title} {self.location}".strip()


class ChecklistTick(models.Model):
    """One ticked item of the pre-analysis checklist (002 §B 2); unticking deletes it and the
    audit trail keeps both."""

    assessment = models.ForeignKey("apa.Assessment", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=40)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ticked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="checklist_tick_once")
        ]

    def __str__(self) -> str:
        return self.code


class Revision(models.Model):
    """One state of an entry, a summary or a judgement, with who made it, when and why. Rows
    are only added (the model refuses updates and deletes)."""

    assessment = models.ForeignKey("apa.Assessment", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=30)  # entry, area_summary, overall_summary, summative
    subject_id = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    content = models.JSONField()
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revised_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["subject", "subject_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "subject_id", "number"], name="revision_number_once"
            )
        ]
        indexes = [models.Index(fields=["assessment", "subject"], name="revision_subject")]

    def __str__(self) -> str:
        return f"{self.subject} {self.subject_id} revision {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A revision is never changed: add a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A revision is never deleted")


class EntryKind(models.TextChoices):
    """What a Step 1 finding is (002 §F step 1: findings, gaps or inconsistencies)."""

    STRENGTH = "strength", "Strength"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
    GAP = "gap", "Gap in evidence"
    INCONSISTENCY = "inconsistency", "Inconsistency in evidence"


class Entry(models.Model):
    """A Step 1 entry of the evidence notebook, for one outcome. Private to its author until
    shared (002 §D: day 1 apart, days 2-3 together)."""

    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.PROTECT, related_name="notebook_entries"
    )
    outcome = models.ForeignKey("framework.Outcome", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    origin = models.CharField(max_length=300, blank=True)  # e.g. the data flag it started from
    current = models.ForeignKey(Revision, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["assessment", "outcome__order", "created_at", "pk"]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"Entry {self.pk}"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


class EvidenceKind(models.TextChoices):
    INDICATOR = "indicator", "An indicator"
    DOCUMENT = "document", "A document and page"
    SELF_ASSESSMENT = "self_assessment", "A part of the self-assessment"
    BRIEFING = "briefing", "A briefing"


class Evidence(models.Model):
    """One piece of evidence behind an entry. An indicator's figures are frozen as the
    inspector saw them. Never deleted: a withdrawn piece keeps who withdrew it and why."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    indicator = models.ForeignKey(
        "performance.Indicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    figures = models.JSONField(default=dict, blank=True)
    pack_item = models.ForeignKey(
        PackItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sa_document = models.ForeignKey(
        "self_assessment.EvidenceDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    page = models.CharField(max_length=40, blank=True)
    sa_version = models.ForeignKey(
        "self_assessment.Version", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sa_part = models.CharField(max_length=200, blank=True)  # a template part's URN
    note = models.TextField(blank=True, help_text="What this evidence shows")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["entry", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="indicator", indicator__isnull=False)
                    | Q(kind="document", pack_item__isnull=False, sa_document__isnull=True)
                    | Q(kind="document", pack_item__isnull=True, sa_document__isnull=False)
                    | (Q(kind="self_assessment", sa_version__isnull=False) & ~Q(sa_part=""))
                    | Q(kind="briefing", pack_item__isnull=False)
                ),
                name="evidence_names_its_source",
            )
        ]

    def __str__(self) -> str:
        return f"Evidence {self.pk}"


class HypothesisSource(models.TextChoices):
    DATA = "data", "The data"
    BRIEFING = "briefing", "A briefing"
    SELF_ASSESSMENT = "self_assessment", "The self-assessment"


class HypothesisStatus(models.TextChoices):
    OPEN = "open", "Open"
    SUPPORTED = "supported", "Supported"
    NOT_SUPPORTED = "not_supported", "Not supported"
    JAR_FIELDWORK = "jar_fieldwork", "For JAR fieldwork"


class Hypothesis(models.Model):
    """An emerging hypothesis (002 §D), tested as evidence arrives; its trail is its events."""

    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.PROTECT, related_name="hypotheses"
    )
    outcome = models.ForeignKey(
        "framework.Outcome", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField()
    raised_from = models.CharField(max_length=20, choices=HypothesisSource.choices)
    status = models.CharField(
        max_length=20, choices=HypothesisStatus.choices, default=HypothesisStatus.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assessment", "raised_at", "pk"]
        verbose_name_plural = "hypotheses"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=HypothesisStatus.values), name="hypothesis_known_status"
            )
        ]

    def __str__(self) -> str:
        return self.statement[:80]


class HypothesisEvent(models.Model):
    """One step of a hypothesis's trail: raised, or tested against evidence with its result."""

    hypothesis = models.ForeignKey(Hypothesis, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=20, choices=HypothesisStatus.choices)
    note = models.TextField()
    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hypothesis", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.note[:60]}"


class AreaSummary(models.Model):
    """Step 2: the summary sheet of one outcome or service management (002 §F step 2)."""

    assessment = models.ForeignKey("apa.Assessment", on_delete=models.PROTECT, related_name="+")
    outcome = models.ForeignKey("framework.Outcome", on_delete=models.PROTECT, related_name="+")
    current = models.ForeignKey(Revision, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "outcome"], name="area_summary_once")
        ]

    def __str__(self) -> str:
        return f"Step 2: {self.outcome}"


class OverallSummary(models.Model):
    """Step 3: the overall summary with indicative grades (002 §F step 3)."""

    assessment = models.OneToOneField("apa.Assessment", on_delete=models.PROTECT, related_name="+")
    current = models.ForeignKey(Revision, null=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return "Step 3: overall summary"


class SummativeJudgement(models.Model):
    """Step 4: one judgement of the round's judgement set, agreed by both inspectors."""

    assessment = models.ForeignKey("apa.Assessment", on_delete=models.PROTECT, related_name="+")
    judgement = models.ForeignKey("framework.Judgement", on_delete=models.PROTECT, related_name="+")
    current = models.ForeignKey(Revision, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "judgement"], name="summative_once")
        ]

    def __str__(self) -> str:
        return f"Step 4: {self.judgement}"


class Signature(models.Model):
    """An inspector's agreement to the Step 4 judgements as they stand. Any later change to
    them clears every signature (issue 5 §5); a cleared signature is kept, with why."""

    assessment = models.ForeignKey("apa.Assessment", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(auto_now_add=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "signed_by"],
                condition=Q(cleared_at__isnull=True),
                name="signature_once_while_standing",
            )
        ]

    def __str__(self) -> str:
        return f"Signed by {self.signed_by}"


class DaysActivity(models.TextChoices):
    """What an inspector's day for a council is given to: the six days of 002 §A, "3 days for
    analysis; 1 day for meeting the authority; 1 day for moderation activities; and 1 day for
    writing the feedback letter"."""

    ANALYSIS = "analysis", "Analysis"
    MEETING = "meeting", "Meeting the authority"
    MODERATION = "moderation", "Moderation activities"
    LETTER = "letter", "Writing the feedback letter"


class InspectorDay(models.Model):
    """Time one inspector gave, or plans to give, to one council's APA on one date (002 §A:
    "Six days are allocated to the process"). A date still to come is a plan; once passed it
    is time given. Part of a day is a fraction: 002 §I spreads the letter "across a number of
    days" within "one day of your time"."""

    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.PROTECT, related_name="inspector_days"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    activity = models.CharField(max_length=20, choices=DaysActivity.choices)
    on = models.DateField()
    days = models.DecimalField(max_digits=3, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "inspector", "activity", "on"], name="inspector_day_once"
            ),
            models.CheckConstraint(
                condition=Q(days__gt=0, days__lte=1), name="inspector_day_at_most_one"
            ),
            models.CheckConstraint(
                condition=Q(activity__in=DaysActivity.values), name="inspector_day_activity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days} day {self.get_activity_display()} on {self.on}"
