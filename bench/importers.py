"""Benchmark of the file parsers on the real DfE files: `python -m bench.importers`.

`run()` returns (what, median milliseconds) rows for bench/__main__.py: `lait_observations` on
LAIT's whole `bds_long_0.parquet` (641,070 rows; the brief asks for well under 5 seconds),
`lait_definitions` on its data dictionary, `ees_observations` on the looked after children
file, and the table checks (ecm.core.uploads.tables) on the largest EES file. Each is the
median of three runs, reading the file included. No Django is needed.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from ecm.core.uploads import tables
from ecm.performance.importers import ees_observations, lait_definitions, lait_observations
from ecm.performance.importers.ees import MAPPINGS_DIR
from tests.shared_data import SHARED_DATA

DATA = SHARED_DATA
REPEAT = 3


def median_ms(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[tuple[str, float]]:
    """(what, median ms) for each parser on the real files; [] when the files are absent."""
    parquet = DATA / "lait" / "bds_long_0.parquet"
    if not parquet.exists():
        return []
    rows = len(lait_observations(parquet))
    cla = DATA / "ees" / "cla_number_and_rate_per_10k_children.csv"
    absence = (DATA / "ees" / "absence_la.csv").read_bytes()
    limits = tables.table_limits(tables.DATA)
    return [
        (
            f"lait_observations on the real parquet ({rows:,} rows)",
            median_ms(lambda: lait_observations(parquet)),
        ),
        (
            "lait_definitions on the real data dictionary (448 rows)",
            median_ms(lambda: lait_definitions(DATA / "lait" / "lait_data_dictionary.csv")),
        ),
        (
            "ees_observations, looked after children rate (2,505 rows, 3 indicators)",
            median_ms(lambda: ees_observations(cla, mapping=MAPPINGS_DIR / "cla_rate.yaml")),
        ),
        (
            "the checks every table import reads through, on EES absence_la.csv (17,221 rows, "
            "25 columns; decision 0039)",
            median_ms(lambda: tables.check_csv(absence, limits=limits)),
        ),
    ]


if __name__ == "__main__":
    for what, ms in run():
        print(f"{what}: {ms:.0f} ms")
