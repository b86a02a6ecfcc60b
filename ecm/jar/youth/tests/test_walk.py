# ruff: noqa: F811  (the walk's fixture is imported and redefined as an argument)
"""The permission walk (tests/test_permission_walk.py) over this part's pages alone, so that
they are checked while other parts of the project are still being built."""

import pytest
from django.urls import reverse

from tests.test_permission_walk import (  # noqa: F401  (world is a fixture)
    ACCESS,
    ANON,
    AS_SEEN_FROM_OTHER_COUNCIL,
    PERSONAS,
    POST_ONLY,
    _kwargs_for,
    _variants,
    project_urls,
    world,
)

pytestmark = pytest.mark.django_db


def test_every_youth_page_answers_each_role_as_its_walk_entry_says(client, world):
    users, kwargs_table = world
    failures, walked = [], 0
    for name, converters in project_urls():
        if not name.startswith("jar:youth"):
            continue
        rule = ACCESS[name]
        for variant in _variants(name, converters, kwargs_table):
            url = reverse(name, kwargs=_kwargs_for(name, converters, kwargs_table, variant))
            for persona in [ANON, *PERSONAS]:
                client.logout()
                if persona != ANON:
                    client.force_login(users[persona])
                status = client.get(url).status_code
                walked += 1
                if rule == POST_ONLY:
                    expected = 302 if persona == ANON else 405
                else:
                    who = AS_SEEN_FROM_OTHER_COUNCIL.get(persona, persona) if variant else persona
                    expected = rule.get(who, 302 if persona == ANON else 404)
                if status != expected:
                    failures.append(f"{persona} GET {url} ({name}, {variant}): {status}")
    assert walked > 100
    assert not failures, "\n".join(failures)
