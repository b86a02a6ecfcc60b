"""Who may see and change rounds and assessments (DOMAIN.md §1; DESIGN.md example 5)."""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_council_user,
    is_inspector,
    is_inspectorate,
    is_management_reader,
    is_moderator,
    is_programme_administrator,
)
from ecm.apa.models import INSPECTOR_ASSIGNMENTS, Assignment
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
def is_inspector_of(user, assessment) -> bool:
    """The assessment's HMI or BRM (002 §A: they co-own the APA; §G.ii: they run the meeting
    together). The one home of this predicate: analysis, meetings, letters and the programme
    use it."""
    if assessment is None or not user.is_authenticated:
        return False
    return any(
        a.user_id == user.pk and a.role in INSPECTOR_ASSIGNMENTS
        for a in assessment.assignments.all()
    )


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


# --- The APA meeting (002 §G) --------------------------------------------------------------


inspectorate_of = is_inspectorate & (works_across_councils | is_assigned_to)

# The council sees the meeting's arrangements and what has been sent to it; never grades.
rules.add_perm("apa.view_meeting", inspectorate_of | own_councils_user)
rules.add_perm("apa.run_meeting", is_inspector & is_inspector_of)
# 002 §A: the Lead confirms the date, agrees the agenda and confirms it in writing.
rules.add_perm("apa.lead_meeting", is_inspector & is_lead_of)
rules.add_perm("apa.answer_meeting", own_councils_user)
rules.add_perm("apa.add_attendee", (is_inspector & is_inspector_of) | own_councils_user)


# --- Moderation (002 §H) ---------------------------------------------------------------------


@rules.predicate
def presents_on_day(user, day) -> bool:
    """The user is assigned to a council placed on this moderation day."""
    if day is None or not user.is_authenticated:
        return False

    return Assignment.objects.filter(user=user, assessment__moderation__group__day=day).exists()


rules.add_perm("apa.view_moderation", is_inspectorate & works_across_councils)
rules.add_perm("apa.manage_moderation", is_programme_administrator)
rules.add_perm(
    "apa.view_moderation_day", is_inspectorate & (works_across_councils | presents_on_day)
)
rules.add_perm("apa.view_moderation_form", inspectorate_of)
rules.add_perm("apa.edit_moderation_form", is_inspector & is_inspector_of)
# Peer challenge: a moderator does not record the outcome of a council they inspect.
rules.add_perm(
    "apa.record_moderation_outcome",
    is_inspectorate & (is_moderator | is_programme_administrator) & ~is_assigned_to,
)


# --- The 2007 cycle's submission: the review of the CYPP (issue 23 §1) ------------------------

rules.add_perm("apa.view_cypp_review", inspectorate_of | own_councils_user)
rules.add_perm("apa.write_cypp_review", own_councils_user)
