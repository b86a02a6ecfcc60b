"""The large tables made ready for the pages after an import (issue 25 §4; decision 0048's
sixth-session amendment).

An import writes hundreds of thousands of rows into the values' and comparisons' tables; a
changed release also leaves as many dead row versions behind. On PostgreSQL a council's profile
reads its values by index-only scans, which skip the table only for pages the visibility map
marks all-visible, and only VACUUM sets that map. Measured on the load test's database (the demo
with the LAIT file just imported; 7 December 2026, this 2-core machine), the LAIT council's
profile page took 64 ms before a VACUUM, 64 ms after an ANALYZE alone and 57 ms after
`VACUUM (ANALYZE)`; after a changed release, the profile's query took 13.3 ms until a VACUUM
and 5.5 ms after it (bench/RESULTS.md). Autovacuum would get there in the end (production must
keep it on; the README says so), but the pages should not wait for its next round, and a server
where it is off would never get there.

So the task (and the command) that imported the file runs `VACUUM (ANALYZE)` of the two tables
once the import has committed and its page says it is done: nobody waits for it. SQLite has no
visibility map and its planner needs no statistics for these queries: nothing is done there.
"""

from django.db import connection

from ecm.performance.models import Comparison, DataImport, ImportStatus, Observation
from ecm.performance.services.server_time import server_at_work

TIDIED = (Observation, Comparison)


def tables_tidy(*, data_import: DataImport) -> bool:
    """`VACUUM (ANALYZE)` the values' and comparisons' tables after `data_import` wrote to
    them, on PostgreSQL; returns whether it ran. Not for a refused import, a file seen before,
    or inside a transaction (VACUUM cannot run in one: the import's own caller, a test)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    if data_import.status != ImportStatus.DONE or getattr(data_import, "already_imported", False):
        return False
    if not (data_import.values_created or data_import.values_revised):
        return False
    quote = connection.ops.quote_name
    tables = ", ".join(quote(model._meta.db_table) for model in TIDIED)
    # The server's work for this import, offered back to waiting pages as its writes are.
    with server_at_work(), connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")  # names from the models' own metadata
    return True
