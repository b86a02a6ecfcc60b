"""Running a round in real Chromium, with axe-core on every page (issue 8 quality bar:
"browser test of set-up by import and of a person's 'what is due' page"): the administrator
imports a plan for every council of the demo round (first a file with a mistake, refused whole
with the row, column, value and reason), filters the dashboard by block, and the Lead reads
what is due, agrees a date on a council's checklist and takes a calendar address whose feed a
calendar program can read without signing in."""

import re
from datetime import date, timedelta

import pytest

from ecm.apa.models import AssessmentRound
from ecm.core.spreadsheets import rows_csv
from ecm.programme.models import Block, CouncilPlan
from ecm.programme.services.plan import plan_rows

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN, LEAD = "admin@ofsted.example", "hmi@ofsted.example"
SHARPSTON = "990"


def _plan_with_block_two_moved(demo_round) -> tuple[bytes, bytes]:
    """The demo round's plan as exported, with block 2's window a week later; and the same
    with one meeting on a Saturday."""
    rows = plan_rows(assessment_round=demo_round)
    header = rows[0]
    block, starts, ends = (header.index(c) for c in ("block", "analysis_starts", "analysis_ends"))
    meeting = header.index("meeting_date")

    for row in rows[1:]:
        if row[block] == 2:
            row[starts] += timedelta(days=7)
            row[ends] += timedelta(days=7)
            row[meeting] = max(row[meeting], row[ends] + timedelta(days=3))
    good = rows_csv(rows)
    rows[5][meeting] = date(2007, 7, 14)  # a Saturday
    return good, rows_csv(rows)


def test_a_round_is_set_up_by_import_and_each_person_sees_what_is_due(
    demo_database, walk, live_server, tmp_path
):
    demo_round = AssessmentRound.objects.get(regime="apa", year=2007)
    good, bad = _plan_with_block_two_moved(demo_round)
    (tmp_path / "plan.csv").write_bytes(good)
    (tmp_path / "bad-plan.csv").write_bytes(bad)
    check, main = walk.check, walk.main
    councils = demo_round.assessments.count()

    admin = walk.as_person(ADMIN)
    admin.goto(f"{live_server.url}/rounds/{demo_round.pk}/")
    admin.get_by_role("link", name=re.compile("^Programme of")).click()
    check(admin, "programme dashboard")
    assert f"{councils} councils" in main(admin)
    admin.get_by_role("link", name="Import the round's plan").click()
    check(admin, "plan import")

    # A plan with a meeting on a Saturday is refused whole, the problem located.
    admin.get_by_label("The plan (CSV or Excel .xlsx)").set_input_files(tmp_path / "bad-plan.csv")
    admin.get_by_role("button", name="Import the plan").click()
    text = main(admin)
    assert "Nothing was imported" in text and "not a working day (Saturday)" in text
    assert re.search(r"\b6\s+meeting_date\s+2007-07-14", text), text
    check(admin, "plan import, refused")
    window = Block.objects.get(round=demo_round, number=2)
    assert window.analysis_starts.day == 11  # unchanged

    # The corrected plan for every council imports.
    admin.get_by_label("The plan (CSV or Excel .xlsx)").set_input_files(tmp_path / "plan.csv")
    admin.get_by_role("button", name="Import the plan").click()
    assert f"The plan of {councils} councils was imported" in main(admin), main(admin)
    window.refresh_from_db()
    assert window.analysis_starts.day == 18
    assert CouncilPlan.objects.filter(assessment__round=demo_round).count() == councils

    # The dashboard filtered to block 2; its windows moved and its councils' dates with them.
    admin.get_by_label("Block").select_option("2")
    admin.get_by_role("button", name="Filter").click()
    check(admin, "programme dashboard, filtered")
    shown = CouncilPlan.objects.filter(assessment__round=demo_round, block__number=2).count()
    assert f"{shown} council" in main(admin)
    admin.get_by_role("link", name="Blocks and their analysis windows").click()
    check(admin, "blocks")
    assert "Monday 18 June 2007" in main(admin)

    # The Lead: what is due, overdue first, each with its rule.
    lead = walk.as_person(LEAD)
    lead.get_by_role("link", name="What is due").click()
    check(lead, "what is due")
    text = main(lead)
    assert "Overdue" in text and "Rule:" in text

    # A council's individual checklist: the Lead agrees the date of the draft letter.
    sharpston = demo_round.assessments.get(council__la_number=SHARPSTON)
    lead.goto(f"{live_server.url}/assessments/{sharpston.pk}/")
    lead.get_by_role("link", name=re.compile("^Individual checklist")).click()
    check(lead, "individual checklist")
    lead.get_by_role("link", name=re.compile("^Agree a date for draft letter")).click()
    check(lead, "agree a date")
    group = lead.get_by_role("group", name=re.compile("The agreed date"))
    group.get_by_label("Day").fill("3")
    group.get_by_label("Month").fill("9")
    group.get_by_label("Year").fill("2007")
    lead.get_by_label("What was agreed, and with whom").fill("Agreed with Lesley by telephone")
    lead.get_by_role("button", name="Save the date").click()
    text = main(lead)
    assert "the agreed date was saved" in text and "Monday 3 September 2007" in text
    assert "Agreed with Lesley by telephone" in text

    # A calendar address, read as a calendar program would: no sign-in.
    lead.get_by_role("link", name="What is due").click()
    lead.get_by_role("link", name="Show these dates in your own calendar").click()
    check(lead, "calendars")
    lead.get_by_role("button", name="Make an address for my deadlines").click()
    address = lead.locator("main code").first.inner_text()
    check(lead, "calendars, with an address")
    feed = walk.new_context().request.get(address)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert "BEGIN:VCALENDAR" in body and "Sharpston" in body
    lead.get_by_role("button", name=re.compile("^Revoke")).click()
    assert "was revoked" in main(lead)
    assert walk.new_context().request.get(address).status == 404
    walk.assert_accessible()
