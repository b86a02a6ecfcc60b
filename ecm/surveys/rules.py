"""Who may see and do what with the annual questionnaires (issue 24 §3). A refusal is 404.

The inspectorate runs them: an inspector (HMI or BRM) or the programme administrator opens a
council's survey, issues its links and closes it. The inspectorate reads every council's; a
council's own link officer and director read their council's response rates, and its results
once the survey is closed (as evidence, never an answer of one person). Whoever answers opens
their private link without signing in (views.answer), so no rule names them."""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_council_user,
    is_inspector,
    is_inspectorate,
    is_programme_administrator,
)


@rules.predicate
def is_closed(user, survey) -> bool:
    return survey is not None and not survey.is_open


own_council = is_council_user & belongs_to_council

rules.add_perm("surveys.read", is_inspectorate | own_council)
rules.add_perm("surveys.manage", is_inspector | is_programme_administrator)
rules.add_perm("surveys.results", is_inspectorate | (own_council & is_closed))
