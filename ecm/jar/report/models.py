"""The JAR's judgements and report (issue 9 §6; 003; 001; DOMAIN.md §2, §4).

The team records evidence as it goes (cases tracked, documents, meetings, questionnaires,
observations) and grades each judgement of the framework's set for the review's year on that
evidence: no grade stands without it. The report moves through its stages
(ecm.jar.report.workflow); the council sees a grade only once it is published (002 §A's rule,
applied to the review). Afterwards the council writes its action plan with partners, and a
significant concern can bring a follow-up inspection (003)."""

from django.conf import settings
from django.db import models

from ecm.jar.report.workflow import ReportStage


class EvidenceSource(models.TextChoices):
    CASE = "case", "Case tracking"
    DOCUMENT = "document", "Document"
    MEETING = "meeting", "Meeting with children, families, staff or partners"
    QUESTIONNAIRE = "questionnaire", "Questionnaire"
    OBSERVATION = "observation", "Observation"
    DATA = "data", "Performance data"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"


class JarEvidence(models.Model):
    """One finding of the team with where it came from, so that another inspector can follow
    it. A case is named by its pseudonymous reference, never a name."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="evidence"
    )
    line_of_enquiry = models.ForeignKey(
        "jar.LineOfEnquiry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=20, choices=EvidenceSource.choices)
    reference = models.CharField(max_length=200)
    finding = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.reference}"


class JarJudgement(models.Model):
    """A graded judgement of the review's set (003's twelve; from 2007 001's five)."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="judgements"
    )
    judgement = models.ForeignKey("framework.Judgement", on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    evidence = models.ManyToManyField(JarEvidence, related_name="judgements")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["judgement__order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "judgement"], name="jar_judgement_once")
        ]

    def __str__(self) -> str:
        return f"{self.judgement}: {self.grade}"


class JarReport(models.Model):
    """The review's report, from the team's draft to publication and the action plan."""

    review = models.OneToOneField(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="report"
    )
    stage = models.CharField(
        max_length=20, choices=ReportStage.choices, default=ReportStage.DRAFTING
    )
    summary = models.TextField(blank=True)
    # One recommendation a line; the action plan answers each.
    recommendations = models.TextField(blank=True)
    discussed_on = models.DateField(null=True, blank=True)
    # The council may say it will not ask for a review, so that the report need not wait for
    # the end of the 10 working days.
    no_review_on = models.DateField(null=True, blank=True)
    review_requested_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    action_plan_submitted_on = models.DateField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Report of the {self.review}"

    @property
    def recommendation_list(self) -> list[str]:
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]


class ReportComment(models.Model):
    """A written comment of the council on the draft report (001: 10 working days to make
    written comments), and the team's answer."""

    report = models.ForeignKey(JarReport, on_delete=models.CASCADE, related_name="comments")
    about = models.CharField(max_length=200)
    comment = models.TextField()
    received_on = models.DateField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted = models.BooleanField(null=True)
    response = models.TextField(blank=True)
    # When the answer is "the report changes": which part of the report changed ("summary",
    # "recommendations" or a judgement's code), its words before, and its words now.
    changed_part = models.CharField(max_length=60, blank=True)
    changed_from = models.TextField(blank=True)
    changed_to = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Comment on {self.about}"


class ActionPlanItem(models.Model):
    """What the council and its partners will do about one recommendation (003)."""

    report = models.ForeignKey(JarReport, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.TextField()
    action = models.TextField()
    partners = models.CharField(max_length=300)
    lead = models.CharField(max_length=200)
    by_when = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.action[:80]


class FollowUp(models.Model):
    """A follow-up inspection brought by a significant concern (003)."""

    review = models.OneToOneField(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="follow_up"
    )
    concern = models.TextField()
    by_when = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Follow-up of the {self.review}"
