"""The Joint Area Review (issue 9; 001, 003; DOMAIN.md §4): the review of an area, its team
from the inspectorates, its lines of enquiry, and the case files the council lists by
pseudonymous reference, ten of them tracked. No model holds a child's or family's name."""

from django.conf import settings
from django.db import models

from ecm.jar.cases import CATEGORY_LABELS


class Inspectorate(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    CSCI = "csci", "Commission for Social Care Inspection"
    HEALTHCARE = "healthcare_commission", "Healthcare Commission"
    AUDIT = "audit_commission", "Audit Commission"
    HMIC = "hmic", "HMI Constabulary"


class JointAreaReview(models.Model):
    """One area's review, from notification to its report."""

    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="joint_area_reviews"
    )
    notified_on = models.DateField()
    setup_meeting = models.DateField()
    analysis_starts = models.DateField()
    fieldwork_starts = models.DateField()
    self_assessment_due = models.DateField(null=True, blank=True)
    draft_report_sent = models.DateField(null=True, blank=True)
    prepublication_sent = models.DateField(null=True, blank=True)
    # The latest APA that informs the review (001: "areas of weakness identified in the most
    # recent APA"), and its overall grade, which sets the number of additional lines.
    apa_assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    apa_grade = models.PositiveSmallIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-setup_meeting"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(setup_meeting__gt=models.F("notified_on"))
                & models.Q(analysis_starts__gt=models.F("setup_meeting"))
                & models.Q(fieldwork_starts__gt=models.F("analysis_starts")),
                name="jar_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"Joint area review of {self.council.name} ({self.setup_meeting:%B %Y})"


class TeamMember(models.Model):
    """An inspector of the review team (001: "led by Ofsted ... drawn from the Healthcare
    Commission, the Audit Commission and possibly HMI Constabulary")."""

    review = models.ForeignKey(JointAreaReview, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    inspectorate = models.CharField(max_length=30, choices=Inspectorate.choices)
    is_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_lead", "inspectorate", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["review"], condition=models.Q(is_lead=True), name="jar_one_lead"
            ),
            models.CheckConstraint(
                condition=models.Q(is_lead=False) | models.Q(inspectorate="ofsted"),
                name="jar_lead_is_ofsted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_inspectorate_display()})"


class LineKind(models.TextChoices):
    CORE = "core", "Core line of enquiry"
    ADDITIONAL = "additional", "Additional line of enquiry"


class LineOrigin(models.TextChoices):
    """Where a line of enquiry came from (001: "Areas of weakness identified in the most recent
    APA"; the APA notebook's hypotheses marked "For JAR fieldwork", 002 §D)."""

    CORE = "core", "Every review (the 2007 briefing on the APA and JAR)"
    APA_WEAKNESS = "apa_weakness", "An area of weakness in the most recent APA"
    HYPOTHESIS = "hypothesis", "A hypothesis of the APA notebook marked for JAR fieldwork"
    TEAM = "team", "The team's own"


class LineOfEnquiry(models.Model):
    review = models.ForeignKey(
        JointAreaReview, on_delete=models.CASCADE, related_name="lines_of_enquiry"
    )
    code = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=LineKind.choices)
    reason = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Issue 24 §2: where the line came from, and the APA finding or hypothesis carried in (so
    # one is carried once and the review page can say which).
    origin = models.CharField(max_length=20, choices=LineOrigin.choices, default=LineOrigin.TEAM)
    apa_entry = models.ForeignKey(
        "analysis.Entry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hypothesis = models.ForeignKey(
        "analysis.Hypothesis", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="jar_line_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


CATEGORY_CHOICES = list(CATEGORY_LABELS.items())


class CaseFile(models.Model):
    """One case file the council lists, by its pseudonymous reference only."""

    review = models.ForeignKey(JointAreaReview, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(max_length=40)
    category = models.CharField(max_length=20, choices=CATEGORY_CHOICES)
    tracked = models.BooleanField(default=False)
    tracked_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["category", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["review", "reference"], name="jar_case_unique"),
            models.CheckConstraint(
                condition=models.Q(category__in=list(CATEGORY_LABELS)), name="jar_case_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_category_display()})"


class CaseDraw(models.Model):
    """The seed of the draw, so that it can be repeated and checked."""

    review = models.OneToOneField(JointAreaReview, on_delete=models.CASCADE, related_name="draw")
    seed = models.CharField(max_length=40)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Draw {self.seed}"


class ContactKind(models.TextChoices):
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    CHILD = "child", "Child or young person"


class CaseContact(models.Model):
    """A parent, carer or child of a tracked case, by their part only (no name), with the
    information leaflet and consent form sent and the consent returned (001: "send/deliver
    information leaflets and consent forms ... to ensure that inspectors can look at health
    files")."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    number = models.PositiveSmallIntegerField(default=1)  # "Parent 2"
    leaflet_sent_on = models.DateField(null=True, blank=True)
    consent_sent_on = models.DateField(null=True, blank=True)
    consent_returned_on = models.DateField(null=True, blank=True)
    consent_given = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["case", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "number"], name="jar_contact_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Questionnaire(models.Model):
    """An agency's questionnaire on a tracked case (001: "the lead professional and at least
    three other agency questionnaires are completed and returned within three weeks")."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="questionnaires")
    agency = models.CharField(max_length=200)
    lead_professional = models.BooleanField(default=False)
    sent_on = models.DateField()
    due_on = models.DateField()
    returned_on = models.DateField(null=True, blank=True)
    chased_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case", "-lead_professional", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(lead_professional=True),
                name="jar_one_lead_professional",
            )
        ]

    def __str__(self) -> str:
        return self.agency


# The review's parts keep their models in their own packages (issue 9 §3-§6); importing them
# here registers them with the "jar" app. They refer to the review by "jar.JointAreaReview".
from ecm.jar.documents import models as _documents  # noqa: E402, F401
from ecm.jar.fieldwork import models as _fieldwork  # noqa: E402, F401
from ecm.jar.quality import models as _quality  # noqa: E402, F401
from ecm.jar.report import models as _report  # noqa: E402, F401
from ecm.jar.voluntary import models as _voluntary  # noqa: E402, F401
from ecm.jar.youth import models as _youth  # noqa: E402, F401
