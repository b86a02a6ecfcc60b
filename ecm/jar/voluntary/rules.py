"""Who may see and do what in the JAR's voluntary part (issue 9 §4). Imported by ecm.jar.rules.

The council's list is read by whoever reads the review and kept by the council's own people;
the lead inspector (or the programme administrator) sends the questionnaires; the answers are
the inspectorate's alone (respondents answer to the inspectors, so the council sees only who was
sent one and whether it came back). A respondent needs no account: the link's token is the key
(see views.respond), so no permission here names them."""

import rules

from ecm.accounts.predicates import belongs_to_council, is_council_user, is_programme_administrator
from ecm.apa.rules import works_across_councils
from ecm.jar.rules import leads, on_team

rules.add_perm(
    "jar.voluntary_read", works_across_councils | on_team | (is_council_user & belongs_to_council)
)
rules.add_perm("jar.voluntary_list", is_council_user & belongs_to_council)
rules.add_perm("jar.voluntary_send", is_programme_administrator | leads)
rules.add_perm("jar.voluntary_answers", (works_across_councils | on_team) & ~is_council_user)
