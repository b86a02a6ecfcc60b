"""A moderation day for the demo round in real Chromium, with axe-core on every page (issue 6
quality bar and "Done when"): the administrator proposes about half of the councils and plans a
day of ten in small groups, a Lead submits the Moderation Form with Steps 2-4, the moderator
benchmarks the councils and records the outcomes, and each lands in Step 2 of the notebook."""

import re

import pytest

from ecm.accounts.models import User
from ecm.apa.models import Assessment, AssessmentRound, ModerationSelection
from ecm.demo.services import DEMO_MODERATION_COUNCILS
from ecm.meetings.services import moderation

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN, HMI, MODERATOR = "admin@ofsted.example", "hmi@ofsted.example", "moderator@ofsted.example"
NOTTINGHAM, CAMDEN = "892", "202"
# The day's groups, each keeping a Lead's councils together (002 §H: the Lead presents).
GROUPS = {
    "Group A": ["908", "892", "919"],  # hmi@ leads
    "Group B": ["202", "373", "831"],  # hmi2@ leads
    "Group C": ["330", "886", "352", "341"],  # brm@ and brm2@ lead
}


def test_an_administrator_plans_a_moderation_day_and_its_outcomes_land_in_the_notebooks(
    demo_database, walk, live_server
):
    demo_round = AssessmentRound.objects.get(regime="apa", year=2007)
    councils = {
        a.council.la_number: a
        for a in Assessment.objects.filter(
            round=demo_round, council__la_number__in=DEMO_MODERATION_COUNCILS
        ).select_related("council")
    }
    check, as_person, main = walk.check, walk.as_person, walk.main

    # The administrator proposes about half of the round (002 §H), with a seed to repeat it.
    admin = as_person(ADMIN)
    admin.goto(f"{live_server.url}/rounds/{demo_round.pk}/")
    admin.get_by_role("link", name=re.compile("^Moderation of")).click()
    check(admin, "moderation overview, before the draw")
    admin.get_by_role("button", name="Propose councils").click()
    check(admin, "propose")
    admin.get_by_label("Seed of the random draw (optional)").fill("demo-2007")
    admin.get_by_role("button", name="Propose councils").click()
    text = main(admin)
    total = demo_round.assessments.count()
    selected = ModerationSelection.objects.filter(
        assessment__round=demo_round, selected=True
    ).count()
    assert selected == (total + 1) // 2
    assert "3 consistency warnings" in text  # Nottingham's and Hertfordshire's signs of risk
    check(admin, "moderation overview, after the draw")

    # Councils of the day that the draw left out are added, each with a reason.
    for la_number, assessment in councils.items():
        if not ModerationSelection.objects.filter(assessment=assessment, selected=True).exists():
            admin.goto(f"{live_server.url}/assessments/{assessment.pk}/moderation/choose/")
            check(admin, "add to moderation")
            admin.get_by_label("Add it to moderation").check()
            admin.get_by_label("Reason").fill("On the demo day: its notebook is ready")
            admin.get_by_role("button", name="Save").click()
            assert "There is a problem" not in main(admin), la_number

    # A day of ten councils in three groups, the Leads' councils kept together.
    admin.goto(f"{live_server.url}/rounds/{demo_round.pk}/moderation/")
    admin.get_by_role("button", name="Add a moderation day").click()
    check(admin, "add a day")
    admin.get_by_label("Date").fill("15 9 2007")  # a Saturday: refused
    admin.get_by_role("button", name="Add the day").click()
    assert "not a working day" in main(admin)
    check(admin, "add a day, refused")
    admin.get_by_label("Date").fill("12 9 2007")
    admin.get_by_label("Venue (optional)").fill("Ofsted, Alexandra House")
    admin.get_by_role("button", name="Add the day").click()
    day_url = admin.url
    for group, la_numbers in GROUPS.items():
        admin.get_by_role("button", name=re.compile("^Put councils on this day")).click()
        check(admin, "put councils on the day")
        for la_number in la_numbers:
            name = re.escape(councils[la_number].council.name)
            admin.get_by_label(re.compile(f"{name} \\(presented by")).check()
        admin.get_by_label("Group", exact=True).select_option(label=group)
        admin.get_by_role("button", name="Put them in the group").click()
        assert "There is a problem" not in main(admin), main(admin)
    check(admin, "moderation day, planned")
    assert ModerationSelection.objects.filter(group__day__isnull=False).count() == 10

    # Nottingham's Lead completes Appendix A and submits it with Steps 2-4.
    nottingham = councils[NOTTINGHAM]
    hmi = as_person(HMI)
    hmi.goto(f"{live_server.url}/assessments/{nottingham.pk}/")
    hmi.get_by_role("link", name="Moderation Form").click()
    check(hmi, "moderation form")
    assert (
        "consistency warnings"
        in hmi.get_by_label("Reasons for selecting for moderation").input_value()
    )
    hmi.get_by_label("Area of concern 1").fill("Staying safe: initial assessments are slow")
    hmi.get_by_label("Area of concern 2").fill("Overall grade above both services")
    hmi.get_by_role("button", name="Save the form").click()
    hmi.get_by_role("button", name=re.compile("^Submit with Steps 2-4")).click()
    check(hmi, "submit the form")
    hmi.get_by_role("button", name="Submit the form").click()
    assert "There is a problem" not in main(hmi)
    # The other Leads submit theirs (through the services: the pages are the same).
    for la_number, assessment in councils.items():
        if la_number == NOTTINGHAM:
            continue
        lead = assessment.assignments.get(is_lead=True).user
        moderation.moderation_form_save(
            actor=lead,
            assessment=assessment,
            reasons=moderation.moderation_form_prefill(assessment=assessment),
            concerns=["Attendance in secondary schools"],
            expected_lock_version=None,
        )
        moderation.moderation_form_submit(actor=lead, assessment=assessment)

    # The moderator benchmarks the day's councils and records the outcomes.
    moderator = as_person(MODERATOR)
    moderator.goto(day_url)
    check(moderator, "moderation day")
    moderator.get_by_role("button", name="Benchmarking").first.click()
    check(moderator, "benchmarking")
    assert councils[NOTTINGHAM].council.name in main(moderator)
    moderator.goto(f"{live_server.url}/assessments/{nottingham.pk}/moderation/outcome/")
    check(moderator, "record an outcome")
    moderator.get_by_label("It changed one or more judgements").check()
    moderator.get_by_role("button", name="Record the outcome").click()
    assert "There is a problem" in main(moderator)  # no grade or reason given
    check(moderator, "record an outcome, refused")
    moderator.get_by_label("It changed one or more judgements").check()
    moderator.get_by_label(
        "New grade for Overall effectiveness of children's services"
    ).select_option("2")
    moderator.get_by_label("Why did the day change the judgements?").fill(
        "Staying safe is inadequate: the group agreed the overall judgement cannot be good"
    )
    moderator.get_by_role("button", name="Record the outcome").click()
    assert "There is a problem" not in main(moderator)
    moderator_user = User.objects.get(email=MODERATOR)
    for la_number, assessment in councils.items():
        if la_number != NOTTINGHAM:
            moderation.moderation_outcome_record(
                actor=moderator_user,
                assessment=assessment,
                decision="confirmed",
                reason="",
            )
    moderator.goto(day_url)
    assert "Changed" in main(moderator) and "Confirmed" in main(moderator)
    check(moderator, "moderation day, held")

    # The outcome is in Step 2 of Nottingham's notebook, with its reason.
    hmi.goto(f"{live_server.url}/assessments/{nottingham.pk}/analysis/step-2/being_healthy/")
    assert "the group agreed the overall judgement cannot be good" in main(hmi)

    # A council never sees moderation, not even its own.
    camden_officer = as_person("link.officer@camden.example")
    for url in (
        f"/assessments/{councils[CAMDEN].pk}/moderation/form/",
        day_url.removeprefix(live_server.url),
        f"/rounds/{demo_round.pk}/moderation/",
    ):
        response = camden_officer.goto(f"{live_server.url}{url}")
        assert response.status == 404, url
    walk.assert_accessible()
