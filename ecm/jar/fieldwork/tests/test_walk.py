"""The permission walk (tests/test_permission_walk.py) over this part's pages alone: the plan
is read across councils, by the team and by the council's own people; only the team plans,
withdraws and records meetings (issue 24 §2)."""

import pytest

from ecm.jar.fieldwork.tests.walk import ACCESS
from tests.test_permission_walk import URLS, walk_failures

FIELDWORK = [(name, converters) for name, converters in URLS if name in ACCESS]


def test_the_fieldwork_part_has_pages_to_walk():
    assert {name for name, _ in FIELDWORK} == set(ACCESS)


@pytest.mark.parametrize(("name", "converters"), FIELDWORK, ids=[n for n, _ in FIELDWORK])
def test_every_fieldwork_page_answers_each_role_as_its_walk_entry_says(
    name, converters, walk_world, walk_clients, db
):
    failures, walked = walk_failures(name, converters, walk_world, walk_clients)
    assert walked >= 11  # anonymous and every persona
    assert not failures, "\n".join(failures)
