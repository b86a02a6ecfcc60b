"""The JAR's timeline (issue 9 §1; 001 appendix "Provisional Timeline"; DOMAIN.md §4, §6).

Pure Python: the dates the programme fixes (notification, the set-up meeting, the first day
of the analysis stage, the first day of fieldwork) go in; every date of the review comes out
as a `Deadline` with its rule. Where 001 states a rule it is applied ("two weeks before the
set-up meeting", "10 working days to make written comments", "10 working days review
period"); where it shows only one area's dates, the gap of that example becomes the default
rule and says so, and the programme may set the date itself. The defaults give 001's example
dates exactly from its four fixed dates (test_rules), except where 001 gives no day ("shortly
before the set-up meeting", "Late Jan 2008"): those gaps are settings of ours
(config/settings.py), named as such in the step's rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from ecm.workdays.calendar import Deadline, add_working_days, on_or_before_working_day

COMMENT_DAYS = 10  # 001: "10 working days to make written comments"
REVIEW_DAYS = 10  # 001: "Pre publication report ... 10 working days review period"
CASES_BEFORE_SETUP = 10  # 001: "two weeks before the set-up meeting", two working weeks
# 001's example: the analysis stage "up to one week"; each fieldwork week five working days.
WEEK = 5
# 001's example: the youth service's self-assessment returned on 30 August 2007 for an analysis
# stage from 24 September, 25 days before it.
SELF_ASSESSMENT_DAYS_BEFORE_ANALYSIS = 25
# 001's example: headline feedback at the end of fieldwork week 2 (26 October 2007), the draft
# report sent on 28 November 2007, 23 working days later.
DRAFT_WORKING_DAYS_AFTER_FEEDBACK = 23

# Every step's code, in order, for the parts that read the timeline (what is due, reminders).
STEP_CODES = (
    "notified",
    "dataset_sent",
    "cases_due",
    "setup_meeting",
    "self_assessment_due",
    "analysis",
    "round_table",
    "fieldwork_programme_meeting",
    "fieldwork_1",
    "fieldwork_2",
    "headline_feedback",
    "draft_report",
    "comments_due",
    "draft_discussion",
    "prepublication",
    "review_request_by",
)


@dataclass(frozen=True)
class ReviewDates:
    notified_on: date
    setup_meeting: date
    analysis_starts: date
    fieldwork_starts: date
    # Optional dates the programme sets; None takes the rule's default.
    self_assessment_due: date | None = None
    draft_report_sent: date | None = None
    prepublication_sent: date | None = None


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    deadline: Deadline
    ends: date | None = None  # for the stages that last a week


def _week_end(start: date) -> date:
    return add_working_days(start, WEEK - 1)


def timeline(d: ReviewDates) -> list[Step]:
    """The review's steps in order, each with its date and rule."""
    steps: list[Step] = []

    def add(code, title, day, rule, source="001 appendix", ends=None) -> Deadline:
        deadline = Deadline(day, rule, source)
        steps.append(Step(code, title, deadline, ends))
        return deadline

    add("notified", "Council informed of the JAR; briefing pack received", d.notified_on,
        "the day of notification")  # fmt: skip
    dataset_days = settings.JAR_DATASET_BEFORE_SETUP_WORKING_DAYS
    add(
        "dataset_sent",
        "Dataset of available indicators sent to the council",
        add_working_days(d.setup_meeting, -dataset_days),
        f'"shortly before the set-up meeting": {dataset_days} working days before it '
        "(our setting: the briefing gives no day)",
    )
    add(
        "cases_due",
        "100 case files listed for the lead inspector",
        add_working_days(d.setup_meeting, -CASES_BEFORE_SETUP),
        "two weeks (10 working days) before the set-up meeting",
    )
    add("setup_meeting", "Set-up meeting", d.setup_meeting, "set by the programme")
    sa = d.self_assessment_due or on_or_before_working_day(
        d.analysis_starts - timedelta(days=SELF_ASSESSMENT_DAYS_BEFORE_ANALYSIS)
    )
    add(
        "self_assessment_due",
        "Self-assessment update returned (youth service and corporate assessment)",
        sa,
        "set by the programme"
        if d.self_assessment_due
        else f"{SELF_ASSESSMENT_DAYS_BEFORE_ANALYSIS} days before the analysis stage, as in "
        "the example (30 August before 24 September 2007)",
    )
    analysis_ends = _week_end(d.analysis_starts)
    add(
        "analysis",
        "Analysis stage (up to one week), on site",
        d.analysis_starts,
        "set by the programme: up to one week",
        ends=analysis_ends,
    )
    add(
        "round_table",
        "Meeting at the end of the analysis stage: the JAR lead inspector attends the corporate "
        "assessment's round table meeting with the council and its partners to agree the focus "
        "of fieldwork",
        analysis_ends,
        "the last day of the analysis stage",
    )
    add(
        "fieldwork_programme_meeting",
        "Followed by: meeting with the director of children's services to confirm the "
        "programme for fieldwork",
        analysis_ends,
        "the last day of the analysis stage, after the round table meeting",
    )
    add(
        "fieldwork_1",
        "Fieldwork week 1",
        d.fieldwork_starts,
        "set by the programme",
        ends=_week_end(d.fieldwork_starts),
    )
    second = add_working_days(d.fieldwork_starts, WEEK)
    add("fieldwork_2", "Fieldwork week 2", second, "the week after fieldwork week 1",
        ends=_week_end(second))  # fmt: skip
    feedback = add(
        "headline_feedback",
        "Headline feedback to the director of children's services and partners",
        _week_end(second),
        "the last day of fieldwork week 2",
    ).date
    draft = d.draft_report_sent or add_working_days(feedback, DRAFT_WORKING_DAYS_AFTER_FEEDBACK)
    add(
        "draft_report",
        "Draft report sent to the director and the chief executive",
        draft,
        "set by the programme"
        if d.draft_report_sent
        else f"{DRAFT_WORKING_DAYS_AFTER_FEEDBACK} working days after the headline feedback, as "
        "in the example (26 October to 28 November 2007)",
    )
    add(
        "comments_due",
        "Written comments on the draft report",
        add_working_days(draft, COMMENT_DAYS),
        "10 working days from the draft report",
        "001 appendix; 003",
    )
    add(
        "draft_discussion",
        "Draft report discussion with the director, officers and partners",
        add_working_days(draft, WEEK),
        "one working week after the draft report, as in 001's example",
    )
    weeks = settings.JAR_PREPUBLICATION_WEEKS_AFTER_DRAFT
    prepub = d.prepublication_sent or on_or_before_working_day(draft + timedelta(weeks=weeks))
    add(
        "prepublication",
        "Pre-publication report sent to the chief executive",
        prepub,
        "set by the programme"
        if d.prepublication_sent
        else f'{weeks} weeks after the draft report: the example says only "Late Jan 2008" '
        "(our setting)",
    )
    add(
        "review_request_by",
        "Last date to request a review of the report",
        add_working_days(prepub, REVIEW_DAYS),
        "10 working days review period from the pre-publication report",
    )
    return steps


def review_timeline(review) -> list[Step]:
    """The review's steps with their dates and rules, from the dates the programme set."""
    return timeline(
        ReviewDates(
            notified_on=review.notified_on,
            setup_meeting=review.setup_meeting,
            analysis_starts=review.analysis_starts,
            fieldwork_starts=review.fieldwork_starts,
            self_assessment_due=review.self_assessment_due,
            draft_report_sent=review.draft_report_sent,
            prepublication_sent=review.prepublication_sent,
        )
    )


def step_of(review, code: str) -> Step:
    return next(s for s in review_timeline(review) if s.code == code)
