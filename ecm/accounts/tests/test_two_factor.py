"""Two-factor sign-in: setting it up, the code step of signing in, recovery codes, who must use
it and an administrator's reset (issue 21 §3; decision 0034)."""

import json
import time
from base64 import b32encode

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecm.accounts import two_factor
from ecm.accounts.models import SignedInSession
from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import TEST_PASSWORD
from ecm.accounts.tests.two_factor_helpers import app_code, give_code, give_password, turn_on
from ecm.accounts.views_two_factor import PENDING_KEY, TIMED_OUT
from ecm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

HOME = reverse("apa:home")
SIGN_IN = reverse("accounts:sign-in")
CODE_STEP = reverse("accounts:sign-in-code")
SET_UP = reverse("accounts:two-factor-set-up")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_INSPECTORATE = True
    return settings


def _signed_in_as(client) -> int | None:
    return client.session.get("_auth_user_id") and int(client.session["_auth_user_id"])


def _entries(user, verb):
    return AuditEntry.objects.filter(target_id=str(user.pk), verb=verb)


# Setting it up


def test_set_up_shows_a_qr_code_and_the_secret_as_text_issue_21_3(client, link_officer):
    client.force_login(link_officer)
    response = client.get(SET_UP)
    assert response.status_code == 200
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=link_officer)
    assert not device.confirmed, "nothing is on until a code from the app is entered"
    assert '<svg width="200" height="200"' in page and 'role="img"' in page
    secret = b32encode(device.bin_key).decode()
    assert two_factor.secret_for_typing(device).replace(" ", "") == secret
    assert two_factor.secret_for_typing(device) in page
    # A reload shows the same secret: the person may already have typed it.
    assert client.get(SET_UP).content.decode().count(two_factor.secret_for_typing(device)) == 1
    assert TOTPDevice.objects.filter(user=link_officer).count() == 1


def test_a_wrong_set_up_code_is_refused_with_an_error_summary_issue_21_3(client, link_officer):
    client.force_login(link_officer)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=link_officer)
    wrong = f"{(int(app_code(device, ahead=0)) + 1) % 1_000_000:06d}"
    response = client.post(SET_UP, {"code": wrong, "password": TEST_PASSWORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and two_factor.SET_UP_CODE_WRONG in page
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1, "a wrong code counts, though it was refused"
    assert not StaticDevice.objects.filter(user=link_officer).exists()


def test_turning_on_shows_ten_recovery_codes_once_and_audits_no_secret_issue_21_3(
    client, link_officer
):
    other_browser = Client()
    other_browser.force_login(link_officer)
    client.force_login(link_officer)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=link_officer)
    response = client.post(SET_UP, {"code": app_code(device, ahead=0), "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = list(
        StaticToken.objects.filter(device__user=link_officer).values_list("token", flat=True)
    )
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT == 10
    page = response.content.decode()
    assert all(code in page for code in codes)
    assert "They will not be shown again" in page
    device.refresh_from_db()
    assert device.confirmed
    assert client.session.get("otp_device_id") == device.persistent_id, "this session is verified"
    # Shown once: the set-up page and the two-factor page never show them again.
    assert client.get(SET_UP)["Location"] == reverse("accounts:two-factor")
    status = client.get(reverse("accounts:two-factor")).content.decode()
    assert not any(code in status for code in codes) and "10" in status
    # The person's other browser signed in without a code: it is signed out.
    assert other_browser.get(HOME)["Location"].startswith(SIGN_IN)
    entry = _entries(link_officer, "two_factor.turned_on").get()
    stored = json.dumps([entry.before, entry.after, entry.reason])
    assert not any(code in stored for code in codes)
    assert device.key not in stored and b32encode(device.bin_key).decode() not in stored


def test_demo_accounts_cannot_set_up_two_factor_in_demo_mode_issue_21_3(client, make_user):
    demo = make_user(Role.LINK_OFFICER, council=None, is_demo=True)
    client.force_login(demo)
    assert client.get(SET_UP)["Location"] == reverse("accounts:two-factor")
    assert (
        "Demo accounts cannot use two-factor"
        in client.get(reverse("accounts:two-factor")).content.decode()
    )
    assert not TOTPDevice.objects.filter(user=demo).exists()


def _set_up_post(client, device, password):
    return client.post(SET_UP, {"code": app_code(device, ahead=0), "password": password})


def test_set_up_is_refused_without_the_right_password_and_nothing_is_turned_on_issue_21_3(
    client, link_officer
):
    """A hijacked session of someone without two-factor cannot turn it on with the intruder's
    phone: the right code is not enough without the person's password."""
    client.force_login(link_officer)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=link_officer)
    for password, message in [
        ("", two_factor.PASSWORD_REQUIRED),
        ("guess", two_factor.PASSWORD_WRONG),
    ]:
        response = _set_up_post(client, device, password)
        assert response.status_code == 200
        page = response.content.decode()
        assert "govuk-error-summary" in page and message in page
        assert 'href="#id_password"' in page, "the error summary links to the password box"
    device.refresh_from_db()
    assert not device.confirmed and not two_factor.is_on(link_officer)
    assert device.throttling_failure_count == 0, "with a wrong password the code is not tried"
    assert not StaticDevice.objects.filter(user=link_officer).exists()
    assert not _entries(link_officer, "two_factor.turned_on").exists()
    # The wrong one counted as a failed sign-in of the account, as at the sign-in page.
    attempt = AccessAttempt.objects.get(username=link_officer.email)
    assert attempt.failures_since_start == 1
    with pytest.raises(ValidationError, match="password is not right"):
        two_factor.two_factor_turn_on(
            actor=link_officer,
            password="guess",
            code=app_code(device, ahead=0),
            request=RequestFactory().post(SET_UP),
            current_session_key=None,
        )
    assert not two_factor.is_on(link_officer)


def test_the_right_password_and_code_turn_it_on_issue_21_3(client, link_officer):
    client.force_login(link_officer)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=link_officer)
    response = _set_up_post(client, device, TEST_PASSWORD)
    assert response.status_code == 200 and "Your recovery codes" in response.content.decode()
    assert two_factor.is_on(link_officer)
    assert _entries(link_officer, "two_factor.turned_on").count() == 1
    assert not AccessAttempt.objects.exists(), "a right password is no failure"


def test_wrong_passwords_at_set_up_lock_out_as_at_sign_in_issue_21_3(client, link_officer):
    """The set-up page's wrong passwords and the sign-in page's count together, under the same
    limit; once locked out, neither page takes even the right password."""
    client.force_login(link_officer)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=link_officer)
    limit = settings.AXES_FAILURE_LIMIT
    elsewhere = Client()
    give_password(elsewhere, link_officer, password="wrong")  # one at the sign-in page
    for _ in range(limit - 2):
        assert _set_up_post(client, device, "wrong").status_code == 200
    response = _set_up_post(client, device, "wrong")  # the limit: locked out
    assert response.status_code == 429
    assert 'id="locked-out"' in response.content.decode()
    assert AuditEntry.objects.filter(verb="sign_in.locked_out", target_id=str(link_officer.pk))
    response = _set_up_post(client, device, TEST_PASSWORD)
    assert response.status_code == 429
    assert not two_factor.is_on(link_officer)
    assert give_password(Client(), link_officer).status_code == 429


def test_a_lock_out_from_sign_in_applies_to_set_up_issue_21_3(client, link_officer):
    """An account locked out at the sign-in page (someone guessing its password) cannot turn
    two-factor on from a session it already has, even with the right password."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            SIGN_IN,
            {"username": link_officer.email, "password": "wrong"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    client.force_login(link_officer)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=link_officer)
    response = _set_up_post(client, device, TEST_PASSWORD)
    assert response.status_code == 429
    assert not two_factor.is_on(link_officer)


# Signing in


def test_the_code_is_asked_for_before_the_person_is_signed_in_issue_21_3(client, link_officer):
    device, _codes = turn_on(link_officer)
    response = give_password(client, link_officer)
    assert response["Location"] == CODE_STEP
    assert _signed_in_as(client) is None, "not signed in until the code is right"
    assert client.session[PENDING_KEY]["user_id"] == link_officer.pk
    page = client.get(CODE_STEP).content.decode()
    assert "Enter the code from your authenticator app" in page
    response = give_code(client, app_code(device))
    assert response["Location"] == HOME
    assert _signed_in_as(client) == link_officer.pk
    assert client.session["otp_device_id"] == device.persistent_id
    assert PENDING_KEY not in client.session
    assert client.get(HOME).status_code == 200


def test_a_person_without_two_factor_signs_in_with_the_password_alone_issue_21_3(
    client, link_officer
):
    response = give_password(client, link_officer)
    assert response["Location"] == HOME
    assert _signed_in_as(client) == link_officer.pk


@pytest.mark.parametrize(
    "page",
    [
        "apa:home",
        "accounts:sessions",
        "accounts:two-factor",
        "accounts:two-factor-set-up",
        "authorities:council-list",
    ],
)
def test_the_code_step_cannot_be_skipped_issue_21_3(client, link_officer, page):
    turn_on(link_officer)
    give_password(client, link_officer)
    response = client.get(reverse(page))
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    assert _signed_in_as(client) is None


def test_a_wrong_code_is_refused_and_the_person_stays_signed_out_issue_21_3(client, link_officer):
    device, _codes = turn_on(link_officer)
    give_password(client, link_officer)
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"
    response = give_code(client, wrong)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and two_factor.CODE_WRONG in page
    assert _signed_in_as(client) is None
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_wrong_codes_are_limited_even_before_a_right_one_issue_21_3(client, link_officer):
    """django-otp's throttling: after n wrong codes the next try waits 2^(n-1) seconds, and a
    right code in that time is refused too (so guessing is slow)."""
    device, _codes = turn_on(link_officer)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=8, throttling_failure_timestamp=timezone.now()
    )
    give_password(client, link_officer)
    response = give_code(client, app_code(device))
    assert response.status_code == 200
    assert "You have entered too many wrong codes. Wait" in response.content.decode()
    assert _signed_in_as(client) is None


def test_a_recovery_code_signs_in_once_issue_21_3(client, link_officer):
    _device, codes = turn_on(link_officer)
    give_password(client, link_officer)
    response = give_code(client, codes[0].upper())
    assert response["Location"] == HOME
    assert _signed_in_as(client) == link_officer.pk
    assert StaticToken.objects.filter(device__user=link_officer).count() == 9
    assert "9 left" in client.get(HOME).content.decode()
    client.post(reverse("accounts:sign-out"))

    give_password(client, link_officer)
    response = give_code(client, codes[0])
    assert response.status_code == 200 and two_factor.CODE_WRONG in response.content.decode()
    assert _signed_in_as(client) is None


def test_the_code_step_times_out_issue_21_3(client, link_officer):
    device, _codes = turn_on(link_officer)
    give_password(client, link_officer)
    session = client.session
    session[PENDING_KEY] = {**session[PENDING_KEY], "until": int(time.time()) - 1}
    session.save()
    response = give_code(client, app_code(device))
    assert response["Location"] == SIGN_IN
    assert _signed_in_as(client) is None
    assert TIMED_OUT in client.get(SIGN_IN).content.decode()
    assert PENDING_KEY not in client.session


def test_signing_in_any_other_way_still_owes_the_code_issue_21_3(client, link_officer):
    """A person with two-factor on who is signed in without the code step (a password reset
    that signs in, say) is asked for the code before anything else, whatever their role."""
    device, _codes = turn_on(link_officer)
    client.force_login(link_officer)
    assert client.get(HOME)["Location"] == CODE_STEP
    assert client.get(reverse("accounts:accessibility")).status_code == 200
    response = give_code(client, app_code(device))
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


# Who must use it


def test_inspectorate_staff_must_set_up_two_factor_when_required_issue_21_3(client, hmi, required):
    give_password(client, hmi)
    assert _signed_in_as(client) == hmi.pk
    for page in ("apa:home", "accounts:sessions", "accounts:two-factor", "accounts:person-list"):
        response = client.get(reverse(page))
        assert response.status_code == 302 and response["Location"] == SET_UP, page
    assert client.get(reverse("accounts:accessibility")).status_code == 200
    page = client.get(SET_UP).content.decode()
    assert "Inspectorate staff must use two-factor sign-in" in page
    device = TOTPDevice.objects.get(user=hmi)
    client.post(SET_UP, {"code": app_code(device, ahead=0), "password": TEST_PASSWORD})
    assert client.get(HOME).status_code == 200
    # Signing out is always open.
    assert client.post(reverse("accounts:sign-out"))["Location"] == SIGN_IN


def test_an_inspector_with_two_factor_on_but_an_unverified_session_gives_the_code_issue_21_3(
    client, hmi, required
):
    device, _codes = turn_on(hmi)
    client.force_login(hmi)
    assert client.get(HOME)["Location"] == CODE_STEP
    give_code(client, app_code(device))
    assert client.get(HOME).status_code == 200


def test_inspectorate_staff_need_not_set_up_when_the_setting_is_off_issue_21_3(
    client, hmi, settings
):
    settings.TWO_FACTOR_REQUIRED_FOR_INSPECTORATE = False
    give_password(client, hmi)
    assert client.get(HOME).status_code == 200


def test_two_factor_is_optional_for_council_users_issue_21_3(client, link_officer, required):
    give_password(client, link_officer)
    assert client.get(HOME).status_code == 200
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert "optional for council staff" in page


@pytest.mark.parametrize(("demo_mode", "exempt"), [(True, True), (False, False)])
def test_demo_accounts_are_exempt_only_in_demo_mode_issue_21_3(
    client, make_user, required, demo_mode, exempt
):
    """Decision 0034: the README publishes the demo password, and the demo must stay usable;
    with DEMO_MODE off (production) a demo account is held to the rule like anyone."""
    required.DEMO_MODE = demo_mode
    demo_hmi = make_user(Role.HMI, is_demo=True)
    client.force_login(demo_hmi)
    response = client.get(HOME)
    if exempt:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response["Location"] == SET_UP


# Recovery codes and turning off


def test_new_recovery_codes_need_a_code_and_replace_the_old_ones_issue_21_3(client, link_officer):
    device, old_codes = turn_on(link_officer)
    client.force_login(link_officer)
    give_code(client, app_code(device))
    url = reverse("accounts:two-factor-recovery-codes")
    response = client.post(url, {"code": old_codes[0]})
    assert two_factor.CODE_WRONG in response.content.decode(), "a recovery code is not enough"
    response = client.post(url, {"code": app_code(device)})
    new_codes = list(
        StaticToken.objects.filter(device__user=link_officer).values_list("token", flat=True)
    )
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert all(code in response.content.decode() for code in new_codes)
    entry = _entries(link_officer, "two_factor.recovery_codes_renewed").get()
    assert not any(code in json.dumps([entry.before, entry.after]) for code in new_codes)


def test_a_council_user_may_turn_two_factor_off_with_a_code_issue_21_3(client, link_officer):
    device, _codes = turn_on(link_officer)
    client.force_login(link_officer)
    give_code(client, app_code(device))
    url = reverse("accounts:two-factor-turn-off")
    response = client.post(url, {"code": ""})
    assert two_factor.CODE_REQUIRED in response.content.decode()
    assert two_factor.is_on(link_officer)
    response = client.post(url, {"code": app_code(device)})
    assert response["Location"] == reverse("accounts:two-factor")
    assert not two_factor.is_on(link_officer)
    assert not StaticDevice.objects.filter(user=link_officer).exists()
    assert _entries(link_officer, "two_factor.turned_off").count() == 1


def test_inspectorate_staff_may_not_turn_two_factor_off_issue_21_3(client, hmi, required):
    device, _codes = turn_on(hmi)
    give_password(client, hmi)
    give_code(client, app_code(device))
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert "cannot turn off two-factor sign-in" in page
    assert reverse("accounts:two-factor-turn-off") not in page
    response = client.post(reverse("accounts:two-factor-turn-off"), {"code": app_code(device)})
    assert response.status_code == 404
    assert two_factor.is_on(hmi)
    with pytest.raises(two_factor.NotYourRole):
        two_factor.two_factor_turn_off(actor=hmi, code=app_code(device))


# An administrator's reset


def test_an_administrator_resets_a_lost_phone_with_a_reason_issue_21_3(
    client, administrator, hmi, required
):
    device, _codes = turn_on(hmi)
    hmi_browser = Client()
    give_password(hmi_browser, hmi)
    give_code(hmi_browser, app_code(device))
    assert hmi_browser.get(HOME).status_code == 200

    admin_device, _codes = turn_on(administrator)
    client.force_login(administrator)
    give_code(client, app_code(admin_device))
    url = reverse("accounts:person-two-factor-reset", args=[hmi.pk])
    person_page = client.get(reverse("accounts:person-detail", args=[hmi.pk])).content.decode()
    assert url in person_page and "On since" in person_page
    assert "Reset two-factor sign-in</button>" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert two_factor.REASON_REQUIRED in response.content.decode()
    assert two_factor.is_on(hmi)
    response = client.post(url, {"reason": "Lost phone on the train; called back on 01632 960000"})
    assert response["Location"] == reverse("accounts:person-detail", args=[hmi.pk])
    assert not TOTPDevice.objects.filter(user=hmi).exists()
    assert not StaticDevice.objects.filter(user=hmi).exists()
    entry = _entries(hmi, "two_factor.reset").get()
    assert entry.actor == administrator and entry.reason.startswith("Lost phone")
    # Signed out everywhere; at the next sign-in the inspector sets two-factor up again.
    assert hmi_browser.get(HOME)["Location"].startswith(SIGN_IN)
    assert not SignedInSession.objects.filter(user=hmi).exists()
    give_password(hmi_browser, hmi)
    assert hmi_browser.get(HOME)["Location"] == SET_UP


def test_only_an_administrator_may_reset_two_factor_issue_21_3(client, hmi, link_officer):
    turn_on(link_officer)
    client.force_login(hmi)
    url = reverse("accounts:person-two-factor-reset", args=[link_officer.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Because"}).status_code == 404
    assert two_factor.is_on(link_officer)


def test_a_reset_of_someone_without_two_factor_is_refused_issue_21_3(client, administrator, hmi):
    client.force_login(administrator)
    url = reverse("accounts:person-two-factor-reset", args=[hmi.pk])
    page = client.get(url).content.decode()
    assert "nothing to reset" in page and "Reset two-factor sign-in</button>" not in page
    response = client.post(url, {"reason": "Lost phone"})
    assert two_factor.NOTHING_TO_RESET in response.content.decode()
    assert not _entries(hmi, "two_factor.reset").exists()


def test_turning_on_and_the_code_step_leave_an_old_pending_device_unusable_issue_21_3(
    link_officer,
):
    """A device being set up (unconfirmed) signs nobody in: the sign-in only asks for a code
    when a confirmed device exists."""
    device = two_factor.two_factor_begin(user=link_officer)
    assert not two_factor.is_on(link_officer)
    with pytest.raises(ValidationError):
        two_factor.code_check(user=link_officer, code=app_code(device, ahead=0))


def test_the_code_step_page_sends_people_away_who_owe_no_code_issue_21_3(client, link_officer):
    assert client.get(CODE_STEP)["Location"] == SIGN_IN
    client.force_login(link_officer)
    assert client.get(CODE_STEP)["Location"] == HOME


def test_a_half_done_code_step_is_forgotten_when_someone_else_signs_in_issue_21_3(
    client, link_officer, make_user, council
):
    turn_on(link_officer)
    give_password(client, link_officer)
    colleague = make_user(Role.DIRECTOR, council=council)
    give_password(client, colleague)
    assert _signed_in_as(client) == colleague.pk
    assert PENDING_KEY not in client.session
    assert client.get(CODE_STEP)["Location"] == HOME
