"""Who may see councils: DOMAIN.md §1 "An authority's users see only their own authority"."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INSPECTORATE = [
    Role.HMI,
    Role.BRM,
    Role.PROGRAMME_ADMINISTRATOR,
    Role.MANAGEMENT_READER,
    Role.MODERATOR,
    Role.PANEL_MEMBER,
]
COUNCIL_ROLES = [Role.LINK_OFFICER, Role.DIRECTOR]


@pytest.mark.parametrize("role", INSPECTORATE)
def test_inspectorate_staff_see_the_list_and_every_council(role, council, other_council):
    person = UserFactory(roles=[role])
    assert person.has_perm("authorities.view_council_list")
    assert person.has_perm("authorities.view_council", council)
    assert person.has_perm("authorities.view_council", other_council)


@pytest.mark.parametrize("role", COUNCIL_ROLES)
def test_council_users_see_only_their_own_council(role, council, other_council):
    person = UserFactory(roles=[role], council=council)
    assert not person.has_perm("authorities.view_council_list")
    assert person.has_perm("authorities.view_council", council)
    assert not person.has_perm("authorities.view_council", other_council)


@pytest.mark.parametrize(
    "person",
    [
        pytest.param(lambda: AnonymousUser(), id="signed out"),
        pytest.param(lambda: UserFactory(roles=[Role.HMI], is_active=False), id="inactive HMI"),
        pytest.param(lambda: UserFactory(roles=[]), id="no role"),
    ],
)
def test_others_see_nothing(person, council):
    someone = person()
    assert not someone.has_perm("authorities.view_council_list")
    assert not someone.has_perm("authorities.view_council", council)
