"""Password reset by email (issue 21 §3: "password reset"; "What was seen" 11: "no password,
no invitation, no reset")."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse

from ecm.accounts.forms import PASSWORDS_DIFFER
from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import TEST_PASSWORD
from ecm.audit.selectors import audit_history

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long and unusual passphrase 2007"
LINK = re.compile(r"(https?://\S+/password-reset/[^/\s]+/[^/\s]+/)")


def _ask(client, email):
    return client.post(reverse("accounts:password-reset"), {"email": email})


def _path(mailoutbox) -> str:
    found = LINK.search(mailoutbox[-1].body)
    assert found, mailoutbox[-1].body
    assert found.group(1).startswith(settings.SITE_URL)
    return found.group(1).removeprefix(settings.SITE_URL)


def test_the_sign_in_page_offers_a_reset_issue_21_3(client):
    body = client.get(reverse("accounts:sign-in")).content.decode()
    assert "Forgotten your password?" in body
    assert reverse("accounts:password-reset") in body


def test_a_reset_is_emailed_with_the_full_link_issue_21_3(client, make_user, mailoutbox):
    person = make_user(Role.HMI, email="hmi@ofsted.example")
    page = _ask(client, "HMI@ofsted.example")
    assert page.status_code == 302
    assert page["Location"] == reverse("accounts:password-reset-done")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [person.email]
    assert mailoutbox[0].subject == "Reset your ECM Assess password"
    assert f"for {settings.PASSWORD_RESET_MINUTES} minutes" in mailoutbox[0].body
    assert settings.PASSWORD_RESET_TIMEOUT == 60 * 60  # the default: one hour
    _path(mailoutbox)


@pytest.mark.parametrize("who", ["unknown", "demo", "closed", "no password yet"])
def test_the_same_answer_and_no_email_for_no_account_or_demo_or_closed_issue_21_3(
    client, make_user, mailoutbox, who
):
    """No enumeration: the answer is the same as for a real account; nothing is sent."""
    if who != "unknown":
        person = make_user(
            Role.HMI,
            email="someone@ofsted.example",
            is_demo=who == "demo",
            is_active=who != "closed",
        )
        if who in ("demo", "no password yet"):
            person.set_unusable_password()
            person.save()
    page = _ask(client, "someone@ofsted.example")
    assert page.status_code == 302
    assert page["Location"] == reverse("accounts:password-reset-done")
    assert mailoutbox == []
    done = client.get(page["Location"]).content.decode()
    assert "If the email address you entered belongs to an account" in done


def test_a_demo_account_with_a_usable_password_still_gets_no_email_issue_21_3(
    client, make_user, mailoutbox
):
    make_user(Role.HMI, email="demo@ofsted.example", is_demo=True)  # a password by mistake
    _ask(client, "demo@ofsted.example")
    assert mailoutbox == []


def test_the_reset_link_works_once_and_is_audited_issue_21_3(client, make_user, mailoutbox):
    person = make_user(Role.HMI, email="hmi@ofsted.example")
    _ask(client, person.email)
    path = _path(mailoutbox)

    page = client.get(path, follow=True)
    body = page.content.decode()
    assert "New password" in body and "Confirm new password" in body
    form_url = page.redirect_chain[-1][0]
    page = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert page.status_code == 302
    assert page["Location"] == reverse("accounts:password-reset-complete")
    assert "Your password has been reset" in client.get(page["Location"]).content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD) and not person.check_password(TEST_PASSWORD)
    entry = audit_history(target=person).get(verb="password.reset")
    assert entry.actor == person
    assert path.rstrip("/").rsplit("/", 1)[1] not in str(entry.after)

    # Used: the same link no longer works.
    page = client.get(path, follow=True)
    assert 'id="reset-invalid"' in page.content.decode()


def test_an_expired_reset_link_is_refused_issue_21_3(client, make_user, mailoutbox):
    person = make_user(Role.HMI, email="hmi@ofsted.example")
    _ask(client, person.email)
    path = _path(mailoutbox)
    later = PasswordResetTokenGenerator()._now() + timedelta(
        minutes=settings.PASSWORD_RESET_MINUTES, seconds=1
    )
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later):
        page = client.get(path, follow=True)
    assert 'id="reset-invalid"' in page.content.decode()


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("short1", "short1", "at least 12 characters"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", PASSWORDS_DIFFER),
    ],
)
def test_the_project_password_rules_apply_to_a_reset_issue_21_3(
    client, make_user, mailoutbox, first, second, message
):
    person = make_user(Role.HMI, email="hmi@ofsted.example")
    _ask(client, person.email)
    form_url = client.get(_path(mailoutbox), follow=True).redirect_chain[-1][0]
    page = client.post(form_url, {"new_password1": first, "new_password2": second})
    body = page.content.decode().replace("&#x27;", "'")
    assert page.status_code == 200 and "There is a problem" in body and message in body
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)
