"""A new deployment's first programme administrator (issue 21 §3: real accounts): nobody can
add people until someone can sign in, so `manage.py add_administrator` makes the account and
prints a single-use invitation link instead of emailing it."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.audit.selectors import audit_history

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 2007"


def _add(email="first.admin@ofsted.example") -> str:
    out = io.StringIO()
    call_command(
        "add_administrator", email, "--first-name", "Ada", "--last-name", "Byron", stdout=out
    )
    return out.getvalue()


def test_the_first_administrator_gets_the_role_and_a_link_that_sets_a_password_once_issue_21_3(
    client,
):
    said = _add()
    person = User.objects.get(email="first.admin@ofsted.example")
    assert person.roles == {Role.PROGRAMME_ADMINISTRATOR}
    assert not person.has_usable_password()
    path = urlsplit(re.search(r"https?://\S+", said).group()).path

    page = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert page.status_code == 302 and page["Location"] == reverse("accounts:sign-in")
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    # The link works once (decision 0035): a second use is told it is no longer valid.
    again = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert again.status_code != 302
    verbs = list(audit_history(target=person).values_list("verb", "actor"))
    assert ("user.created", None) in verbs and ("invitation.sent", None) in verbs


def test_an_address_already_in_use_is_refused_and_nothing_is_made_issue_21_3():
    _add()
    with pytest.raises(CommandError, match="already exists"):
        _add(email="FIRST.ADMIN@ofsted.example")
    assert User.objects.filter(email__iexact="first.admin@ofsted.example").count() == 1


def test_a_wrong_address_is_refused_without_an_account_issue_21_3():
    with pytest.raises(CommandError, match="email"):
        _add(email="not an address")
    assert not User.objects.exists()
