"""Moderation's services (002 §H, Appendix A): choosing about half of the councils, planning the
days, the Moderation Form submitted with notebook Steps 2-4, and each outcome written back into
the notebook; and the workflow's guard that only a moderated council passes through moderation.
Each test names its rule and checks the message, what was saved and the audit trail."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.analysis.models import AreaSummary, OverallSummary, Revision, SummativeJudgement
from ecm.analysis.selectors import required_judgements, signatures
from ecm.analysis.services import judgements as steps
from ecm.apa import services as apa_services
from ecm.apa.models import (
    AssignmentRole,
    ModerationDay,
    ModerationDraw,
    ModerationForm,
    ModerationOutcome,
    ModerationSelection,
)
from ecm.apa.tests.factories import make_round
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.selectors import audit_history
from ecm.authorities.tests.factories import CouncilFactory
from ecm.core.locking import stale_message
from ecm.meetings.selectors.moderation import day_groups
from ecm.meetings.services import moderation as svc
from ecm.meetings.services.moderation import choosing, outcomes, planning, submission
from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory
from ecm.workdays.calendar import bank_holiday_name

pytestmark = pytest.mark.django_db

DAY = date(2007, 9, 12)  # a Wednesday, between analysis (June) and the final letter (October)
DAY_WORDS = "Wednesday 12 September 2007"
STEP2_REASON = "Moderation outcome (the handbook, section H)"


def refused(call, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        call(**kwargs)
    return excinfo.value


def verbs(target) -> list[str]:
    return list(audit_history(target=target).values_list("verb", flat=True))


def selection_of(assessment) -> ModerationSelection:
    return ModerationSelection.objects.get(assessment=assessment)


@pytest.fixture
def councils_assessed(make_assessment, assessment):
    """`count` more assessments in the round of `assessment`, each of a new council."""

    def make(count: int) -> list:
        return [make_assessment(council=CouncilFactory()) for _ in range(count)]

    return make


@pytest.fixture
def choose(administrator):
    def select(assessment, selected=True, reason="Chosen by the administrator"):
        return svc.moderation_choose(
            actor=administrator, assessment=assessment, selected=selected, reason=reason
        )

    return select


@pytest.fixture
def day(assessment, administrator) -> ModerationDay:
    return svc.moderation_day_add(
        actor=administrator, assessment_round=assessment.round, day=DAY, venue="Leeds"
    )


@pytest.fixture
def group_a(day):
    return day.groups.get(name="Group A")


@pytest.fixture
def placed(assessment, choose, group_a, administrator):
    choose(assessment)
    svc.moderation_place(actor=administrator, assessment=assessment, group=group_a)
    return assessment


@pytest.fixture
def submit_form(hmi, write_steps):
    """Write and sign Steps 2-4, fill in the Moderation Form, and submit it."""

    def submit(assessment, **step_values):
        write_steps(assessment, **step_values)
        svc.moderation_form_save(
            actor=hmi,
            assessment=assessment,
            reasons="Signs of risk",
            concerns=["Staying safe"],
            expected_lock_version=None,
        )
        return svc.moderation_form_submit(actor=hmi, assessment=assessment)

    return submit


@pytest.fixture
def ready(placed, submit_form):
    """Placed on 12 September 2007 with its form submitted: ready for the day's outcome."""
    submit_form(placed)
    return placed


# --- Choosing whom to moderate (002 §H) -------------------------------------------------------


def _weak_coverage(council_with_few, others):
    """Five indicators with figures; `council_with_few` has one of them (20%)."""
    indicators = [IndicatorFactory() for _ in range(5)]
    for council in others:
        for indicator in indicators:
            Comparison.objects.create(
                indicator=indicator, council=council, period="2007", end_year=2007, value=1.0
            )
    Comparison.objects.create(
        indicator=indicators[0], council=council_with_few, period="2007", end_year=2007, value=1.0
    )


def test_proposing_takes_about_half_with_signs_of_risk_first_002_s_h(
    assessment, councils_assessed, administrator
):
    others = councils_assessed(3)
    _weak_coverage(assessment.council, [a.council for a in others])
    for seed in ("one", "two", "three"):
        proposals = svc.moderation_propose(
            actor=administrator, assessment_round=assessment.round, seed=seed
        )
        assert sum(p.selected for p in proposals) == 2  # half of four
        at_risk = selection_of(assessment)
        assert at_risk.selected and at_risk.basis == "risk"
        assert at_risk.signals == [
            {"code": "coverage", "text": "Figures for 20% of the round's indicators"}
        ]
        drawn = ModerationSelection.objects.filter(selected=True).exclude(pk=at_risk.pk).get()
        assert drawn.basis == "draw" and drawn.signals == []
    draw = ModerationDraw.objects.get(round=assessment.round)
    assert (draw.seed, draw.target, draw.drawn_by) == ("three", 2, administrator)
    entry = audit_history(target=assessment.round).first()
    assert entry.verb == "moderation.proposed"
    assert entry.after["seed"] == "three" and entry.after["at_risk"] == 1
    assert assessment.council.la_number in entry.after["selected"]


def test_the_draw_is_reproducible_from_its_seed_002_s_h(
    assessment, councils_assessed, administrator
):
    councils_assessed(11)

    def selected_with(seed: str) -> list[int]:
        svc.moderation_propose(actor=administrator, assessment_round=assessment.round, seed=seed)
        return sorted(
            ModerationSelection.objects.filter(selected=True).values_list(
                "assessment_id", flat=True
            )
        )

    first = selected_with("apa-2007")
    assert len(first) == 6  # half of twelve
    assert selected_with("another seed") != first
    assert selected_with("apa-2007") == first


def test_a_proposal_without_a_seed_keeps_the_one_it_drew(assessment, administrator):
    """002 §H: the draw can be repeated only if its seed is kept."""
    svc.moderation_propose(actor=administrator, assessment_round=assessment.round)
    assert ModerationDraw.objects.get(round=assessment.round).seed


def test_the_administrators_choices_stand_when_proposing_again_issue_6_s4(
    assessment, councils_assessed, administrator, choose
):
    kept_out, kept_in = councils_assessed(2)
    _weak_coverage(kept_out.council, [assessment.council, kept_in.council])
    choose(kept_out, selected=False, reason="Moderated last year")
    choose(kept_in, selected=True, reason="A new director")
    svc.moderation_propose(actor=administrator, assessment_round=assessment.round, seed="x")
    out, into = selection_of(kept_out), selection_of(kept_in)
    assert not out.selected and out.basis == "administrator"  # despite its sign of risk
    assert out.reason == "Moderated last year"
    assert into.selected and into.basis == "administrator" and into.reason == "A new director"
    assert ModerationSelection.objects.filter(selected=True).count() == 2  # half of three


def test_proposing_again_is_refused_once_councils_are_on_days_002_s_h(
    assessment, administrator, placed
):
    error = refused(
        svc.moderation_propose, actor=administrator, assessment_round=assessment.round, seed="y"
    )
    assert error.messages == [choosing.ALREADY_PLANNED]
    assert selection_of(assessment).basis == "administrator"
    assert "moderation.proposed" not in verbs(assessment.round)


def test_a_round_without_assessments_has_nobody_to_propose(framework, administrator):
    """002 §H: half of a round's councils; a round of none has none."""
    empty = make_round(year=2008, framework_version=framework)
    error = refused(svc.moderation_propose, actor=administrator, assessment_round=empty)
    assert error.messages == [choosing.NO_ASSESSMENTS]


def test_adding_or_removing_a_council_needs_a_reason_issue_6_s4(assessment, administrator):
    error = refused(
        svc.moderation_choose, actor=administrator, assessment=assessment, selected=True, reason=""
    )
    assert error.message_dict == {"reason": [choosing.NO_REASON]}
    assert not ModerationSelection.objects.exists()


def test_adding_and_removing_a_council_is_audited_issue_6_s4(assessment, administrator, choose):
    added = choose(assessment, reason="Concerns from the CSCI briefing")
    assert (added.selected, added.basis, added.decided_by) == (True, "administrator", administrator)
    entry = audit_history(target=assessment).first()
    assert entry.verb == "moderation.added" and entry.reason == "Concerns from the CSCI briefing"

    error = refused(choose, assessment=assessment, selected=True)
    assert error.messages == [
        choosing.ALREADY_SO.format(council=assessment.council.name, state="selected for moderation")
    ]
    removed = choose(assessment, selected=False, reason="Moderated last year")
    assert not removed.selected and removed.reason == "Moderated last year"
    assert audit_history(target=assessment).first().verb == "moderation.removed"


def test_removing_a_placed_council_takes_it_off_its_day(placed, choose):
    """002 §H: only councils selected for moderation are discussed on a day."""
    choose(placed, selected=False, reason="Withdrawn")
    assert selection_of(placed).group is None


def test_a_council_with_an_outcome_stays_in_moderation_issue_6_s4(ready, moderator, choose):
    svc.moderation_outcome_record(
        actor=moderator, assessment=ready, decision="confirmed", reason="", today=DAY
    )
    error = refused(choose, assessment=ready, selected=False, reason="Changed our minds")
    assert error.messages == [choosing.HAS_OUTCOME.format(council=ready.council.name)]
    assert selection_of(ready).selected
    assert "moderation.removed" not in verbs(ready)


# --- Moderation days (002 §H) -----------------------------------------------------------------


@pytest.mark.parametrize("when", [date(2007, 9, 15), date(2007, 8, 27)])
def test_a_moderation_day_is_a_working_day_002_s_h_domain_s6(assessment, administrator, when):
    """Saturday 15 September 2007, and Monday 27 August 2007, the summer bank holiday."""
    error = refused(
        svc.moderation_day_add, actor=administrator, assessment_round=assessment.round, day=when
    )
    why = bank_holiday_name(when) or "a weekend"
    words = f"{when:%A} {when.day} {when:%B %Y}"
    assert error.message_dict == {"date": [planning.NOT_A_WORKING_DAY.format(day=words, why=why)]}
    assert not ModerationDay.objects.exists()


@pytest.mark.parametrize(
    ("when", "allowed"),
    [
        (date(2007, 5, 31), False),  # before analysis starts (Friday 1 June 2007)
        (date(2007, 6, 1), True),
        (date(2007, 10, 31), True),  # the final letter's date
        (date(2007, 11, 1), False),
    ],
)
def test_moderation_falls_between_analysis_and_the_final_letter_002_s_a_s_h(
    assessment, administrator, when, allowed
):
    if not allowed:
        error = refused(
            svc.moderation_day_add, actor=administrator, assessment_round=assessment.round, day=when
        )
        assert error.message_dict == {
            "date": [
                planning.OUTSIDE_ROUND.format(
                    start="Friday 1 June 2007", end="Wednesday 31 October 2007"
                )
            ]
        }
        assert not ModerationDay.objects.exists()
        return
    day = svc.moderation_day_add(actor=administrator, assessment_round=assessment.round, day=when)
    assert day.date == when


def test_a_day_has_small_groups_and_is_audited_002_s_h(assessment, administrator, day):
    assert list(day.groups.values_list("name", flat=True)) == ["Group A", "Group B", "Group C"]
    entry = audit_history(target=assessment.round).first()
    assert entry.verb == "moderation.day_added" and entry.after["date"] == "2007-09-12"


def test_a_group_needs_a_new_name(day, administrator):
    """002 §H: "Small groups work on a few council assessments"."""
    error = refused(svc.moderation_group_add, actor=administrator, day=day, name=" ")
    assert error.message_dict == {"name": [planning.NO_GROUP_NAME]}
    error = refused(svc.moderation_group_add, actor=administrator, day=day, name="group a")
    assert error.message_dict == {"name": [planning.GROUP_EXISTS.format(name="group a")]}
    group = svc.moderation_group_add(actor=administrator, day=day, name="Group D")
    assert group.day == day and day.groups.count() == 4
    assert audit_history(target=day.round).first().after == {
        "day": "2007-09-12",
        "group": "Group D",
    }


def test_placing_an_unselected_council_is_refused_002_s_h(assessment, administrator, group_a):
    error = refused(svc.moderation_place, actor=administrator, assessment=assessment, group=group_a)
    assert error.messages == [choosing.NOT_SELECTED.format(council=assessment.council.name)]
    assert "moderation.placed" not in verbs(assessment)


def test_placing_a_council_is_audited(placed, group_a):
    """002 §H; quality bar: Security (every change audited)."""
    assert selection_of(placed).group == group_a
    entry = audit_history(target=placed).first()
    assert entry.verb == "moderation.placed"
    assert entry.after == {"group": "Group A", "day": "2007-09-12"}


def test_a_day_takes_at_most_ten_councils_002_s_h(
    assessment, councils_assessed, administrator, choose, group_a
):
    """002 §H: "between seven and 10 authorities". All share a Lead, so all in one group."""
    eleven = [assessment, *councils_assessed(10)]
    for each in eleven:
        choose(each)
    for each in eleven[:10]:
        svc.moderation_place(actor=administrator, assessment=each, group=group_a)
    last = eleven[10]
    error = refused(svc.moderation_place, actor=administrator, assessment=last, group=group_a)
    assert error.messages == [
        planning.DAY_FULL.format(day=DAY_WORDS, count=10, council=last.council.name)
    ]
    assert selection_of(last).group is None
    # Placing again one of the ten already on the day is not an eleventh.
    assert (
        svc.moderation_place(actor=administrator, assessment=eleven[0], group=group_a).group
        == group_a
    )


def test_one_lead_presents_in_one_group_a_day_002_s_h(
    placed, councils_assessed, administrator, choose, day, make_user, brm
):
    """002 §H: grades are presented "usually by the lead HMI or BRM", who cannot be in two
    groups at once."""
    same_lead, other_lead = councils_assessed(2)
    choose(same_lead)
    choose(other_lead)
    group_b = day.groups.get(name="Group B")
    error = refused(svc.moderation_place, actor=administrator, assessment=same_lead, group=group_b)
    lead = placed.assignments.get(is_lead=True).user
    assert error.messages == [
        planning.PRESENTER_ELSEWHERE.format(
            lead=lead,
            other=placed.council.name,
            group="Group A",
            council=same_lead.council.name,
        )
    ]
    assert selection_of(same_lead).group is None
    svc.moderation_place(
        actor=administrator, assessment=same_lead, group=day.groups.get(name="Group A")
    )

    apa_services.assessment_assign_inspectors(
        actor=administrator, assessment=other_lead, hmi=make_user(Role.HMI), brm=brm, lead="hmi"
    )
    assert (
        svc.moderation_place(actor=administrator, assessment=other_lead, group=group_b).group
        == group_b
    )


def test_a_council_can_be_taken_off_its_day(placed, administrator):
    """002 §H; quality bar: Security (every change audited)."""
    svc.moderation_place(actor=administrator, assessment=placed, group=None)
    assert selection_of(placed).group is None
    assert audit_history(target=placed).first().after == {"group": None, "day": None}


# --- The Moderation Form (Appendix A) ---------------------------------------------------------


def test_the_form_keeps_every_area_of_concern_with_no_limit_appendix_a(assessment, hmi):
    """Appendix A prints "Areas of Concern" over eight bullets: the form's room, not a limit the
    handbook sets (issue 23 §2), so a ninth concern is kept; empty ones are dropped."""
    form = svc.moderation_form_save(
        actor=hmi,
        assessment=assessment,
        reasons=" Signs of risk ",
        concerns=[f"Concern {n}" for n in range(1, 10)] + ["", "  "],
        expected_lock_version=None,
    )
    assert form.reasons == "Signs of risk" and len(form.concerns) == 9
    assert form.concerns[-1] == "Concern 9"
    entry = audit_history(target=assessment).first()
    assert entry.verb == "moderation.form_saved" and entry.after["concerns"] == form.concerns


def test_a_stale_form_is_refused(assessment, hmi, brm):
    """Appendix A; quality bar: concurrent edits never silently overwrite."""
    values = {"assessment": assessment, "reasons": "R", "concerns": ["C"]}
    svc.moderation_form_save(actor=hmi, expected_lock_version=None, **values)
    svc.moderation_form_save(actor=hmi, expected_lock_version=2, **values | {"reasons": "R2"})
    error = refused(
        svc.moderation_form_save, actor=brm, expected_lock_version=2, **values | {"reasons": "X"}
    )
    assert error.messages == [stale_message(what="this form")]
    assert ModerationForm.objects.get().reasons == "R2"


def test_the_form_is_submitted_with_reasons_and_concerns_appendix_a(
    assessment, hmi, choose, write_steps
):
    choose(assessment)
    write_steps(assessment)
    error = refused(svc.moderation_form_submit, actor=hmi, assessment=assessment)
    assert error.message_dict == {
        "reasons": [submission.NO_REASONS],
        "concerns": [submission.NO_CONCERNS],
    }
    svc.moderation_form_save(
        actor=hmi, assessment=assessment, reasons="Risk", concerns=[], expected_lock_version=None
    )
    error = refused(svc.moderation_form_submit, actor=hmi, assessment=assessment)
    assert error.message_dict == {"concerns": [submission.NO_CONCERNS]}
    assert ModerationForm.objects.get().submitted_at is None
    assert "moderation.form_submitted" not in verbs(assessment)


def test_only_a_selected_councils_form_is_submitted_002_s_h(assessment, hmi, write_steps):
    write_steps(assessment)
    error = refused(svc.moderation_form_submit, actor=hmi, assessment=assessment)
    assert error.messages == [choosing.NOT_SELECTED.format(council=assessment.council.name)]


def _form(assessment, hmi):
    return svc.moderation_form_save(
        actor=hmi, assessment=assessment, reasons="Risk", concerns=["C"], expected_lock_version=None
    )


def _not_ready(assessment, hmi, missing: str) -> None:
    error = refused(svc.moderation_form_submit, actor=hmi, assessment=assessment)
    assert error.messages == [submission.STEPS_NOT_READY.format(missing=missing)]
    assert ModerationForm.objects.get(assessment=assessment).submitted_at is None


def test_the_form_goes_with_steps_2_to_4_an_empty_notebook_is_not_ready_002_s_h(
    assessment, hmi, choose
):
    choose(assessment)
    _form(assessment, hmi)
    titles = "; ".join(j.title for j in required_judgements(assessment))
    _not_ready(
        assessment,
        hmi,
        f"Step 2 has no summary sheet; Step 3 is not written; Step 4 has no grade for {titles}",
    )


def test_the_form_needs_step_3_002_s_h(assessment, hmi, brm, choose, write_steps):
    choose(assessment)
    _form(assessment, hmi)
    write_steps(assessment)
    OverallSummary.objects.filter(assessment=assessment).delete()
    _not_ready(assessment, hmi, "Step 3 is not written")


def test_the_form_needs_every_step_4_judgement_graded_002_s_h(assessment, hmi, choose, write_steps):
    choose(assessment)
    _form(assessment, hmi)
    write_steps(assessment, grades={"being_healthy": None}, sign=False)
    _not_ready(assessment, hmi, "Step 4 has no grade for Being healthy")


def test_the_form_needs_step_4_signed_by_both_inspectors_002_s_f_s_h(
    assessment, hmi, choose, write_steps
):
    choose(assessment)
    _form(assessment, hmi)
    write_steps(assessment, sign=False)
    _not_ready(assessment, hmi, "Step 4 is not signed by both the HMI and the BRM")
    steps.summative_sign(assessment=assessment, actor=hmi)
    _not_ready(assessment, hmi, "Step 4 is not signed by both the HMI and the BRM")


def test_the_submitted_form_records_the_revisions_of_steps_2_to_4_002_s_h(
    assessment, hmi, choose, submit_form
):
    choose(assessment)
    form = submit_form(assessment)
    assert form.submitted_by == hmi and form.submitted_at is not None
    assert form.steps == {
        "area_summary": [AreaSummary.objects.get(assessment=assessment).current_id],
        "overall_summary": OverallSummary.objects.get(assessment=assessment).current_id,
        "summative": sorted(
            SummativeJudgement.objects.filter(assessment=assessment).values_list(
                "current_id", flat=True
            )
        ),
    }
    assert len(form.steps["summative"]) == 7  # APA 2007's seven judgements
    entry = audit_history(target=assessment).first()
    assert entry.verb == "moderation.form_submitted" and entry.after["steps"] == form.steps


def _regrade(assessment, hmi, brm, code: str, grade: int) -> None:
    """The meeting changes a Step 4 grade (002 §G), and both inspectors sign Step 4 again."""
    judgement = next(j for j in required_judgements(assessment) if j.code == code)
    saved = SummativeJudgement.objects.get(assessment=assessment, judgement=judgement).current
    steps.summative_save(
        assessment=assessment,
        judgement=judgement,
        actor=hmi,
        shown=saved.number,
        grade=grade,
        rationale=saved.content["rationale"],
        entries=saved.content["entries"],
        reason="The meeting agreed a different grade (002 §G)",
    )
    steps.summative_sign(assessment=assessment, actor=hmi)
    steps.summative_sign(assessment=assessment, actor=brm)


def test_the_lead_submits_the_form_again_after_the_meeting_changes_step_4_002_s_h(
    placed, hmi, brm, submit_form
):
    """002 §H: the form goes with Steps 2-4 as they stand; a later change goes in by submitting
    again, audited as a resubmission with the previous submission's time and revisions."""
    first = submit_form(placed)
    first_at, first_steps = first.submitted_at, first.steps
    _regrade(placed, hmi, brm, "being_healthy", 2)
    again = svc.moderation_form_submit(actor=hmi, assessment=placed)
    assert again.submitted_at > first_at
    assert again.steps["summative"] != first_steps["summative"]
    assert again.steps == submission.steps_ready(assessment=placed)[0]
    submissions = [v for v in verbs(placed) if v.endswith("submitted")]
    assert submissions == ["moderation.form_resubmitted", "moderation.form_submitted"]
    entry = audit_history(target=placed).first()
    assert entry.before == {"submitted_at": first_at.isoformat(), "steps": first_steps}
    assert entry.after["steps"] == again.steps
    assert entry.reason == (
        "Submitted again with notebook Steps 2-4 as they stand now (the handbook, section H)"
    )


def test_the_form_is_not_submitted_again_once_the_day_has_decided_002_s_h(
    ready, councils_assessed, choose, administrator, group_a, submit_form, hmi, moderator
):
    """Resubmitting stops at the council's outcome, and for everyone once the day is held: what
    the day discussed stays the record of its decision."""
    (second,) = councils_assessed(1)
    choose(second)
    svc.moderation_place(actor=administrator, assessment=second, group=group_a)
    submit_form(second)
    outcome = svc.moderation_outcome_record(
        actor=moderator, assessment=ready, decision="confirmed", reason="", today=DAY
    )
    form_before = ModerationForm.objects.get(assessment=ready)
    error = refused(svc.moderation_form_submit, actor=hmi, assessment=ready)
    when = timezone.localtime(outcome.recorded_at).strftime("%H:%M on %d %B %Y")
    assert error.messages == [submission.DISCUSSED.format(council=ready.council.name, when=when)]
    assert ModerationForm.objects.get(assessment=ready).submitted_at == form_before.submitted_at

    svc.moderation_outcome_record(
        actor=moderator, assessment=second, decision="confirmed", reason="", today=DAY
    )
    error = refused(svc.moderation_form_submit, actor=hmi, assessment=second)
    assert error.messages == [planning.DAY_HELD]
    error = refused(
        svc.moderation_form_save,
        actor=hmi,
        assessment=second,
        reasons="Changed after the day",
        concerns=["C"],
        expected_lock_version=None,
    )
    assert error.messages == [planning.DAY_HELD]
    assert "moderation.form_resubmitted" not in verbs(ready) + verbs(second)


def _day_council(assessment):
    day = ModerationDay.objects.get()
    return next(
        c for g in day_groups(day=day) for c in g.councils if c.assessment.pk == assessment.pk
    )


def test_editing_a_submitted_form_shows_it_changed_since_submitted_002_s_h(ready, hmi):
    """Appendix A: an edit after submission is not sent until the Lead submits again; until
    then the day sees the form changed since it was submitted (and not once it says again what
    was submitted)."""
    assert _day_council(ready).form_changed_since_submitted is False
    form = ModerationForm.objects.get(assessment=ready)
    values = {"actor": hmi, "assessment": ready, "reasons": form.reasons}
    form = svc.moderation_form_save(
        **values, concerns=["Staying safe", "Enjoying and achieving"], expected_lock_version=None
    )
    council = _day_council(ready)
    assert council.form_changed_since_submitted is True
    assert council.changed_since_submitted is False  # Step 4 itself is as submitted
    svc.moderation_form_save(
        **values, concerns=["Staying safe"], expected_lock_version=form.lock_version
    )
    assert _day_council(ready).form_changed_since_submitted is False
    svc.moderation_form_save(**values, concerns=["Being healthy"], expected_lock_version=None)
    assert _day_council(ready).form_changed_since_submitted is True
    svc.moderation_form_submit(actor=hmi, assessment=ready)
    assert _day_council(ready).form_changed_since_submitted is False


def test_a_moderation_day_is_named_without_a_zero_padded_day(assessment, administrator):
    """002 §H; the day's name is portable (no %-d, which Windows' strftime lacks)."""
    day = svc.moderation_day_add(
        actor=administrator, assessment_round=assessment.round, day=date(2007, 9, 5)
    )
    assert str(day) == "Moderation day 5 September 2007"


# --- The day's outcome (002 §H) ---------------------------------------------------------------


def test_an_inspector_of_the_council_does_not_record_its_outcome_002_s_h(
    ready, hmi, reader_assigned
):
    """Peer challenge: neither its HMI nor anyone else assigned to it records the outcome."""
    for actor in (hmi, reader_assigned):
        error = refused(
            svc.moderation_outcome_record,
            actor=actor,
            assessment=ready,
            decision="confirmed",
            reason="",
            today=DAY,
        )
        assert error.messages == [outcomes.OWN_COUNCIL.format(council=ready.council.name)]
    assert not ModerationOutcome.objects.exists()


def test_the_outcome_is_recorded_on_or_after_the_day_002_s_h(ready, moderator):
    error = refused(
        svc.moderation_outcome_record,
        actor=moderator,
        assessment=ready,
        decision="confirmed",
        reason="",
        today=date(2007, 9, 11),
    )
    assert error.messages == [outcomes.BEFORE_THE_DAY.format(day=DAY_WORDS)]
    assert not ModerationOutcome.objects.exists()


def test_the_outcome_needs_the_submitted_form_002_s_h(placed, moderator, write_steps, hmi):
    write_steps(placed)
    _form(placed, hmi)  # saved, not submitted
    error = refused(
        svc.moderation_outcome_record,
        actor=moderator,
        assessment=placed,
        decision="confirmed",
        reason="",
        today=DAY,
    )
    assert error.messages == [outcomes.NOT_SUBMITTED.format(council=placed.council.name)]


def test_the_outcome_needs_the_council_on_a_day_002_s_h(assessment, choose, moderator):
    choose(assessment)
    error = refused(
        svc.moderation_outcome_record,
        actor=moderator,
        assessment=assessment,
        decision="confirmed",
        reason="",
        today=DAY,
    )
    assert error.messages == [outcomes.NOT_PLACED.format(council=assessment.council.name)]


def test_the_outcome_needs_a_decision(ready, moderator):
    """002 §H: the day agrees the judgements (confirmed) or changes them."""
    error = refused(
        svc.moderation_outcome_record,
        actor=moderator,
        assessment=ready,
        decision="",
        reason="",
        today=DAY,
    )
    assert error.message_dict == {"decision": [outcomes.NO_DECISION]}


def test_the_outcome_is_recorded_once_002_s_h(ready, moderator, make_user):
    outcome = svc.moderation_outcome_record(
        actor=moderator, assessment=ready, decision="confirmed", reason="", today=DAY
    )
    error = refused(
        svc.moderation_outcome_record,
        actor=make_user(Role.MODERATOR),
        assessment=ready,
        decision="confirmed",
        reason="",
        today=DAY,
    )
    when = timezone.localtime(outcome.recorded_at).strftime("%H:%M on %d %B %Y")
    assert error.messages == [
        outcomes.OUTCOME_RECORDED.format(council=ready.council.name, when=when)
    ]
    assert ModerationOutcome.objects.count() == 1


def test_a_changed_outcome_needs_a_reason_002_s_h(ready, moderator):
    healthy = next(j for j in required_judgements(ready) if j.code == "being_healthy")
    error = refused(
        svc.moderation_outcome_record,
        actor=moderator,
        assessment=ready,
        decision="changed",
        reason=" ",
        changes={healthy.pk: 2},
        today=DAY,
    )
    assert error.message_dict == {"reason": [outcomes.NO_CHANGE_REASON]}
    assert not ModerationOutcome.objects.exists()


def test_a_changed_outcome_changes_at_least_one_grade_002_s_h(ready, moderator):
    healthy = next(j for j in required_judgements(ready) if j.code == "being_healthy")
    values = {"actor": moderator, "assessment": ready, "decision": "changed", "today": DAY}
    error = refused(
        svc.moderation_outcome_record, reason="Benchmarked", changes={healthy.pk: None}, **values
    )
    assert error.messages == [outcomes.NO_CHANGE_GIVEN]
    error = refused(
        svc.moderation_outcome_record, reason="Benchmarked", changes={healthy.pk: 3}, **values
    )
    assert error.message_dict == {
        f"judgement_{healthy.pk}": [outcomes.CHANGE_IS_SAME.format(title="Being healthy", grade=3)]
    }
    error = refused(
        svc.moderation_outcome_record, reason="Benchmarked", changes={healthy.pk: 7}, **values
    )
    assert error.message_dict == {
        f"judgement_{healthy.pk}": [
            outcomes.CHANGE_OFF_SCALE.format(title="Being healthy", values="1, 2, 3, 4")
        ]
    }
    assert not ModerationOutcome.objects.exists()
    assert SummativeJudgement.objects.get(assessment=ready, judgement=healthy).current.number == 1


def test_a_confirmed_outcome_is_written_into_step_2_002_s_f_s_h(ready, moderator):
    outcome = svc.moderation_outcome_record(
        actor=moderator,
        assessment=ready,
        decision="confirmed",
        reason="The trail of evidence supports every grade",
        today=DAY,
    )
    assert (outcome.decision, outcome.changes, outcome.recorded_by) == ("confirmed", [], moderator)
    summary = AreaSummary.objects.get(assessment=ready)
    assert summary.current.number == 2 and summary.current.reason == STEP2_REASON
    assert summary.current.content["moderation"] == (
        f"Moderation day {DAY_WORDS} (Group A): the proposed judgements were confirmed. "
        "The trail of evidence supports every grade"
    )
    assert summary.current.content["education"]["text"] == "Good health outcomes"  # kept
    # Step 4 is untouched and stays signed.
    assert not SummativeJudgement.objects.filter(assessment=ready, current__number=2).exists()
    assert len(signatures(assessment=ready)) == 2
    entry = audit_history(target=ready).first()
    assert entry.verb == "moderation.outcome_recorded"
    assert entry.after == {"decision": "confirmed", "changes": [], "day": "2007-09-12"}
    assert entry.reason == "The trail of evidence supports every grade"


def test_a_changed_grade_goes_into_step_4_and_clears_both_signatures_002_s_f_s_h(ready, moderator):
    required = {j.code: j for j in required_judgements(ready)}
    healthy, safe = required["being_healthy"], required["staying_safe"]
    outcome = svc.moderation_outcome_record(
        actor=moderator,
        assessment=ready,
        decision="changed",
        reason="Benchmarked against similar councils",
        changes={healthy.pk: 2, safe.pk: 4},
        today=DAY,
    )
    assert outcome.changes == [
        {"judgement": healthy.urn, "title": "Being healthy", "from": 3, "to": 2},
        {"judgement": safe.urn, "title": "Staying safe", "from": 3, "to": 4},
    ]
    statement = (
        f"Moderation day {DAY_WORDS} (Group A): changed Being healthy from 3 to 2; Staying safe "
        "from 3 to 4. Reason: Benchmarked against similar councils"
    )
    for judgement, grade in ((healthy, 2), (safe, 4)):
        saved = SummativeJudgement.objects.get(assessment=ready, judgement=judgement).current
        assert saved.number == 2 and saved.content["grade"] == grade
        assert saved.reason == f"{STEP2_REASON}: {statement}"
        assert saved.content["rationale"].endswith(statement)
    overall = SummativeJudgement.objects.get(
        assessment=ready, judgement=required["overall_effectiveness"]
    )
    assert overall.current.number == 1
    assert signatures(assessment=ready) == []
    assert len(signatures(assessment=ready, standing=False)) == 2
    # Step 2 of each area: the summary it had, and a new one for staying safe.
    for code in ("being_healthy", "staying_safe"):
        summary = AreaSummary.objects.get(assessment=ready, outcome__code=code)
        assert summary.current.content["moderation"] == statement
        assert summary.current.reason == STEP2_REASON
    assert Revision.objects.filter(subject="area_summary", reason=STEP2_REASON).count() == 2
    assert audit_history(target=ready).first().after["changes"] == outcome.changes


def _rationale(assessment, judgement, text: str) -> None:
    """Step 4 of `judgement` given the rationale `text` by the Lead."""
    saved = SummativeJudgement.objects.get(assessment=assessment, judgement=judgement).current
    steps.summative_save(
        assessment=assessment,
        judgement=judgement,
        actor=assessment.assignments.get(role=AssignmentRole.HMI).user,
        shown=saved.number,
        grade=saved.content["grade"],
        rationale=text,
        entries=saved.content["entries"],
        reason="The rationale as the inspectors wrote it",
    )


def _rationale_now(assessment, judgement) -> str:
    saved = SummativeJudgement.objects.get(assessment=assessment, judgement=judgement).current
    return saved.content["rationale"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Good: outcomes are improving.", "Adequate: outcomes are improving."),
        ("GOOD. Outcomes are improving.", "Adequate. Outcomes are improving."),
        ("good - outcomes are improving.", "Adequate - outcomes are improving."),
        # No grade's words at the start: kept as it is.
        ("Outcomes are good and improving.", "Outcomes are good and improving."),
        ("Goodwill: partners are committed.", "Goodwill: partners are committed."),
    ],
)
def test_a_changed_grades_rationale_no_longer_opens_with_the_old_grade_002_s_h(
    ready, moderator, before, after
):
    """002 §H: the day's changed grade goes into Step 4, and the rationale must stay true to
    it. Issue 20 (bug 8): after moderation changed a grade to 2, its rationale still began
    "Good:". The old grade's label or words opening the rationale become the new grade's."""
    healthy = next(j for j in required_judgements(ready) if j.code == "being_healthy")
    _rationale(ready, healthy, before)
    svc.moderation_outcome_record(
        actor=moderator,
        assessment=ready,
        decision="changed",
        reason="Benchmarked against similar councils",
        changes={healthy.pk: 2},
        today=DAY,
    )
    statement = (
        f"Moderation day {DAY_WORDS} (Group A): changed Being healthy from 3 to 2. Reason: "
        "Benchmarked against similar councils"
    )
    assert _rationale_now(ready, healthy) == f"{after}\n{statement}"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Good: schools improve.", "Adequate: schools improve."),
        # A grade's words, like for like, in the 2005 scale whose words differ from its labels.
        (
            "Consistently delivers above minimum requirements: schools improve.",
            "Delivers only minimum requirements: schools improve.",
        ),
        ("very good / excellent - schools improve.", "Adequate - schools improve."),
        ("Schools improve: good.", "Schools improve: good."),
    ],
)
def test_the_rationales_opening_grade_words_follow_the_2005_scale_002_s_h(framework, before, after):
    scale = framework.grade_scales.get(code="apa_2005")
    assert outcomes.rationale_for_new_grade(rationale=before, scale=scale, new_grade=2) == after


def test_a_new_rationale_the_day_gives_replaces_the_old_one_002_s_h(ready, moderator):
    """002 §H: when the day records a new rationale for a changed judgement, Step 4 takes it
    (with the day's statement after it), and the audit trail keeps it."""
    required = {j.code: j for j in required_judgements(ready)}
    healthy, safe = required["being_healthy"], required["staying_safe"]
    _rationale(ready, healthy, "Good: outcomes are improving.")
    svc.moderation_outcome_record(
        actor=moderator,
        assessment=ready,
        decision="changed",
        reason="Benchmarked against similar councils",
        changes={healthy.pk: 2},
        rationales={healthy.pk: "  Adequate: immunisation lags similar councils.  "},
        today=DAY,
    )
    rationale = _rationale_now(ready, healthy)
    assert rationale.startswith("Adequate: immunisation lags similar councils.\nModeration day")
    assert "Good" not in rationale
    assert _rationale_now(ready, safe) == "Rationale for Staying safe"  # not changed
    entry = audit_history(target=ready).first()
    assert entry.after["rationales"] == {
        healthy.urn: "Adequate: immunisation lags similar councils."
    }


def test_a_new_rationale_needs_a_new_grade_002_s_h(ready, moderator):
    required = {j.code: j for j in required_judgements(ready)}
    healthy, safe = required["being_healthy"], required["staying_safe"]
    error = refused(
        svc.moderation_outcome_record,
        actor=moderator,
        assessment=ready,
        decision="changed",
        reason="Benchmarked against similar councils",
        changes={healthy.pk: 2},
        rationales={safe.pk: "Adequate: late reviews."},
        today=DAY,
    )
    assert error.message_dict == {
        f"rationale_{safe.pk}": [outcomes.RATIONALE_UNCHANGED.format(title="Staying safe")]
    }
    assert not ModerationOutcome.objects.exists()


def test_the_day_is_held_when_its_last_council_has_its_outcome_002_s_h(
    ready, councils_assessed, choose, administrator, group_a, submit_form, moderator
):
    (second,) = councils_assessed(1)
    choose(second)
    svc.moderation_place(actor=administrator, assessment=second, group=group_a)
    submit_form(second)
    svc.moderation_outcome_record(
        actor=moderator, assessment=ready, decision="confirmed", reason="", today=DAY
    )
    day = ModerationDay.objects.get()
    assert day.held_at is None
    svc.moderation_outcome_record(
        actor=moderator, assessment=second, decision="confirmed", reason="", today=date(2007, 9, 13)
    )
    day.refresh_from_db()
    assert day.held_at is not None
    # A held day's groups no longer change.
    error = refused(svc.moderation_group_add, actor=administrator, day=day, name="Group E")
    assert error.messages == [planning.DAY_HELD]
    error = refused(svc.moderation_place, actor=administrator, assessment=second, group=None)
    assert error.messages == [planning.DAY_HELD]


# --- The workflow's guard (ecm/apa/services/__init__.py, 002 §H) ------------------------------


def _to_meeting(assessment, actor):
    for status in ("self_assessment", "analysis", "meeting"):
        apa_services.assessment_change_status(actor=actor, assessment=assessment, to=status)


def test_only_a_selected_council_goes_to_moderation_002_s_h(assessment, administrator):
    _to_meeting(assessment, administrator)
    error = refused(
        apa_services.assessment_change_status,
        actor=administrator,
        assessment=assessment,
        to=AssessmentStatus.MODERATION,
    )
    assert error.messages == [apa_services.NOT_MODERATED.format(council=assessment.council.name)]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.MEETING
    assert audit_history(target=assessment).first().after == {"status": "meeting"}


def test_an_unselected_council_goes_from_the_meeting_to_the_draft_letter_002_s_h(
    assessment, administrator
):
    _to_meeting(assessment, administrator)
    moved = apa_services.assessment_change_status(
        actor=administrator, assessment=assessment, to=AssessmentStatus.DRAFT_LETTER
    )
    assert moved.status == AssessmentStatus.DRAFT_LETTER


def test_an_unselected_council_does_not_go_back_to_moderation_either_002_s_h(
    assessment, administrator
):
    _to_meeting(assessment, administrator)
    apa_services.assessment_change_status(
        actor=administrator, assessment=assessment, to=AssessmentStatus.DRAFT_LETTER
    )
    error = refused(
        apa_services.assessment_change_status,
        actor=administrator,
        assessment=assessment,
        to=AssessmentStatus.MODERATION,
        reason="Reopened",
    )
    assert error.messages == [apa_services.NOT_MODERATED.format(council=assessment.council.name)]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT_LETTER


def test_a_selected_council_leaves_for_the_draft_letter_only_with_its_outcome_002_s_h(
    ready, administrator, moderator
):
    _to_meeting(ready, administrator)
    pending = apa_services.MODERATION_PENDING.format(council=ready.council.name)
    error = refused(
        apa_services.assessment_change_status,
        actor=administrator,
        assessment=ready,
        to=AssessmentStatus.DRAFT_LETTER,
    )
    assert error.messages == [pending]
    apa_services.assessment_change_status(
        actor=administrator, assessment=ready, to=AssessmentStatus.MODERATION
    )
    error = refused(
        apa_services.assessment_change_status,
        actor=administrator,
        assessment=ready,
        to=AssessmentStatus.DRAFT_LETTER,
    )
    assert error.messages == [pending]
    ready.refresh_from_db()
    assert ready.status == AssessmentStatus.MODERATION

    svc.moderation_outcome_record(
        actor=moderator, assessment=ready, decision="confirmed", reason="", today=DAY
    )
    moved = apa_services.assessment_change_status(
        actor=administrator, assessment=ready, to=AssessmentStatus.DRAFT_LETTER
    )
    assert moved.status == AssessmentStatus.DRAFT_LETTER
    assert audit_history(target=ready).first().after == {"status": "draft_letter"}
