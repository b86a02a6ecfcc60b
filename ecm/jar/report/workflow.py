"""The JAR report's stages as data (001 appendix; 003; DOMAIN.md §4).

The team writes the judgements and the report; the draft goes to the director and the chief
executive, who have 10 working days for written comments; the draft is discussed; the
pre-publication report follows, with 10 working days in which the council may request a review;
then the report is published. Only `ecm.jar.report.services.report_change_stage` moves a report,
reading this table: who moves it into each stage, and where it may go from there. Moves back
need a reason.
"""

from dataclasses import dataclass

from django.db import models


class ReportStage(models.TextChoices):
    DRAFTING = "drafting", "Being written by the team"
    DRAFT_SENT = "draft_sent", "Draft report with the council for comment"
    DISCUSSION = "discussion", "Draft report discussed"
    PREPUBLICATION = "prepublication", "Pre-publication report with the council"
    REVIEW_REQUESTED = "review_requested", "Review of the report requested"
    PUBLISHED = "published", "Published"


class Mover(models.TextChoices):
    TEAM = "team", "the lead inspector or the programme administrator"
    COUNCIL = "council", "the council's link officer or director"


S = ReportStage


@dataclass(frozen=True)
class StageRule:
    stage: ReportStage
    source: str
    by: Mover  # who moves the report into this stage
    forward: tuple[ReportStage, ...] = ()
    back: tuple[ReportStage, ...] = ()
    # Judgements and the report's text may change while the report is in this stage.
    editable: bool = False


STAGES: dict[ReportStage, StageRule] = {
    rule.stage: rule
    for rule in [
        StageRule(S.DRAFTING, "003", Mover.TEAM, forward=(S.DRAFT_SENT,), editable=True),
        StageRule(
            S.DRAFT_SENT,
            "001 appendix: draft report, 10 working days to make written comments",
            Mover.TEAM,
            forward=(S.DISCUSSION,),
            back=(S.DRAFTING,),
            editable=True,
        ),
        StageRule(
            S.DISCUSSION,
            "001 appendix: draft report discussion with the director, officers and partners",
            Mover.TEAM,
            forward=(S.PREPUBLICATION,),
            back=(S.DRAFT_SENT,),
            editable=True,
        ),
        StageRule(
            S.PREPUBLICATION,
            "001 appendix: pre-publication report, 10 working days review period",
            Mover.TEAM,
            forward=(S.PUBLISHED, S.REVIEW_REQUESTED),
            back=(S.DISCUSSION,),
        ),
        StageRule(
            S.REVIEW_REQUESTED,
            "001 appendix: final date to request a review of the report",
            Mover.COUNCIL,
            forward=(S.PUBLISHED,),
            back=(S.PREPUBLICATION,),
        ),
        StageRule(S.PUBLISHED, "003", Mover.TEAM),
    ]
}
