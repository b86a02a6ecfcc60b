"""Refuse UPDATE and DELETE on the audit trail inside the database itself.

The model already refuses them; triggers make the same promise to anything that reaches the
database by another road (a shell, a raw query, a future bug). SQLite and PostgreSQL both
support triggers, so both run the same rule.
"""

from django.db import migrations

TABLE = "audit_auditentry"

SQLITE_FORWARD = [
    f"""CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;""",
    f"""CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_no_update;",
    "DROP TRIGGER IF EXISTS audit_no_delete;",
]

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'The audit trail is append-only'
           USING ERRCODE = 'integrity_constraint_violation';
       END; $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();""",
    # TRUNCATE bypasses row triggers; test databases are flushed with it, so it stays allowed
    # for the table owner only through a statement trigger we do not add.
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER IF EXISTS audit_no_update_or_delete ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_refuse_change();",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(
        schema_editor.connection.vendor, []
    )
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(
        schema_editor.connection.vendor, []
    )
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
