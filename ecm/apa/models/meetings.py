"""The APA meeting with the council: day 4 (002 §G; DOMAIN.md §3 "The meeting agenda")."""

from django.conf import settings
from django.db import models


class MeetingChair(models.TextChoices):
    """002 §G.ii: "The Ofsted inspector or the BRM will chair the meeting"."""

    OFSTED = "ofsted", "Ofsted (the HMI)"
    CSCI = "csci", "CSCI (the BRM)"


class MeetingOpener(models.TextChoices):
    """002 §G.ii: "it may be appropriate for the Chief Executive or the Director of Children's
    Services to open the meeting"."""

    CHAIR = "", "The chair"
    CHIEF_EXECUTIVE = "chief_executive", "The chief executive"
    DIRECTOR = "director", "The director of children's services"


class Meeting(models.Model):
    """The arrangements, the working agenda, the interim judgements in words and whether the
    meeting has been held. What the council sees is what has been sent to it (MeetingRecord)."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="meeting"
    )
    date = models.DateField(null=True, blank=True)
    starts_at = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    # Why the meeting is after the round's "by the end of July" date (002 §A), when it is.
    late_reason = models.TextField(blank=True)
    date_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    date_proposed_at = models.DateTimeField(null=True, blank=True)
    date_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    date_agreed_at = models.DateTimeField(null=True, blank=True)
    # The council's answer when it cannot make the proposed date.
    council_date_comment = models.TextField(blank=True)
    chair = models.CharField(max_length=10, choices=MeetingChair.choices, blank=True)
    opened_by = models.CharField(max_length=20, choices=MeetingOpener.choices, blank=True)
    # The working agenda: [{"number": 1, "title": ..., "text": ...}, ...] (ecm.meetings.agenda).
    agenda = models.JSONField(default=list, blank=True)
    # Interim judgements in words, never grades (002 §G.i items 3-4), by Step 3's strands.
    interim_judgements = models.JSONField(default=dict, blank=True)
    held_on = models.DateField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"APA meeting: {self.assessment.council.name}"


class AttendeeRole(models.TextChoices):
    """Who attends (002 §G.iii), and who else may (002 §G.ii)."""

    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    DIRECTOR = "director", "Director of children's services"
    LEAD_MEMBER = "lead_member", "Lead member for children's services"
    IMPROVEMENT_ADVISER = "improvement_adviser", "DfES Children's Services Improvement Adviser"
    KEY_OFFICER = "key_officer", "Key officer for an area being discussed"
    PARTNER = "partner", "Partner, at the council's invitation"
    HMI = "hmi", "Ofsted inspector (HMI)"
    BRM = "brm", "CSCI business relationship manager"
    CSCI_OBSERVER = "csci_observer", "CSCI regional director or PIM"


# The small group 002 §G.iii expects ("a small group"): the number is a setting of ours
# (config/settings.py, MEETING_SMALL_GROUP); more is allowed but shown as a warning.
SMALL_GROUP = settings.MEETING_SMALL_GROUP


class Attendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    role = models.CharField(max_length=30, choices=AttendeeRole.choices)
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    # 002 §G.ii: the reason a CSCI regional director or PIM attends "will be made clear".
    reason = models.TextField(blank=True)
    at_council_invitation = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(at_council_invitation=True),
                name="attendee_partner_invited_by_council",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class MeetingNote(models.Model):
    """An issue or question raised at the meeting and the response (002 §G.ii)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    agenda_item = models.PositiveSmallIntegerField()
    raised_by = models.CharField(max_length=200)
    issue = models.TextField()
    response = models.TextField(blank=True)
    # Additional information the council brought, kept in the information pack (002 §G.i.2).
    pack_item = models.ForeignKey(
        "analysis.PackItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "agenda_item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agenda_item__gte=1) & models.Q(agenda_item__lte=8),
                name="meeting_note_agenda_item_1_to_8",
            ),
        ]

    def __str__(self) -> str:
        return f"Item {self.agenda_item}: {self.issue[:60]}"


class MeetingRecordKind(models.TextChoices):
    AGENDA = "agenda", "Agenda"
    NOTES = "notes", "Notes of the meeting"


class MeetingRecord(models.Model):
    """A version of the agenda or the notes as sent to the council: what the council sees is
    exactly what was sent, never the working copy (issue 6 §2-3). Append-only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField(max_length=10, choices=MeetingRecordKind.choices)
    number = models.PositiveIntegerField()
    content = models.JSONField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_to = models.JSONField(default=list)  # the email addresses it went to
    # The council agrees the agenda (002 §G.ii) or says what it wants changed.
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    council_comment = models.TextField(blank=True)
    commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    commented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"], name="meeting_record_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
