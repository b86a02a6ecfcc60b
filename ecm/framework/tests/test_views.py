"""The framework pages: any signed-in user reads them; the markup is accessible."""

import html
import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.framework.tests.test_library import LSIF_000_S12

pytestmark = pytest.mark.django_db

PAGES = ["framework:version-detail", "framework:grade-scales", "framework:judgement-sets"]


class _Structure(HTMLParser):
    """Headings in order, tables with captions and header scopes, and links with text."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.tables = self.captions = self.col_headers = self.scoped = 0
        self.empty_links: list[str] = []
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "govuk-table__header" in attrs.get("class", ""):
            self.col_headers += 1
            self.scoped += attrs.get("scope") in ("col", "row")
        elif tag == "a":
            self._link = (attrs.get("href", ""), [])

    def handle_data(self, data):
        if self._link is not None:
            self._link[1].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            if not "".join(self._link[1]).strip():
                self.empty_links.append(self._link[0])
            self._link = None


def _assert_accessible(page: str) -> None:
    structure = _Structure()
    structure.feed(page)
    levels = structure.headings
    assert levels.count(1) == 1, levels
    main = levels[: levels.index(1) + 1]
    assert main == [1], f"a heading comes before the h1: {levels}"
    for before, after in pairwise(levels):
        assert after <= before + 1, f"heading level skipped: {levels}"
    assert structure.tables == structure.captions
    assert structure.col_headers == structure.scoped
    assert structure.empty_links == []


@pytest.fixture
def reader(db):
    return UserFactory(roles=[Role.HMI])


def _get(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    page = response.content.decode()
    _assert_accessible(page)
    return page


def test_version_list_shows_each_version_with_counts(client, reader, bundled):
    page = _get(client, reader, "framework:version-list")
    assert '<h1 class="govuk-heading-l">Assessment framework</h1>' in page
    assert bundled.title in page
    assert reverse("framework:version-detail", args=[bundled.pk]) in page
    assert "In force" in page
    assert "7 outcomes, 40 key judgements" in page
    assert "1 April 2005" in page


def test_version_list_says_when_nothing_is_loaded(client, reader):
    page = _get(client, reader, "framework:version-list")
    assert "No framework version has been loaded yet" in page


def test_version_detail_shows_outcomes_and_key_judgements(client, reader, bundled):
    page = _get(client, reader, "framework:version-detail", bundled.pk)
    assert f">{bundled.title}</h1>" in page
    assert "urn:ecm:framework:v1" in page
    assert bundled.source_sha256 in page
    for title in ["Being healthy", "Staying safe", "Service management", "Capacity to improve"]:
        assert f"{title}</h3>" in page
    assert "2.4" in page
    assert "Agencies work together to safeguard children" in page
    assert reverse("framework:grade-scales", args=[bundled.pk]) in page
    assert reverse("framework:judgement-sets", args=[bundled.pk]) in page


def test_grade_scales_page_shows_every_grade_with_its_descriptor(client, reader, bundled):
    page = _get(client, reader, "framework:grade-scales", bundled.pk)
    for label, descriptor in LSIF_000_S12.values():
        assert html.escape(label) in page
        assert html.escape(descriptor) in page
    for words in ["Very good / excellent", "Outstanding", "performs excellently", "No concerns"]:
        assert html.escape(words) in page
    assert 'id="scale-lsif_four_point"' in page


def test_judgement_sets_page_shows_sets_by_regime_and_year(client, reader, bundled):
    page = _get(client, reader, "framework:judgement-sets", bundled.pk)
    for regime in ["Annual performance assessment", "Joint area review", "Annual rating"]:
        assert f"{regime}</h2>" in page
    assert "Annual performance assessment 2007 and 2008</h3>" in page
    assert "Used in 2007, 2008. 7 judgements." in page
    assert "Used in 2005, 2006. 12 judgements." in page
    assert f"{reverse('framework:grade-scales', args=[bundled.pk])}#scale-apa_2005" in page


def test_a_council_user_may_read_the_framework_too(client, council, bundled):
    user = UserFactory.council_user(council=council)
    for name in PAGES:
        _get(client, user, name, bundled.pk)


@pytest.mark.parametrize("name", PAGES)
def test_a_missing_version_is_not_found(client, reader, bundled, name):
    client.force_login(reader)
    assert client.get(reverse(name, args=[bundled.pk + 100])).status_code == 404


@pytest.mark.parametrize("name", ["framework:version-list", *PAGES])
def test_anonymous_is_sent_to_sign_in(client, bundled, name):
    args = [] if name == "framework:version-list" else [bundled.pk]
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert url in response["Location"]


def test_an_inactive_user_is_refused(client, bundled):
    user = UserFactory(roles=[Role.HMI], is_active=False)
    client.force_login(user)
    # An inactive account's session is not honoured: it is sent to sign in like anyone else.
    response = client.get(reverse("framework:version-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
