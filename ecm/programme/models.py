"""Running a round (issue 8; 002 §A, §B): the blocks of councils with their analysis windows,
each council's place in the plan, the dates its team agrees, private calendar feeds, and the
reminders and weekly summaries sent, each recorded once (the database refuses a second)."""

import hashlib
import secrets

from django.conf import settings
from django.db import models


class Block(models.Model):
    """A block of councils analysed in the same window (002 §B: "Blocks 1 ... 2")."""

    round = models.ForeignKey(
        "apa.AssessmentRound", on_delete=models.PROTECT, related_name="blocks"
    )
    number = models.PositiveSmallIntegerField()
    analysis_starts = models.DateField()
    analysis_ends = models.DateField()

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="block_number_unique"),
            models.CheckConstraint(
                condition=models.Q(analysis_ends__gte=models.F("analysis_starts")),
                name="block_window_in_order",
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="block_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Block {self.number}"


class CouncilPlan(models.Model):
    """One council's line of the round's plan (002 §B item 1: the spreadsheet of contacts,
    link officers, directors and meeting dates with any request about timing)."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.CASCADE, related_name="plan"
    )
    block = models.ForeignKey(
        Block, on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )
    meeting_on = models.DateField(null=True, blank=True)
    timing_request = models.TextField(blank=True)
    link_officer_name = models.CharField(max_length=200, blank=True)
    link_officer_email = models.EmailField(blank=True)
    link_officer_telephone = models.CharField(max_length=40, blank=True)
    director_name = models.CharField(max_length=200, blank=True)
    lock_version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Plan: {self.assessment}"


class AgreedDate(models.Model):
    """A date of the council's individual checklist the team agreed with the council, in place
    of the indicative one (002 §I: "negotiate and agree the dates")."""

    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.CASCADE, related_name="agreed_dates"
    )
    milestone = models.CharField(max_length=40)
    day = models.DateField()
    note = models.TextField(blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "milestone"], name="agreed_date_one_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} agreed for {self.day}"


def new_token() -> str:
    """A calendar address's token: 256 bits from `secrets` (migration 0001 names it too)."""
    return secrets.token_urlsafe(32)


def feed_token_hash(token: str) -> str:
    """What is kept of a calendar address's token: its SHA-256, never the token (decision
    0038). The address is found by this hash, so a copy of the database opens no calendar."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def create(self, **kwargs):
        """A new address with a fresh token (`new_token`): only its hash is
        saved; the token is on the returned object (`feed.token`) and nowhere else, the one
        moment it exists in full, to be shown once to its owner."""
        token = new_token()
        feed = super().create(token_hash=feed_token_hash(token), **kwargs)
        feed.token = token
        return feed


class CalendarFeed(models.Model):
    """A private iCalendar address: a person's own deadlines, or (for those who see across
    councils) a round's. Anyone with the address can read it, so it is a long random token
    that its owner can revoke; a revoked address answers 404. Only the token's hash is
    stored: the address is shown once, when it is made (issue 21 §8)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    round = models.ForeignKey(
        "apa.AssessmentRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar of {self.owner}" + (f" for {self.round}" if self.round_id else "")

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Before the deadline"
    OVERDUE = "overdue", "Overdue"


class Reminder(models.Model):
    """One reminder email about one deadline of one task to one person. The unique key makes a
    second reminder of the same kind for the same deadline impossible, whatever restarts or
    runs twice; a changed date is a new deadline and may be reminded again."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    task = models.CharField(max_length=60)
    assessment = models.ForeignKey(
        "apa.Assessment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_key = models.CharField(max_length=120)  # what the task is about, e.g. "a:12"
    due_on = models.DateField()
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "task", "subject_key", "due_on", "kind"],
                name="reminder_once_per_deadline",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.task} ({self.subject_key}) due {self.due_on}"


class WeeklySummary(models.Model):
    """The weekly email of what is due and overdue, once per person per week."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_summaries"
    )
    week_starting = models.DateField()
    items = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    recorded_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week_starting"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "week_starting"], name="weekly_summary_once_a_week"
            )
        ]

    def __str__(self) -> str:
        return f"Weekly summary for {self.recipient}, week of {self.week_starting}"
