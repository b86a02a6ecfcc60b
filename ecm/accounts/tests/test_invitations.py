"""Invitations: a person added under People is emailed a single-use, expiring link to choose a
password (issue 21 §3; "What was seen" 11: "A person added under People can never sign in")."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ecm.accounts import invitations
from ecm.accounts.forms import PASSWORDS_DIFFER
from ecm.accounts.invitations import InvitationTokenGenerator, invitation_send
from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.views_invitations import READY_TO_SIGN_IN
from ecm.audit.selectors import audit_history
from ecm.core.once import ONCE_FIELD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long and unusual passphrase 2007"
LINK = re.compile(r"(https?://\S+/invitation/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def _add_person(admin_client, commit_callbacks, email="new.officer@council.example"):
    with commit_callbacks(execute=True):
        page = admin_client.post(
            reverse("accounts:person-add"),
            {
                "email": email,
                "first_name": "New",
                "last_name": "Officer",
                "roles": [Role.HMI],
            },
        )
    assert page.status_code == 302, page.content.decode()
    return User.objects.get(email=email)


def _link(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def _path(link: str) -> str:
    return link.removeprefix(settings.SITE_URL)


def test_a_person_added_is_emailed_an_invitation_with_the_full_link_issue_21_3(
    admin_client, administrator, mailoutbox, django_capture_on_commit_callbacks
):
    person = _add_person(admin_client, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [person.email]
    link = _link(message)
    assert link.startswith(f"{settings.SITE_URL}/invitation/")
    # Who invited them, to what, and until when the link works.
    assert administrator.get_full_name() in message.body
    assert "ECM Assess" in message.body
    expires = timezone.localtime(timezone.now() + timedelta(days=settings.INVITATION_DAYS))
    assert f"{expires.day} {expires:%B %Y}" in message.body
    entry = audit_history(target=person).get(verb="invitation.sent")
    assert entry.actor == administrator
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in str(entry.before) + str(entry.after) + entry.reason


def test_the_link_sets_a_password_once_issue_21_3(
    client, admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    person = _add_person(admin_client, django_capture_on_commit_callbacks)
    client.logout()
    path = _path(_link(mailoutbox[0]))

    page = client.get(path)
    body = page.content.decode()
    assert page.status_code == 200
    assert "New password" in body and "Confirm new password" in body
    assert "Set your password" in body

    page = client.post(
        path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert page.redirect_chain[-1][0] == reverse("accounts:sign-in")
    assert READY_TO_SIGN_IN in page.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert audit_history(target=person).filter(verb="invitation.accepted").count() == 1

    # Used: the link is dead, and a second post changes nothing.
    page = client.get(path)
    assert 'id="invitation-invalid"' in page.content.decode()
    assert "new invitation" in page.content.decode()
    client.post(path, {"new_password1": "another password 1234", "new_password2": "x"})
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused_and_says_to_ask_for_a_new_one_issue_21_3(
    client, admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    _add_person(admin_client, django_capture_on_commit_callbacks)
    path = _path(_link(mailoutbox[0]))
    now = InvitationTokenGenerator()._now()
    days = settings.INVITATION_DAYS

    with mock.patch.object(
        InvitationTokenGenerator, "_now", return_value=now + timedelta(days=days, hours=-1)
    ):
        assert 'id="invitation-invalid"' not in client.get(path).content.decode()
    with mock.patch.object(
        InvitationTokenGenerator, "_now", return_value=now + timedelta(days=days, hours=1)
    ):
        body = client.get(path).content.decode()
        assert 'id="invitation-invalid"' in body
        assert "Ask your programme administrator to send you a new invitation" in body
        page = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert 'id="invitation-invalid"' in page.content.decode()


def test_a_link_works_only_for_the_person_it_was_sent_to_issue_21_3(
    client, admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    _add_person(admin_client, django_capture_on_commit_callbacks)
    other = _add_person(admin_client, django_capture_on_commit_callbacks, "other@council.example")
    token = _link(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    uid = urlsafe_base64_encode(force_bytes(other.pk))
    path = reverse("accounts:invitation-accept", kwargs={"uidb64": uid, "token": token})
    page = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert 'id="invitation-invalid"' in page.content.decode()
    other.refresh_from_db()
    assert not other.has_usable_password()
    assert (
        client.get(reverse("accounts:invitation-accept", args=["bm90", "x-y"])).status_code == 200
    )


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("short1", "short1", "at least 12 characters"),
        ("password1234", "password1234", "too common"),
        ("123456789012345", "123456789012345", "entirely numeric"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", PASSWORDS_DIFFER),
    ],
)
def test_the_project_password_rules_apply_issue_21_3(
    client,
    admin_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    first,
    second,
    message,
):
    person = _add_person(admin_client, django_capture_on_commit_callbacks)
    path = _path(_link(mailoutbox[0]))
    page = client.post(path, {"new_password1": first, "new_password2": second})
    body = page.content.decode().replace("&#x27;", "'")
    assert page.status_code == 200
    assert "There is a problem" in body
    assert message in body
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_sending_again_ends_the_older_link_and_the_page_says_who_sent_it_when_issue_21_3(
    client, admin_client, administrator, mailoutbox, django_capture_on_commit_callbacks
):
    person = _add_person(admin_client, django_capture_on_commit_callbacks)
    page = admin_client.get(reverse("accounts:person-detail", args=[person.pk]))
    body = page.content.decode()
    assert "Send the invitation again" in body
    assert f"by {administrator.get_full_name()}" in body

    with django_capture_on_commit_callbacks(execute=True):
        page = admin_client.post(
            reverse("accounts:person-invite", args=[person.pk]), {ONCE_FIELD: ""}, follow=True
        )
    assert f"An invitation was sent to {person.email}" in page.content.decode()
    assert len(mailoutbox) == 2
    old, new = _path(_link(mailoutbox[0])), _path(_link(mailoutbox[1]))
    assert 'id="invitation-invalid"' in client.get(old).content.decode()
    assert 'id="invitation-invalid"' not in client.get(new).content.decode()


def test_the_same_send_again_form_posted_twice_sends_once_issue_21_3(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    person = _add_person(admin_client, django_capture_on_commit_callbacks)
    token = "6f1c7a0e-6d2b-4a53-9d8e-0b6a3a1b2c3d"
    url = reverse("accounts:person-invite", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {ONCE_FIELD: token})
        page = admin_client.post(url, {ONCE_FIELD: token}, follow=True)
    assert len(mailoutbox) == 2  # the one on adding, and one resend
    assert "already sent" in page.content.decode()
    assert audit_history(target=person).filter(verb="invitation.sent").count() == 2


def test_demo_closed_and_set_up_accounts_are_never_invited_issue_21_3(
    administrator, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    demo = make_user(Role.HMI, is_demo=True)
    demo.set_unusable_password()
    demo.save()
    closed = make_user(Role.HMI, is_active=False)
    closed.set_unusable_password()
    closed.save()
    has_password = make_user(Role.HMI)
    for person, message in [
        (demo, invitations.NOT_FOR_DEMO),
        (closed, invitations.NOT_FOR_CLOSED),
        (has_password, "has already set a password"),
    ]:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as e:
            invitation_send(actor=administrator, person=person)
        assert message in str(e.value)
        # And no link made for them would work.
        assert not InvitationTokenGenerator().check_token(
            person, InvitationTokenGenerator().make_token(person)
        )
    assert mailoutbox == []


def test_only_a_programme_administrator_can_send_an_invitation_issue_21_3(
    client, hmi, make_user, mailoutbox
):
    person = make_user(Role.HMI)
    person.set_unusable_password()
    person.save()
    client.force_login(hmi)
    page = client.post(reverse("accounts:person-invite", args=[person.pk]), {ONCE_FIELD: ""})
    assert page.status_code == 404
    assert mailoutbox == []


def test_the_person_page_offers_the_invitation_only_to_those_who_can_use_it_issue_21_3(
    admin_client, make_user
):
    demo = make_user(Role.HMI, is_demo=True)
    demo.set_unusable_password()
    demo.save()
    waiting = make_user(Role.HMI)
    waiting.set_unusable_password()
    waiting.save()
    for person, offered in [(demo, False), (make_user(Role.HMI), False), (waiting, True)]:
        body = admin_client.get(reverse("accounts:person-detail", args=[person.pk])).content
        assert ("Send the invitation again" in body.decode()) is offered, person
