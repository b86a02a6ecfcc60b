"""Who may see performance data (DOMAIN.md §1; issue 3 §5).

Inspectorate staff see every council's figures and the indicator pages that set councils side
by side; a council's users see their own council's profile only. Imports are for programme
administrators. A refusal is a 404 (ecm.core.access).
"""

import rules

from ecm.accounts.predicates import belongs_to_council, is_inspectorate, is_programme_administrator

rules.add_perm("performance.view_indicators", is_inspectorate)
rules.add_perm("performance.view_profile", is_inspectorate | belongs_to_council)
rules.add_perm("performance.import_data", is_programme_administrator)
