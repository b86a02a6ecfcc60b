"""Full-text search over the pack's text (ADR 0016): an FTS5 table kept in step by triggers on
SQLite, an expression GIN index on PostgreSQL. Each engine gets only its own."""

from django.db import migrations

from ecm.analysis.search import (
    POSTGRESQL_SETUP,
    POSTGRESQL_TEARDOWN,
    SQLITE_SETUP,
    SQLITE_TEARDOWN,
)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_SETUP, "postgresql": POSTGRESQL_SETUP}),
            _run({"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRESQL_TEARDOWN}),
        )
    ]
