"""Codes for tests of two-factor sign-in (issue 21 §3), as an authenticator app makes them."""

import time

from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecm.accounts import two_factor
from ecm.accounts.tests.factories import TEST_PASSWORD


def app_code(device: TOTPDevice, *, ahead: int = 1) -> str:
    """The code the app shows `ahead` time steps from now. A code is accepted once, and only
    at a later step than the last one accepted (django-otp's last_t), so a test that enters
    several codes takes each from the next step, which the device's tolerance of one step
    accepts, instead of waiting 30 seconds."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def turn_on(user) -> tuple[TOTPDevice, list[str]]:
    """Two-factor sign-in set up for `user` as the set-up page does it; the recovery codes."""
    device = two_factor.two_factor_begin(user=user)
    return two_factor.two_factor_turn_on(
        actor=user,
        password=TEST_PASSWORD,
        code=app_code(device, ahead=0),
        request=RequestFactory().post(reverse("accounts:two-factor-set-up")),
        current_session_key=None,
    )


def give_password(client, user, password: str = TEST_PASSWORD):
    return client.post(reverse("accounts:sign-in"), {"username": user.email, "password": password})


def give_code(client, code: str):
    return client.post(reverse("accounts:sign-in-code"), {"code": code})
