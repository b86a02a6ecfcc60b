"""The fieldwork plan and the meetings of the casework (issue 24 §2; 001 "Enhanced Youth
Inspection", "Case tracking"; DOMAIN.md §4 "fieldwork weeks 1 and 2"). Pure Python: the rules
without the database.

001 says of the fieldwork programme "the majority of visits will be in week one, with week two
being used for joint meetings with JAR inspectors or to follow up lines of enquiry". It says
"majority", so a plan that puts most visits in week two is warned about, never refused. The
weeks are the review's timeline's (ecm.jar.timeline: "Fieldwork week 1" from the first day of
fieldwork, "Fieldwork week 2" a working week later), working days only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ecm.workdays.calendar import bank_holiday_name, is_working_day

# 001 "Enhanced Youth Inspection", the fieldwork programme, in its own words.
MAJORITY_QUOTE = (
    "the majority of visits will be in week one, with week two being used for joint meetings "
    "with JAR inspectors or to follow up lines of enquiry"
)
# 001 "Case tracking", the meetings of the casework, in its own words.
MEETINGS_QUOTE = (
    "During the casework inspectors will meet with some of the ten selected children and young "
    "people, their parents, children, as well as staff and first line managers involved."
)

VISIT, JOINT_MEETING, FOLLOW_UP, CASE_MEETING = (
    "visit",
    "joint_meeting",
    "follow_up",
    "case_meeting",
)
KIND_LABELS = {
    VISIT: "Visit",
    JOINT_MEETING: "Joint meeting with the JAR inspectors",
    FOLLOW_UP: "Following up a line of enquiry",
    CASE_MEETING: "Case-tracking meeting",
}

# Who inspectors meet during the casework (001 "Case tracking": "the ten selected children and
# young people, their parents, children, as well as staff and first line managers involved"),
# by their part only: the project keeps no child's or family's name.
CHILD, PARENT_CARER, STAFF, FIRST_LINE_MANAGER = (
    "child",
    "parent_carer",
    "staff",
    "first_line_manager",
)
ROLE_LABELS = {
    CHILD: "The child or young person",
    PARENT_CARER: "A parent or carer",
    STAFF: "A member of staff involved",
    FIRST_LINE_MANAGER: "A first-line manager",
}

BRIEFING = "the 2007 briefing on the APA and the JAR"  # 001, as users read it (ecm.core.citations)
MOST_VISITS_IN_WEEK_TWO = (
    "{first} of {total} visits are planned in week one: "
    + BRIEFING
    + " says {quote}. Move visits into week one, or keep the plan with a reason the team can give"
)
NO_VISIT = "No visit is planned yet: " + BRIEFING + " says {quote}"
LINE_WITHOUT_ACTIVITY = (
    'Nothing is planned for the line of enquiry "{title}": plan a visit, a meeting or a '
    "follow-up for it"
)
OUTSIDE_THE_WEEKS = (
    "Choose a working day of fieldwork week 1 ({first1} to {last1}) or week 2 ({first2} to {last2})"
)
NOT_A_WORKING_DAY = "{day} is {why}: choose a working day of the fieldwork weeks"


@dataclass(frozen=True)
class Week:
    number: int
    first: date
    last: date

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last and is_working_day(day)


def week_of(day: date, weeks: list[Week]) -> int | None:
    """The fieldwork week (1 or 2) a working day falls in; None outside them."""
    return next((w.number for w in weeks if w.holds(day)), None)


def day_problem(day: date, weeks: list[Week]) -> str | None:
    """Why a planned day cannot be: not a working day, or outside both fieldwork weeks."""
    if weeks[0].first <= day <= weeks[-1].last and not is_working_day(day):
        why = bank_holiday_name(day) or f"a {day:%A}"
        return NOT_A_WORKING_DAY.format(day=f"{day:%A %-d %B %Y}", why=why)
    if week_of(day, weeks) is None:
        one, two = weeks
        return OUTSIDE_THE_WEEKS.format(
            first1=f"{one.first:%-d %B}", last1=f"{one.last:%-d %B %Y}",
            first2=f"{two.first:%-d %B}", last2=f"{two.last:%-d %B %Y}",
        )  # fmt: skip
    return None


@dataclass(frozen=True)
class Planned:
    week: int
    kind: str
    line: str | None  # the line of enquiry's code


def plan_warnings(planned: list[Planned], lines: list[tuple[str, str]]) -> list[str]:
    """What the plan should look at again, in words (warnings, never refusals): most visits not
    in week one (001: "the majority of visits will be in week one"), and each line of enquiry
    with nothing planned for it. `lines` are (code, title) in the review's order."""
    warnings = []
    quote = f"\u201c{MAJORITY_QUOTE}\u201d"
    visits = [p for p in planned if p.kind == VISIT]
    first = sum(1 for p in visits if p.week == 1)
    if not visits:
        warnings.append(NO_VISIT.format(quote=quote))
    elif first * 2 <= len(visits):
        warnings.append(MOST_VISITS_IN_WEEK_TWO.format(first=first, total=len(visits), quote=quote))
    covered = {p.line for p in planned if p.line}
    warnings += [LINE_WITHOUT_ACTIVITY.format(title=t) for code, t in lines if code not in covered]
    return warnings
