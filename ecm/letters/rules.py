"""Who may work on and read the APA letter (002 §I; issue 7 §1).

The assessment's HMI and BRM write the letter; the inspectorate staff who read across councils
(programme, management readers, moderators) or are assigned to the assessment may read it.
Council users reach none of these pages: the council sees the draft only when it is sent for
factual accuracy (002 §I stage 2), which has its own pages. A refusal is a 404.
"""

import rules

from ecm.accounts.predicates import is_inspector, is_inspectorate, is_programme_administrator
from ecm.apa.rules import (
    final_letter_published,
    is_assigned_to,
    is_inspector_of,
    own_councils_user,
    works_across_councils,
)
from ecm.letters.models import LetterSending, SendingKind
from ecm.letters.services.permissions import clears_letter_of, proof_reads_letters
from ecm.letters.services.readers import READER_ROLES

rules.add_perm("letters.work", is_inspector & is_inspector_of)
rules.add_perm("letters.read", is_inspectorate & (works_across_councils | is_assigned_to))
# A round's final ratings (issue 7 §4): the programme and those who read across councils; a
# council sees its own grades on its assessment once published, never the round's table.
rules.add_perm("letters.view_ratings", is_inspectorate & works_across_councils)


@rules.predicate
def reads_as_assigned_reader(user, assessment) -> bool:
    """The CSCI manager or the Ofsted management reader assigned to the assessment, who answer
    on Moderation Form 2 (002 §I stage 1)."""
    if assessment is None or not user.is_authenticated:
        return False
    return any(
        a.user_id == user.pk and a.role in READER_ROLES for a in assessment.assignments.all()
    )


@rules.predicate
def draft_sent_to_own_council(user, assessment) -> bool:
    """A user of the assessment's council, once the draft has been sent to it for factual
    accuracy (002 §I stage 2): never earlier."""
    if assessment is None or not user.is_authenticated:
        return False
    if not (user.is_council_user and user.council_id == assessment.council_id):
        return False
    return LetterSending.objects.filter(
        letter__assessment=assessment, kind=SendingKind.COUNCIL
    ).exists()


rules.add_perm("letters.answer_as_reader", is_inspectorate & reads_as_assigned_reader)
rules.add_perm("letters.council_read", draft_sent_to_own_council)
rules.add_perm("letters.validate_social_care", is_programme_administrator)
# The final letter's proof reading and management clearance (section I stage 3).
rules.add_perm("letters.proof_read", proof_reads_letters)
rules.add_perm("letters.clear", clears_letter_of)
# The council's record of its published letter (section J): its own council once published,
# and the inspectorate who read the letter.
rules.add_perm(
    "letters.publication_read",
    (own_councils_user & final_letter_published)
    | (is_inspectorate & (works_across_councils | is_assigned_to)),
)
# Archiving a closed round (section I stage 3): the programme administrator.
rules.add_perm("letters.archive", is_programme_administrator)
