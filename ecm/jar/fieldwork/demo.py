"""Demonstration data for the JAR's fieldwork (issue 24 §2): a plan across both fieldwork
weeks, most visits in week one and week two for joint meetings and following up lines of
enquiry (001 "Enhanced Youth Inspection"), and meetings with the people of three tracked cases
(001 "Case tracking"). Called with a review whose cases are drawn, its council's link officer
or director, and its lead inspector, from ecm/demo/jar.py."""

from ecm.jar.fieldwork import plan, services
from ecm.jar.fieldwork.selectors import fieldwork_weeks
from ecm.workdays.calendar import add_working_days

# (week, working day of the week from 0, kind, what, line code or None, tracked case index)
PLAN = [
    (1, 0, plan.VISIT, "Northside children's centre: the multi-agency team", "safeguarding", None),
    (1, 0, plan.CASE_MEETING, "Meeting the child's social worker and team manager", None, 0),
    (1, 1, plan.VISIT, "Eastfield school: designated teachers for looked after children",
     "looked_after_children", None),
    (1, 1, plan.VISIT, "Children in care council", "looked_after_children", None),
    (1, 2, plan.VISIT, "Southgate special school: transition planning", "ldd", None),
    (1, 3, plan.VISIT, "Referral and assessment team, Civic Centre", "safeguarding", 1),
    (1, 4, plan.CASE_MEETING, "Home visit with the young person and their carer", None, 2),
    (2, 0, plan.JOINT_MEETING, "Joint meeting with the corporate assessment team",
     "safeguarding", None),
    (2, 1, plan.FOLLOW_UP, "Health visitors' part in core groups", "safeguarding", 1),
    (2, 2, plan.FOLLOW_UP, "Transition plans by Year 9", "ldd", None),
    (2, 2, plan.VISIT, "Primary care trust: the designated doctor", "looked_after_children", None),
    (2, 3, plan.JOINT_MEETING, "Team meeting to test the emerging findings",
     "looked_after_children", None),
]  # fmt: skip

# (tracked case index, who was met, working day of fieldwork from 0, note)
MEETINGS = [
    (0, [plan.STAFF, plan.FIRST_LINE_MANAGER], 0,
     "The social worker knows the child well; the manager's oversight is recorded monthly."),
    (0, [plan.CHILD, plan.PARENT_CARER], 3,
     "The young person says their views are heard at reviews; the carer was not invited to "
     "the last one."),
    (1, [plan.STAFF], 3,
     "Core group minutes lack the health visitor's contribution; the duty manager agrees."),
    (2, [plan.CHILD, plan.PARENT_CARER], 4,
     "The young person and their carer describe a stable placement and good school support."),
]  # fmt: skip


def seed(*, review, council_user, lead) -> None:
    """Seed one review's fieldwork plan and meetings, by its lead inspector."""
    weeks = fieldwork_weeks(review)
    tracked = list(review.cases.filter(tracked=True).order_by("category", "reference"))
    lines = {line.code: line for line in review.lines_of_enquiry.all()}
    team = list(review.team.all())
    own = next((m for m in team if m.user_id == lead.pk), team[0])
    for n, (week, day, kind, what, line, case) in enumerate(PLAN):
        services.planned_activity_add(
            actor=lead,
            review=review,
            day=add_working_days(weeks[week - 1].first, day),
            kind=kind,
            what=what,
            line=lines.get(line),
            case_reference=tracked[case].reference if case is not None else "",
            inspector=team[n % len(team)],
        )
    # Every other line of enquiry is followed up in week two.
    for code, line in lines.items():
        if code not in {row[4] for row in PLAN}:
            services.planned_activity_add(
                actor=lead,
                review=review,
                day=add_working_days(weeks[1].first, 3),
                kind=plan.FOLLOW_UP,
                what=f"Following up: {line.title}"[:300],
                line=line,
            )
    for case, met, day, note in MEETINGS:
        services.case_meeting_record(
            actor=lead,
            review=review,
            reference=tracked[case].reference,
            met=met,
            met_on=add_working_days(weeks[0].first, day),
            inspector=own,
            note=note,
        )
