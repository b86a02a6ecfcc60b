"""The six inspector days of each council's APA, and how far the days given run over or under
them (002 §A).

002 §A: "The assessment is undertaken annually by CSCI Business Relationship managers and
Ofsted inspectors. Six days are allocated to the process as follows: 3 days for analysis;
1 day for meeting the authority; 1 day for moderation activities; and 1 day for writing the
feedback letter." The split is the handbook's, so it is a rule here, not a setting; each of the
two inspectors (the HMI and the BRM) is allowed it. 002 §I: "it is not anticipated that more
than one day of your time will be required for each authority" for the letter.

How much either way still counts as on plan is not the handbook's: it is the setting
INSPECTOR_DAYS_TOLERANCE (config/settings.py, "Settings of ours, not rules of the seeds").

Pure Python over plain values: the selectors feed it rows, the pages show what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ecm.analysis.models import DaysActivity
from ecm.apa.workflow import AssessmentStatus

# 002 §A, per inspector.
ALLOWANCE: dict[str, Decimal] = {
    DaysActivity.ANALYSIS: Decimal(3),
    DaysActivity.MEETING: Decimal(1),
    DaysActivity.MODERATION: Decimal(1),
    DaysActivity.LETTER: Decimal(1),
}
TOTAL_ALLOWANCE = sum(ALLOWANCE.values(), Decimal(0))  # 6

# The status after which each activity is over, so that days short of the allowance are an
# under-run and not merely days still to come.
_ORDER = list(AssessmentStatus.values)
_OVER_AFTER = {
    DaysActivity.ANALYSIS: AssessmentStatus.ANALYSIS,
    DaysActivity.MEETING: AssessmentStatus.MEETING,
    DaysActivity.MODERATION: AssessmentStatus.MODERATION,
    DaysActivity.LETTER: AssessmentStatus.FINAL_LETTER,
}

OVER, UNDER, ON_PLAN, UNDER_WAY = "over", "under", "on_plan", "under_way"


def activity_over(activity: str, status: str) -> bool:
    """Whether the assessment has moved past the stage of `activity`."""
    return _ORDER.index(status) > _ORDER.index(_OVER_AFTER[activity])


@dataclass(frozen=True)
class Run:
    """One activity (or the total) for one inspector: the allowance, the days given so far,
    the days planned on dates still to come, and how they compare."""

    activity: str
    label: str
    allowed: Decimal
    given: Decimal
    planned: Decimal
    state: str

    @property
    def difference(self) -> Decimal:
        return self.given + self.planned - self.allowed

    @property
    def words(self) -> str:
        days = abs(self.difference).normalize()
        unit = "day" if days == 1 else "days"
        if self.state == OVER:
            return f"Over by {days:f} {unit}"
        if self.state == UNDER:
            return f"Under by {days:f} {unit}"
        if self.state == ON_PLAN:
            return "As allocated"
        return "Under way"


def _state(*, allowed, given, planned, over: bool, tolerance: Decimal) -> str:
    counted = given + planned
    if counted > allowed + tolerance:
        return OVER
    if over and counted < allowed - tolerance:
        return UNDER
    if over or abs(counted - allowed) <= tolerance:
        return ON_PLAN
    return UNDER_WAY


def runs(*, rows, status: str, today: date, tolerance: Decimal) -> list[Run]:
    """The four activities and the total, for one inspector's `rows` of one assessment (each
    with .activity, .on and .days). A date after `today` is planned; a total under the six days
    is an under-run only once the letter is done, so an assessment still under way is not
    flagged for days it has yet to give."""
    given = dict.fromkeys(ALLOWANCE, Decimal(0))
    planned = dict.fromkeys(ALLOWANCE, Decimal(0))
    for row in rows:
        (planned if row.on > today else given)[row.activity] += Decimal(row.days)
    labels = dict(DaysActivity.choices)
    found = [
        Run(
            activity,
            labels[activity],
            allowed,
            given[activity],
            planned[activity],
            _state(
                allowed=allowed,
                given=given[activity],
                planned=planned[activity],
                over=activity_over(activity, status),
                tolerance=tolerance,
            ),
        )
        for activity, allowed in ALLOWANCE.items()
    ]
    all_given, all_planned = sum(given.values()), sum(planned.values())
    total_state = _state(
        allowed=TOTAL_ALLOWANCE,
        given=all_given,
        planned=all_planned,
        over=activity_over(DaysActivity.LETTER, status),
        tolerance=tolerance,
    )
    found.append(Run("total", "All six days", TOTAL_ALLOWANCE, all_given, all_planned, total_state))
    return found
