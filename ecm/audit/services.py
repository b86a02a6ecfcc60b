"""Writing to the audit trail. Only service functions call this, inside their transaction."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from ecm.audit.chain import CHAIN_LOCK_KEY, GENESIS, entry_hash
from ecm.audit.models import AuditEntry

SYSTEM_ACTOR_NAME = "ECM Assess (system)"

# The council model, named by label: the audit app sits below ecm.authorities and never
# imports it (docs/architecture.md).
COUNCIL_MODEL = "authorities.council"
# The parents through which a target reaches its council when it has no `council` of its own,
# in the order they are tried: an assessment, a joint area review, a CAA area assessment or
# inspection, and the objects that hang off those. Two steps at most (a letter's rendition
# reaches its letter, then the letter's assessment).
COUNCIL_PARENTS = (
    "assessment",
    "review",
    "area_assessment",
    "inspection",
    "self_assessment",
    "representation",
    "letter",
    "meeting",
)


def _jsonable(value: Any) -> Any:
    """Dates, decimals and UUIDs become text so the entry stores exactly what was seen."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _parents(obj: models.Model) -> set[str]:
    """The names of the rows an object points at (its foreign keys)."""
    return {field.name for field in obj._meta.concrete_fields if field.is_relation}


def council_of(target: models.Model, *, steps: int = 3) -> int | None:
    """The council an object belongs to, for reading the trail council by council (issue 21
    §6): the object itself when it is a council, its own `council`, or its parent's (ADR 0036).
    None for what belongs to no council (a round, the framework, a person of the inspectorate).
    A parent the service has loaded costs nothing; one it has not is read once, by its key."""
    if target._meta.label_lower == COUNCIL_MODEL:
        return target.pk
    fields = _parents(target)
    if "council" in fields:
        return getattr(target, "council_id", None)
    if steps > 1:
        for parent_name in COUNCIL_PARENTS:
            if parent_name in fields:
                parent = getattr(target, parent_name, None)
                return council_of(parent, steps=steps - 1) if parent is not None else None
    return None


def _last_hash_and_next_id() -> tuple[str, int]:
    """The hash to follow and the id the new entry takes. Called with the chain
    held, so no other writer can append between this read and the insert."""
    if connection.vendor == "postgresql":
        # Ids come from the table's own sequence, so that nothing else inserting (a test's
        # bulk copy) ever collides with them; taken under the lock, they rise in chain order.
        # One statement for both, after (never with) the lock's: a statement reads the rows
        # committed when it starts, and only after the lock is the last one committed.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence(%s, 'id')), "  # noqa: S608
                f"(SELECT entry_hash FROM {AuditEntry._meta.db_table} ORDER BY id DESC LIMIT 1)",
                [AuditEntry._meta.db_table],
            )
            next_id, last_hash = cursor.fetchone()
            return last_hash or GENESIS, next_id
    last = AuditEntry.objects.order_by("-id").values_list("id", "entry_hash").first()
    return (last[1] if last else GENESIS), (last[0] + 1 if last else 1)


def audit_record_queries() -> int:
    """The queries one `audit_record` costs inside a service's transaction, for the tests that
    put a ceiling on a service's queries: the last entry's read and the insert, and on
    PostgreSQL the chain's lock (ADR 0036)."""
    return 3 if connection.vendor == "postgresql" else 2


def _hold_the_chain() -> None:
    """Let one transaction at a time append (issue 21 §5: two writers must not both follow the
    same entry and fork the chain). On PostgreSQL a transaction-level advisory lock, released
    at commit or rollback. SQLite needs nothing: its transactions begin IMMEDIATE
    (config/settings.py), so a writer already holds the whole database until it commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


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
    is in the audit trail with who, when and why"). The entry is chained to the one before it
    by its hash (issue 21 §5, ADR 0036); its council is its target's (issue 21 §6)."""
    person = actor if actor is not None and actor.is_authenticated else None
    entry = AuditEntry(
        at=timezone.now(),
        actor=person,
        actor_name=(person.get_full_name() or person.email) if person else SYSTEM_ACTOR_NAME,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        council_id=council_of(target),
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
    )
    # No savepoint inside the service's own transaction: the entry is that transaction's.
    with transaction.atomic(savepoint=False):
        _hold_the_chain()
        entry.previous_hash, entry.id = _last_hash_and_next_id()
        entry.entry_hash = entry_hash(
            {field.attname: getattr(entry, field.attname) for field in entry._meta.concrete_fields}
        )
        entry.save(force_insert=True)
    return entry
