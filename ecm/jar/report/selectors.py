"""Reads of the JAR's report (issue 9 §6)."""

from ecm.jar.report.models import JarReport
from ecm.jar.report.workflow import ReportStage


def report_published(review) -> bool:
    """Whether the review's report is published: until then no JAR grade (the judgements, the
    youth report's grades) reaches the council (002 §A's rule, applied to the JAR)."""
    return JarReport.objects.filter(review=review, stage=ReportStage.PUBLISHED).exists()


def review_panel(*, review, user) -> dict:
    """What this part shows on the review's page (jar/<part>/_on_review.html gets it as
    `panel`, beside `review` and the request's `user` and `perms`)."""
    return {}
