"""Moderation (002 §H, Appendix A), one module per part of the handbook, every write audited:

- choosing: whom to moderate (about half of the round, signs of risk first, then a draw);
- planning: the moderation days, their small groups and the councils placed in them;
- submission: the Moderation Form, submitted (and submitted again) with notebook Steps 2-4;
- outcomes: what the day decided for each council, written back into the notebook.

The services are imported here so that callers write `moderation.moderation_place(...)`; each
refusal's message is a constant of the module that raises it.
"""

from ecm.meetings.services.moderation.choosing import moderation_choose, moderation_propose
from ecm.meetings.services.moderation.outcomes import moderation_outcome_record, outcome_statement
from ecm.meetings.services.moderation.planning import (
    moderation_day_add,
    moderation_group_add,
    moderation_place,
)
from ecm.meetings.services.moderation.submission import (
    moderation_form_prefill,
    moderation_form_save,
    moderation_form_submit,
    steps_ready,
)

__all__ = [
    "moderation_choose",
    "moderation_day_add",
    "moderation_form_prefill",
    "moderation_form_save",
    "moderation_form_submit",
    "moderation_group_add",
    "moderation_outcome_record",
    "moderation_place",
    "moderation_propose",
    "outcome_statement",
    "steps_ready",
]
