"""Demo data for the CAA's area assessment (issue 10 §5, issue 24 §3; 004): a council's published
2009 area assessment, with question 1's four sub-points written, a green flag about the council
and a red flag about a partner, and the single report's organisational assessments: the
council's (its overall score and statement on key council services, published once Ofsted's
annual rating is final: ecm/demo/caa.py loads the rating first) and the partner's. Through the
services, so the audit trail is as in use."""

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
# Question 1's sub-points (004), by the codes of library/area-assessment-2009.yaml.
POINTS = {
    "know_and_engage": (
        "Partners know their communities well; the youth council and the children in care "
        "council are heard, but Traveller families are reached less often."
    ),
    "outcomes_defined": (
        "The Children and Young People's Plan's priorities were set after consultation events "
        "in each locality, with young people among those who chose them."
    ),
    "communities_assess": (
        "Young inspectors review services each year and report to the children's trust board."
    ),
    "coordinating_engagement": (
        "Engagement is coordinated through one partnership calendar; partners say less well "
        "how what they heard changed their decisions."
    ),
}
COUNCIL_SCORE = 3  # settings.CAA_ORGANISATIONAL_SCORES: "Performs well"
PARTNER_SCORE = 2  # "Performs adequately"
SERVICES_STATEMENT = (
    "Children and young people's services: Ofsted's annual rating of children's services is "
    "reported here. Looked after children are placed stably and achieve well; contact, referral "
    "and assessment arrangements need to improve, as the unannounced inspection found."
)


def seed(*, council, inspector, about_the_council: bool = True) -> bool:
    """A published 2009 area assessment for `council`, written by `inspector` (an HMI, a BRM
    or the programme administrator), once: one already there is kept as it is. True when it
    was made now. With `about_the_council`, the green flag is about the council and the
    council's organisational assessment is in the report: Ofsted's annual rating of the council
    for 2009 must then be final (004); without, the green flag is about the police."""
    if AreaAssessment.objects.filter(council=council, year=YEAR).exists():
        return False
    area = services.area_assessment_save(
        actor=inspector,
        council=council,
        year=YEAR,
        texts=NARRATIVE,
        points=POINTS,
        expected_lock_version=None,
    )
    services.flag_raise(
        actor=inspector,
        area_assessment=area,
        colour=FlagColour.GREEN,
        question="delivery",
        theme="vulnerable",
        organisation_kind=OrganisationKind.COUNCIL
        if about_the_council
        else OrganisationKind.POLICE,
        organisation_name="" if about_the_council else f"{council.name} Police",
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
    if about_the_council:
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
            overall_score=COUNCIL_SCORE,
            services_statement=SERVICES_STATEMENT,
            organisational_assessment=council_assessment,
            expected_lock_version=council_assessment.lock_version,
        )
    services.organisational_assessment_save(
        actor=inspector,
        area=council,
        year=YEAR,
        organisation_kind=OrganisationKind.PCT,
        organisation_name=f"{council.name} Primary Care Trust",
        narrative=(
            "The trust's child and adolescent mental health services are stretched in the "
            "northern wards, as the red flag in the area assessment reports."
        ),
        overall_score=PARTNER_SCORE,
    )
    services.area_assessment_publish(
        actor=inspector, area_assessment=area, published_on=date(YEAR, 12, 9)
    )
    return True
