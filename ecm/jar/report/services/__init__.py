"""Writes of the JAR's judgements and report (issue 9 §6), each audited."""

from ecm.jar.report.services.after import (
    action_add,
    action_plan_submit,
    follow_up_decide,
    significant_concerns,
    unanswered_recommendations,
)
from ecm.jar.report.services.judgements import (
    evidence_add,
    judgement_record,
    judgement_set_of,
    report_of,
)
from ecm.jar.report.services.stages import (
    comment_add,
    comment_is_late,
    comment_respond,
    report_change_stage,
    report_edit,
    report_parts_to_change,
    report_stage_already,
    review_not_requested,
)

__all__ = [
    "action_add",
    "action_plan_submit",
    "comment_add",
    "comment_is_late",
    "comment_respond",
    "evidence_add",
    "follow_up_decide",
    "judgement_record",
    "judgement_set_of",
    "report_change_stage",
    "report_edit",
    "report_of",
    "report_parts_to_change",
    "report_stage_already",
    "review_not_requested",
    "significant_concerns",
    "unanswered_recommendations",
]
