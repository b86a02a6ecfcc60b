"""The demo inspector pair takes Sharpston from information pack to signed Step 4 judgements in
real Chromium, with axe-core on every page (issue 5, quality bar and "Done when")."""

import re

import pytest

from ecm.accounts.backends import DEMO_PASSWORD
from ecm.apa.models import Assessment
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HMI, BRM = "hmi@ofsted.example", "brm@csci.example"
OUTCOMES = [
    "Being healthy",
    "Staying safe",
    "Enjoying and achieving",
    "Making a positive contribution",
    "Achieving economic well-being",
]


def test_the_demo_pair_goes_from_the_pack_to_signed_judgements(demo_database, walk, live_server):
    sharpston = Assessment.objects.get(council__la_number="990")
    base = f"{live_server.url}/assessments/{sharpston.pk}/analysis"
    check, as_person, main = walk.check, walk.as_person, walk.main

    # Before day 1: the pack, its checklist and search (002 §B, §C).
    hmi = as_person(HMI)
    hmi.goto(f"{live_server.url}/assessments/{sharpston.pk}/")
    hmi.get_by_role("link", name="Information pack").click()
    assert "CSCI briefing: children's social care" in main(hmi)
    check(hmi, "pack")
    hmi.get_by_role("button", name="Add a briefing").click()
    check(hmi, "add a briefing")
    hmi.get_by_role("button", name="Add to the pack").click()  # nothing chosen: the errors
    assert "There is a problem" in main(hmi)
    check(hmi, "add a briefing, refused")
    hmi.goto(f"{base}/pack/")
    hmi.get_by_label("The APA dataset for the council received").check()
    hmi.get_by_role("button", name="Save the checklist").click()
    assert "1 of 12 done" in main(hmi)
    hmi.get_by_label("Search the briefings, documents and self-assessment").fill("placements")
    hmi.get_by_role("button", name="Search").click()
    assert "1 result" in main(hmi) and "CSCI briefing" in main(hmi)
    check(hmi, "search")

    # Day 1 apart: the HMI starts from the data and writes private entries (002 §D).
    hmi.goto(f"{base}/notebook/")
    check(hmi, "notebook")
    for n, outcome in enumerate(OUTCOMES):
        hmi.goto(f"{base}/notebook/")
        hmi.get_by_role("link", name=f"Step 1: {outcome}").click()
        check(hmi, "area")
        starts = hmi.get_by_role("link", name="Start a finding")
        if starts.count():
            starts.first.click()
            assert hmi.get_by_label("Finding").input_value()  # the engine's sentence
        else:
            hmi.get_by_role("button", name="Write a finding").click()
            hmi.get_by_label("Finding").fill(f"Social care contributes well to {outcome.lower()}.")
        check(hmi, "write a finding")
        hmi.get_by_label("Strength").check()
        hmi.get_by_label("Social care", exact=True).check()
        if n == 0:
            hmi.get_by_label("Finding").fill("Immunisation is judged 3 out of 4")
            hmi.get_by_role("button", name="Save the finding").click()
            assert "Step 1 has no grades" in main(hmi)
            check(hmi, "write a finding, refused")
            hmi.get_by_label("Finding").fill("Health outcomes are well above similar councils.")
        hmi.get_by_role("button", name="Save the finding").click()
        assert "Only you can see it until you share it" in main(hmi)
    check(hmi, "entry")
    hmi.get_by_role("link", name="A briefing").click()
    check(hmi, "add evidence")
    hmi.get_by_label("Briefing").select_option(label="CSCI briefing: children's social care (CSCI)")
    hmi.get_by_label("What does it show?").fill("Placement stability is good")
    hmi.get_by_role("button", name="Add the evidence").click()
    assert "CSCI briefing: children" in main(hmi)
    hmi.get_by_role("link", name="Withdraw").first.click()
    check(hmi, "withdraw evidence")
    hmi.go_back()

    brm = as_person(BRM)
    brm.goto(f"{base}/notebook/")
    assert "Social care comment needed" in main(brm)  # the HMI's entries are private still
    brm.get_by_role("link", name="Step 1: Capacity to improve").click()
    brm.get_by_role("button", name="Write a finding").click()
    brm.get_by_label("Finding").fill("Outcomes have improved for three years; plans are funded.")
    brm.get_by_label("Strength").check()
    brm.get_by_label("Direction of travel").check()
    brm.get_by_label("Track record").check()
    brm.get_by_role("button", name="Save the finding").click()

    # Days 2-3 together: both share, then hypotheses and Steps 2-4.
    for page in (hmi, brm):
        page.goto(f"{base}/notebook/")
        page.get_by_role("button", name="Share all my entries").click()
        assert "shared with the other inspector" in main(page)
    brm.goto(f"{base}/notebook/")
    assert "Social care comment needed" not in main(brm)
    brm.get_by_role("link", name="Step 1: Being healthy").click()
    brm.get_by_role("link", name="Open", exact=False).first.click()
    brm.get_by_role("button", name="Change the finding").click()
    check(brm, "change the finding")
    brm.get_by_label("Finding").fill("Health outcomes are well above those of similar councils.")
    brm.get_by_label("Why are you changing it?").fill("Sharper wording")
    brm.get_by_role("button", name="Save the finding").click()
    brm.get_by_role("link", name="History").click()
    assert "Sharper wording" in main(brm)
    check(brm, "history")

    hmi.goto(f"{base}/hypotheses/")
    check(hmi, "hypotheses")
    hmi.get_by_label("Hypothesis").fill("Secondary attendance is a weakness the council knows.")
    hmi.get_by_label("A briefing").check()
    hmi.get_by_role("button", name="Raise it").click()
    hmi.get_by_role("link", name="Secondary attendance").click()
    check(hmi, "hypothesis")
    hmi.get_by_label("Supported", exact=True).check()
    hmi.get_by_label("The evidence and what it showed").fill("The adviser's commentary agrees.")
    hmi.get_by_role("button", name="Record the test").click()
    assert "Supported" in main(hmi)

    hmi.goto(f"{base}/step-2/being_healthy/")
    check(hmi, "step 2")
    hmi.get_by_label("Education: indicative grade").select_option("3")
    hmi.get_by_label("Social care: indicative grade").select_option("3")
    hmi.get_by_label("Education: key points").fill("Healthy schools status is widespread.")
    hmi.get_by_role("button", name="Save").click()
    assert "summary of Being healthy was saved" in main(hmi)

    hmi.goto(f"{base}/step-3/")
    check(hmi, "step 3")
    for strand in ("Education", "Social care", "Children's services overall"):
        hmi.get_by_label(f"{strand}: indicative grade").select_option("3")
    hmi.get_by_label("The key trail of evidence").fill("E1 to E6, and the CSCI briefing.")
    hmi.get_by_role("button", name="Save").click()
    check(hmi, "step 4")

    rows = hmi.get_by_role("link", name=re.compile("^Judge "))
    total = rows.count()
    assert total == 7  # APA 2007: seven judgements (DOMAIN.md §7)
    for _ in range(total):
        hmi.get_by_role("link", name=re.compile("^Judge ")).first.click()
        check(hmi, "judge")
        hmi.get_by_label("3: Good").check()
        hmi.get_by_label("Rationale").fill("Consistently above minimum requirements.")
        boxes = hmi.locator("input[name=entries]")
        if boxes.count():
            boxes.first.check()
        hmi.get_by_role("button", name="Save the judgement").click()
    assert "Check these judgements against the handbook" in main(hmi)  # some lack evidence
    hmi.get_by_role("button", name="Sign the judgements").click()
    brm.goto(f"{base}/step-4/")
    brm.get_by_role("button", name="Sign the judgements").click()
    assert "Both inspectors have signed these judgements" in main(brm)

    # A later change clears both signatures (issue 5 §5); they sign again.
    brm.get_by_role("link", name=re.compile("^Change ")).first.click()
    brm.get_by_label("4: Outstanding").check()
    brm.get_by_label("Why are you changing it?").fill("The moderation group's view")
    brm.get_by_role("button", name="Save the judgement").click()
    assert "Not signed yet" in main(brm)
    for page in (brm, hmi):
        page.goto(f"{base}/step-4/")
        page.get_by_role("button", name="Sign the judgements").click()
    assert "Both inspectors have signed these judgements" in main(hmi)
    check(hmi, "step 4, agreed")

    with hmi.expect_download() as download:
        hmi.get_by_role("link", name="PDF").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    walk.assert_accessible()


def test_the_notebook_works_without_javascript(demo_database, page_without_js, live_server):
    """Quality bar: pages work without JavaScript; a finding is written and shared."""
    sharpston = Assessment.objects.get(council__la_number="990")
    page = page_without_js
    sign_in(page, live_server, HMI, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/assessments/{sharpston.pk}/analysis/notebook/staying_safe/add/")
    page.get_by_label("Finding").fill("Child protection reviews are held on time.")
    page.get_by_label("Strength").check()
    page.get_by_label("Social care", exact=True).check()
    page.get_by_role("button", name="Save the finding").click()
    assert "Only you can see it" in page.locator("main").inner_text()
    page.get_by_role("button", name="Share this entry").click()
    assert "shared with the other inspector" in page.locator("main").inner_text()
