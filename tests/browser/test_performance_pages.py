"""The performance pages in real Chromium with axe-core (issue 3, quality bar: "browser tests
of the profile pages with axe-core"), from the demo's generated indicator data."""

import pytest
from playwright.sync_api import expect

from ecm.accounts.backends import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_link_officer_reads_their_profile_and_an_indicator_with_no_violations(
    demo_database, page, live_server
):
    sign_in(page, live_server, "link.officer@sharpston.example", DEMO_PASSWORD)
    page.get_by_role("link", name="Your council's performance profile").click()
    assert page.locator("h1").inner_text() == "Performance profile"
    for outcome in ("Being healthy", "Staying safe", "Achieving economic well-being"):
        assert page.get_by_role("heading", name=outcome).count() == 1
    body = page.locator("main").inner_text()
    # The demo's planted weakness is flagged and put into words (issue 3 §3, §4).
    assert "Significantly worse than England and getting worse" in body
    assert "significantly above (worse than) England" in body
    assert axe_violations(page) == []

    page.get_by_role("link", name="Percentage of 16 to 18 year olds not in education").click()
    # A click waits only for the navigation to start and count() does not wait, so the test
    # waits for the chart itself (CI once counted the page before it had loaded).
    expect(page.locator("svg.ecm-chart")).to_have_count(1)
    assert page.get_by_role("img").first.get_attribute("aria-labelledby")
    assert page.locator("table tbody tr").count() == 5  # 2003 to 2007, the chart's data
    assert axe_violations(page) == []
    # A council user is never offered the page of every council (DOMAIN.md §1).
    assert page.get_by_role("link", name="Every council's figure for this indicator").count() == 0


def test_an_inspector_opens_any_profile_and_an_indicator_across_councils(
    demo_database, page, live_server
):
    sign_in(page, live_server, "hmi@ofsted.example", DEMO_PASSWORD)
    page.get_by_role("link", name="Performance", exact=True).click()
    page.get_by_label("Council").select_option("855")
    page.get_by_role("button", name="Open the profile").click()
    assert "Leicestershire" in page.locator(".govuk-caption-l").inner_text()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/performance/indicators/DEMO-IA7/?council=990")
    assert page.locator("table tbody tr").count() >= 150
    assert axe_violations(page) == []


def test_the_profile_works_without_javascript(demo_database, page_without_js, live_server):
    page = page_without_js
    sign_in(page, live_server, "hmi@ofsted.example", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/performance/councils/990/")
    page.get_by_label("Figures for periods ending in or before").select_option("2005")
    page.get_by_role("button", name="Show").click()
    assert "year=2005" in page.url
    assert "2005" in page.locator("table tbody tr td").first.inner_text()
