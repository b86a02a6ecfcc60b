"""The statistical neighbour models' pages in real Chromium (issue 22 §5): DfE's workbook
uploaded as published, a bad file refused with its problems listed, the model in use chosen with
a reason; the profile's warning and the import's offer when real figures meet the demo's
invented neighbours. axe-core finds no violation, and the fixtures fail the test on any
Content-Security-Policy refusal."""

import re

import pytest
from playwright.sync_api import expect

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.services import user_create
from ecm.authorities.models import StatisticalNeighbourModel
from ecm.authorities.services import councils_load
from ecm.authorities.tests.neighbour_files import sample_rows, write
from ecm.demo.services import DemoResult, _performance_data
from ecm.performance.models import DataImport
from ecm.performance.tests.conftest import build_world
from tests.browser.conftest import axe_violations, sign_in
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@ofsted.example", "a long administrator passphrase"


@pytest.fixture
def administrator_page(page, live_server):
    councils_load()
    user_create(
        actor=None,
        email=ADMIN_EMAIL,
        first_name="Ada",
        last_name="Admin",
        roles=[Role.PROGRAMME_ADMINISTRATOR],
        password=ADMIN_PASSWORD,
    )
    sign_in(page, live_server, ADMIN_EMAIL, ADMIN_PASSWORD)
    return page


def test_dfe_workbook_uploaded_refused_and_chosen_issue_22_5(
    administrator_page, live_server, tmp_path
):
    page = administrator_page
    workbook = shared_path("data", "lait", "sn_may_2025.xlsx")
    page.goto(f"{live_server.url}/councils/")
    page.get_by_role("link", name="Statistical neighbour models").click()
    expect(page.locator("main")).to_contain_text("No model is in use")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Upload a DfE file").click()
    assert axe_violations(page) == []
    rows = sample_rows()
    rows[0][0] = "944"
    page.get_by_label(re.compile(r"^\s*The DfE file")).set_input_files(
        write(tmp_path, "groups.xlsx", rows)
    )
    page.get_by_role("button", name="Upload the file").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Nothing was stored: put right the 1 problem below")
    expect(summary).to_contain_text("Row 4, C (LA number)")
    assert axe_violations(page) == []

    page.get_by_label(re.compile(r"^\s*The DfE file")).set_input_files(workbook)
    page.get_by_role("button", name="Upload the file").click()
    expect(page.locator("main")).to_contain_text(
        "1580 neighbours of 158 councils imported from sn_may_2025.xlsx"
    )
    expect(page.locator("main")).to_contain_text("In use")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Choose another model").click()
    page.get_by_label("DfE statistical neighbours, May 2025 (dfe-2025)").check()
    page.get_by_label("Why should the comparisons use this model?").fill("DfE's latest")
    page.get_by_role("button", name="Use this model").click()
    expect(page.locator("main")).to_contain_text(
        "Every council's comparisons now use DfE statistical neighbours, May 2025"
    )
    assert StatisticalNeighbourModel.objects.get(code="dfe-2025").in_use
    assert axe_violations(page) == []


def test_real_figures_with_invented_neighbours_say_so_issue_22_5(
    administrator_page, live_server, tmp_path
):
    """The demo's own invented model and made-up figures, then real figures imported by the
    administrator: the profile's banner and the import's offer, checked with axe."""
    page = administrator_page
    administrator = User.objects.get(email=ADMIN_EMAIL)
    councils = ["855", "856", "857", "330", "331", "332", "802", "803", "850", "865", "891", "916"]
    _performance_data(DemoResult(), councils=councils)
    build_world(tmp_path, councils=councils, indicators=2, years=[2025], actor=administrator)
    real_import = DataImport.objects.get(file_name="values.csv")

    page.goto(f"{live_server.url}/performance/councils/855/")
    banner = page.locator("#neighbours-warning")
    expect(banner).to_contain_text("These real figures are compared with statistical neighbours")
    page.get_by_text(re.compile(r"Leicestershire's \d+ statistical neighbours")).click()
    expect(page.locator("#neighbour-list")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/performance/imports/{real_import.pk}/")
    expect(page.locator("#neighbour-offer")).to_contain_text(
        "No DfE statistical neighbour model is held"
    )
    assert axe_violations(page) == []
    page.locator("#neighbour-offer").get_by_role("link", name="upload it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Upload a DfE statistical neighbour file"
    )
