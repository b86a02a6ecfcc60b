"""Who may see and do what in the annual rating (issue 10 §2). A refusal is 404. An inspector
(HMI or BRM: CSCI's inspectors joined Ofsted in 2007) or the programme administrator drafts;
the programme administrator or a management reader makes it final (someone other than the
drafter, in the service); the council reads the final rating. The programme administrator
chooses the year's key areas (issue 24 §1)."""

import rules

from ecm.accounts.predicates import (
    is_inspector,
    is_management_reader,
    is_programme_administrator,
)

rules.add_perm("caa.rating_draft", is_inspector | is_programme_administrator)
rules.add_perm("caa.rating_finalise", is_programme_administrator | is_management_reader)
rules.add_perm("caa.rating_key_areas", is_programme_administrator)
