"""Fixtures of the JAR's tests: a review of `council` notified by the administrator, its lead
inspector, and 100 case lines in the 35/35/30 mix."""

from datetime import date

import pytest

from ecm.accounts.roles import Role
from ecm.jar import services
from ecm.jar.cases import CHILD_IN_NEED, CHILD_PROTECTION, LOOKED_AFTER, CaseLine
from ecm.jar.models import Inspectorate


@pytest.fixture
def review(council, administrator):
    return services.review_notify(
        actor=administrator,
        council=council,
        notified_on=date(2007, 4, 13),
        setup_meeting=date(2007, 6, 15),
        analysis_starts=date(2007, 9, 24),
        fieldwork_starts=date(2007, 10, 15),
    )


@pytest.fixture
def lead(review, make_user, administrator):
    user = make_user(Role.HMI)
    services.team_member_add(
        actor=administrator,
        review=review,
        name="Lead Inspector",
        inspectorate=Inspectorate.OFSTED,
        user=user,
        is_lead=True,
    )
    return user


def hundred(**change) -> list[CaseLine]:
    counts = {LOOKED_AFTER: 35, CHILD_PROTECTION: 35, CHILD_IN_NEED: 30, **change}
    made = []
    for category, count in counts.items():
        for n in range(count):
            prefix = {LOOKED_AFTER: "LAC", CHILD_PROTECTION: "CP", CHILD_IN_NEED: "CIN"}[category]
            made.append(CaseLine(len(made) + 2, f"{prefix}-{n:04d}", category))
    return made
