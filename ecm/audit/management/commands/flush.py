"""`flush`, which empties every table, lifting the audit trail's SQLite triggers while it runs.

Django's own flush empties SQLite tables with DELETE, which the append-only triggers refuse;
on PostgreSQL it uses TRUNCATE, which row triggers never see. Flushing is the one sanctioned
way to empty the trail (a whole-database wipe, used by tests that run a live server), so the
triggers are dropped for that statement and put back at once, in the same transaction.
"""

from importlib import import_module

from django.core.management.commands import flush
from django.db import connections, transaction

_triggers = import_module("ecm.audit.migrations.0002_append_only_triggers")


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for sql in _triggers.SQLITE_BACKWARD:
                cursor.execute(sql)
            try:
                return super().handle(**options)
            finally:
                for sql in _triggers.SQLITE_FORWARD:
                    cursor.execute(sql)
