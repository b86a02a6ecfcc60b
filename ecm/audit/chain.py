"""The hash chain over the audit trail (issue 21 §5, ADR 0036).

Each entry stores SHA-256 of its own content together with the hash of the entry before it, so
an entry changed, removed or slipped in by someone who got round the append-only triggers (the
database owner can drop them) no longer matches: `manage.py verify_audit` walks the chain in id
order and names the first entry that does not. The content is canonical JSON (sorted keys, no
spaces) of every column but the two hashes, so the same entry hashes the same on SQLite and
PostgreSQL, before and after a dump and reload.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType

# The first entry's "previous hash": there is none.
GENESIS = "0" * 64

# The key of PostgreSQL's transaction-level advisory lock that lets one writer at a time read
# the last hash and append after it, so that two transactions never chain onto the same entry.
# Any constant will do as long as nothing else in the database uses it: "ADR 0036, issue 21 §5".
CHAIN_LOCK_KEY = 36_215

CONTENT_CHANGED = (
    "its content does not match its hash: it was changed after it was written, or written "
    "around the audit trail"
)
CHAIN_BROKEN = "it does not follow entry {previous}: the chain between them was broken"
ENTRY_MISSING = "the entries before it are missing (from entry {first} to entry {last})"
FIRST_MISSING = "it is the first entry but names an entry before it: earlier entries are missing"

# The columns a verifier reads, in the order of `canonical_content`'s keys.
COLUMNS = (
    "id",
    "at",
    "actor_id",
    "actor_name",
    "verb",
    "target_type_id",
    "target_id",
    "target_repr",
    "council_id",
    "before",
    "after",
    "reason",
    "previous_hash",
    "entry_hash",
)


# Whole numbers up to here are exact as floats too.
_EXACT = 2**53


def _same_number_everywhere(value: Any) -> Any:
    """One form per number, whichever database stored it: PostgreSQL's jsonb keeps numbers as
    decimals, so 2.0 comes back 2.0 but 1e16 comes back as the integer 10000000000000000, and
    1e23 as 100000000000000000000000, while SQLite keeps what it was given. A whole number
    that floats hold exactly is hashed as an integer, any larger number as the float nearest."""
    if isinstance(value, bool) or not isinstance(value, int | float | dict | list):
        return value
    if isinstance(value, dict):
        return {key: _same_number_everywhere(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_same_number_everywhere(item) for item in value]
    if abs(value) < _EXACT and float(value).is_integer():
        return int(value)
    try:
        return float(value)
    except OverflowError:  # an integer beyond any float: kept as it is, exactly
        return value


def _when(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _target_type(target_type_id: int) -> str:
    """The target's kind by name (app label and model), not by its row number, which a reload
    of the content types may change. ContentType caches these, so a walk reads each once."""
    content_type = ContentType.objects.get_for_id(target_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def entry_hash(row: Mapping[str, Any]) -> str:
    """The hash of one entry's content and the hash it follows (`row` holds COLUMNS)."""
    content = {
        "id": row["id"],
        "at": _when(row["at"]),
        "actor": row["actor_id"],
        "actor_name": row["actor_name"],
        "verb": row["verb"],
        "target_type": _target_type(row["target_type_id"]),
        "target_id": row["target_id"],
        "target_repr": row["target_repr"],
        "council": row["council_id"],
        "before": _same_number_everywhere(row["before"]),
        "after": _same_number_everywhere(row["after"]),
        "reason": row["reason"],
        "previous": row["previous_hash"],
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first entry that does not match the chain, and what is wrong with it."""

    id: int
    at: datetime.datetime
    verb: str
    problem: str


@dataclass(frozen=True)
class Walk:
    """What a walk along the chain found: how many entries, the last one, or the first break."""

    count: int
    last_id: int | None
    last_hash: str
    broken: Break | None


def chain_walk(rows: Iterable[Mapping[str, Any]]) -> Walk:
    """Recompute the chain over `rows` (COLUMNS, in id order, streamed) and stop at the first
    entry whose content does not match its hash (changed), whose previous hash is not the hash
    of the entry before it (broken), or that follows a gap in the ids where the chain also
    breaks (entries removed)."""
    count, previous_id, previous_hash = 0, None, GENESIS
    for row in rows:
        broken = None
        if entry_hash(row) != row["entry_hash"]:
            broken = CONTENT_CHANGED
        elif row["previous_hash"] != previous_hash:
            if previous_id is None:
                broken = FIRST_MISSING
            elif row["id"] > previous_id + 1:
                broken = ENTRY_MISSING.format(first=previous_id + 1, last=row["id"] - 1)
            else:
                broken = CHAIN_BROKEN.format(previous=previous_id)
        if broken:
            return Walk(
                count=count,
                last_id=previous_id,
                last_hash=previous_hash,
                broken=Break(id=row["id"], at=row["at"], verb=row["verb"], problem=broken),
            )
        count, previous_id, previous_hash = count + 1, row["id"], row["entry_hash"]
    return Walk(count=count, last_id=previous_id, last_hash=previous_hash, broken=None)


def chain_rows(queryset, *, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """The entries of `queryset` in id order, as the COLUMNS a walk needs, read in chunks so a
    trail of millions of entries is never held in memory at once."""
    return queryset.order_by("id").values(*COLUMNS).iterator(chunk_size=chunk_size)
