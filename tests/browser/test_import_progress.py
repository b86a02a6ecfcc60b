"""A running import's page in real Chromium (issue 22 §6): its script asks for the progress and
updates the page's live region (no meta refresh), then reloads once to show the summary when the
import ends; without JavaScript the page offers a link. axe-core finds no violation, and the
fixtures fail the test on any Content-Security-Policy refusal."""

import pytest
from playwright.sync_api import expect

from ecm.accounts.roles import Role
from ecm.accounts.services import user_create
from ecm.performance.models import DataImport
from ecm.performance.tests.factories import DataImportFactory
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@ofsted.example", "a long administrator passphrase"


def _running_import() -> DataImport:
    user_create(
        actor=None,
        email=ADMIN_EMAIL,
        first_name="Ada",
        last_name="Admin",
        roles=[Role.PROGRAMME_ADMINISTRATOR],
        password=ADMIN_PASSWORD,
    )
    return DataImportFactory(
        file_name="lait.xlsx", file_format="lait", status="running",
        stage="Reading the file", rows_done=1000, rows_total=4000,
    )  # fmt: skip


def test_the_page_follows_an_import_through_its_phases_to_the_end_issue_22_6(page, live_server):
    data_import = _running_import()
    sign_in(page, live_server, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto(f"{live_server.url}/performance/imports/{data_import.pk}/")
    region = page.locator("[aria-live=polite]")
    expect(region).to_contain_text("Reading the file: 1000 of 4000 rows (25%)")
    assert page.locator("meta[http-equiv]").count() == 0
    assert axe_violations(page) == []

    DataImport.objects.filter(pk=data_import.pk).update(
        stage="Comparing every council", rows_done=30, rows_total=120
    )
    expect(region).to_contain_text("Comparing every council: 30 of 120 indicators (25%)")
    expect(region).to_contain_text("Saving the values (done)")
    assert axe_violations(page) == []

    DataImport.objects.filter(pk=data_import.pk).update(status="done", stage="", values_created=7)
    expect(page.locator("main")).to_contain_text("7 values added")
    assert axe_violations(page) == []


def test_without_javascript_the_page_offers_a_link_issue_22_6(page_without_js, live_server):
    data_import = _running_import()
    sign_in(page_without_js, live_server, ADMIN_EMAIL, ADMIN_PASSWORD)
    page_without_js.goto(f"{live_server.url}/performance/imports/{data_import.pk}/")
    page_without_js.get_by_role("link", name="Refresh to see the progress").click()
    expect(page_without_js.locator("main")).to_contain_text("Reading the file: 1000 of 4000 rows")
