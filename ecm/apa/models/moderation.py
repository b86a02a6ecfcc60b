"""Moderation: day 5 (002 §H, Appendix A; DOMAIN.md §3)."""

from django.conf import settings
from django.db import models


class ModerationDraw(models.Model):
    """A round's proposal of whom to moderate: about half its councils (002 §H), those with
    signs of risk first, then a random draw from `seed` so anyone can repeat it."""

    round = models.OneToOneField(
        "apa.AssessmentRound", on_delete=models.PROTECT, related_name="moderation_draw"
    )
    seed = models.CharField(max_length=40)
    target = models.PositiveSmallIntegerField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Moderation draw of {self.round} (seed {self.seed})"


class ModerationBasis(models.TextChoices):
    RISK = "risk", "Signs of risk"
    DRAW = "draw", "Random draw"
    ADMINISTRATOR = "administrator", "The administrator's choice"


class ModerationDay(models.Model):
    """A moderation day: seven to ten councils, in small groups (002 §H)."""

    round = models.ForeignKey(
        "apa.AssessmentRound", on_delete=models.PROTECT, related_name="moderation_days"
    )
    date = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "date", "pk"]

    def __str__(self) -> str:
        return f"Moderation day {self.date.day} {self.date:%B %Y}"


class ModerationGroup(models.Model):
    """A small group working on a few councils' assessments (002 §H)."""

    day = models.ForeignKey(ModerationDay, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=60)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["day", "name"]
        constraints = [
            models.UniqueConstraint(fields=["day", "name"], name="moderation_group_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ModerationSelection(models.Model):
    """Whether an assessment is moderated, why, and where it is discussed."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="moderation"
    )
    selected = models.BooleanField(default=False)
    basis = models.CharField(max_length=20, choices=ModerationBasis.choices)
    # The signs of risk found when it was drawn: [{"code": ..., "text": ...}].
    signals = models.JSONField(default=list, blank=True)
    draw_order = models.PositiveIntegerField(null=True, blank=True)
    # The administrator's reason for adding or removing it (issue 6 §4).
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)
    group = models.ForeignKey(
        ModerationGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="selections",
    )

    class Meta:
        ordering = ["assessment__council__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selected=True) | models.Q(group__isnull=True),
                name="moderation_only_selected_in_groups",
            ),
        ]

    def __str__(self) -> str:
        state = "selected" if self.selected else "not selected"
        return f"{self.assessment}: {state} for moderation"


class ModerationForm(models.Model):
    """Appendix A: council, BRM, inspector, reasons for selecting, areas of concern; submitted
    with the notebook's Steps 2-4 (002 §H)."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="moderation_form"
    )
    reasons = models.TextField(blank=True)
    concerns = models.JSONField(default=list, blank=True)
    # The Steps 2-4 revisions that went with it: {"area_summary": [..], "overall_summary":
    # id, "summative": [..]}, so the day discusses exactly what was submitted.
    steps = models.JSONField(default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Moderation Form: {self.assessment}"


class ModerationDecision(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CHANGED = "changed", "Changed"


class ModerationOutcome(models.Model):
    """What the day decided for a council: confirmed, or changed with the reason; written back
    into Step 2 of the notebook (issue 6 §5)."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="moderation_outcome"
    )
    decision = models.CharField(max_length=10, choices=ModerationDecision.choices)
    # [{"judgement": urn, "title": ..., "from": 3, "to": 2}] when changed.
    changes = models.JSONField(default=list, blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Moderation outcome: {self.assessment} ({self.get_decision_display()})"
