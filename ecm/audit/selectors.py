"""Reading the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from ecm.audit.models import AuditEntry


def audit_history(*, target: models.Model) -> QuerySet[AuditEntry]:
    """Every entry about one object, newest first."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
    ).select_related("actor")
