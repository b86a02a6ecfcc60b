"""People, roles and sign-in (DOMAIN.md §1; issue 2 item 5)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from ecm.accounts import services
from ecm.accounts.backends import DEMO_PASSWORD
from ecm.accounts.forms import SIGN_IN_FAILED
from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import TEST_PASSWORD, UserFactory
from ecm.audit.selectors import audit_history

pytestmark = pytest.mark.django_db


def _create(actor, **overrides):
    data = {
        "actor": actor,
        "email": "New.Person@Ofsted.example",
        "first_name": "New",
        "last_name": "Person",
        "roles": [Role.HMI],
    }
    data.update(overrides)
    return services.user_create(**data)


def test_a_person_is_created_with_roles_and_the_creation_is_audited(administrator):
    person = _create(administrator)
    assert person.email == "new.person@ofsted.example"
    assert person.roles == {Role.HMI}
    assert not person.has_usable_password()
    entry = audit_history(target=person).get()
    assert entry.verb == "user.created" and entry.actor == administrator


@pytest.mark.parametrize(
    ("roles", "needs_council", "message"),
    [
        ([Role.LINK_OFFICER], False, services.COUNCIL_ROLE_NEEDS_COUNCIL),
        ([Role.HMI], True, services.INSPECTORATE_ROLE_HAS_NO_COUNCIL),
        ([Role.HMI, Role.DIRECTOR], True, services.NO_MIXED_SIDES),
        ([], False, services.NEEDS_A_ROLE),
    ],
)
def test_council_users_belong_to_exactly_one_council_domain_s1(
    administrator, council, roles, needs_council, message
):
    """DOMAIN.md §1: an authority's users see only their own authority."""
    with pytest.raises(ValidationError) as error:
        _create(administrator, roles=roles, council=council if needs_council else None)
    assert message in str(error.value)
    assert not User.objects.filter(email="new.person@ofsted.example").exists()


def test_an_email_address_is_used_once_whatever_its_case(administrator):
    _create(administrator)
    with pytest.raises(ValidationError, match="already exists"):
        _create(administrator, email="NEW.PERSON@ofsted.example")


def test_changing_roles_needs_a_reason_and_keeps_before_and_after(administrator, hmi):
    with pytest.raises(ValidationError, match="Enter why"):
        services.user_update(
            actor=administrator,
            user=hmi,
            first_name="A",
            last_name="B",
            job_title="",
            roles=[Role.HMI, Role.MODERATOR],
            council=None,
            is_active=True,
            reason=" ",
        )
    services.user_update(
        actor=administrator,
        user=hmi,
        first_name="A",
        last_name="B",
        job_title="",
        roles=[Role.HMI, Role.MODERATOR],
        council=None,
        is_active=True,
        reason="Moderates 2007",
    )
    hmi = User.objects.get(pk=hmi.pk)
    assert hmi.roles == {Role.HMI, Role.MODERATOR}
    entry = audit_history(target=hmi).first()
    assert entry.before["roles"] == ["hmi"]
    assert entry.after["roles"] == ["hmi", "moderator"]
    assert entry.reason == "Moderates 2007"


def test_sign_in_with_email_and_password(client):
    person = UserFactory(email="someone@ofsted.example", roles=[Role.HMI])
    page = client.post(
        "/sign-in/", {"username": "Someone@ofsted.example", "password": TEST_PASSWORD}
    )
    assert page.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_password_is_refused_with_the_error_summary(client):
    UserFactory(email="someone@ofsted.example", roles=[Role.HMI])
    page = client.post("/sign-in/", {"username": "someone@ofsted.example", "password": "nope"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "There is a problem" in body
    assert SIGN_IN_FAILED in body.replace("&#x27;", "'")


def test_a_closed_account_cannot_sign_in(client):
    UserFactory(email="gone@ofsted.example", roles=[Role.HMI], is_active=False)
    page = client.post("/sign-in/", {"username": "gone@ofsted.example", "password": TEST_PASSWORD})
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session


def _demo_person():
    return services.user_create(
        actor=None,
        email="demo@ofsted.example",
        first_name="D",
        last_name="P",
        roles=[Role.HMI],
        is_demo=True,
        password="ignored-for-demo-accounts",
    )


@override_settings(DEMO_MODE=True)
def test_demo_accounts_sign_in_with_the_demo_password_in_demo_mode(client):
    _demo_person()
    page = client.post("/sign-in/", {"username": "demo@ofsted.example", "password": DEMO_PASSWORD})
    assert page.status_code == 302


@override_settings(DEMO_MODE=False)
def test_demo_accounts_cannot_sign_in_outside_demo_mode(client):
    """Issue 2 item 9: a demo password that only demo mode accepts."""
    _demo_person()
    page = client.post("/sign-in/", {"username": "demo@ofsted.example", "password": DEMO_PASSWORD})
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session


def test_administrators_add_a_person_through_the_pages(client, administrator, council):
    client.force_login(administrator)
    page = client.post(
        "/people/add/",
        {
            "email": "lo@council.example",
            "first_name": "Link",
            "last_name": "Officer",
            "roles": [Role.LINK_OFFICER],
            "council": council.pk,
        },
    )
    assert page.status_code == 302
    person = User.objects.get(email="lo@council.example")
    assert person.council == council and person.roles == {Role.LINK_OFFICER}


def test_a_refused_person_form_shows_what_to_put_right(client, administrator):
    client.force_login(administrator)
    page = client.post(
        "/people/add/",
        {
            "email": "lo@council.example",
            "first_name": "L",
            "last_name": "O",
            "roles": [Role.LINK_OFFICER],
        },
    )
    assert page.status_code == 200
    assert services.COUNCIL_ROLE_NEEDS_COUNCIL in page.content.decode().replace("&#x27;", "'")
    assert not User.objects.filter(email="lo@council.example").exists()
