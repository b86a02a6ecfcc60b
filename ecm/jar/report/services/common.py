"""What the report's services share (issue 9 §6): their refusals and who may act."""

from django.core.exceptions import ValidationError

from ecm.core.access import NotYourRole
from ecm.jar.report.workflow import STAGES, ReportStage
from ecm.jar.rules import leads
from ecm.jar.services.common import _is_administrator

NOT_ON_TEAM = "Only the review's team records evidence and judgements"
NOT_THE_LEAD = "Only the review's lead inspector or the programme administrator does this"
NO_EVIDENCE = (
    "Choose the evidence the grade stands on: every judgement is traced to the team's evidence"
)
NOT_ON_SCALE = "Choose a grade on the judgement's scale ({values})"
NOT_IN_SET = "{code} is not a judgement of the {title} set"
NO_SET = (
    "No judgement set of the framework covers joint area reviews in {year}: load a framework "
    "version that does"
)
NO_RATIONALE = "Say what the grade rests on: another inspector must be able to follow it"
NO_FINDING = "Enter the finding"
NO_REFERENCE = "Enter where the evidence is: a case reference, a document, a meeting"
NOT_TRACKED = (
    "{reference} is not one of the review's tracked cases: cite a tracked case by its reference "
    '(the 2007 briefing, "Case tracking"). Tracked: {tracked}'
)
NOT_EDITABLE = (
    "The report is at the stage '{stage}': judgements and text no longer change. Move it back "
    "with a reason to change them"
)
NO_REASON = "Say why: the reason is kept in the audit trail"


def _require_team(actor, review) -> None:
    if not (_is_administrator(actor) or review.team.filter(user=actor).exists()):
        raise NotYourRole(NOT_ON_TEAM)


def _require_lead(actor, review) -> None:
    if not (_is_administrator(actor) or leads(actor, review)):
        raise NotYourRole(NOT_THE_LEAD)


def _require_editable(report) -> None:
    stage = ReportStage(report.stage)
    if not STAGES[stage].editable:
        raise ValidationError(NOT_EDITABLE.format(stage=stage.label))
