"""Issue 25 §1 (decision 0048): a revised release reads back only the periods whose
fingerprint (services/digests.py) differs from the file's; the rest are unchanged without a
read. What it stores must be exactly what reading every current value would have stored."""

import numpy as np
import pandas as pd
import pytest
from django.db import connection

from ecm.authorities.models import StatisticalNeighbourModel
from ecm.performance.models import CurrentValuesDigest, Indicator, Observation
from ecm.performance.services import digests, import_values, imports
from ecm.performance.services.comparison_plan import current_ordered
from ecm.performance.services.comparisons import comparisons_refresh
from ecm.performance.services.digests import GROUP
from ecm.performance.tests.conftest import CHANGED_YEAR, import_long
from ecm.performance.tests.test_import_speed_paths import _by_key, _revised, _stored

ROWS = pd.DataFrame(
    {
        "indicator_id": [1, 1, 1, 2],
        "period": ["2020", "2020", "2021", "2020"],
        "area_kind": ["council", "england", "council", "council"],
        "council_id": [10, -1, 10, 10],
        "region_id": [-1, -1, -1, -1],
        "value": [1.5, 2.0, np.nan, 0.0],
        "numerator": [np.nan] * 4,
        "denominator": [np.nan] * 4,
        "suppression": ["", "", "c", ""],
    }
)


FIGURES = ("value", "numerator", "denominator")


def _digest(frame: pd.DataFrame) -> dict:
    found = digests.value_digests(frame)
    return {(r.indicator_id, r.period): (r.rows, r.digest) for r in found.itertuples()}


def test_a_fingerprint_is_of_the_values_not_their_order():
    """The same rows in another order give the same fingerprints, one per indicator and
    period, counting its rows; -0.0 and 0.0 alike."""
    found = _digest(ROWS)
    assert set(found) == {(1, "2020"), (1, "2021"), (2, "2020")}
    assert found[(1, "2020")][0] == 2
    assert _digest(ROWS.iloc[::-1]) == found
    negative = ROWS.assign(value=ROWS["value"].replace(0.0, -0.0))
    assert _digest(negative) == found


def test_a_fingerprint_is_of_the_texts_not_how_pandas_holds_them():
    """A period's fingerprint is stored and compared later with one computed from another
    frame (the file's as Arrow strings, the database's as Python objects): the texts' dtype
    must not change it, nor may hashing them as categories (issue 25 §1) change a fingerprint
    stored before, which hashed them as Python strings."""
    as_objects = ROWS.astype({"area_kind": object, "suppression": object})
    as_arrow = ROWS.astype({"area_kind": "str", "suppression": "str"})
    found = _digest(as_objects)
    assert _digest(as_arrow) == found
    row = pd.util.hash_pandas_object(
        pd.DataFrame(
            {
                "area_kind": as_objects["area_kind"].to_numpy(dtype=object),
                "council_id": ROWS["council_id"].to_numpy(dtype=np.int64),
                "region_id": ROWS["region_id"].to_numpy(dtype=np.int64),
                **{c: ROWS[c].to_numpy(dtype=np.float64) + 0.0 for c in FIGURES},
                "suppression": as_objects["suppression"].to_numpy(dtype=object),
            }
        ),
        index=False,
    ).to_numpy()
    first = (ROWS["indicator_id"] == 1) & (ROWS["period"] == "2020")
    h = row[first.to_numpy()]
    assert found[(1, "2020")] == (2, f"{h.sum():016x}{(h * h).sum():016x}")


@pytest.mark.parametrize(
    ("column", "row", "changed"),
    [
        ("value", 0, 1.5000000001),
        ("suppression", 0, "c"),
        ("council_id", 0, 11),
        ("area_kind", 1, "region"),
        ("numerator", 2, 3.0),
    ],
)
def test_any_change_to_a_period_changes_its_fingerprint(column, row, changed):
    """A value, a suppression, the area: any change gives the period another fingerprint,
    and leaves the other periods' alone."""
    before = _digest(ROWS)
    altered = ROWS.copy()
    altered.loc[row, column] = changed
    after = _digest(altered)
    key = (ROWS.loc[row, "indicator_id"], ROWS.loc[row, "period"])
    assert after[key] != before[key]
    assert {k: v for k, v in after.items() if k != key} == {
        k: v for k, v in before.items() if k != key
    }


@pytest.mark.django_db
def test_a_revised_release_reads_back_only_the_periods_it_changes(
    import_world, tmp_path, monkeypatch
):
    """Only the revised period's current values are read back; the import counts every other
    value unchanged, and what it stores equals a full recompute."""
    read = []
    real = digests.current_read_groups

    def noting(groups, columns):
        read.append(groups.copy())
        return real(groups, columns)

    monkeypatch.setattr(import_values, "current_read_groups", noting)
    code = import_world["codes"][0]
    revised = _revised(
        import_world["values"], code=code, year=CHANGED_YEAR, target=tmp_path / "v.csv"
    )
    rows = len(pd.read_csv(revised))

    done = import_long(revised)

    assert done.status == "done", done.problems
    indicator_id = Indicator.objects.get(code=code).pk
    assert read[0][["indicator_id", "period"]].values.tolist() == [[indicator_id, CHANGED_YEAR]]
    assert done.values_revised > 10
    assert done.values_created == 0
    assert done.values_revised + done.values_unchanged == rows
    partial = _by_key(_stored())
    comparisons_refresh(indicator_ids=None)
    assert partial == _by_key(_stored())
    group = pd.DataFrame({"indicator_id": [indicator_id], "period": [CHANGED_YEAR]})
    now = digests.current_read_groups(group, import_values.CURRENT_COLUMNS)
    for column in ("council_id", "region_id"):
        now[column] = now[column].fillna(-1).astype("int64")
    fresh = digests.value_digests(now)
    stored = CurrentValuesDigest.objects.get(indicator_id=indicator_id, period=CHANGED_YEAR)
    [(rows_now, digest_now)] = fresh.loc[fresh["period"] == CHANGED_YEAR, ["rows", "digest"]].values
    assert (stored.rows, stored.digest) == (rows_now, digest_now)


@pytest.mark.django_db
def test_a_period_without_a_fingerprint_is_read_and_gets_one(import_world, tmp_path):
    """Values stored before fingerprints (or any period without one) are read and compared as
    before: the same file again changes nothing, and every period has its fingerprint after."""
    CurrentValuesDigest.objects.all().delete()
    observations = Observation.objects.count()
    again = tmp_path / "again.csv"
    again.write_text(
        import_world["values"].read_text() + "\n", encoding="utf-8"
    )  # another checksum

    done = import_long(again)

    assert done.status == "done", done.problems
    assert (done.values_created, done.values_revised) == (0, 0)
    assert Observation.objects.count() == observations
    periods = set(Observation.objects.filter(is_current=True).values_list("indicator_id", "period"))
    assert set(CurrentValuesDigest.objects.values_list("indicator_id", "period")) == periods


@pytest.mark.django_db
def test_a_release_of_one_year_keeps_the_other_years_in_the_comparisons(import_world, tmp_path):
    """A file holding one year, revised, leaves the other years current; the comparisons made
    (trends read the four years before) equal a full recompute from every current value."""
    frame = pd.read_csv(import_world["values"], dtype=str, keep_default_na=False)
    one_year = tmp_path / "one-year.csv"
    frame.loc[frame["period"] == CHANGED_YEAR].to_csv(one_year, index=False)
    revised = _revised(
        one_year, code=import_world["codes"][1], year=CHANGED_YEAR, target=tmp_path / "r.csv"
    )
    current = Observation.objects.filter(is_current=True).count()

    done = import_long(revised)

    assert done.status == "done", done.problems
    assert Observation.objects.filter(is_current=True).count() == current
    partial = _by_key(_stored())
    comparisons_refresh(indicator_ids=None)
    assert partial == _by_key(_stored())


@pytest.mark.django_db
def test_an_import_under_another_neighbour_model_compares_its_new_values(import_world, tmp_path):
    """Decision 0040 and issue 25 §1: when the neighbour model in use is not the one the stored
    comparisons were made with, every comparison is made again, and the revised indicator's
    from the values the import brings (not those it replaces): equal to a full recompute."""
    code = import_world["codes"][0]
    revised = _revised(
        import_world["values"], code=code, year=CHANGED_YEAR, target=tmp_path / "v.csv"
    )
    assert StatisticalNeighbourModel.objects.filter(compared=True).exists()
    StatisticalNeighbourModel.objects.update(compared=False)

    done = import_long(revised)

    assert done.status == "done", done.problems
    after_import = _by_key(_stored())
    comparisons_refresh(indicator_ids=None)
    assert after_import == _by_key(_stored())


@pytest.mark.django_db
def test_a_fingerprint_vouches_only_for_values_still_held(import_world, tmp_path):
    """Decision 0048: a fingerprint whose period has no current values (removed some other
    way) does not make the file's values of that period count as already stored."""
    indicator = Indicator.objects.get(code=import_world["codes"][2])
    held = Observation.objects.filter(indicator=indicator, period=CHANGED_YEAR, is_current=True)
    count = held.count()
    held.update(is_current=False)
    again = tmp_path / "again.csv"
    again.write_text(import_world["values"].read_text() + "\n", encoding="utf-8")

    done = import_long(again)

    assert done.status == "done", done.problems
    assert done.values_created == count
    assert (
        held.model.objects.filter(indicator=indicator, period=CHANGED_YEAR, is_current=True).count()
        == count
    )


@pytest.mark.django_db
def test_imports_take_their_turn_on_postgresql(import_world, tmp_path, monkeypatch):
    """Decision 0048: on PostgreSQL an import holds the imports' advisory lock while it reads
    the current values, so a second import waits rather than read what the first will change
    (a fingerprint written from a stale read would vouch for values no longer stored)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's advisory lock (SQLite's BEGIN IMMEDIATE does the same)")
    held = []
    real = imports.values_store

    def noting(frame):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                "AND pid = pg_backend_pid() AND objid = %s",
                [imports.IMPORT_LOCK],
            )
            held.append(cursor.fetchone()[0])
        return real(frame)

    monkeypatch.setattr(imports, "values_store", noting)
    again = tmp_path / "again.csv"
    again.write_text(import_world["values"].read_text() + "\n", encoding="utf-8")
    assert import_long(again).status == "done"
    assert held == [1]


@pytest.mark.django_db
def test_held_periods_are_the_named_indicators_periods_with_a_current_value(import_world):
    """Decision 0048: the periods read for a release are every (indicator, period) of the
    named indicators with a current value, as a DISTINCT over the current values finds them:
    none of another indicator, none whose values are all history. On PostgreSQL the index is
    walked from one period to the next (issue 25 §1), on SQLite read whole; both must agree
    with the plain query."""
    codes = import_world["codes"]
    named = list(Indicator.objects.filter(code__in=codes[:2]).values_list("pk", flat=True))
    history = Observation.objects.filter(indicator_id=named[0], period=CHANGED_YEAR)
    history.update(is_current=False)

    found = digests.held_periods(named)

    expected = set(
        Observation.objects.filter(indicator_id__in=named, is_current=True)
        .values_list("indicator_id", "period")
        .distinct()
    )
    pairs = {(int(i), str(p)) for i, p in found.itertuples(index=False)}
    assert pairs == expected
    assert len(found) == len(expected)  # each once
    assert (named[0], CHANGED_YEAR) not in pairs
    assert {i for i, _p in pairs} == set(named)
    assert digests.held_periods([]).empty


@pytest.mark.django_db
def test_the_periods_read_back_are_every_current_value_of_each_pair_typed(
    import_world, monkeypatch
):
    """Issue 25 §1: what a revised release reads back of the periods it changes is every
    current value of each (indicator, period) asked for and nothing else, in as many queries
    as it takes (here five pairs a query on PostgreSQL), with ids as integers: concatenated
    with an empty frame they became object columns, which made each step after them (the
    plan's sort and filters) about three times slower."""
    monkeypatch.setattr(digests, "_GROUPS_PER_QUERY", 5)
    pairs = sorted(set(Observation.objects.filter(is_current=True).values_list(*GROUP)))[1::2]
    groups = pd.DataFrame(pairs, columns=GROUP)
    Observation.objects.filter(pk=Observation.objects.filter(is_current=True).first().pk).update(
        is_current=False
    )  # a value no longer current is not read

    read = digests.current_read_groups(groups, ["pk", "indicator_id", "council_id", "value"])

    current = Observation.objects.filter(is_current=True)
    wanted = {pk for pk, *pair in current.values_list("pk", *GROUP) if tuple(pair) in set(pairs)}
    assert len(pairs) > 5
    assert sorted(read["pk"].tolist()) == sorted(wanted)
    assert read["pk"].dtype == np.int64 and read["indicator_id"].dtype == np.int64
    assert read["value"].dtype == np.float64
    none = digests.current_read_groups(groups.iloc[:0], ["pk", "indicator_id"])
    assert none.empty and list(none.columns) == ["pk", "indicator_id"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.django_db
def test_sqlite_looks_each_period_read_back_up_in_the_index():
    """Issue 25 §1: SQLite read the whole index of current values for each list of pairs
    (row-value IN); the JSON array joined to it is a lookup a pair ("SEARCH", not "SCAN")."""
    select = f"SELECT o.id FROM {Observation._meta.db_table} o "  # noqa: S608  (the model's)
    [(sql, params)] = list(digests._group_queries(select, [(1, "2020"), (2, "2021")]))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())

    assert "SEARCH o USING INDEX obs_current_period (indicator_id=? AND period=?)" in plan, plan
    assert "SCAN o" not in plan, plan


@pytest.mark.django_db
def test_a_first_import_holds_its_values_with_their_types():
    """Issue 25 §1: with nothing stored, the values read back are an empty frame, which
    (untyped) made every column of what the import holds for its comparisons an object column:
    the plan's sort, filters and merges then took about three times as long. Those values, and
    the plan's rows with an empty database read among them, keep the file's types."""
    new = ROWS.assign(end_year=2020, period=ROWS["period"].astype("str"))

    stored = import_values.values_store(new)
    held = stored.current_of([1, 2])
    untyped_read = pd.DataFrame(columns=import_values.CURRENT_COLUMNS)
    rows = current_ordered([held, untyped_read])

    for frame in (held, rows, stored.fingerprints):
        assert frame["indicator_id"].dtype == np.int64, frame.dtypes
        assert frame["period"].dtype == "str", frame.dtypes
    assert rows["council_id"].dtype == np.int64 and rows["value"].dtype == np.float64
    assert len(rows) == len(ROWS)
