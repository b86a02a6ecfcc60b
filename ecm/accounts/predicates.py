"""Named, composable permission predicates about people (DESIGN.md example 5, django-rules).

Other apps compose these with predicates about their own objects in their own rules.py.
"""

import rules

from ecm.accounts.roles import INSPECTOR_ROLES, Role


def _has_role(*roles: str):
    wanted = frozenset(roles)

    @rules.predicate(name="has_role:" + ",".join(sorted(wanted)))
    def predicate(user) -> bool:
        return bool(user.is_authenticated and user.is_active and (user.roles & wanted))

    return predicate


is_programme_administrator = _has_role(Role.PROGRAMME_ADMINISTRATOR)
is_hmi = _has_role(Role.HMI)
is_brm = _has_role(Role.BRM)
is_inspector = _has_role(*INSPECTOR_ROLES)
is_management_reader = _has_role(Role.MANAGEMENT_READER)
is_moderator = _has_role(Role.MODERATOR)
is_panel_member = _has_role(Role.PANEL_MEMBER)
is_council_user = _has_role(Role.LINK_OFFICER, Role.DIRECTOR)


@rules.predicate
def is_inspectorate(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_inspectorate)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def belongs_to_council(user, council) -> bool:
    """A council user and the council (or an object with a .council) are the same council."""
    if council is None or not user.is_authenticated or user.council_id is None:
        return False
    council_id = getattr(council, "council_id", None) or getattr(council, "pk", None)
    return user.council_id == council_id
