"""A round's key dates, each computed from its rule in the round's cycle (002 §A timeline, §J;
000 §15; the 2007 briefing, "APA"; ecm.apa.cycles).

Each date is a Deadline that carries the rule and calendar that produced it (DOMAIN.md §6).
Dates the handbook fixes by the calendar (1 and 7 November) are kept as written; dates it gives
as "in May" or "by the end of July" become the last working day of that month.
"""

from ecm.apa.cycles import DEFAULT_CYCLE, cycle_key_dates, cycle_of
from ecm.workdays.calendar import Deadline

KEY_DATE_FIELDS = [
    "self_assessment_due",
    "analysis_starts",
    "analysis_ends",
    "meeting_from",
    "meeting_by",
    "final_letter_by",
    "representation_intention_by",
    "representation_submission_by",
    "representation_outcomes_by",
]


def round_key_dates(year: int, cycle: str = DEFAULT_CYCLE) -> dict[str, Deadline]:
    """The default key dates of an APA round for `year` in the named cycle."""
    return cycle_key_dates(cycle_of(cycle), year)


def key_date_titles(cycle: str = DEFAULT_CYCLE) -> dict[str, str]:
    """What each key date is called in the cycle (the round's page and calendars)."""
    c = cycle_of(cycle)
    return {
        "self_assessment_due": f"{c.submission_title} by",
        "analysis_starts": f"{c.analysis_title} starts",
        "analysis_ends": f"{c.analysis_title} ends",
        "meeting_from": f"{c.discussion_title} from",
        "meeting_by": f"{c.discussion_title} by",
        "final_letter_by": "Final letter by",
        "representation_intention_by": "Intention to make a representation by",
        "representation_submission_by": "Representation submitted by",
        "representation_outcomes_by": "Outcomes of representations by",
    }
