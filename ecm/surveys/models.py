"""The annual questionnaires (issue 24 §3; 004: "An annual questionnaire for children and young
people, social workers and the voluntary and community sector, to be introduced in 2009").

A `Survey` is one questionnaire's year for one council, opened and closed by the inspectorate.
Its `SurveyLink`s are private, single-use links: only a hash of each token is kept, and no
name, email or postal address of anyone it went to. An answer is kept only as counts
(`SurveyTally`, one row per question and answer): no row holds one person's answers, a time or
its link, so an answer cannot be traced to its link or its author once sent. Closing a survey
freezes its results (`results`, the counts as they stood)."""

from django.conf import settings
from django.db import models


class SurveyStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class LinkChannel(models.TextChoices):
    PRINTED = "printed", "Printed for the council to hand out"
    EMAIL = "email", "Sent by email"


class Survey(models.Model):
    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, related_name="surveys"
    )
    year = models.PositiveSmallIntegerField()
    questionnaire = models.CharField(max_length=30)  # a code of the questionnaires file
    version = models.CharField(max_length=20)  # the file's version it was opened with
    status = models.CharField(max_length=6, choices=SurveyStatus.choices, default=SurveyStatus.OPEN)
    opened_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Frozen at closing: {"issued": n, "answered": n, "counts": {question: {answer: n}}}.
    results = models.JSONField(default=dict, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["council__name", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "questionnaire"], name="surveys_once_a_year"
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(closed_on__isnull=False),
                name="surveys_closed_has_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"Annual questionnaire {self.questionnaire}, {self.council.name} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class SurveyLink(models.Model):
    """One private link, used once. Whom it went to is not kept: a child's link is handed out
    by the council; an adult's was emailed to an address that was used and not stored."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=7, choices=LinkChannel.choices)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    used = models.BooleanField(default=False)  # no time: it would point at its answer

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Link to {self.survey}"


class SurveyTally(models.Model):
    """How many answered `question` with `answer` ("" for no answer)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tallies")
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=40, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "answer"], name="surveys_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}={self.answer or '-'}: {self.count}"
