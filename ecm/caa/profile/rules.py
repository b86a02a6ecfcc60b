"""Who may see and do what in the CAA's profile part (issue 10). Imported by ecm.caa.rules.

Reading a council's profile is "caa.read_council" (ecm/caa/rules.py: the inspectorate, or the
council's own link officer and director). Refreshing a council's quarter is the programme
administrator's or an inspector's, HMI or BRM (Ofsted provides the profile, 004); refreshing
every council at once is the programme administrator's alone.
"""

import rules

from ecm.accounts.predicates import is_inspector, is_programme_administrator

REFRESH = "caa.refresh_profile"
REFRESH_EVERY_COUNCIL = "caa.refresh_every_profile"

rules.add_perm(REFRESH, is_programme_administrator | is_inspector)
rules.add_perm(REFRESH_EVERY_COUNCIL, is_programme_administrator)
