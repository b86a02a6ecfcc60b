"""The JAR's judgements and report (issue 9 §6; 003; 001; DOMAIN.md §2, §4): the report moves
through its stages (ecm.jar.report.workflow), and the council sees a grade only once it is
published (the same rule as the APA letter, 002 §A)."""

from django.db import models

from ecm.jar.report.workflow import ReportStage


class JarReport(models.Model):
    """The review's report, from the team's draft to publication."""

    review = models.OneToOneField(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="report"
    )
    stage = models.CharField(
        max_length=20, choices=ReportStage.choices, default=ReportStage.DRAFTING
    )
    published_on = models.DateField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Report of the {self.review}"
