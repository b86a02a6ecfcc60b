"""Benchmark of the statistics engine on the whole DfE LAIT dataset: `python -m bench.engine`.

`run()` returns (what, figure) rows for bench/__main__.py: the median milliseconds of five runs
of `comparisons_compute` over every council row of LAIT's `bds_long_0.parquet` (about 596,000
rows, 434 indicators), its peak memory in MiB (a separate run under tracemalloc, which sees
numpy's and pandas' allocations), and a plain pandas groupby baseline over the same rows
(mean, median, count, min-rank and quartiles per indicator and period), which computes a small
part of what the engine does. Loading the files is not timed. No Django is needed.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ecm.performance.engine.comparisons import comparisons_compute
from ecm.performance.tests.lait_frames import lait_frames
from tests.shared_data import SHARED_DATA

DATA = SHARED_DATA
REPEAT = 5


def _median_ms(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _peak_mib(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def _baseline(observations: pd.DataFrame) -> None:
    """What plain pandas groupby gives: mean, median, count, rank, quartiles per group."""
    grouped = observations.groupby(["indicator", "period"])["value"]
    grouped.agg(["mean", "median", "count"])
    grouped.rank(method="min", ascending=False)
    grouped.quantile([0.25, 0.5, 0.75])


def run(data: Path = DATA) -> list[tuple[str, float]]:
    """(what, figure) rows; empty when the LAIT data are not beside the repository."""
    if not (data / "lait" / "bds_long_0.parquet").exists():
        return []
    frames = lait_frames(data)
    n = len(frames["observations"])
    n_indicators = frames["observations"]["indicator"].nunique()

    def engine() -> pd.DataFrame:
        return comparisons_compute(**frames)

    engine()  # warm up (first-call costs: imports, caches)
    what = f"{n:,} council rows, {n_indicators} indicators"
    return [
        (f"comparisons_compute, whole LAIT dataset ({what}), ms", _median_ms(engine)),
        ("comparisons_compute peak memory (tracemalloc), MiB", _peak_mib(engine)),
        (
            "baseline: pandas groupby mean/median/count/rank/quartiles, same rows, ms",
            _median_ms(lambda: _baseline(frames["observations"])),
        ),
    ]


def main() -> None:
    rows = run()
    if not rows:
        print(f"No LAIT data at {DATA}: nothing to measure.")
        return
    for label, figure in rows:
        print(f"{label}: {figure:.1f}")


if __name__ == "__main__":
    main()
