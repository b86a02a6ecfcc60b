"""The audit trail: who did what to which object, when, and why (quality bar: Security).

Entries are append-only. The model refuses updates and deletes, its queryset refuses bulk
changes, and database triggers (migrations 0002, 0003) refuse them below the ORM too, so nothing
in the application can rewrite history. Each entry also carries a hash of its content chained to
the entry before it (ecm.audit.chain), so that someone who gets round the triggers with the
database owner's rights leaves a mark `manage.py verify_audit` finds (issue 21 §5, ADR 0036).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ecm.audit.verbs import change_sentences, verb_words

APPEND_ONLY_MESSAGE = "The audit trail is append-only: entries cannot be changed or deleted."


class AuditTrailIsAppendOnly(Exception):
    pass


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly(APPEND_ONLY_MESSAGE)

    def delete(self):
        raise AuditTrailIsAppendOnly(APPEND_ONLY_MESSAGE)


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the system acted (an import, a scheduled task).",
    )
    actor_name = models.CharField(max_length=300, help_text="The actor's name as it was then.")
    verb = models.CharField(max_length=80, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    # A plain number, not a foreign key: the audit app is the lowest layer and knows nothing of
    # councils; the number is the target's council when it has one (ecm.audit.services), so
    # the trail can be read council by council (issue 21 §6, ADR 0036).
    council_id = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        db_index=True,
        help_text="The council the target belongs to, when it belongs to one.",
    )
    previous_hash = models.CharField(
        max_length=64, default="", help_text="The hash of the entry before this one."
    )
    entry_hash = models.CharField(
        max_length=64,
        default="",
        help_text="SHA-256 of this entry's content and previous_hash (ecm.audit.chain).",
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.verb} {self.target_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailIsAppendOnly(APPEND_ONLY_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly(APPEND_ONLY_MESSAGE)

    @property
    def action(self) -> str:
        """The verb in plain words (ecm.audit.verbs)."""
        return verb_words(self.verb)

    @property
    def changes(self) -> list[str]:
        """What changed, one sentence a field (issue 23 §3: entries read as sentences, never
        as codes or raw data): 'Status: from "draft" to "published".'"""
        return change_sentences(self.before, self.after)
