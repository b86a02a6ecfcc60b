"""Fixtures of the youth part's tests: the council's link officer, a full self-assessment's
answers, and a helper that records observations by the lead inspector."""

from datetime import date

import pytest

from ecm.accounts.roles import Role
from ecm.jar.youth import services
from ecm.jar.youth.models import AREA_CODES, OUTCOME_CODES


@pytest.fixture
def link_officer(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)


def full_answers() -> dict:
    answers = {f"{code}_grade": 3 for code in AREA_CODES}
    answers |= {f"{code}_commentary": f"Evaluation of {code}." for code in AREA_CODES}
    answers |= {code: f"What the service does for {code}." for code in OUTCOME_CODES}
    answers |= {f"{code}_grade": 3 for code in OUTCOME_CODES}
    return answers


@pytest.fixture
def observe(review, lead):
    def record(count: int, **change):
        made = []
        for n in range(count):
            made.append(
                services.youth_observation_record(
                    actor=lead,
                    review=review,
                    session=f"Session {n + 1}",
                    observed_on=date(2007, 10, 16),
                    grades={"achievement": 3, "curriculum": 2, "management": 4},
                    notes={"achievement": "Well planned."},
                    young_people_present=10,
                    **change,
                )
            )
        return made

    return record
