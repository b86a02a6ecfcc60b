"""The core's one table: a form that made or sent something, claimed once (issue 20 §4)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """One submission of a form that makes or sends something, by the token the form carried
    (ecm.core.once). The row is written first in the service's transaction, so a resubmitted or
    concurrent post of the same form finds it and answers with what was done, when and by whom,
    instead of doing it again (issue 20 §4: "a resubmitted or concurrent send or add makes one
    thing and one email"). A refused submission rolls its row back with it, so the form can be
    put right and sent again."""

    token = models.UUIDField(unique=True)
    # The service's verb, as the audit trail names it ("meeting.agenda_send").
    what = models.CharField(max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)
    # What was done, as a resubmission is told it ("Agenda 2 was already sent to ...").
    done = models.TextField(blank=True)
    # What it made, where it made one row.
    result_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-done_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.what} ({self.token})"
