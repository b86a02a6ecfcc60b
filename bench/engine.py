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

import numpy as np
import pandas as pd

from ecm.performance.engine.comparisons import comparisons_compute

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"  # beside the repository
REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands")
REGIONS += ("West Midlands", "East of England", "London", "South East", "South West")
NOT_COUNCILS = {*REGIONS, "England", "London (Inner)", "London (Outer)"}
REGION_NAMES = {
    "Inner London": "London",
    "Outer London": "London",
    "Yorkshire and The Humber": "Yorkshire and the Humber",
}
REPEAT = 5


def _frame(rows: pd.DataFrame, key: str, first: pd.Series) -> pd.DataFrame:
    columns = {key: first, "indicator": rows["Short Desc"], "period": rows["Years"]}
    value = pd.to_numeric(rows["Values"], errors="coerce")
    return pd.DataFrame(columns).assign(value=value, numerator=np.nan, denominator=np.nan)


def _indicators(dictionary: pd.DataFrame) -> pd.DataFrame:
    """Polarity, value type and multiplier from LAIT's data dictionary (y_axis_name)."""
    table = dictionary.drop_duplicates("Measure_short").set_index("Measure_short")
    axis = table["y_axis_name"].fillna("")
    value_type = np.select(
        [axis.str.startswith("%"), axis.str.contains("rate per", case=False)],
        ["percentage", "rate"],
        "mean",
    )
    per = axis.str.extract(r"per ([\d,]+)", expand=False).str.replace(",", "")
    multiplier = np.where(value_type == "percentage", 100.0, pd.to_numeric(per).fillna(1.0))
    polarity = table["Polarity"].map({"High": "high", "Low": "low"}).fillna("none")
    return pd.DataFrame(
        {
            "polarity": polarity,
            "value_type": value_type,
            "multiplier": multiplier,
            "banding": table["No_Quartile"].ne("N"),
        },
        index=pd.Index(table.index, name="indicator"),
    )


def lait_frames(data: Path = DATA) -> dict[str, pd.DataFrame]:
    """The engine's five frames from LAIT (councils only) and DfE's 2025 neighbour model."""
    raw = pd.read_parquet(data / "lait" / "bds_long_0.parquet")
    is_council = ~raw["LA and Regions"].isin(NOT_COUNCILS)
    rows = raw[is_council]
    code = rows["LA Number"].astype(int).astype(str)
    observations = _frame(rows, "council", code)
    text = rows["Values"].fillna("").str.strip()
    observations["suppressed"] = observations["value"].isna() & text.ne("")
    published = raw[raw["LA and Regions"].isin({*REGIONS, "England"})]
    area = published["LA and Regions"].replace("England", "england")
    first = rows.drop_duplicates("LA Number")
    councils = pd.DataFrame(
        {"region": first["Region"].replace(REGION_NAMES).to_numpy()},
        index=pd.Index(first["LA Number"].astype(int).astype(str), name="council"),
    )
    model = pd.read_csv(data / "ees" / "sn_model_2025_wide.csv", encoding="utf-8-sig")
    pairs = model.melt(id_vars="old_la_code", value_vars=[f"SN_{i}" for i in range(1, 11)])
    neighbours = pd.DataFrame(
        {
            "council": pairs["old_la_code"].astype(str),
            "neighbour": pairs["value"].astype("Int64").astype(str),
        }
    )
    dictionary = pd.read_csv(data / "lait" / "lait_data_dictionary.csv")
    return {
        "observations": observations.reset_index(drop=True),
        "comparators": _frame(published, "area", area).reset_index(drop=True),
        "councils": councils,
        "neighbours": neighbours,
        "indicators": _indicators(dictionary),
    }


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
