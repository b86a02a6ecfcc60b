"""Who may proof read and clear the final letter (the handbook, section I stage 3: "submitted
for proof reading, confirmation of judgements, final clearance, and publication"), as named
predicates: the stage table's movers (ecm.letters.workflow) and the permission rules
(ecm.letters.rules) both read them, so the page offers exactly the moves the service allows."""

import rules

from ecm.accounts.predicates import is_inspectorate, is_programme_administrator
from ecm.letters.services.readers import READER_ROLES


@rules.predicate
def proof_reads_letters(user) -> bool:
    """The programme's administrative staff: the Lead is "to submit the letter to the
    appropriate administrative staff for clearance and publication" (section A)."""
    return bool(user is not None and user.is_authenticated and is_programme_administrator(user))


@rules.predicate
def clears_letter_of(user, assessment) -> bool:
    """A manager assigned to read this assessment's letter (the CSCI manager or the Ofsted
    management reader), who gives the "management clearance of letters" (section I)."""
    if assessment is None or user is None or not user.is_authenticated:
        return False
    if not is_inspectorate(user):
        return False
    return any(
        a.user_id == user.pk and a.role in READER_ROLES for a in assessment.assignments.all()
    )
