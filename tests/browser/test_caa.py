"""A 2009 year in real Chromium, axe-core on every page (issue 10 "Done when" and its quality
bar): an inspector records Camden's unannounced inspection, evaluates 004's nine aspects and
sends a letter raising serious concerns; the full inspection of safeguarding moves forward on
the council's page at once (004: "If serious concerns are raised ... the full three-yearly
inspection of safeguarding will be brought forward"); the annual rating above "performs
adequately" is refused with the letter as the reason, and the limited rating is saved and
explained (004 "Annual Rating"). Then Leicestershire's demo year as its link officer reads it:
the quarterly profile, the unannounced letter, the published safeguarding report and the final
rating with its limit explained."""

import re
from datetime import date

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

HMI = "hmi@ofsted.example"
LEICESTERSHIRE_OFFICER = "link.officer@leicestershire.example"
CAMDEN = "202"
ON_SITE = (date(2009, 9, 15), date(2009, 9, 16))
LETTER_ON = date(2009, 9, 25)


def _date(page, label: str, day: date) -> None:
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _record_the_visit(walk, page) -> None:
    page.get_by_role("link", name=re.compile("Record an unannounced inspection")).click()
    walk.check(page, "unannounced new")
    lead = page.locator("option", has_text="Helen Marsh").first.get_attribute("value")
    page.get_by_label("Lead inspector").select_option(value=lead)
    _date(page, "First day on site", ON_SITE[0])
    _date(page, "Second day on site", ON_SITE[1])
    page.get_by_label(re.compile("How many contact, referral and assessment centres")).fill("6")
    # 004: "where there are more than five this will be at least two": one is refused.
    page.get_by_label("Centres visited").fill("Kentish Town duty team")
    page.get_by_label("Case files scrutinised").fill("24")
    page.get_by_label("Staff and managers spoken to").fill("11")
    page.get_by_role("button", name="Save the visit").click()
    walk.check(page, "unannounced new refused")
    assert "at least two" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Centres visited").fill("Kentish Town duty team\nHolborn assessment team")
    page.get_by_role("button", name="Save the visit").click()
    assert "The unannounced inspection was recorded" in walk.main(page)
    walk.check(page, "unannounced inspection")


def _evaluate_and_write(walk, page) -> None:
    page.get_by_role("button", name="Evaluate the aspects").click()
    walk.check(page, "unannounced aspects")
    boxes = page.locator("main textarea")
    assert boxes.count() == 9  # 004's nine aspects
    for n in range(9):
        boxes.nth(n).fill(f"Finding {n + 1}: practice is inconsistent across the two teams.")
    page.get_by_role("button", name="Save the evaluations").click()
    page.get_by_role("button", name="Outcome and letter").click()
    walk.check(page, "unannounced letter form")
    page.get_by_label(re.compile("raised serious concerns")).check()
    page.get_by_label(re.compile(r"^\s*To:")).fill("Ms A Director")
    page.get_by_label(re.compile("Lead Member")).fill("Cllr B Member")
    page.get_by_label(re.compile("Safeguarding Children Board")).fill("Mr C Chair")
    page.get_by_label(re.compile("Chief Executive")).fill("Ms D Executive")
    page.get_by_label("The letter").fill(
        "Children referred to the duty team wait too long for an initial assessment."
    )
    page.get_by_role("button", name="Save the outcome and letter").click()


def _send(walk, page) -> None:
    page.get_by_role("button", name="Send the letter").click()
    walk.check(page, "unannounced send")
    assert "brought forward" in walk.main(page)
    _date(page, "Date of the letter", LETTER_ON)
    page.get_by_role("button", name="Send the letter").click()
    assert "brought forward" in walk.main(page)
    page.get_by_role("link", name="The letter, printable").click()
    walk.check(page, "unannounced letter")
    text = walk.main(page)
    assert "Ms A Director" in text and "Ms D Executive" in text


def _rating_is_limited(walk, page) -> None:
    page.goto(f"{walk.live_server.url}/caa/{CAMDEN}/rating/2009/draft/")
    walk.check(page, "rating draft")
    for outcome in ("Being healthy", "Staying safe", "Enjoying and achieving"):
        page.get_by_role("group", name=outcome).get_by_label("Good").check()
    for outcome in ("Making a positive contribution", "Achieving economic well-being"):
        page.get_by_role("group", name=outcome).get_by_label("Good").check()
    page.get_by_label("The summary of the performance profile").fill("In line with England.")
    page.get_by_role("group", name="Rating").get_by_label("Performs well").check()
    page.get_by_label("Why this rating").fill("Good outcomes; the letter weighs most.")
    page.get_by_role("button", name="Save the draft rating").click()
    walk.check(page, "rating draft refused")
    refused = page.locator(".govuk-error-summary").inner_text()
    assert "cannot be above 2 (performs adequately)" in refused
    assert "raised serious concerns" in refused
    page.get_by_role("group", name="Rating").get_by_label("Performs adequately").check()
    page.get_by_role("button", name="Save the draft rating").click()
    walk.check(page, "rating")
    text = walk.main(page)
    assert "The rating is limited" in text and "serious concerns" in text


def test_serious_concerns_bring_the_full_inspection_forward_and_limit_the_rating_004(
    demo_database, walk
):
    page = walk.as_person(HMI)
    page.goto(f"{walk.live_server.url}/caa/{CAMDEN}/")
    walk.check(page, "council 2009")
    # 004: every area within the three years from 1 April 2009.
    assert "due by 31 March 2012" in walk.main(page)
    _record_the_visit(walk, page)
    _evaluate_and_write(walk, page)
    _send(walk, page)
    page.goto(f"{walk.live_server.url}/caa/{CAMDEN}/")
    text = walk.main(page)
    assert "Brought forward" in text
    # Three months after the letter: the inspectorate's setting in the part's data file.
    assert "due by 25 December 2009" in text
    _rating_is_limited(walk, page)
    page.context.close()
    walk.assert_accessible()


def test_the_demo_councils_2009_year_as_its_link_officer_reads_it(demo_database, walk):
    """Issue 10 "Done when": quarterly profile, unannounced inspection, safeguarding inspection
    and annual rating with the limit applied and explained, for the demo council."""
    page = walk.as_person(LEICESTERSHIRE_OFFICER)
    page.get_by_role("link", name="From 2009").first.click()
    page.get_by_role("link", name="Leicestershire").click()
    walk.check(page, "council 2009 as the council")
    council_page = page.url
    page.get_by_role("link", name=re.compile("performance profile", re.I)).first.click()
    walk.check(page, "profile")
    assert "Staying safe" in walk.main(page)
    page.goto(council_page)
    page.get_by_role("link", name="2009\u201310").click()
    walk.check(page, "unannounced as the council")
    assert "serious concerns" in walk.main(page)
    page.goto(council_page)
    page.get_by_role("link", name="read the report").click()
    walk.check(page, "safeguarding report")
    headings = page.locator("main h2").all_inner_texts()
    assert {"Safeguarding", "Services for looked after children"} <= set(headings)
    page.goto(council_page)
    page.get_by_role("link", name="The annual rating").click()
    walk.check(page, "rating as the council")
    text = walk.main(page)
    assert "performs adequately" in text
    assert "The rating is limited" in text
    page.context.close()
    walk.assert_accessible()
