"""The moderation pages (002 §H, Appendix A; issue 6 §4-§6): who sees what, and the whole path
through them for a small round: propose, plan a day, place councils, the Moderation Form, and
the outcome written back into the notebook."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.analysis.selectors import required_judgements, summative_judgements
from ecm.apa import services as apa_services
from ecm.apa.models import ModerationForm, ModerationOutcome, ModerationSelection
from ecm.audit.models import AuditEntry
from ecm.audit.verbs import verb_words
from ecm.authorities.tests.factories import CouncilFactory
from ecm.meetings.services import moderation as services

pytestmark = pytest.mark.django_db

DAY = date(2007, 9, 12)  # a Wednesday between the analysis stage and the final letter


def url(name: str, *args) -> str:
    return reverse(f"meetings:{name}", args=args)


def body(response) -> str:
    return response.content.decode()


def selected_names(assessment_round) -> set[str]:
    return set(
        ModerationSelection.objects.filter(
            assessment__round=assessment_round, selected=True
        ).values_list("assessment__council__name", flat=True)
    )


@pytest.fixture
def councils_assessed(make_assessment, assessment):
    """Five more councils in the round of `assessment`, all with `hmi` as Lead and `brm`."""
    return [make_assessment(council=CouncilFactory(name=f"Borough {n}")) for n in "ABCDE"]


@pytest.fixture
def placed(assessment, programme_administrator):
    """`assessment` selected by the administrator and placed in Group A of a moderation day."""
    services.moderation_choose(
        actor=programme_administrator, assessment=assessment, selected=True, reason="Test"
    )
    day = services.moderation_day_add(
        actor=programme_administrator, assessment_round=assessment.round, day=DAY, groups=2
    )
    services.moderation_place(
        actor=programme_administrator, assessment=assessment, group=day.groups.get(name="Group A")
    )
    return day


def every_page(assessment, day) -> list[str]:
    r = assessment.round.pk
    a = assessment.pk
    return [
        url("moderation", r),
        url("moderation-propose", r),
        url("moderation-day-add", r),
        url("moderation-day", day.pk),
        url("moderation-group-add", day.pk),
        url("moderation-place", day.pk),
        url("moderation-benchmark", day.pk),
        url("moderation-choose", a),
        url("moderation-form", a),
        url("moderation-form-submit", a),
        url("moderation-outcome", a),
    ]


# --- Who sees what (DOMAIN.md §1; 002 §H) -----------------------------------------------------


def test_council_users_get_404_on_every_moderation_page_even_their_own_domain_s1(
    client, link_officer, assessment, placed
):
    assert link_officer.council_id == assessment.council_id
    client.force_login(link_officer)
    for page in every_page(assessment, placed):
        assert client.get(page).status_code == 404, page
        assert client.post(page, {}).status_code == 404, page


def test_the_administrator_manages_moderation_issue_6_4(
    client, programme_administrator, assessment, placed
):
    client.force_login(programme_administrator)
    for page in every_page(assessment, placed):
        if page.endswith(("/form/submit/", "/outcome/")):
            continue  # the form is the inspectors'; the outcome waits for the form
        assert client.get(page).status_code == 200, page
    overview = body(client.get(url("moderation", assessment.round.pk)))
    assert url("moderation-propose", assessment.round.pk) in overview
    assert url("moderation-choose", assessment.pk) in overview


def test_a_moderator_sees_moderation_but_does_not_manage_it_002_h(
    client, moderator, assessment, placed
):
    client.force_login(moderator)
    assert client.get(url("moderation", assessment.round.pk)).status_code == 200
    assert client.get(url("moderation-day", placed.pk)).status_code == 200
    assert client.get(url("moderation-benchmark", placed.pk)).status_code == 200
    for page in (
        url("moderation-propose", assessment.round.pk),
        url("moderation-day-add", assessment.round.pk),
        url("moderation-place", placed.pk),
        url("moderation-group-add", placed.pk),
        url("moderation-choose", assessment.pk),
    ):
        assert client.get(page).status_code == 404, page
    overview = body(client.get(url("moderation", assessment.round.pk)))
    assert url("moderation-propose", assessment.round.pk) not in overview


def test_an_hmi_sees_the_day_only_when_presenting_a_council_on_it_002_h(
    client, hmi, make_user, assessment, placed
):
    other_hmi = make_user(Role.HMI)
    client.force_login(other_hmi)
    assert client.get(url("moderation-day", placed.pk)).status_code == 404
    assert client.get(url("moderation-benchmark", placed.pk)).status_code == 404
    assert client.get(url("moderation", assessment.round.pk)).status_code == 404

    client.force_login(hmi)  # the Lead of the council on the day
    assert client.get(url("moderation-day", placed.pk)).status_code == 200
    assert client.get(url("moderation-benchmark", placed.pk)).status_code == 200
    assert client.get(url("moderation", assessment.round.pk)).status_code == 404


def test_a_moderator_assigned_to_the_council_cannot_record_its_outcome_002_h_peer_challenge(
    client, make_user, brm, assessment, other_assessment, placed, programme_administrator
):
    inspecting_moderator = make_user(Role.HMI, Role.MODERATOR)
    apa_services.assessment_assign_inspectors(
        actor=None, assessment=assessment, hmi=inspecting_moderator, brm=brm, lead="brm"
    )
    client.force_login(inspecting_moderator)
    assert client.get(url("moderation-outcome", assessment.pk)).status_code == 404
    assert client.post(url("moderation-outcome", assessment.pk), {}).status_code == 404
    day_page = body(client.get(url("moderation-day", placed.pk)))
    assert url("moderation-outcome", assessment.pk) not in day_page
    # ... and may record another council's
    services.moderation_choose(
        actor=programme_administrator, assessment=other_assessment, selected=True, reason="Test"
    )
    assert client.get(url("moderation-outcome", other_assessment.pk)).status_code == 200


def test_the_form_is_for_the_inspectors_to_edit_and_others_of_the_inspectorate_to_read_app_a(
    client, hmi, moderator, assessment, placed
):
    client.force_login(moderator)
    page = client.get(url("moderation-form", assessment.pk))
    assert page.status_code == 200
    assert 'name="reasons"' not in body(page)
    assert client.post(url("moderation-form", assessment.pk), {"reasons": "x"}).status_code == 404
    assert client.get(url("moderation-form-submit", assessment.pk)).status_code == 404

    client.force_login(hmi)
    assert 'name="reasons"' in body(client.get(url("moderation-form", assessment.pk)))


def test_a_council_not_selected_has_no_form_to_fill_in_002_h(client, hmi, assessment):
    client.force_login(hmi)
    page = body(client.get(url("moderation-form", assessment.pk)))
    assert "is not selected for moderation" in page
    assert 'name="reasons"' not in page
    assert client.post(url("moderation-form", assessment.pk), {"reasons": "x"}).status_code == 404


# --- The overview ------------------------------------------------------------------------------


def test_the_overview_filters_selected_and_not_selected_councils_without_js_issue_6_4(
    client, programme_administrator, assessment, councils_assessed
):
    services.moderation_propose(
        actor=programme_administrator, assessment_round=assessment.round, seed="filter"
    )
    chosen = selected_names(assessment.round)
    everyone = {a.council.name for a in [assessment, *councils_assessed]}
    client.force_login(programme_administrator)

    selected_page = body(client.get(url("moderation", assessment.round.pk), {"show": "selected"}))
    others_page = body(client.get(url("moderation", assessment.round.pk), {"show": "not-selected"}))

    assert len(chosen) == 3  # 002 §H: about half of six
    for name in chosen:
        assert f">{name}</a>" in selected_page
        assert f">{name}</a>" not in others_page
    for name in everyone - chosen:
        assert f">{name}</a>" in others_page
        assert f">{name}</a>" not in selected_page


def test_the_overview_warns_of_a_day_outside_seven_to_ten_councils_002_h(
    client, moderator, assessment, placed
):
    client.force_login(moderator)
    page = body(client.get(url("moderation", assessment.round.pk)))
    assert "Fewer than 7 councils" in page
    assert "seven to ten a day" in page


def test_the_overview_takes_a_fixed_number_of_queries_whatever_the_councils_issue_6_4(
    client, programme_administrator, assessment, make_assessment
):
    client.force_login(programme_administrator)
    page = url("moderation", assessment.round.pk)
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    for n in range(4):
        make_assessment(council=CouncilFactory(name=f"More {n}"))
    services.moderation_propose(
        actor=programme_administrator, assessment_round=assessment.round, seed="q"
    )
    with CaptureQueriesContext(connection) as more:
        assert client.get(page).status_code == 200
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_day_page_takes_a_fixed_number_of_queries_whatever_the_councils_002_h(
    client, moderator, programme_administrator, assessment, placed, make_assessment
):
    client.force_login(moderator)
    page = url("moderation-day", placed.pk)
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    more = [make_assessment(council=CouncilFactory(name=f"More {n}")) for n in range(4)]
    _choose_all(programme_administrator, more)
    for a in more:
        services.moderation_place(
            actor=programme_administrator, assessment=a, group=placed.groups.get(name="Group A")
        )
    with CaptureQueriesContext(connection) as many:
        assert "More 3" in body(client.get(page))
    assert len(many.captured_queries) == len(few.captured_queries)


# --- The path through the pages for a small round (002 §H) -------------------------------------


def test_a_seeded_draw_proposed_twice_gives_the_same_councils_002_h(
    client, programme_administrator, assessment, councils_assessed
):
    client.force_login(programme_administrator)
    propose = url("moderation-propose", assessment.round.pk)

    response = client.post(propose, {"seed": "moderation-2007"})
    assert response.status_code == 302
    first = selected_names(assessment.round)
    client.post(propose, {"seed": "another seed"})
    client.post(propose, {"seed": "moderation-2007"})

    assert selected_names(assessment.round) == first
    assert len(first) == 3
    overview = body(client.get(url("moderation", assessment.round.pk)))
    assert "moderation-2007" in overview
    assert "3 of 6 councils" in overview


def test_an_empty_seed_draws_a_new_random_seed_and_keeps_it_002_h(
    client, programme_administrator, assessment, councils_assessed
):
    client.force_login(programme_administrator)
    client.post(url("moderation-propose", assessment.round.pk), {"seed": ""})
    seed = assessment.round.moderation_draw.seed
    assert seed
    assert seed in body(client.get(url("moderation", assessment.round.pk)))


def test_the_administrator_adds_and_removes_a_council_with_a_reason_issue_6_4(
    client, programme_administrator, assessment
):
    client.force_login(programme_administrator)
    page = url("moderation-choose", assessment.pk)

    refused = client.post(page, {"selected": "yes", "reason": ""})
    assert "Enter the reason" in body(refused)
    assert not ModerationSelection.objects.filter(assessment=assessment).exists()

    client.post(page, {"selected": "yes", "reason": "New director since March"})
    assert assessment.council.name in selected_names(assessment.round)
    overview = body(client.get(url("moderation", assessment.round.pk)))
    assert "New director since March" in overview

    client.post(page, {"selected": "no", "reason": "Moderated last year"})
    assert assessment.council.name not in selected_names(assessment.round)


def test_adding_a_day_checks_the_date_and_makes_its_groups_002_h(
    client, programme_administrator, assessment
):
    client.force_login(programme_administrator)
    page = url("moderation-day-add", assessment.round.pk)

    saturday = client.post(page, {"date": "15 9 2007", "venue": "", "groups": "2"})
    assert "is not a working day" in body(saturday)
    too_many = client.post(page, {"date": "12 9 2007", "venue": "", "groups": "6"})
    assert "at most 5 groups" in body(too_many)

    response = client.post(page, {"date": "12 9 2007", "venue": "Alexandra House", "groups": "2"})
    day = assessment.round.moderation_days.get()
    assert response.url == url("moderation-day", day.pk)
    assert [g.name for g in day.groups.all()] == ["Group A", "Group B"]
    client.post(url("moderation-group-add", day.pk), {"name": "Group C"})
    assert day.groups.count() == 3


def _choose_all(admin, assessments):
    for a in assessments:
        services.moderation_choose(actor=admin, assessment=a, selected=True, reason="Test")


def test_placing_an_eleventh_council_on_a_day_is_refused_and_nothing_is_placed_002_h(
    client, programme_administrator, make_assessment, assessment
):
    eleven = [make_assessment(council=CouncilFactory(name=f"Shire {n:02d}")) for n in range(11)]
    _choose_all(programme_administrator, eleven)
    day = services.moderation_day_add(
        actor=programme_administrator, assessment_round=assessment.round, day=DAY, groups=1
    )
    group = day.groups.get()
    client.force_login(programme_administrator)
    page = url("moderation-place", day.pk)

    refused = client.post(page, {"councils": [a.pk for a in eleven], "group": group.pk})
    assert refused.status_code == 200
    assert "Shire 10" in body(refused)
    assert "(the handbook, section H: seven to ten)" in body(refused)
    assert group.selections.count() == 0  # all or nothing

    client.post(page, {"councils": [a.pk for a in eleven[:10]], "group": group.pk})
    assert group.selections.count() == 10
    refused = client.post(page, {"councils": [eleven[10].pk], "group": group.pk})
    assert "already has 10 councils" in body(refused)
    assert "Put Shire 10 on another day" in body(refused)


def test_the_same_lead_cannot_present_in_two_groups_and_nothing_is_placed_002_h(
    client, programme_administrator, make_user, brm, assessment, councils_assessed
):
    first, second, third = councils_assessed[:3]
    another_lead = make_user(Role.HMI)
    apa_services.assessment_assign_inspectors(
        actor=None, assessment=second, hmi=another_lead, brm=brm, lead="hmi"
    )
    _choose_all(programme_administrator, [first, second, third])
    day = services.moderation_day_add(
        actor=programme_administrator, assessment_round=assessment.round, day=DAY, groups=2
    )
    group_a, group_b = day.groups.all()
    client.force_login(programme_administrator)
    page = url("moderation-place", day.pk)
    client.post(page, {"councils": [first.pk], "group": group_a.pk})

    refused = client.post(page, {"councils": [second.pk, third.pk], "group": group_b.pk})

    text = body(refused)
    assert "cannot be in two groups at once" in text
    assert "Borough C" in text and "Borough A" in text
    assert not ModerationSelection.objects.filter(assessment=second, group__isnull=False).exists()

    client.post(page, {"councils": [second.pk], "group": group_b.pk})
    client.post(page, {"councils": [third.pk], "group": group_a.pk})
    day_page = body(client.get(url("moderation-day", day.pk)))
    groups = day_page[day_page.index(f'id="group-{group_a.pk}"') :]
    assert groups.index("Borough A") < groups.index("Borough C") < groups.index("Group B")
    assert groups.index("Group B") < groups.index("Borough B")

    client.post(page, {"take_off": third.pk})
    assert not ModerationSelection.objects.filter(assessment=third, group__isnull=False).exists()


def test_the_form_is_prefilled_saved_with_a_lock_and_submitted_with_steps_2_to_4_app_a(
    client, hmi, programme_administrator, assessment, placed, write_steps
):
    client.force_login(hmi)
    page = url("moderation-form", assessment.pk)

    shown = body(client.get(page))
    assert "Chosen by the programme administrator: Test" in shown
    assert reverse("analysis:export", args=[assessment.pk, "2-4", "pdf"]) in shown
    assert url("moderation-form-document", assessment.pk, "pdf") in shown

    data = {
        "reasons": "Proposed grades far from last year's",
        "concern_1": "Safeguarding evidence is thin",
        "concern_2": "Attainment at 16 is falling",
        "lock_version": "",
    }
    assert client.post(page, data).status_code == 302
    saved = ModerationForm.objects.get(assessment=assessment)
    assert saved.concerns == ["Safeguarding evidence is thin", "Attainment at 16 is falling"]

    stale = client.post(page, data | {"lock_version": saved.lock_version - 1})
    assert "Someone else changed this form" in body(stale)

    submit = url("moderation-form-submit", assessment.pk)
    not_ready = client.post(submit)
    assert "which are not ready" in body(not_ready)
    assert ModerationForm.objects.get(assessment=assessment).submitted_at is None

    write_steps(assessment)
    check = body(client.get(submit))
    assert "Safeguarding evidence is thin" in check
    assert client.post(submit).status_code == 302
    assert ModerationForm.objects.get(assessment=assessment).submitted_at is not None
    assert "Submitted with Steps 2-4" in body(client.get(page))


def test_a_form_edited_after_submission_shows_on_the_day_until_submitted_again_app_a(
    client, hmi, assessment, placed, write_steps
):
    """Appendix A, 002 §H: the Lead may change the form after submitting it; the day page says
    so until the Lead submits it again, which the audit trail keeps as a resubmission."""
    write_steps(assessment)
    services.moderation_form_save(
        actor=hmi,
        assessment=assessment,
        reasons="Random draw",
        concerns=["Safeguarding evidence is thin"],
        expected_lock_version=None,
    )
    services.moderation_form_submit(actor=hmi, assessment=assessment)
    client.force_login(hmi)
    day_page = url("moderation-day", placed.pk)
    changed = "Form changed since submitted"
    assert changed not in body(client.get(day_page))

    saved = ModerationForm.objects.get(assessment=assessment)
    edited = {
        "reasons": "Random draw",
        "concern_1": "Safeguarding evidence is thin",
        "concern_2": "The meeting found attainment at 16 falling",
        "lock_version": saved.lock_version,
    }
    assert client.post(url("moderation-form", assessment.pk), edited).status_code == 302
    assert changed in body(client.get(day_page))

    assert client.post(url("moderation-form-submit", assessment.pk)).status_code == 302
    assert changed not in body(client.get(day_page))
    entry = AuditEntry.objects.get(verb="moderation.form_resubmitted")
    assert entry.before["submitted_at"] == saved.submitted_at.isoformat()
    assert entry.after["concerns"][1] == "The meeting found attainment at 16 falling"


def test_a_changed_outcome_shows_on_the_day_in_step_2_and_in_the_audit_trail_002_h(
    client, hmi, moderator, programme_administrator, assessment, placed, write_steps
):
    write_steps(assessment, grade=3)
    services.moderation_form_save(
        actor=hmi,
        assessment=assessment,
        reasons="Chosen by the administrator",
        concerns=["Safeguarding evidence is thin"],
        expected_lock_version=None,
    )
    services.moderation_form_submit(actor=hmi, assessment=assessment)
    safe = next(j for j in required_judgements(assessment) if j.code == "staying_safe")
    client.force_login(moderator)
    day_page = body(client.get(url("moderation-day", placed.pk)))
    assert "Record the outcome" in day_page
    page = url("moderation-outcome", assessment.pk)
    assert "Proposed grade" in body(client.get(page))

    no_reason = client.post(page, {"decision": "changed", f"judgement_{safe.pk}": "2"})
    assert "Enter why the day changed the judgements" in body(no_reason)

    response = client.post(
        page,
        {
            "decision": "changed",
            f"judgement_{safe.pk}": "2",
            "reason": "Child protection reviews are late in two areas",
        },
    )

    assert response.url == url("moderation-day", placed.pk)
    day_page = body(client.get(url("moderation-day", placed.pk)))
    assert "Changed" in day_page
    assert "Staying safe: 3 to 2" in day_page
    client.force_login(hmi)
    step2 = body(client.get(reverse("analysis:step2", args=[assessment.pk, "being_healthy"])))
    assert re.search(r"changed Staying safe from 3 to 2\. Reason: Child protection", step2)
    step4 = summative_judgements(assessment=assessment)
    assert step4[safe.pk].current.content["grade"] == 2
    entry = AuditEntry.objects.get(verb="moderation.outcome_recorded")
    assert entry.actor == moderator
    assert entry.reason == "Child protection reviews are late in two areas"
    client.force_login(programme_administrator)
    history = body(client.get(reverse("apa:assessment-detail", args=[assessment.pk])))
    # Issue 23 §3: the history reads as words, not the audit's code.
    assert verb_words("moderation.outcome_recorded") in history
    assert "moderation.outcome_recorded" not in history


def test_the_outcome_form_takes_a_new_rationale_for_a_changed_grade_002_h(
    client, hmi, moderator, assessment, placed, write_steps
):
    """002 §H: the day may give a changed judgement a new rationale; Step 4 takes it, so the
    rationale no longer argues for the old grade (issue 20, bug 8)."""
    write_steps(assessment, grade=3)
    services.moderation_form_save(
        actor=hmi,
        assessment=assessment,
        reasons="Chosen by the administrator",
        concerns=["Safeguarding evidence is thin"],
        expected_lock_version=None,
    )
    services.moderation_form_submit(actor=hmi, assessment=assessment)
    required = {j.code: j for j in required_judgements(assessment)}
    healthy, safe = required["being_healthy"], required["staying_safe"]
    client.force_login(moderator)
    page = url("moderation-outcome", assessment.pk)
    assert f"New rationale for {safe.title}" in body(client.get(page))
    data = {"decision": "changed", "reason": "Child protection reviews are late"}

    unchanged = client.post(
        page,
        data
        | {f"judgement_{healthy.pk}": "2", f"rationale_{safe.pk}": "Adequate: reviews are late"},
    )
    assert "The day did not change Staying safe" in body(unchanged)

    response = client.post(
        page,
        data | {f"judgement_{safe.pk}": "2", f"rationale_{safe.pk}": "Adequate: reviews are late"},
    )
    assert response.url == url("moderation-day", placed.pk)
    saved = summative_judgements(assessment=assessment)[safe.pk].current.content
    assert saved["grade"] == 2
    assert saved["rationale"].startswith("Adequate: reviews are late\nModeration day")


def test_a_confirmed_outcome_needs_no_reason_and_is_shown_once_recorded_002_h(
    client, hmi, moderator, assessment, placed, write_steps
):
    write_steps(assessment)
    services.moderation_form_save(
        actor=hmi,
        assessment=assessment,
        reasons="Random draw",
        concerns=["None in particular"],
        expected_lock_version=None,
    )
    services.moderation_form_submit(actor=hmi, assessment=assessment)
    client.force_login(moderator)
    page = url("moderation-outcome", assessment.pk)

    assert client.post(page, {"decision": "confirmed", "reason": ""}).status_code == 302

    shown = body(client.get(page))
    assert "Confirmed" in shown
    assert 'name="decision"' not in shown
    assert "was decided on" in shown  # issue 20 §3: when and by whom, as every frozen page
    # Posted again from a stale tab: refused, nothing recorded twice.
    assert client.post(page, {"decision": "changed"}).status_code == 409
    assert ModerationOutcome.objects.filter(assessment=assessment).count() == 1


def test_the_form_offers_appendix_as_eight_boxes_and_one_more_once_all_are_used_issue_23(
    client, hmi, assessment, placed
):
    """Appendix A prints eight bullets under "Areas of Concern"; the handbook sets no limit
    (issue 23 §2), so once eight are saved the page offers a ninth box, and it is kept."""
    client.force_login(hmi)
    page = url("moderation-form", assessment.pk)
    assert 'name="concern_8"' in body(client.get(page))
    assert 'name="concern_9"' not in body(client.get(page))

    data = {"reasons": "Signs of risk", "lock_version": ""}
    data |= {f"concern_{n}": f"Concern {n}" for n in range(1, 9)}
    assert client.post(page, data).status_code == 302
    saved = ModerationForm.objects.get(assessment=assessment)
    assert 'name="concern_9"' in body(client.get(page))

    data |= {"concern_9": "Concern 9", "lock_version": saved.lock_version}
    assert client.post(page, data).status_code == 302
    saved.refresh_from_db()
    assert saved.concerns[-1] == "Concern 9" and len(saved.concerns) == 9
