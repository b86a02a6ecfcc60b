"""Issue 25 §1, imports near the floor: every reference checked once per write (the big tables
have no database foreign keys, decision 0048) yet a bad one is still refused; comparisons
written again only for the indicators and periods whose values changed, and equal to a full
recompute. Timings are in bench/lait_floor.py, never here."""

from pathlib import Path

import pandas as pd
import pytest
from django.db import IntegrityError, connection, transaction

from ecm.authorities.services import statistical_neighbours_import
from ecm.performance.models import Comparison, DataImport, Indicator, Observation
from ecm.performance.services import bulk, comparison_plan, resolve, server_time
from ecm.performance.services.bulk import ReferenceMissing, frame_insert
from ecm.performance.services.comparisons import comparisons_refresh
from ecm.performance.tests.conftest import (
    CHANGED_YEAR,
    YEARS,
    build_world,
    import_definitions,
    import_long,
    world_councils,
)
from ecm.performance.tests.factories import DataImportFactory, IndicatorFactory
from tests.shared_data import shared_path


def _councils(real_councils) -> list[str]:
    return world_councils(real_councils)


def _stored() -> dict[int, tuple]:
    """Every stored comparison by pk: all its fields."""
    return {row[0]: row[1:] for row in Comparison.objects.values_list()}


def _by_key(stored: dict[int, tuple]) -> dict[tuple, tuple]:
    """Comparisons by (indicator, council, period), without their pks."""
    return {(row[0], row[1], row[2]): row for row in stored.values()}


def _revised(values: Path, *, code: str, year: str, target: Path) -> Path:
    """The same file with one indicator's values in one year raised (a revised release)."""
    frame = pd.read_csv(values, dtype=str, keep_default_na=False)
    rows = (frame["indicator"] == code) & (frame["period"] == year)
    assert rows.sum() > 10
    numbers = pd.to_numeric(frame.loc[rows, "value"])
    frame.loc[rows, "value"] = (numbers * 0.9 + 5).round(1).astype(str)
    frame.loc[rows, ["numerator", "denominator"]] = ""
    frame.to_csv(target, index=False)
    return target


@pytest.mark.django_db
def test_a_changed_release_rewrites_only_the_changed_indicator_and_later_periods(
    import_world, tmp_path, monkeypatch
):
    """Issue 25 §1: a release changing one indicator's values leaves every other indicator's
    comparisons untouched (same rows, same pks), and within the changed indicator the periods
    before the change and those too far after it for change or trend to read it. (SQLite
    rewrites a group's rows in place, keeping their pks: what is written is seen as it goes.)"""
    written: set[tuple[int, str]] = set()
    real = comparison_plan.rows_replace

    def noting(*, frame, whole, groups):
        assert not whole  # no indicator is replaced whole
        written.update(zip(groups["indicator_id"], groups["period"], strict=True))
        written.update(zip(frame["indicator_id"], frame["period"], strict=True))
        return real(frame=frame, whole=whole, groups=groups)

    monkeypatch.setattr(comparison_plan, "rows_replace", noting)
    before = _stored()
    changed_code = import_world["codes"][1]
    changed_id = Indicator.objects.get(code=changed_code).pk
    revised = _revised(
        import_world["values"], code=changed_code, year=CHANGED_YEAR, target=tmp_path / "v2.csv"
    )

    data_import = import_long(revised)

    assert data_import.status == "done", data_import.problems
    assert data_import.values_revised > 10
    later = {str(year) for year in range(int(CHANGED_YEAR), int(CHANGED_YEAR) + 5)}
    assert written == {(changed_id, period) for period in later}
    after = _stored()
    untouched = {pk for pk, row in before.items() if (row[0], row[2]) not in written}
    assert untouched and all(after.get(pk) == before[pk] for pk in untouched)
    assert {(row[0], row[2]) for pk, row in after.items() if pk not in untouched} == written
    before_by_key, after_by_key = _by_key(before), _by_key(after)
    in_written = [key for key in after_by_key if (key[0], key[2]) in written]
    assert any(before_by_key.get(key) != after_by_key[key] for key in in_written)  # rewritten
    assert len(after) == len(before)


@pytest.mark.django_db
def test_a_partial_refresh_equals_a_full_recompute(import_world, tmp_path):
    """Issue 25 §1: what the import wrote for the periods that changed (from the values it
    held in memory, nothing read back) is exactly what a full recompute from the database
    writes, field for field."""
    changed_code = import_world["codes"][0]
    revised = _revised(
        import_world["values"], code=changed_code, year=CHANGED_YEAR, target=tmp_path / "v2.csv"
    )
    assert import_long(revised).status == "done"
    partial = _by_key(_stored())

    written = comparisons_refresh(indicator_ids=None)

    full = _by_key(_stored())
    assert written == len(full) == len(partial)
    assert partial == full
    changed_id = Indicator.objects.get(code=changed_code).pk
    assert any(row[-2] != "not enough data" for key, row in full.items() if key[0] == changed_id)


@pytest.mark.django_db
def test_a_redefined_indicator_is_compared_again_in_every_period(import_world, tmp_path):
    """Issue 25 §1: an indicator whose engine fields change (its polarity here) has every
    period's comparisons rewritten, and they equal a full recompute."""
    code = import_world["codes"][2]
    before = _stored()
    indicator = Indicator.objects.get(code=code)
    definitions = tmp_path / "definitions2.csv"
    text = (tmp_path / "definitions.csv").read_text(encoding="utf-8")
    polarity = indicator.polarity
    flipped = "low" if polarity == "high" else "high"
    definitions.write_text(
        _flip(text, code=code, polarity=polarity, flipped=flipped), encoding="utf-8"
    )

    import_definitions(definitions)

    after = _stored()
    ours = {pk for pk, row in before.items() if row[0] == indicator.pk}
    assert not ours & after.keys()  # every period of it written again
    assert all(before[pk] == after[pk] for pk in before.keys() - ours)
    partial = _by_key(after)
    comparisons_refresh(indicator_ids=None)
    assert partial == _by_key(_stored())


def _flip(text: str, *, code: str, polarity: str, flipped: str) -> str:
    lines = text.splitlines()
    return "\n".join(
        line.replace(f",{polarity},", f",{flipped},", 1) if line.startswith(f"{code},") else line
        for line in lines
    )


@pytest.mark.django_db
def test_the_same_file_again_writes_no_comparison(import_world):
    """Issue 25 §1: a file whose values are all unchanged (a new checksum, the same values)
    compares nothing again."""
    before = _stored()
    frame = pd.read_csv(import_world["values"], dtype=str, keep_default_na=False)
    again = import_world["values"].with_name("again.csv")
    frame.iloc[::-1].to_csv(again, index=False)  # other bytes, the same values

    data_import = import_long(again)

    assert data_import.status == "done"
    assert data_import.values_created == data_import.values_revised == 0
    assert _stored() == before


@pytest.mark.django_db
def test_a_reference_to_a_missing_indicator_or_council_is_refused(real_councils):
    """Issue 25 §1 (decision 0048): without database foreign keys, the bulk writer still
    refuses a row naming an indicator or a council that does not exist, writing nothing."""
    data_import = DataImport.objects.create(file_name="x.csv", checksum="x", file_format="long")
    council = next(iter(real_councils.values()))
    rows = pd.DataFrame(
        {
            "indicator_id": [987654],
            "period": ["2025"],
            "end_year": [2025],
            "area_kind": ["council"],
            "council_id": pd.array([council.pk], dtype="Int64"),
            "region_id": pd.array([None], dtype="Int64"),
            "value": [1.0],
            "numerator": [float("nan")],
            "denominator": [float("nan")],
            "suppression": [""],
            "data_import_id": [data_import.pk],
            "is_current": [True],
        }
    )
    with pytest.raises(ReferenceMissing, match="987654"), transaction.atomic():
        frame_insert(model=Observation, frame=rows)
    assert not Observation.objects.exists()

    comparison = pd.DataFrame({"indicator_id": [987654], "council_id": [council.pk]})
    with pytest.raises(ReferenceMissing), transaction.atomic():
        frame_insert(model=Comparison, frame=comparison)
    indicator = Indicator.objects.create(
        code="X", title="X", outcome="staying_safe", polarity="high", value_type="count"
    )
    comparison = pd.DataFrame({"indicator_id": [indicator.pk], "council_id": [123456]})
    with pytest.raises(ReferenceMissing, match="123456"), transaction.atomic():
        frame_insert(model=Comparison, frame=comparison)
    assert not Comparison.objects.exists()


@pytest.mark.django_db
def test_an_import_whose_council_vanished_is_refused_whole(import_world, monkeypatch, tmp_path):
    """Issue 25 §1: a council id that no longer exists by the time the values are written
    (here, made up after resolving) refuses the import, and nothing of it is written."""
    real = resolve.resolve

    def vanished(frame, **kwargs):
        resolved = real(frame, **kwargs)
        councils = resolved.frame["council_id"]
        resolved.frame["council_id"] = councils.where(councils.isna(), 99999)
        return resolved

    monkeypatch.setattr("ecm.performance.services.imports.resolve", vanished)
    counts = (Observation.objects.count(), Comparison.objects.count())
    revised = _revised(
        import_world["values"],
        code=import_world["codes"][0],
        year="2014",
        target=tmp_path / "v.csv",
    )

    with pytest.raises(ReferenceMissing):
        import_long(revised)

    assert (Observation.objects.count(), Comparison.objects.count()) == counts
    assert DataImport.objects.filter(status="failed").count() == 1


def test_sqlite_cache_is_restored_after_a_write(db):
    """The page cache raised for a bulk write (decision 0048) goes back to the connection's
    own setting, whatever the write's outcome."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        with pytest.raises(RuntimeError), bulk._sqlite_cache(cursor):
            raise RuntimeError
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before


def _sqlite_indexes(table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL ORDER BY name",
            [table],
        )
        return cursor.fetchall()


def test_a_first_bulk_write_builds_its_indexes_again_after_the_insert(
    real_councils, monkeypatch, tmp_path
):
    """Issue 25 §1 (decision 0048): on SQLite a first import drops the big tables' secondary
    indexes and builds them after the insert, in its transaction. Afterwards every index is
    there as it was, and the unique ones still serve reads and refuse a second current value."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's bulk path")
    monkeypatch.setattr(bulk, "SQLITE_REBUILD_FROM_ROWS", 10)
    tables = [Observation._meta.db_table, Comparison._meta.db_table]
    before = {table: _sqlite_indexes(table) for table in tables}
    assert len(before[Observation._meta.db_table]) == 4
    during = []
    columns = bulk._python_columns

    def noting(frame):
        during.append(_sqlite_indexes(Observation._meta.db_table))
        return columns(frame)

    monkeypatch.setattr(bulk, "_python_columns", noting)
    build_world(tmp_path, councils=_councils(real_councils), indicators=3, years=YEARS)
    assert Observation.objects.count() > 10
    assert during[0] == []  # the first write, the observations: no secondary index meanwhile
    assert {table: _sqlite_indexes(table) for table in tables} == before
    row = Observation.objects.filter(is_current=True, area_kind="council").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(
            indicator_id=row.indicator_id,
            period=row.period,
            end_year=row.end_year,
            area_kind="council",
            council_id=row.council_id,
            value=1.0,
            data_import_id=row.data_import_id,
        )


def test_a_duplicate_in_a_first_bulk_write_is_refused_when_the_index_is_built(
    real_councils, monkeypatch
):
    """Decision 0048: with the indexes built after the insert, two current values for one
    council, indicator and period are still refused (when the unique index is built), nothing
    is written, and the table keeps its indexes (the DDL rolls back with the rest)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's bulk path")
    monkeypatch.setattr(bulk, "SQLITE_REBUILD_FROM_ROWS", 2)
    table = Observation._meta.db_table
    before = _sqlite_indexes(table)
    indicator = IndicatorFactory()
    data_import = DataImportFactory()
    council = real_councils[sorted(real_councils)[0]]
    rows = pd.DataFrame(
        {
            "indicator_id": [indicator.pk] * 3,
            "period": ["2020", "2020", "2021"],
            "end_year": [2020, 2020, 2021],
            "area_kind": ["council"] * 3,
            "council_id": [council.pk] * 3,
            "value": [1.0, 2.0, 3.0],
            "suppression": [""] * 3,
            "data_import_id": [data_import.pk] * 3,
            "is_current": [True] * 3,
        }
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        frame_insert(model=Observation, frame=rows)
    assert not Observation.objects.filter(indicator=indicator).exists()
    assert _sqlite_indexes(table) == before


def test_a_bulk_write_outside_a_transaction_keeps_its_indexes(db, monkeypatch):
    """Decision 0048: outside a transaction the indexes are never dropped (a failed insert
    would otherwise leave the table without them, DROP INDEX committed on its own)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's bulk path")
    monkeypatch.setattr(bulk, "SQLITE_REBUILD_FROM_ROWS", 1)
    table = Observation._meta.db_table
    before = _sqlite_indexes(table)
    with connection.cursor() as cursor:
        atomic = connection.in_atomic_block
        connection.in_atomic_block = False
        try:
            with bulk._sqlite_indexes_built_after(cursor, table=table, adding=10):
                inside = _sqlite_indexes(table)
        finally:
            connection.in_atomic_block = atomic
    assert inside == before


@pytest.mark.django_db
def test_a_refresh_with_no_indicator_writes_nothing(real_councils):
    """The neighbours imported before any indicator (a new installation) make every
    comparison again, of no indicator: nothing to write, and no error (decision 0040)."""
    statistical_neighbours_import(path=shared_path("data", "lait", "sn_may_2025.xlsx"))
    assert comparisons_refresh(indicator_ids=None) == 0
    assert comparisons_refresh(indicator_ids=[]) == 0


@pytest.mark.django_db
def test_postgresql_offers_each_batch_of_its_work_back_to_the_pages(real_councils, monkeypatch):
    """Decision 0055: on PostgreSQL the backend writes an import at the server's priority, so
    after each batch COPY sends, and after the close that waits for the server to finish, a
    niced import may pause (yield_after decides); on SQLite, which works in the niced process
    and holds one write lock, never."""
    offered: list[float] = []
    monkeypatch.setattr(server_time, "yield_after", lambda *, seconds: offered.append(seconds))
    monkeypatch.setattr(bulk, "BATCH", 1)
    indicator = IndicatorFactory()
    data_import = DataImportFactory()
    councils = [council.pk for council in list(real_councils.values())[:3]]
    frame = pd.DataFrame(
        {
            "indicator_id": [indicator.pk] * 3,
            "period": ["2025"] * 3,
            "end_year": [2025] * 3,
            "area_kind": ["council"] * 3,
            "council_id": pd.array(councils, dtype="Int64"),
            "region_id": pd.array([None] * 3, dtype="Int64"),
            "value": [1.0, 2.0, 3.0],
            "numerator": [float("nan")] * 3,
            "denominator": [float("nan")] * 3,
            "suppression": [""] * 3,
            "data_import_id": [data_import.pk] * 3,
            "is_current": [True] * 3,
        }
    )
    with transaction.atomic():
        frame_insert(model=Observation, frame=frame)
    assert Observation.objects.count() == 3
    if connection.vendor == "postgresql":
        assert len(offered) == 4  # the three batches, and the close that waits for them
        assert all(seconds >= 0 for seconds in offered)
    else:
        assert offered == []
