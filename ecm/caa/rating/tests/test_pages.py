"""The annual rating's pages (issue 10 §2): the draft page says what limits the rating and
why; a rating above the limit is refused on the page with its reasons; the council sees the
rating only once final, with the limits explained."""

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.caa.rating.limits import OUTCOMES
from tests.plugins.framework_once import bundled_framework

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def framework(db):
    bundled_framework()


def _url(name, council):
    return reverse(f"caa:{name}", kwargs={"la_number": council.la_number, "year": 2009})


def _post(grades, rating):
    data = {f"outcome_{code}": grades.get(code, 3) for code, _ in OUTCOMES}
    return {
        **data,
        "rating": rating,
        "rationale": "Weighed",
        "lock_version": 0,
        "evidence_profile_summary": "Similar to England on most indicators",
    }


def test_the_limit_is_explained_and_enforced_on_the_page_004(client, hmi, council):
    client.force_login(hmi)
    assert client.get(_url("rating-draft", council)).status_code == 200
    refused = client.post(_url("rating-draft", council), _post({"enjoying_achieving": 1}, 4))
    text = refused.content.decode()
    assert refused.status_code == 400
    assert "cannot be above 2 (performs adequately)" in text
    assert "Enjoying and achieving is judged inadequate" in text
    done = client.post(_url("rating-draft", council), _post({"enjoying_achieving": 1}, 2))
    assert done.status_code == 302
    page = client.get(_url("rating", council)).content.decode()
    assert "The rating is limited" in page and "performs adequately" in page


def test_the_council_sees_the_rating_only_once_final(client, hmi, council, link_officer, make_user):
    client.force_login(hmi)
    client.post(_url("rating-draft", council), _post({}, 3))
    client.force_login(link_officer)
    page = client.get(_url("rating", council)).content.decode()
    assert "performs well" not in page and "once it is final" in page
    assert client.get(_url("rating-draft", council)).status_code == 404
    client.force_login(make_user(Role.MANAGEMENT_READER))
    assert client.post(_url("rating-finalise", council), {"lock_version": 1}).status_code == 302
    client.force_login(link_officer)
    assert "performs well" in client.get(_url("rating", council)).content.decode()


def test_another_councils_people_and_a_year_without_rules_get_404(
    client, link_officer, other_council, council
):
    client.force_login(link_officer)
    assert client.get(_url("rating", other_council)).status_code == 404
    url = reverse("caa:rating", kwargs={"la_number": council.la_number, "year": 2008})
    assert client.get(url).status_code == 404
