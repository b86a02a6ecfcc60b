"""The demo's 2009 year (issue 10): Leicestershire's performance profile for two quarters, its
unannounced inspection raising serious concerns, the full safeguarding and looked after
children inspection those concerns brought forward, its area assessment with flags, and the
annual rating the concerns limit. Each part's own demo module does the work through its
services; each is loaded once (run twice, nothing changes)."""

from __future__ import annotations

from ecm.accounts.models import User
from ecm.authorities.models import Council
from ecm.caa.flags import demo as flags_demo
from ecm.caa.profile import demo as profile_demo
from ecm.caa.rating import demo as rating_demo
from ecm.caa.safeguarding import demo as safeguarding_demo
from ecm.caa.unannounced import demo as unannounced_demo
from ecm.demo.people import LEICESTERSHIRE_LA_NUMBER
from ecm.surveys import demo as surveys_demo

ADMINISTRATOR = "admin@ofsted.example"
LEAD = "hmi@ofsted.example"
FINALISER = "reader@ofsted.example"
CQC_INSPECTOR = "inspector@cqc.example"


def demo_caa_load(*, people: dict[str, User]) -> list[str]:
    """Load what is not there yet; say what was loaded."""
    council = Council.objects.get(la_number=LEICESTERSHIRE_LA_NUMBER)
    lead, administrator = people[LEAD], people[ADMINISTRATOR]
    loaded = []
    profile_demo.seed(council=council, administrator=administrator)
    if unannounced_demo.seed(council=council, lead=lead):
        loaded.append("unannounced inspection of Leicestershire, June 2009")
    # The questionnaires before the full inspection, whose judgements cite their results.
    loaded += surveys_demo.seed(council=council, inspector=lead)
    # 004 "Full inspection": "inspectors from Ofsted and the new Care Quality Commission".
    team = [people[CQC_INSPECTOR]]
    if safeguarding_demo.seed(council=council, lead=lead, team=team):
        loaded.append("full safeguarding and looked after children inspection of Leicestershire")
    if rating_demo.seed(council=council, drafter=lead, finaliser=people[FINALISER]):
        loaded.append("annual rating of Leicestershire, 2009")
    if flags_demo.seed(council=council, inspector=lead):
        loaded.append("area assessment of Leicestershire with its flags")
    return loaded
