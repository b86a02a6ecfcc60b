"""Sign-in and each role's home page in real Chromium, with axe-core finding no violations
(issue 2: quality bar; WCAG 2.2 AA)."""

import pytest

from ecm.accounts.backends import DEMO_PASSWORD
from ecm.demo.people import DEMO_PEOPLE
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# What each demo person must see on their home page, and what they must not.
EXPECTED = {
    "admin@ofsted.example": (
        "Your work",
        ["People and roles", "Annual performance assessment 2007"],
    ),
    "hmi@ofsted.example": ("Your work", ["Sharpston Metropolitan Council", "(Lead)"]),
    "brm@csci.example": ("Your work", ["Sharpston Metropolitan Council"]),
    "reader@ofsted.example": ("Your work", ["Annual performance assessment 2007"]),
    "moderator@ofsted.example": ("Your work", ["Annual performance assessment 2007"]),
    "panel1@csci.example": ("Your work", ["The assessment framework"]),
    "link.officer@sharpston.example": ("Sharpston Metropolitan Council", ["Self-assessment due"]),
    "dcs@sharpston.example": ("Sharpston Metropolitan Council", ["View your council's assessment"]),
    "link.officer@leicestershire.example": ("Leicestershire", ["Self-assessment due"]),
}


def test_sign_in_page_is_accessible_and_explains_a_wrong_password(page, live_server):
    page.goto(f"{live_server.url}/sign-in/")
    assert page.title().startswith("Sign in to ECM Assess")
    assert axe_violations(page) == []
    sign_in(page, live_server, "nobody@ofsted.example", "wrong password")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct email address and password" in summary.inner_text()
    assert page.title().startswith("Sign in to ECM Assess - Error")
    assert axe_violations(page) == []


def test_each_role_signs_in_to_its_own_home_page_with_no_accessibility_violations(
    demo_database, page, live_server
):
    failures = []
    for person in DEMO_PEOPLE:
        if person.email not in EXPECTED:
            continue
        heading, texts = EXPECTED[person.email]
        sign_in(page, live_server, person.email, DEMO_PASSWORD)
        h1 = page.locator("h1").inner_text()
        body = page.locator("main").inner_text()
        if heading not in h1:
            failures.append(f"{person.email}: heading {h1!r}, expected {heading!r}")
        failures += [f"{person.email}: {t!r} missing" for t in texts if t not in body]
        failures += [f"{person.email}: {v}" for v in axe_violations(page)]
        if person.council_la_number:
            # A council user sees nothing of other councils: no round list, no council list.
            for other in ("Rounds", "Councils"):
                if page.get_by_role("link", name=other, exact=True).count():
                    failures.append(f"{person.email}: sees the {other} link")
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{live_server.url}/sign-in/")
    assert not failures, "\n".join(failures)


def test_sign_in_and_home_page_work_without_javascript(demo_database, page_without_js, live_server):
    sign_in(page_without_js, live_server, "hmi@ofsted.example", DEMO_PASSWORD)
    assert page_without_js.locator("h1").inner_text() == "Your work"
    page_without_js.get_by_role("link", name="Sharpston Metropolitan Council").first.click()
    assert page_without_js.locator("h1").inner_text() == "Sharpston Metropolitan Council"
