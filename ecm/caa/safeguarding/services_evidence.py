"""Writes and reads of the full inspection's evidence (issue 24 §3; 004 "Inspecting
Safeguarding": "Range of evidence to be used", "Evaluating the quality of practice", "Views of
service users and stakeholders"): records the inspectors make as they gather it, which the
judgements cite (services_report.inspection_judge_section) and the report shows. A survey's
results are cited by the questionnaire (ecm.surveys), never copied. Every change audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.caa.safeguarding.framework import safeguarding_framework
from ecm.caa.safeguarding.models import EvidenceRecord, FullInspection
from ecm.caa.safeguarding.services import locked, require_team
from ecm.surveys.selectors import SurveyResults, survey_result, survey_results

NO_KIND = "Choose the kind of evidence, from the 2009 briefing's range of evidence to be used"
UNKNOWN_POINT = "Choose points of the quality of practice from the 2009 briefing's seven"
UNKNOWN_VIEWS = "Choose whose views the evidence gives, or none of these"
NO_SUMMARY = "Enter what the inspectors found"
NO_SURVEY = "Choose the questionnaire whose results this cites"
NO_SURVEY_REFERENCE = (
    "Name the survey in the reference: {council} has no questionnaire of {years} recorded here"
)
NOT_THE_COUNCILS_SURVEY = "Choose one of {council}'s questionnaires of {years}"
SURVEY_ONLY_FOR_SURVEYS = (
    "Only findings from annual surveys cite a questionnaire's results: choose that kind, or no "
    "questionnaire"
)
UNCITED = (
    "Cite the evidence each judgement rests on before publishing (the 2009 briefing's range of "
    "evidence). Citing none: {missing}"
)
NOT_TALKED_TO_CHILDREN = (
    "No record yet of talking to children and young people who make use of these services. The "
    "2009 briefing: “{quote}”. Record it as evidence before judging."
)

# Whose views each questionnaire gives (ecm.surveys' codes; the 2009 briefing: "Results from
# the new annual survey of children and young people, Care4me and Aftercare", "the new annual
# survey of social workers", "the views of the voluntary and community sectors").
SURVEY_VIEWS = {
    "care4me": "children_young_people",
    "aftercare": "children_young_people",
    "social_workers": "social_workers",
    "voluntary_sector": "voluntary_community",
}


def survey_years(inspection: FullInspection) -> tuple[int, ...]:
    """The questionnaires' years an inspection may cite: that of its first day on site and the
    year before (the questionnaires are annual, and an inspection early in a year reads the
    last one's results)."""
    year = inspection.first_day_on_site.year
    return (year, year - 1)


def surveys_to_cite(inspection: FullInspection) -> list[SurveyResults]:
    """The council's questionnaires of those years, latest year first."""
    found = []
    for year in survey_years(inspection):
        found += survey_results(council=inspection.council, year=year)
    return found


def _years_words(inspection: FullInspection) -> str:
    return " or ".join(str(y) for y in survey_years(inspection))


@transaction.atomic
def evidence_add(
    *,
    actor,
    inspection: FullInspection,
    kind: str,
    summary: str,
    practice_points: list[str] | tuple = (),
    views_of: str = "",
    reference: str = "",
    survey: int | None = None,
) -> EvidenceRecord:
    """Record a piece of evidence (issue 24 §3): its kind from 004's "Range of evidence to be
    used", the points of "Evaluating the quality of practice" it bears on, whose views it gives
    (004 "Views of service users and stakeholders"), what the inspectors found, and a reference
    (a case file, a document, the role of who was interviewed). Findings from annual surveys
    cite one of the council's questionnaires of the inspection's year or the year before, whose
    views then follow from it; with none recorded here, the reference names the survey. Only
    the inspection's team, and only until the report is published."""
    require_team(actor, inspection)
    found = locked(inspection, None)
    framework = safeguarding_framework(found.framework_version)
    the_kind = framework.evidence_kind(kind)
    errors = {}
    if the_kind is None:
        errors["kind"] = NO_KIND
    points = [p for p in framework.practice_points if p.code in practice_points]
    if len(points) != len(set(practice_points)):
        errors["practice_points"] = UNKNOWN_POINT
    if views_of and framework.views_of(views_of) is None:
        errors["views_of"] = UNKNOWN_VIEWS
    if not (summary or "").strip():
        errors["summary"] = NO_SUMMARY
    cited = None
    if survey is not None and not (the_kind and the_kind.survey):
        errors["survey"] = SURVEY_ONLY_FOR_SURVEYS
    elif the_kind and the_kind.survey:
        available = {s.pk: s for s in surveys_to_cite(found)}
        years = _years_words(found)
        if survey is not None:
            cited = available.get(survey)
            if cited is None:
                errors["survey"] = NOT_THE_COUNCILS_SURVEY.format(
                    council=found.council.name, years=years
                )
        elif available:
            errors["survey"] = NO_SURVEY
        elif not (reference or "").strip():
            errors["reference"] = NO_SURVEY_REFERENCE.format(
                council=found.council.name, years=years
            )
    if errors:
        raise ValidationError(errors)
    if cited is not None and not views_of:
        views_of = SURVEY_VIEWS.get(cited.code, "")
    record = EvidenceRecord.objects.create(
        inspection=found,
        kind=kind,
        practice_points=[p.code for p in points],
        views_of=views_of or "",
        summary=summary.strip(),
        reference=" ".join((reference or "").split()) or (cited.title if cited else ""),
        survey=cited.pk if cited else None,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    found.lock_version += 1
    found.save(update_fields=["lock_version", "updated_at"])
    audit_record(
        actor=actor,
        verb="caa.safeguarding_evidence_added",
        target=found,
        after={
            "evidence": record.pk,
            "kind": record.kind,
            "practice_points": record.practice_points,
            "views_of": record.views_of,
            "survey": record.survey,
        },
        reason=record.summary,
    )
    return record


def talked_to_children(inspection: FullInspection) -> bool:
    """004: "Inspectors will always talk to children and young people who make use of these
    services during their inspection": a record of their views that is not a survey's."""
    framework = safeguarding_framework(inspection.framework_version)
    surveys = [k.code for k in framework.evidence_kinds if k.survey]
    return (
        inspection.evidence.filter(views_of=framework.always_talk_to.code)
        .exclude(kind__in=surveys)
        .exists()
    )


def children_warning(inspection: FullInspection) -> str:
    """The warning judging shows while no record of talking to children exists ("" once one
    does): a warning, not a refusal, as the brief of issue 24 §3 asks."""
    if talked_to_children(inspection):
        return ""
    quote = safeguarding_framework(inspection.framework_version).always_talk_to.quote
    return NOT_TALKED_TO_CHILDREN.format(quote=quote)


def uncited_judgements(inspection: FullInspection) -> list[str]:
    """The judgements made that cite no evidence, in words ("Safeguarding: overall
    effectiveness")."""
    framework = safeguarding_framework(inspection.framework_version)
    missing = []
    for judgement in inspection.judgements.prefetch_related("evidence"):
        if judgement.evidence.all():
            continue
        section = framework.section(judgement.section)
        made = section.judgement(judgement.code) if section else None
        if section and made:
            missing.append(f"{section.title}: {made.title.lower()}")
    return missing


def evidence_rows(inspection: FullInspection) -> list[dict]:
    """Every evidence record of the inspection with its kind, points and views in 004's words,
    the questionnaire it cites (with its response rate) and the judgements citing it."""
    framework = safeguarding_framework(inspection.framework_version)
    titles = {
        (s.code, j.code): f"{s.title}: {j.title.lower()}"
        for s in framework.sections
        for j in s.judgements
    }
    rows = []
    for record in inspection.evidence.prefetch_related("judgements"):
        kind = framework.evidence_kind(record.kind)
        views = framework.views_of(record.views_of) if record.views_of else None
        rows.append(
            {
                "record": record,
                "kind": kind.title if kind else record.kind,
                "points": [
                    p.title for p in framework.practice_points if p.code in record.practice_points
                ],
                "views": views.title if views else "",
                "survey": survey_result(pk=record.survey) if record.survey else None,
                "cited_by": [
                    titles.get((j.section, j.code), j.code) for j in record.judgements.all()
                ],
            }
        )
    return rows


def coverage(inspection: FullInspection) -> dict:
    """What the evidence does not yet cover: the kinds of 004's range and the seven points of
    the quality of practice with no record, in 004's words."""
    framework = safeguarding_framework(inspection.framework_version)
    records = list(inspection.evidence.all())
    kinds = {r.kind for r in records}
    points = {p for r in records for p in r.practice_points}
    return {
        "kinds": [k.title for k in framework.evidence_kinds if k.code not in kinds],
        "points": [p.title for p in framework.practice_points if p.code not in points],
    }
