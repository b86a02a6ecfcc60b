"""Consistency warnings on a set of judgements (issue 5 §6; 002 §E.iv and §E.v).

Pure Python: they read a draft of the judgements and never block anything. Each warning cites
the rule of the handbook it comes from, so the inspector can weigh it: the overall judgement
"is not reached through the application of any mathematical formula" (002 §E.iv), so these are
prompts to "challenge your assumptions", never a calculation of the grade.

Grades are the four-point scale: 4 well above minimum requirements, 3 consistently above,
2 only minimum requirements, 1 not delivering minimum requirements (002 Appendix).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

DIRECTION_OF_TRAVEL = "direction_of_travel"
TRACK_RECORD = "track_record"

OVERALL_4_WITHOUT_A_SERVICE_AT_4 = (
    "Overall grade 4 needs secure evidence that at least one service is delivering at this "
    "level, but neither education nor social care is graded 4."
)
OVERALL_OUTSIDE_SERVICES = (
    "The overall grade ({overall}) is {side} both service grades (education {education}, "
    "social care {social_care}): is the balance of strengths across both services consistent?"
)
OUTCOME_1_WITH_OVERALL_3 = (
    "{outcome} is graded 1 while the overall grade is {overall}: an unsatisfactory key area "
    "affects both the service and the overall judgement."
)
OUTCOME_1_WITH_SERVICE_3 = (
    "{outcome} is graded 1 for {service} while the {service} grade is {grade}: an "
    "unsatisfactory key area affects both the service and the overall judgement."
)
CAPACITY_WITHOUT_DIMENSION = (
    "Capacity to improve is graded {capacity} with no evidence on the {missing}: it rests on "
    "the direction of travel and the track record."
)
SELF_ASSESSMENT_INACCURATE = (
    "The council graded {area} {own}, the judgement is {judged}: {apart} grades apart, which "
    "bears on the accuracy of the self-assessment."
)
NO_EVIDENCE = "{area} is graded {grade} with no evidence linked to it."

# As users read them: the handbook's sections, never the project's files (issue 23 §3).
SOURCE_OVERALL = "the handbook, section E.iv"
SOURCE_CAPACITY = "the handbook, section E.v"


@dataclass(frozen=True)
class ConsistencyWarning:
    code: str
    message: str
    source: str


@dataclass(frozen=True)
class JudgementsDraft:
    """What the warnings look at. Grades are 1-4 or None (not yet judged).

    `outcomes`, `self_grades`, `judgements`, `evidence` and `outcome_services` are keyed by an
    area's name as the page shows it (e.g. "Being healthy", "Capacity to improve");
    `capacity_evidence` holds which of DIRECTION_OF_TRAVEL and TRACK_RECORD have evidence
    linked.
    """

    overall: int | None = None
    education: int | None = None
    social_care: int | None = None
    outcomes: Mapping[str, int | None] = field(default_factory=dict)
    capacity: int | None = None
    capacity_evidence: frozenset[str] = frozenset()
    self_grades: Mapping[str, int | None] = field(default_factory=dict)
    judgements: Mapping[str, int | None] = field(default_factory=dict)
    evidence: Mapping[str, int] = field(default_factory=dict)
    # Step 2's grades of each outcome by service ("education", "social_care"), where written.
    outcome_services: Mapping[str, Mapping[str, int | None]] = field(default_factory=dict)
    # Numbers of ours, not the handbook's (config/settings.py, "Settings of ours, not rules of
    # the seeds"): from which service or overall grade an unsatisfactory key area prompts, and
    # how far the council's own grade must be from the judgement to question its accuracy.
    unsatisfactory_weighs_from: int = 3
    self_grade_apart: int = 2


def consistency_warnings(draft: JudgementsDraft) -> list[ConsistencyWarning]:
    """Every warning the draft raises, in the order of 002 §E."""
    warnings: list[ConsistencyWarning] = []
    warnings += _overall(draft)
    warnings += _services(draft)
    warnings += _capacity(draft)
    warnings += _self_assessment(draft)
    warnings += _evidence(draft)
    return warnings


def _overall(draft: JudgementsDraft) -> list[ConsistencyWarning]:
    found = []
    overall, services = draft.overall, (draft.education, draft.social_care)
    if overall is None:
        return found
    if overall == 4 and 4 not in services and all(s is not None for s in services):
        found.append(
            ConsistencyWarning(
                "overall_4_no_service_4", OVERALL_4_WITHOUT_A_SERVICE_AT_4, SOURCE_OVERALL
            )
        )
    if all(s is not None for s in services):
        side = "above" if overall > max(services) else "below" if overall < min(services) else ""
        if side:
            message = OVERALL_OUTSIDE_SERVICES.format(
                overall=overall, side=side, education=draft.education, social_care=draft.social_care
            )
            found.append(ConsistencyWarning("overall_outside_services", message, SOURCE_OVERALL))
    if overall >= draft.unsatisfactory_weighs_from:
        for outcome, grade in draft.outcomes.items():
            if grade == 1:
                message = OUTCOME_1_WITH_OVERALL_3.format(outcome=outcome, overall=overall)
                found.append(ConsistencyWarning("outcome_1_overall_3", message, SOURCE_OVERALL))
    return found


SERVICES = (("education", "education"), ("social_care", "social care"))


def _services(draft: JudgementsDraft) -> list[ConsistencyWarning]:
    """002 §D and §E.iv: "if a key area is unsatisfactory this will have an impact on both the
    service and the overall judgement". An outcome graded 1 for a service (Step 2), or graded
    1 with no split by service, prompts on that service's grade as on the overall grade."""
    found = []
    for code, name in SERVICES:
        grade = getattr(draft, code)
        if grade is None or grade < draft.unsatisfactory_weighs_from:
            continue
        for outcome, overall_grade in draft.outcomes.items():
            by_service = draft.outcome_services.get(outcome) or {}
            named = [c for c, g in by_service.items() if g == 1]
            weak = code in named if named else overall_grade == 1
            if weak:
                message = OUTCOME_1_WITH_SERVICE_3.format(
                    outcome=outcome, service=name, grade=grade
                )
                found.append(ConsistencyWarning("outcome_1_service_3", message, SOURCE_OVERALL))
    return found


def _capacity(draft: JudgementsDraft) -> list[ConsistencyWarning]:
    if draft.capacity is None:
        return []
    missing = [
        name.replace("_", " ")
        for name in (DIRECTION_OF_TRAVEL, TRACK_RECORD)
        if name not in draft.capacity_evidence
    ]
    if not missing:
        return []
    message = CAPACITY_WITHOUT_DIMENSION.format(
        capacity=draft.capacity, missing=" or the ".join(missing)
    )
    return [ConsistencyWarning("capacity_without_dimension", message, SOURCE_CAPACITY)]


def _self_assessment(draft: JudgementsDraft) -> list[ConsistencyWarning]:
    found = []
    for area, judged in draft.judgements.items():
        own = draft.self_grades.get(area)
        if judged is None or own is None or abs(own - judged) < draft.self_grade_apart:
            continue
        message = SELF_ASSESSMENT_INACCURATE.format(
            area=area, own=own, judged=judged, apart=abs(own - judged)
        )
        found.append(ConsistencyWarning("self_assessment_inaccurate", message, SOURCE_CAPACITY))
    return found


def _evidence(draft: JudgementsDraft) -> list[ConsistencyWarning]:
    """002 §E.iv: "Identify the key elements from the trail of evidence"."""
    return [
        ConsistencyWarning(
            "no_evidence", NO_EVIDENCE.format(area=area, grade=grade), SOURCE_OVERALL
        )
        for area, grade in draft.judgements.items()
        if grade is not None and not draft.evidence.get(area)
    ]
