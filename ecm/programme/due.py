"""What each person must do next for a council, and by when (issue 8 §4).

Pure Python: a council's facts and the person's part in its assessment go in; the tasks come
out, each with the milestone whose deadline it has (ecm.programme.milestones). The parts are
the handbook's: the Lead (002 §A), the partner inspector, the two readers of the draft letter
(002 §I stage 1) and the council's link officer and director.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ecm.apa.cycles import cycle_of
from ecm.programme.milestones import AssessmentFacts, Milestone

LEAD, PARTNER, READER, COUNCIL = "lead", "partner", "reader", "council"
INSPECTORS = frozenset({LEAD, PARTNER})

# Letter stages (ecm.letters.workflow.LetterStage values) the rules read.
BEFORE_READERS = (None, "assembled", "agreed")
AFTER_READERS = ("readers_answered", "amended")


@dataclass(frozen=True)
class TaskRule:
    code: str
    title: str
    parts: frozenset[str]
    milestone: str
    applies: Callable[[AssessmentFacts], bool]
    # The page where it is done: a URL name taking the assessment's pk.
    url_name: str
    source: str


def _meeting_open(f: AssessmentFacts) -> bool:
    return f.status in ("analysis", "meeting") and f.meeting_held is None


TASK_RULES: tuple[TaskRule, ...] = (
    TaskRule(
        "self_assessment_submit",
        "Submit the self-assessment",
        frozenset({COUNCIL}),
        "self_assessment",
        lambda f: (
            f.status in ("setting_up", "self_assessment") and f.self_assessment_submitted is None
        ),
        "self_assessment:overview",
        "000 §15; 002 §A",
    ),
    TaskRule(
        "analysis_complete",
        "Complete the analysis: Steps 1 to 4 of the evidence notebook, signed",
        INSPECTORS,
        "analysis_ends",
        lambda f: f.status == "analysis",
        "analysis:notebook",
        "002 §D, §F",
    ),
    TaskRule(
        "meeting_arrange",
        "Agree the APA meeting's date, agenda and attendance with the council",
        frozenset({LEAD}),
        "meeting",
        lambda f: _meeting_open(f) and not f.meeting_agreed,
        "meetings:meeting",
        "002 §A, §G",
    ),
    TaskRule(
        "meeting_date_answer",
        "Agree the date the Lead proposed for the APA meeting, or ask for another",
        frozenset({COUNCIL}),
        "meeting",
        lambda f: _meeting_open(f) and f.meeting_date is not None and not f.meeting_agreed,
        "meetings:meeting",
        "002 §A, §G",
    ),
    TaskRule(
        "meeting_hold",
        "Hold the APA meeting and record the issues raised",
        frozenset({LEAD}),
        "meeting",
        lambda f: f.status == "meeting" and f.meeting_agreed and f.meeting_held is None,
        "meetings:meeting",
        "002 §G",
    ),
    TaskRule(
        "moderation_form_submit",
        "Submit the Moderation Form with Steps 2 to 4",
        frozenset({LEAD}),
        "moderation_form",
        lambda f: (
            f.moderation_selected
            and f.moderation_form_submitted is None
            and f.status in ("meeting", "moderation")
        ),
        "meetings:moderation-form",
        "002 §H, Appendix A",
    ),
    TaskRule(
        "letter_draft",
        "Assemble the draft letter and send it to the readers with Steps 3 and 4",
        frozenset({LEAD}),
        "draft_to_council",
        lambda f: f.status == "draft_letter" and f.letter_stage in BEFORE_READERS,
        "letters:letter",
        "002 §I stage 1",
    ),
    TaskRule(
        "letter_agree",
        "Agree the draft letter the Lead assembled",
        frozenset({PARTNER}),
        "draft_to_council",
        lambda f: f.letter_stage == "assembled",
        "letters:letter",
        "002 §I stage 1",
    ),
    TaskRule(
        "letter_to_council",
        "Answer the readers' comments and send the draft to the council",
        frozenset({LEAD}),
        "draft_to_council",
        lambda f: f.letter_stage in AFTER_READERS,
        "letters:letter",
        "002 §I stage 2",
    ),
    TaskRule(
        "factual_accuracy_check",
        "Check the draft letter for factual accuracy and comment",
        frozenset({COUNCIL}),
        "factual_accuracy",
        lambda f: f.letter_stage == "with_council",
        "letters:council",
        "002 §A, §I stage 2",
    ),
    TaskRule(
        "comments_respond",
        "Respond to the council's comments and tell the council what was done",
        frozenset({LEAD}),
        "final_letter",
        lambda f: f.letter_stage == "council_commented",
        "letters:letter",
        "002 §I stage 3",
    ),
    TaskRule(
        "final_letter_publish",
        "Make the final letter with the grades, to be proof read and cleared",
        frozenset({LEAD}),
        "final_letter",
        lambda f: f.letter_stage in ("responses_given", "final"),
        "letters:letter",
        "002 §I stage 3",
    ),
)

READER_RULE = TaskRule(
    "readers_answer",
    "Answer Moderation Form 2 on the draft letter",
    frozenset({READER}),
    "draft_to_council",
    lambda f: f.letter_stage in ("with_readers", "readers_answered", "amended"),
    "letters:reader-answer",
    "002 §I stage 1, Appendix A",
)


@dataclass(frozen=True)
class Task:
    rule: TaskRule
    milestone: Milestone


def tasks_for(
    facts: AssessmentFacts, milestones: list[Milestone], parts: set[str], user_id: int
) -> list[Task]:
    """The tasks of a person with these parts in the assessment, each with its milestone."""
    by_code = {m.code: m for m in milestones}
    # The round's cycle words and places some tasks its own way (issue 23 §1: the CYPP review
    # instead of the self-assessment, the single conversation instead of the meeting).
    worded = cycle_of(facts.round.cycle).tasks
    found = []
    for rule in TASK_RULES:
        if parts & rule.parts and rule.applies(facts) and rule.milestone in by_code:
            found.append(Task(replace(rule, **worded.get(rule.code, {})), by_code[rule.milestone]))
    if (
        READER in parts
        and READER_RULE.applies(facts)
        and user_id not in facts.readers_answered
        and "draft_to_council" in by_code
    ):
        found.append(Task(READER_RULE, by_code["draft_to_council"]))
    return found
