"""What the 2007 cycle adds to an assessment (issue 23 §1; the 2007 briefing, "APA"): the
council's multi-agency review of the Children and Young People's Plan, "published and submitted
to Ofsted in June", and the "single conversation" with the council and its partners in
September or October, which replaces the APA meeting of the handbook's cycle."""

from django.conf import settings
from django.db import models


class CyppReview(models.Model):
    """The council's review of its Children and Young People's Plan: where it is published, who
    took part (it is multi-agency) and when it was submitted to Ofsted."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="cypp_review"
    )
    published_on = models.DateField(null=True, blank=True)
    published_at = models.CharField(
        max_length=300, blank=True, help_text="Where the review is published"
    )
    partners = models.TextField(blank=True, help_text="The agencies that took part in the review")
    summary = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"CYPP review: {self.assessment.council.name}"


class SingleConversation(models.Model):
    """The single conversation: its date agreed with the council, who took part, the
    inspectors' record of it, and the summary in words (never grades) shared with the council
    before the letter is published."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="single_conversation"
    )
    date = models.DateField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    # Why it is outside September and October, when it is (the 2007 briefing, "APA").
    late_reason = models.TextField(blank=True)
    date_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    date_proposed_at = models.DateTimeField(null=True, blank=True)
    date_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    date_agreed_at = models.DateTimeField(null=True, blank=True)
    council_date_comment = models.TextField(blank=True)
    # "with local authorities and partners": who took part from the council and its partners.
    participants = models.TextField(blank=True)
    held_on = models.DateField(null=True, blank=True)
    # The inspectors' own record: what was discussed, the council's and partners' responses.
    record = models.TextField(blank=True)
    # What the council may read before publication: emerging findings in words, no grades.
    council_summary = models.TextField(blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Single conversation: {self.assessment.council.name}"
