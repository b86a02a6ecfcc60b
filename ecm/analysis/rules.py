"""Who may work on and read the analysis stage (DOMAIN.md §1; issue 5 §8).

Council users never reach any of it: not the pack (briefings the council has not seen), not
the notebook, not the judgements. The assessment's HMI and BRM do the work; the inspectorate
staff who moderate, read or run the programme may read what is shared. A refusal is a 404.
"""

import rules

from ecm.accounts.predicates import is_inspector, is_inspectorate
from ecm.apa.rules import is_assigned_to, is_inspector_of, works_across_councils

rules.add_perm("analysis.work", is_inspector & is_inspector_of)
rules.add_perm("analysis.read", is_inspectorate & (works_across_councils | is_assigned_to))
