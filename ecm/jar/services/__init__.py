"""Writes of the Joint Area Review (issue 9 §1, §2; 001; 003), each audited, by part of the
review: setting it up, the case files, and following a tracked case. Error messages are module
constants (in `common`) that the tests assert."""

from ecm.jar.services.cases import case_files_submit, case_swap, cases_draw
from ecm.jar.services.common import *  # noqa: F403  (the refusals the tests assert)
from ecm.jar.services.lines import proposed_lines
from ecm.jar.services.setup import (
    latest_apa,
    line_of_enquiry_add,
    line_of_enquiry_carry,
    member_inspectorate,
    review_notify,
    setup_warnings,
    team_member_add,
)
from ecm.jar.services.tracking import (
    case_contact_record,
    case_gaps_of,
    questionnaire_chase,
    questionnaire_returned,
    questionnaire_send,
)

__all__ = [
    "case_contact_record",
    "case_files_submit",
    "case_gaps_of",
    "case_swap",
    "cases_draw",
    "latest_apa",
    "line_of_enquiry_add",
    "line_of_enquiry_carry",
    "member_inspectorate",
    "proposed_lines",
    "questionnaire_chase",
    "questionnaire_returned",
    "questionnaire_send",
    "review_notify",
    "setup_warnings",
    "team_member_add",
]
