"""Issue 24 "Done when", 2009, in real Chromium with axe-core on every page: "a 2009 year runs
the three annual questionnaires, an unannounced inspection across a weekend and a full
inspection whose judgements cite quality-of-practice evidence and survey results".

For Camden's 2009 an inspector opens the annual questionnaires (004: "An annual questionnaire
for children and young people, social workers and the voluntary and community sector, to be
introduced in 2009"), issues private links for each of the three, and a respondent of each
answers through a link without signing in: the response rates follow. The unannounced inspection
is on site on a Friday and the Monday after, two days (004: "not usually be on site for more
than two days"). The full inspection records evidence on the quality of practice and the
children's survey's results (004 "Evaluating the quality of practice", "Range of evidence to be
used": "Findings from annual surveys"), and its safeguarding judgement cites both."""

import re
from datetime import date

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

HMI = "hmi@ofsted.example"
CAMDEN = "202"
# The three questionnaires by who answers them (004): children and young people (Care4me),
# social workers, the voluntary and community sector.
THREE = (
    "Care4me: children and young people in care",
    "Social workers",
    "The voluntary and community sector",
)
FRIDAY, MONDAY = date(2009, 9, 18), date(2009, 9, 21)
NOTIFIED, ON_SITE, DOCUMENTS_DUE = (
    date(2009, 11, 2),
    (date(2009, 11, 16), date(2009, 11, 17)),
    date(2009, 11, 9),
)
PRACTICE = "Children referred wait no more than a day for a social worker to see them."
SURVEYED = "Most children in care who answered say they feel safe where they live."


def _date(page, label: str, day: date) -> None:
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _questionnaires(walk, page, year_url: str) -> None:
    """Open the year's questionnaires, issue two private links for each of the three, and one
    respondent of each answers, signed out: each response rate is then 50%."""
    page.get_by_role("button", name="Open questionnaires").click()
    walk.check(page, "surveys open")
    for box in page.locator("main input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Open the questionnaires chosen").click()
    assert "Opened:" in walk.main(page), walk.main(page)
    respondent = walk.new_context().new_page()
    for title in THREE:
        page.goto(year_url)
        page.get_by_role("link", name=title, exact=True).click()
        walk.check(page, "survey")
        page.get_by_role("button", name="Issue private links").click()
        walk.check(page, "survey issue")
        page.get_by_label(re.compile("How many links to print")).fill("2")
        page.get_by_role("button", name="Issue the links").click()
        walk.check(page, "survey links")
        link = page.locator("main code").first.inner_text().strip()
        respondent.goto(link)
        walk.check(respondent, "answer, signed out")
        text = walk.main(respondent)
        assert "Sign out" not in text and "Helen Marsh" not in text
        respondent.locator("main input[type=radio]").first.check()
        respondent.get_by_role("button", name="Send your answers").click()
        assert "Answers have been sent through this link" in walk.main(respondent)
        walk.check(respondent, "answer, done")
    page.goto(year_url)
    walk.check(page, "surveys of the year")
    for title in THREE:
        row = page.locator("main tr", has_text=title).inner_text()
        assert re.search(r"\b2\s+1\s+50%", row), row


def _unannounced_across_a_weekend(walk, page) -> None:
    """004 "not usually be on site for more than two days": a Friday and the Monday after are
    two days on site, accepted without exceptional circumstances."""
    page.get_by_role("link", name=re.compile("Record an unannounced inspection")).click()
    lead = page.locator("option", has_text="Helen Marsh").first.get_attribute("value")
    page.get_by_label("Lead inspector").select_option(value=lead)
    _date(page, "First day on site", FRIDAY)
    _date(page, "Second day on site", MONDAY)
    page.get_by_label(re.compile("How many contact, referral and assessment centres")).fill("3")
    page.get_by_label("Centres visited").fill("Kentish Town duty team")
    page.get_by_label("Case files scrutinised").fill("20")
    page.get_by_label("Staff and managers spoken to").fill("9")
    page.get_by_role("button", name="Save the visit").click()
    text = walk.main(page)
    assert "The unannounced inspection was recorded" in text, text
    assert "18 and 21 September 2009" in text and "2 days on site" in text, text
    assert "Longer than usual" not in text, text
    walk.check(page, "unannounced across a weekend")


def _full_inspection(walk, page) -> None:
    page.get_by_role("link", name="Notify the council of its full inspection").click()
    walk.check(page, "full inspection notify")
    _date(page, "^Notified on", NOTIFIED)
    _date(page, "First day on site", ON_SITE[0])
    _date(page, "Second day on site", ON_SITE[1])
    lead = page.locator("option", has_text="Helen Marsh").first.get_attribute("value")
    page.get_by_label("Lead inspector").select_option(value=lead)
    page.get_by_role("group", name=re.compile("Documents requested")).locator(
        "input[type=checkbox]"
    ).first.check()
    _date(page, "^Documents due on", DOCUMENTS_DUE)
    page.get_by_role("button", name="Notify the council").click()
    assert "The council was notified of its full inspection" in walk.main(page), walk.main(page)
    walk.check(page, "full inspection")

    page.get_by_role("link", name=re.compile("Record the visit")).click()
    walk.check(page, "full inspection visit")
    page.get_by_role("button", name="Save the days on site").click()
    assert "The days on site were saved" in walk.main(page), walk.main(page)


def _evidence_and_judgement(walk, page) -> None:
    """004 "Evaluating the quality of practice" and "Range of evidence to be used" ("Findings
    from annual surveys"): two records, and the safeguarding judgement citing both."""
    page.get_by_role("button", name="Record evidence").click()
    walk.check(page, "full inspection evidence add")
    page.get_by_label("Interviewing users and staff", exact=True).check()
    page.get_by_label("Social work caseloads and how these impact on practice").check()
    page.get_by_label("Children and young people who make use of these services").check()
    page.get_by_label("What the inspectors found").fill(PRACTICE)
    page.get_by_label(re.compile(r"^\s*Reference")).fill("A child on the duty team's list")
    page.get_by_role("button", name="Save the evidence").click()
    assert "The evidence was recorded" in walk.main(page), walk.main(page)

    page.get_by_role("button", name="Record evidence").click()
    page.get_by_label("Findings from annual surveys", exact=True).check()
    assert "The questionnaire whose results it cites" in walk.main(page), walk.main(page)
    page.get_by_label(re.compile(r"^\s*Care4me: children and young people in care, 2009")).check()
    page.get_by_label("What the inspectors found").fill(SURVEYED)
    page.get_by_role("button", name="Save the evidence").click()
    assert "The evidence was recorded" in walk.main(page), walk.main(page)

    page.get_by_role("button", name="Judge safeguarding").click()
    walk.check(page, "full inspection judgements")
    page.get_by_role("group", name="Overall effectiveness", exact=True).get_by_label(
        "Good", exact=True
    ).check()
    page.get_by_label("Rationale for overall effectiveness").fill(
        "Children are seen quickly and say they feel safe."
    )
    cited = page.get_by_role("group", name="Evidence cited for overall effectiveness")
    cited.get_by_label(re.compile(r"^\s*Interviewing users and staff")).check()
    cited.get_by_label(re.compile(r"^\s*Findings from annual surveys")).check()
    page.get_by_role("button", name="Save the judgements").click()
    walk.check(page, "full inspection judged")

    judgements = page.locator("main table", has_text="Judgements: safeguarding").inner_text()
    row = next(line for line in judgements.splitlines() if "Overall effectiveness" in line)
    assert "Good" in row, judgements
    assert f"Interviewing users and staff: {PRACTICE}" in judgements, judgements
    assert f"Findings from annual surveys: {SURVEYED}" in judgements, judgements
    evidence = page.locator("main table", has_text="Evidence recorded").inner_text()
    assert "Social work caseloads and how these impact on practice" in evidence, evidence
    assert "Care4me: children and young people in care, 2009: 1 answered of 2 (50%)" in evidence
    assert evidence.count("Safeguarding: overall effectiveness") == 2, evidence


def test_a_2009_year_questionnaires_an_unannounced_weekend_and_a_full_inspection_citing_004(
    demo_database, walk
):
    """Issue 24 "Done when" (004: the annual questionnaires, "not usually be on site for more
    than two days", the quality of practice and findings from annual surveys as evidence)."""
    page = walk.as_person(HMI)
    council_url = f"{walk.live_server.url}/caa/{CAMDEN}/"
    page.goto(council_url)
    walk.check(page, "council 2009")
    page.get_by_role("link", name="The annual questionnaires 2009").click()
    walk.check(page, "surveys, none opened")
    _questionnaires(walk, page, page.url)

    page.goto(council_url)
    _unannounced_across_a_weekend(walk, page)

    page.goto(council_url)
    _full_inspection(walk, page)
    _evidence_and_judgement(walk, page)
    page.context.close()
    walk.assert_accessible()
