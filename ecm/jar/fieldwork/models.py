"""The JAR's fieldwork (issue 24 §2; 001 "Case tracking", "Enhanced Youth Inspection"; DOMAIN.md
§4): the plan of visits and meetings across the two fieldwork weeks, each tied to a line of
enquiry and/or a tracked case, and the meetings inspectors hold with the people of a tracked
case, recorded by their part (never by name). Registered with the "jar" app by ecm.jar.models."""

from django.conf import settings
from django.db import models

from ecm.jar.fieldwork.plan import KIND_LABELS, ROLE_LABELS

KIND_CHOICES = list(KIND_LABELS.items())


class PlannedActivity(models.Model):
    """One visit or meeting of the fieldwork plan (001: "the majority of visits will be in week
    one, with week two being used for joint meetings with JAR inspectors or to follow up lines
    of enquiry"). A planned activity is withdrawn with a reason, never deleted."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="planned_activities"
    )
    day = models.DateField()
    week = models.PositiveSmallIntegerField()  # 1 or 2, from the day when it was planned
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    what = models.CharField(max_length=300)
    line = models.ForeignKey(
        "jar.LineOfEnquiry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_activities",
    )
    case = models.ForeignKey(
        "jar.CaseFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_activities",
    )
    inspector = models.ForeignKey(
        "jar.TeamMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(line__isnull=False) | models.Q(case__isnull=False),
                name="jar_planned_tied_to_line_or_case",
            ),
            models.CheckConstraint(
                condition=models.Q(week__in=[1, 2]), name="jar_planned_in_a_fieldwork_week"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=list(KIND_LABELS)), name="jar_planned_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.what} ({self.day:%A %-d %B %Y})"


class CaseMeeting(models.Model):
    """A meeting an inspector held with people of a tracked case (001: "During the casework
    inspectors will meet with some of the ten selected children and young people, their
    parents, children, as well as staff and first line managers involved"). Who was met is
    kept by their part only; the inspector's note is never shown to the council."""

    case = models.ForeignKey("jar.CaseFile", on_delete=models.PROTECT, related_name="meetings")
    met = models.JSONField(default=list)  # codes of ROLE_LABELS
    met_on = models.DateField()
    inspector = models.ForeignKey("jar.TeamMember", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["met_on", "pk"]

    def __str__(self) -> str:
        return f"Meeting on {self.met_on:%-d %B %Y} ({', '.join(self.met_labels()).lower()})"

    def met_labels(self) -> list[str]:
        return [label for code, label in ROLE_LABELS.items() if code in self.met]
