"""Who may see the 2009 framework's pages (issue 10). A refusal is 404. A council's pages are
read by the inspectorate (inspectors, the programme administrator, management readers and
moderators) and by the council's own link officer and director; each part adds its own
permissions (who records an inspection, who rates) in its rules module."""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_council_user,
    is_inspectorate,
    is_programme_administrator,
    is_signed_in,
)

own_council = is_council_user & belongs_to_council

rules.add_perm("caa.view_list", is_signed_in)
rules.add_perm("caa.read_council", is_inspectorate | own_council)
rules.add_perm("caa.administer", is_programme_administrator)

from ecm.caa.flags import rules as _flags  # noqa: E402, F401
from ecm.caa.profile import rules as _profile  # noqa: E402, F401
from ecm.caa.rating import rules as _rating  # noqa: E402, F401
from ecm.caa.safeguarding import rules as _safeguarding  # noqa: E402, F401
from ecm.caa.unannounced import rules as _unannounced  # noqa: E402, F401
