"""Writing to the audit trail. Only service functions call this, inside their transaction."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from ecm.audit.models import AuditEntry

SYSTEM_ACTOR_NAME = "ECM Assess (system)"


def _jsonable(value: Any) -> Any:
    """Dates, decimals and UUIDs become text so the entry stores exactly what was seen."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def audit_record(
    *,
    actor,
    verb: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry: who (actor, or the system when None), did what (verb), to which object,
    the state before and after, and why (quality bar: "every judgement, letter and status change
    is in the audit trail with who, when and why")."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=(actor.get_full_name() or actor.email)
        if actor is not None and actor.is_authenticated
        else SYSTEM_ACTOR_NAME,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
    )
