"""Who may see and do what in the JAR's fieldwork (issue 24 §2). Imported by ecm.jar.rules.

The plan is read by those who see across councils, the review's team and the council's own
people (001 appendix: the lead inspector meets the director "to confirm programme for
fieldwork", and the council makes "arrangements for the fieldwork programme"). The team plans
and records the meetings it holds with a tracked case's people. The inspectors' notes of those
meetings are the inspectorate's: the council never sees them, as it never sees the
inspectors' evidence (ecm.jar.report)."""

import rules

from ecm.accounts.predicates import belongs_to_council, is_council_user
from ecm.apa.rules import works_across_councils
from ecm.jar.rules import on_team

own_council = is_council_user & belongs_to_council

rules.add_perm("jar.fieldwork_read", works_across_councils | on_team | own_council)
rules.add_perm("jar.fieldwork_plan", on_team)
rules.add_perm("jar.fieldwork_meet", on_team)
rules.add_perm("jar.fieldwork_see_notes", (works_across_councils | on_team) & ~is_council_user)
