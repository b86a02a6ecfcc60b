"""Who may see and do what in a JAR (issue 9). A refusal is a 404: the review is read by those
who see across councils, its team and its council's own people; the programme administrator
notifies and composes the team; the lead inspector (or the administrator) adds lines of
enquiry and draws the cases; only the council's own people list its case files."""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_council_user,
    is_programme_administrator,
    is_signed_in,
)
from ecm.apa.rules import works_across_councils


@rules.predicate
def on_team(user, review) -> bool:
    return review is not None and review.team.filter(user=user).exists()


@rules.predicate
def leads(user, review) -> bool:
    return review is not None and review.team.filter(user=user, is_lead=True).exists()


rules.add_perm("jar.view_list", is_signed_in)
rules.add_perm("jar.read", works_across_councils | on_team | (is_council_user & belongs_to_council))
rules.add_perm("jar.administer", is_programme_administrator)
# Which areas are done, scheduled and overdue (issue 24 §2; 003): those who run the programme.
rules.add_perm("jar.view_programme", works_across_councils)
rules.add_perm("jar.lead", is_programme_administrator | leads)
rules.add_perm("jar.list_cases", is_council_user & belongs_to_council)

# Each part of the review adds its own permissions (issue 9 §3-§6).
from ecm.jar.documents import rules as _documents  # noqa: E402, F401
from ecm.jar.fieldwork import rules as _fieldwork  # noqa: E402, F401
from ecm.jar.quality import rules as _quality  # noqa: E402, F401
from ecm.jar.report import rules as _report  # noqa: E402, F401
from ecm.jar.voluntary import rules as _voluntary  # noqa: E402, F401
from ecm.jar.youth import rules as _youth  # noqa: E402, F401
