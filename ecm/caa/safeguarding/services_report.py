"""Writes of the full inspection's findings (issue 10 §4; 004 "Inspecting Safeguarding",
"Inspecting services for looked after children", "Reporting"; DOMAIN.md §5, §6): each
section's judgements on the four-point scale with their rationale and main findings, the
recommendations with within how long, and the one report with both sections, published within
20 working days of the inspection's end. Every change is audited with who, when and why."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.caa.safeguarding.framework import SafeguardingFramework, safeguarding_framework
from ecm.caa.safeguarding.models import (
    FullInspection,
    InspectionJudgement,
    InspectionStatus,
    Recommendation,
)
from ecm.caa.safeguarding.services import locked, require_team
from ecm.caa.safeguarding.services_evidence import UNCITED, uncited_judgements
from ecm.caa.safeguarding.timescales import timescale as timescale_of
from ecm.core.access import NotYourRole
from ecm.core.document_check import (
    DocumentPart,
    DocumentProblem,
    document_problems,
    refuse_unless_ready,
)
from ecm.workdays.calendar import Deadline, deadline_after_working_days

NOT_A_PUBLISHER = "Only the lead inspector or the programme administrator publishes the report"
NOT_VISITED = "Record the visit before judging: the judgements follow the days on site"
UNKNOWN_SECTION = "Choose the safeguarding or the looked after children section"
NO_GRADE = "Choose the grade for {title}"
NO_RATIONALE = "Enter the rationale for the grade of {title}"
BLANKED = "Give {title} a grade and its rationale: a judgement once made is changed, not removed"
NOT_THIS_INSPECTIONS = "Cite evidence recorded for this inspection for {title}"
NO_TEXT = "Enter the recommendation"
UNKNOWN_TIMESCALE = "Choose within how long the recommendation is to be done"
NOT_JUDGED = (
    "Judge every judgement of both sections, each with its rationale, and write each section's "
    "main findings before publishing. Missing: {missing}"
)
NO_RECOMMENDATIONS = (
    "Add at least one recommendation for action to each section before publishing (004: "
    "recommendations for action will be included). Missing: {missing}"
)
ALREADY_PUBLISHED = "The report is already published"
NO_PUBLISHED_ON = "Enter the date the report is published"
PUBLISHED_IN_FUTURE = (
    "Publish the report on the day it is published, not before: the council reads its grades "
    "from that day"
)
BEFORE_THE_END = "The report follows the inspection: publish on or after {last:%-d %B %Y}"
LATE = (
    "The report is due by {deadline:%-d %B %Y} ({rule}, {calendar}): publishing on "
    "{published:%-d %B %Y} is late, so give the reason for lateness"
)
DEADLINE_RULE = "20 working days after the last day on site"


def publication_deadline(inspection: FullInspection) -> Deadline:
    """004: "It will be published ... normally within 20 working days of the end of the
    inspection": working days skip weekends and England's bank holidays (DOMAIN.md §6)."""
    framework = safeguarding_framework(inspection.framework_version)
    return deadline_after_working_days(
        start=inspection.last_day_on_site,
        days=framework.publish_working_days,
        rule=DEADLINE_RULE.replace("20", str(framework.publish_working_days)),
        source="004 Reporting",
    )


def missing_judgements(inspection: FullInspection) -> list[str]:
    """Every judgement of both sections without its grade and rationale, and each section
    without its main findings, in words."""
    framework = safeguarding_framework(inspection.framework_version)
    made = {(j.section, j.code) for j in inspection.judgements.all()}
    missing = []
    for section in framework.sections:
        missing += [
            f"{section.title}: {j.title.lower()}"
            for j in section.judgements
            if (section.code, j.code) not in made
        ]
        if not getattr(inspection, f"{section.code}_findings").strip():
            missing.append(f"{section.title}: main findings")
    return missing


def _is_complete(inspection: FullInspection) -> bool:
    return not missing_judgements(inspection)


def _section_or_refuse(framework: SafeguardingFramework, code: str):
    section = framework.section(code)
    if section is None:
        raise ValidationError({"section": UNKNOWN_SECTION})
    return section


@transaction.atomic
def inspection_judge_section(
    *,
    actor,
    inspection: FullInspection,
    section: str,
    grades: dict[str, int | None],
    rationales: dict[str, str],
    findings: str,
    expected_lock_version: int | None,
    evidence: dict[str, list[int]] | None = None,
) -> FullInspection:
    """Judge a section on the four-point scale (004: "Judgements will be made using a
    four-point scale"; 4 outstanding ... 1 inadequate), each grade with its rationale and the
    evidence records of the inspection it cites (`evidence`: {judgement code: record ids};
    issue 24 §3; None leaves the citations as they are), and write its main findings. A
    judgement left blank stays unjudged (publication waits for it); one made is changed, not
    removed. Once every judgement of both sections and both main findings are there, the
    inspection is judged."""
    require_team(actor, inspection)
    found = locked(inspection, expected_lock_version)
    if not found.visit_recorded:
        raise ValidationError(NOT_VISITED)
    framework = safeguarding_framework(found.framework_version)
    the_section = _section_or_refuse(framework, section)
    existing = {j.code: j for j in found.judgements.filter(section=section)}
    records = set(found.evidence.values_list("pk", flat=True))
    errors, changes = {}, {}
    for judgement in the_section.judgements:
        grade = grades.get(judgement.code)
        rationale = (rationales.get(judgement.code) or "").strip()
        title = judgement.title.lower()
        if grade is None and not rationale:
            if judgement.code in existing:
                errors[f"grade_{judgement.code}"] = BLANKED.format(title=title)
            continue
        if grade not in framework.scale:
            errors[f"grade_{judgement.code}"] = NO_GRADE.format(title=title)
        if not rationale:
            errors[f"rationale_{judgement.code}"] = NO_RATIONALE.format(title=title)
        cited = None if evidence is None else sorted(set(evidence.get(judgement.code) or []))
        if cited and not set(cited) <= records:
            errors[f"evidence_{judgement.code}"] = NOT_THIS_INSPECTIONS.format(title=title)
        changes[judgement.code] = (grade, rationale, cited)
    if errors:
        raise ValidationError(errors)
    before, after, now = {}, {}, timezone.now()
    for code, (grade, rationale, cited) in changes.items():
        old = existing.get(code)
        was = sorted(old.evidence.values_list("pk", flat=True)) if old else []
        same_citations = cited is None or cited == was
        if old and (old.grade, old.rationale) == (grade, rationale) and same_citations:
            continue
        if old:
            before[code] = {"grade": old.grade, "rationale": old.rationale, "evidence": was}
            old.grade, old.rationale, old.judged_by, old.judged_at = grade, rationale, actor, now
            old.save(update_fields=["grade", "rationale", "judged_by", "judged_at"])
        else:
            old = InspectionJudgement.objects.create(
                inspection=found,
                section=section,
                code=code,
                grade=grade,
                rationale=rationale,
                judged_by=actor,
                judged_at=now,
            )
        if cited is not None:
            old.evidence.set(cited)
        after[code] = {"grade": grade, "rationale": rationale, "evidence": cited or was}
    field = f"{section}_findings"
    if getattr(found, field) != findings.strip():
        before["findings"] = getattr(found, field)
        after["findings"] = findings.strip()
        setattr(found, field, findings.strip())
    status_before = found.status
    found.status = InspectionStatus.JUDGED if _is_complete(found) else InspectionStatus.ON_SITE
    found.lock_version += 1
    found.save()
    if status_before != found.status:
        before["status"], after["status"] = status_before, found.status
    audit_record(
        actor=actor,
        verb="caa.safeguarding_judged",
        target=found,
        before={"section": section, **before},
        after={"section": section, **after},
    )
    return found


@transaction.atomic
def recommendation_add(
    *, actor, inspection: FullInspection, section: str, text: str, timescale: str
) -> Recommendation:
    """Add a recommendation for action to a section of the report (004: "recommendations for
    action will be included"), with within how long (the project's setting,
    SAFEGUARDING_RECOMMENDATION_TIMESCALES: 004 gives none). Refused once the report is
    published."""
    require_team(actor, inspection)
    found = locked(inspection, None)
    framework = safeguarding_framework(found.framework_version)
    errors = {}
    if framework.section(section) is None:
        errors["section"] = UNKNOWN_SECTION
    if not text.strip():
        errors["text"] = NO_TEXT
    if timescale_of(timescale) is None:
        errors["timescale"] = UNKNOWN_TIMESCALE
    if errors:
        raise ValidationError(errors)
    recommendation = Recommendation.objects.create(
        inspection=found,
        section=section,
        text=text.strip(),
        timescale=timescale,
        added_by=actor,
        added_at=timezone.now(),
    )
    found.lock_version += 1
    found.save(update_fields=["lock_version", "updated_at"])
    audit_record(
        actor=actor,
        verb="caa.safeguarding_recommendation_added",
        target=found,
        after={"recommendation": recommendation.pk, "section": section, "timescale": timescale},
        reason=recommendation.text,
    )
    return recommendation


def missing_recommendations(inspection: FullInspection) -> list[str]:
    framework = safeguarding_framework(inspection.framework_version)
    have = set(inspection.recommendations.values_list("section", flat=True))
    return [s.title for s in framework.sections if s.code not in have]


def report_problems(inspection: FullInspection) -> list[DocumentProblem]:
    """The report read as the council reads it (issue 20 §1): its main findings, each
    judgement's rationale and each recommendation; no placeholder, no sentence twice. Its
    grades are the report's (004), so they stand."""
    framework = safeguarding_framework(inspection.framework_version)

    def titled(code: str, judgement: str = "") -> str:
        section = framework.section(code)
        if section is None:
            return code
        found = section.judgement(judgement) if judgement else None
        return f"{section.title}: {found.title}" if found else section.title

    parts = [
        DocumentPart(f"Main findings: {titled('safeguarding')}", inspection.safeguarding_findings),
        DocumentPart(f"Main findings: {titled('lac')}", inspection.lac_findings),
        *(
            DocumentPart(titled(j.section, j.code), j.rationale)
            for j in inspection.judgements.all()
        ),
        *(
            DocumentPart(f"{titled(r.section)}: recommendation", r.text)
            for r in inspection.recommendations.all()
        ),
    ]
    return document_problems(parts=parts, grades_allowed=True)


@transaction.atomic
def inspection_publish(
    *,
    actor,
    inspection: FullInspection,
    published_on: date | None,
    late_reason: str = "",
    expected_lock_version: int | None,
) -> FullInspection:
    """Publish the one report with both sections (004 "Reporting"): every judgement of both
    sections with its rationale and the evidence it cites (issue 24 §3), both main findings
    and recommendations in each section first.
    004 says "normally within 20 working days of the end of the inspection": a later date is
    refused unless the reason for lateness is given, which the report and the audit keep. From
    publication the council reads the grades."""
    if actor is not None and not actor.has_perm("caa.safeguarding_publish", inspection):
        raise NotYourRole(NOT_A_PUBLISHER)
    found = FullInspection.objects.select_for_update().get(pk=inspection.pk)
    if found.status == InspectionStatus.PUBLISHED:
        raise ValidationError(ALREADY_PUBLISHED)
    found = locked(found, expected_lock_version)
    missing = missing_judgements(found) if found.visit_recorded else [NOT_VISITED]
    if missing:
        raise ValidationError(NOT_JUDGED.format(missing="; ".join(missing)))
    without = missing_recommendations(found)
    if without:
        raise ValidationError(NO_RECOMMENDATIONS.format(missing="; ".join(without)))
    uncited = uncited_judgements(found)
    if uncited:
        raise ValidationError(UNCITED.format(missing="; ".join(uncited)))
    refuse_unless_ready(what="The report", problems=report_problems(found))
    if published_on is None:
        raise ValidationError({"published_on": NO_PUBLISHED_ON})
    if published_on < found.last_day_on_site:
        raise ValidationError({"published_on": BEFORE_THE_END.format(last=found.last_day_on_site)})
    if published_on > timezone.localdate():  # published means the council reads it now
        raise ValidationError({"published_on": PUBLISHED_IN_FUTURE})
    deadline = publication_deadline(found)
    late = published_on > deadline.date
    if late and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": LATE.format(
                    deadline=deadline.date,
                    rule=deadline.rule,
                    calendar=deadline.calendar,
                    published=published_on,
                )
            }
        )
    found.status = InspectionStatus.PUBLISHED
    found.published_on = published_on
    found.published_by = actor
    found.late_reason = late_reason.strip() if late else ""
    found.lock_version += 1
    found.save()
    grades = {f"{j.section}.{j.code}": j.grade for j in found.judgements.all()}
    audit_record(
        actor=actor,
        verb="caa.safeguarding_published",
        target=found,
        before={"status": InspectionStatus.JUDGED},
        after={
            "status": InspectionStatus.PUBLISHED,
            "published_on": published_on,
            "deadline": deadline.date,
            "grades": grades,
        },
        reason=found.late_reason,
    )
    return found
