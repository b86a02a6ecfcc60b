"""Models of the CAA's area assessment and its flags (issue 10 §5; 004 "Comprehensive Area
Assessment"; DOMAIN.md §5). The area assessment is not scored: it is a narrative on three
questions and four themes, with red flags (unlikely to deliver the improvement sought) and
green flags (exceptional performance or improvement). Flags and the organisational
assessments inform each other. No field here holds a number but the year: flags are not
scores. Refer to councils as "authorities.Council"."""

from django.conf import settings
from django.db import models
from django.db.models import Q

FIRST_YEAR = 2009  # 004: CAA was introduced in April 2009


class AreaStatus(models.TextChoices):
    DRAFTED = "drafted", "Drafted"
    PUBLISHED = "published", "Published"


class FlagColour(models.TextChoices):
    # 004: "red (unlikely to deliver the improvement sought) and green (exceptional
    # performance or improvement)"
    RED = "red", "Red flag"
    GREEN = "green", "Green flag"


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "The council"
    PCT = "pct", "Primary care trust"
    POLICE = "police", "Police"
    OTHER = "other", "Other partner"


class AreaAssessment(models.Model):
    """One year's area assessment of a children's trust area (the council's area)."""

    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="area_assessments"
    )
    year = models.PositiveSmallIntegerField()
    # The three questions' narratives, named by the codes of library/area-assessment-2009.yaml.
    priorities = models.TextField(blank=True)
    delivery = models.TextField(blank=True)
    delivery_variation = models.TextField(
        blank=True, help_text="Geographical variation and differences between groups (004)"
    )
    prospects = models.TextField(blank=True)
    # Question 1's sub-points (004, the bullets under "How well do local priorities express
    # community needs and aspirations?"): {sub-point code of the library file: narrative}.
    priorities_points = models.JSONField(default=dict, blank=True)
    # The four themes' notes, named by the same file's codes.
    sustainability_notes = models.TextField(blank=True)
    inequality_notes = models.TextField(blank=True)
    vulnerable_notes = models.TextField(blank=True)
    value_for_money_notes = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=AreaStatus.choices, default="drafted")
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="caa_area_one_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="caa_area_year_from_2009"
            ),
            models.CheckConstraint(
                condition=(Q(status="published") & Q(published_on__isnull=False))
                | (Q(status="drafted") & Q(published_on__isnull=True)),
                name="caa_area_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Area assessment {self.year}: {self.council}"

    @property
    def is_published(self) -> bool:
        return self.status == AreaStatus.PUBLISHED


class Flag(models.Model):
    """A red or green flag in an area assessment, about one organisation, on a question or a
    theme or both, with its reason. Withdrawn, never deleted."""

    area_assessment = models.ForeignKey(
        AreaAssessment, on_delete=models.PROTECT, related_name="flags"
    )
    colour = models.CharField(max_length=5, choices=FlagColour.choices)
    question = models.CharField(max_length=40, blank=True)
    theme = models.CharField(max_length=40, blank=True)
    organisation_kind = models.CharField(max_length=10, choices=OrganisationKind.choices)
    organisation_name = models.CharField(max_length=200)
    reason = models.TextField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(question="") | ~Q(theme=""), name="caa_flag_question_or_theme"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="caa_flag_has_reason"),
            models.CheckConstraint(
                condition=~Q(organisation_name=""), name="caa_flag_has_organisation"
            ),
            models.CheckConstraint(
                condition=(Q(withdrawn_at__isnull=True) & Q(withdrawal_reason=""))
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
                name="caa_flag_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_colour_display()}: {self.organisation_name}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_about_the_council(self) -> bool:
        return self.organisation_kind == OrganisationKind.COUNCIL


class OrganisationalAssessment(models.Model):
    """One organisation's assessment in an area for a year, reported alongside the area
    assessment (004: "A single report will be published"); when the organisation is the
    council, `council` is it. Its flags are the area assessment's flags about it."""

    area = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="organisational_assessments"
    )
    year = models.PositiveSmallIntegerField()
    organisation_kind = models.CharField(max_length=10, choices=OrganisationKind.choices)
    organisation_name = models.CharField(max_length=200)
    council = models.ForeignKey(
        "authorities.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_organisational_assessments",
    )
    narrative = models.TextField(blank=True)
    # 004: "A single report will be published that includes an overall score for each
    # organisation". The scale is not in 004: settings.CAA_ORGANISATIONAL_SCORES (ours).
    overall_score = models.PositiveSmallIntegerField(null=True, blank=True)
    # 004: "Each council organisational assessment will contain an explicit statement on the
    # performance of key council services. This will include Children and Young People's
    # Services": the council's only.
    services_statement = models.TextField(blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__name", "-year", "organisation_kind", "organisation_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "organisation_kind", "organisation_name"],
                name="caa_organisational_one_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["area", "year"],
                condition=Q(organisation_kind="council"),
                name="caa_organisational_one_council",
            ),
            models.CheckConstraint(
                condition=(Q(organisation_kind="council") & Q(council__isnull=False))
                | (~Q(organisation_kind="council") & Q(council__isnull=True)),
                name="caa_organisational_council_when_council",
            ),
            models.CheckConstraint(
                condition=~Q(organisation_name=""), name="caa_organisational_has_name"
            ),
            models.CheckConstraint(
                condition=Q(organisation_kind="council") | Q(services_statement=""),
                name="caa_organisational_statement_council_only",
            ),
        ]

    def __str__(self) -> str:
        return f"Organisational assessment {self.year}: {self.organisation_name}"

    @property
    def is_the_council(self) -> bool:
        return self.organisation_kind == OrganisationKind.COUNCIL
