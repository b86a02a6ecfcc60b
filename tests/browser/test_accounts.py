"""Real accounts in real Chromium (issue 21 "Done when"): an administrator invites a new council
officer, who sets a password, turns on two-factor sign-in, signs in with a code and sees only
their own council; axe-core finds no violations on any page of two-factor sign-in, of where a
person is signed in, or of letting a locked-out address sign in again."""

import re
import time
from base64 import b32decode
from urllib.parse import urlparse

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecm.accounts.roles import Role
from ecm.accounts.services import user_create
from ecm.accounts.tests.two_factor_helpers import app_code
from ecm.authorities.tests.factories import CouncilFactory
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PASSWORD = "a long administrator passphrase"
OFFICER_PASSWORD = "pelican ferry juniper 4127"
OFFICER_EMAIL = "new.officer@sharpston.example"


def _code_from_secret(secret_text: str) -> str:
    """What an authenticator app shows for the secret as the set-up page prints it."""
    totp = TOTP(b32decode(secret_text.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_an_invited_council_officer_turns_on_two_factor_and_signs_in_with_a_code_issue_21_3(
    browser, live_server
):
    own = CouncilFactory(name="Sharpston Metropolitan Council")
    other = CouncilFactory(name="Leicestershire County Council")
    user_create(
        actor=None,
        email="admin@ofsted.example",
        first_name="Ada",
        last_name="Admin",
        roles=[Role.PROGRAMME_ADMINISTRATOR],
        password=ADMIN_PASSWORD,
    )
    failures: list[str] = []

    def check(page, where: str) -> None:
        failures.extend(f"{where}: {v}" for v in axe_violations(page))

    admin_context = browser.new_context(viewport={"width": 1200, "height": 900})
    officer_context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        # The administrator adds the officer, which sends the invitation.
        admin = admin_context.new_page()
        admin.set_default_timeout(15_000)
        sign_in(admin, live_server, "admin@ofsted.example", ADMIN_PASSWORD)
        admin.goto(f"{live_server.url}{reverse('accounts:person-add')}")
        admin.get_by_label("Email address").fill(OFFICER_EMAIL)
        admin.get_by_label("First name").fill("Nia")
        admin.get_by_label("Last name").fill("Officer")
        admin.get_by_label("Council link officer").check()
        admin.get_by_label("Council", exact=True).select_option(label=own.name)
        admin.get_by_role("button", name="Add person").click()
        admin.wait_for_load_state()
        assert "sent an invitation" in admin.locator("main").inner_text()
        person_url = admin.url

        invitation = next(m for m in mail.outbox if OFFICER_EMAIL in m.to)
        link = re.search(r"https?://\S+/invitation/\S+/", invitation.body).group(0)

        # The officer follows the link (on this live server) and chooses a password.
        officer = officer_context.new_page()
        officer.set_default_timeout(15_000)
        officer.goto(f"{live_server.url}{urlparse(link).path}")
        officer.get_by_label("New password", exact=True).fill(OFFICER_PASSWORD)
        officer.get_by_label("Confirm new password").fill(OFFICER_PASSWORD)
        officer.get_by_role("button", name="Set your password").click()
        officer.wait_for_url(f"{live_server.url}/sign-in/")

        # Signs in with the password alone, and turns on two-factor sign-in.
        sign_in(officer, live_server, OFFICER_EMAIL, OFFICER_PASSWORD)
        officer.get_by_role("link", name="Two-factor sign-in").click()
        officer.wait_for_load_state()
        assert officer.locator("h1").inner_text() == "Two-factor sign-in"
        check(officer, "two-factor page (off)")
        officer.get_by_role("button", name="Set up two-factor sign-in").click()
        officer.wait_for_load_state()
        assert officer.locator("svg[role=img]").count() == 1
        check(officer, "set-up page")
        secret = officer.locator("#secret-key").inner_text()
        code_box = officer.get_by_label("Code from your authenticator app")
        password_box = officer.get_by_label("Your password")
        # Issue 21 §3: the password too, so a hijacked session cannot turn it on.
        code_box.fill(_code_from_secret(secret))
        password_box.fill("not the password")
        officer.get_by_role("button", name="Turn on two-factor sign-in").click()
        officer.wait_for_load_state()
        assert "The password is not right" in officer.locator(".govuk-error-summary").inner_text()
        check(officer, "set-up page with a wrong password")
        code_box.fill(f"{(int(_code_from_secret(secret)) + 500_000) % 1_000_000:06d}")
        password_box.fill(OFFICER_PASSWORD)
        officer.get_by_role("button", name="Turn on two-factor sign-in").click()
        officer.wait_for_load_state()
        assert officer.locator(".govuk-error-summary").is_visible()
        check(officer, "set-up page with a wrong code")
        # A wrong code makes the next try wait a second (django-otp's throttling).
        TOTPDevice.objects.filter(user__email=OFFICER_EMAIL).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
        assert officer.locator("#secret-key").inner_text() == secret, "the same key again"
        code_box.fill(_code_from_secret(secret))
        password_box.fill(OFFICER_PASSWORD)
        officer.get_by_role("button", name="Turn on two-factor sign-in").click()
        officer.wait_for_load_state()
        assert officer.locator("h1").inner_text() == "Your recovery codes"
        shown = officer.locator(".ecm-recovery-codes li").all_inner_texts()
        stored = StaticToken.objects.filter(device__user__email=OFFICER_EMAIL)
        assert sorted(shown) == sorted(stored.values_list("token", flat=True))
        assert len(shown) == 10
        check(officer, "recovery codes page")

        officer.get_by_role("link", name="Two-factor sign-in").click()
        officer.wait_for_load_state()
        check(officer, "two-factor page (on)")
        officer.get_by_role("button", name="Make new recovery codes").click()
        officer.wait_for_load_state()
        check(officer, "new recovery codes page")
        officer.goto(f"{live_server.url}{reverse('accounts:two-factor-turn-off')}")
        check(officer, "turn-off page")
        officer.get_by_role("link", name="Where you are signed in").click()
        officer.wait_for_load_state()
        assert "This device" in officer.locator("main").inner_text()
        check(officer, "where you are signed in")

        # Signs out, and signs in again: password, then the code.
        officer.get_by_role("button", name="Sign out").click()
        officer.wait_for_url(f"{live_server.url}/sign-in/")
        sign_in(officer, live_server, OFFICER_EMAIL, OFFICER_PASSWORD)
        assert officer.url == f"{live_server.url}{reverse('accounts:sign-in-code')}"
        check(officer, "code step")
        device = TOTPDevice.objects.get(user__email=OFFICER_EMAIL)
        officer.get_by_label("Code").fill(app_code(device))
        officer.get_by_role("button", name="Continue").click()
        officer.wait_for_load_state()

        # Sees their own council, and nothing of another.
        assert officer.locator("h1").inner_text() == own.name
        assert officer.get_by_role("link", name="Councils", exact=True).count() == 0
        assert other.name not in officer.locator("main").inner_text()
        response = officer.goto(
            f"{live_server.url}{reverse('authorities:council-detail', args=[other.la_number])}"
        )
        assert response.status == 404
        response = officer.goto(
            f"{live_server.url}{reverse('authorities:council-detail', args=[own.la_number])}"
        )
        assert response.status == 200

        # The administrator can reset it (a lost phone): the page is accessible too.
        admin.goto(person_url)
        assert "On since" in admin.locator("main").inner_text()
        admin.get_by_role("link", name="Reset").click()
        admin.wait_for_load_state()
        check(admin, "administrator's reset page")

        # An address locked out by wrong passwords, let in again from People (issue 21 §2).
        AccessAttempt.objects.create(
            username="guess@ofsted.example",
            ip_address="192.0.2.66",
            user_agent="test",
            http_accept="*/*",
            path_info="/sign-in/",
            failures_since_start=5,
        )
        admin.goto(f"{live_server.url}{reverse('accounts:person-list')}")
        check(admin, "people page with a locked-out address")
        admin.get_by_role("link", name="Let this address sign in again").click()
        admin.wait_for_load_state()
        check(admin, "address unlock page")
        admin.get_by_label("Why are you letting this address sign in again?").fill("Office NAT")
        admin.get_by_role("button", name="Let this address sign in again").click()
        admin.wait_for_load_state()
        assert "192.0.2.66 works again" in admin.locator("main").inner_text()
        assert not AccessAttempt.objects.filter(ip_address="192.0.2.66").exists()
    finally:
        admin_context.close()
        officer_context.close()
    assert not failures, "\n".join(failures)
