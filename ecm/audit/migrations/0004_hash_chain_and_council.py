"""Chain the audit trail by hash and give each entry its council (issue 21 §5-§6, ADR 0036).

The new columns are filled for the entries already there, in id order, exactly as
`audit_record` fills them for new ones. The append-only triggers refuse that UPDATE, so they are
dropped around the fill and put back in the same transaction. On SQLite adding a NOT NULL
column rebuilds the table, which drops every trigger on it: all of 0002's and 0003's are made
again at the end, on both databases, so the trail leaves this migration as guarded as before.
"""

from importlib import import_module

from django.db import migrations, models

from ecm.audit.chain import GENESIS, chain_rows, entry_hash
from ecm.audit.services import council_of

_append_only = import_module("ecm.audit.migrations.0002_append_only_triggers")
_no_replace = import_module("ecm.audit.migrations.0003_no_replace")


def _triggers(vendor: str, *, on: bool) -> list[str]:
    if vendor == "sqlite":
        if on:
            return [*_append_only.SQLITE_FORWARD, *_no_replace.SQLITE_FORWARD]
        return [*_append_only.SQLITE_BACKWARD, *_no_replace.SQLITE_BACKWARD]
    if vendor == "postgresql":
        return _append_only.POSTGRES_FORWARD if on else _append_only.POSTGRES_BACKWARD
    return []


def _council(apps, content_types, target_type_id: int, target_id: str) -> int | None:
    """The entry's council, read from its target as it is now (the best a past entry can get):
    None when the target's model or row is gone."""
    content_type = content_types.get(pk=target_type_id)
    try:
        model = apps.get_model(content_type.app_label, content_type.model)
        target = model._default_manager.filter(pk=target_id).first()
    except (LookupError, ValueError, TypeError):
        return None
    return council_of(target) if target is not None else None


def fill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    entries = apps.get_model("audit", "AuditEntry")
    content_types = apps.get_model("contenttypes", "ContentType").objects
    for sql in _triggers(vendor, on=False):
        schema_editor.execute(sql)
    previous, councils = GENESIS, {}
    for row in chain_rows(entries.objects.all()):
        key = (row["target_type_id"], row["target_id"])
        if key not in councils:
            councils[key] = _council(apps, content_types, *key)
        row = {**row, "council_id": councils[key], "previous_hash": previous}
        row["entry_hash"] = entry_hash(row)
        entries.objects.filter(pk=row["id"]).update(
            council_id=row["council_id"],
            previous_hash=row["previous_hash"],
            entry_hash=row["entry_hash"],
        )
        previous = row["entry_hash"]
    if vendor == "postgresql":
        # Foreign keys are checked at commit; changing a table's triggers wants none pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for sql in _triggers(vendor, on=True):
        schema_editor.execute(sql)


def triggers_again(apps, schema_editor):
    """Going back, SQLite rebuilds the table to drop the columns, which drops its triggers too:
    this runs last when going back, and makes them again."""
    vendor = schema_editor.connection.vendor
    for sql in [*_triggers(vendor, on=False), *_triggers(vendor, on=True)]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_no_replace"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, triggers_again),
        migrations.AddField(
            model_name="auditentry",
            name="council_id",
            field=models.PositiveBigIntegerField(
                blank=True,
                db_index=True,
                help_text="The council the target belongs to, when it belongs to one.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(
                default="",
                help_text="SHA-256 of this entry's content and previous_hash (ecm.audit.chain).",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(
                default="", help_text="The hash of the entry before this one.", max_length=64
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
