"""The demo's joint area review (issue 9): Sharpston's review of autumn 2007, from notification
to the draft report with the council, every part filled in by the services as its people would
(so the demo passes every rule the pages apply). The council's users can comment on the draft;
the lead inspector can take the report on to publication and the council write its action plan."""

from __future__ import annotations

from datetime import date
from importlib import import_module

from ecm.jar import services as jar_services
from ecm.jar.cases import CHILD_IN_NEED, CHILD_PROTECTION, LOOKED_AFTER, CaseLine
from ecm.jar.models import JointAreaReview
from ecm.jar.report import services as report_services

# 001 appendix's example year: set-up in June, analysis in September, fieldwork in October.
NOTIFIED = date(2007, 4, 13)
SETUP = date(2007, 6, 15)
ANALYSIS = date(2007, 9, 24)
FIELDWORK = date(2007, 10, 15)
DRAFT_SENT = date(2007, 11, 26)
DEMO_SEED = "sharpston-2007"
TEAM = (
    "inspector@healthcare-commission.example",
    "inspector@audit-commission.example",
    "brm@csci.example",
    "hmi2@ofsted.example",
)

EVIDENCE = [
    (
        "case",
        "LAC-0004",
        "The child's care plan was reviewed on time; their views are recorded "
        "and acted on, and health checks are up to date",
    ),
    (
        "case",
        "CP-0009",
        "Core group meetings are regular, but the health visitor's "
        "contribution is missing from two of the last three",
    ),
    (
        "meeting",
        "Children in care council, 16 October 2007",
        "Young people say they know their social worker and can reach them",
    ),
    (
        "document",
        "Children and Young People's Plan 2006-09",
        "Priorities follow the needs analysis; LDD transition planning is named as a priority",
    ),
    (
        "data",
        "Initial assessments within 7 working days",
        "Timeliness is below similar councils and has not improved in two years",
    ),
]
GRADES = {
    "safeguarding": 3,
    "looked_after_children": 3,
    "ldd": 2,
    "service_management": 3,
    "capacity_to_improve": 3,
}
SUMMARY = (
    "Services in Sharpston work well together to keep children safe and to improve outcomes for "
    "children in care. Provision for children and young people with learning difficulties "
    "and/or disabilities is adequate: transition planning is late for too many young people."
)
RECOMMENDATIONS = (
    "Improve the timeliness of initial assessments\n"
    "Ensure every young person with LDD has a transition plan by Year 9\n"
    "Secure health visitors' contribution to core groups"
)


def _hundred() -> list[CaseLine]:
    lines = []
    for category, prefix, count in (
        (LOOKED_AFTER, "LAC", 35),
        (CHILD_PROTECTION, "CP", 35),
        (CHILD_IN_NEED, "CIN", 30),
    ):
        lines += [CaseLine(len(lines) + 2, f"{prefix}-{n:04d}", category) for n in range(count)]
    return lines


def demo_jar_load(*, council, people) -> bool:
    """Sharpston's review, once: False when it is already there."""
    if JointAreaReview.objects.filter(council=council).exists():
        return False
    administrator = people["admin@ofsted.example"]
    lead = people["hmi@ofsted.example"]
    council_user = people["link.officer@sharpston.example"]
    review = jar_services.review_notify(
        actor=administrator,
        council=council,
        notified_on=NOTIFIED,
        setup_meeting=SETUP,
        analysis_starts=ANALYSIS,
        fieldwork_starts=FIELDWORK,
    )
    jar_services.team_member_add(actor=administrator, review=review, user=lead, is_lead=True)
    # A team of accounts from four inspectorates and commissions (issue 24 §2; 003: "normally
    # have inspectors from at least four"): Ofsted, the Healthcare Commission, the Audit
    # Commission (001) and CSCI; each member's inspectorate is their account's.
    for email in TEAM:
        jar_services.team_member_add(actor=administrator, review=review, user=people[email])
    jar_services.case_files_submit(actor=council_user, review=review, lines=_hundred())
    jar_services.cases_draw(actor=lead, review=review, seed=DEMO_SEED)
    for part in ("documents", "voluntary", "youth", "fieldwork"):  # the report is written below
        import_module(f"ecm.jar.{part}.demo").seed(
            review=review, council_user=council_user, lead=lead
        )
    evidence = [
        report_services.evidence_add(
            actor=lead, review=review, source=source, reference=reference, finding=finding
        )
        for source, reference, finding in EVIDENCE
    ]
    for code, grade in GRADES.items():
        report_services.judgement_record(
            actor=lead,
            review=review,
            code=code,
            grade=grade,
            rationale="The evidence cited shows services at this level; see the findings.",
            evidence=evidence[:3] if code != "ldd" else evidence[3:],
        )
    report_services.report_edit(
        actor=lead, review=review, summary=SUMMARY, recommendations=RECOMMENDATIONS
    )
    report_services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    return True
