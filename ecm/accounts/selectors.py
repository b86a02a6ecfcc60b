"""Reading people."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from ecm.accounts.inspectorates import inspectorate_codes_on
from ecm.accounts.models import RoleGrant, User


def user_list(*, role: str | None = None, council=None) -> QuerySet[User]:
    qs = User.objects.select_related("council").prefetch_related(
        Prefetch("role_grants", queryset=RoleGrant.objects.only("user_id", "role"))
    )
    if role:
        qs = qs.filter(role_grants__role=role)
    if council is not None:
        qs = qs.filter(council=council)
    return qs.distinct()


def users_with_role(role: str) -> QuerySet[User]:
    return User.objects.filter(role_grants__role=role, is_active=True).distinct()


def council_recipients(*, council) -> list[str]:
    """Who is emailed what is sent to a council: the council's active users (their addresses,
    sorted). Letters, meeting records and representation outcomes all go to these."""
    return sorted(
        User.objects.filter(council=council, is_active=True).values_list("email", flat=True)
    )


def inspectorate_staff_on(day: date, *, roles: Iterable[str] | None = None) -> QuerySet[User]:
    """Active inspectorate-side people whose inspectorate existed on ``day`` (issue 24 §3: a
    2009 inspection is not offered a CSCI manager). People whose inspectorate is not recorded
    are kept: the list cannot tell, and leaving them out would hide real staff."""
    qs = User.objects.filter(is_active=True, council__isnull=True)
    if roles is not None:
        qs = qs.filter(role_grants__role__in=list(roles))
    return qs.filter(Q(inspectorate="") | Q(inspectorate__in=inspectorate_codes_on(day))).distinct()
