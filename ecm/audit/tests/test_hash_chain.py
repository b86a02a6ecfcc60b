"""The audit trail is tamper-evident (issue 21 §5): a hash chain over its entries, and
`manage.py verify_audit` names the first entry changed, removed or broken by someone who got
round the append-only triggers with the database owner's rights. Run on SQLite and PostgreSQL.
"""

import itertools
from contextlib import contextmanager
from importlib import import_module
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ecm.apa.tests.factories import AssessmentFactory
from ecm.audit.chain import CHAIN_BROKEN, COLUMNS, GENESIS, entry_hash
from ecm.audit.models import AuditEntry
from ecm.audit.services import audit_record, council_of
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

_append_only = import_module("ecm.audit.migrations.0002_append_only_triggers")


@contextmanager
def owner_rights():
    """What the database's owner can do: put the append-only triggers aside, write, and put
    them back, as someone covering their tracks would."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for sql in _append_only.SQLITE_BACKWARD:
                cursor.execute(sql)
            yield cursor
            for sql in _append_only.SQLITE_FORWARD:
                cursor.execute(sql)
        else:
            # Django's foreign keys are checked at commit; ALTER TABLE wants none pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_no_update_or_delete")
            yield cursor
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_no_update_or_delete")


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def refused() -> str:
    with pytest.raises(CommandError) as error:
        verify()
    return str(error.value)


@pytest.fixture
def three(council, hmi):
    return [
        audit_record(actor=hmi, verb="plan.changed", target=council, reason=f"change {n}")
        for n in range(3)
    ]


def test_each_entry_follows_the_hash_of_the_one_before_issue_21_5(three):
    stored = list(AuditEntry.objects.order_by("id").values(*COLUMNS))
    assert stored[0]["previous_hash"] == GENESIS
    for before, entry in itertools.pairwise(stored):
        assert entry["previous_hash"] == before["entry_hash"]
    # What was stored hashes to what was written, read back from this database.
    assert all(entry_hash(row) == row["entry_hash"] for row in stored)
    assert len({row["entry_hash"] for row in stored}) == 3


def test_verify_audit_says_the_trail_is_intact_and_how_long_it_is_issue_21_5(three):
    said = verify()
    assert "The audit trail is intact: 3 entries" in said
    assert f"The last entry is {three[-1].pk}; its hash is {three[-1].entry_hash}" in said


def test_an_empty_trail_is_intact_issue_21_5():
    assert "The audit trail is intact: 0 entries" in verify()


def test_what_a_json_database_rewrites_still_hashes_the_same_issue_21_5(council):
    """PostgreSQL's jsonb sorts keys and reads 1e16 and 1e23 back as integers (the latter not
    the float's own): nothing breaks the hash."""
    audit_record(
        actor=None,
        verb="plan.changed",
        target=council,
        before={
            "z": 1.0,
            "a": [0.1, 1e16, 1e23, -2.5, 2**60, 10**400, 1e-7, True],
            "nested": {"b": None, "a": "é “quoted”"},
        },
        after={"when": "2007-10-31", "ratio": 1 / 3},
        reason="Line one\nline two",
    )
    assert "intact: 1 entry" in verify()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("reason", "rewritten"),
        ("verb", "user.created"),
        ("actor_name", "Someone else"),
        ("target_repr", "Another council"),
        ("council_id", None),
        ("after", '{"grade": 4}'),
    ],
)
def test_an_entry_changed_below_the_triggers_is_named_issue_21_5(three, column, value):
    middle = three[1]
    with owner_rights() as cursor:
        cast = "::jsonb" if column == "after" and connection.vendor == "postgresql" else ""
        # The column is one of this test's own names, never input.
        sql = f"UPDATE audit_auditentry SET {column} = %s{cast} WHERE id = %s"  # noqa: S608
        cursor.execute(sql, [value, middle.pk])
    said = refused()
    assert f"broken at entry {middle.pk} (" in said
    assert "its content does not match its hash" in said
    assert "The 1 entry before it is intact" in said


def test_a_removed_entry_is_named_by_the_entry_after_it_issue_21_5(three):
    with owner_rights() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [three[1].pk])
    said = refused()
    assert f"broken at entry {three[2].pk} (" in said
    assert f"entries before it are missing (from entry {three[1].pk} to entry {three[1].pk})" in (
        said
    )
    assert "plan.changed" in said


def test_the_first_entry_removed_is_found_too_issue_21_5(three):
    with owner_rights() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [three[0].pk])
    said = refused()
    assert f"broken at entry {three[1].pk} (" in said
    assert "earlier entries are missing" in said


def test_an_entry_rewritten_with_its_own_hash_redone_breaks_the_next_link_issue_21_5(three):
    """Someone who rewrites an entry and its hash still leaves the next entry pointing at the
    old hash: the break is named at the next entry."""
    middle = three[1]
    row = dict(AuditEntry.objects.filter(pk=middle.pk).values(*COLUMNS).get())
    row["reason"] = "rewritten"
    with owner_rights() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET reason = %s, entry_hash = %s WHERE id = %s",
            ["rewritten", entry_hash(row), middle.pk],
        )
    said = refused()
    assert f"broken at entry {three[2].pk} (" in said
    assert CHAIN_BROKEN.format(previous=middle.pk) in said


def test_an_entry_slipped_in_around_the_audit_trail_is_named_issue_21_5(three, council):
    with owner_rights() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, actor_name, verb, target_type_id, target_id, "
            "target_repr, reason, previous_hash, entry_hash) SELECT at, actor_name, verb, "
            "target_type_id, target_id, target_repr, 'slipped in', entry_hash, '' "
            "FROM audit_auditentry WHERE id = %s",
            [three[2].pk],
        )
    said = refused()
    slipped = AuditEntry.objects.get(reason="slipped in")
    assert f"broken at entry {slipped.pk} (" in said


def test_a_raw_rewrite_is_still_refused_and_the_trail_stays_intact_issue_21_5(three):
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:  # noqa: B017
        cursor.execute("UPDATE audit_auditentry SET reason = 'rewritten'")
    assert "intact: 3 entries" in verify()


def test_an_entry_knows_its_council_through_its_target_issue_21_6(council, link_officer, hmi):
    assessment = AssessmentFactory(council=council)
    assert council_of(council) == council.pk
    assert council_of(assessment) == council.pk
    assert council_of(link_officer) == council.pk
    assert council_of(hmi) is None
    entry = audit_record(actor=hmi, verb="assessment.created", target=assessment)
    assert entry.council_id == council.pk
    assert (
        audit_record(actor=None, verb="round.created", target=assessment.round).council_id is None
    )


@pytest.mark.django_db(transaction=True)
def test_writers_at_the_same_moment_do_not_fork_the_chain_issue_21_5(council):
    """Each writer reads the last hash and appends after it; PostgreSQL's advisory lock makes
    them take turns (SQLite's writers always do: its transactions begin IMMEDIATE)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time")

    def write(n):
        def call():
            with transaction.atomic():
                return audit_record(actor=None, verb="plan.changed", target=council, reason=n)

        return call

    written = at_once([write(str(n)) for n in range(6)])
    assert all(isinstance(entry, AuditEntry) for entry in written)
    assert "intact: 6 entries" in verify()


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_the_entries_already_there_and_keeps_the_triggers_issue_21_5(
    council, link_officer
):
    """Migration 0004 fills the hashes and councils of the entries written before it, past
    the triggers it drops for the fill, and leaves every trigger in place, on both databases."""
    call_command("migrate", "audit", "0003", verbosity=0)
    with connection.cursor() as cursor:
        for target, reason in ((council, "one"), (link_officer, "two"), (council, "three")):
            cursor.execute(
                "INSERT INTO audit_auditentry (at, actor_name, verb, target_type_id, target_id, "
                "target_repr, before, after, reason) VALUES (%s, 'Old', 'plan.changed', %s, %s, "
                "'old', NULL, %s, %s)",
                [
                    timezone.now(),
                    ContentType.objects.get_for_model(target).pk,
                    str(target.pk),
                    '{"grade": 2.0}',
                    reason,
                ],
            )
    call_command("migrate", "audit", verbosity=0)
    assert "intact: 3 entries" in verify()
    assert (
        list(AuditEntry.objects.order_by("id").values_list("council_id", flat=True))
        == [council.pk] * 3
    )
    audit_record(actor=None, verb="plan.changed", target=council, reason="after")
    assert "intact: 4 entries" in verify()
    first = AuditEntry.objects.order_by("id").first()
    for sql in _rewrites():
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [first.pk])
    assert "intact: 4 entries" in verify()


def _rewrites() -> list[str]:
    """Raw SQL that would change or remove the entry whose id is its one parameter."""
    rewrites = [
        "UPDATE audit_auditentry SET reason = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ]
    if connection.vendor == "sqlite":
        rewrites.append(
            "REPLACE INTO audit_auditentry (id, at, actor_name, verb, target_type_id, target_id, "
            "target_repr, reason, council_id, previous_hash, entry_hash) SELECT id, at, "
            "actor_name, verb, target_type_id, target_id, target_repr, 'rewritten', council_id, "
            "previous_hash, entry_hash FROM audit_auditentry WHERE id = %s"
        )
    return rewrites
