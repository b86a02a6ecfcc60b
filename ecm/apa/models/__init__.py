"""The APA's models: rounds and assessments, the meeting (002 §G) and moderation (002 §H)."""

from ecm.apa.models.cycle import CyppReview, SingleConversation
from ecm.apa.models.meetings import (
    Attendee,
    AttendeeRole,
    Meeting,
    MeetingChair,
    MeetingNote,
    MeetingOpener,
    MeetingRecord,
    MeetingRecordKind,
)
from ecm.apa.models.moderation import (
    ModerationBasis,
    ModerationDay,
    ModerationDecision,
    ModerationDraw,
    ModerationForm,
    ModerationGroup,
    ModerationOutcome,
    ModerationSelection,
)
from ecm.apa.models.rounds import (
    INSPECTOR_ASSIGNMENTS,
    Assessment,
    AssessmentRound,
    Assignment,
    AssignmentRole,
)

__all__ = [
    "INSPECTOR_ASSIGNMENTS",
    "Assessment",
    "AssessmentRound",
    "Assignment",
    "AssignmentRole",
    "Attendee",
    "AttendeeRole",
    "CyppReview",
    "Meeting",
    "MeetingChair",
    "MeetingNote",
    "MeetingOpener",
    "MeetingRecord",
    "MeetingRecordKind",
    "ModerationBasis",
    "ModerationDay",
    "ModerationDecision",
    "ModerationDraw",
    "ModerationForm",
    "ModerationGroup",
    "ModerationOutcome",
    "ModerationSelection",
    "SingleConversation",
]
