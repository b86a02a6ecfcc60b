"""The audit trail is append-only, with who, when, what and why (quality bar: Security)."""

from datetime import date

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from ecm.audit.models import AuditEntry, AuditTrailIsAppendOnly
from ecm.audit.selectors import audit_history
from ecm.audit.services import SYSTEM_ACTOR_NAME, audit_record
from ecm.authorities.tests.factories import CouncilFactory

pytestmark = pytest.mark.django_db


def test_an_entry_records_who_what_to_which_object_before_after_and_why(hmi, council):
    entry = audit_record(
        actor=hmi,
        verb="test.changed",
        target=council,
        before={"a": 1},
        after={"a": 2},
        reason="because",
    )
    assert entry.actor == hmi
    assert entry.actor_name == hmi.get_full_name()
    assert entry.target_repr == str(council)
    assert (entry.before, entry.after, entry.reason) == ({"a": 1}, {"a": 2}, "because")
    assert list(audit_history(target=council)) == [entry]


def test_the_system_is_named_when_no_person_acted(council):
    entry = audit_record(actor=None, verb="import", target=council)
    assert entry.actor is None
    assert entry.actor_name == SYSTEM_ACTOR_NAME


def test_dates_are_stored_as_text_so_the_entry_keeps_what_was_seen(council):
    entry = audit_record(actor=None, verb="x", target=council, after={"due": date(2007, 5, 31)})
    entry.refresh_from_db()
    assert entry.after == {"due": "2007-05-31"}


def test_the_model_refuses_to_change_or_delete_an_entry(council):
    entry = audit_record(actor=None, verb="x", target=council)
    entry.reason = "rewritten"
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET reason = 'rewritten'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_the_database_refuses_to_change_or_delete_entries_below_the_orm(council, sql):
    audit_record(actor=None, verb="x", target=council, reason="original")
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEntry.objects.get().reason == "original"


def _rewrites(vendor: str) -> list[str]:
    """Raw SQL that would rewrite the entry whose id is its one parameter, in place."""
    columns = (
        "id, verb, reason, actor_id, actor_name, target_type_id, target_id, target_repr, "
        "before, after, at"
    )
    copy = (
        "SELECT id, 'rewritten', 'rewritten', actor_id, actor_name, target_type_id, target_id, "
        "target_repr, before, after, at FROM audit_auditentry WHERE id = %s"
    )
    if vendor == "sqlite":
        return [
            f"REPLACE INTO audit_auditentry ({columns}) {copy}",
            f"INSERT OR REPLACE INTO audit_auditentry ({columns}) {copy}",
            # The SELECT's own WHERE lets SQLite read ON CONFLICT as the upsert's.
            f"INSERT INTO audit_auditentry ({columns}) {copy} "
            "ON CONFLICT(id) DO UPDATE SET reason = 'rewritten'",
        ]
    return [
        f"INSERT INTO audit_auditentry ({columns}) {copy} "
        "ON CONFLICT (id) DO UPDATE SET reason = 'rewritten'",
    ]


def test_raw_sql_cannot_rewrite_an_entry_on_either_database_issue_21_5(council):
    """Issue 21 §5: REPLACE INTO rewrote an entry's verb and reason on SQLite (REPLACE deletes
    without firing the delete trigger). Every raw rewrite is refused, on both databases."""
    entry = audit_record(actor=None, verb="x", target=council, reason="original")
    for sql in _rewrites(connection.vendor):
        with (
            pytest.raises(IntegrityError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.reason) == ("x", "original")


def test_no_page_or_admin_can_change_the_trail(administrator, client):
    model_admin = admin.site._registry[AuditEntry]
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)
    assert not model_admin.has_add_permission(None)


def test_administrators_read_the_whole_trail(administrator, client, council):
    audit_record(actor=administrator, verb="plan.changed", target=council, reason="a reason")
    client.force_login(administrator)
    page = client.get("/audit/?action=plan.changed")
    assert page.status_code == 200
    assert "Council&#x27;s programme plan changed" in page.content.decode()
    assert "a reason" in page.content.decode()


def test_inspectors_cannot_read_the_whole_trail(hmi, client):
    client.force_login(hmi)
    assert client.get("/audit/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_trail_and_leaves_it_append_only_afterwards(council):
    """A whole-database flush (tests with a live server) may empty the trail; nothing else may."""
    audit_record(actor=None, verb="x", target=council, reason="before the flush")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    audit_record(actor=None, verb="x", target=CouncilFactory(), reason="after the flush")
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.count() == 1
