"""Where a person is signed in, and signing the other browsers out (issue 21 §3)."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import SignedInSession
from ecm.accounts.sessions import LAST_SEEN_EVERY, LAST_SEEN_KEY, session_store
from ecm.accounts.tests.two_factor_helpers import give_password
from ecm.accounts.views_sessions import EVERYWHERE_ELSE
from ecm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

HOME = reverse("apa:home")
SESSIONS = reverse("accounts:sessions")
SIGN_IN = reverse("accounts:sign-in")


def _browser(user, agent: str) -> Client:
    browser = Client(HTTP_USER_AGENT=agent)
    give_password(browser, user)
    return browser


def test_signing_in_notes_the_browser_and_signing_out_forgets_it_issue_21_3(link_officer):
    browser = _browser(link_officer, "Firefox on the office PC")
    row = SignedInSession.objects.get(user=link_officer)
    assert row.session_key == browser.session.session_key
    assert row.user_agent == "Firefox on the office PC" and row.ip_address == "127.0.0.1"
    browser.post(reverse("accounts:sign-out"))
    assert not SignedInSession.objects.filter(user=link_officer).exists()


def test_a_long_user_agent_is_cut_short_issue_21_3(link_officer):
    _browser(link_officer, "x" * 5000)
    assert len(SignedInSession.objects.get(user=link_officer).user_agent) == 200


def test_the_list_shows_only_the_persons_own_browsers_with_this_one_marked_issue_21_3(
    link_officer, hmi
):
    mine = _browser(link_officer, "Firefox on the office PC")
    _browser(link_officer, "Safari on my phone")
    _browser(hmi, "Edge at the inspectorate")
    page = mine.get(SESSIONS).content.decode()
    assert "Firefox on the office PC" in page and "Safari on my phone" in page
    assert "Edge at the inspectorate" not in page
    assert page.count("This device") == 1
    assert page.index("This device") > page.index("Firefox on the office PC")
    assert page.count('name="sign_out" value="') == 2  # the other browser, and everywhere else
    assert mine.session.session_key not in page, "the session key is never shown"


def test_signing_out_another_browser_signs_that_browser_out_issue_21_3(link_officer):
    office = _browser(link_officer, "Firefox on the office PC")
    phone = _browser(link_officer, "Safari on my phone")
    assert phone.get(HOME).status_code == 200
    phone_row = SignedInSession.objects.get(session_key=phone.session.session_key)
    response = office.post(SESSIONS, {"sign_out": str(phone_row.pk)})
    assert response["Location"] == SESSIONS
    assert phone.get(HOME)["Location"].startswith(SIGN_IN)
    assert not session_store().exists(phone_row.session_key)
    assert office.get(HOME).status_code == 200
    entry = AuditEntry.objects.get(verb="session.signed_out", target_id=str(link_officer.pk))
    assert entry.before["browser"] == "Safari on my phone"
    assert phone_row.session_key not in str(entry.before)


def test_signing_out_everywhere_else_keeps_only_this_browser_issue_21_3(link_officer):
    office = _browser(link_officer, "Firefox")
    others = [_browser(link_officer, f"Browser {n}") for n in range(3)]
    office.post(SESSIONS, {"sign_out": EVERYWHERE_ELSE})
    assert all(o.get(HOME)["Location"].startswith(SIGN_IN) for o in others)
    assert office.get(HOME).status_code == 200
    assert list(SignedInSession.objects.filter(user=link_officer)) == [
        SignedInSession.objects.get(session_key=office.session.session_key)
    ]
    entry = AuditEntry.objects.get(verb="session.signed_out_everywhere_else")
    assert entry.after == {"browsers_signed_out": 3}
    assert "not signed in anywhere else" in office.get(SESSIONS).content.decode()


def test_a_person_cannot_sign_out_someone_elses_browser_issue_21_3(link_officer, hmi):
    mine = _browser(link_officer, "Firefox")
    theirs = _browser(hmi, "Edge")
    their_row = SignedInSession.objects.get(user=hmi)
    assert mine.post(SESSIONS, {"sign_out": str(their_row.pk)}).status_code == 404
    assert mine.post(SESSIONS, {"sign_out": "not a number"}).status_code == 404
    assert theirs.get(HOME).status_code == 200
    assert not AuditEntry.objects.filter(verb__startswith="session.").exists()


def test_this_browser_signs_out_with_sign_out_not_from_the_list_issue_21_3(link_officer):
    mine = _browser(link_officer, "Firefox")
    own_row = SignedInSession.objects.get(user=link_officer)
    assert mine.post(SESSIONS, {"sign_out": str(own_row.pk)}).status_code == 404
    assert mine.get(HOME).status_code == 200


def test_last_seen_is_written_at_most_once_a_minute_issue_21_3(link_officer):
    browser = _browser(link_officer, "Firefox")
    row = SignedInSession.objects.get(user=link_officer)
    browser.get(HOME)
    row_again = SignedInSession.objects.get(pk=row.pk)
    assert row_again.last_seen_at == row.last_seen_at, "seen within the minute: no write"
    session = browser.session
    session[LAST_SEEN_KEY] = int(time.time() - LAST_SEEN_EVERY.total_seconds() - 1)
    session.save()
    browser.get(HOME)
    assert SignedInSession.objects.get(pk=row.pk).last_seen_at > row.last_seen_at


def test_a_browser_whose_session_ended_on_its_own_is_not_listed_issue_21_3(link_officer):
    mine = _browser(link_officer, "Firefox")
    gone = _browser(link_officer, "Old laptop")
    session_store(gone.session.session_key).delete()  # expired and cleared by clearsessions
    page = mine.get(SESSIONS).content.decode()
    assert "Old laptop" not in page
    assert SignedInSession.objects.filter(user=link_officer).count() == 1


def test_a_session_from_before_the_list_is_listed_when_next_seen_issue_21_3(link_officer):
    browser = _browser(link_officer, "Firefox")
    SignedInSession.objects.all().delete()
    session = browser.session
    del session[LAST_SEEN_KEY]
    session.save()
    assert "Firefox" in browser.get(SESSIONS).content.decode()
