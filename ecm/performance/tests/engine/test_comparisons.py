"""Every comparison at once (ecm/performance/engine/comparisons.py), on small hand-made frames.

Sources: DfE LAIT (ranking and quartile banding by polarity), R type 7 quantiles (Hyndman and
Fan 1996; numpy's "linear"), OHID/PHE Fingertips technical guide (confidence intervals, the
comparison with England, recent trends). See docs/statistics.md.
"""

import numpy as np
import pandas as pd
import pytest

from ecm.performance.engine import FLAGS
from ecm.performance.engine.comparisons import OUTPUT_COLUMNS, comparisons_compute
from ecm.performance.engine.trend import TREND_LABELS
from ecm.performance.tests.lait_frames import lait_frames
from tests.shared_data import shared_path

NAN = np.nan


def indicators_frame(**rows):
    """rows: code -> (polarity, value_type, multiplier, banding)."""
    frame = pd.DataFrame.from_dict(
        rows, orient="index", columns=["polarity", "value_type", "multiplier", "banding"]
    )
    frame.index.name = "indicator"
    return frame


COLUMNS = ["indicator", "period", "value", "numerator", "denominator"]


def observations_frame(rows):
    """rows: (council, indicator, period, value[, numerator, denominator[, suppressed]])."""
    full = [(*r, *(NAN, NAN, False)[len(r) - 4 :]) for r in rows]
    return pd.DataFrame(full, columns=["council", *COLUMNS, "suppressed"])


def comparators_frame(rows=()):
    return pd.DataFrame(list(rows), columns=["area", *COLUMNS])


COUNCILS = pd.DataFrame(
    {"region": ["North", "North", "North", "South", "South", "South", "South"]},
    index=pd.Index(["1", "2", "3", "4", "5", "6", "7"], name="council"),
)
NO_NEIGHBOURS = pd.DataFrame({"council": [], "neighbour": []}, dtype=str)


def compute(observations, indicators, comparators=None, neighbours=None):
    return comparisons_compute(
        observations=observations,
        comparators=comparators if comparators is not None else comparators_frame(),
        councils=COUNCILS,
        neighbours=neighbours if neighbours is not None else NO_NEIGHBOURS,
        indicators=indicators,
    )


def one_period(values, indicator="X", period="2023"):
    return observations_frame(
        [(str(i + 1), indicator, period, v) for i, v in enumerate(values) if v is not None]
    )


def test_output_has_the_contract_columns_one_row_per_observation():
    """Package contract: one row per observation row, index kept, columns in contract order."""
    obs = one_period([1.0, 2.0, 3.0])
    obs.index = [10, 20, 30]
    out = compute(obs, indicators_frame(X=("high", "mean", 1, True)))
    assert list(out.columns) == list(OUTPUT_COLUMNS)
    assert list(out.index) == [10, 20, 30]
    assert out["end_year"].tolist() == [2023, 2023, 2023]


def test_rank_ties_take_the_lowest_rank_by_polarity():
    """DfE LAIT ranking: 1 = best by polarity, ties "min"; none: no rank; missing: no rank.

    values 10, 20, 20, 5, missing. High: 20, 20 -> 1, 1; 10 -> 3; 5 -> 4 (of 4).
    Low: 5 -> 1; 10 -> 2; 20, 20 -> 3, 3.
    """
    values = [10.0, 20.0, 20.0, 5.0, NAN]
    indicators = indicators_frame(
        H=("high", "mean", 1, True), L=("low", "mean", 1, True), N=("none", "mean", 1, True)
    )
    obs = pd.concat([one_period(values, code) for code in "HLN"], ignore_index=True)
    out = compute(obs, indicators).set_index(["indicator", "council"])
    np.testing.assert_array_equal(out.loc["H", "rank"], [3, 1, 1, 4, NAN])
    np.testing.assert_array_equal(out.loc["H", "rank_of"], [4, 4, 4, 4, NAN])
    np.testing.assert_array_equal(out.loc["L", "rank"], [2, 3, 3, 1, NAN])
    assert out.loc["N", "rank"].isna().all() and out.loc["N", "rank_of"].isna().all()


def test_quartile_band_r_type_7_on_a_hand_made_set():
    """R type 7 quartiles (numpy "linear"): values 1..6, h = (n - 1) p.

    Q1: h = 1.25 -> 2 + 0.25 * (3 - 2) = 2.25; Q2: h = 2.5 -> 3.5; Q3: h = 3.75 -> 4.75.
    High polarity: 6, 5 >= 4.75 -> A; 4 >= 3.5 -> B; 3 >= 2.25 -> C; 2, 1 -> D.
    (R type 6 would give Q1 = 1.75 and put 2 in C: this set tells the two apart.)
    """
    out = compute(one_period([1.0, 2, 3, 4, 5, 6]), indicators_frame(X=("high", "mean", 1, True)))
    assert out["quartile_band"].tolist() == ["D", "D", "C", "B", "A", "A"]
    out = compute(one_period([1.0, 2, 3, 4, 5, 6]), indicators_frame(X=("low", "mean", 1, True)))
    assert out["quartile_band"].tolist() == ["A", "A", "B", "C", "D", "D"]


def test_quartile_band_boundary_values_take_the_better_band():
    """Boundary rule (docs/statistics.md): a value equal to a quartile takes the better band.

    values 2, 4, 4, 5, 7, 9, 10 (n = 7, h = 1.5, 3, 4.5): Q1 = 4 + 0.5 * 0 = 4; Q2 = 5;
    Q3 = 7 + 0.5 * (9 - 7) = 8. High: 10, 9 -> A; 7 and 5 (= Q2) -> B; 4, 4 (= Q1) -> C;
    2 -> D. Low: 2 and 4, 4 (= Q1) -> A; 5 (= Q2) -> B; 7 -> C; 9, 10 -> D.
    """
    values = [2.0, 4, 4, 5, 7, 9, 10]
    high = compute(one_period(values), indicators_frame(X=("high", "mean", 1, True)))
    assert high["quartile_band"].tolist() == ["D", "C", "C", "B", "B", "A", "A"]
    low = compute(one_period(values), indicators_frame(X=("low", "mean", 1, True)))
    assert low["quartile_band"].tolist() == ["A", "A", "A", "B", "C", "D", "D"]


def test_no_band_without_polarity_or_when_banding_is_off():
    """DfE LAIT No_Quartile = "N" and polarity "-": no quartile band."""
    indicators = indicators_frame(N=("none", "mean", 1, True), F=("high", "mean", 1, False))
    obs = pd.concat([one_period([1.0, 2, 3], code) for code in "NF"], ignore_index=True)
    assert (compute(obs, indicators)["quartile_band"] == "").all()


def test_england_published_first_else_computed_from_councils_counts():
    """England/region: published comparator first; else sum(num) / sum(den) * multiplier.

    P (percentage, none published): England = (10 + 30 + 20) / (100 + 200 + 100) * 100 = 15.0;
    North = (10 + 30) / 300 * 100 = 13.333; South = 20 / 100 * 100 = 20.
    Q (percentage, England 12.5 published): kept, not computed; North published 11.
    M (a mean): cannot be computed from counts -> NaN and flagged no_comparator.
    """
    indicators = indicators_frame(
        P=("high", "percentage", 100, True),
        Q=("high", "percentage", 100, True),
        M=("high", "mean", 1, True),
    )
    rows = []
    for code in "PQM":
        rows += [
            ("1", code, "2023", 10.0, 10, 100),
            ("2", code, "2023", 15.0, 30, 200),
            ("4", code, "2023", 20.0, 20, 100),
        ]
    comparators = comparators_frame(
        [("england", "Q", "2023", 12.5, NAN, NAN), ("North", "Q", "2023", 11.0, NAN, NAN)]
    )
    out = compute(observations_frame(rows), indicators, comparators).set_index(
        ["indicator", "council"]
    )
    assert out.loc["P", "england"].tolist() == pytest.approx([15.0] * 3)
    assert out.loc["P", "england_computed"].all()
    assert out.loc["P", "region"].tolist() == pytest.approx([40 / 3, 40 / 3, 20.0])
    assert out.loc["P", "region_computed"].all()
    assert out.loc["Q", "england"].tolist() == [12.5] * 3
    assert not out.loc["Q", "england_computed"].any()
    assert out.loc["Q", "region"].tolist()[:2] == [11.0, 11.0]
    assert out.loc[("Q", "4"), "region"] == pytest.approx(20.0)  # South computed
    assert out.loc["M", "england"].isna().all()
    assert (out.loc["M", "flags"] == "no_comparator").all()


def test_neighbours_mean_and_median_ignore_missing_neighbours():
    """Neighbours: council 1's neighbours 2 (4.0), 3 (suppressed), 4 (8.0), 5 (10.0), 9 (not
    in the data) and itself (ignored): mean (4 + 8 + 10) / 3 = 7.333, median 8, count 3.
    Council 2's neighbours 1 (1.0) and 4 (8.0): mean 4.5, median (1 + 8) / 2 = 4.5.
    """
    obs = observations_frame(
        [
            ("1", "X", "2023", 1.0),
            ("2", "X", "2023", 4.0),
            ("3", "X", "2023", NAN, NAN, NAN, True),
            ("4", "X", "2023", 8.0),
            ("5", "X", "2023", 10.0),
        ]
    )
    neighbours = pd.DataFrame(
        {"council": ["1"] * 6 + ["2", "2"], "neighbour": ["2", "3", "4", "5", "9", "1", "1", "4"]}
    )
    out = compute(obs, indicators_frame(X=("high", "mean", 1, True)), neighbours=neighbours)
    assert out["neighbours_mean"].tolist()[:2] == pytest.approx([22 / 3, 4.5])
    assert out["neighbours_median"].tolist()[:2] == [8.0, 4.5]
    assert out["neighbours_count"].tolist() == [3, 2, 0, 0, 0]
    assert out["neighbours_mean"].iloc[2:].isna().all()


def test_change_only_between_consecutive_periods():
    """Contract: change from the previous consecutive period (same style, end year - 1)."""
    obs = observations_frame(
        [
            ("1", "X", "2019", 5.0),
            ("1", "X", "2020", 7.0),
            ("1", "X", "2022", 9.0),  # 2021 missing: no change
            ("1", "X", "2022/23", 4.0),  # another style: no link to 2022
            ("1", "X", "2023/24", 3.0),
            ("2", "X", "2020", 1.0),  # another council
            ("1", "X", "0", 2.0),  # LAIT's stray label: no period, never linked
        ]
    )
    out = compute(obs, indicators_frame(X=("high", "mean", 1, True)))
    np.testing.assert_array_equal(out["change"], [NAN, 2.0, NAN, NAN, -1.0, NAN, NAN])
    assert out["end_year"].isna().tolist() == [False] * 6 + [True]


def five_years(council, values, *, indicator="X", counts=None):
    counts = counts or [(NAN, NAN)] * len(values)
    return [(council, indicator, str(2019 + i), v, *counts[i]) for i, v in enumerate(values)]


def test_trend_over_five_consecutive_periods_by_polarity():
    """Fingertips recent trend: five consecutive points ending at the row; read by polarity."""
    rising = [1.0, 2, 3, 4, 5]
    obs = observations_frame(
        five_years("1", rising, indicator="H")
        + five_years("1", rising, indicator="L")
        + five_years("1", rising, indicator="N")
        + five_years("1", [1.0, 2, 3, 2, 1], indicator="F")
        + five_years("1", [1.0, 2, 3, 4], indicator="S")  # four points only
        + [
            ("1", "R", f"{y}-{y + 2 - 2000}", v)
            for y, v in zip(range(2014, 2019), rising, strict=True)
        ]
    )
    indicators = indicators_frame(
        H=("high", "mean", 1, True),
        L=("low", "mean", 1, True),
        N=("none", "mean", 1, True),
        F=("high", "mean", 1, True),
        S=("high", "mean", 1, True),
        R=("high", "mean", 1, True),
    )
    out = compute(obs, indicators)
    last = out.groupby("indicator")["trend"].last().astype(str)
    assert last.to_dict() == {
        "F": "no significant change",
        "H": "improving",
        "L": "getting worse",
        "N": "increasing",
        "R": "not enough data",  # rolling 2014-16 .. 2018-20 overlap: not tested (Fingertips)
        "S": "not enough data",
    }
    assert (out.loc[out["indicator"] == "H", "trend"].iloc[:4] == "not enough data").all()


def test_vs_england_from_the_95_interval_by_polarity():
    """Fingertips: England outside the council's 95% CI -> better/worse (higher/lower for none).

    Leicestershire 694 / 147,439 per 10,000 = 47.07, Byar 95% CI 43.633 to 50.706.
    England 60 (above the interval): council lower -> "better" for low polarity, "worse" for
    high, "lower" for none; England 47 (inside): "similar"; no counts: "not compared".
    """
    rows, comparators = [], []
    for code, england in (("L", 60.0), ("H", 60.0), ("N", 60.0), ("S", 47.0), ("U", 60.0)):
        counts = (694, 147_439) if code != "U" else (NAN, NAN)
        rows.append(("855", code, "2025", 47.07, *counts))
        comparators.append(("england", code, "2025", england, NAN, NAN))
    indicators = indicators_frame(
        L=("low", "rate", 10_000, True),
        H=("high", "rate", 10_000, True),
        N=("none", "rate", 10_000, True),
        S=("low", "rate", 10_000, True),
        U=("low", "rate", 10_000, True),
    )
    out = compute(observations_frame(rows), indicators, comparators_frame(comparators))
    assert out["vs_england"].tolist() == ["better", "worse", "lower", "similar", "not compared"]
    assert out["ci95_lower"].iloc[0] == pytest.approx(43.633, abs=1e-3)
    assert out["ci95_upper"].iloc[0] == pytest.approx(50.706, abs=1e-3)
    assert out["ci998_lower"].iloc[0] < out["ci95_lower"].iloc[0]
    assert np.isnan(out["ci95_lower"].iloc[4])


def test_percentage_interval_is_wilson_times_the_multiplier():
    """Fingertips Wilson score: 694 / 147,439 as a percentage: 0.437033% to 0.506954%."""
    obs = observations_frame([("855", "P", "2025", 0.4707, 694, 147_439)])
    out = compute(obs, indicators_frame(P=("low", "percentage", 100, True)))
    assert out["ci95_lower"].iloc[0] == pytest.approx(0.437033, rel=1e-5)
    assert out["ci95_upper"].iloc[0] == pytest.approx(0.506954, rel=1e-5)


def test_flags():
    """Contract FLAGS: worse and getting worse; best quarter and improving; no comparator;
    suppressed; missing.

    W: council 1 falls 60% -> 50% (of 1000 each year) with high polarity, England 70%:
    chi-square trend significant, England above the CI -> worse_and_getting_worse.
    B: council 1 rises steadily and is the best of four -> best_quarter_and_improving.
    """
    falling = [(600 - 25 * i, 1000) for i in range(5)]
    rows = five_years("1", [c / 10 for c, _ in falling], indicator="W", counts=falling)
    rows += five_years("1", [10.0, 11, 12, 13, 14], indicator="B")
    rows += [(c, "B", "2023", v) for c, v in (("2", 1.0), ("3", 2.0), ("4", 3.0))]
    rows += [("2", "W", "2023", NAN, NAN, NAN, True), ("3", "W", "2023", NAN)]
    comparators = [("england", "W", str(y), 70.0, NAN, NAN) for y in range(2019, 2024)]
    comparators += [("england", "B", str(y), 5.0, NAN, NAN) for y in range(2019, 2024)]
    indicators = indicators_frame(W=("high", "percentage", 100, True), B=("high", "mean", 1, True))
    out = compute(observations_frame(rows), indicators, comparators_frame(comparators))
    out = out.set_index(["indicator", "council", "period"])["flags"].astype(str)
    assert out[("W", "1", "2023")] == "worse_and_getting_worse"
    assert out[("B", "1", "2023")] == "best_quarter_and_improving"
    assert out[("W", "2", "2023")] == "suppressed"
    assert out[("W", "3", "2023")] == "missing"
    assert set("|".join(out).split("|")) <= {*FLAGS, ""}


def test_missing_columns_and_keys_are_refused():
    """Contract: the frames must carry their columns; every row needs council/indicator/period."""
    with pytest.raises(ValueError, match="observations lacks the column"):
        compute(one_period([1.0]).drop(columns="suppressed"), indicators_frame())
    obs = one_period([1.0, 2.0])
    obs.loc[0, "period"] = None
    with pytest.raises(ValueError, match="without a council, indicator or period"):
        compute(obs, indicators_frame(X=("high", "mean", 1, True)))


def test_unknown_indicator_is_treated_as_polarity_none():
    """An indicator missing from `indicators`: no rank, no band, but still compared by value."""
    out = compute(one_period([1.0, 2.0], "Z"), indicators_frame(X=("high", "mean", 1, True)))
    assert out["rank"].isna().all() and (out["quartile_band"] == "").all()


def test_real_lait_dataset_gives_sensible_comparisons():
    """Integration: the whole DfE LAIT file (skipped when absent, except on CI)."""
    shared_path("data", "lait", "bds_long_0.parquet")
    frames = lait_frames(shared_path("data"))
    out = comparisons_compute(**frames)
    assert len(out) == len(frames["observations"]) > 500_000
    assert set(out["quartile_band"].astype(str)) == {"", "A", "B", "C", "D"}
    ranked = out.dropna(subset=["rank"])
    assert len(ranked) > 100_000
    assert ((ranked["rank"] >= 1) & (ranked["rank"] <= ranked["rank_of"])).all()
    assert ranked["rank_of"].max() <= out["council"].nunique()
    assert set(out["trend"].astype(str)) <= set(TREND_LABELS)
    assert (out["trend"] != "not enough data").sum() > 100_000
    assert out["england"].notna().mean() > 0.9  # published for most rows
    assert not out["england_computed"].any()  # LAIT publishes no counts to compute from
    assert out["vs_england"].eq("not compared").all()  # ... nor intervals
    assert out.loc[out["suppressed"], "value"].isna().all()
