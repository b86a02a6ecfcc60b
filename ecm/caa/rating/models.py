"""The annual rating of a council's children's services (issue 10 §2; 004; DOMAIN.md §5, §7):
drafted by an inspector with the evidence it rests on and the inspectors' judgement of each
outcome, then made final by the programme administrator or a management reader. The limits in
force when it was saved are kept with it, so the record shows why the rating could go no
higher. The council sees it once it is final."""

from django.conf import settings
from django.db import models


class RatingStage(models.TextChoices):
    DRAFT = "draft", "Draft rating"
    FINAL = "final", "Final rating"


RATING_YEAR = 2009  # the first rating, autumn 2009 (004)


class AnnualRating(models.Model):
    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="annual_ratings"
    )
    year = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=5, choices=RatingStage.choices, default=RatingStage.DRAFT)
    # On the framework's annual_rating scale: 4 performs excellently ... 1 performs poorly.
    rating = models.PositiveSmallIntegerField()
    # The inspectors' judgement of each ECM outcome, 4 outstanding ... 1 inadequate.
    outcome_grades = models.JSONField(default=dict)
    rationale = models.TextField()
    # The limits that applied when last saved: [{"code", "cap", "why", "source", "url"}].
    limits = models.JSONField(default=list, blank=True)
    # The key areas in force when last saved (004: "a key area, e.g. Staying Safe or Enjoying
    # and Achieving"), as the year's setting then stood.
    key_areas = models.JSONField(default=list, blank=True)
    # The annual questionnaires' results cited (004: "The views of service users and relevant
    # stakeholders gathered through questionnaires"), as they stood when cited:
    # [{"pk", "code", "title", "year", "closed_on", "issued", "answered", "rate"}].
    surveys_cited = models.JSONField(default=list, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(auto_now=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_on = models.DateField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="caa_rating_once_a_year"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=4), name="caa_rating_on_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"Annual rating of {self.council.name}, {self.year}"


class RatingEvidence(models.Model):
    """What the rating rests on, by 004's sources (ecm/caa/rating/library)."""

    rating = models.ForeignKey(AnnualRating, on_delete=models.CASCADE, related_name="evidence")
    source = models.CharField(max_length=40)
    note = models.TextField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.source}: {self.note[:60]}"


class RatingKeyAreas(models.Model):
    """The year's key areas, as the programme administrator chose them (004: "Where performance
    in a key area, e.g. Staying Safe or Enjoying and Achieving is inadequate, this will limit
    the overall grade given"). Without a row, the rules file's default (the two the seed
    names) is in force."""

    year = models.PositiveSmallIntegerField(unique=True)
    key_areas = models.JSONField(default=list)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField()
    reason = models.TextField()
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Key areas of the annual rating, {self.year}"
