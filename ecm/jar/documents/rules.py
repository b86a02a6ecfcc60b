"""Who may see and do what in the JAR's documents part (issue 9 §3). Imported by ecm.jar.rules.

001 "Documents Evidence": the council supplies the CYPP and the documents the inspectors name.
The checklist is read by the same people as the review ("jar.read"): those who see across
councils, the review's team and the council's own people; only the council's own link officer
or director uploads or says a document is not held locally; the lead inspector (or the
programme administrator) adds a document to the list and accepts what came. A refusal is 404.
"""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_council_user,
    is_programme_administrator,
)
from ecm.jar.rules import leads, on_team, works_across_councils

rules.add_perm(
    "jar.read_documents",
    works_across_councils | on_team | (is_council_user & belongs_to_council),
)
rules.add_perm("jar.supply_documents", is_council_user & belongs_to_council)
rules.add_perm("jar.request_documents", is_programme_administrator | leads)
