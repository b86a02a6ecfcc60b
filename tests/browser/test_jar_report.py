"""A whole JAR in real Chromium, axe-core on every page (issue 9 "Done when"): a second review
of Sharpston is notified, its cases listed and drawn; the lead inspector records evidence and
grades 001's five judgements on it, writes the report and sends the draft; the council comments,
the lead answers; the pre-publication report goes out, the council says it will not request a
review, the report is published, the council sees its grades only then and writes its action
plan. On the way, the demo review's documents, voluntary sector and youth pages are opened by
both sides, and a voluntary group answers its questionnaire through its private link."""

import re
from datetime import date

import pytest

from ecm.accounts.models import User
from ecm.demo.people import SHARPSTON_LA_NUMBER
from ecm.jar.models import JointAreaReview, TeamMember
from ecm.jar.report.models import ActionPlanItem
from ecm.jar.voluntary.services import questionnaires_send

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN, LEAD, OFFICER = (
    "admin@ofsted.example",
    "hmi@ofsted.example",
    "link.officer@sharpston.example",
)
CODES = (
    "safeguarding",
    "looked_after_children",
    "ldd",
    "service_management",
    "capacity_to_improve",
)


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


def _move(page, to: str, on: date, reason: str = "") -> None:
    page.get_by_role("button", name="Move the report").click()
    page.get_by_label(to, exact=True).check()
    _date(page, "^On", on)
    if reason:
        page.get_by_label(re.compile(r"^\s*Reason")).fill(reason)
    page.get_by_role("button", name="Move the report").click()


def _parts_of_the_demo_review(walk) -> None:
    """The demo review's other parts, opened by the lead and by the council, with axe."""
    demo = JointAreaReview.objects.filter(council__la_number=SHARPSTON_LA_NUMBER).earliest("pk")
    for email, who in ((LEAD, "lead"), (OFFICER, "council")):
        page = walk.as_person(email)
        for path in ("documents/", "voluntary/", "youth/"):
            page.goto(f"{walk.live_server.url}/jar/{demo.pk}/{path}")
            walk.check(page, f"{path} {who}")
        page.context.close()
    _respondent(walk, demo)


def _respondent(walk, demo) -> None:
    """A voluntary group answers through its private link, signed out (001 "Voluntary sector
    stakeholder survey"): refused empty, checked, sent."""
    waiting = demo.voluntary_partners.filter(questionnaire__isnull=True).first()
    (sent,) = questionnaires_send(
        actor=User.objects.get(email=LEAD), review=demo, partners=[waiting]
    )
    page = walk.new_context().new_page()
    page.goto(f"{walk.live_server.url}/jar/respond/{sent.token}/")
    walk.check(page, "respond")
    page.get_by_role("button", name="Continue").click()
    assert "There is a problem" in walk.main(page)
    walk.check(page, "respond, refused")
    for box in page.locator("main textarea").all():
        box.fill("We meet the council's commissioners each quarter.")
    page.get_by_role("button", name="Continue").click()
    walk.check(page, "respond, check")
    page.get_by_role("button", name="Send your answers").click()
    walk.check(page, "respond, done")
    page.context.close()


def test_a_review_from_notification_to_the_councils_action_plan(
    demo_database, walk, live_server, tmp_path
):
    check, main = walk.check, walk.main
    _parts_of_the_demo_review(walk)

    admin = walk.as_person(ADMIN)
    admin.goto(f"{live_server.url}/jar/notify/")
    admin.get_by_label("Council").select_option(label="Sharpston Metropolitan Council")
    _date(admin, "^Notified on", date(2008, 4, 11))
    _date(admin, "^Set-up meeting", date(2008, 6, 13))
    _date(admin, "^Analysis stage starts", date(2008, 9, 22))
    _date(admin, "^Fieldwork week 1 starts", date(2008, 10, 13))
    admin.get_by_role("button", name="Notify the council").click()
    review_url = admin.url
    review = JointAreaReview.objects.latest("pk")
    admin.get_by_role("link", name="Add an inspector").click()
    # The team is made of accounts, each with its inspectorate (issue 24 §2).
    admin.get_by_label("Inspector", exact=True).select_option(label="Helen Marsh (Ofsted)")
    admin.get_by_label(re.compile("lead inspector")).check()
    admin.get_by_role("button", name="Add to the team").click()

    TeamMember.objects.filter(review=review).update(user=User.objects.get(email=LEAD))

    officer = walk.as_person(OFFICER)
    officer.goto(review_url)
    officer.get_by_role("link", name="List the 100 case files").click()
    officer.get_by_label(re.compile(r"^\s*The list")).set_input_files(_cases(tmp_path))
    officer.get_by_role("button", name="Send the list").click()

    lead = walk.as_person(LEAD)
    lead.goto(review_url)
    lead.get_by_role("button", name="Draw the 10 cases to track").click()
    tracked = review.cases.filter(tracked=True).first().reference
    check(lead, "review with its parts")

    # Evidence, then every judgement of 001's 2007+ set graded on it.
    lead.get_by_role("link", name="Judgements and evidence").click()
    check(lead, "judgements")
    lead.get_by_role("link", name="Record evidence").click()
    check(lead, "evidence add")
    lead.get_by_label("Case tracking").check()
    lead.get_by_label(re.compile(r"^\s*Reference")).fill(tracked)
    lead.get_by_label(re.compile(r"^\s*Finding")).fill("Plans reviewed on time; views recorded")
    lead.get_by_role("button", name="Record the evidence").click()
    for n, code in enumerate(CODES):
        lead.goto(f"{live_server.url}/jar/{review.pk}/judgements/{code}/")
        if n == 0:
            lead.get_by_role("button", name="Save the judgement").click()
            assert "Choose a grade" in main(lead)
            check(lead, "judgement, refused")
        lead.get_by_label(re.compile(r"^\s*3: Good")).check()
        lead.get_by_label(re.compile("What the grade rests on")).fill("As the evidence shows")
        lead.get_by_label(re.compile(tracked)).check()
        lead.get_by_role("button", name="Save the judgement").click()
    assert main(lead).count("3: Good") == 5

    lead.goto(review_url)
    lead.get_by_role("link", name="The report").click()
    check(lead, "report, drafting")
    lead.get_by_role("link", name="Write the report").click()
    lead.get_by_label(re.compile(r"^\s*Summary")).fill("Services work well together.")
    lead.get_by_label(re.compile(r"^\s*Recommendations")).fill("Publish the LDD strategy")
    lead.get_by_role("button", name="Save the report").click()
    _move(lead, "Draft report with the council for comment", date(2008, 11, 24))
    text = main(lead)
    assert "Written comments are due by Monday 8 December 2008" in text, text
    check(lead, "report, draft sent")

    officer.goto(review_url)
    officer.get_by_role("link", name="The report").click()
    text = main(officer)
    assert "Services work well together." in text and "3: Good" not in text
    check(officer, "report, council, draft")
    officer.get_by_role("link", name="Comment on the draft").click()
    check(officer, "comment")
    officer.get_by_label(re.compile("Which part")).fill("Summary")
    officer.get_by_label(re.compile(r"^\s*Comment")).fill("Name the partnership board")
    officer.get_by_role("button", name="Send the comment").click()

    lead.reload()
    lead.get_by_role("link", name=re.compile("answer")).click()
    check(lead, "answer")
    lead.get_by_label("Yes, the report changes").check()
    lead.get_by_label(re.compile("What the team did")).fill("Named it")
    lead.get_by_role("radio", name="Summary").check()
    lead.get_by_label(re.compile("new wording")).fill(
        "Services work well together, through the partnership board."
    )
    lead.get_by_role("button", name="Save the answer").click()
    _move(lead, "Draft report discussed", date(2008, 12, 1))
    _move(lead, "Pre-publication report with the council", date(2009, 1, 12))
    check(lead, "report, pre-publication")

    officer.reload()
    officer.get_by_role("link", name="Say the council will not request a review").click()
    check(officer, "no review")
    officer.get_by_role("button", name="Confirm: no review requested").click()

    lead.reload()
    _move(lead, "Published", date(2009, 1, 14))
    assert "Published on 14 January 2009" in main(lead)

    officer.reload()
    assert main(officer).count("3: Good") == 5
    check(officer, "report, council, published")
    with officer.expect_download() as download:  # issue 24 §2: the report as PDF
        officer.get_by_role("link", name=re.compile(r"^PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    officer.get_by_role("link", name="The action plan").click()
    check(officer, "action plan")
    officer.get_by_label("Publish the LDD strategy").check()
    officer.get_by_label("What will be done").fill("Consult and publish")
    officer.get_by_label(re.compile(r"^\s*Partners")).fill("PCT, schools forum")
    officer.get_by_label("Who leads it").fill("Head of inclusion")
    _date(officer, "^By when", date(2009, 6, 30))
    officer.get_by_role("button", name="Add the action").click()
    officer.get_by_role("button", name="Send the action plan").click()
    assert "Sent to the inspectorate on" in main(officer)
    assert ActionPlanItem.objects.filter(report__review=review).count() == 1
    walk.assert_accessible()
