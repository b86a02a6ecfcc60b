"""Refuse REPLACE on the audit trail in SQLite (issue 21 §5).

SQLite's REPLACE (and INSERT OR REPLACE) deletes the conflicting row without firing its
DELETE trigger unless recursive triggers are on, so `REPLACE INTO audit_auditentry ... id=N`
rewrote an entry below 0002's triggers. An insert that names the id of an entry already there
is refused before SQLite resolves the conflict. Django's own inserts leave the id to SQLite
(NULL), so they pass. PostgreSQL has no REPLACE; its INSERT ... ON CONFLICT DO UPDATE fires the
BEFORE UPDATE trigger of 0002 and is refused there.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit_auditentry
        WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_auditentry WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS audit_no_replace;"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forward, backward)]
