"""The lock-out page a refused sign-in gets, and the administrator's unlock (issue 21 §2)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ecm.accounts.forms import AddressUnlockForm, UnlockForm
from ecm.accounts.lockouts import (
    lockout_of,
    sign_in_name,
    sign_in_unlock,
    sign_in_unlock_address,
)
from ecm.accounts.models import User
from ecm.core.access import access_object, require_perm
from ecm.core.forms import call_service

MANAGE_PEOPLE = "accounts.manage_people"


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the answer to a sign-in while its account or address is locked
    out. 429 Too Many Requests; it says until when, and who can lift it sooner. It never says
    whether the email address has an account."""
    email = sign_in_name(request, credentials)
    address = getattr(request, "axes_ip_address", None)
    locks = [
        lock
        for lock in (
            lockout_of(email=email) if email else None,
            lockout_of(address=address) if address else None,
        )
        if lock
    ]
    until = max((lock.until for lock in locks), default=None)
    return render(
        request,
        "accounts/locked_out.html",
        {"until": until, "minutes": settings.SIGN_IN_COOLOFF_MINUTES},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


@require_http_methods(["GET", "POST"])
def person_unlock(request, pk: int):
    """Let a locked-out person sign in again, with a reason (programme administrators)."""
    person = access_object(request.user, User, MANAGE_PEOPLE, pk=pk)
    lock = lockout_of(email=person.email)
    form = UnlockForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            sign_in_unlock,
            actor=request.user,
            person=person,
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.success(request, f"{person} can sign in again")
        return redirect("accounts:person-detail", pk=person.pk)
    return render(
        request,
        "accounts/locked_out_unlock.html",
        {
            "form": form,
            "person": person,
            "lock": lock,
            "caption": str(person),
            "back_url": reverse("accounts:person-detail", args=[person.pk]),
        },
    )


@require_http_methods(["GET", "POST"])
def address_unlock(request):
    """Let a locked-out network address sign in again, with a reason (programme
    administrators). The address is the People page's link's `?address=`, then the form's."""
    require_perm(request.user, MANAGE_PEOPLE)
    data = request.POST if request.method == "POST" else request.GET
    address = data.get("address", "").strip()
    form = AddressUnlockForm(request.POST or None, initial={"address": address})
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            sign_in_unlock_address,
            actor=request.user,
            address=form.cleaned_data["address"],
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.success(request, f"Signing in from network address {address} works again")
        return redirect("accounts:person-list")
    return render(
        request,
        "accounts/address_unlock.html",
        {
            "form": form,
            "address": address,
            "lock": lockout_of(address=address) if address else None,
            "caption": f"Network address {address}" if address else "",
            "back_url": reverse("accounts:person-list"),
        },
    )
