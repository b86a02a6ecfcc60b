"""Who may work on and read the APA letter (002 §I; issue 7 §1).

The assessment's HMI and BRM write the letter; the inspectorate staff who read across councils
(programme, management readers, moderators) or are assigned to the assessment may read it.
Council users reach none of these pages: the council sees the draft only when it is sent for
factual accuracy (002 §I stage 2), which has its own pages. A refusal is a 404.
"""

import rules

from ecm.accounts.predicates import is_inspector, is_inspectorate
from ecm.apa.rules import is_assigned_to, is_inspector_of, works_across_councils

rules.add_perm("letters.work", is_inspector & is_inspector_of)
rules.add_perm("letters.read", is_inspectorate & (works_across_councils | is_assigned_to))
