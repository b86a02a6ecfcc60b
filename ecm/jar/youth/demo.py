"""Demonstration data for the enhanced youth inspection (issue 9 §5): a submitted youth service
self-assessment, a week-one activity list of eight sessions, the lead's block of 16
observations and a finalised youth report. Called with a review, its council's link officer
or director, and its lead inspector; not wired into ecm/demo."""

from datetime import time

from ecm.jar.youth import services
from ecm.jar.youth.models import AREA_CODES, OUTCOME_CODES
from ecm.workdays.calendar import add_working_days

COMMENTARY = {
    "achievement": "Young people gain accredited outcomes in most clubs; girls' participation "
    "has risen, though older boys in the south of the area achieve less.",
    "curriculum": "The curriculum plan covers the five outcomes; detached work and the mobile "
    "unit reach estates without a centre, though two buildings need repair.",
    "management": "Leaders plan with young people and partners; staff supervision is regular "
    "and the service plan ties spending to the Children and Young People's Plan.",
}
OUTCOMES = {
    "being_healthy": "Sexual health and substance misuse sessions run in every club.",
    "staying_safe": "Detached workers refer young people at risk to the right services.",
    "enjoying_achieving": "Arts and sport programmes lead to accreditation for many.",
    "positive_contribution": "The youth council shapes the service and the council's budget.",
    "economic_wellbeing": "Work with Connexions helps those not in education or training.",
}
# The council's own grade for each outcome (001: "grading performance for each area").
OUTCOME_GRADES = (3, 3, 3, 4, 2)
ACTIVITIES = [
    (0, time(18, 30), "Northside youth centre", "Girls' group", ["being_healthy"], True),
    (0, time(19, 0), "Market square", "Detached youth work", ["staying_safe"], False),
    (1, time(16, 0), "Eastfield school", "After-school music project",
     ["enjoying_achieving"], True),
    (1, time(18, 0), "Town hall", "Youth council meeting", ["positive_contribution"], True),
    (2, time(17, 30), "Mobile unit, Westbrook estate", "Drop-in advice",
     ["being_healthy", "staying_safe"], False),
    (3, time(10, 0), "Southgate centre", "Entry to employment group",
     ["economic_wellbeing"], False),
    (3, time(18, 30), "Southgate centre", "Young carers' club", ["being_healthy"], True),
    (4, time(19, 0), "Northside youth centre", "Duke of Edinburgh's Award",
     ["enjoying_achieving", "positive_contribution"], False),
]  # fmt: skip


def seed(*, review, council_user, lead) -> None:
    """Seed one review's enhanced youth inspection, complete and finalised."""
    answers = {f"{c}_grade": g for c, g in zip(AREA_CODES, (3, 3, 2), strict=True)}
    answers |= {f"{c}_commentary": COMMENTARY[c] for c in AREA_CODES}
    answers |= {c: OUTCOMES[c] for c in OUTCOME_CODES}
    answers |= {f"{c}_grade": g for c, g in zip(OUTCOME_CODES, OUTCOME_GRADES, strict=True)}
    services.youth_self_assessment_save(
        actor=council_user, review=review, answers=answers, expected_lock_version=None
    )
    services.youth_self_assessment_submit(actor=council_user, review=review)
    activities = [
        services.youth_activity_add(
            actor=council_user,
            review=review,
            day=add_working_days(review.fieldwork_starts, offset),
            starts_at=starts,
            venue=venue,
            what=what,
            outcomes=outcomes,
            good_practice=good,
        )
        for offset, starts, venue, what, outcomes, good in ACTIVITIES
    ]
    for n in range(16):
        activity = activities[n % len(activities)]
        services.youth_observation_record(
            actor=lead,
            review=review,
            activity=activity,
            observed_on=activity.day,
            grades={"achievement": 3 - n % 2, "curriculum": 3, "management": 2 + n % 2},
            notes={"achievement": "Young people planned and led much of the session."},
            young_people_present=8 + n % 7,
        )
    services.youth_report_save(
        actor=lead,
        review=review,
        grades={"achievement": 3, "curriculum": 3, "management": 2},
        strengths="Young people shape the programme; participation by girls has risen.",
        weaknesses="Older boys in the south achieve less; two buildings need repair.",
        recommendations="Extend accredited work to the southern clubs; repair the buildings.",
        expected_lock_version=None,
    )
    services.youth_report_finalise(actor=lead, review=review)
