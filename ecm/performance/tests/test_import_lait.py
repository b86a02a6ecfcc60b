"""The real DfE LAIT file through `manage.py import_indicators` (issue 3 §2, "Done when": the
real LAIT and EES files import through the command and the page).

The full import (641,070 rows) runs once for the module, inside a transaction rolled back at
the end (conftest.rolled_back); each test reads it.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from ecm.authorities.services import councils_load
from ecm.performance.models import AreaKind, Comparison, DataImport, Indicator, Observation
from ecm.performance.tests.conftest import rolled_back, shared_data_dir

LAIT_ROWS = 641_070  # ../shared/data/README.md


@pytest.fixture(scope="module")
def lait(django_db_setup, django_db_blocker):
    """The councils and the whole LAIT file, imported by the command (the dictionary is found
    beside the parquet file), with what the command printed."""
    folder = shared_data_dir() / "lait"
    with rolled_back(django_db_blocker):
        councils_load()
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "import_indicators",
            str(folder / "bds_long_0.parquet"),
            "--format",
            "lait",
            stdout=out,
            stderr=err,
        )
        # PostgreSQL checks deferred foreign keys at each test's teardown (Django's
        # TestCase), and a savepoint's rollback brings the 600,000 pending checks back each
        # time (10 s a test): fire them once here, at the module's level.
        connection.check_constraints()
        yield {
            "folder": folder,
            "import": DataImport.objects.get(),
            "stdout": out.getvalue(),
            "stderr": err.getvalue(),
        }


def test_the_whole_lait_file_imports(lait, db):
    """Issue 3 §2: the real LAIT parquet and its dictionary import fully: every one of the
    641,070 rows is either a value or left out for a stated reason."""
    data_import = lait["import"]

    assert data_import.status == "done", data_import.problems[:5]
    assert data_import.file_format == "lait"
    assert data_import.values_created == Observation.objects.count()
    assert 630_000 < data_import.values_created < LAIT_ROWS
    assert data_import.values_created + data_import.rows_skipped == LAIT_ROWS
    assert data_import.indicators_created == Indicator.objects.count() == 434
    assert Comparison.objects.count() == Observation.objects.filter(area_kind="council").count()
    assert data_import.rows_done == data_import.rows_total > 0


def test_england_and_the_regions_are_kept_as_published_comparators(lait, db):
    """Issue 3 §2: rows for England and the regions are kept as the published comparators."""
    kinds = set(Observation.objects.values_list("area_kind", flat=True).distinct())
    assert kinds == {AreaKind.COUNCIL, AreaKind.ENGLAND, AreaKind.REGION}
    regions = set(
        Observation.objects.filter(area_kind=AreaKind.REGION)
        .values_list("region__name", flat=True)
        .distinct()
    )
    assert len(regions) == 9
    assert "Yorkshire and The Humber" in regions  # LAIT spells it "Yorkshire and the Humber"
    assert Comparison.objects.filter(england_computed=False, england__isnull=False).exists()


def test_inner_and_outer_london_are_left_out_with_a_note(lait, db):
    """Issue 3 §2: Inner and Outer London are neither councils nor regions: left out, and the
    import says how many rows and why."""
    notes = lait["import"].notes
    assert any("Inner and Outer London" in note and "left out" in note for note in notes)
    assert lait["import"].rows_skipped > 0
    # The command prints the notes after its summary.
    assert all(note in lait["stdout"] for note in notes)


def test_the_command_reports_progress_and_a_summary(lait, db):
    """Issue 3 §2: long imports show progress on the command line."""
    assert "Reading the file…" in lait["stderr"]
    assert "Saving the values…" in lait["stderr"]
    assert f"{LAIT_ROWS:,} of {LAIT_ROWS:,} rows (100%)" in lait["stderr"]
    created = lait["import"].values_created
    assert f"Imported bds_long_0.parquet: {created:,} values added" in lait["stdout"]


def test_importing_the_lait_file_again_changes_nothing(lait, db):
    """Issue 3 §2: re-importing the same file changes nothing: no new import, no new value,
    and the command says it was imported before."""
    values, imports_before = Observation.objects.count(), DataImport.objects.count()
    out = io.StringIO()

    call_command(
        "import_indicators",
        str(lait["folder"] / "bds_long_0.parquet"),
        "--format",
        "lait",
        "--dictionary",
        str(lait["folder"] / "lait_data_dictionary.csv"),
        stdout=out,
        stderr=io.StringIO(),
    )

    assert "This file was imported before" in out.getvalue()
    assert "nothing has changed" in out.getvalue()
    assert DataImport.objects.count() == imports_before
    assert Observation.objects.count() == values
    assert not Observation.objects.filter(is_current=False).exists()


def test_leicestershire_has_a_profile_from_lait(lait, db):
    """The imported values reach the profile: Leicestershire has comparisons, each with a
    published England value where LAIT gives one."""
    rows = Comparison.objects.filter(council__la_number="855")
    assert rows.count() > 1000
    assert rows.filter(england__isnull=False, england_computed=False).count() > 1000
