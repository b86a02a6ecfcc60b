"""`manage.py verify_audit`: prove the audit trail is as it was written (issue 21 §5, ADR 0036).

Recomputes the hash chain in id order, reading the trail in chunks, and either says it is
intact (exit 0) or names the first entry that is not: its id, when, its action and what is
wrong (exit 1). The last entry's hash is printed too: kept somewhere else (an operations log),
it shows later that nothing was removed from the end, which no chain can show by itself.
"""

from django.core.management.base import BaseCommand, CommandError

from ecm.audit.chain import chain_rows, chain_walk
from ecm.audit.models import AuditEntry

INTACT = "The audit trail is intact: {entries}"
LAST = "The last entry is {id}; its hash is {hash}"
BROKEN = (
    "The audit trail is broken at entry {id} ({when:%Y-%m-%d %H:%M:%S} UTC, {verb}): {problem}. "
    "The {entries} before it {are} intact."
)


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


class Command(BaseCommand):
    help = "Check the audit trail's hash chain and name the first entry that was tampered with."

    def handle(self, *args, **options):
        walk = chain_walk(chain_rows(AuditEntry.objects.all()))
        if walk.broken is not None:
            broken = walk.broken
            raise CommandError(
                BROKEN.format(
                    id=broken.id,
                    when=broken.at,
                    verb=broken.verb,
                    problem=broken.problem,
                    entries=_entries(walk.count),
                    are="is" if walk.count == 1 else "are",
                )
            )
        self.stdout.write(INTACT.format(entries=_entries(walk.count)))
        if walk.last_id is not None:
            self.stdout.write(LAST.format(id=walk.last_id, hash=walk.last_hash))
