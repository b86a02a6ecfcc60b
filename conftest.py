"""Fixtures shared by every app's tests: factories exposed as fixtures (DESIGN.md example 7)."""

import os
import sys

import pytest

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.authorities.tests.factories import CouncilFactory

# This machine (and CI, which runs on it) sets PYTHONDONTWRITEBYTECODE=1, so every xdist
# worker and every `manage.py` a test starts compiled Django, pandas and the project afresh:
# collecting ecm/core took 9.5 s instead of 4.1 s. The suite writes bytecode (into the
# git-ignored __pycache__ folders) for itself and the processes it starts.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Fixtures shared across apps live in plugins named here, never imported into a test module
# or another conftest (issue 18 §3): the per-worker databases, and the APA world that the
# analysis, meeting, letter, representation and programme tests all build on.
pytest_plugins = [
    "tests.plugins.databases",
    "tests.plugins.walk_world",
    "ecm.analysis.tests.fixtures",
    "ecm.meetings.tests.fixtures",
    "ecm.letters.tests.fixtures",
    "ecm.letters.tests.stage_fixtures",
]


@pytest.fixture
def council(db):
    return CouncilFactory()


@pytest.fixture
def other_council(db):
    return CouncilFactory()


@pytest.fixture
def make_user(db):
    def make(*roles, council=None, **kwargs):
        return UserFactory(roles=list(roles), council=council, **kwargs)

    return make


@pytest.fixture
def administrator(make_user):
    return make_user(Role.PROGRAMME_ADMINISTRATOR)


@pytest.fixture
def hmi(make_user):
    return make_user(Role.HMI)


@pytest.fixture
def brm(make_user):
    return make_user(Role.BRM)


@pytest.fixture
def link_officer(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)
