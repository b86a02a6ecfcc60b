"""Issue 24 "Done when", the JAR, in real Chromium with axe-core on every page: "A browser test
runs a JAR with a four-inspectorate team from notification to published report (PDF) with
meetings recorded against tracked cases".

The administrator notifies Sharpston and adds four inspectors as accounts, each with their own
inspectorate (003: teams "normally have inspectors from at least four inspectorates or
commissions"; 001: led by Ofsted with the Healthcare Commission and the Audit Commission); the
council lists its 100 cases and the lead draws ten to track; the lead plans the fieldwork and
the Healthcare Commission's inspector records a meeting with a tracked case's child and social
worker, by their part (001 "Case tracking"); evidence and 001's five judgements; the report goes
through its stages to published, and its PDF names the council."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ecm.jar.models import JointAreaReview

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN, LEAD, HEALTH, OFFICER = (
    "admin@ofsted.example",
    "hmi@ofsted.example",
    "inspector@healthcare-commission.example",
    "link.officer@sharpston.example",
)
# The demo's accounts and the inspectorate their account records (ecm/demo/people.py).
TEAM = (
    ("Helen Marsh", "Ofsted"),
    ("Ann Patel", "Healthcare Commission"),
    ("Robert Kerr", "Audit Commission"),
    ("Bilal Rahman", "Commission for Social Care Inspection"),
)
CODES = (
    "safeguarding",
    "looked_after_children",
    "ldd",
    "service_management",
    "capacity_to_improve",
)
COUNCIL = "Sharpston Metropolitan Council"


def _date(page, label: str, day: date) -> None:
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _cases(tmp_path) -> str:
    lines = [f"LAC-{n:03d},looked_after" for n in range(35)]
    lines += [f"CP-{n:03d},child_protection" for n in range(35)]
    lines += [f"CIN-{n:03d},child_in_need" for n in range(30)]
    path = tmp_path / "cases.csv"
    path.write_text("reference,category\n" + "\n".join(lines) + "\n")
    return str(path)


def _move(page, to: str, on: date) -> None:
    page.get_by_role("button", name="Move the report").click()
    page.get_by_label(to, exact=True).check()
    _date(page, "^On", on)
    page.get_by_role("button", name="Move the report").click()


def _notify_with_a_team_of_four_inspectorates(walk) -> tuple[str, JointAreaReview]:
    """003 "normally have inspectors from at least four inspectorates or commissions": the
    team's accounts, each offered with its inspectorate; the warning goes once there are four."""
    admin = walk.as_person(ADMIN)
    admin.goto(f"{walk.live_server.url}/jar/notify/")
    admin.get_by_label("Council").select_option(label=COUNCIL)
    _date(admin, "^Notified on", date(2008, 4, 11))
    _date(admin, "^Set-up meeting", date(2008, 6, 13))
    _date(admin, "^Analysis stage starts", date(2008, 9, 22))
    _date(admin, "^Fieldwork week 1 starts", date(2008, 10, 13))
    admin.get_by_role("button", name="Notify the council").click()
    review_url = admin.url
    review = JointAreaReview.objects.latest("pk")
    for n, (name, inspectorate) in enumerate(TEAM):
        admin.get_by_role("link", name="Add an inspector").click()
        walk.check(admin, "team add")
        choice = admin.locator("option", has_text=f"{name} ({inspectorate})")
        admin.get_by_label("Inspector", exact=True).select_option(
            value=choice.get_attribute("value")
        )
        if n == 0:
            admin.get_by_label(re.compile("lead inspector")).check()
        admin.get_by_role("button", name="Add to the team").click()
        text = walk.main(admin)
        if n < 3:
            assert "inspectors from at least four inspectorates" in text, text
    text = walk.main(admin)
    assert "The team has inspectors from" not in text, text
    for name, inspectorate in TEAM:
        assert f"{name}, {inspectorate}" in text, text
    assert "recorded by name only" not in text
    walk.check(admin, "review, team of four inspectorates")
    admin.context.close()
    return review_url, review


def _fieldwork(walk, review_url: str, tracked: str) -> None:
    """001: the plan of the fieldwork weeks, and a meeting with a tracked case's people,
    recorded by who was met, never by name, by the Healthcare Commission's inspector."""
    lead = walk.as_person(LEAD)
    lead.goto(review_url)
    lead.get_by_role("link", name="plan an activity").click()
    walk.check(lead, "fieldwork add")
    _date(lead, "^Day", date(2008, 10, 14))
    lead.get_by_label("Case-tracking meeting").check()
    lead.get_by_label("What it is").fill("Meeting the tracked child's social worker")
    lead.get_by_label(re.compile(r"^\s*Tracked case")).fill(tracked)
    lead.get_by_role("button", name="Add it to the plan").click()
    assert "was added to the plan" in walk.main(lead), walk.main(lead)
    lead.goto(review_url)
    lead.get_by_role("link", name="Open the fieldwork plan").click()
    walk.check(lead, "fieldwork plan")
    assert "Meeting the tracked child's social worker" in walk.main(lead)
    lead.context.close()

    health = walk.as_person(HEALTH)
    health.goto(review_url)
    walk.check(health, "review, as the Healthcare Commission's inspector")
    health.get_by_role("link", name="Record a meeting against a tracked case").click()
    walk.check(health, "meeting add")
    health.get_by_label(re.compile(r"^\s*Tracked case")).fill(tracked)
    health.get_by_label("The child or young person").check()
    health.get_by_label("A member of staff involved").check()
    _date(health, "^Met on", date(2008, 10, 15))
    health.get_by_label(re.compile(r"^\s*Note")).fill("The child knows their social worker.")
    health.get_by_role("button", name="Record the meeting").click()
    text = walk.main(health)
    assert f"The meeting was recorded against {tracked}" in text, text
    assert "The child or young person" in text and "Ann Patel" in text, text
    walk.check(health, "tracked case with its meeting")
    health.goto(review_url)
    meetings = health.locator("main table", has_text="Meetings against the tracked cases")
    row = meetings.locator("tr", has_text=tracked).inner_text()
    assert row.rstrip().endswith("1"), row
    health.context.close()


def _judged_on_evidence(walk, lead, review, tracked: str) -> None:
    lead.get_by_role("link", name="Judgements and evidence").click()
    walk.check(lead, "judgements")
    lead.get_by_role("link", name="Record evidence").click()
    lead.get_by_label("Case tracking").check()
    lead.get_by_label(re.compile(r"^\s*Reference")).fill(tracked)
    lead.get_by_label(re.compile(r"^\s*Finding")).fill("Plans reviewed on time; views recorded")
    lead.get_by_role("button", name="Record the evidence").click()
    for code in CODES:
        lead.goto(f"{walk.live_server.url}/jar/{review.pk}/judgements/{code}/")
        lead.get_by_label(re.compile(r"^\s*3: Good")).check()
        lead.get_by_label(re.compile("What the grade rests on")).fill("As the evidence shows")
        lead.get_by_label(re.compile(tracked)).check()
        lead.get_by_role("button", name="Save the judgement").click()
    assert walk.main(lead).count("3: Good") == 5


def test_a_jar_with_a_four_inspectorate_team_from_notification_to_the_published_pdf_003_001(
    demo_database, walk, live_server, tmp_path
):
    """Issue 24 "Done when" (003 'at least four inspectorates or commissions'; 001 'Case
    tracking'): notification, a team of four inspectorates, the cases tracked, meetings
    recorded against one, the report published and downloaded as a PDF naming the council."""
    check, main = walk.check, walk.main
    review_url, review = _notify_with_a_team_of_four_inspectorates(walk)

    officer = walk.as_person(OFFICER)
    officer.goto(review_url)
    officer.get_by_role("link", name="List the 100 case files").click()
    officer.get_by_label(re.compile(r"^\s*The list")).set_input_files(_cases(tmp_path))
    officer.get_by_role("button", name="Send the list").click()
    assert "100 of 100 case files listed" in main(officer), main(officer)

    lead = walk.as_person(LEAD)
    lead.goto(review_url)
    lead.get_by_role("button", name="Draw the 10 cases to track").click()
    assert "Ten cases to track were drawn" in main(lead)
    tracked = review.cases.filter(tracked=True).order_by("reference").first().reference

    _fieldwork(walk, review_url, tracked)
    lead.goto(review_url)
    check(lead, "review with its fieldwork")
    _judged_on_evidence(walk, lead, review, tracked)

    lead.goto(review_url)
    lead.get_by_role("link", name="The report").click()
    lead.get_by_role("link", name="Write the report").click()
    lead.get_by_label(re.compile(r"^\s*Summary")).fill("Services work well together.")
    lead.get_by_label(re.compile(r"^\s*Recommendations")).fill("Publish the LDD strategy")
    lead.get_by_role("button", name="Save the report").click()
    _move(lead, "Draft report with the council for comment", date(2008, 11, 24))
    _move(lead, "Draft report discussed", date(2008, 12, 1))
    _move(lead, "Pre-publication report with the council", date(2009, 1, 12))

    officer.goto(review_url)
    officer.get_by_role("link", name="The report").click()
    officer.get_by_role("link", name="Say the council will not request a review").click()
    officer.get_by_role("button", name="Confirm: no review requested").click()

    lead.reload()
    _move(lead, "Published", date(2009, 1, 14))
    assert "Published on 14 January 2009" in main(lead), main(lead)
    check(lead, "report, published")
    with lead.expect_download() as download:
        lead.get_by_role("link", name=re.compile(r"^PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert COUNCIL in " ".join(text.split()), text[:500]
    walk.assert_accessible()
