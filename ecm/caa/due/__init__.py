"""What is due from 2009 (issue 24 §3; 004): the pure rules (`rules`) and their reading of the
database (`selectors`), which answers the programme's question through ecm.core.due."""

from ecm.caa.due.rules import (
    ADMINISTRATOR,
    COUNCIL,
    FINALISER,
    LEAD,
    TEAM,
    UNANNOUNCED_CODES,
    Entry,
    FullInspectionFacts,
    UnannouncedFacts,
    area_deadline,
    area_entries,
    entries_for,
    full_inspection_entries,
    profile_entries,
    rating_deadline,
    rating_entries,
    tasks_of,
    unannounced_entries,
)

__all__ = [
    "ADMINISTRATOR",
    "COUNCIL",
    "FINALISER",
    "LEAD",
    "TEAM",
    "UNANNOUNCED_CODES",
    "Entry",
    "FullInspectionFacts",
    "UnannouncedFacts",
    "area_deadline",
    "area_entries",
    "entries_for",
    "full_inspection_entries",
    "profile_entries",
    "rating_deadline",
    "rating_entries",
    "tasks_of",
    "unannounced_entries",
]
