"""The demo's profile (ecm/caa/profile/demo.py): two quarters, seeded once."""

import pytest

from ecm.caa.profile import demo
from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.profile.tests.helpers import figure

pytestmark = pytest.mark.django_db


def test_the_demo_refreshes_two_quarters_once(council, administrator):
    figure(council, "DEMO-GCSE", value=55.0, england=50.0, outcome="enjoying_achieving")
    demo.seed(council=council, administrator=administrator)
    demo.seed(council=council, administrator=administrator)
    quarters = ProfileQuarter.objects.filter(council=council).order_by("quarter")
    assert [q.quarter for q in quarters] == list(demo.DEMO_QUARTERS)
    assert all(q.entries.get(ni=75).judgement == "better" for q in quarters)
