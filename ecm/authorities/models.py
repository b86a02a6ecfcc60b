"""English councils with children's services, their regions and their neighbours (DOMAIN.md §1).

A council is identified by its three-digit LA number (DfE) and its ONS code. Codes change when
councils are reorganised; the old council is kept, ended, and linked to its successors so that
history (earlier assessments, indicator series) still has a home.
"""

from django.db import models


class Region(models.Model):
    """A government office region of England (ONS E12 code)."""

    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CouncilType(models.TextChoices):
    SHIRE_COUNTY = "SC", "Shire county"
    METROPOLITAN_DISTRICT = "MD", "Metropolitan district"
    UNITARY_AUTHORITY = "UA", "Unitary authority"
    INNER_LONDON_BOROUGH = "ILB", "Inner London borough"
    OUTER_LONDON_BOROUGH = "OLB", "Outer London borough"


class Council(models.Model):
    """A council with children's services responsibilities."""

    la_number = models.CharField("LA number", max_length=3, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=150)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")
    council_type = models.CharField(max_length=3, choices=CouncilType.choices)
    established_on = models.DateField(null=True, blank=True)
    abolished_on = models.DateField(
        null=True, blank=True, help_text="Set when the council was abolished or its code retired."
    )
    is_demo = models.BooleanField(
        default=False, help_text="A made-up council of the demo, such as Sharpston."
    )
    predecessors = models.ManyToManyField(
        "self",
        through="CouncilSuccession",
        through_fields=("successor", "predecessor"),
        symmetrical=False,
        related_name="successors",
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(la_number__regex=r"^[0-9]{3}$"),
                name="council_la_number_3_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(council_type__in=CouncilType.values), name="council_known_type"
            ),
            models.CheckConstraint(
                condition=models.Q(abolished_on__isnull=True)
                | models.Q(established_on__isnull=True)
                | models.Q(abolished_on__gt=models.F("established_on")),
                name="council_abolished_after_established",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CouncilSuccession(models.Model):
    """The predecessor's responsibilities passed (wholly or in part) to the successor."""

    predecessor = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    successor = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField()

    class Meta:
        ordering = ["effective_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="council_succession_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="council_succession_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_on:%Y-%m-%d})"


class CouncilCode(models.Model):
    """An ONS code the council used before a change of status (e.g. Buckinghamshire's county code
    E10000002 until it became a unitary authority, E06000060, on 1 April 2020).

    Kept so that data keyed on the old code still finds the council. A code is never both a
    current and a former code: the loader (services.councils_load) refuses that.
    """

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="former_codes")
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    valid_until = models.DateField(
        help_text="The day the code was replaced; it was in use up to the day before."
    )

    class Meta:
        ordering = ["council", "valid_until"]
        verbose_name = "former ONS code"

    def __str__(self) -> str:
        return f"{self.ons_code} ({self.council}, until {self.valid_until:%Y-%m-%d})"


class StatisticalNeighbourModel(models.Model):
    """A published DfE model of statistical neighbours (e.g. April 2021, 2025), or one computed
    from context data, or the demo's, made up.

    Which one the comparisons use is a rule on data (decision 0040; selectors.
    neighbour_model_in_use): the model an administrator chose (`in_use`), else the newest real
    one; an invented model only while the demo runs (DEMO_MODE). `compared` marks the model
    the stored comparisons were actually made with, which the profile names.
    """

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    published_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now=True)
    is_invented = models.BooleanField(
        default=False,
        help_text="Made up (the demo's): never used for real data unless the demo is running.",
    )
    in_use = models.BooleanField(
        default=False, help_text="Chosen by an administrator for every council's comparisons."
    )
    compared = models.BooleanField(
        default=False, help_text="The stored comparisons were made with this model."
    )

    class Meta:
        ordering = ["-published_on", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["in_use"], condition=models.Q(in_use=True), name="sn_model_one_in_use"
            ),
            models.UniqueConstraint(
                fields=["compared"],
                condition=models.Q(compared=True),
                name="sn_model_one_compared",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Closeness(models.TextChoices):
    """DfE's closeness bands, nearest first."""

    EXTREMELY_CLOSE = "extremely_close", "Extremely close"
    VERY_CLOSE = "very_close", "Very close"
    CLOSE = "close", "Close"
    SOMEWHAT_CLOSE = "somewhat_close", "Somewhat close"
    NOT_CLOSE = "not_close", "Not close"


class StatisticalNeighbour(models.Model):
    """One of a council's (normally ten) statistical neighbours in one model, by rank."""

    model = models.ForeignKey(
        StatisticalNeighbourModel, on_delete=models.CASCADE, related_name="neighbours"
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    neighbour = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=20, choices=Closeness.choices)

    class Meta:
        ordering = ["model", "council", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["model", "council", "rank"], name="sn_rank_unique"),
            models.UniqueConstraint(
                fields=["model", "council", "neighbour"], name="sn_neighbour_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(council=models.F("neighbour")), name="sn_not_self"
            ),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="sn_rank_positive"),
            models.CheckConstraint(
                condition=models.Q(closeness__in=Closeness.values), name="sn_known_closeness"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} #{self.rank}: {self.neighbour} ({self.get_closeness_display()})"
