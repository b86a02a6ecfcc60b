"""Pages of two-factor sign-in: the code step of signing in, setting up, recovery codes,
turning off, and an administrator's reset (issue 21 §3; decision 0034).

The code step comes BEFORE the person is signed in: after the right password, only their id
(and how they were authenticated) waits in the anonymous session for a few minutes
(TWO_FACTOR_CODE_TIMEOUT_SECONDS), so every other page still answers "sign in".
"""

import time

import django_otp
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache

from ecm.accounts import two_factor
from ecm.accounts.models import User
from ecm.core.access import access_object, refuse_unless
from ecm.core.forms import GovUKForm, call_service, posted

MANAGE_PEOPLE = "accounts.manage_people"
PENDING_KEY = two_factor.PENDING_KEY
TIMED_OUT = "The time to enter your code ran out. Sign in again"


class CodeForm(GovUKForm):
    title = "Enter the code from your authenticator app"
    submit_label = "Continue"

    code = forms.CharField(
        label="Code",
        help_text=(
            "The 6-digit code your authenticator app shows for ECM Assess. If you do not have "
            "your phone, enter one of your recovery codes instead."
        ),
        max_length=20,
        error_messages={"required": two_factor.CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )


class SetUpCodeForm(CodeForm):
    title = "Set up two-factor sign-in"
    submit_label = "Turn on two-factor sign-in"

    # Issue 21 §3: whoever holds only a signed-in browser must not be able to turn it on with
    # their own phone, and lock the owner out (two_factor.password_confirm).
    password = forms.CharField(
        label="Your password",
        help_text=(
            "The password you sign in with. We ask for it so that nobody else using this "
            "browser can turn on two-factor sign-in for you."
        ),
        strip=False,
        error_messages={"required": two_factor.PASSWORD_REQUIRED},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code from your authenticator app"
        self.fields["code"].help_text = "The 6-digit code the app shows after you add the key."


class NewCodesForm(CodeForm):
    title = "Make new recovery codes"
    submit_label = "Make new recovery codes"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            "The 6-digit code your authenticator app shows now. Your old recovery codes will "
            "stop working."
        )


class TurnOffForm(CodeForm):
    title = "Turn off two-factor sign-in"
    submit_label = "Turn off two-factor sign-in"


class ResetForm(GovUKForm):
    title = "Reset two-factor sign-in"
    submit_label = "Reset two-factor sign-in"

    reason = forms.CharField(
        label="Why are you resetting it?",
        help_text="For example, the person has lost their phone. This is kept in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": two_factor.REASON_REQUIRED},
    )


def code_step_begin(request, *, user: User, redirect_to: str):
    """Called by the sign-in page after the right password, for a person with two-factor on:
    note who they are in the (still anonymous) session and ask for their code."""
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "until": int(time.time()) + settings.TWO_FACTOR_CODE_TIMEOUT_SECONDS,
        "next": redirect_to,
    }
    return redirect("accounts:sign-in-code")


def _pending(request) -> dict | None:
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return None
    if pending["until"] < time.time():
        del request.session[PENDING_KEY]
        messages.error(request, TIMED_OUT)
        return None
    return pending


@login_not_required
def sign_in_code(request):
    """The second step of signing in; also where a signed-in inspector whose session was not
    verified gives a code (the middleware sends them here)."""
    if request.user.is_authenticated:
        user, pending = request.user, None
        if request.user.is_verified() or not two_factor.is_on(user):
            return redirect(settings.LOGIN_REDIRECT_URL)
    else:
        pending = _pending(request)
        if pending is None:
            return redirect("accounts:sign-in")
        user = User.objects.filter(pk=pending["user_id"], is_active=True).first()
        if user is None:
            del request.session[PENDING_KEY]
            return redirect("accounts:sign-in")
    form = CodeForm(posted(request))
    if form.is_valid():
        device = call_service(
            form, two_factor.code_check, user=user, code=form.cleaned_data["code"]
        )
        if device:
            if pending is not None:
                del request.session[PENDING_KEY]
                auth_login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            request.session.pop(two_factor.CODE_OWED_KEY, None)
            if device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = two_factor.recovery_codes_left(user)
                messages.success(
                    request,
                    f"You signed in with a recovery code, which cannot be used again. You have "
                    f"{left} left: make new ones from Two-factor sign-in if you are running out",
                )
            return redirect(pending["next"] if pending else settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/sign_in_code.html",
        {"form": form, "back_url": None if pending is None else reverse("accounts:sign-in")},
    )


def two_factor_status(request):
    """Whether two-factor sign-in is on, and what the person may do about it."""
    user = request.user
    device = two_factor.app_device(user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": device,
            "codes_left": two_factor.recovery_codes_left(user) if device else 0,
            "required": two_factor.is_required(user),
            "exempt": two_factor.is_exempt(user),
            "may_turn_off": two_factor.may_turn_off(user),
        },
    )


@never_cache
def two_factor_set_up(request):
    """The QR code and the secret of a new, unconfirmed app device; a code from the app and
    the person's password turn it on (a wrong password counts as a failed sign-in, and a
    lock-out answers here as at sign-in), and the recovery codes are shown once, in the answer
    to that POST."""
    user = request.user
    if two_factor.is_exempt(user) or two_factor.is_on(user):
        return redirect("accounts:two-factor")
    device = two_factor.two_factor_begin(user=user)
    form = SetUpCodeForm(posted(request))
    if form.is_valid():
        done = call_service(
            form,
            two_factor.two_factor_turn_on,
            actor=user,
            password=form.cleaned_data["password"],
            code=form.cleaned_data["code"],
            request=request,
            current_session_key=request.session.session_key,
        )
        if done:
            device, codes = done
            django_otp.login(request, device)
            request.session.pop(two_factor.CODE_OWED_KEY, None)
            return _recovery_codes_page(request, codes, first=True)
    return render(
        request,
        "accounts/two_factor_set_up.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
            "required": two_factor.is_required(user),
            "back_url": reverse("accounts:two-factor"),
        },
    )


def _recovery_codes_page(request, codes: list[str], *, first: bool):
    response = render(request, "accounts/recovery_codes.html", {"codes": codes, "first": first})
    response["Cache-Control"] = "no-store"  # shown once: never kept by the browser or a proxy
    return response


@never_cache
def two_factor_new_codes(request):
    """New recovery codes in place of the old, after a code from the app."""
    if not two_factor.is_on(request.user):
        return redirect("accounts:two-factor")
    form = NewCodesForm(posted(request))
    if form.is_valid():
        codes = call_service(
            form,
            two_factor.recovery_codes_renew,
            actor=request.user,
            code=form.cleaned_data["code"],
        )
        if codes:
            return _recovery_codes_page(request, codes, first=False)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "back_url": reverse("accounts:two-factor")},
    )


def two_factor_turn_off(request):
    """Council users only (issue 21 §3); for inspectorate staff the page does not exist."""
    refuse_unless(two_factor.may_turn_off(request.user))
    if not two_factor.is_on(request.user):
        return redirect("accounts:two-factor")
    form = TurnOffForm(posted(request))
    if form.is_valid() and call_service(
        form, two_factor.two_factor_turn_off, actor=request.user, code=form.cleaned_data["code"]
    ):
        messages.success(request, "Two-factor sign-in is off. You sign in with your password only")
        return redirect("accounts:two-factor")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "intro": "You will sign in with your password only. Enter a code to confirm.",
            "back_url": reverse("accounts:two-factor"),
        },
    )


def person_two_factor_reset(request, pk: int):
    """A programme administrator resets a person's two-factor sign-in (a lost phone)."""
    person = access_object(request.user, User, MANAGE_PEOPLE, pk=pk)
    form = ResetForm(posted(request))
    if form.is_valid():
        signed_out = call_service(
            form,
            two_factor.two_factor_reset,
            actor=request.user,
            person=person,
            reason=form.cleaned_data["reason"],
        )
        if signed_out is not None:
            messages.success(
                request,
                f"{person}'s two-factor sign-in has been reset and they have been signed out "
                f"everywhere ({signed_out} browser{'s' if signed_out != 1 else ''}). They set it "
                "up again when they next sign in",
            )
            return redirect("accounts:person-detail", pk=person.pk)
    return render(
        request,
        "accounts/person_two_factor_reset.html",
        {
            "form": form,
            "person": person,
            "caption": str(person),
            "is_on": two_factor.is_on(person),
            "back_url": resolve_url("accounts:person-detail", pk=person.pk),
        },
    )
