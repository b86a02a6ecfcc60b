"""The assessment framework as loaded data (DOMAIN.md §2, §7, §8).

Nothing here is written by hand: `manage.py load_framework PATH` reads a versioned library file
(ecm/framework/library/*.yaml), validates it and stores it as one FrameworkVersion with its
outcomes, key judgements, grade scales and judgement sets. URNs are stable across versions: the
same key judgement keeps its URN when new wording is loaded, so evidence can follow it.
"""

from django.db import models


class Regime(models.TextChoices):
    APA = "apa", "Annual performance assessment"
    JAR = "jar", "Joint area review"
    ANNUAL_RATING = "annual_rating", "Annual rating"
    SAFEGUARDING_LAC = "safeguarding_lac", "Safeguarding and looked after children inspection"
    UNANNOUNCED = "unannounced", "Unannounced inspection of contact, referral and assessment"


class FrameworkVersion(models.Model):
    urn = models.CharField(max_length=200, unique=True)
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    effective_from = models.DateField(null=True, blank=True)
    source_name = models.CharField(max_length=300, help_text="The library file it was loaded from.")
    source_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class AreaKind(models.TextChoices):
    OUTCOME = "outcome", "Every Child Matters outcome"
    SERVICE_MANAGEMENT = "service_management", "Service management"
    CAPACITY_TO_IMPROVE = "capacity_to_improve", "Capacity to improve"


class Outcome(models.Model):
    """One of the five outcomes, or service management, or capacity to improve."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="outcomes")
    urn = models.CharField(max_length=200)
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=AreaKind.choices)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "urn"], name="outcome_urn_unique"),
            models.UniqueConstraint(fields=["version", "code"], name="outcome_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class KeyJudgement(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="key_judgements")
    urn = models.CharField(max_length=200)
    code = models.CharField(max_length=20, help_text="Its number within the outcome, e.g. 2.3")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    topics = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["outcome", "order"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "urn"], name="key_judgement_urn_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class GradeScale(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="grade_scales"
    )
    urn = models.CharField(max_length=200)
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "urn"], name="grade_scale_urn_unique"),
            models.UniqueConstraint(fields=["version", "code"], name="grade_scale_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Grade(models.Model):
    scale = models.ForeignKey(GradeScale, on_delete=models.CASCADE, related_name="grades")
    value = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200, help_text="Short wording, e.g. 'Good'.")
    wording = models.CharField(
        max_length=300, blank=True, help_text="Words a letter uses in place of the number."
    )
    descriptor = models.TextField(blank=True)

    class Meta:
        ordering = ["scale", "-value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="grade_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"


class JudgementSet(models.Model):
    """The graded judgements one regime makes in given years (e.g. APA 2006: three)."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="judgement_sets"
    )
    urn = models.CharField(max_length=200)
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=300)
    regime = models.CharField(max_length=30, choices=Regime.choices)
    years = models.JSONField(default=list, help_text="The assessment years this set is used for.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "regime", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "urn"], name="judgement_set_urn_unique"),
            models.UniqueConstraint(fields=["version", "code"], name="judgement_set_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Judgement(models.Model):
    judgement_set = models.ForeignKey(
        JudgementSet, on_delete=models.CASCADE, related_name="judgements"
    )
    urn = models.CharField(max_length=200)
    code = models.SlugField(max_length=80)
    title = models.CharField(max_length=300)
    scale = models.ForeignKey(GradeScale, on_delete=models.PROTECT, related_name="+")
    outcome = models.ForeignKey(
        Outcome, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["judgement_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["judgement_set", "urn"], name="judgement_urn_unique"),
        ]

    def __str__(self) -> str:
        return self.title
