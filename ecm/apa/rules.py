"""Who may see and change rounds and assessments (DOMAIN.md §1; DESIGN.md example 5)."""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_council_user,
    is_inspectorate,
    is_management_reader,
    is_moderator,
    is_programme_administrator,
)
from ecm.apa.workflow import GRADES_VISIBLE_TO_COUNCIL, in_group


@rules.predicate
def is_assigned_to(user, assessment) -> bool:
    if assessment is None or not user.is_authenticated:
        return False
    return any(a.user_id == user.pk for a in assessment.assignments.all())


@rules.predicate
def is_lead_of(user, assessment) -> bool:
    if assessment is None or not user.is_authenticated:
        return False
    return any(a.user_id == user.pk and a.is_lead for a in assessment.assignments.all())


@rules.predicate
def final_letter_published(user, assessment) -> bool:
    """002 §A: "Actual grades will not be published until a later stage"."""
    return assessment is not None and in_group(assessment.status, GRADES_VISIBLE_TO_COUNCIL)


works_across_councils = is_programme_administrator | is_management_reader | is_moderator
own_councils_user = is_council_user & belongs_to_council

rules.add_perm("apa.view_round", works_across_councils)
rules.add_perm("apa.manage_round", is_programme_administrator)
rules.add_perm("apa.view_assessment", works_across_councils | is_assigned_to | own_councils_user)
rules.add_perm(
    "apa.view_assessment_history", is_inspectorate & (works_across_councils | is_assigned_to)
)
rules.add_perm("apa.change_assessment_status", is_programme_administrator | is_lead_of)
rules.add_perm(
    "apa.view_grades",
    (is_inspectorate & (works_across_councils | is_assigned_to))
    | (own_councils_user & final_letter_published),
)
