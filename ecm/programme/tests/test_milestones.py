"""The dates the APA process sets, each from its rule (issue 8 §3; 002 §A, §H, §I; DOMAIN.md
§3, §6), around England's bank holidays at Christmas, Easter and in August. Pure: no database."""

from datetime import date

import pytest

from ecm.apa.key_dates import round_key_dates
from ecm.programme.milestones import (
    AssessmentFacts,
    RoundDates,
    draft_letter_deadline,
    meeting_deadline,
    milestones,
    next_milestone,
)
from ecm.workdays.calendar import Deadline


def round_of(year: int = 2007) -> RoundDates:
    return RoundDates(**{k: d.date for k, d in round_key_dates(year).items()})


def by_code(facts: AssessmentFacts) -> dict:
    return {m.code: m for m in milestones(facts)}


@pytest.mark.parametrize(
    ("meeting", "draft"),
    [
        (date(2007, 7, 27), date(2007, 8, 31)),  # five weeks on, a Friday
        (date(2007, 7, 23), date(2007, 8, 24)),  # 27 August 2007 is the summer bank holiday
        (date(2007, 11, 20), date(2007, 12, 24)),  # 25 December: back to Christmas Eve
        (date(2008, 2, 15), date(2008, 3, 20)),  # 21 March 2008 is Good Friday
        (date(2008, 2, 18), date(2008, 3, 20)),  # Easter Monday 24 March, then the weekend
    ],
    ids=["plain", "august-bank-holiday", "christmas", "good-friday", "easter-monday"],
)
def test_draft_letter_is_about_five_weeks_after_the_meeting_on_a_working_day_002_A(meeting, draft):
    """002 §A: the draft letter goes "within approximately five weeks of the meeting"."""
    found = draft_letter_deadline(Deadline(meeting, "the meeting"))
    assert found.date == draft
    assert "five weeks after the meeting" in found.rule and found.source == "002 §A"


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        (date(2007, 8, 24), date(2007, 9, 3)),  # across the August bank holiday
        (date(2007, 12, 20), date(2007, 12, 31)),  # Christmas Day and Boxing Day skipped
        (date(2008, 3, 20), date(2008, 3, 31)),  # Good Friday and Easter Monday skipped
        (date(2007, 10, 1), date(2007, 10, 8)),
    ],
    ids=["august", "christmas", "easter", "plain"],
)
def test_factual_accuracy_is_five_working_days_from_sending_002_A_I(sent, due):
    """002 §A, §I stage 2: "Five working days are allowed" for the council's comments."""
    facts = AssessmentFacts(round=round_of(), sent_to_council=sent, letter_stage="with_council")
    fa = by_code(facts)["factual_accuracy"]
    assert fa.date == due
    assert "5 working days from sending" in fa.deadline.rule


def test_the_deadline_recorded_when_sent_is_the_one_shown(monkeypatch):
    """The letter keeps the deadline it told the council; the checklist shows that one."""
    facts = AssessmentFacts(
        round=round_of(), sent_to_council=date(2007, 8, 24), council_deadline=date(2007, 9, 4)
    )
    assert by_code(facts)["factual_accuracy"].date == date(2007, 9, 4)


def test_a_changed_meeting_date_moves_the_draft_letter_and_the_factual_accuracy_issue_8_3():
    """Issue 8 §3: "A changed date recomputes what depends on it"."""
    first = by_code(AssessmentFacts(round=round_of(), planned_meeting=date(2007, 7, 10)))
    moved = by_code(AssessmentFacts(round=round_of(), planned_meeting=date(2007, 7, 17)))
    assert first["meeting"].date == date(2007, 7, 10)
    assert moved["meeting"].date == date(2007, 7, 17)
    assert first["draft_to_council"].date == date(2007, 8, 14)
    assert moved["draft_to_council"].date == date(2007, 8, 21)
    assert first["factual_accuracy"].date == date(2007, 8, 21)
    assert moved["factual_accuracy"].date == date(2007, 8, 29)  # 27 August is a bank holiday


def test_an_agreed_date_replaces_the_indicative_one_and_what_follows_moves_002_I():
    """002 §I: teams "negotiate and agree the dates"; the rule shows the indicative one."""
    facts = AssessmentFacts(
        round=round_of(),
        planned_meeting=date(2007, 7, 10),
        agreed={"draft_to_council": date(2007, 8, 28)},
    )
    found = by_code(facts)
    assert found["draft_to_council"].date == date(2007, 8, 28)
    assert found["draft_to_council"].agreed
    assert "agreed with the council (indicative: 14 August 2007" in (
        found["draft_to_council"].deadline.rule
    )
    assert found["factual_accuracy"].date == date(2007, 9, 4)


@pytest.mark.parametrize(
    ("facts", "day", "rule"),
    [
        ({}, date(2007, 7, 31), "by the end of July"),
        ({"planned_meeting": date(2007, 7, 3)}, date(2007, 7, 3), "round's plan"),
        (
            {"planned_meeting": date(2007, 7, 3), "meeting_date": date(2007, 7, 5)},
            date(2007, 7, 5),
            "Lead proposed",
        ),
        (
            {"meeting_date": date(2007, 7, 5), "meeting_agreed": True},
            date(2007, 7, 5),
            "agreed with the council",
        ),
        (
            {"meeting_date": date(2007, 7, 5), "meeting_held": date(2007, 7, 6)},
            date(2007, 7, 6),
            "was held",
        ),
    ],
    ids=["round", "plan", "proposed", "agreed", "held"],
)
def test_the_meeting_date_comes_from_the_best_source_002_A_G(facts, day, rule):
    found = meeting_deadline(AssessmentFacts(round=round_of(), **facts))
    assert found.date == day and rule in found.rule


def test_round_dates_are_the_rules_of_002_A_and_J():
    """Self-assessment by the last working day of May, analysis in June and July, meeting by
    the end of July, final letter the end of October, representations 1 and 7 November and
    the end of November."""
    found = by_code(AssessmentFacts(round=round_of(2007)))
    assert found["self_assessment"].date == date(2007, 5, 31)
    assert found["analysis_starts"].date == date(2007, 6, 1)
    assert found["analysis_ends"].date == date(2007, 7, 31)
    assert found["final_letter"].date == date(2007, 10, 31)
    assert found["representation_intention"].date == date(2007, 11, 1)
    assert found["representation_submission"].date == date(2007, 11, 7)
    assert found["representation_outcomes"].date == date(2007, 11, 30)
    for m in found.values():
        assert m.deadline.rule and m.deadline.source, m


def test_a_blocks_window_replaces_the_rounds_002_B():
    facts = AssessmentFacts(
        round=round_of(),
        block_number=2,
        block_analysis_starts=date(2007, 6, 11),
        block_analysis_ends=date(2007, 7, 6),
    )
    found = by_code(facts)
    assert found["analysis_starts"].date == date(2007, 6, 11)
    assert found["analysis_ends"].date == date(2007, 7, 6)
    assert "block 2's analysis window" in found["analysis_ends"].deadline.rule


def test_the_moderation_form_is_due_at_the_end_of_the_analysis_stage_002_H():
    """002 §H: "For all authorities subject to moderation a form (see Appendix A) should be
    completed at the end of the analysis stage and submitted with the summary sheets (Step 2 -
    4)": due when the analysis window closes (or on the date agreed for it), whether the
    moderation day is placed yet or comes weeks later (issue 23 §2)."""
    facts = AssessmentFacts(
        round=round_of(2007),
        block_number=2,
        block_analysis_starts=date(2007, 6, 11),
        block_analysis_ends=date(2007, 7, 6),
        moderation_selected=True,
        moderation_day=date(2007, 9, 12),
    )
    found = by_code(facts)
    assert found["moderation"].date == date(2007, 9, 12)
    assert found["moderation_form"].date == date(2007, 7, 6)
    assert found["moderation_form"].deadline.rule.startswith("at the end of the analysis stage")
    unplaced = by_code(
        AssessmentFacts(
            round=round_of(2007),
            block_analysis_ends=date(2007, 7, 6),
            moderation_selected=True,
        )
    )
    assert unplaced["moderation_form"].date == date(2007, 7, 6)
    agreed = by_code(
        AssessmentFacts(
            round=round_of(2007),
            block_analysis_ends=date(2007, 7, 6),
            moderation_selected=True,
            agreed={"analysis_ends": date(2007, 7, 13)},
        )
    )
    assert agreed["moderation_form"].date == date(2007, 7, 13)


def test_a_moderation_day_before_analysis_ends_has_its_form_the_working_day_before_002_H():
    """002 §H: the form is submitted "in advance" of the day; a day after Easter has its form
    due before the Easter weekend."""
    facts = AssessmentFacts(
        round=round_of(2008), moderation_selected=True, moderation_day=date(2008, 3, 25)
    )
    found = by_code(facts)
    assert found["moderation"].date == date(2008, 3, 25)
    assert found["moderation_form"].date == date(2008, 3, 20)
    unselected = by_code(AssessmentFacts(round=round_of(2008)))
    assert "moderation" not in unselected and "moderation_form" not in unselected


@pytest.mark.parametrize(
    ("status", "extra", "code"),
    [
        ("self_assessment", {}, "self_assessment"),
        ("analysis", {}, "analysis_ends"),
        ("meeting", {}, "meeting"),
        ("moderation", {"moderation_selected": True}, "moderation"),
        ("draft_letter", {}, "draft_to_council"),
        ("factual_accuracy", {"letter_stage": "with_council"}, "factual_accuracy"),
        ("factual_accuracy", {"letter_stage": "council_commented"}, "final_letter"),
        ("final_letter", {}, "final_letter"),
        ("representation", {}, "representation_outcomes"),
        ("published", {}, None),
        ("closed", {}, None),
    ],
)
def test_the_dashboard_reads_the_deadline_each_stage_works_towards(status, extra, code):
    facts = AssessmentFacts(round=round_of(), status=status, **extra)
    found = next_milestone(facts, milestones(facts))
    assert (found.code if found else None) == code


def test_work_is_done_once_its_event_happened():
    facts = AssessmentFacts(
        round=round_of(),
        status="draft_letter",
        self_assessment_submitted=date(2007, 5, 30),
        meeting_held=date(2007, 7, 10),
    )
    found = by_code(facts)
    assert found["self_assessment"].done and found["self_assessment"].done_on == date(2007, 5, 30)
    assert found["analysis_ends"].done and found["meeting"].done
    assert not found["draft_to_council"].done
