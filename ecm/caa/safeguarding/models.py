"""Models of the full inspection of local area safeguarding and services for looked after
children (issue 10 §4; 004; DOMAIN.md §5): a council's inspection, notified with two weeks'
notice and the documents requested, at most five days on site, judged on the four-point scale
in two sections (safeguarding; services for looked after children), with recommendations, and
one report with both sections published within 20 working days of the inspection's end. The
schedule of the next inspection is computed (selectors.schedule_for), never stored. Refer to
councils as "authorities.Council"."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from ecm.caa.unannounced.site_days import DaysOnSite


class InspectionStatus(models.TextChoices):
    NOTIFIED = "notified", "Notified"
    ON_SITE = "on_site", "On site"
    JUDGED = "judged", "Judged"
    PUBLISHED = "published", "Report published"


class SectionCode(models.TextChoices):
    # 004: "A single report ... with separate sections and grades given for safeguarding and
    # looked after children".
    SAFEGUARDING = "safeguarding", "Safeguarding"
    LAC = "lac", "Services for looked after children"


class FullInspection(DaysOnSite, models.Model):
    """One full inspection of a council's area. Dates on site and the report's publication are
    checked by the services against the framework file (library/safeguarding-2009.yaml)."""

    FIRST_DAY_FIELD = "first_day_on_site"
    LAST_DAY_FIELD = "last_day_on_site"

    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="safeguarding_inspections"
    )
    framework_version = models.CharField(max_length=10, default="2009")
    status = models.CharField(
        max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.NOTIFIED
    )
    notified_on = models.DateField()
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The days on site, planned at notification and then as recorded (issue 24 §1; 004 "no
    # more than five days"), as ISO dates in order: Wednesday to the Tuesday after, over a
    # weekend, is five days. First and last are kept beside them for the notice, the schedule
    # and the report's deadline ("20 working days of the end of the inspection").
    site_days = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    first_day_on_site = models.DateField()
    last_day_on_site = models.DateField()
    visit_recorded = models.BooleanField(default=False)
    lead_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Each member's inspectorate, the lead's too, as their accounts gave it at notification
    # (issue 24 §3; 004: "inspectors from Ofsted and the new Care Quality Commission"):
    # {"<user pk>": "<inspectorate code>"}. An account may move later; the inspection does not.
    team_inspectorates = models.JSONField(default=dict, blank=True)
    # The codes of the documents requested at notification (004 "Before inspection").
    documents_requested = models.JSONField(default=list)
    documents_due_on = models.DateField()
    # The report's main findings, one per section (004 "Reporting").
    safeguarding_findings = models.TextField(blank=True)
    lac_findings = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    late_reason = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council__name", "-first_day_on_site"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day_on_site__gte=models.F("first_day_on_site")),
                name="caa_sg_on_site_in_order",
            ),
            models.CheckConstraint(
                condition=Q(first_day_on_site__gt=models.F("notified_on")),
                name="caa_sg_on_site_after_notice",
            ),
            models.CheckConstraint(
                condition=(Q(status="published") & Q(published_on__isnull=False))
                | (~Q(status="published") & Q(published_on__isnull=True)),
                name="caa_sg_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Full inspection of safeguarding and looked after children: {self.council}"

    @property
    def is_published(self) -> bool:
        return self.status == InspectionStatus.PUBLISHED

    def on_the_team(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return user.pk == self.lead_inspector_id or self.team.filter(pk=user.pk).exists()


class EvidenceRecord(models.Model):
    """One piece of the full inspection's evidence, recorded as the inspectors gather it (issue
    24 §3), which the judgements cite: its kind from 004's "Range of evidence to be used", the
    points of "Evaluating the quality of practice" it bears on, and whose views it records
    ("Views of service users and stakeholders": "Inspectors will always talk to children and
    young people who make use of these services"). Codes are those of the framework file
    (library/safeguarding-<year>.yaml). A survey's results are cited by the questionnaire's
    year (ecm.surveys, `survey`), whose results stay where they are."""

    inspection = models.ForeignKey(
        FullInspection, on_delete=models.PROTECT, related_name="evidence"
    )
    kind = models.CharField(max_length=30)
    practice_points = models.JSONField(default=list, blank=True)
    views_of = models.CharField(max_length=30, blank=True)
    summary = models.TextField()
    reference = models.CharField(max_length=200, blank=True)
    survey = models.PositiveIntegerField(
        null=True, blank=True, help_text="The questionnaire year cited (ecm.surveys' SurveyYear)"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(summary=""), name="caa_sg_evidence_summary"),
            models.CheckConstraint(condition=~Q(kind=""), name="caa_sg_evidence_kind"),
        ]

    def __str__(self) -> str:
        return f"Evidence {self.pk}: {self.summary[:60]}"


class InspectionJudgement(models.Model):
    """One judgement of a section on the four-point scale (4 outstanding ... 1 inadequate),
    with its rationale. Changed in place until the report is published; the audit keeps each
    change."""

    inspection = models.ForeignKey(
        FullInspection, on_delete=models.PROTECT, related_name="judgements"
    )
    section = models.CharField(max_length=12, choices=SectionCode.choices)
    code = models.CharField(max_length=40)
    grade = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    judged_at = models.DateTimeField()
    # The evidence the judgement rests on (issue 24 §3): records of the same inspection.
    evidence = models.ManyToManyField(EvidenceRecord, blank=True, related_name="judgements")

    class Meta:
        ordering = ["inspection", "section", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "section", "code"], name="caa_sg_judgement_once"
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=1, grade__lte=4), name="caa_sg_judgement_on_scale"
            ),
            models.CheckConstraint(condition=~Q(rationale=""), name="caa_sg_judgement_rationale"),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.code}"


class Recommendation(models.Model):
    """A recommendation for action in a section of the report (004: "recommendations for
    action will be included"), with within how long it is to be done."""

    inspection = models.ForeignKey(
        FullInspection, on_delete=models.PROTECT, related_name="recommendations"
    )
    section = models.CharField(max_length=12, choices=SectionCode.choices)
    text = models.TextField()
    timescale = models.CharField(max_length=20)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "section", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="caa_sg_recommendation_text"),
        ]

    def __str__(self) -> str:
        return f"Recommendation ({self.get_section_display()}): {self.text[:60]}"
