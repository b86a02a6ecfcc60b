"""Rounds and assessments (002 §A, §B; DOMAIN.md §3)."""

from django.conf import settings
from django.db import models

from ecm.apa.cycles import DEFAULT_CYCLE, cycle_of
from ecm.apa.workflow import AssessmentStatus
from ecm.framework.models import Regime


class AssessmentRound(models.Model):
    """One year's round of one regime (e.g. APA 2007), on one framework version."""

    regime = models.CharField(max_length=30, choices=Regime.choices, default=Regime.APA)
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    framework_version = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="rounds"
    )
    # The round's cycle (issue 23 §1; ecm.apa.cycles, decision 0042): the handbook's of 2005-06
    # or the 2007 briefing's, whose dates, submission and discussion with the council it follows.
    cycle = models.CharField(max_length=40, default=DEFAULT_CYCLE)
    # Key dates of the round (002 §A timeline); defaults come from the cycle (ecm.apa.key_dates).
    # In the 2007 cycle "self_assessment_due" is the CYPP review's date, the analysis window the
    # data review and "meeting_by" the end of the single conversation's window.
    self_assessment_due = models.DateField()
    analysis_starts = models.DateField()
    analysis_ends = models.DateField()
    meeting_by = models.DateField()
    # The first day of the discussion's window, where the cycle gives one (the 2007 briefing:
    # the single conversation "in September or October").
    meeting_from = models.DateField(null=True, blank=True)
    final_letter_by = models.DateField()
    representation_intention_by = models.DateField()
    representation_submission_by = models.DateField()
    representation_outcomes_by = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "regime"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "year"], name="round_regime_year_unique"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2005) & models.Q(year__lte=2100),
                name="round_year_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(analysis_ends__gte=models.F("analysis_starts")),
                name="round_analysis_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def the_cycle(self):
        """The round's cycle as data (ecm.apa.cycles.Cycle)."""
        return cycle_of(self.cycle)


class Assessment(models.Model):
    """The assessment of one council in one round."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.PROTECT, related_name="assessments")
    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        max_length=30, choices=AssessmentStatus.choices, default=AssessmentStatus.SETTING_UP
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic lock: every change checks and bumps it, so two people never overwrite
    # each other silently (quality bar: "Concurrent edits never silently overwrite").
    lock_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "council__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "council"], name="assessment_one_per_round"),
            models.CheckConstraint(
                condition=models.Q(status__in=AssessmentStatus.values),
                name="assessment_known_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round.title}: {self.council.name}"


class AssignmentRole(models.TextChoices):
    HMI = "hmi", "Ofsted inspector (HMI)"
    BRM = "brm", "CSCI business relationship manager"
    MANAGEMENT_READER = "management_reader", "Ofsted management reader"
    CSCI_MANAGER = "csci_manager", "CSCI manager"


INSPECTOR_ASSIGNMENTS = [AssignmentRole.HMI, AssignmentRole.BRM]


class Assignment(models.Model):
    """A person's part in one assessment. The HMI and the BRM co-own it; one is the Lead."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(max_length=30, choices=AssignmentRole.choices)
    is_lead = models.BooleanField(default=False)
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "role"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "role"], name="assignment_one_per_role"),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(is_lead=True),
                name="assignment_one_lead",
            ),
            models.CheckConstraint(
                condition=models.Q(is_lead=False) | models.Q(role__in=INSPECTOR_ASSIGNMENTS),
                name="assignment_lead_is_hmi_or_brm",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=AssignmentRole.values), name="assignment_known_role"
            ),
        ]

    def __str__(self) -> str:
        lead = " (Lead)" if self.is_lead else ""
        return f"{self.user} — {self.get_role_display()}{lead}"
