"""Who may see and do what with representations (002 §J; issue 7 §5). A refusal is a 404.

The council sees its own representations only once its final letter is published (grades reach
a council only then); the inspectorate who read across councils, and the assessment's own
inspectors, read them; a panel member reads only the representations whose panel they sit on
and records the decision of those alone; the programme administrator registers panel members
and composes panels.
"""

import rules

from ecm.accounts.predicates import is_panel_member, is_programme_administrator
from ecm.apa.rules import (
    final_letter_published,
    inspectorate_of,
    own_councils_user,
    works_across_councils,
)
from ecm.apa.workflow import AssessmentStatus
from ecm.representations.models import PanelSeat
from ecm.representations.routing import responds_to


@rules.predicate
def sits_on_a_panel_of(user, assessment) -> bool:
    """Seated on the panel of any representation or review of the assessment."""
    if assessment is None or not user.is_authenticated:
        return False
    return PanelSeat.objects.filter(
        representation__assessment=assessment, member__user=user
    ).exists()


@rules.predicate
def sits_on_panel(user, representation) -> bool:
    if representation is None or not user.is_authenticated:
        return False
    return representation.seats.filter(member__user=user).exists()


@rules.predicate
def of_assessment_readable(user, representation) -> bool:
    return representation is not None and user.has_perm(
        "representations.read", representation.assessment
    )


@rules.predicate
def council_may_represent(user, assessment) -> bool:
    """A representation is made once the final letter is published (002 §J), by the council."""
    return assessment is not None and assessment.status in (
        AssessmentStatus.PUBLISHED,
        AssessmentStatus.REPRESENTATION,
    )


@rules.predicate
def own_council_of_representation(user, representation) -> bool:
    """The council's own users, and only once its final letter is published."""
    if representation is None:
        return False
    assessment = representation.assessment
    return bool(own_councils_user(user, assessment) and final_letter_published(user, assessment))


# Read an assessment's representations.
rules.add_perm(
    "representations.read",
    inspectorate_of
    | (is_panel_member & sits_on_a_panel_of)
    | (own_councils_user & final_letter_published),
)
rules.add_perm("representations.read_one", of_assessment_readable)
# The council makes its own representation, once published.
rules.add_perm("representations.make", own_councils_user & council_may_represent)
rules.add_perm("representations.write", own_council_of_representation)
# The programme's panels: registering members and seating them.
rules.add_perm("representations.administer", is_programme_administrator)
rules.add_perm("representations.view_round", works_across_councils)
rules.add_perm("representations.decide", is_panel_member & sits_on_panel)


@rules.predicate
def responds_to_representation(user, representation) -> bool:
    """The assessment's HMI or BRM whom the handbook, section J names for the judgement."""
    return responds_to(user, representation)


# The inspectors' response the panel reads before deciding (section J).
rules.add_perm("representations.respond", responds_to_representation)
