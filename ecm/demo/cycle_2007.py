"""The demo's round in the 2007 cycle (issue 23 §1; the 2007 briefing, "APA"): APA 2008, where
Hampshire's link officer writes and submits the council's review of its Children and Young
People's Plan in June, its inspectors review the data in July and August and hold the single
conversation in September or October, then write the letter. It starts at the review, so the
whole cycle can be tried from the beginning; the demo's 2007 round keeps the handbook's cycle
for the meeting, moderation and letter already shown there."""

from __future__ import annotations

from ecm.apa import services as apa_services
from ecm.apa.cycles import BRIEFING_2007
from ecm.apa.models import AssessmentRound, AssignmentRole
from ecm.apa.workflow import AssessmentStatus
from ecm.authorities.models import Council
from ecm.demo.people import HAMPSHIRE_LA_NUMBER

CYCLE_2007_YEAR = 2008
CYCLE_2007_TITLE = "APA 2008 (the 2007 cycle: the single conversation)"


def demo_cycle_2007_load(*, people, framework_version) -> bool:
    """The round with Hampshire's assessment at its review of the CYPP, its HMI (the Lead), BRM
    and the two readers of the draft letter assigned; False when it is already there."""
    if AssessmentRound.objects.filter(regime="apa", year=CYCLE_2007_YEAR).exists():
        return False
    assessment_round = apa_services.round_create(
        actor=None,
        year=CYCLE_2007_YEAR,
        framework_version=framework_version,
        cycle=BRIEFING_2007,
        title=CYCLE_2007_TITLE,
    )
    hampshire = Council.objects.get(la_number=HAMPSHIRE_LA_NUMBER)
    (assessment,) = apa_services.assessments_create_for_round(
        actor=None, assessment_round=assessment_round, councils=[hampshire]
    )
    apa_services.assessment_assign_inspectors(
        actor=None,
        assessment=assessment,
        hmi=people["hmi@ofsted.example"],
        brm=people["brm@csci.example"],
        lead=AssignmentRole.HMI,
        reason="Demo: the 2007 cycle's pair",
    )
    for email, role in (
        ("reader@ofsted.example", AssignmentRole.MANAGEMENT_READER),
        ("csci.manager@csci.example", AssignmentRole.CSCI_MANAGER),
    ):
        apa_services.assessment_assign(
            actor=None, assessment=assessment, user=people[email], role=role
        )
    apa_services.assessment_change_status(
        actor=None, assessment=assessment, to=AssessmentStatus.SELF_ASSESSMENT
    )
    return True
