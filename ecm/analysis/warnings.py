"""The notebook's judgements as the consistency rules read them (ecm.analysis.consistency).

Step 4's grades come first; where the round's judgement set does not grade something the rules
need (education from 2006, the outcomes before 2007), the indicative grades of Steps 3 and 2
stand in, so the prompts of 002 §E still reach the inspectors.
"""

from django.conf import settings

from ecm.analysis.consistency import ConsistencyWarning, JudgementsDraft, consistency_warnings
from ecm.analysis.models import Entry
from ecm.analysis.selectors import area_summaries, overall_summary, summative_judgements
from ecm.framework.models import AreaKind
from ecm.self_assessment.models import Answer
from ecm.self_assessment.selectors import latest_submission
from ecm.self_assessment.template import template_by_urn
from ecm.self_assessment.template_parts import FieldKind

OVERALL_CODES = {"overall", "overall_effectiveness", "council_overall"}


def self_grades(*, assessment) -> dict[str, int]:
    """The council's own grades from Part B of its latest submitted self-assessment, keyed by
    framework outcome code (000 §10 Part B)."""
    version = latest_submission(assessment=assessment)
    if version is None:
        return {}
    template = template_by_urn(version.self_assessment.template_urn)
    urns = [f.urn for _, _, f in template.fields() if f.kind == FieldKind.GRADES]
    answer = Answer.objects.filter(version=version, field_urn__in=urns).first()
    if answer is None:
        return {}
    grades = {}
    for key, value in answer.items.items():
        if str(value).isdigit():
            grades[key] = int(value)
    return grades


def _strand_grade(content: dict | None, strand: str) -> int | None:
    return ((content or {}).get(strand) or {}).get("grade")


def notebook_warnings(*, assessment, judgements) -> list[ConsistencyWarning]:
    """The warnings on the notebook's judgements as they stand (issue 5 §6); never blocks."""
    step4 = summative_judgements(assessment=assessment)
    step3 = overall_summary(assessment=assessment)
    step3_content = step3.current.content if step3 else None
    step2 = area_summaries(assessment=assessment)
    own = self_grades(assessment=assessment)

    graded, by_title, evidence, capacity_entries = {}, {}, {}, set()
    for judgement in judgements:
        saved = step4.get(judgement.pk)
        content = saved.current.content if saved else {}
        graded[judgement.code] = content.get("grade")
        by_title[judgement.title] = content.get("grade")
        evidence[judgement.title] = len(content.get("entries", []))
        if judgement.code == "capacity_to_improve":
            capacity_entries |= set(content.get("entries", []))

    outcomes, outcome_services = {}, {}
    for judgement in judgements:
        if judgement.outcome and judgement.outcome.kind == AreaKind.OUTCOME:
            outcomes[judgement.outcome.title] = graded.get(judgement.code)
    for summary in step2.values():
        content = summary.current.content
        capacity_entries |= set((content.get("capacity") or {}).get("entries", []))
        if summary.outcome.kind == AreaKind.OUTCOME:
            # Which service's key area is unsatisfactory (002 §D: "both the service and the
            # overall judgement").
            outcome_services[summary.outcome.title] = {
                s: _strand_grade(content, s) for s in ("education", "social_care")
            }
        if summary.outcome.kind == AreaKind.OUTCOME and summary.outcome.title not in outcomes:
            grades = [_strand_grade(content, s) for s in ("education", "social_care")]
            grades = [g for g in grades if g is not None]
            outcomes[summary.outcome.title] = min(grades) if grades else None
    if step3_content:
        capacity_entries |= set((step3_content.get("capacity") or {}).get("entries", []))

    overall = next((graded[c] for c in OVERALL_CODES if graded.get(c) is not None), None)
    if overall is None:
        overall = _strand_grade(step3_content, "children_services")
    dimensions = set()
    for entry in Entry.objects.filter(pk__in=capacity_entries).select_related("current"):
        dimensions |= set(entry.current.content.get("capacity", []))

    draft = JudgementsDraft(
        overall=overall,
        education=graded.get("education") or _strand_grade(step3_content, "education"),
        social_care=graded.get("social_care") or _strand_grade(step3_content, "social_care"),
        outcomes=outcomes,
        capacity=graded.get("capacity_to_improve") or _strand_grade(step3_content, "capacity"),
        capacity_evidence=frozenset(dimensions),
        self_grades={j.title: own.get(j.outcome.code) for j in judgements if j.outcome is not None},
        judgements=by_title,
        evidence=evidence,
        outcome_services=outcome_services,
        unsatisfactory_weighs_from=settings.CONSISTENCY_UNSATISFACTORY_WEIGHS_FROM,
        self_grade_apart=settings.CONSISTENCY_SELF_GRADE_APART,
    )
    return consistency_warnings(draft)
