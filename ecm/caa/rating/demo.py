"""The demo's annual rating (issue 10 §2; 004 "Annual Rating of Children's Services"): the
council's 2009 rating, drafted by an inspector from the year's evidence and made final by a
manager, citing the annual questionnaires' results (issue 24 §3). The unannounced inspection's
serious concerns (ecm.caa.unannounced.demo) limit it to "performs adequately", which the
rating's page explains. Through the services, so the audit trail is as in use."""

from datetime import date

from ecm.caa.rating.models import RATING_YEAR, AnnualRating
from ecm.caa.rating.selectors import surveys_to_cite
from ecm.caa.rating.services import rating_draft, rating_finalise

FINAL_ON = date(RATING_YEAR, 12, 10)
OUTCOME_GRADES = {
    "being_healthy": 3,
    "staying_safe": 2,
    "enjoying_achieving": 3,
    "positive_contribution": 3,
    "economic_wellbeing": 3,
}
EVIDENCE = {
    "profile_summary": "Most indicators are in line with England and statistical neighbours.",
    "safeguarding_lac_findings": (
        "The full inspection judged safeguarding and services for looked after children "
        "adequate; the unannounced inspection in June raised serious concerns about the "
        "timeliness of initial assessments."
    ),
    "self_review": "The council's own review names the duty team's caseloads as its first risk.",
    "user_views": (
        "In the annual questionnaires, most young people in care feel safe where they live and "
        "speak well of their social workers; social workers report high caseloads."
    ),
}
RATIONALE = (
    "Outcomes are good in most areas and the council knows its weaknesses; but the serious "
    "concerns about contact, referral and assessment arrangements weigh most, and the rating "
    "cannot be above performs adequately while they stand."
)


def seed(*, council, drafter, finaliser) -> bool:
    """The council's final 2009 rating, once: a rating already there is kept as it is. True
    when it was made now."""
    if AnnualRating.objects.filter(council=council, year=RATING_YEAR).exists():
        return False
    draft = rating_draft(
        actor=drafter,
        council=council,
        rating=2,
        outcome_grades=OUTCOME_GRADES,
        rationale=RATIONALE,
        evidence=EVIDENCE,
        # The year's closed annual questionnaires (ecm.surveys.demo, loaded before the rating).
        surveys_cited=[r.pk for r in surveys_to_cite(council=council, year=RATING_YEAR)],
    )
    rating_finalise(actor=finaliser, rating=draft, on=FINAL_ON)
    return True
