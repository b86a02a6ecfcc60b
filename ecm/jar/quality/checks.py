"""What a quality assurance of a review checks (issue 24 §2). 003 names "quality assurance of
reviews" and says no more: these checks are the project's, drawn from what the seeds ask of a
review (001's lines of enquiry and timeline; the judgements citing evidence; 003's report)."""

from dataclasses import dataclass

from django.db import models


class CheckAnswer(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"


@dataclass(frozen=True)
class QualityCheck:
    code: str
    question: str


QUALITY_CHECKS = (
    QualityCheck("lines", "Each line of enquiry was followed and has findings"),
    QualityCheck("evidence", "Each graded judgement cites the team's recorded evidence"),
    QualityCheck("timeline", "The review kept to its timeline, or its record says why not"),
    QualityCheck("report", "The report's recommendations follow from its findings"),
)
