"""The enhanced youth inspection of a joint area review (issue 9 §5; 001 "Enhanced Youth
Inspection"; DOMAIN.md §4): the youth service's self-assessment, its list of activity in the
first fieldwork week, the inspectors' block of 16 to 20 observed sessions, and the separate
youth report with grades, strengths, weaknesses and recommendations for development."""

from django.conf import settings
from django.db import models

# The Local Services Inspectorate Forum's four points (000 §12; DOMAIN.md §2), worded as the
# framework's bundled scale "lsif_four_point" words them (ecm/framework/library; a test keeps
# the two the same). The youth part needs them before any framework version is loaded.
GRADE_CHOICES = [
    (4, "A service that delivers well above minimum requirements for users"),
    (3, "A service that consistently delivers above minimum requirements for users"),
    (2, "A service that delivers only minimum requirements for users"),
    (1, "A service that does not deliver minimum requirements for users"),
]
GRADE_LABELS = dict(GRADE_CHOICES)

# 001: "grading performance on achievement, curriculum and resources and management".
AREAS = (
    ("achievement", "Achievement", "The standards of young people's achievement"),
    ("curriculum", "Curriculum and resources", "The youth work curriculum and its resources"),
    ("management", "Management", "The leadership and management of the youth service"),
)
AREA_CODES = tuple(code for code, _, _ in AREAS)
AREA_LABELS = {code: label for code, label, _ in AREAS}

# The five outcomes (DOMAIN.md §2, 003), by the framework's codes.
OUTCOMES = (
    ("being_healthy", "Being healthy"),
    ("staying_safe", "Staying safe"),
    ("enjoying_achieving", "Enjoying and achieving"),
    ("positive_contribution", "Making a positive contribution"),
    ("economic_wellbeing", "Achieving economic well-being"),
)
OUTCOME_CODES = tuple(code for code, _ in OUTCOMES)
OUTCOME_LABELS = dict(OUTCOMES)

# 001: "extend from a block of 8 to 10 youth work sessions to a block of 16 to 20 observations".
FEWEST_OBSERVATIONS = 16
MOST_OBSERVATIONS = 20


def _grade(**kwargs):
    return models.PositiveSmallIntegerField(choices=GRADE_CHOICES, **kwargs)


def _grades_on_scale(prefix: str, fields, nullable: bool) -> models.CheckConstraint:
    condition = models.Q()
    for field in fields:
        on_scale = models.Q(**{f"{field}__gte": 1, f"{field}__lte": 4})
        condition &= on_scale | models.Q(**{f"{field}__isnull": True}) if nullable else on_scale
    return models.CheckConstraint(condition=condition, name=f"{prefix}_grades_on_scale")


GRADE_FIELDS = tuple(f"{code}_grade" for code in AREA_CODES)
# 001: "providing an evaluative commentary on contributions to the five outcomes and grading
# performance for each area": the self-assessment also grades each outcome.
OUTCOME_GRADE_FIELDS = tuple(f"{code}_grade" for code in OUTCOME_CODES)


class YouthSelfAssessment(models.Model):
    """The youth service's self-assessment (001: "grading performance on achievement,
    curriculum and resources and management, as well as providing an evaluative commentary on
    contributions to the five outcomes"), written by the council and submitted once."""

    review = models.OneToOneField(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="youth_self_assessment"
    )
    achievement_grade = _grade(null=True, blank=True)
    achievement_commentary = models.TextField(blank=True)
    curriculum_grade = _grade(null=True, blank=True)
    curriculum_commentary = models.TextField(blank=True)
    management_grade = _grade(null=True, blank=True)
    management_commentary = models.TextField(blank=True)
    being_healthy = models.TextField(blank=True)
    staying_safe = models.TextField(blank=True)
    enjoying_achieving = models.TextField(blank=True)
    positive_contribution = models.TextField(blank=True)
    economic_wellbeing = models.TextField(blank=True)
    being_healthy_grade = _grade(null=True, blank=True)
    staying_safe_grade = _grade(null=True, blank=True)
    enjoying_achieving_grade = _grade(null=True, blank=True)
    positive_contribution_grade = _grade(null=True, blank=True)
    economic_wellbeing_grade = _grade(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            _grades_on_scale("jar_youth_sa", GRADE_FIELDS, nullable=True),
            _grades_on_scale("jar_youth_sa_outcome", OUTCOME_GRADE_FIELDS, nullable=True),
        ]

    def __str__(self) -> str:
        return f"Youth service self-assessment for the {self.review}"


class YouthActivity(models.Model):
    """One session of youth service activity in the first fieldwork week (001: "all the youth
    service activity taking place during the first fieldwork week, highlighting areas of work
    which are considered to be representative of good practice; and/or which links to the five
    outcomes")."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="youth_activities"
    )
    day = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200)
    what = models.CharField(max_length=500)
    outcomes = models.JSONField(default=list, blank=True)  # codes of OUTCOMES
    good_practice = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="jar_youth_activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.what} at {self.venue}, {self.day:%A %-d %B} {self.starts_at:%H:%M}"

    def outcome_labels(self) -> list[str]:
        return [OUTCOME_LABELS[c] for c in OUTCOME_CODES if c in self.outcomes]


class YouthObservation(models.Model):
    """One youth work session an inspector observed, graded on the three areas (001: "a block
    of 16 to 20 observations")."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="youth_observations"
    )
    activity = models.ForeignKey(
        YouthActivity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
    )
    session = models.CharField(max_length=300, blank=True)
    observed_on = models.DateField()
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    achievement_grade = _grade()
    achievement_notes = models.TextField(blank=True)
    curriculum_grade = _grade()
    curriculum_notes = models.TextField(blank=True)
    management_grade = _grade()
    management_notes = models.TextField(blank=True)
    young_people_present = models.PositiveSmallIntegerField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["observed_on", "pk"]
        constraints = [_grades_on_scale("jar_youth_obs", GRADE_FIELDS, nullable=False)]

    def __str__(self) -> str:
        what = self.activity.what if self.activity else self.session
        return f"{what} ({self.observed_on:%-d %B %Y})"


class YouthReport(models.Model):
    """The separate youth inspection report (001: "giving grades, strengths, weaknesses and
    recommendations for development"), written by the team and finalised once."""

    review = models.OneToOneField(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="youth_report"
    )
    achievement_grade = _grade(null=True, blank=True)
    curriculum_grade = _grade(null=True, blank=True)
    management_grade = _grade(null=True, blank=True)
    strengths = models.TextField(blank=True)
    weaknesses = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [_grades_on_scale("jar_youth_report", GRADE_FIELDS, nullable=True)]

    def __str__(self) -> str:
        return f"Youth inspection report of the {self.review}"
