"""A representation against Cornwall's published children's services judgement, decided by a
correctly composed panel, in real Chromium with axe-core on every page (issue 7 "Done when";
002 §J "Representation procedures"): the administrator sets the round's representation dates,
the link officer states the intention, adds a ground tied to a paragraph of the final letter
and submits, the administrator composes the joint panel (the CSCI manager who read the draft is
excluded, with the reason), the HMI records the inspectors' response, a panel member records
the decision, and the council reads it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecm.apa.models import Assessment, AssessmentRound
from ecm.letters.tests.golden_walk import cornwall_letter_published
from ecm.representations.models import Representation

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN = "admin@ofsted.example"
LINK_OFFICER = "link.officer@cornwall.example"
JOINT_PANEL = ["Priya Nair", "Tom Hughes", "Peter Nolan", "Aisha Begum"]
PANEL_MEMBER = "panel1@csci.example"  # Priya Nair
INSPECTOR = "hmi@ofsted.example"  # Cornwall's HMI and Lead (the golden walk)
CORNWALL = "908"


def _publish(cornwall) -> None:
    """Cornwall's letter through every stage by the services, each by its person: the golden
    walk (ecm/letters/tests/golden_walk.py; the letter's own browser test walks the pages)."""
    letter = cornwall_letter_published()
    assert letter.assessment_id == cornwall.pk


def _fill_date(page, label: str, day) -> None:
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_representation_is_decided_by_a_correctly_composed_panel(
    demo_database, walk, live_server
):
    demo_round = AssessmentRound.objects.get(regime="apa", year=2007)
    cornwall = Assessment.objects.get(round=demo_round, council__la_number=CORNWALL)
    _publish(cornwall)
    check, as_person, main = walk.check, walk.as_person, walk.main

    # The administrator sets the round's representation dates (002 §J), here from today.
    admin = as_person(ADMIN)
    admin.goto(f"{live_server.url}/rounds/{demo_round.pk}/")
    admin.get_by_role("link", name=re.compile("^Representations in")).click()
    check(admin, "round's representations")
    admin.get_by_role("link", name="Change the representation dates").click()
    check(admin, "representation dates")
    today = timezone.localdate()
    for label, days in (("^Intention", 5), ("^Representation submitted", 10), ("^Outcome", 20)):
        _fill_date(admin, label, today + timedelta(days=days))
    admin.get_by_label("Why the dates change").fill("This year's representation window")
    admin.get_by_role("button", name="Save the dates").click()
    assert "were saved" in main(admin), main(admin)

    # The link officer states the intention against the children's services judgement.
    officer = as_person(LINK_OFFICER)
    officer.goto(f"{live_server.url}/assessments/{cornwall.pk}/")
    officer.get_by_role("link", name="Representations against the final judgements").click()
    check(officer, "council's representations")
    officer.get_by_role("button", name="Make a representation").click()
    check(officer, "make a representation")
    officer.get_by_label(re.compile(r"^\s*Children.s services")).check()
    officer.get_by_role("button", name="Tell the inspectorates").click()
    assert "have been told of your intention" in main(officer), main(officer)
    check(officer, "representation, intended")

    # A ground tied to a paragraph of the final letter; no file can be attached.
    officer.get_by_role("button", name="Add a ground").click()
    check(officer, "add a ground")
    assert officer.locator("main input[type=file]").count() == 0
    officer.get_by_label("An inaccuracy in the evidence used").check()
    disputes = officer.get_by_label("What does it dispute?")
    first_paragraph = disputes.locator("optgroup").first.locator("option").first
    disputes.select_option(first_paragraph.get_attribute("value"))
    officer.get_by_label(re.compile(r"^\s*What is inaccurate")).fill(
        "The rate of re-referrals quoted is the 2005-06 figure, not 2006-07."
    )
    officer.get_by_role("button", name="Add the ground").click()
    assert "The ground was added" in main(officer), main(officer)
    officer.get_by_role("button", name="Check and submit").click()
    check(officer, "check and submit")
    officer.get_by_role("button", name="Submit the representation").click()
    assert "The representation was submitted" in main(officer)

    # The administrator composes the joint panel: the reader of the draft is excluded.
    admin.goto(f"{live_server.url}/rounds/{demo_round.pk}/representations/")
    admin.get_by_role("link", name=re.compile("^Representation by the council")).click()
    check(admin, "representation, submitted")
    admin.get_by_role("button", name="Compose the panel").click()
    check(admin, "compose the panel")
    text = main(admin)
    assert "2 CSCI managers and 2 Ofsted managers" in text
    assert re.search(r"Colin Shaw.*read its draft letter", text, re.DOTALL), text
    for name in JOINT_PANEL:
        admin.get_by_label(re.compile(rf"^\s*{name}")).check()
    admin.get_by_role("button", name="Seat the panel").click()
    assert "The panel is seated" in main(admin), main(admin)
    for name in JOINT_PANEL:
        assert name in main(admin)

    # The HMI records the inspectors' response, which the panel reads before deciding
    # (002 §J: the representation is considered "in the light of" the inspectors' response).
    inspector = as_person(INSPECTOR)
    represented = Representation.objects.get(assessment=cornwall)
    inspector.goto(
        live_server.url + reverse("representations:representation", args=[represented.pk])
    )
    inspector.get_by_role("button", name="Record the response").click()
    check(inspector, "record the response")
    inspector.get_by_label("The inspectors' response to the representation").fill(
        "The 2006-07 re-referral rate was available at the time; the grade rested on it."
    )
    inspector.get_by_role("button", name="Record the response").click()
    assert "2006-07 re-referral rate" in main(inspector), main(inspector)

    # A member of the panel records the decision: upheld, the grade changed.
    member = as_person(PANEL_MEMBER)
    member.get_by_role("link", name=re.compile("^Cornwall")).click()
    check(member, "representation, panel member")
    member.get_by_role("button", name="Record the decision").click()
    check(member, "record the decision")
    assert "re-referrals" in main(member)
    member.get_by_label("Yes", exact=True).check()
    grade = member.get_by_label("If upheld, the judgement's new grade")
    now = int(re.search(r"the grade is now (\d)", main(member)).group(1))
    grade.select_option(str(3 if now != 3 else 2))
    member.get_by_label(re.compile(r"^\s*Justification")).fill(
        "The re-referral rate was last year's: corrected, the evidence supports a higher grade."
    )
    member.get_by_role("button", name="Record the decision").click()
    assert "The decision was recorded" in main(member), main(member)

    # The council reads the decision and its justification; not who sat.
    officer.goto(f"{live_server.url}/assessments/{cornwall.pk}/representations/")
    officer.get_by_role("link", name=re.compile("^Representation by the council")).click()
    text = main(officer)
    assert "Upheld: the grade changed from" in text and "re-referral rate was last year" in text
    assert "Priya Nair" not in text
    check(officer, "representation, decided")

    # The changed rating is re-published for the Audit Commission.
    admin.goto(f"{live_server.url}/rounds/{demo_round.pk}/ratings/")
    assert re.search(r"Changed from \d", main(admin)), main(admin)
    check(admin, "final ratings, changed")
    walk.assert_accessible()
