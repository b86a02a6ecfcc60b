from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Days 4 and 5 of the APA (002 §G, §H): the meeting with the council and the moderation
    meeting. Their tables live in `ecm.apa` (app label `apa`, its migrations); their logic reads
    the inspectors' analysis, so it sits above `ecm.analysis` (docs/architecture.md)."""

    name = "ecm.meetings"
    label = "meetings"
