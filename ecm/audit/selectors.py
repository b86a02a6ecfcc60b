"""Reading the audit trail."""

import datetime
import json
from collections.abc import Iterator, Mapping

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from ecm.audit.models import AuditEntry

# The columns of the trail's CSV download (issue 21 §6), in order.
CSV_HEADER = (
    "Entry",
    "When",
    "Who",
    "Action",
    "Action code",
    "Kind of thing",
    "Its number",
    "What",
    "Council",
    "Why",
    "Before",
    "After",
    "Hash",
)


def audit_history(*, target: models.Model) -> QuerySet[AuditEntry]:
    """Every entry about one object, newest first."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
    ).select_related("actor")


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a day in the service's time zone (a day in England)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_entries(
    *,
    council_id: int | None = None,
    actor_id: int | None = None,
    by_the_system: bool = False,
    kind: ContentType | None = None,
    object_id: str = "",
    verb: str = "",
    on_or_after: datetime.date | None = None,
    on_or_before: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """The whole trail, newest first, narrowed by every filter given, all at once (issue 21 §6):
    the target's council, who acted (a person, or the system), the kind of thing acted on and
    optionally which one, the action, and the days from and to, both included, in England's
    time."""
    entries = AuditEntry.objects.select_related("actor", "target_type")
    if council_id is not None:
        entries = entries.filter(council_id=council_id)
    if by_the_system:
        entries = entries.filter(actor__isnull=True)
    elif actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if kind is not None:
        entries = entries.filter(target_type=kind)
        if object_id:
            entries = entries.filter(target_id=object_id)
    if verb:
        entries = entries.filter(verb=verb)
    if on_or_after is not None:
        entries = entries.filter(at__gte=_start_of(on_or_after))
    if on_or_before is not None:
        entries = entries.filter(at__lt=_start_of(on_or_before + datetime.timedelta(days=1)))
    return entries


def _json_cell(value) -> str:
    return "" if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def audit_csv_rows(
    entries: QuerySet[AuditEntry], *, council_names: Mapping[int, str]
) -> Iterator[tuple]:
    """The header, then one row per entry, read in chunks (a whole trail may be large): what an
    administrator takes away to read elsewhere, in plain words with the codes beside them."""
    yield CSV_HEADER
    for entry in entries.iterator(chunk_size=2000):
        yield (
            entry.pk,
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.actor_name,
            entry.action,
            entry.verb,
            entry.target_type.name,
            entry.target_id,
            entry.target_repr,
            council_names.get(entry.council_id, "") if entry.council_id else "",
            entry.reason,
            _json_cell(entry.before),
            _json_cell(entry.after),
            entry.entry_hash,
        )
