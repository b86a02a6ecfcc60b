"""Demo data for the CAA's area assessment (issue 10 §5; 004): a council's published 2009 area
assessment with a green flag about the council and a red flag about a partner, and the
council's organisational assessment. Through the services, so the audit trail is as in use."""

from datetime import date

from ecm.caa.flags import services
from ecm.caa.flags.models import AreaAssessment, FlagColour, OrganisationKind

YEAR = 2009

NARRATIVE = {
    "priorities": (
        "The children's trust's priorities rest on a needs assessment that drew on young "
        "people's own views, gathered through the youth council and school surveys."
    ),
    "delivery": (
        "Outcomes for most children are improving, and faster than in similar areas for "
        "attainment at sixteen."
    ),
    "delivery_variation": (
        "Outcomes in the northern wards lag the rest of the area, and teenage conception is "
        "highest there; children of Traveller families achieve least well."
    ),
    "prospects": (
        "Partners share a clear plan and pooled budgets for family support; health partners' "
        "capacity is the main risk to further improvement."
    ),
    "sustainability_notes": "Youth provision is funded beyond the current grant period.",
    "inequality_notes": "Targeted work in the northern wards is beginning to narrow the gap.",
    "vulnerable_notes": "Looked after children have a strong voice through their council.",
    "value_for_money_notes": "No significant issue arises from the organisational assessments.",
}


def seed(*, council, inspector) -> bool:
    """A published 2009 area assessment for `council`, written by `inspector` (an HMI, a BRM
    or the programme administrator), once: one already there is kept as it is. True when it
    was made now."""
    if AreaAssessment.objects.filter(council=council, year=YEAR).exists():
        return False
    area = services.area_assessment_save(
        actor=inspector, council=council, year=YEAR, texts=NARRATIVE, expected_lock_version=None
    )
    services.flag_raise(
        actor=inspector,
        area_assessment=area,
        colour=FlagColour.GREEN,
        question="delivery",
        theme="vulnerable",
        organisation_kind=OrganisationKind.COUNCIL,
        organisation_name="",
        reason=(
            "Exceptional improvement in the stability of placements for looked after children, "
            "now among the best in England."
        ),
    )
    services.flag_raise(
        actor=inspector,
        area_assessment=area,
        colour=FlagColour.RED,
        question="prospects",
        theme="inequality",
        organisation_kind=OrganisationKind.PCT,
        organisation_name=f"{council.name} Primary Care Trust",
        reason=(
            "Child and adolescent mental health services are unlikely to meet the waiting "
            "times agreed with partners in the northern wards."
        ),
    )
    council_assessment = council.organisational_assessments.get(
        year=YEAR, organisation_kind=OrganisationKind.COUNCIL
    )
    services.organisational_assessment_save(
        actor=inspector,
        area=council,
        year=YEAR,
        organisation_kind=OrganisationKind.COUNCIL,
        organisation_name=council.name,
        narrative=(
            "Children's services perform well: looked after children are placed stably and "
            "achieve well, though support for families in the northern wards is uneven."
        ),
        organisational_assessment=council_assessment,
        expected_lock_version=council_assessment.lock_version,
    )
    services.area_assessment_publish(
        actor=inspector, area_assessment=area, published_on=date(YEAR, 12, 9)
    )
    return True
