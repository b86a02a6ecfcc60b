"""Who may manage people."""

import rules

from ecm.accounts.predicates import is_programme_administrator

rules.add_perm("accounts.manage_people", is_programme_administrator)
