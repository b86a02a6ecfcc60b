import rules

from ecm.accounts.predicates import is_programme_administrator

rules.add_perm("audit.view_trail", is_programme_administrator)
