"""Issue 25 §1 on SQLite (decision 0048, sixth-session amendment): the big tables' rows go in
INSERTs of many rows each, not one statement a row (their AUTOINCREMENT ids cost a read and a
write of sqlite_sequence a statement), within the library's limit on parameters; and a first
import's comparisons, written a step at a time, build their secondary index once, after the
last step. Timings are in bench/lait_floor.py, never here."""

import math
import sqlite3

import pandas as pd
import pytest
from django.db import IntegrityError, connection, transaction

from ecm.performance.models import Comparison, Observation
from ecm.performance.services import bulk, imports
from ecm.performance.services.bulk import frame_insert
from ecm.performance.services.comparison_rows import (
    COLUMNS,
    FIXED_BY_KEY,
    KEY,
    rows_replace,
    sql_ready,
)
from ecm.performance.tests.conftest import YEARS, build_world, world_councils
from ecm.performance.tests.factories import DataImportFactory, IndicatorFactory
from ecm.performance.tests.test_import_speed_paths import _sqlite_indexes as _indexes

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's bulk path")


def _rows(real_councils, count: int) -> pd.DataFrame:
    """`count` current council values of a new indicator, one a period, with NULLs."""
    indicator = IndicatorFactory()
    data_import = DataImportFactory()
    council = real_councils[sorted(real_councils)[0]]
    return pd.DataFrame(
        {
            "indicator_id": [indicator.pk] * count,
            "period": [str(2000 + i) for i in range(count)],
            "end_year": [2000 + i for i in range(count)],
            "area_kind": ["council"] * count,
            "council_id": [council.pk] * count,
            "value": [float("nan") if i % 3 == 0 else i / 7 for i in range(count)],
            "numerator": [float(i) if i % 2 else float("nan") for i in range(count)],
            "suppression": ["c" if i % 3 == 0 else "" for i in range(count)],
            "data_import_id": [data_import.pk] * count,
            "is_current": [True] * count,
        }
    )


def _inserts(statements: list[str]) -> int:
    table = Observation._meta.db_table
    return sum(1 for s in statements if s.lstrip().startswith(f'INSERT INTO "{table}"'))


def test_rows_go_in_statements_of_many_rows_each_the_last_shorter(real_councils, monkeypatch):
    """Ten rows at four a statement: three INSERTs (4, 4, 2), and every row stored as it was,
    NaN as NULL."""
    monkeypatch.setattr(bulk, "SQLITE_ROWS_PER_INSERT", 4)
    rows = _rows(real_councils, 10)
    statements: list[str] = []
    connection.ensure_connection()
    connection.connection.set_trace_callback(statements.append)
    try:
        assert frame_insert(model=Observation, frame=rows) == 10
    finally:
        connection.connection.set_trace_callback(None)

    assert _inserts(statements) == 3
    stored = list(
        Observation.objects.filter(indicator_id=rows["indicator_id"][0])
        .order_by("end_year")
        .values_list("period", "value", "numerator", "suppression")
    )
    expected = [
        (p, None if math.isnan(v) else v, None if math.isnan(n) else n, s)
        for p, v, n, s in rows[["period", "value", "numerator", "suppression"]].itertuples(
            index=False
        )
    ]
    assert stored == expected


def test_fewer_rows_a_statement_when_the_library_allows_fewer_parameters(real_councils):
    """SQLite refuses a statement with more parameters than its limit (999 before 3.32): the
    rows a statement follow the limit of the library in use, here lowered to 30 (two rows of
    ten columns a statement, three)."""
    rows = _rows(real_councils, 7)
    connection.ensure_connection()
    limit = sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
    before = connection.connection.setlimit(limit, 30)
    statements: list[str] = []
    connection.connection.set_trace_callback(statements.append)
    try:
        assert bulk._sqlite_rows_per_statement(len(rows.columns)) == 3
        assert frame_insert(model=Observation, frame=rows) == 7
    finally:
        connection.connection.set_trace_callback(None)
        connection.connection.setlimit(limit, before)
    assert _inserts(statements) == 3  # 3, 3, 1
    assert Observation.objects.filter(indicator_id=rows["indicator_id"][0]).count() == 7


def test_a_first_imports_comparisons_build_their_index_once_after_the_last_step(
    real_councils, monkeypatch, tmp_path
):
    """A first import's comparisons are written a step of indicators at a time: the table's
    secondary index is absent through every step (each insert alone would have dropped it for
    its first step only) and there as before once the import has committed."""
    monkeypatch.setattr(bulk, "SQLITE_REBUILD_FROM_ROWS", 10)
    monkeypatch.setattr(imports, "COMPARED_ROWS_PER_STEP", 1)  # an indicator a step
    table = Comparison._meta.db_table
    before = _indexes(table)
    assert before  # the profile's index: the test can fail
    during = []
    columns = bulk._python_columns

    def noting(frame):
        if "rank" in frame.columns:  # a comparisons' write
            during.append(_indexes(table))
        return columns(frame)

    monkeypatch.setattr(bulk, "_python_columns", noting)
    build_world(tmp_path, councils=world_councils(real_councils), indicators=3, years=YEARS)

    assert len(during) >= 3 and all(indexes == [] for indexes in during)
    assert _indexes(table) == before
    assert Comparison.objects.count() > 0


def test_a_changed_releases_comparisons_keep_the_index_their_rewrites_use(
    real_councils, monkeypatch, tmp_path
):
    """With comparisons already stored, their rows are rewritten in place through the unique
    index and stale ones deleted through it: the indexes are kept through every step."""
    monkeypatch.setattr(bulk, "SQLITE_REBUILD_FROM_ROWS", 10)
    build_world(
        tmp_path / "first", councils=world_councils(real_councils), indicators=3, years=YEARS
    )
    table = Comparison._meta.db_table
    before = _indexes(table)
    monkeypatch.setattr(imports, "COMPARED_ROWS_PER_STEP", 1)
    during = []
    columns = bulk._python_columns

    def noting(frame):
        if "rank" in frame.columns:
            during.append(_indexes(table))
        return columns(frame)

    monkeypatch.setattr(bulk, "_python_columns", noting)
    with transaction.atomic():
        build_world(
            tmp_path / "again",
            councils=world_councils(real_councils),
            indicators=3,
            years=[*YEARS[1:], YEARS[-1] + 1],
        )
    assert during and all(indexes == before for indexes in during)


def _group_frame(indicator_id: int, period: str) -> pd.DataFrame:
    """A group's stored comparisons as the plan writes them (COLUMNS, sql_ready)."""
    rows = Comparison.objects.filter(indicator_id=indicator_id, period=period).order_by(
        "council_id"
    )
    return sql_ready(
        pd.DataFrame.from_records(rows.values_list(*COLUMNS), columns=COLUMNS, coerce_float=True)
    )


@pytest.mark.django_db
def test_a_groups_comparisons_are_rewritten_in_place_and_a_row_no_longer_given_goes(
    import_world,
):
    """Issue 25 §1 (decision 0048, seventh-session amendment): SQLite rewrites a changed
    group's comparisons in place (same pks, new figures) rather than deleting and inserting
    them through every index; a group with a stored row the new ones do not give (its council
    has no current value now) is written again whole, without that row; every other group is
    left as it was."""
    (first, second, other) = (
        Comparison.objects.values_list("indicator_id", "period")
        .distinct()
        .order_by("indicator_id", "period")[:3]
    )
    untouched = _group_frame(*other)
    pks = dict(
        Comparison.objects.filter(indicator_id=first[0], period=first[1]).values_list(
            "council_id", "pk"
        )
    )
    new_first = _group_frame(*first).assign(value=lambda f: f["value"] + 1)
    new_second = _group_frame(*second).assign(value=lambda f: f["value"] + 2).iloc[1:]
    assert len(new_second) > 1
    groups = pd.DataFrame([first, second], columns=["indicator_id", "period"])

    written = rows_replace(
        frame=pd.concat([new_first, new_second], ignore_index=True), whole=[], groups=groups
    )

    assert written == len(new_first) + len(new_second)
    pd.testing.assert_frame_equal(_group_frame(*first), new_first)
    assert (
        dict(
            Comparison.objects.filter(indicator_id=first[0], period=first[1]).values_list(
                "council_id", "pk"
            )
        )
        == pks
    )
    pd.testing.assert_frame_equal(_group_frame(*second), new_second.reset_index(drop=True))
    pd.testing.assert_frame_equal(_group_frame(*other), untouched)


def test_a_rewrite_in_place_sets_no_indexed_column_and_refuses_a_repeated_key(import_world):
    """SQLite rewrites an index whenever one of its columns is set, changed or not: the upsert
    sets neither the key nor the end year the key fixes (the profile's index holds it), and
    does nothing where nothing else is given. A frame repeating a key, which the upsert would
    merge into one row, is refused as an insert would be."""
    clause = bulk._sqlite_in_place(COLUMNS, KEY, FIXED_BY_KEY)
    for column in (*KEY, *FIXED_BY_KEY):
        assert f'"{column}" = excluded' not in clause
    assert '"value" = excluded."value"' in clause
    assert bulk._sqlite_in_place(list(KEY), KEY, ()).endswith("DO NOTHING")
    indicator_id, period = Comparison.objects.values_list("indicator_id", "period").first()
    group = _group_frame(indicator_id, period)
    repeated = pd.concat([group, group.iloc[:1]], ignore_index=True)
    groups = pd.DataFrame([(indicator_id, period)], columns=["indicator_id", "period"])

    with pytest.raises(IntegrityError), transaction.atomic():
        rows_replace(frame=repeated, whole=[], groups=groups)
    pd.testing.assert_frame_equal(_group_frame(indicator_id, period), group)
