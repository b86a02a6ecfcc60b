"""Every date the APA process sets for one council, computed from its rule (issue 8 §3;
002 §A timeline, §B item 4, §H, §I; DOMAIN.md §3, §6).

Pure Python with no Django import: the facts of an assessment go in, its milestones come out,
each a `Deadline` that carries the rule and the source that produced it. Nothing derived is
stored, so a changed date (the block's window, the planned meeting, an agreed date, the day
the draft was really sent) recomputes everything that depends on it the next time it is read.

Dates the inspectors may agree with the council (002 §I: "APA teams will need to negotiate and
agree the dates ... the final date in the writing window should be treated as the date on
which the whole letter writing process is complete") override the indicative date; the rule is
then "agreed", and what depends on it follows the agreed date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ecm.apa.cycles import DEFAULT_CYCLE, cycle_of
from ecm.workdays.calendar import (
    Deadline,
    add_working_days,
    on_or_before_working_day,
)

# 002 §A: "A draft letter ... will be sent to the council within approximately five weeks of
# the meeting"; five weeks of the calendar, moved back to a working day.
DRAFT_LETTER_WEEKS = 5
# 002 §A, §I stage 2: "Five working days are allowed" for the council's factual accuracy check.
FACTUAL_ACCURACY_DAYS = 5
# 002 §H: the Moderation Form is completed "at the end of the analysis stage" and submitted
# "in advance" of the day; only a day placed before analysis ends falls back to one working
# day before it.
MODERATION_FORM_DAYS_BEFORE = 1


@dataclass(frozen=True)
class MilestoneRule:
    code: str
    title: str
    # Whether the inspectors may agree another date with the council (002 §I).
    agreeable: bool = False


RULES: tuple[MilestoneRule, ...] = (
    MilestoneRule("self_assessment", "Self-assessment submitted"),
    MilestoneRule("analysis_starts", "Analysis starts (day 1)", agreeable=True),
    MilestoneRule("analysis_ends", "Analysis completed (days 2 and 3)", agreeable=True),
    MilestoneRule("meeting", "The APA meeting"),
    MilestoneRule("moderation_form", "Moderation Form and Steps 2-4 submitted"),
    MilestoneRule("moderation", "Moderation day"),
    MilestoneRule("draft_to_council", "Draft letter sent to the council", agreeable=True),
    MilestoneRule("factual_accuracy", "The council's factual accuracy comments"),
    MilestoneRule("final_letter", "Final letter"),
    MilestoneRule("representation_intention", "Intention to make a representation"),
    MilestoneRule("representation_submission", "Representation submitted"),
    MilestoneRule("representation_outcomes", "Outcomes of representations"),
)
RULES_BY_CODE = {r.code: r for r in RULES}
AGREEABLE = frozenset(r.code for r in RULES if r.agreeable)


@dataclass(frozen=True)
class RoundDates:
    """The round's key dates (ecm.apa.key_dates), as the administrator last set them."""

    self_assessment_due: date
    analysis_starts: date
    analysis_ends: date
    meeting_by: date
    final_letter_by: date
    representation_intention_by: date
    representation_submission_by: date
    representation_outcomes_by: date
    # The round's cycle (ecm.apa.cycles; issue 23 §1): its rules and words name the dates.
    cycle: str = DEFAULT_CYCLE
    meeting_from: date | None = None


@dataclass(frozen=True)
class AssessmentFacts:
    """What has happened and what is planned for one council's assessment."""

    round: RoundDates
    status: str = "setting_up"
    block_number: int | None = None
    block_analysis_starts: date | None = None
    block_analysis_ends: date | None = None
    planned_meeting: date | None = None
    meeting_date: date | None = None  # the Lead's proposed date in the meeting app
    meeting_agreed: bool = False
    meeting_held: date | None = None
    self_assessment_submitted: date | None = None
    moderation_selected: bool = False
    moderation_day: date | None = None
    moderation_form_submitted: date | None = None
    moderation_outcome: date | None = None
    letter_stage: str | None = None
    sent_to_council: date | None = None
    council_deadline: date | None = None  # as the letter recorded it when sent
    published: date | None = None
    agreed: dict[str, date] = field(default_factory=dict)
    # The user ids of the readers whose Moderation Form 2 answer stands on the current draft.
    readers_answered: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Milestone:
    code: str
    title: str
    deadline: Deadline
    done_on: date | None = None
    agreed: bool = False
    done: bool = False

    @property
    def date(self) -> date:
        return self.deadline.date


def _agreed(facts: AssessmentFacts, code: str, indicative: Deadline) -> tuple[Deadline, bool]:
    day = facts.agreed.get(code)
    if day is None:
        return indicative, False
    return (
        Deadline(day, f"agreed with the council (indicative: {indicative})", "002 §I"),
        True,
    )


def meeting_deadline(facts: AssessmentFacts) -> Deadline:
    """The meeting's date: held, else agreed by the council, else the Lead's proposal, else
    the programme's planned date, else the round's "by the end of July" (in the 2007 cycle,
    the single conversation's, read the same way: ecm.programme.selectors.facts)."""
    by = facts.round.meeting_by
    cycle = cycle_of(facts.round.cycle)
    if cycle.has_single_conversation:
        return _conversation_deadline(facts, cycle)
    if facts.meeting_held:
        return Deadline(facts.meeting_held, "the day the meeting was held", "002 §G")
    if facts.meeting_date and facts.meeting_agreed:
        return Deadline(facts.meeting_date, "the date agreed with the council", "002 §A, §G")
    if facts.meeting_date:
        return Deadline(facts.meeting_date, "the date the Lead proposed", "002 §A, §G")
    if facts.planned_meeting:
        return Deadline(facts.planned_meeting, "the date in the round's plan", "002 §B 1")
    return Deadline(by, "by the end of July: the APA meeting is held by then", "002 §A")


def _conversation_deadline(facts: AssessmentFacts, cycle) -> Deadline:
    source = cycle.discussion["source"]
    if facts.meeting_held:
        return Deadline(facts.meeting_held, "the day the single conversation was held", source)
    if facts.meeting_date and facts.meeting_agreed:
        return Deadline(facts.meeting_date, "the date agreed with the council", source)
    if facts.meeting_date:
        return Deadline(facts.meeting_date, "the date the Lead proposed", source)
    if facts.planned_meeting:
        return Deadline(facts.planned_meeting, "the date in the round's plan", source)
    rule = f"by the {cycle.discussion['by'].described()}: {cycle.discussion['rule']}"
    return Deadline(facts.round.meeting_by, rule, source)


def draft_letter_deadline(meeting: Deadline) -> Deadline:
    day = on_or_before_working_day(meeting.date + timedelta(weeks=DRAFT_LETTER_WEEKS))
    return Deadline(
        day,
        f"about five weeks after the meeting ({meeting.date:%-d %B %Y})",
        "002 §A",
    )


def milestones(facts: AssessmentFacts) -> list[Milestone]:
    """The council's milestones in order, each with its date, its rule and whether done."""
    r = facts.round
    cycle = cycle_of(r.cycle)
    out: list[Milestone] = []

    def add(code, deadline: Deadline, done_on=None, agreed=False, done=False) -> None:
        title = cycle.milestone_titles.get(code) or RULES_BY_CODE[code].title
        out.append(Milestone(code, title, deadline, done_on, agreed, done or bool(done_on)))

    handbook = not cycle.milestone_titles  # the handbook's own words, kept as they were
    submission, analysis = cycle.submission, cycle.analysis
    add(
        "self_assessment",
        Deadline(
            r.self_assessment_due,
            "last working day of May" if handbook else submission["rule"],
            "000 §15; 002 §A" if handbook else submission["source"],
        ),
        facts.self_assessment_submitted,
    )
    block = f"block {facts.block_number}'s" if facts.block_number else "the round's"
    window = "analysis in June and July" if handbook else analysis["rule"]
    starts = Deadline(
        facts.block_analysis_starts or r.analysis_starts,
        f"{block} {analysis['title'].lower()} window opens: {window}",
        "002 §A, §B" if handbook else analysis["source"],
    )
    ends = Deadline(
        facts.block_analysis_ends or r.analysis_ends,
        f"{block} {analysis['title'].lower()} window closes: {window}",
        "002 §A, §D" if handbook else analysis["source"],
    )
    # The analysis has no recorded day of completion: it is done once the assessment moved on.
    past_analysis = facts.status not in ("setting_up", "self_assessment", "analysis")
    for code, indicative in (("analysis_starts", starts), ("analysis_ends", ends)):
        deadline, agreed = _agreed(facts, code, indicative)
        add(code, deadline, None, agreed, done=past_analysis)
    meeting = meeting_deadline(facts)
    add("meeting", meeting, facts.meeting_held)
    if facts.moderation_selected:
        # 002 §H: the form "should be completed at the end of the analysis stage and submitted
        # with the summary sheets (Step 2 - 4)", whether or not the day is placed yet.
        analysis_end = next(m for m in out if m.code == "analysis_ends").deadline
        form_due = Deadline(
            analysis_end.date,
            f"at the end of the analysis stage ({analysis_end.rule})",
            "002 §H, Appendix A",
        )
        if facts.moderation_day:
            day = Deadline(facts.moderation_day, "the moderation day it is placed on", "002 §H")
            if facts.moderation_day <= analysis_end.date:
                # A day placed before analysis ends still needs the form "in advance" (002 §H).
                form_due = Deadline(
                    add_working_days(facts.moderation_day, -MODERATION_FORM_DAYS_BEFORE),
                    "the working day before the moderation day: submitted in advance",
                    "002 §H, Appendix A",
                )
        else:
            day = Deadline(r.final_letter_by, "not yet placed on a moderation day", "002 §H")
        add("moderation_form", form_due, facts.moderation_form_submitted)
        add("moderation", day, facts.moderation_outcome)
    draft, agreed = _agreed(facts, "draft_to_council", draft_letter_deadline(meeting))
    add("draft_to_council", draft, facts.sent_to_council, agreed)
    if facts.sent_to_council:
        fa = Deadline(
            facts.council_deadline
            or add_working_days(facts.sent_to_council, FACTUAL_ACCURACY_DAYS),
            f"5 working days from sending on {facts.sent_to_council:%-d %B %Y}",
            "002 §A, §I",
        )
    else:
        fa = Deadline(
            add_working_days(draft.date, FACTUAL_ACCURACY_DAYS),
            "5 working days from the draft letter's date",
            "002 §A, §I",
        )
    commented = facts.letter_stage in (
        "council_commented",
        "responses_given",
        "final",
        "published",
    )
    add("factual_accuracy", fa, done=commented)
    if handbook:
        final = Deadline(r.final_letter_by, "last working day of October", "002 §A, §J")
        intention = Deadline(r.representation_intention_by, "1 November", "002 §J")
        submitted = Deadline(r.representation_submission_by, "7 November", "002 §J")
        outcomes = Deadline(r.representation_outcomes_by, "by the end of November", "002 §A, §J")
    else:
        f, rep = cycle.final_letter, cycle.representation
        final = Deadline(r.final_letter_by, f["rule"], f["source"])
        intention = Deadline(r.representation_intention_by, rep["intention_rule"], rep["source"])
        submitted = Deadline(r.representation_submission_by, rep["submission_rule"], rep["source"])
        outcomes = Deadline(r.representation_outcomes_by, rep["outcomes_rule"], rep["source"])
    add("final_letter", final, facts.published)
    add("representation_intention", intention)
    add("representation_submission", submitted)
    add("representation_outcomes", outcomes)
    return out


# The milestone an assessment is working towards at each status (the round dashboard).
NEXT_BY_STATUS = {
    "setting_up": "self_assessment",
    "self_assessment": "self_assessment",
    "analysis": "analysis_ends",
    "meeting": "meeting",
    "moderation": "moderation",
    "draft_letter": "draft_to_council",
    "factual_accuracy": "factual_accuracy",
    "final_letter": "final_letter",
    "representation": "representation_outcomes",
}


def next_milestone(facts: AssessmentFacts, found: list[Milestone]) -> Milestone | None:
    """The milestone the assessment works towards now, or None once published or closed.
    In the factual accuracy stage, once the council's comments are closed the next is the
    final letter."""
    code = NEXT_BY_STATUS.get(facts.status)
    if code == "factual_accuracy" and facts.letter_stage not in (None, "with_council"):
        code = "final_letter"
    if code == "moderation" and not facts.moderation_selected:
        code = "draft_to_council"
    return next((m for m in found if m.code == code), None)
