"""The audit viewer in real Chromium (issue 21 §6): a programme administrator filters the trail
by action, council and dates, downloads the filtered entries as CSV, and is told what to put
right when a date is wrong; axe-core finds no violation on the page, the page filtered and the
page with its error. The filters work without JavaScript too (a GET form)."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.accounts.services import user_create
from ecm.audit.services import audit_record
from ecm.authorities.tests.factories import CouncilFactory
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@ofsted.example", "a long administrator passphrase"


def _world():
    admin = user_create(
        actor=None,
        email=ADMIN_EMAIL,
        first_name="Ada",
        last_name="Admin",
        roles=[Role.PROGRAMME_ADMINISTRATOR],
        password=ADMIN_PASSWORD,
    )
    sharpston = CouncilFactory(name="Sharpston Metropolitan Council")
    other = CouncilFactory(name="Leicestershire County Council")
    audit_record(actor=admin, verb="plan.changed", target=sharpston, reason="Block 2 moved")
    audit_record(actor=admin, verb="plan.changed", target=other, reason="Block 3 moved")
    audit_record(
        actor=None,
        verb="councils.loaded",
        target=sharpston,
        after={"councils": 2},
        reason="=HYPERLINK(1)",
    )
    return sharpston


def test_an_administrator_filters_the_trail_and_downloads_it_issue_21_6(page, live_server):
    sharpston = _world()
    today = timezone.localdate()
    failures: list[str] = []
    sign_in(page, live_server, ADMIN_EMAIL, ADMIN_PASSWORD)

    page.goto(f"{live_server.url}/audit/")
    failures += [f"the trail: {v}" for v in axe_violations(page)]
    main = page.locator("main")
    assert "Council's programme plan changed" in main.inner_text()
    assert "plan.changed" not in main.locator("table").inner_text()

    page.get_by_label("Action").select_option(label="Council's programme plan changed")
    page.get_by_label("Council", exact=True).select_option(label=sharpston.name)
    page.get_by_role("group", name="From").get_by_label("Day").fill(str(today.day))
    page.get_by_role("group", name="From").get_by_label("Month").fill(str(today.month))
    page.get_by_role("group", name="From").get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    failures += [f"the trail filtered: {v}" for v in axe_violations(page)]
    table = page.locator("main table").inner_text()
    assert "Block 2 moved" in table
    assert "Block 3 moved" not in table and "HYPERLINK" not in table
    assert "1 entry matches these filters" in page.locator("main").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this entry as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Entry,When,Who,Action,Action code")
    assert "Block 2 moved" in text and "Block 3 moved" not in text

    tomorrow = today + datetime.timedelta(days=1)
    page.get_by_role("group", name="To").get_by_label("Day").fill(str(tomorrow.day))
    page.get_by_role("group", name="To").get_by_label("Month").fill("13")
    page.get_by_role("group", name="To").get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "The 'to' date must be a real date" in summary.inner_text()
    assert page.title().startswith("Error: Audit trail")
    failures += [f"the trail with an error: {v}" for v in axe_violations(page)]
    assert not failures, "\n".join(failures)


def test_the_filters_work_without_javascript_issue_21_6(page_without_js, live_server):
    _world()
    page = page_without_js
    sign_in(page, live_server, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto(f"{live_server.url}/audit/")
    page.get_by_label("Who acted").select_option(label="ECM Assess (system)")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert "person=system" in page.url
    table = page.locator("main table").inner_text()
    assert "Councils loaded" in table and "Block 2 moved" not in table
