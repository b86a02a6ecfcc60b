"""Who may write, read and reopen a council's self-assessment (DOMAIN.md §1; issue 4).

The object is always the assessment. The council's own users write it; the inspectorate
staff who may see the assessment read it; only they see the inspectors' reading ("Councils
never see the inspectors' reading"). A refusal is a 404 (ecm.core.access).
"""

import rules

from ecm.accounts.predicates import is_inspector, is_inspectorate, is_programme_administrator
from ecm.apa.rules import is_assigned_to, own_councils_user, works_across_councils

inspectorate_on_it = is_inspectorate & (works_across_councils | is_assigned_to)

rules.add_perm("self_assessment.view", own_councils_user | inspectorate_on_it)
rules.add_perm("self_assessment.edit", own_councils_user)
rules.add_perm("self_assessment.read_as_inspector", inspectorate_on_it)
rules.add_perm(
    "self_assessment.reopen", is_programme_administrator | (is_inspector & is_assigned_to)
)
