"""What is due on a joint area review, for the programme's "what is due" and calendars
(issue 8 §4-§5 applied to issue 9): each task's rule reads the review's state; its deadline is
a step of the review's timeline (ecm.jar.timeline, 001 appendix).

Pure: `tasks_for` takes a `ReviewState` and the person's parts; `ecm.jar.selectors` reads the
state from the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TEAM, LEAD, COUNCIL = "team", "lead", "council"


@dataclass(frozen=True)
class ReviewState:
    listed: int  # case files the council has listed
    tracked: int  # cases drawn to track
    youth_submitted: bool  # the youth service's self-assessment
    stage: str  # the report's stage (ecm.jar.report.workflow)
    no_review: bool  # the council said it will not request a review


@dataclass(frozen=True)
class ReviewTask:
    code: str
    title: str
    parts: frozenset[str]
    step: str  # the timeline step whose date is the deadline
    applies: Callable[[ReviewState], bool]
    url_name: str  # takes the review's pk
    source: str


TASKS: tuple[ReviewTask, ...] = (
    ReviewTask(
        "cases_list",
        "List the 100 case files",
        frozenset({COUNCIL}),
        "cases_due",
        lambda s: s.listed < 100,
        "jar:cases-list",
        "001 appendix",
    ),
    ReviewTask(
        "cases_draw",
        "Draw the 10 cases to track",
        frozenset({LEAD}),
        "setup_meeting",
        lambda s: s.listed == 100 and not s.tracked,
        "jar:review",
        "001 'Case tracking'",
    ),
    ReviewTask(
        "youth_self_assessment",
        "Submit the youth service's self-assessment",
        frozenset({COUNCIL}),
        "self_assessment_due",
        lambda s: not s.youth_submitted,
        "jar:youth-self-assessment",
        "001 'Enhanced Youth Inspection'",
    ),
    ReviewTask(
        "draft_send",
        "Send the draft report",
        frozenset({LEAD}),
        "draft_report",
        lambda s: s.stage == "drafting",
        "jar:report",
        "001 appendix",
    ),
    ReviewTask(
        "draft_comment",
        "Send written comments on the draft report",
        frozenset({COUNCIL}),
        "comments_due",
        lambda s: s.stage == "draft_sent",
        "jar:report",
        "001 appendix: 10 working days",
    ),
    ReviewTask(
        "prepublication_send",
        "Send the pre-publication report",
        frozenset({LEAD}),
        "prepublication",
        lambda s: s.stage in ("draft_sent", "discussion"),
        "jar:report",
        "001 appendix",
    ),
    ReviewTask(
        "review_decide",
        "Request a review of the report, or say the council will not",
        frozenset({COUNCIL}),
        "review_request_by",
        lambda s: s.stage == "prepublication" and not s.no_review,
        "jar:report",
        "001 appendix: 10 working days review period",
    ),
)


def tasks_for(state: ReviewState, parts: set[str]) -> list[ReviewTask]:
    return [t for t in TASKS if t.parts & parts and t.applies(state)]
