"""The permission walk (tests/test_permission_walk.py) over this part's pages alone, so that
they are checked while other parts of the project are still being built."""

import pytest

from tests.test_permission_walk import URLS, walk_failures

YOUTH = [(name, converters) for name, converters in URLS if name.startswith("jar:youth")]


def test_the_youth_part_has_pages_to_walk():
    assert len(YOUTH) >= 5, YOUTH


@pytest.mark.parametrize(("name", "converters"), YOUTH, ids=[name for name, _ in YOUTH])
def test_every_youth_page_answers_each_role_as_its_walk_entry_says(
    name, converters, walk_world, walk_clients, db
):
    failures, walked = walk_failures(name, converters, walk_world, walk_clients)
    assert walked >= 11  # anonymous and every persona
    assert not failures, "\n".join(failures)
