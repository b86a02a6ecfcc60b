"""Models of the CAA's profile part (issue 10). Refer to councils as "authorities.Council".

A council's performance profile is kept quarter by quarter (004: "reviewed quarterly"): each
refresh freezes the figures of the moment into one ProfileQuarter and its ProfileEntry rows,
so a later quarter's refresh never changes an earlier one (the history of each quarter kept).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ecm.caa.profile.judgements import Judgement
from ecm.caa.profile.library import OUTCOMES
from ecm.caa.profile.quarters import QUARTER_PATTERN, quarter_parse


class ProfileQuarter(models.Model):
    """One council's profile for one quarter of the financial (inspection) year, from April:
    "2009-Q1" is April to June 2009 (ecm.caa.profile.quarters)."""

    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="profile_quarters"
    )
    quarter = models.CharField(max_length=7, help_text='For example "2009-Q2".')
    refreshed_at = models.DateTimeField()
    refreshed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system refreshed it.",
    )
    library = models.CharField(
        max_length=100, help_text="The profile file's URN and version the quarter was made to."
    )

    class Meta:
        ordering = ["council", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["council", "quarter"], name="caa_profile_one_quarter"),
            models.CheckConstraint(
                condition=Q(quarter__regex=QUARTER_PATTERN), name="caa_profile_quarter_label"
            ),
        ]

    def __str__(self) -> str:
        return f"Performance profile of {self.council_id}, {self.quarter}"

    @property
    def months(self) -> str:
        parsed = quarter_parse(self.quarter)
        return parsed.months if parsed else ""


class ProfileEntry(models.Model):
    """One National Indicator of a quarter's profile, its figures as they stood at the refresh:
    the council's value, England's, its region's (the geographical neighbours) and its
    statistical neighbours' average, and the judgement against England."""

    quarter = models.ForeignKey(ProfileQuarter, on_delete=models.PROTECT, related_name="entries")
    ni = models.PositiveSmallIntegerField("NI number")
    title = models.CharField(max_length=300)
    outcome = models.CharField(max_length=30, choices=OUTCOMES)
    indicator_code = models.CharField(
        max_length=80, blank=True, help_text="The ecm.performance indicator; empty: no data yet."
    )
    period = models.CharField(max_length=40, blank=True)
    value = models.FloatField(null=True, blank=True)
    england = models.FloatField(null=True, blank=True)
    region = models.FloatField(null=True, blank=True)
    neighbours_mean = models.FloatField(null=True, blank=True)
    polarity = models.CharField(max_length=4, blank=True)
    value_type = models.CharField(max_length=10, blank=True)
    decimal_places = models.PositiveSmallIntegerField(default=1)
    judgement = models.CharField(max_length=8, choices=Judgement.choices)

    class Meta:
        ordering = ["quarter", "ni"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "ni"], name="caa_profile_entry_one_ni"),
            models.CheckConstraint(
                condition=Q(judgement__in=Judgement.values), name="caa_profile_entry_judgement"
            ),
            models.CheckConstraint(
                condition=Q(decimal_places__lte=6), name="caa_profile_entry_decimal_places"
            ),
        ]

    def __str__(self) -> str:
        return f"NI {self.ni} in {self.quarter_id}"

    @property
    def label(self) -> str:
        return f"NI {self.ni}"

    def shown(self, number: float | None) -> str:
        """A figure as the indicator publishes it (its decimal places, % for a percentage)."""
        if number is None:
            return ""
        text = f"{number:,.{self.decimal_places}f}"
        return text + ("%" if self.value_type == "percentage" else "")

    @property
    def value_shown(self) -> str:
        return self.shown(self.value)

    @property
    def england_shown(self) -> str:
        return self.shown(self.england)

    @property
    def region_shown(self) -> str:
        return self.shown(self.region)

    @property
    def neighbours_shown(self) -> str:
        return self.shown(self.neighbours_mean)
