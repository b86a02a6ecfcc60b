"""Models of the CAA's unannounced inspections of contact, referral and assessment arrangements
(issue 10 §3; 004 "Annual, unannounced inspection of local authority contact, assessment and
referral centres"; DOMAIN.md §5). Annual from 1 April 2009, not scored: the letter to the
Director of Children's Services says whether the inspection raised no concerns, some concerns
or serious concerns. Refer to councils as "authorities.Council"."""

from datetime import date

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from ecm.accounts.inspectorates import inspectorate_named
from ecm.caa.unannounced.framework import CURRENT, inspection_year_label
from ecm.caa.unannounced.site_days import DaysOnSite

STARTS_ON = date(2009, 4, 1)  # 004: "These will take place from 1st April 2009"
FIRST_INSPECTION_YEAR = 2009


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Letter sent"


class Outcome(models.TextChoices):
    # 004's three outcomes; their wording is in library/unannounced-2009.yaml.
    NO_CONCERNS = "no_concerns", "No concerns"
    SOME_CONCERNS = "some_concerns", "Some concerns"
    SERIOUS_CONCERNS = "serious_concerns", "Serious concerns"


class UnannouncedInspection(DaysOnSite, models.Model):
    """One unannounced inspection of a council's contact, referral and assessment arrangements:
    the visit, the nine aspects' evaluations (AspectEvaluation), the outcome and the letter.
    At most one per council per inspection year (April to March). Once the letter is sent the
    council reads it, and nothing here changes."""

    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="unannounced_inspections"
    )
    version = models.CharField(max_length=10, default=CURRENT)  # library/unannounced-<v>.yaml
    inspection_year = models.PositiveSmallIntegerField(
        help_text="The April the inspection year starts in, from the first day on site"
    )
    lead_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The lead inspector's inspectorate as their account gave it when recorded (issue 24 §3):
    # an account may later move (CSCI's staff joined Ofsted in 2009), the inspection does not.
    lead_inspectorate = models.CharField(max_length=30, blank=True, default="")
    # The days actually on site (issue 24 §1; 004 "not usually ... more than two days"), as
    # ISO dates in order: a Friday and a Monday are two days. First and last are kept beside
    # them for the year, the order of the pages and the letter's "not before the last day".
    site_days = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    first_day = models.DateField()
    last_day = models.DateField()
    exceptional = models.BooleanField(
        default=False, help_text="On site for longer than usual, in exceptional circumstances"
    )
    exceptional_reason = models.TextField(blank=True)
    centres_count = models.PositiveSmallIntegerField(
        help_text="The council's contact, referral and assessment centres"
    )
    centres_visited = models.JSONField(default=list, help_text="The names of the centres visited")
    case_files = models.PositiveIntegerField(default=0, help_text="Case files scrutinised")
    staff_spoken = models.PositiveIntegerField(default=0, help_text="Staff and managers spoken to")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    director_name = models.CharField(max_length=200, blank=True)
    lead_member_name = models.CharField(max_length=200, blank=True)
    lscb_chair_name = models.CharField(max_length=200, blank=True)
    chief_executive_name = models.CharField(max_length=200, blank=True)
    letter_body = models.TextField(blank=True)
    status = models.CharField(
        max_length=8, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    sent_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
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
        ordering = ["council__name", "-first_day"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "inspection_year"], name="caa_unannounced_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(first_day__gte=STARTS_ON), name="caa_unannounced_from_april_2009"
            ),
            models.CheckConstraint(
                condition=Q(inspection_year__gte=FIRST_INSPECTION_YEAR),
                name="caa_unannounced_year_from_2009",
            ),
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="caa_unannounced_days_in_order",
            ),
            models.CheckConstraint(
                condition=(Q(exceptional=True) & ~Q(exceptional_reason=""))
                | (Q(exceptional=False) & Q(exceptional_reason="")),
                name="caa_unannounced_exceptional_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=Outcome.values),
                name="caa_unannounced_known_outcome",
            ),
            models.CheckConstraint(
                condition=(Q(status="sent") & Q(sent_on__isnull=False) & ~Q(outcome=""))
                | (Q(status="draft") & Q(sent_on__isnull=True)),
                name="caa_unannounced_sent_has_date_and_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Unannounced inspection {self.year_label}: {self.council}"

    @property
    def year_label(self) -> str:
        return inspection_year_label(self.inspection_year)

    @property
    def lead_inspectorate_name(self) -> str:
        body = inspectorate_named(self.lead_inspectorate)
        return body.name if body else ""

    @property
    def is_sent(self) -> bool:
        return self.status == InspectionStatus.SENT


class AspectEvaluation(models.Model):
    """The inspectors' evaluation of one of 004's nine aspects, in words (the inspection is not
    scored). A blank finding is an aspect not yet evaluated."""

    inspection = models.ForeignKey(
        UnannouncedInspection, on_delete=models.PROTECT, related_name="evaluations"
    )
    aspect = models.CharField(max_length=40)  # a code of library/unannounced-<v>.yaml
    finding = models.TextField(blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evaluated_at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "aspect"], name="caa_unannounced_one_evaluation_per_aspect"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: {self.aspect}"
