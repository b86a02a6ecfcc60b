"""Sign-in defences (issue 21 §2; "What was seen" 6: "100 wrong passwords for the administrator
in 7.5 s, then the right one worked", and a timing oracle in demo mode)."""

import itertools
from datetime import timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import get_hasher
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings
from django.urls import reverse

from ecm.accounts.backends import DEMO_PASSWORD
from ecm.accounts.lockouts import (
    ADDRESS_UNLOCK_REASON_REQUIRED,
    UNLOCK_REASON_REQUIRED,
    client_address,
    lockout_of,
    sign_in_unlock,
    sign_in_unlock_address,
)
from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import TEST_PASSWORD
from ecm.audit.models import AuditEntry
from ecm.audit.selectors import audit_history

pytestmark = pytest.mark.django_db

SIGN_IN = "/sign-in/"
LOCKED = 'id="locked-out"'


def _try(client, email, password, address="192.0.2.1"):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=address)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def person(make_user):
    return make_user(Role.HMI, email="target@ofsted.example")


def test_the_account_is_locked_after_the_limit_from_any_address_issue_21_2(client, person):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5  # the issue's default: 5 failures per 15 minutes
    for n in range(limit - 1):
        page = _try(client, person.email, "wrong", address=f"198.51.100.{n}")
        assert page.status_code == 200 and LOCKED not in page.content.decode()
    page = _try(client, person.email, "wrong", address="198.51.100.99")
    assert page.status_code == 429
    assert LOCKED in page.content.decode()
    # The right password, from a fresh address, is refused while it lasts.
    page = _try(client, person.email, TEST_PASSWORD, address="203.0.113.7")
    assert page.status_code == 429
    assert not _signed_in(client)


def test_the_account_counts_its_email_in_any_case_issue_21_2(client, person):
    for n in range(settings.AXES_FAILURE_LIMIT):
        email = person.email.upper() if n % 2 else person.email
        _try(client, email, "wrong", address=f"198.51.100.{n}")
    assert _try(client, person.email, TEST_PASSWORD, "203.0.113.7").status_code == 429


def test_an_address_is_locked_after_the_limit_whatever_the_emails_issue_21_2(client, person):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, f"guess{n}@ofsted.example", "wrong", address="192.0.2.66")
    page = _try(client, person.email, TEST_PASSWORD, address="192.0.2.66")
    assert page.status_code == 429 and not _signed_in(client)
    # The same person from another address is not locked out.
    page = _try(client, person.email, TEST_PASSWORD, address="192.0.2.67")
    assert page.status_code == 302 and _signed_in(client)


def test_below_the_limit_the_right_password_still_works_issue_21_2(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, person.email, "wrong")
    assert _try(client, person.email, TEST_PASSWORD).status_code == 302
    assert _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_limit_is_a_setting_issue_21_2(client, person):
    _try(client, person.email, "wrong")
    assert _try(client, person.email, "wrong").status_code == 429


def test_the_lockout_ends_after_the_cool_off_issue_21_2(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, person.email, "wrong")
    assert _try(client, person.email, TEST_PASSWORD).status_code == 429
    minutes = settings.SIGN_IN_COOLOFF_MINUTES
    assert minutes == 15
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=minutes + 1)
    )
    assert _try(client, person.email, TEST_PASSWORD).status_code == 302


def test_the_lockout_page_says_until_when_and_who_can_unlock_issue_21_2(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page = _try(client, person.email, "wrong")
    body = page.content.decode()
    assert page.status_code == 429
    assert "You cannot sign in for now" in body
    assert "ask your programme administrator to unlock your account" in body
    until = AccessAttempt.objects.get().attempt_time + settings.AXES_COOLOFF_TIME
    assert f"{until.astimezone(ZoneInfo(settings.TIME_ZONE)):%H:%M}" in body
    assert "govuk-template" in body  # the service's own page, not axes' plain text


def test_a_lockout_is_audited_once_as_it_starts_issue_21_2(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        _try(client, person.email, "wrong", address="192.0.2.9")
    entry = audit_history(target=person).get(verb="sign_in.locked_out")
    assert entry.actor is None
    assert entry.after["address"] == "192.0.2.9"
    assert entry.after["email"] == person.email
    assert AuditEntry.objects.filter(verb="sign_in.locked_out").count() == 1


def test_an_administrator_lets_a_locked_out_person_in_again_with_a_reason_issue_21_2(
    client, person, administrator
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, person.email, "wrong")
    admin = client.__class__()
    admin.force_login(administrator)
    detail = admin.get(reverse("accounts:person-detail", args=[person.pk])).content.decode()
    assert "is locked out" in detail and "Let them sign in again" in detail
    people = admin.get(reverse("accounts:person-list")).content.decode()
    assert 'id="lockouts"' in people and person.email in people

    url = reverse("accounts:person-unlock", args=[person.pk])
    page = admin.post(url, {"reason": ""})
    assert page.status_code == 200 and "Enter why you are letting them sign in again" in (
        page.content.decode().replace("&#x27;", "'")
    )
    page = admin.post(url, {"reason": "Rang: forgot the password"})
    assert page.status_code == 302
    entry = audit_history(target=person).get(verb="sign_in.unlocked")
    assert entry.actor == administrator and entry.reason == "Rang: forgot the password"
    # The failures are forgotten for the account and for the address they came from.
    assert _try(client, person.email, TEST_PASSWORD).status_code == 302
    assert _signed_in(client)


def test_an_unlock_needs_a_reason_and_a_lockout_issue_21_2(person, administrator):
    with pytest.raises(ValidationError, match="not locked out"):
        sign_in_unlock(actor=administrator, person=person, reason="Asked")
    with pytest.raises(ValidationError, match=UNLOCK_REASON_REQUIRED[:20]):
        sign_in_unlock(actor=administrator, person=person, reason=" ")


def test_only_a_programme_administrator_can_unlock_issue_21_2(client, person, make_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, person.email, "wrong")
    other = client.__class__()
    other.force_login(make_user(Role.HMI))
    url = reverse("accounts:person-unlock", args=[person.pk])
    assert other.get(url).status_code == 404
    assert other.post(url, {"reason": "Let me in"}).status_code == 404
    assert _try(client, person.email, TEST_PASSWORD).status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # served directly: the header is the client's word
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the proxy's entry, not the spoofed one
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_behind_a_proxy_is_the_proxy_s_entry_issue_21_2(
    proxies, forwarded, expected
):
    request = RequestFactory().post(SIGN_IN, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(SIGN_IN_PROXY_COUNT=proxies):
        assert client_address(request) == expected


def _hash_calls(email: str, password: str) -> int:
    """How many times the password hasher hashed to answer one sign-in (each from an address
    of its own, so that the lock-out of one address does not answer for the backend)."""
    hasher = type(get_hasher())
    request = RequestFactory().post(SIGN_IN, REMOTE_ADDR=f"192.0.2.{next(_addresses)}")
    with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as spy:
        authenticate(request, username=email, password=password)
    return spy.call_count


_addresses = itertools.count(1)


@override_settings(DEMO_MODE=True)
def test_every_sign_in_does_the_same_hashing_work_issue_21_2(make_user):
    """No timing oracle: the same hashing for an unknown email, a demo account (wrong and right
    password), an account with no password yet, and a real account (wrong and right)."""
    demo = make_user(Role.HMI, email="demo@ofsted.example", is_demo=True)
    demo.set_unusable_password()
    demo.save()
    invited = make_user(Role.HMI, email="invited@ofsted.example")
    invited.set_unusable_password()
    invited.save()
    make_user(Role.HMI, email="real@ofsted.example")
    _hash_calls("nobody@ofsted.example", "warm-up")  # the stand-in hash is made once

    calls = {
        "unknown": _hash_calls("nobody@ofsted.example", "whatever"),
        "demo wrong": _hash_calls("demo@ofsted.example", "whatever"),
        "demo right": _hash_calls("demo@ofsted.example", DEMO_PASSWORD),
        "invited": _hash_calls("invited@ofsted.example", "whatever"),
        "real wrong": _hash_calls("real@ofsted.example", "whatever"),
        "real right": _hash_calls("real@ofsted.example", TEST_PASSWORD),
    }
    assert set(calls.values()) == {1}, calls


def test_the_people_page_lists_locked_out_addresses_and_accounts_issue_21_2(
    client, person, administrator
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, f"guess{n}@ofsted.example", "wrong", address="192.0.2.66")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, person.email, "wrong", address=f"198.51.100.{n}")  # one short: not listed
    admin = client.__class__()
    admin.force_login(administrator)
    people = admin.get(reverse("accounts:person-list")).content.decode()
    assert "Network address 192.0.2.66" in people
    assert person.email not in people.split('id="lockouts"')[1].split("</table>")[0]


def test_the_lockout_page_is_the_same_for_an_email_with_no_account_issue_21_2(client, person):
    """No enumeration: a locked-out guess at an unknown email gets the same page."""
    pages = {}
    for n, email in enumerate([person.email, "nobody@ofsted.example"]):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            page = _try(client, email, "wrong", address=f"192.0.2.{100 + n}")
        assert page.status_code == 429
        main = page.content.decode().split("<main")[1].split("</main>")[0]
        pages[email] = main.split("You can try again")[0]
    assert pages[person.email] == pages["nobody@ofsted.example"]


ADDRESS_UNLOCK = reverse("accounts:address-unlock")


def _lock_address(client, address="192.0.2.66"):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, f"guess{n}@ofsted.example", "wrong", address=address)
    assert lockout_of(address=address) is not None


def test_an_administrator_lets_a_locked_out_address_in_again_with_a_reason_issue_21_2(
    client, person, administrator
):
    _lock_address(client)
    admin = client.__class__()
    admin.force_login(administrator)
    people = admin.get(reverse("accounts:person-list")).content.decode()
    link = f"{ADDRESS_UNLOCK}?address=192.0.2.66"
    assert f'href="{link}"' in people and "Let this address sign in again" in people
    page = admin.get(link).content.decode()
    assert "Network address 192.0.2.66" in page and "is locked after too many" in page
    assert 'name="address" value="192.0.2.66"' in page

    page = admin.post(ADDRESS_UNLOCK, {"address": "192.0.2.66", "reason": ""})
    assert page.status_code == 200
    assert "Enter why you are letting this address sign in again" in page.content.decode()
    assert lockout_of(address="192.0.2.66") is not None

    page = admin.post(ADDRESS_UNLOCK, {"address": "192.0.2.66", "reason": "Ofsted Manchester NAT"})
    assert page["Location"] == reverse("accounts:person-list")
    entry = AuditEntry.objects.get(verb="sign_in.unlocked")
    assert entry.actor == administrator and entry.reason == "Ofsted Manchester NAT"
    assert entry.before["address"] == "192.0.2.66"
    assert entry.before["failures"] == settings.AXES_FAILURE_LIMIT
    assert lockout_of(address="192.0.2.66") is None
    people = admin.get(reverse("accounts:person-list")).content.decode()
    assert "Network address 192.0.2.66" not in people
    assert _try(client, person.email, TEST_PASSWORD, address="192.0.2.66").status_code == 302
    assert _signed_in(client)


def test_an_address_unlock_needs_a_reason_and_a_lockout_issue_21_2(client, administrator):
    with pytest.raises(ValidationError, match="is not locked out"):
        sign_in_unlock_address(actor=administrator, address="192.0.2.66", reason="Asked")
    _lock_address(client)
    with pytest.raises(ValidationError, match=ADDRESS_UNLOCK_REASON_REQUIRED[:20]):
        sign_in_unlock_address(actor=administrator, address="192.0.2.66", reason=" ")
    assert lockout_of(address="192.0.2.66") is not None
    assert not AuditEntry.objects.filter(verb="sign_in.unlocked").exists()
    admin = client.__class__()
    admin.force_login(administrator)
    for url in (f"{ADDRESS_UNLOCK}?address=192.0.2.99", ADDRESS_UNLOCK):
        page = admin.get(url).content.decode()
        assert "Let this address sign in again</button>" not in page
    page = admin.get(f"{ADDRESS_UNLOCK}?address=192.0.2.99").content.decode()
    assert "is not locked out" in page


def test_only_a_programme_administrator_can_unlock_an_address_issue_21_2(client, person, make_user):
    _lock_address(client)
    for role in (Role.HMI, Role.LINK_OFFICER):
        other = client.__class__()
        other.force_login(make_user(role))
        assert other.get(f"{ADDRESS_UNLOCK}?address=192.0.2.66").status_code == 404
        page = other.post(ADDRESS_UNLOCK, {"address": "192.0.2.66", "reason": "Let me in"})
        assert page.status_code == 404
    assert lockout_of(address="192.0.2.66") is not None
    assert _try(client, person.email, TEST_PASSWORD, address="192.0.2.66").status_code == 429
