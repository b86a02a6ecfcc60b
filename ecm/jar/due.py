"""What is due on a joint area review, for the programme's "what is due", calendars and
reminders (issue 8 §4-§5 applied to issue 9; issue 24 §3): each task's rule reads the review's
state; its deadline is a step of the review's timeline (ecm.jar.timeline, 001 appendix).

The council's tasks (001 appendix, "Information to be returned by council"; 001 "Voluntary
sector stakeholder survey", "Documents Evidence", "Enhanced Youth Inspection"; 003 on the
action plan) are done when the review's records say so. The team's are the review's own
events (the set-up meeting, the analysis stage and the meetings at its end, the two fieldwork
weeks, the headline feedback): nothing records them as done, so each is listed until its last
day has passed.

Pure: `tasks_for` takes a `ReviewState`, the person's parts and the review's steps;
`ecm.programme.selectors.reviews` reads the state from the database."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from ecm.workdays.calendar import Deadline, add_working_days

TEAM, LEAD, COUNCIL = "team", "lead", "council"

# Steps whose date may not be a step of the timeline but is found here (`deadline_of`): the
# meetings at the end of the analysis stage, and the action plan after publication.
END_OF_ANALYSIS = frozenset({"round_table", "fieldwork_programme_meeting"})
ACTION_PLAN = "action_plan"
QUESTIONNAIRES = "questionnaires_due"


@dataclass(frozen=True)
class ReviewState:
    listed: int  # case files the council has listed
    tracked: int  # cases drawn to track
    youth_submitted: bool  # the youth service's self-assessment
    stage: str  # the report's stage (ecm.jar.report.workflow)
    no_review: bool  # the council said it will not request a review
    # Read when known; None leaves the task that depends on it out.
    today: date | None = None
    partners: int | None = None  # voluntary and community sector partners listed
    documents_missing: int | None = None  # requested documents neither received nor not held
    published_on: date | None = None  # the report's publication
    action_plan_sent: bool = False
    action_plan_working_days: int | None = None  # config.settings.JAR_ACTION_PLAN_WORKING_DAYS
    # The earliest date an agency questionnaire on a tracked case is due and not yet returned.
    questionnaires_due: date | None = None


@dataclass(frozen=True)
class ReviewTask:
    code: str
    title: str
    parts: frozenset[str]
    step: str  # the timeline step whose date is the deadline
    applies: Callable[[ReviewState], bool]
    url_name: str  # takes the review's pk
    source: str
    # An event of the review rather than a piece of work that is recorded as done: listed
    # until the step's last day has passed.
    event: bool = False


def _before_report(s: ReviewState) -> bool:
    return s.stage == "drafting"


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
        "voluntary_partners",
        "List the voluntary and community sector partners in order of significance",
        frozenset({COUNCIL}),
        "cases_due",
        lambda s: s.partners == 0 and _before_report(s),
        "jar:partners",
        "001 appendix; 001 'Voluntary sector stakeholder survey'",
    ),
    ReviewTask(
        "dataset_send",
        "Send the council the dataset of available indicators",
        frozenset({LEAD}),
        "dataset_sent",
        _before_report,
        "jar:review",
        "001 appendix",
        event=True,
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
        "setup_meeting",
        "Hold the set-up meeting: brief senior officers and partners on the review",
        frozenset({LEAD}),
        "setup_meeting",
        _before_report,
        "jar:review",
        "001 appendix",
        event=True,
    ),
    ReviewTask(
        "questionnaires_return",
        "Make sure the agency questionnaires on the tracked cases are completed and returned",
        frozenset({COUNCIL}),
        QUESTIONNAIRES,
        lambda s: s.questionnaires_due is not None,
        "jar:review",
        "001 'Case tracking': the lead professional and at least three other agencies, "
        "within three weeks",
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
        "documents_send",
        "Send the documents the inspectors asked for",
        frozenset({COUNCIL}),
        "analysis",
        lambda s: bool(s.documents_missing) and _before_report(s),
        "jar:documents",
        "001 appendix: case files and documents ready for the analysis stage; "
        "001 'Documents Evidence'",
    ),
    ReviewTask(
        "analysis_stage",
        "Be on site for the analysis stage (up to one week)",
        frozenset({TEAM}),
        "analysis",
        _before_report,
        "jar:review",
        "001 appendix",
        event=True,
    ),
    ReviewTask(
        "round_table",
        "Attend the round table meeting with the council and its partners to agree the focus "
        "of fieldwork",
        frozenset({LEAD}),
        "round_table",
        _before_report,
        "jar:review",
        "001 appendix: meetings at end of analysis stage",
        event=True,
    ),
    ReviewTask(
        "fieldwork_programme",
        "Confirm the programme for fieldwork with the director of children's services",
        frozenset({LEAD}),
        "fieldwork_programme_meeting",
        _before_report,
        "jar:review",
        "001 appendix: meetings at end of analysis stage",
        event=True,
    ),
    ReviewTask(
        "fieldwork_1",
        "Fieldwork week 1: gather evidence in local neighbourhoods",
        frozenset({TEAM}),
        "fieldwork_1",
        _before_report,
        "jar:review",
        "001 appendix",
        event=True,
    ),
    ReviewTask(
        "fieldwork_2",
        "Fieldwork week 2: joint meetings and following up lines of enquiry",
        frozenset({TEAM}),
        "fieldwork_2",
        _before_report,
        "jar:review",
        "001 appendix; 001 'Enhanced Youth Inspection'",
        event=True,
    ),
    ReviewTask(
        "headline_feedback",
        "Give the headline feedback on key issues to the director and partners",
        frozenset({LEAD}),
        "headline_feedback",
        _before_report,
        "jar:review",
        "001 appendix",
        event=True,
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
    ReviewTask(
        "action_plan",
        "Write the action plan with your partners and send it",
        frozenset({COUNCIL}),
        ACTION_PLAN,
        lambda s: (
            s.published_on is not None
            and not s.action_plan_sent
            and s.action_plan_working_days is not None
        ),
        "jar:action-plan",
        "003",
    ),
)
TASKS_BY_CODE = {t.code: t for t in TASKS}
# The steps every timeline has had since issue 9, which callers without the steps may name.
_TIMELINE_STEPS = frozenset(
    {"cases_due", "setup_meeting", "self_assessment_due", "analysis", "draft_report"}
    | {"comments_due", "prepublication", "review_request_by"}
)


def action_plan_deadline(published_on: date, working_days: int) -> Deadline:
    """003: "the local authority is required to consult its partners and write an action
    plan"; 003 gives no period, so the number of working days is a setting of ours."""
    return Deadline(
        add_working_days(published_on, working_days),
        f"{working_days} working days from the report's publication on "
        f"{published_on:%-d %B %Y} (our setting: 003 gives no period)",
        "003",
    )


def deadline_of(task: ReviewTask, steps: Mapping, state: ReviewState) -> Deadline | None:
    """The task's deadline: its step's, or for the two it computes, from the analysis stage's
    last day (001 appendix: "Meetings at end of Analysis stage", 28 Sept 2007, the Friday of
    the analysis week of 24 to 28 Sept) and the report's publication (003)."""
    if task.step in steps:
        return steps[task.step].deadline
    if task.step in END_OF_ANALYSIS and "analysis" in steps:
        analysis = steps["analysis"]
        return Deadline(
            analysis.ends or analysis.deadline.date,
            "the last day of the analysis stage, as in 001's example",
            "001 appendix",
        )
    if task.step == QUESTIONNAIRES and state.questionnaires_due:
        return Deadline(
            state.questionnaires_due,
            "three weeks from sending: the first questionnaire not yet returned",
            "001 'Case tracking'",
        )
    if task.step == ACTION_PLAN and state.published_on and state.action_plan_working_days:
        return action_plan_deadline(state.published_on, state.action_plan_working_days)
    return None


def last_day_of(task: ReviewTask, steps: Mapping, deadline: Deadline) -> date:
    """The last day an event task lasts: a week-long step's end, else its day."""
    step = steps.get(task.step)
    return (step.ends if step is not None and step.ends else None) or deadline.date


def tasks_for(
    state: ReviewState, parts: set[str], steps: Mapping | None = None
) -> list[ReviewTask]:
    """The tasks of a person with these parts on the review. Without the review's steps only
    the tasks whose deadline is a step of the timeline by its code come back, never events
    (the programme passes the steps; the review's own pages need not)."""
    found = []
    for task in TASKS:
        if not (task.parts & parts and task.applies(state)):
            continue
        if steps is None:
            if task.event or task.step not in _TIMELINE_STEPS:
                continue
            found.append(task)
            continue
        deadline = deadline_of(task, steps, state)
        if deadline is None:
            continue
        if task.event and (state.today is None or last_day_of(task, steps, deadline) < state.today):
            continue
        found.append(task)
    return found
