"""Representations against a final APA judgement and the panels that decide them (002 §J;
DOMAIN.md §3 "Representation panels"; ADR 0022)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Organisation(models.TextChoices):
    CSCI = "csci", "CSCI"
    OFSTED = "ofsted", "Ofsted"
    INDEPENDENT = "independent", "External independent person"


class PanelMember(models.Model):
    """A person who may sit on representation panels: their organisation and whether they are a
    manager, which 002 §J's panel mixes need. User has no organisation, so it is kept here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_member"
    )
    organisation = models.CharField(max_length=20, choices=Organisation.choices)
    is_manager = models.BooleanField(default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "user__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__in=Organisation.values),
                name="panel_member_known_organisation",
            )
        ]

    def __str__(self) -> str:
        manager = " manager" if self.is_manager else ""
        return f"{self.user} ({self.get_organisation_display()}{manager})"


class RepresentedJudgement(models.TextChoices):
    """The three judgements a council may represent against (002 §J)."""

    SOCIAL_CARE = "social_care", "Social care for children and young people"
    EDUCATION = "education", "Education"
    CHILDREN_SERVICES = "children_services", "Children's services"


class RepresentationKind(models.TextChoices):
    REPRESENTATION = "representation", "Representation by the council"
    # 002 §J "Review of the children's services judgement in the light of amended education
    # and social care judgements": opened by the system, never by the council.
    REVIEW = "review", "Joint-panel review of the children's services judgement"


class RepresentationStatus(models.TextChoices):
    INTENDED = "intended", "Intention stated"
    SUBMITTED = "submitted", "Submitted"
    DECIDED = "decided", "Decided"


class Representation(models.Model):
    """A council's representation against one final judgement, or the joint-panel review a
    changed single-service judgement opens; its panel's decision and justification."""

    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.PROTECT, related_name="representations"
    )
    kind = models.CharField(
        max_length=20, choices=RepresentationKind.choices, default=RepresentationKind.REPRESENTATION
    )
    judgement = models.CharField(max_length=30, choices=RepresentedJudgement.choices)
    # The framework judgement it concerns (the round's judgement set), and its title then.
    judgement_urn = models.CharField(max_length=200)
    judgement_title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=20, choices=RepresentationStatus.choices, default=RepresentationStatus.INTENDED
    )
    triggered_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    intention_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    intention_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(null=True, blank=True)
    # The inspectors' response to the representation, which the panel reads before deciding
    # (the handbook, section J: "in the light of the recorded evidence and any response from
    # the relevant Regional Director and BRM" / "from HMI" / "from HMI or BRM").
    response = models.TextField(blank=True)
    response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response_on = models.DateField(null=True, blank=True)
    # The decision (002 §J: "The justification for these decisions will be recorded").
    upheld = models.BooleanField(null=True)
    grade_before = models.PositiveSmallIntegerField(null=True, blank=True)
    grade_after = models.PositiveSmallIntegerField(null=True, blank=True)
    justification = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(judgement__in=RepresentedJudgement.values),
                name="representation_known_judgement",
            ),
            models.CheckConstraint(
                condition=Q(kind=RepresentationKind.REPRESENTATION)
                | Q(judgement=RepresentedJudgement.CHILDREN_SERVICES, triggered_by__isnull=False),
                name="representation_review_is_of_children_services",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_judgement_display()} ({self.assessment})"


class GroundKind(models.TextChoices):
    """The only grounds 002 §J allows: "perceived inaccuracies in the evidence used or the
    significance afforded to the evidence"."""

    INACCURATE_EVIDENCE = "inaccurate_evidence", "An inaccuracy in the evidence used"
    SIGNIFICANCE = "significance", "The significance afforded to the evidence"


class Ground(models.Model):
    """One ground of a representation, tied to what it disputes: a notebook entry or item of
    evidence, or a paragraph of the published final letter. There is no file: a representation
    "is not the opportunity for the council to enter new evidence" (002 §J)."""

    representation = models.ForeignKey(
        Representation, on_delete=models.CASCADE, related_name="grounds"
    )
    kind = models.CharField(max_length=30, choices=GroundKind.choices)
    statement = models.TextField()
    entry = models.ForeignKey(
        "analysis.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.ForeignKey(
        "analysis.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rendition_number = models.PositiveIntegerField(null=True, blank=True)
    section = models.CharField(max_length=60, blank=True)
    paragraph = models.PositiveIntegerField(null=True, blank=True)
    # What was disputed, as it read then (the entry's finding or the paragraph's text).
    disputed_text = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["representation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=GroundKind.values), name="ground_known_kind"
            ),
            models.CheckConstraint(
                condition=(
                    Q(entry__isnull=False, paragraph__isnull=True)
                    | Q(evidence__isnull=False, paragraph__isnull=True)
                    | Q(
                        entry__isnull=True,
                        evidence__isnull=True,
                        paragraph__isnull=False,
                        rendition_number__isnull=False,
                    )
                ),
                name="ground_tied_to_what_it_disputes",
            ),
        ]

    def __str__(self) -> str:
        return f"Ground of {self.representation}: {self.get_kind_display()}"


class PanelSeat(models.Model):
    """A member's place on the panel of one representation (or review)."""

    representation = models.ForeignKey(
        Representation, on_delete=models.CASCADE, related_name="seats"
    )
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="seats")
    seated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    seated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["representation", "member__organisation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["representation", "member"], name="seat_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.representation}"


class RatingChange(models.Model):
    """A final rating changed by a representation or review, recorded for the Audit
    Commission so CPA ratings can be reviewed (002 §J). Rows are only added."""

    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.PROTECT, related_name="rating_changes"
    )
    representation = models.ForeignKey(
        Representation, on_delete=models.PROTECT, related_name="rating_changes"
    )
    judgement_urn = models.CharField(max_length=200)
    judgement_title = models.CharField(max_length=300)
    grade_before = models.PositiveSmallIntegerField()
    grade_after = models.PositiveSmallIntegerField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(grade_before=models.F("grade_after")),
                name="rating_change_changes_the_grade",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judgement_title}: {self.grade_before} → {self.grade_after}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A rating change is never changed: record a new one")
        super().save(*args, **kwargs)
