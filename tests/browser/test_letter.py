"""Cornwall's APA letter from the assembled draft to publication in real Chromium, with axe-core
on every page (issue 7 quality bar and "Done when"; 002 §I "Letter writing stages"): the Lead
assembles and edits, the partner agrees, both management readers answer Moderation Form 2, the
link officer comments on the factual accuracy of the draft (which shows no grade), the
inspectors respond, the administrator validates the round's social care data, and the final
letter with its grades is published to the council."""

import re
from pathlib import Path

import pytest
from django.utils import timezone

from ecm.accounts.models import User
from ecm.apa.models import Assessment, AssessmentRound
from ecm.apa.services import assessment_change_status
from ecm.apa.workflow import AssessmentStatus
from ecm.letters.tests.golden_walk import (
    DRAFT_WORDING,
    EDIT_REASON,
    EDITS,
    golden_text,
    missing_from,
    pdf_text,
    word_text,
)

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN, LEAD, PARTNER = "admin@ofsted.example", "hmi@ofsted.example", "brm2@csci.example"
READERS = ["reader@ofsted.example", "csci.manager@csci.example"]
LINK_OFFICER = "link.officer@cornwall.example"
CORNWALL = "908"
# A grade as a number, in any form the council could read before publication (002 §A).
GRADE_AS_NUMBER = re.compile(r"\bgrade\s*\d|\b[1-4]\s*/\s*4\b", re.IGNORECASE)


def _move(page, check, where: str, label: str) -> None:
    """Follow "Move to: <label>" on the letter page and confirm it (002 §I: one move at a
    time, each confirmed)."""
    page.get_by_role("button", name=f"Move to: {label}").click()
    check(page, where)
    page.get_by_role("button", name=f"Move the letter to {label}").click()
    assert "There is a problem" not in page.locator("main").inner_text(), label
    assert f"The letter is now: {label}" in page.locator("main").inner_text()


def test_cornwalls_letter_goes_from_the_assembled_draft_to_publication_each_step_by_its_role(
    demo_database, walk, live_server
):
    demo_round = AssessmentRound.objects.get(regime="apa", year=2007)
    cornwall = Assessment.objects.get(round=demo_round, council__la_number=CORNWALL)
    letter_url = f"{live_server.url}/assessments/{cornwall.pk}/letter/"
    council_url = f"{letter_url}factual-accuracy/"
    check, as_person, main = walk.check, walk.as_person, walk.main

    # After the meeting, the assessment moves to the draft letter (002 §I: about five weeks
    # after the meeting); Cornwall is not selected for moderation.
    assessment_change_status(
        actor=User.objects.get(email=LEAD),
        assessment=cornwall,
        to=AssessmentStatus.DRAFT_LETTER,
        reason="The meeting is held: on to the draft letter",
    )

    # The Lead assembles the draft from the signed notebook (002 §I stage 1).
    lead = as_person(LEAD)
    lead.goto(f"{live_server.url}/assessments/{cornwall.pk}/")
    lead.get_by_role("link", name="The APA letter").click()
    check(lead, "letter, not assembled")
    lead.get_by_role("button", name="Assemble the draft from the notebook").click()
    text = main(lead)
    assert "There is a problem" not in text, text
    assert "rendition 1" in text
    assert lead.locator("main .govuk-warning-text").count() > 0  # guides and LAC/LDD
    assert not GRADE_AS_NUMBER.search(text)  # judgements in words only
    check(lead, "letter, assembled")

    # The Lead edits a section: a grade typed as a number is refused (002 §A).
    lead.goto(f"{letter_url}sections/being_healthy/")
    check(lead, "edit a section")
    lead.get_by_label("Text", exact=True).fill(
        "Outcomes for children and young people are adequate: grade 2 overall."
    )
    lead.get_by_label("Why are you changing it?").fill("Redrafted into letter form")
    lead.get_by_role("button", name="Save the section").click()
    assert "never as grades" in main(lead)
    check(lead, "edit a section, refused")
    # The check before sending lists what the council must not receive (issue 20 §1).
    lead.goto(letter_url)
    assert "Before the draft to the council can go" in main(lead)
    assert '"[Address]" is a placeholder' in main(lead)
    # The Lead writes out the placeholders and redrafts being healthy: the same words as the
    # golden walk (ecm/letters/tests/golden_walk.py), so both end at the golden letter.
    for number, (code, words) in enumerate(EDITS.items(), start=2):
        lead.goto(f"{letter_url}sections/{code}/")
        lead.get_by_label("Text", exact=True).fill(words)
        lead.get_by_label("Why are you changing it?").fill(EDIT_REASON)
        lead.get_by_role("button", name="Save the section").click()
        assert f"was saved: rendition {number}" in main(lead), code
    assert "Before the draft to the council can go" not in main(lead)

    # The partner inspector agrees the draft.
    partner = as_person(PARTNER)
    partner.goto(letter_url)
    check(partner, "letter, partner")
    _move(partner, check, "agree the draft", "agreed by the partner inspector")

    # The Lead sends it with Steps 3-4 to both management readers.
    lead.goto(letter_url)
    _move(lead, check, "send to the readers", "with the management readers")

    # Both readers answer on Moderation Form 2 (Appendix A): yes.
    for email in READERS:
        reader = as_person(email)
        reader.goto(letter_url)
        check(reader, "letter, reader")
        reader.get_by_role("link", name="Answer on Moderation Form 2").click()
        check(reader, "Moderation Form 2")
        reader.get_by_label("Action required or suggested").fill("Tighten the staying safe section")
        reader.get_by_label("Yes", exact=True).check()
        reader.get_by_role("button", name="Sign and send the answer").click()
        assert "was signed and recorded" in main(reader), main(reader)
    lead.goto(letter_url)
    text = main(lead)
    assert "Management readers answered" in text
    assert "Moderation Form 2 answers" in text

    # The Lead amends it and sends it to the council for factual accuracy (5 working days).
    _move(lead, check, "amend", "amended after the readers' comments")
    _move(lead, check, "send to the council", "with the council for factual accuracy")
    text = main(lead)
    assert "Factual accuracy deadline" in text
    assert "The end of" in text and "working days" in text
    check(lead, "letter, with the council")

    # The link officer comments on a paragraph; no grade anywhere; then closes comments.
    officer = as_person(LINK_OFFICER)
    officer.goto(f"{live_server.url}/assessments/{cornwall.pk}/")
    officer.get_by_role("link", name="The draft APA letter: factual accuracy").click()
    text = main(officer)
    assert "Comments by" in text
    assert not GRADE_AS_NUMBER.search(text), text
    check(officer, "council's draft letter")
    officer.get_by_role("link", name=re.compile("^Comment on this paragraph")).first.click()
    assert not GRADE_AS_NUMBER.search(main(officer))
    check(officer, "comment on a paragraph")
    officer.get_by_label("Your comment on the factual accuracy of this paragraph").fill(
        "Our director's title is Director of Children's Services, not Director of Education."
    )
    officer.get_by_role("button", name="Send the comment").click()
    assert "was sent to the inspectors" in main(officer)
    officer.get_by_role("button", name="We have no more comments").click()
    check(officer, "no more comments")
    officer.get_by_role("button", name="Confirm: we have no more comments").click()
    assert "no more comments" in main(officer)
    for url in (f"{live_server.url}/assessments/{cornwall.pk}/", council_url):
        officer.goto(url)
        assert not GRADE_AS_NUMBER.search(main(officer)), url

    # An inspector responds to the comment (002 §I stage 3).
    partner.goto(letter_url)
    partner.get_by_role("link", name=re.compile("^The council's comments")).click()
    check(partner, "council's comments")
    partner.get_by_role("link", name=re.compile("^Respond")).first.click()
    check(partner, "respond")
    partner.get_by_label("Response: what was done about the comment").fill(
        "Agreed: the title is corrected in the address block."
    )
    partner.get_by_role("button", name="Save the response").click()
    assert "The response was saved" in main(partner)

    # The Lead tells the council what was done; the council sees the response.
    lead.goto(letter_url)
    _move(lead, check, "tell the council", "council told what was done")
    officer.goto(council_url)
    text = main(officer)
    assert "What was done about your comments" in text
    assert "the title is corrected in the address block" in text
    check(officer, "council's letter, told")

    # The programme administrator validates the round's social care data.
    admin = as_person(ADMIN)
    admin.goto(f"{live_server.url}/rounds/{demo_round.pk}/")
    admin.get_by_role("link", name="Social care data validation").click()
    check(admin, "social care validation")
    admin.get_by_role("button", name="Record the validation").click()
    assert "are recorded as validated" in main(admin)

    # The final letter with the grades, then published to the council.
    lead.goto(letter_url)
    _move(lead, check, "final letter", "final letter with grades")
    # Proof read by the administrative staff, cleared by a manager who read it (the handbook,
    # section I stage 3), then published by the Lead.
    admin.goto(letter_url)
    _move(admin, check, "proof read", "proof read")
    clearer = as_person(READERS[0])
    clearer.goto(letter_url)
    _move(clearer, check, "clearance", "cleared for publication")
    lead.goto(letter_url)
    _move(lead, check, "publish", "published to the council")
    check(lead, "letter, published")

    # The council sees the grades only now, and reads, downloads and prints the published
    # letter: page, PDF and Word say the golden text word for word (issue 20 "Done when").
    officer.goto(f"{live_server.url}/assessments/{cornwall.pk}/")
    officer.get_by_role("link", name="The published APA letter").click()
    text = main(officer)
    assert "Grades" in text and re.search(r"Grade \d", text), text
    assert not DRAFT_WORDING.search(text), text
    check(officer, "council's letter, published")
    published_on = timezone.localdate()
    golden = golden_text(published_on)
    officer.get_by_role("link", name="Read the letter as published").click()
    check(officer, "the published letter")
    assert not missing_from(officer.locator("body").inner_text(), golden)
    officer.go_back()
    for name, read in (("PDF", pdf_text), ("Word document", word_text)):
        with officer.expect_download() as download:
            officer.get_by_role("link", name=re.compile(f"as a {name}")).click()
        content = Path(download.value.path()).read_bytes()
        assert not missing_from(read(content), golden), name

    # Any two renditions side by side.
    lead.goto(letter_url)
    lead.get_by_label("Compare rendition").select_option("1")
    lead.get_by_role("button", name="Compare").click()
    check(lead, "compare renditions")
    assert "Being healthy" in main(lead)

    # The letter as HTML, PDF and Word.
    lead.goto(f"{letter_url}preview/")
    check(lead, "preview")
    for fmt, kind in (("pdf", "application/pdf"), ("docx", "wordprocessingml")):
        response = lead.request.get(f"{letter_url}letter.{fmt}")
        assert response.status == 200, fmt
        assert kind in response.headers["content-type"]
    walk.assert_accessible()
