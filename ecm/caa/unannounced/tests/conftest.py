"""Fixtures of the unannounced inspection's tests (issue 10 §3; 004)."""

from datetime import date

import pytest

from ecm.accounts.roles import Role
from ecm.caa.unannounced import services
from ecm.caa.unannounced.demo import FINDINGS, LETTER

VISIT = {
    "first_day": date(2009, 6, 16),
    "last_day": date(2009, 6, 17),
    "exceptional": False,
    "exceptional_reason": "",
    "centres_count": 6,
    "centres_visited": ["Central referral team", "North assessment team"],
    "case_files": 30,
    "staff_spoken": 12,
}
RECIPIENTS = {
    "director_name": "Gordon Ellis",
    "lead_member_name": "Councillor Ann Marsh",
    "lscb_chair_name": "Dr Peter Hale",
    "chief_executive_name": "Judith Carr",
}


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


@pytest.fixture
def record(hmi, council):
    """Record an inspection's visit: 004's usual case unless overridden."""

    def make(**overrides):
        values = {"actor": hmi, "council": council, "lead_inspector": hmi, **VISIT}
        return services.unannounced_save(**(values | overrides))

    return make


@pytest.fixture
def inspection(record):
    """A draft inspection of the council in June 2009: the visit recorded, nothing else."""
    return record()


@pytest.fixture
def complete(hmi):
    """Make an inspection ready to send: the nine aspects evaluated, the outcome chosen, the
    four recipients named and the letter written."""

    def make(inspection, outcome="some_concerns", **letter):
        inspection = services.unannounced_aspects_save(
            actor=hmi,
            inspection=inspection,
            findings=FINDINGS,
            expected_lock_version=inspection.lock_version,
        )
        values = {"outcome": outcome, "letter_body": LETTER, **RECIPIENTS, **letter}
        return services.unannounced_letter_save(
            actor=hmi,
            inspection=inspection,
            expected_lock_version=inspection.lock_version,
            **values,
        )

    return make


@pytest.fixture
def send(hmi):
    def make(inspection, on=date(2009, 6, 26)):
        lock = inspection.lock_version
        return services.unannounced_letter_send(
            actor=hmi, inspection=inspection, sent_on=on, expected_lock_version=lock
        )

    return make
