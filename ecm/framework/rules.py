"""Who may read the framework: anyone signed in, since the framework is public (DOMAIN.md §2)."""

import rules

from ecm.accounts.predicates import is_signed_in

rules.add_perm("framework.view_framework", is_signed_in)
