"""The demo's performance profile (issue 10 §1): two quarters of one council, refreshed from
the performance data the demo has loaded (ecm.demo.services._performance_data: the DEMO-*
indicators, which the NI list names as each NI's `demo_source`). Not wired into ecm.demo:
call it from there once the 2009 parts are all in."""

from datetime import date

from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.profile.services import profile_refresh

DEMO_QUARTERS = ("2009-Q2", "2009-Q3")
# The demo's "today" for the refreshes: in 2009-Q3, so that both quarters have begun.
DEMO_TODAY = date(2009, 10, 15)


def seed(*, council, administrator) -> None:
    """Refresh 2009-Q2 and 2009-Q3 for the council (Leicestershire, LA 855, in the demo), each
    once: a quarter already refreshed is kept as it is (run twice, nothing changes)."""
    for quarter in DEMO_QUARTERS:
        if not ProfileQuarter.objects.filter(council=council, quarter=quarter).exists():
            profile_refresh(actor=administrator, council=council, quarter=quarter, today=DEMO_TODAY)
