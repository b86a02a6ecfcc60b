"""The demo's round in the 2007 cycle in real Chromium, with axe-core on every page (issue 23
"Done when"): Hampshire's link officer publishes and submits the review of the Children and
Young People's Plan in June; the inspectors review the data in July and August; the Lead
proposes the single conversation in September or October and the council agrees it; once the
social care data are validated the inspectors record it and share a summary in words; the
letter names the single conversation, shows the council no grade until it is published, and
then its grades (the 2007 briefing, "APA"; 002 §A "Actual grades will not be published until a
later stage")."""

import re

import pytest

from ecm.accounts.models import User
from ecm.analysis.tests.fixtures import docx_bytes
from ecm.apa.models import Assessment
from ecm.demo.notebooks import demo_notebook_write
from ecm.letters.models import Letter
from ecm.letters.services.editing import letter_section_save
from ecm.letters.services.reader_answers import reader_answer_record
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.workflow import LetterStage

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN, LEAD, PARTNER = "admin@ofsted.example", "hmi@ofsted.example", "brm@csci.example"
READERS = ("reader@ofsted.example", "csci.manager@csci.example")
COUNCIL = "link.officer@hampshire.example"
HAMPSHIRE = "850"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GRADE_AS_NUMBER = re.compile(r"\bgrade\s*\d|\b[1-4]\s*/\s*4\b", re.IGNORECASE)
RECORD = "PRIVATE: the director and the PCT described the new multi-agency safeguarding hub."
SUMMARY = "Safeguarding arrangements are good and improving; 14-19 provision needs attention."


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _fill_date(page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=re.compile(legend))
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def _move_stage(page, check, where: str, label: str) -> None:
    page.get_by_role("link", name=re.compile("^Change.*stage")).click()
    check(page, where)
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Move assessment").click()
    assert f"The assessment is now at: {label}" in page.locator("main").inner_text()


def _letter_to(letter: Letter, who: str, stage: str) -> Letter:
    return letter_change_stage(actor=_person(who), letter=letter, to=stage)


def test_hampshire_goes_through_the_2007_cycle_from_the_cypp_review_to_the_letter(
    demo_database, walk, live_server
):
    hampshire = Assessment.objects.get(round__year=2008, council__la_number=HAMPSHIRE)
    base = live_server.url
    assessment_url = f"{base}/assessments/{hampshire.pk}/"
    conversation_url = f"{assessment_url}single-conversation/"
    check, as_person, main = walk.check, walk.as_person, walk.main

    # June: the council publishes its multi-agency review of the CYPP and submits it (001).
    council = as_person(COUNCIL)
    council.goto(assessment_url)
    check(council, "assessment in the 2007 cycle, council")
    text = main(council)
    assert "Review of the CYPP" in text and "The 2007 cycle" in text
    council.get_by_role("link", name="The review of the Children and Young People's Plan").click()
    check(council, "CYPP review")
    text = main(council)
    assert "published and submitted to Ofsted in June each year" in text
    assert "Due by Monday 30 June 2008" in text
    assert "Inspections of the children's homes the council uses, in or out of its area" in text
    assert "The TellUs survey of local children and young people" in text
    council.get_by_label("Where it is published").fill("https://www.hants.example/cypp-review")
    council.get_by_role("button", name="Save").click()
    council.get_by_role("button", name="Submit the review to Ofsted").click()
    check(council, "submit the CYPP review")
    council.get_by_role("button", name="Submit to Ofsted").click()
    text = main(council)
    assert "There is a problem" in text
    assert "Enter the date the review was published" in text and "multi-agency" in text
    check(council, "submit the CYPP review, refused")
    council.goto(f"{assessment_url}cypp-review/")
    _fill_date(council, "Date it was published", 20, 6, 2008)
    council.get_by_label("The agencies that took part").fill(
        "Hampshire Primary Care Trust; Hampshire Constabulary; the voluntary sector forum"
    )
    council.get_by_role("button", name="Save").click()
    council.get_by_role("button", name="Submit the review to Ofsted").click()
    council.get_by_role("button", name="Submit to Ofsted").click()
    assert "Submitted to Ofsted" in main(council)
    check(council, "CYPP review, submitted")

    # The Lead's checklist follows the 2007 cycle: the review done, the data review in July and
    # August, the single conversation by the end of October.
    lead = as_person(LEAD)
    lead.goto(assessment_url)
    lead.get_by_role("link", name=re.compile("Individual checklist")).click()
    check(lead, "checklist in the 2007 cycle")
    text = main(lead)
    for words in (
        "CYPP review published and submitted to Ofsted",
        "Data review starts",
        "1 July 2008",
        "29 August 2008",
        "The single conversation",
        "31 October 2008",
        "the project's setting",
    ):
        assert words in text, words

    # The information pack lists what "the CYPP review will be considered by Ofsted together
    # with" (001): the council's review is in it, the LSCB minutes missing until the Lead adds
    # them through the form, which offers the cycle's inputs.
    lead.goto(f"{assessment_url}analysis/pack/")
    check(lead, "information pack in the 2007 cycle")
    expected = lead.locator("#expected-cypp_review")
    assert "In the pack" in expected.inner_text()
    minutes = lead.locator("#expected-lscb_minutes")
    assert "Missing" in minutes.inner_text()
    minutes.get_by_role("link", name=re.compile("^Add")).click()
    check(lead, "add a document Ofsted considers with the review")
    assert lead.get_by_label("Minutes of the Local Safeguarding Children Board").is_checked()
    lead.get_by_label("Title", exact=True).fill("Hampshire LSCB minutes, May 2008")
    lead.get_by_label("Provided by").fill("Hampshire LSCB")
    lead.get_by_label("Date on the document").fill("14 5 2008")
    lead.get_by_label("Upload a file").set_input_files(
        {"name": "lscb-minutes.docx", "mimeType": DOCX, "buffer": docx_bytes("LSCB minutes")}
    )
    lead.get_by_role("button", name="Add to the pack").click()
    assert "In the pack" in lead.locator("#expected-lscb_minutes").inner_text()

    # July and August: the data review (the notebook is written on its own pages, tried in
    # tests/browser/test_analysis.py; here the demo writes and signs it).
    lead.goto(assessment_url)
    _move_stage(lead, check, "move to the data review", "Data review")
    demo_notebook_write(assessment=hampshire, hmi=_person(LEAD), brm=_person(PARTNER))
    lead.goto(assessment_url)
    _move_stage(lead, check, "move to the single conversation", "The single conversation")

    # September or October: the Lead proposes the date; August is refused without a reason.
    lead.goto(assessment_url)
    lead.get_by_role("link", name="The single conversation", exact=True).click()
    check(lead, "single conversation, nothing arranged")
    assert "once the validated social care data is available" in main(lead)
    lead.get_by_role("button", name="Propose a date").click()
    check(lead, "propose the single conversation's date")
    _fill_date(lead, "Date of the single conversation", 14, 8, 2008)
    lead.get_by_role("button", name="Propose this date").click()
    assert "September or October" in main(lead) and "There is a problem" in main(lead)
    check(lead, "propose the date, refused")
    _fill_date(lead, "Date of the single conversation", 9, 10, 2008)
    lead.get_by_label("Venue (optional)").fill("Elizabeth II Court, Winchester")
    lead.get_by_role("button", name="Propose this date").click()
    assert "Date proposed" in main(lead)

    # The council agrees it.
    council.goto(conversation_url)
    check(council, "single conversation, council, date proposed")
    assert "Thursday 9 October 2008" in main(council)
    council.get_by_role("button", name="Agree the date or ask for another").click()
    check(council, "agree the single conversation's date")
    council.get_by_label("Yes, we agree this date").check()
    council.get_by_role("button", name="Send answer").click()
    assert "You agreed the date" in main(council)

    # The partner cannot record it before the social care data are validated (001).
    partner = as_person(PARTNER)
    partner.goto(conversation_url)
    partner.get_by_role("button", name="Record the single conversation").click()
    check(partner, "record the single conversation")
    _fill_date(partner, "Date it was held", 9, 10, 2008)
    partner.get_by_label("Who took part for the council and its partners").fill(
        "The director of children's services; the PCT's director of public health"
    )
    partner.get_by_label("What was discussed, and the council's and partners' responses").fill(
        RECORD
    )
    partner.get_by_label("Summary for the council").fill("Staying safe: grade 3.")
    partner.get_by_role("button", name="Save the record").click()
    assert "validated social care data" in main(partner)

    admin = as_person(ADMIN)
    admin.goto(f"{base}/rounds/{hampshire.round_id}/")
    check(admin, "the 2007 cycle's round")
    text = main(admin)
    assert "The 2007 cycle" in text and "The single conversation by" in text
    admin.get_by_role("link", name="Social care data validation").click()
    admin.get_by_role("button", name="Record the validation").click()
    assert "are recorded as validated" in main(admin)

    # Now the record; a grade in the council's summary is refused (002 §A).
    partner.get_by_role("button", name="Save the record").click()
    text = main(partner)
    assert "There is a problem" in text and "in words" in text
    check(partner, "record, a grade refused")
    partner.get_by_label("Summary for the council").fill(SUMMARY)
    partner.get_by_role("button", name="Save the record").click()
    assert "record of the single conversation is saved" in main(partner)

    # Before it is shared the council reads neither the summary nor, ever, the record.
    council.goto(conversation_url)
    assert SUMMARY not in main(council) and "PRIVATE" not in main(council)
    lead.goto(conversation_url)
    check(lead, "single conversation, recorded")
    lead.get_by_role("button", name="Share the summary with the council").click()
    check(lead, "share the summary")
    lead.get_by_role("button", name="Share the summary").click()
    assert "has been shared with the council" in main(lead)
    council.goto(conversation_url)
    text = main(council)
    assert SUMMARY in text and "PRIVATE" not in text and not GRADE_AS_NUMBER.search(text)
    check(council, "single conversation, summary shared")

    # The letter: the Lead moves on to the draft letter and assembles it from the notebook; it
    # names the single conversation and its date.
    lead.goto(assessment_url)
    _move_stage(lead, check, "move to the draft letter", "Draft letter")
    lead.get_by_role("link", name="The APA letter").click()
    lead.get_by_role("button", name="Assemble the draft from the notebook").click()
    text = main(lead)
    assert "There is a problem" not in text, text
    check(lead, "letter in the 2007 cycle, assembled")
    letter = Letter.objects.get(assessment=hampshire)
    assert "the single conversation held on 9 October 2008" in letter.sections["opening"]

    # The readers and the team, as in tests/browser/test_letter.py (002 §I stages 1-2).
    for code, words in (
        ("address", "Hugh Fenwick,\nDirector of Children's Services,\nHampshire County Council"),
        ("title", "Dear Hugh Fenwick,\n\nAnnual performance assessment of Hampshire 2008"),
    ):
        letter = letter_section_save(
            actor=_person(LEAD), letter=letter, code=code, text=words,
            reason="Placeholders written out", expected_lock_version=letter.lock_version,
        )  # fmt: skip
    letter = _letter_to(letter, PARTNER, LetterStage.AGREED)
    letter = _letter_to(letter, LEAD, LetterStage.WITH_READERS)
    for email in READERS:
        reader_answer_record(actor=_person(email), letter=letter, action="None", can_send=True)
    letter.refresh_from_db()
    letter = _letter_to(letter, LEAD, LetterStage.AMENDED)
    letter = _letter_to(letter, LEAD, LetterStage.WITH_COUNCIL)

    # The council checks the draft for factual accuracy: no grade (002 §A).
    council.goto(assessment_url)
    council.get_by_role("link", name=re.compile("The draft APA letter")).click()
    text = main(council)
    assert "single conversation held on 9 October 2008" in text
    assert not GRADE_AS_NUMBER.search(text), text
    check(council, "draft letter in the 2007 cycle, council")

    letter = _letter_to(letter, COUNCIL, LetterStage.COUNCIL_COMMENTED)
    letter = _letter_to(letter, LEAD, LetterStage.RESPONSES_GIVEN)
    letter = _letter_to(letter, LEAD, LetterStage.FINAL)
    # The handbook's proof reading and clearance before publication (002 §I stage 3), where
    # the letters' workflow has them.
    for stage, who in (("PROOF_READ", ADMIN), ("CLEARED", READERS[0])):
        if hasattr(LetterStage, stage):
            letter = _letter_to(letter, who, getattr(LetterStage, stage))
    _letter_to(letter, LEAD, LetterStage.PUBLISHED)

    # Published: only now the council sees the grades.
    council.goto(assessment_url)
    council.get_by_role("link", name="The published APA letter").click()
    text = main(council)
    assert "Grades" in text and re.search(r"Grade \d", text), text
    check(council, "published letter in the 2007 cycle")
    walk.assert_accessible()
