"""Sign-in lock-outs (issue 21 §2; decision 0035), kept by django-axes.

Axes counts wrong passwords per email address and per client address (AXES_LOCKOUT_PARAMETERS)
and refuses either once it reaches SIGN_IN_FAILURE_LIMIT within SIGN_IN_COOLOFF_MINUTES. This
module tells axes what the account and the address are, audits a lock-out as it starts, says
until when one runs, and lets a programme administrator lift one, of an account
(`sign_in_unlock`) or of an address (`sign_in_unlock_address`).
"""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.services import audit_record

UNLOCK_REASON_REQUIRED = "Enter why you are letting them sign in again: it is kept in the audit"
NOT_LOCKED_OUT = "{person} is not locked out: they can already sign in"
ADDRESS_UNLOCK_REASON_REQUIRED = (
    "Enter why you are letting this address sign in again: it is kept in the audit trail"
)
ADDRESS_NOT_LOCKED_OUT = (
    "Network address {address} is not locked out: signing in from it already works"
)


def sign_in_name(request, credentials: dict | None = None) -> str | None:
    """The account a sign-in names, as axes counts it: the email address as the sign-in form
    posts it (field `username`), lower-cased, so that "A@x" and "a@x" are one account."""
    credentials = credentials or {}
    # The form's field is `username`; axes' own lookups name it by USERNAME_FIELD, `email`.
    name = credentials.get("username") or credentials.get("email")
    if name is None and request is not None:
        name = getattr(request, "POST", {}).get("username")
    return name.strip().lower() if name else None


def client_address(request) -> str | None:
    """The address a sign-in comes from. Directly served, REMOTE_ADDR. Behind
    SIGN_IN_PROXY_COUNT reverse proxies, the address the outermost of them saw: that many
    entries from the right of X-Forwarded-For (entries further left are whatever the client
    chose to send, so they are never trusted)."""
    proxies = settings.SIGN_IN_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _counted(**lookup):
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=threshold, **lookup).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )


@dataclass(frozen=True)
class LockOut:
    """A lock-out in force: of an account (`email`) or of an address, until `until`."""

    email: str | None
    address: str | None
    until: datetime


def lockout_of(*, email: str | None = None, address: str | None = None) -> LockOut | None:
    """The lock-out in force on an email address or a client address, if any: axes' own rule
    (failures still counted reach the limit), and until the last of them is
    SIGN_IN_COOLOFF_MINUTES old."""
    lookup = {"username": email.lower()} if email else {"ip_address": address}
    counted = _counted(**lookup)
    if (counted["failures"] or 0) < settings.AXES_FAILURE_LIMIT:
        return None
    return LockOut(
        email=email.lower() if email else None,
        address=address,
        until=counted["last"] + settings.AXES_COOLOFF_TIME,
    )


def lockouts_in_force() -> list[LockOut]:
    """Every account and address locked out now, soonest to end first (the People page): one
    query each, however many addresses an attacker used."""
    found = []
    recent = AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )
    for field in ("username", "ip_address"):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by()
        )
        for row in rows:
            found.append(
                LockOut(
                    email=row[field] if field == "username" else None,
                    address=row[field] if field == "ip_address" else None,
                    until=row["last"] + settings.AXES_COOLOFF_TIME,
                )
            )
    return sorted(found, key=lambda lock: lock.until)


@receiver(user_locked_out)
def _audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Audit a lock-out once, as it starts: the failure that reached the limit. Axes sends the
    signal again for every refused try while it lasts (then `axes_failures_since_start` is
    unset, as that try is not counted), and those are not worth an entry each: an attacker
    would fill the trail."""
    if request is None or getattr(request, "axes_failures_since_start", None) is None:
        return
    person = User.objects.filter(email__iexact=username).first() if username else None
    audit_record(
        actor=None,
        verb="sign_in.locked_out",
        target=person or _unknown_account(),
        after={
            "email": username,
            "address": ip_address,
            "failures": request.axes_failures_since_start,
            "minutes": settings.SIGN_IN_COOLOFF_MINUTES,
        },
    )


def _unknown_account():
    """The target of a lock-out naming no account (a guessed email, or an address): the
    attempt row axes keeps for it."""
    return AccessAttempt.objects.order_by("-attempt_time").first()


@transaction.atomic
def sign_in_unlock(*, actor: User, person: User, reason: str) -> None:
    """Let a locked-out person sign in again before the lock-out ends (issue 21 §2: "an
    administrator's unlock"): forget their counted failures, from every address (those
    failures no longer count against the address either). Audited with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": UNLOCK_REASON_REQUIRED})
    lock = lockout_of(email=person.email)
    if lock is None:
        raise ValidationError(NOT_LOCKED_OUT.format(person=person))
    removed = reset(username=person.email.lower())
    audit_record(
        actor=actor,
        verb="sign_in.unlocked",
        target=person,
        before={"locked_until": lock.until, "attempts": removed},
        reason=reason,
    )


@transaction.atomic
def sign_in_unlock_address(*, actor: User, address: str, reason: str) -> None:
    """Let everyone signing in from a locked-out network address in again before the lock-out
    ends: an office whose staff share one address, locked out by a few mistyped passwords,
    need not wait. Axes' failures from the address are forgotten (`axes.utils.reset(ip=…)`),
    and with them what they counted against the accounts they were for, as `sign_in_unlock`
    forgets an account's failures from every address. Audited `sign_in.unlocked` with the
    reason, against axes' latest attempt row for the address (as the lock-out itself was when
    it named no account), read before the reset deletes it. The page checks
    `accounts.manage_people`."""
    if not reason.strip():
        raise ValidationError({"reason": ADDRESS_UNLOCK_REASON_REQUIRED})
    lock = lockout_of(address=address) if address else None
    if lock is None:
        raise ValidationError(ADDRESS_NOT_LOCKED_OUT.format(address=address))
    failures = _counted(ip_address=address)["failures"]
    latest = AccessAttempt.objects.filter(ip_address=address).order_by("-attempt_time").first()
    audit_record(
        actor=actor,
        verb="sign_in.unlocked",
        target=latest,
        before={"address": address, "locked_until": lock.until, "failures": failures},
        after={"address": address, "locked_until": None},
        reason=reason.strip(),
    )
    reset(ip=address)
