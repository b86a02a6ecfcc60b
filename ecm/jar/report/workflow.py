"""The JAR report's stages as data (001 appendix; 003; DOMAIN.md §4)."""

from django.db import models


class ReportStage(models.TextChoices):
    DRAFTING = "drafting", "Being written by the team"
    DRAFT_SENT = "draft_sent", "Draft report with the council for comment"
    DISCUSSION = "discussion", "Draft report discussion"
    PREPUBLICATION = "prepublication", "Pre-publication report with the council"
    REVIEW_REQUESTED = "review_requested", "Review requested"
    PUBLISHED = "published", "Published"
