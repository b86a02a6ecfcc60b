"""The demo's APA meeting with Camden in real Chromium, with axe-core on every page (issue 6
quality bar): the Lead arranges it with the link officer, drafts the agenda from the notebook
and sends it by email; the council agrees the date and the agenda; the inspectors note the
issues raised and the interim judgements in words and share the notes; the council reads them
and never a grade (002 §G)."""

import io
import re

import pytest
from django.core import mail
from docx import Document

from ecm.analysis.models import PackItem
from ecm.apa.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)

LEAD, PARTNER, COUNCIL = (
    "hmi2@ofsted.example",
    "brm@csci.example",
    "link.officer@camden.example",
)


def _docx(text: str) -> bytes:

    document, out = Document(), io.BytesIO()
    document.add_paragraph(text)
    document.save(out)
    return out.getvalue()


def test_the_lead_runs_the_meeting_with_the_council_and_shares_the_notes(
    demo_database, walk, live_server, tmp_path
):
    camden = Assessment.objects.get(council__la_number="202")
    meeting_url = f"{live_server.url}/assessments/{camden.pk}/meeting/"
    check, as_person, main = walk.check, walk.as_person, walk.main

    def fill_date(page, legend: str, day: int, month: int, year: int) -> None:
        group = page.get_by_role("group", name=re.compile(legend))
        group.get_by_label("Day").fill(str(day))
        group.get_by_label("Month").fill(str(month))
        group.get_by_label("Year").fill(str(year))

    # Arranging it (002 §A, §G.ii-iii): the Lead proposes a date; a Saturday is refused.
    lead = as_person(LEAD)
    lead.goto(f"{live_server.url}/assessments/{camden.pk}/")
    lead.get_by_role("link", name="The APA meeting").click()
    check(lead, "meeting, nothing arranged")
    lead.get_by_role("link", name=re.compile("^Propose a date")).click()
    check(lead, "propose a date")
    fill_date(lead, "Date of the meeting", 14, 7, 2007)
    lead.get_by_role("button", name="Propose this date").click()
    assert "There is a problem" in main(lead) and "not a working day" in main(lead)
    check(lead, "propose a date, refused")
    fill_date(lead, "Date of the meeting", 17, 7, 2007)
    lead.get_by_label("Start time (optional)").fill("10am")
    lead.get_by_label("Venue (optional)").fill("Camden Town Hall")
    lead.get_by_role("button", name="Propose this date").click()
    assert "There is a problem" not in main(lead)
    lead.goto(meeting_url)
    lead.get_by_role("link", name=re.compile("^Change.*chair")).click()
    check(lead, "chair")
    lead.get_by_label("Ofsted (the HMI)").check()
    lead.get_by_label("The chief executive").check()
    lead.get_by_role("button", name="Save").click()
    for role, name in (
        ("Chief executive", "Moira Gibb"),
        ("Director of children's services", "Rachel Newton"),
        ("DfES Children's Services Improvement Adviser", "Alan Parker"),
    ):
        lead.goto(meeting_url)
        lead.get_by_role("button", name="Add an attendee").click()
        check(lead, "add an attendee")
        lead.get_by_label(role, exact=True).check()
        lead.get_by_label("Name", exact=True).fill(name)
        lead.get_by_role("button", name="Add attendee").click()
        assert "There is a problem" not in main(lead)

    # The agenda, drafted from the notebook in the eight items of 002 §G.iv, then edited.
    lead.goto(meeting_url)
    lead.get_by_role("button", name="Draft the agenda from the notebook").click()
    lead.wait_for_load_state()  # count() below does not wait for the answer to load
    if lead.get_by_role("button", name="Draft the agenda", exact=True).count():
        check(lead, "draft the agenda, confirm")
        lead.get_by_role("button", name="Draft the agenda", exact=True).click()
    lead.goto(meeting_url)
    lead.get_by_role("link", name="Edit the agenda").click()
    check(lead, "agenda, drafted")
    item_4 = lead.get_by_label(re.compile("Summary of emerging judgements"))
    assert "Overall effectiveness of children's services" in item_4.input_value()
    assert not re.search(r"\b[1-4]\b", item_4.input_value())  # words, never grades
    item_4.fill(item_4.input_value() + "\n- Grade 3 for staying safe")
    lead.get_by_role("button", name="Save the agenda").click()
    assert "There is a problem" in main(lead)  # a grade as a number never goes to the council
    check(lead, "agenda, refused")
    item_4 = lead.get_by_label(re.compile("Summary of emerging judgements"))
    item_4.fill(item_4.input_value().replace("\n- Grade 3 for staying safe", ""))
    for field in lead.locator("textarea").all():
        if not field.input_value().strip() or "Nothing in the notebook yet" in field.input_value():
            field.fill("To be discussed with the council.")
    lead.get_by_role("button", name="Save the agenda").click()
    assert "There is a problem" not in main(lead)
    lead.goto(meeting_url)
    lead.get_by_role("button", name="Send the agenda to the council").click()
    check(lead, "send the agenda")
    assert "link.officer@camden.example" in main(lead)
    lead.get_by_role("button", name="Send the agenda to the council").click()
    assert any("link.officer@camden.example" in m.to for m in mail.outbox)
    check(lead, "meeting, agenda sent")

    # The council agrees the date and the agenda (002 §G.ii), and sees no grade.
    council = as_person(COUNCIL)
    council.goto(meeting_url)
    check(council, "council's meeting page")
    council.get_by_role("button", name="Agree the date or ask for another").click()
    check(council, "council answers the date")
    council.get_by_label("Yes, we agree this date").check()
    council.get_by_role("button", name="Send your answer").click()
    council.goto(meeting_url)
    council.get_by_role("button", name="Agree the agenda or ask for changes").click()
    check(council, "council answers the agenda")
    council.get_by_label("Yes, we agree the agenda").check()
    council.get_by_role("button", name="Send your answer").click()
    council.goto(meeting_url)
    text = main(council)
    assert "Camden Town Hall" in text and "Summary of emerging judgements" in text
    assert not re.search(r"\bgrade [1-4]\b", text, re.IGNORECASE)

    # At the meeting (002 §G.ii): issues and responses, additional information, interim
    # judgements in words; then the agreed notes go to the council.
    lead.goto(meeting_url)
    lead.get_by_role("link", name=re.compile("^Record.*held")).click()
    check(lead, "meeting held")
    fill_date(lead, "Date the meeting was held", 17, 7, 2007)
    lead.get_by_role("button", name="Save").click()
    lead.goto(meeting_url)
    lead.get_by_role("button", name="Add a note").click()
    check(lead, "add a note")
    lead.get_by_label("Agenda item it was raised under").select_option("5")
    lead.get_by_label("Raised by").fill("Director of children's services")
    lead.get_by_label("Issue or question raised").fill(
        "The council disputes that initial assessments are slow: the latest quarter improved."
    )
    lead.get_by_label("Response given (optional)").fill(
        "The inspectors will weigh the quarter's figures."
    )
    upload = tmp_path / "initial-assessments-q1.docx"
    upload.write_bytes(_docx("Initial assessments within seven working days: 78% in Q1."))
    lead.get_by_label("Additional information the council brought (optional)").set_input_files(
        str(upload)
    )
    lead.get_by_role("button", name="Save the note").click()
    assert "There is a problem" not in main(lead)
    assert PackItem.objects.filter(assessment=camden, source_type="meeting_information").exists()
    lead.goto(meeting_url)
    lead.get_by_role("link", name=re.compile("interim judgement", re.IGNORECASE)).first.click()
    check(lead, "interim judgements")
    for field in lead.locator("textarea").all():
        field.fill("Consistently above minimum requirements, with care leavers a concern.")
    lead.get_by_role("button", name="Save the interim judgements").click()
    assert "There is a problem" not in main(lead)
    lead.goto(meeting_url)
    check(lead, "meeting, held")
    lead.get_by_role("button", name="Share the agreed notes with the council").click()
    check(lead, "share the notes")
    lead.get_by_role("button", name="Share the notes with the council").click()
    assert "There is a problem" not in main(lead)

    council.goto(meeting_url)
    council.get_by_role("link", name=re.compile("^Notes of the meeting")).first.click()
    check(council, "council reads the notes")
    text = main(council)
    assert "initial assessments are slow" in text and "care leavers a concern" in text
    assert not re.search(r"\bgrade [1-4]\b", text, re.IGNORECASE)

    # The partner inspector sees it all; another council's officer gets 404.
    partner = as_person(PARTNER)
    partner.goto(meeting_url)
    assert "Shared with the council" in main(partner) or "Notes of the meeting" in main(partner)
    stranger = as_person("link.officer@sharpston.example")
    assert stranger.goto(meeting_url).status == 404
    walk.assert_accessible()
