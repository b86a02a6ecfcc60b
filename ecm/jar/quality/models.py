"""Complaints about a joint area review and its quality assurance (issue 24 §2; 003: the
arrangements comprise "quality assurance of reviews" and "procedures for handling complaints
about the inspection"). 003 names the two procedures and gives no steps nor timescales: the
statuses below are the project's (ecm.jar.quality.workflow), the timescales its settings."""

from django.conf import settings
from django.db import models

from ecm.jar.quality.workflow import OUTCOMES, ComplaintStatus


class Complaint(models.Model):
    """A council's complaint about its review: who made it, what it is about, when it came."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.PROTECT, related_name="complaints"
    )
    complainant = models.CharField(max_length=200)  # who, in their own words: name and role
    about = models.TextField()
    received_on = models.DateField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ComplaintStatus.values),
                name="jar_complaint_known_status",
            ),
            # A decided complaint carries the response the council is sent.
            models.CheckConstraint(
                condition=~models.Q(status__in=list(OUTCOMES)) | ~models.Q(response=""),
                name="jar_complaint_decided_has_response",
            ),
        ]

    def __str__(self) -> str:
        return f"Complaint of {self.received_on:%-d %B %Y} about {self.review}"


class QualityOutcome(models.TextChoices):
    """The reader's conclusion (the project's words: 003 gives none)."""

    MEETS = "meets", "The review meets the arrangements"
    MEETS_WITH_POINTS = "meets_with_points", "The review meets them, with points to act on"
    DOES_NOT_MEET = "does_not_meet", "The review does not meet them"


class QualityAssurance(models.Model):
    """A reader's quality assurance of a review: a reader who was not on its team records each
    check and an outcome."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.PROTECT, related_name="quality_assurances"
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checks = models.JSONField(default=dict)  # check code -> "met" / "not_met", see rules
    notes = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=QualityOutcome.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=QualityOutcome.values),
                name="jar_quality_known_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"Quality assurance of {self.review}"
