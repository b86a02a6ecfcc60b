"""Reads for running a round (issue 8): each council's facts gathered for many assessments in
a fixed number of queries (`facts`), the round dashboard with its blocks and pre-analysis
checklist (`dashboard`), what is due for one person (`what_is_due`) and their calendar
addresses (`calendars`). The rules themselves are pure (milestones.py, due.py)."""

from ecm.programme.selectors.calendars import calendar_feed_find, feeds_of, feeds_working
from ecm.programme.selectors.dashboard import (
    DUE_SOON,
    DUE_SOON_DAYS,
    LATENESS,
    ON_TRACK,
    OVERDUE,
    DashboardRow,
    blocks_of,
    lateness_of,
    pre_analysis_progress,
    round_dashboard,
)
from ecm.programme.selectors.facts import facts_for, milestones_of, round_dates
from ecm.programme.selectors.what_is_due import (
    DueItem,
    due_for,
    open_assessments,
    people_with_parts,
)

__all__ = [
    "DUE_SOON",
    "DUE_SOON_DAYS",
    "LATENESS",
    "ON_TRACK",
    "OVERDUE",
    "DashboardRow",
    "DueItem",
    "blocks_of",
    "calendar_feed_find",
    "due_for",
    "facts_for",
    "feeds_of",
    "feeds_working",
    "lateness_of",
    "milestones_of",
    "open_assessments",
    "people_with_parts",
    "pre_analysis_progress",
    "round_dashboard",
    "round_dates",
]
