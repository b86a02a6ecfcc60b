"""Who may see councils (DOMAIN.md §1: "An authority's users see only their own authority").

The list of councils is for inspectorate staff; a council's page is for inspectorate staff and
for the users of that very council. A refusal is a 404, the same as a missing council
(ecm.core.access, DESIGN.md example 5).
"""

import rules

from ecm.accounts.predicates import belongs_to_council, is_inspectorate

rules.add_perm("authorities.view_council_list", is_inspectorate)
rules.add_perm("authorities.view_council", is_inspectorate | belongs_to_council)
