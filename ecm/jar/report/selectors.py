"""Reads of the JAR's judgements and report (issue 9 §6)."""

from dataclasses import dataclass

from ecm.jar.report.models import JarReport
from ecm.jar.report.services import judgement_set_of
from ecm.jar.report.workflow import STAGES, Mover, ReportStage


def report_published(review) -> bool:
    """Whether the review's report is published: until then no JAR grade (the judgements, the
    youth report's grades) reaches the council (002 §A's rule, applied to the JAR)."""
    return JarReport.objects.filter(review=review, stage=ReportStage.PUBLISHED).exists()


def report_for_reading(review) -> JarReport:
    """The review's report, or an unsaved one at its first stage: reading never writes."""
    return JarReport.objects.filter(review=review).first() or JarReport(review=review)


def grades_visible(review, user) -> bool:
    """Inspectors see grades as they are given; the council once the report is published."""
    return not user.is_council_user or report_published(review)


@dataclass(frozen=True)
class JudgementRow:
    code: str
    title: str
    recorded: object | None  # the JarJudgement, or None while not graded
    grade_words: str  # "" when the grade is not shown to this reader


def judgement_rows(review, user) -> list[JudgementRow]:
    """Each judgement of the review's set in order, with its grade where this reader may see it.
    Reads the set, the grades with their evidence in three queries."""
    show = grades_visible(review, user)
    recorded = {
        j.judgement_id: j
        for j in review.judgements.select_related("judgement__scale").prefetch_related(
            "evidence", "judgement__scale__grades"
        )
    }
    rows = []
    for judgement in judgement_set_of(review).judgements.select_related("scale").order_by("order"):
        made = recorded.get(judgement.pk)
        words = ""
        if made and show:
            labels = {g.value: g.label for g in made.judgement.scale.grades.all()}
            words = f"{made.grade}: {labels.get(made.grade, '')}"
        rows.append(JudgementRow(judgement.code, judgement.title, made, words))
    return rows


def stage_choices(report, user, review) -> list[tuple[str, str]]:
    """The moves this user may make from the report's stage."""
    rule = STAGES[ReportStage(report.stage)]
    is_council = user.has_perm("jar.act_for_council", review)
    may_lead = user.has_perm("jar.lead", review)
    choices = []
    for target in rule.forward + rule.back:
        by = Mover.TEAM if target in rule.back else STAGES[target].by
        if (by == Mover.COUNCIL and is_council) or (by == Mover.TEAM and may_lead):
            label = target.label + (" (back, with a reason)" if target in rule.back else "")
            choices.append((target.value, label))
    return choices


def review_panel(*, review, user) -> dict:
    """The report's stage on the review page, and whether this reader may open it."""
    report = report_for_reading(review)
    return {
        "report": report,
        "may_read": user.has_perm("jar.read_report", review),
        "may_record": user.has_perm("jar.record_evidence", review),
        "published": report.stage == ReportStage.PUBLISHED,
    }
