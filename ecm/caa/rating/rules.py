"""Who may see and do what in the annual rating (issue 10 §2). A refusal is 404. An HMI or the
programme administrator drafts; the programme administrator or a management reader makes it
final (someone other than the drafter, in the service); the council reads the final rating."""

import rules

from ecm.accounts.predicates import is_hmi, is_management_reader, is_programme_administrator

rules.add_perm("caa.rating_draft", is_hmi | is_programme_administrator)
rules.add_perm("caa.rating_finalise", is_programme_administrator | is_management_reader)
