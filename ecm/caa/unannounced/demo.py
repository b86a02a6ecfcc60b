"""Demo data for the CAA's unannounced inspections (issue 10 §3; 004): a council's inspection
in June 2009, two days on site across a weekend (Friday 12 and Monday 15 June: two days, not
four, issue 24 §1) at two of its six centres, the nine aspects evaluated, and a
letter raising serious concerns sent in June 2009 (which brings the full inspection of
safeguarding forward and limits the annual rating elsewhere). Through the services, so the
audit trail is as in use."""

from datetime import date

from ecm.caa.unannounced import services
from ecm.caa.unannounced.models import Outcome, UnannouncedInspection

FIRST_DAY = date(2009, 6, 12)  # a Friday
LAST_DAY = date(2009, 6, 15)  # the Monday after
DAYS_ON_SITE = (FIRST_DAY, LAST_DAY)
SENT_ON = date(2009, 6, 26)

FINDINGS = {
    "assessments": (
        "Initial assessments are mostly completed on time, but core assessments often lack the "
        "views of the child, and health and schools contribute little. Case records are not "
        "always up to date."
    ),
    "management_oversight": (
        "Caseloads in the duty team are high and several cases were unallocated. Supervision "
        "is irregular and rarely recorded; senior managers were not told of the backlog."
    ),
    "thresholds": (
        "Thresholds are not understood in the same way by partners: some referrals of concern "
        "were closed with no assessment."
    ),
    "strategy_discussions": (
        "Strategy discussions are held, but police attend by telephone and decisions on "
        "section 47 enquiries are not always recorded."
    ),
    "joint_working": (
        "Liaison with schools is good; information from health visitors reaches the team late."
    ),
    "out_of_hours": (
        "The emergency duty team is experienced; referrals from accident and emergency "
        "departments are passed on the next working day."
    ),
    "particular_groups": (
        "Interpreters are arranged promptly; the needs of disabled children are assessed well."
    ),
    "support_staff": (
        "Support staff know their roles and have had safeguarding training, but little since."
    ),
    "social_workers": (
        "Social workers are committed; unqualified staff carry cases beyond their experience "
        "without close oversight."
    ),
}
LETTER = (
    "Thank you for the help you and your staff gave during the unannounced inspection of your "
    "contact, referral and assessment arrangements.\n\n"
    "The inspectors found that children referred to the service are not always safe: "
    "unallocated cases, weak management oversight and an inconsistent use of thresholds leave "
    "some children without the assessment they need. The council should act on these findings "
    "at once."
)


def seed(*, council, lead) -> bool:
    """The council's unannounced inspection of June 2009, once: an inspection already there for
    2009-10 is kept as it is (run twice, nothing changes). True when it was made now. `lead`
    is an HMI or a BRM."""
    if UnannouncedInspection.objects.filter(council=council, inspection_year=2009).exists():
        return False
    inspection = services.unannounced_save(
        actor=lead,
        council=council,
        lead_inspector=lead,
        days_on_site=DAYS_ON_SITE,
        exceptional=False,
        exceptional_reason="",
        centres_count=6,
        centres_visited=[f"{council.name} central referral team", "North area assessment team"],
        case_files=42,
        staff_spoken=23,
        expected_lock_version=0,
    )
    inspection = services.unannounced_aspects_save(
        actor=lead,
        inspection=inspection,
        findings=FINDINGS,
        expected_lock_version=inspection.lock_version,
    )
    inspection = services.unannounced_letter_save(
        actor=lead,
        inspection=inspection,
        outcome=Outcome.SERIOUS_CONCERNS,
        director_name="Gordon Ellis",
        lead_member_name="Councillor Ann Marsh",
        lscb_chair_name="Dr Peter Hale",
        chief_executive_name="Judith Carr",
        letter_body=LETTER,
        expected_lock_version=inspection.lock_version,
    )
    services.unannounced_letter_send(
        actor=lead,
        inspection=inspection,
        sent_on=SENT_ON,
        expected_lock_version=inspection.lock_version,
    )
    return True
