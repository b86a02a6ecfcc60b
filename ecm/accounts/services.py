"""Creating and changing people and their roles. Every change is audited."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.models import RoleGrant, User
from ecm.accounts.roles import COUNCIL, INSPECTORATE, Role
from ecm.audit.services import audit_record

COUNCIL_ROLE_NEEDS_COUNCIL = (
    "Choose the council this person works for: council roles belong to one council"
)
INSPECTORATE_ROLE_HAS_NO_COUNCIL = (
    "Remove the council, or remove the inspectorate roles: inspectorate staff belong to no council"
)
NO_MIXED_SIDES = (
    "Choose either council roles or inspectorate roles: one person cannot hold both "
    "(a council officer must never see other councils' assessments)"
)
COUNCIL_USER_HAS_NO_INSPECTORATE = (
    "Remove the inspectorate: council officers do not work for an inspectorate"
)
NEEDS_A_ROLE = "Choose at least one role"
EMAIL_TAKEN = "An account with this email address already exists: find it in the list instead"
REASON_REQUIRED = "Enter why you are making this change: it is kept in the audit trail"


def _check_roles_and_council(*, roles: set[str], council, inspectorate: str = "") -> None:
    """DOMAIN.md §1: an authority's users see only their own authority, so a council user
    belongs to exactly one council and holds no inspectorate role (nor an inspectorate)."""
    if not roles:
        raise ValidationError({"roles": NEEDS_A_ROLE})
    council_roles = roles & COUNCIL.roles
    inspectorate_roles = roles & INSPECTORATE.roles
    if council_roles and inspectorate_roles:
        raise ValidationError({"roles": NO_MIXED_SIDES})
    if council_roles and council is None:
        raise ValidationError({"council": COUNCIL_ROLE_NEEDS_COUNCIL})
    if inspectorate_roles and council is not None:
        raise ValidationError({"council": INSPECTORATE_ROLE_HAS_NO_COUNCIL})
    if council_roles and inspectorate:
        raise ValidationError({"inspectorate": COUNCIL_USER_HAS_NO_INSPECTORATE})


def _snapshot(user: User) -> dict:
    return {
        "email": user.email,
        "name": user.get_full_name(),
        "job_title": user.job_title,
        "council": user.council.name if user.council else None,
        "inspectorate": user.inspectorate or None,
        "roles": sorted(user.roles),
        "is_active": user.is_active,
    }


@transaction.atomic
def user_create(
    *,
    actor,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[str],
    council=None,
    job_title: str = "",
    password: str | None = None,
    is_demo: bool = False,
    inspectorate: str = "",
) -> User:
    """Create a person with their roles. Without a password the account cannot sign in until
    one is set (demo accounts never have a usable one: ecm.accounts.backends)."""
    role_set = {Role(r).value for r in roles}
    _check_roles_and_council(roles=role_set, council=council, inspectorate=inspectorate)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": EMAIL_TAKEN})
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        council=council,
        is_demo=is_demo,
        inspectorate=inspectorate,
    )
    if password and not is_demo:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=r) for r in sorted(role_set)])
    user.__dict__.pop("roles", None)
    audit_record(actor=actor, verb="user.created", target=user, after=_snapshot(user))
    return user


@transaction.atomic
def user_update(
    *,
    actor,
    user: User,
    first_name: str,
    last_name: str,
    job_title: str,
    roles: Iterable[str],
    council,
    is_active: bool,
    reason: str,
    inspectorate: str | None = None,
) -> User:
    """Change a person's details, roles, council or whether the account is open."""
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    role_set = {Role(r).value for r in roles}
    user = User.objects.select_for_update().get(pk=user.pk)
    if inspectorate is None:  # not asked: keep the one recorded
        inspectorate = user.inspectorate
    _check_roles_and_council(roles=role_set, council=council, inspectorate=inspectorate)
    before = _snapshot(user)
    user.first_name, user.last_name, user.job_title = first_name, last_name, job_title
    user.council, user.is_active = council, is_active
    user.inspectorate = inspectorate
    user.save()
    RoleGrant.objects.filter(user=user).exclude(role__in=role_set).delete()
    existing = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=r) for r in role_set - existing])
    user.__dict__.pop("roles", None)
    audit_record(
        actor=actor,
        verb="user.updated",
        target=user,
        before=before,
        after=_snapshot(user),
        reason=reason,
    )
    return user


@transaction.atomic
def password_reset_complete(*, person: User, password: str) -> None:
    """Set a forgotten password from a reset link (issue 21 §3), the password already checked
    by the project's password rules. The link then stops working: its token covers the
    password. Audited, never with the password or the link."""
    person = User.objects.select_for_update().get(pk=person.pk)
    person.set_password(password)
    person.save(update_fields=["password"])
    audit_record(actor=person, verb="password.reset", target=person, after={"email": person.email})
