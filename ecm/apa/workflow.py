"""The APA workflow as data (002 §A timeline; DESIGN.md example 4).

Each status names the moves allowed from it and the groups it belongs to. Only
`ecm.apa.services.assessment_change_status` moves an assessment, and it reads this table.
"""

from dataclasses import dataclass, field

from django.db import models


class AssessmentStatus(models.TextChoices):
    SETTING_UP = "setting_up", "Setting up"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    ANALYSIS = "analysis", "Analysis"
    MEETING = "meeting", "APA meeting"
    MODERATION = "moderation", "Moderation"
    DRAFT_LETTER = "draft_letter", "Draft letter"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy check"
    FINAL_LETTER = "final_letter", "Final letter"
    PUBLISHED = "published", "Final letter published"
    REPRESENTATION = "representation", "Representation"
    CLOSED = "closed", "Closed"


S = AssessmentStatus


@dataclass(frozen=True)
class StatusRule:
    status: AssessmentStatus
    description: str
    forward: tuple[AssessmentStatus, ...] = ()
    # Moves back (reopening) are allowed only with a reason.
    back: tuple[AssessmentStatus, ...] = ()
    groups: frozenset[str] = field(default_factory=frozenset)


# Named groups used by permissions and pages.
EDITABLE_BY_COUNCIL = "editable_by_council"
GRADES_VISIBLE_TO_COUNCIL = "grades_visible_to_council"
TERMINAL = "terminal"
WITH_INSPECTORS = "with_inspectors"

WORKFLOW: dict[AssessmentStatus, StatusRule] = {
    rule.status: rule
    for rule in [
        StatusRule(
            S.SETTING_UP,
            "The round is set up and the inspectors are assigned.",
            forward=(S.SELF_ASSESSMENT,),
        ),
        StatusRule(
            S.SELF_ASSESSMENT,
            "The council updates its self-assessment, due in May (the self-assessment "
            "guidance, section 15).",
            forward=(S.ANALYSIS,),
            back=(S.SETTING_UP,),
            groups=frozenset({EDITABLE_BY_COUNCIL}),
        ),
        StatusRule(
            S.ANALYSIS,
            "Three days of analysis in June and July (the handbook, section D).",
            forward=(S.MEETING,),
            back=(S.SELF_ASSESSMENT,),
            groups=frozenset({WITH_INSPECTORS}),
        ),
        StatusRule(
            S.MEETING,
            "The APA meeting with the council, by the end of July (the handbook, section G).",
            forward=(S.MODERATION, S.DRAFT_LETTER),
            back=(S.ANALYSIS,),
            groups=frozenset({WITH_INSPECTORS}),
        ),
        StatusRule(
            S.MODERATION,
            "About half of councils are moderated (the handbook, section H).",
            forward=(S.DRAFT_LETTER,),
            back=(S.MEETING,),
            groups=frozenset({WITH_INSPECTORS}),
        ),
        StatusRule(
            S.DRAFT_LETTER,
            "The draft letter, about five weeks after the meeting (the handbook, section I).",
            forward=(S.FACTUAL_ACCURACY,),
            back=(S.MODERATION, S.MEETING),
            groups=frozenset({WITH_INSPECTORS}),
        ),
        StatusRule(
            S.FACTUAL_ACCURACY,
            "The council checks the draft for factual accuracy within 5 working days (the "
            "handbook, section A).",
            forward=(S.FINAL_LETTER,),
            back=(S.DRAFT_LETTER,),
            groups=frozenset({WITH_INSPECTORS}),
        ),
        StatusRule(
            S.FINAL_LETTER,
            "The final letter with grades, at the end of October (the handbook, section J).",
            forward=(S.PUBLISHED,),
            # Back to the factual accuracy check when the final letter is found wrong before
            # publication (the letter's own move back to "council told what was done").
            back=(S.FACTUAL_ACCURACY, S.DRAFT_LETTER),
            groups=frozenset({WITH_INSPECTORS}),
        ),
        StatusRule(
            S.PUBLISHED,
            "The final letter is published to the council; grades are visible (the handbook, "
            "section A).",
            forward=(S.REPRESENTATION, S.CLOSED),
            groups=frozenset({GRADES_VISIBLE_TO_COUNCIL}),
        ),
        StatusRule(
            S.REPRESENTATION,
            "The council has made a representation (the handbook, section J).",
            forward=(S.CLOSED,),
            groups=frozenset({GRADES_VISIBLE_TO_COUNCIL}),
        ),
        StatusRule(
            S.CLOSED,
            "The assessment is finished and archived.",
            groups=frozenset({GRADES_VISIBLE_TO_COUNCIL, TERMINAL}),
        ),
    ]
}


def in_group(status: str, group: str) -> bool:
    return group in WORKFLOW[AssessmentStatus(status)].groups


def statuses_in_group(group: str) -> list[AssessmentStatus]:
    return [s for s, rule in WORKFLOW.items() if group in rule.groups]
