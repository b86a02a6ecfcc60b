"""Demo data for the full inspection of safeguarding and looked after children (issue 10 §4;
004): the council's 2009 inspection, notified in mid-September with two weeks' notice and the
documents requested, five days on site in early October, its evidence (issue 24 §3: case
files, interviews with staff and with looked after young people, documents, data, the
voluntary sector and, when the council's questionnaires are there, their results), both
sections judged citing that evidence (overall effectiveness adequate in each),
recommendations, and the report published within 20 working days. Through the services, so
the audit trail is as in use."""

from datetime import date

from ecm.caa.safeguarding import services, services_evidence, services_report
from ecm.caa.safeguarding.framework import safeguarding_framework
from ecm.caa.safeguarding.models import FullInspection

NOTIFIED_ON = date(2009, 9, 14)
FIRST_DAY, LAST_DAY = date(2009, 10, 5), date(2009, 10, 9)  # Monday to Friday
DOCUMENTS_DUE_ON = date(2009, 9, 25)
PUBLISHED_ON = date(2009, 11, 4)  # the deadline is 6 November 2009

# Grades on the four-point scale (4 outstanding ... 1 inadequate), with a rationale each.
GRADES = {
    "safeguarding": {
        "overall_effectiveness": 2,
        "capacity_to_improve": 3,
        "leadership_management": 2,
        "quality_of_provision": 2,
        "outcomes_achieved": 2,
    },
    "lac": {
        "overall_effectiveness": 2,
        "capacity_to_improve": 3,
        "leadership_management": 2,
        "quality_of_provision": 2,
        "being_healthy": 3,
        "staying_safe": 2,
        "enjoying_achieving": 2,
        "positive_contribution": 3,
        "economic_wellbeing": 2,
    },
}
RATIONALE = {
    2: "Services meet minimum requirements, but practice is inconsistent across teams.",
    3: "Managers know the service's weaknesses and plans to address them are under way.",
}
FINDINGS = {
    "safeguarding": (
        "Children at risk are identified and protected, but initial assessments are often late "
        "and the quality of recording varies between the duty teams."
    ),
    "lac": (
        "Placements for looked after children are increasingly stable and young people's views "
        "shape the service; attainment at sixteen remains below that of similar areas."
    ),
}
# The evidence (kind, points of the quality of practice, whose views, what was found,
# reference), in 004's range of evidence.
EVIDENCE = {
    "case_files": (
        "case_files",
        ["referral_assessment", "decision_making_qa"],
        "",
        "Forty case files tracked from referral to review: initial assessments are mostly on "
        "time, but core assessments are often late and plans are not always reviewed.",
        "Sample of 40 cases from the duty and assessment teams",
    ),
    "staff": (
        "interviews",
        ["caseloads", "training_oversight"],
        "social_workers",
        "Social workers and team managers interviewed: caseloads in the duty teams average 22; "
        "supervision is regular but not always recorded.",
        "Social workers and team managers, duty teams",
    ),
    "young_people": (
        "interviews",
        [],
        "children_young_people",
        "Eight looked after young people and two care leavers met the inspectors: they know "
        "their social workers, feel listened to at their reviews and want more help with school "
        "work.",
        "Meeting with the children in care council",
    ),
    "documents": (
        "documentation",
        ["accountability", "multi_agency"],
        "",
        "The LSCB's minutes and the children's trust's plans show senior managers tracking the "
        "assessment backlog monthly; partners' attendance at the LSCB has improved.",
        "LSCB minutes, 2008-09",
    ),
    "data": (
        "performance_data",
        ["referral_assessment"],
        "",
        "Initial assessments within seven working days: 68% in 2008-09, against 72% in similar "
        "areas.",
        "NI 59, 2008-09",
    ),
    "voluntary_sector": (
        "stakeholders",
        ["multi_agency", "caf"],
        "voluntary_community",
        "Voluntary sector partners say the common assessment framework is used inconsistently "
        "and that cases stepped down to them arrive slowly.",
        "Voluntary and community sector forum",
    ),
}
SURVEYS = "surveys"  # the questionnaires' results, cited when the council has them
CITES = {
    "safeguarding": {
        "overall_effectiveness": ["case_files", "staff", "documents", SURVEYS],
        "capacity_to_improve": ["documents"],
        "leadership_management": ["staff", "documents"],
        "quality_of_provision": ["case_files", "data", "voluntary_sector"],
        "outcomes_achieved": ["case_files", "data"],
    },
    "lac": {
        "overall_effectiveness": ["young_people", "case_files", SURVEYS],
        "capacity_to_improve": ["documents"],
        "leadership_management": ["documents", "staff"],
        "quality_of_provision": ["young_people", "case_files"],
        "being_healthy": ["young_people"],
        "staying_safe": ["case_files", "young_people"],
        "enjoying_achieving": ["young_people", "data"],
        "positive_contribution": ["young_people"],
        "economic_wellbeing": ["young_people"],
    },
}

RECOMMENDATIONS = [
    ("safeguarding", "immediately", "Ensure every initial assessment is completed on time."),
    ("safeguarding", "three_months", "Audit the quality of case recording in the duty teams."),
    ("lac", "six_months", "Improve the support for looked after children's attainment at 16."),
]


def seed(*, council, lead, team=()) -> bool:
    """The council's 2009 full inspection, published, once: an inspection already there is
    kept as it is. True when it was made now. `lead` is an HMI or a BRM."""
    if FullInspection.objects.filter(council=council).exists():
        return False
    inspection = judged(
        council=council,
        lead=lead,
        days=(NOTIFIED_ON, FIRST_DAY, LAST_DAY),
        documents=[d.code for d in safeguarding_framework().documents],
        documents_due_on=DOCUMENTS_DUE_ON,
        team=team,
    )
    services_report.inspection_publish(
        actor=lead,
        inspection=inspection,
        published_on=PUBLISHED_ON,
        expected_lock_version=inspection.lock_version,
    )
    return True


def judged(
    *, council, lead, days: tuple[date, date, date], documents, documents_due_on, team=()
) -> FullInspection:
    """A full inspection notified, visited and judged as the demo's (overall effectiveness
    adequate in both sections), with its recommendations, not yet published. `days` are the
    notification and the first and last days on site. Also the permission walks' inspection."""
    notified_on, first_day, last_day = days
    inspection = services.inspection_notify(
        actor=lead,
        council=council,
        notified_on=notified_on,
        first_day_on_site=first_day,
        last_day_on_site=last_day,
        lead_inspector=lead,
        team=list(team),
        documents=documents,
        documents_due_on=documents_due_on,
    )
    inspection = services.inspection_record_visit(
        actor=lead,
        inspection=inspection,
        first_day_on_site=first_day,
        last_day_on_site=last_day,
        expected_lock_version=inspection.lock_version,
    )
    records = evidence(inspection=inspection, lead=lead)
    inspection.refresh_from_db()
    for section, grades in GRADES.items():
        inspection = services_report.inspection_judge_section(
            actor=lead,
            inspection=inspection,
            section=section,
            grades=grades,
            rationales={code: RATIONALE[grade] for code, grade in grades.items()},
            findings=FINDINGS[section],
            evidence=citations(section, records),
            expected_lock_version=inspection.lock_version,
        )
    for section, timescale, text in RECOMMENDATIONS:
        services_report.recommendation_add(
            actor=lead, inspection=inspection, section=section, text=text, timescale=timescale
        )
    inspection.refresh_from_db()
    return inspection


def citations(section: str, records: dict[str, list[int]]) -> dict[str, list[int]]:
    """Each judgement of the section's evidence records, as CITES names them."""
    return {
        code: [pk for key in keys for pk in records.get(key, [])]
        for code, keys in CITES[section].items()
    }


def evidence(*, inspection: FullInspection, lead) -> dict[str, list[int]]:
    """Record the demo's evidence: {key of EVIDENCE, or SURVEYS: [record ids]}. The council's
    questionnaires of the year (ecm.surveys) are cited when there are any."""
    records = {}
    for key, (kind, points, views, summary, reference) in EVIDENCE.items():
        record = services_evidence.evidence_add(
            actor=lead,
            inspection=inspection,
            kind=kind,
            practice_points=points,
            views_of=views,
            summary=summary,
            reference=reference,
        )
        records[key] = [record.pk]
    records[SURVEYS] = [
        services_evidence.evidence_add(
            actor=lead,
            inspection=inspection,
            kind="surveys",
            summary=(
                f"{survey.title} ({survey.year}): {survey.answered} answered of "
                f"{survey.issued} issued. Read with the interviews."
            ),
            survey=survey.pk,
        ).pk
        for survey in services_evidence.surveys_to_cite(inspection)
    ]
    return records
