"""A round's key dates, each computed from its rule (002 §A timeline, §J; 000 §15).

Each date is a Deadline that carries the rule and calendar that produced it (DOMAIN.md §6).
Dates the handbook fixes by the calendar (1 and 7 November) are kept as written; dates it gives
as "in May" or "by the end of July" become the last working day of that month.
"""

from datetime import date

from ecm.workdays.calendar import (
    Deadline,
    first_working_day_of_month,
    last_working_day_of_month,
)

KEY_DATE_FIELDS = [
    "self_assessment_due",
    "analysis_starts",
    "analysis_ends",
    "meeting_by",
    "final_letter_by",
    "representation_intention_by",
    "representation_submission_by",
    "representation_outcomes_by",
]


def round_key_dates(year: int) -> dict[str, Deadline]:
    """The default key dates of an APA round for `year`."""
    return {
        "self_assessment_due": Deadline(
            last_working_day_of_month(year, 5),
            "last working day of May: the self-assessment is submitted in May",
            "000 §15; 002 §A",
        ),
        "analysis_starts": Deadline(
            first_working_day_of_month(year, 6),
            "first working day of June: analysis takes place in June and July",
            "002 §A",
        ),
        "analysis_ends": Deadline(
            last_working_day_of_month(year, 7),
            "last working day of July: analysis takes place in June and July",
            "002 §A",
        ),
        "meeting_by": Deadline(
            last_working_day_of_month(year, 7),
            "last working day of July: the APA meeting is held by the end of July",
            "002 §A",
        ),
        "final_letter_by": Deadline(
            last_working_day_of_month(year, 10),
            "last working day of October: the final letter is sent at the end of October",
            "002 §A, §J",
        ),
        "representation_intention_by": Deadline(
            date(year, 11, 1),
            "1 November: the council says it intends to make a representation",
            "002 §J",
        ),
        "representation_submission_by": Deadline(
            date(year, 11, 7),
            "7 November: the council submits its representation",
            "002 §J",
        ),
        "representation_outcomes_by": Deadline(
            last_working_day_of_month(year, 11),
            "last working day of November: outcomes of representations are communicated",
            "002 §A",
        ),
    }
