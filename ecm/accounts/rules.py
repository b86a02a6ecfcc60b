"""Who may manage people, and the permissions of the apps below accounts.

The predicates read a person's roles, which live here, so the permissions on the lower apps'
objects (the framework, councils, the audit trail) are written here too: `ecm.authorities`,
`ecm.framework` and `ecm.audit` never import upward (docs/architecture.md).
"""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_inspectorate,
    is_programme_administrator,
    is_signed_in,
)

rules.add_perm("accounts.manage_people", is_programme_administrator)

# The audit trail across the whole service, and its CSV: programme administrators only. Not a
# council's link officer, even for its own council's entries: their before and after hold
# judgements and grades the council may not see before the final letter (002 §A; ADR 0036).
rules.add_perm("audit.view_trail", is_programme_administrator)

# The framework is public (DOMAIN.md §2): anyone signed in may read it.
rules.add_perm("framework.view_framework", is_signed_in)

# Councils (DOMAIN.md §1: "An authority's users see only their own authority"). The list of
# councils is for inspectorate staff; a council's page is for inspectorate staff and for the
# users of that very council. A refusal is a 404, the same as a missing council
# (ecm.core.access, DESIGN.md example 5).
rules.add_perm("authorities.view_council_list", is_inspectorate)
rules.add_perm("authorities.view_council", is_inspectorate | belongs_to_council)
# The statistical neighbour models every comparison uses: uploaded and chosen by those who
# import the data (performance.import_data), the programme administrators (issue 22 §5).
rules.add_perm("authorities.manage_neighbours", is_programme_administrator)
