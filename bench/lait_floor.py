"""The LAIT import against its floor (issue 25 §1): `python -m bench.lait_floor [--repeat 5]`.

For each database (SQLite in a scratch file; PostgreSQL in a scratch database made and dropped
here, when one answers at BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/
postgres), in a child process of its own, medians of `repeat` runs, each from emptied tables
(vacuumed on PostgreSQL, as a new database's are: this cluster runs without autovacuum), of:

- the floor: pandas/pyarrow read LAIT's parquet and dictionary (tests' lait_frames), the engine
  computes every comparison, and as many rows as the import writes go into two plain tables of
  the same columns (a primary key only), by `executemany` on SQLite and COPY of pyarrow's CSV
  on PostgreSQL, in one transaction ("compute-and-write floor");
- our full import (`observations_import`, as the command calls it) on a database holding the
  councils and DfE's 2025 neighbours, with its stages, and its ratio to the floor run just
  before it (target <= 1.5; the median of those pairs' ratios, as for the share below);
- a changed release touching 5% of the rows: the same file with the values of the latest
  period of indicators taken in code order, each times 0.99, until 5% of the rows differ;
  imported after the full import and the upkeep its command runs after it (services/upkeep.py,
  untimed); as a % of the full import (target <= 25%);
- the same file again, in-process and through `manage.py import_indicators` in a subprocess
  (start-up included; target <= 1 s).

Rows are (label, figure): milliseconds unless the label ends ", ratio" or ", %". What dominated
each round of work on the import, and the figures before and after, are in decision 0048's
amendments and bench/RESULTS.md, not repeated here.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
import pyarrow.csv as pa_csv

from ecm.performance.engine.comparisons import comparisons_compute
from ecm.performance.engine.periods import periods_frame
from ecm.performance.tests.lait_frames import lait_frames
from tests.shared_data import SHARED_DATA

ROOT = Path(__file__).resolve().parents[1]
# Floor-and-import pairs; the ratios are medians of each pair's own ratio, so that a slow (or
# fast) minute moves both sides of a pair, not one side of the ratio.
REPEAT = 5
CHANGED_SHARE = 0.05
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SCRATCH_DATABASE = "ecm_bench_lait_floor"
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def run(*, databases: tuple[str, ...] = ("sqlite", "postgresql"), repeat: int = REPEAT):
    """(label, figure) rows for bench/__main__.py, each database in a child process; []
    without the LAIT files."""

    if not (SHARED_DATA / "lait" / "bds_long_0.parquet").exists():
        return []
    rows: list[tuple[str, float]] = []
    for database in databases:
        if database == "postgresql" and not _postgres_answers():
            continue
        with tempfile.TemporaryDirectory(prefix="ecm-lait-floor-") as out:
            target = Path(out) / "rows.json"
            command = [sys.executable, "-m", "bench.lait_floor", "--child", database]
            subprocess.run(  # noqa: S603  (our own module)
                [*command, "--repeat", str(repeat), "--json", str(target)], check=True, cwd=ROOT
            )
            rows += [tuple(row) for row in json.loads(target.read_text())]
    return rows


def _postgres_answers() -> bool:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return True
    except Exception:
        return False


# --- in the child ---------------------------------------------------------------------------


def _scratch(database: str) -> str:
    """A scratch database chosen before Django is set up; returns its DATABASE_URL."""
    if database == "sqlite":
        folder = tempfile.mkdtemp(prefix="ecm-lait-floor-")
        return f"sqlite:///{folder}/bench.sqlite3"

    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE}")
        admin.execute(f"CREATE DATABASE {SCRATCH_DATABASE}")
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{SCRATCH_DATABASE}"


def _drop_scratch(database: str) -> None:
    if database != "postgresql":
        return

    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")


def _changed_release(parquet: Path, target: Path) -> int:
    """The file with 5% of its rows revised (see the module docstring); returns how many."""

    raw = pd.read_parquet(parquet)
    parsed = periods_frame(raw["Years"], errors="coerce")
    raw_end = parsed["end_year"].to_numpy()
    value = pd.to_numeric(raw["Values"], errors="coerce")
    latest = (
        pd.DataFrame({"code": raw["Short Desc"], "end": raw_end})
        .groupby("code")["end"]
        .transform("max")
    )
    revisable = (raw_end == latest.to_numpy()) & value.notna().to_numpy() & (value != 0).to_numpy()
    wanted = int(len(raw) * CHANGED_SHARE)
    chosen = pd.Series(False, index=raw.index)
    for _code, rows in raw.loc[revisable].groupby("Short Desc").groups.items():
        chosen.loc[rows] = True
        if chosen.sum() >= wanted:
            break
    raw.loc[chosen, "Values"] = (value[chosen] * 0.99).round(6).astype(str)
    raw.to_parquet(target, index=False)
    return int(chosen.sum())


def _reset() -> None:
    """An empty performance app (councils and neighbours kept), as before a first import."""
    from django.db import connection, transaction  # noqa: PLC0415  (after setup)

    from ecm.performance import models  # noqa: PLC0415  (after setup)

    # Those that name another first: the fingerprints (decision 0048) name their indicator.
    names = ("Comparison", "CurrentValuesDigest", "Observation", "DataImport", "Indicator")
    tables = [getattr(models, name)._meta.db_table for name in names]
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
    if connection.vendor == "postgresql":  # the rows deleted gone, as in a new database
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(quote(t) for t in tables)}")


def _floor(data: Path) -> tuple[float, int, int]:
    """The compute-and-write floor: (ms, observations written, comparisons written)."""
    from django.db import connection, transaction  # noqa: PLC0415  (after setup)

    from ecm.performance.models import Comparison, Observation  # noqa: PLC0415  (after setup)
    from ecm.performance.services.comparison_rows import COLUMNS, sql_ready  # noqa: PLC0415  (after setup)

    tables = {"floor_observation": Observation, "floor_comparison": Comparison}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, model in tables.items():
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            columns = ", ".join(f"{quote(f.column)} {f.db_type(connection)}" for f in fields)
            key = "serial" if connection.vendor == "postgresql" else "integer"
            cursor.execute(f"CREATE TABLE {name} (id {key} PRIMARY KEY, {columns})")
    start = time.perf_counter()
    frames = lait_frames(data)
    result = comparisons_compute(**frames)
    published = frames["comparators"].rename(columns={"area": "council"})
    values = pd.concat([frames["observations"], published], ignore_index=True)
    indicator_id, _codes = pd.factorize(values["indicator"])
    is_council = values.index < len(frames["observations"])
    observations = pd.DataFrame(
        {
            "indicator_id": indicator_id + 1,
            "period": values["period"].to_numpy(dtype=object),
            "end_year": periods_frame(values["period"], errors="coerce")["end_year"]
            .fillna(0)
            .astype("int64")
            .to_numpy(),
            "area_kind": np.where(is_council, "council", "region").astype(object),
            "council_id": pd.array(
                np.where(is_council, pd.to_numeric(values["council"], errors="coerce"), np.nan),
                dtype="Int64",
            ),
            "region_id": pd.array([None] * len(values), dtype="Int64"),
            "value": values["value"].to_numpy(dtype=np.float64),
            "numerator": values["numerator"].to_numpy(dtype=np.float64),
            "denominator": values["denominator"].to_numpy(dtype=np.float64),
            "suppression": np.where(values["suppressed"].fillna(False), "c", "").astype(object),
            "data_import_id": np.ones(len(values), dtype=np.int64),
            "is_current": np.ones(len(values), dtype=bool),
        }
    )
    comparisons = sql_ready(
        result.assign(
            indicator_id=pd.Index(_codes).get_indexer(result["indicator"]) + 1,
            council_id=pd.to_numeric(result["council"]),
        )[COLUMNS]
    )
    with transaction.atomic():
        _write("floor_observation", observations)
        _write("floor_comparison", comparisons)
    ms = (time.perf_counter() - start) * 1000
    with connection.cursor() as cursor:
        for name in tables:
            cursor.execute(f"DROP TABLE {name}")
    return ms, len(observations), len(comparisons)


def _write(table: str, frame) -> None:
    """The plainest fast write: SQLite's executemany, PostgreSQL's COPY of pyarrow's CSV."""
    from django.db import connection  # noqa: PLC0415  (after setup)

    from ecm.performance.services.bulk import _python_columns  # noqa: PLC0415  (after setup)

    names = ", ".join(connection.ops.quote_name(c) for c in frame.columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
                for start in range(0, len(frame), 20_000):
                    buffer = io.BytesIO()
                    part = pa.Table.from_pandas(
                        frame.iloc[start : start + 20_000], preserve_index=False
                    )
                    pa_csv.write_csv(part, buffer, pa_csv.WriteOptions(include_header=False))
                    copy.write(buffer.getbuffer())
            return
        marks = ", ".join(["%s"] * len(frame.columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        for start in range(0, len(frame), 20_000):
            columns = _python_columns(frame.iloc[start : start + 20_000])  # as the import's
            cursor.executemany(sql, list(zip(*columns, strict=True)))


def child(database: str, *, repeat: int) -> list[tuple[str, float]]:
    os.environ["DATABASE_URL"] = url = _scratch(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    import django  # noqa: PLC0415  (after setup)

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415  (after setup)

    from ecm.authorities.services import councils_load, statistical_neighbours_import  # noqa: PLC0415  (after setup)
    from ecm.performance.services import observations_import  # noqa: PLC0415  (after setup)
    from ecm.performance.services.upkeep import tables_tidy  # noqa: PLC0415  (after setup)

    lait = SHARED_DATA / "lait"
    parquet, dictionary = lait / "bds_long_0.parquet", lait / "lait_data_dictionary.csv"
    name = NAMES[database]
    try:
        call_command("migrate", verbosity=0)
        councils_load()
        statistical_neighbours_import(path=lait / "sn_may_2025.xlsx")
        folder = Path(tempfile.mkdtemp(prefix="ecm-lait-changed-"))
        changed_file = folder / "bds_long_0_changed.parquet"
        changed_rows = _changed_release(parquet, changed_file)
        figures: dict[str, list[float]] = {}

        def keep(label: str, figure: float) -> None:
            figures.setdefault(label, []).append(figure)

        def lait_import(path: Path, progress=None):
            done = observations_import(
                actor=None, path=path, file_format="lait", companion=dictionary, progress=progress
            )
            assert done.status == "done", done.problems[:3]
            return done

        counts = {}
        for _ in range(repeat):
            floor_ms, observations, comparisons = _floor(SHARED_DATA)
            counts["floor"] = (observations, comparisons)
            keep("floor", floor_ms)
            _reset()
            stages: dict[str, float] = {}
            start = time.perf_counter()

            def progress(stage: str, done: int, total: int, stages=stages, start=start) -> None:
                stages.setdefault(stage, time.perf_counter() - start)

            done = lait_import(parquet, progress)
            full = (time.perf_counter() - start) * 1000
            keep("full", full)
            marks = [*stages.values(), full / 1000]
            for (stage, at), end in zip(stages.items(), marks[1:], strict=True):
                keep(f"stage {stage}", (end - at) * 1000)
            counts["full"] = done.values_created
            keep("full / floor", full / floor_ms)
            tables_tidy(data_import=done)  # untimed: after the import, as its command does
            start = time.perf_counter()
            changed = lait_import(changed_file)
            keep("changed", (time.perf_counter() - start) * 1000)
            keep("changed / full", 100 * figures["changed"][-1] / full)
            counts["changed"] = changed.values_revised
            start = time.perf_counter()
            assert lait_import(parquet).already_imported
            keep("again", (time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            subprocess.run(  # noqa: S603  (our own command)
                [
                    sys.executable,
                    "manage.py",
                    "import_indicators",
                    str(parquet),
                    "--format",
                    "lait",
                ],
                check=True,
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": url},
                capture_output=True,
            )
            keep("command", (time.perf_counter() - start) * 1000)
        median = {label: statistics.median(values) for label, values in figures.items()}
        observations, comparisons = counts["floor"]
        rows = [
            (
                f"LAIT floor on {name}: pandas/pyarrow read, the engine's comparisons, and "
                f"{observations:,} values and {comparisons:,} comparisons written to plain "
                "tables in one transaction",
                median["floor"],
            ),
            (
                f"LAIT import on {name}, full ({counts['full']:,} values and every comparison)",
                median["full"],
            ),
            *(
                (f"  of which {label.removeprefix('stage ').lower()}", value)
                for label, value in median.items()
                if label.startswith("stage ")
            ),
            (
                f"LAIT import on {name} / its floor run just before it (target 1.5), median of "
                f"{repeat} pairs, ratio",
                median["full / floor"],
            ),
            (
                f"LAIT changed release on {name} ({counts['changed']:,} values revised, "
                f"{changed_rows / 641_070:.0%} of the rows)",
                median["changed"],
            ),
            (
                f"LAIT changed release on {name} / the full import just before it (target 25), "
                f"median of {repeat} pairs, %",
                median["changed / full"],
            ),
            (f"LAIT file again on {name}, in-process (target 1,000)", median["again"]),
            (
                f"LAIT file again on {name}, manage.py import_indicators with its start-up",
                median["command"],
            ),
        ]
        return rows
    finally:
        from django.db import connections  # noqa: PLC0415  (after setup)

        connections.close_all()
        _drop_scratch(database)


def show(rows: list[tuple[str, float]]) -> None:
    for label, figure in rows:
        if label.endswith(", ratio"):
            print(f"{label.removesuffix(', ratio')}: {figure:.2f}x")
        elif label.endswith(", %"):
            print(f"{label.removesuffix(', %')}: {figure:.0f}%")
        else:
            print(f"{label.removesuffix(', ms')}: {figure:,.0f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--child", choices=sorted(NAMES))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--database", action="append", choices=sorted(NAMES))
    options = parser.parse_args(argv)
    if options.child:
        rows = child(options.child, repeat=options.repeat)
        if options.json:
            options.json.write_text(json.dumps(rows))
        else:
            show(rows)
        return
    databases = tuple(options.database or ("sqlite", "postgresql"))
    show(run(databases=databases, repeat=options.repeat))


if __name__ == "__main__":
    main()
