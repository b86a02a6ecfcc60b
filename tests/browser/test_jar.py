"""The JAR's first part in real Chromium, axe-core on every page (issue 9 §1, §2): the
administrator notifies Sharpston and adds its lead inspector; the council's link officer sends
the 100 case files (first with a name in it, refused); the lead inspector draws ten to track."""

import re

import pytest

from ecm.accounts.models import User
from ecm.jar.models import CaseFile, JointAreaReview, TeamMember

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN, LEAD, OFFICER = (
    "admin@ofsted.example",
    "hmi@ofsted.example",
    "link.officer@sharpston.example",
)


def _cases(tmp_path, name: str, first: str) -> str:
    rows = [first] + [f"LAC-{n:03d}" for n in range(1, 35)]
    lines = [f"{r},looked_after" for r in rows]
    lines += [f"CP-{n:03d},child_protection" for n in range(35)]
    lines += [f"CIN-{n:03d},child_in_need" for n in range(30)]
    path = tmp_path / name
    path.write_text("reference,category\n" + "\n".join(lines) + "\n")
    return str(path)


def _date(page, label: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_a_review_is_notified_and_its_cases_listed_and_drawn(
    demo_database, walk, live_server, tmp_path
):
    check, main = walk.check, walk.main
    admin = walk.as_person(ADMIN)
    admin.get_by_role("link", name="Joint area reviews").click()
    check(admin, "reviews")
    admin.get_by_role("button", name="Notify a council of its review").click()
    check(admin, "notify")
    admin.get_by_label("Council").select_option(label="Sharpston Metropolitan Council")
    _date(admin, "^Notified on", 13, 4, 2007)
    _date(admin, "^Set-up meeting", 15, 6, 2007)
    _date(admin, "^Analysis stage starts", 24, 9, 2007)
    # A week after the demo's own review of Sharpston: the same four dates again would be the
    # same notification posted twice, which makes no second review (issue 20 §4).
    _date(admin, "^Fieldwork week 1 starts", 22, 10, 2007)
    admin.get_by_role("button", name="Notify the council").click()
    text = main(admin)
    assert "was notified" in text and "Friday 1 June 2007" in text, text
    check(admin, "review")
    admin.get_by_role("link", name="Add an inspector").click()
    check(admin, "team add")
    # The team is made of accounts, each with its inspectorate (issue 24 §2).
    admin.get_by_label("Inspector", exact=True).select_option(label="Helen Marsh (Ofsted)")
    admin.get_by_label(re.compile("lead inspector")).check()
    admin.get_by_role("button", name="Add to the team").click()
    review_url = admin.url
    # The team member is the demo's HMI only by name here; make the link for the lead's pages.

    TeamMember.objects.filter(name="Helen Marsh").update(user=User.objects.get(email=LEAD))

    officer = walk.as_person(OFFICER)
    officer.goto(review_url)
    check(officer, "review, council")
    officer.get_by_role("link", name="List the 100 case files").click()
    check(officer, "cases list")
    officer.get_by_label(re.compile(r"^\s*The list")).set_input_files(
        _cases(tmp_path, "bad.csv", "Jane Smith")
    )
    officer.get_by_role("button", name="Send the list").click()
    assert "Nothing was sent" in main(officer) and "never a name" in main(officer)
    check(officer, "cases list, refused")
    officer.get_by_label(re.compile(r"^\s*The list")).set_input_files(
        _cases(tmp_path, "ok.csv", "LAC-000")
    )
    officer.get_by_role("button", name="Send the list").click()
    assert "100 of 100 case files listed" in main(officer), main(officer)

    lead = walk.as_person(LEAD)
    lead.goto(review_url)
    lead.get_by_role("button", name="Draw the 10 cases to track").click()
    assert "Ten cases to track were drawn" in main(lead)
    check(lead, "review, cases drawn")
    latest = JointAreaReview.objects.latest("pk")  # the demo has Sharpston's 2007 review too
    assert CaseFile.objects.filter(review=latest, tracked=True).count() == 10

    # The council follows a tracked case: a questionnaire sent, due in three weeks.
    officer.goto(review_url)
    officer.locator("main table").last.get_by_role("link").first.click()
    check(officer, "tracked case")
    officer.get_by_label("Agency").fill("School")
    group = officer.get_by_role("group", name=re.compile("Sent on"))
    group.get_by_label("Day").fill("18")
    group.get_by_label("Month").fill("6")
    group.get_by_label("Year").fill("2007")
    officer.get_by_role("button", name="Record it as sent").click()
    assert "9 Jul 2007" in main(officer), main(officer)
    check(officer, "tracked case, questionnaire sent")
    walk.assert_accessible()
