"""Moderation pages (002 §H, Appendix A; issue 6 §4-§6), one module per part of the handbook:
choosing whom to moderate, planning the days and their groups (with benchmarking), the
Moderation Form submitted with Steps 2-4, and each council's outcome. Council users never reach
any of them: a refusal is a 404, as for a missing page.

The views are imported here because ecm/apa/urls.py names them as `moderation.<view>`.
"""

from ecm.meetings.views.moderation.choosing import choose, overview, propose
from ecm.meetings.views.moderation.outcomes import outcome
from ecm.meetings.views.moderation.planning import benchmark, day, day_add, group_add, place
from ecm.meetings.views.moderation.submission import form, form_submit

__all__ = [
    "benchmark",
    "choose",
    "day",
    "day_add",
    "form",
    "form_submit",
    "group_add",
    "outcome",
    "overview",
    "place",
    "propose",
]
