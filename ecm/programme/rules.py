"""Who may see and do what in running a round (issue 8). A refusal is a 404.

The round's dashboard, plan export and calendar are for those who see across councils; the
plan's import and blocks are the programme administrator's; a council's individual checklist
is its inspectors' (and those across councils'), and only its HMI and BRM agree its dates.
Everyone signed in has their own "what is due" page and calendar addresses.
"""

import rules

from ecm.accounts.predicates import is_inspector, is_programme_administrator, is_signed_in
from ecm.apa.rules import inspectorate_of, is_inspector_of, works_across_councils

rules.add_perm("programme.view_round", works_across_councils)
rules.add_perm("programme.administer", is_programme_administrator)
rules.add_perm("programme.view_checklist", inspectorate_of)
rules.add_perm("programme.agree_dates", is_inspector & is_inspector_of)
rules.add_perm("programme.view_due", is_signed_in)
