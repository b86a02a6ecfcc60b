"""Every comparison for every council, indicator and period at once (see the package contract).

All steps are array operations over the whole frame: no Python loop over rows or series. Rows
are grouped by indicator and period (a "group", the councils compared with one another) and by
council, indicator and period style (a "series", for change and trend). Sources and the
choices made are in docs/statistics.md:

- England and region figures: the published comparator; where none is published, computed
  from the councils' counts as ``sum(numerator) / sum(denominator) * multiplier`` over the
  councils with both counts (percentages and rates only: a mean or a count cannot be rebuilt
  from councils' figures, so it stays NaN).
- Statistical neighbours: mean and median of the neighbours' values, ignoring neighbours
  without a value; `neighbours_count` is the number with a value.
- Rank (DfE LAIT): among councils with a value for the group, 1 = best by polarity, ties take
  the lowest rank (method "min"); NaN when polarity is "none" or the value is missing.
- Quartile band (DfE LAIT): R type 7 quartiles (numpy's "linear") of all councils' values in
  the group; a value on a boundary takes the better band: for high polarity
  ``v >= Q3 -> A, v >= Q2 -> B, v >= Q1 -> C, else D``; for low polarity
  ``v <= Q1 -> A, v <= Q2 -> B, v <= Q3 -> C, else D``.
- Confidence intervals (Fingertips): Wilson for percentages, Byar/exact Poisson for rates,
  only where numerator and denominator are known.
- vs England (Fingertips): England's value outside the council's 95% interval is a
  significant difference; on the boundary or inside is "similar".
- Change: value minus the previous consecutive period's (same style, end year - 1).
- Trend: `trend.trend_test` on the five consecutive periods ending at the row's period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ecm.performance.engine import FLAGS
from ecm.performance.engine.intervals import Z95, Z998, rate_interval, wilson
from ecm.performance.engine.periods import periods_frame
from ecm.performance.engine.trend import (
    GETTING_WORSE,
    IMPROVING,
    TREND_LABELS,
    change_and_trend,
)

VALUE_TYPES = ("percentage", "rate", "mean", "count")
PERCENTAGE, RATE, MEAN, COUNT = range(len(VALUE_TYPES))
BANDS = ("", "A", "B", "C", "D")
VS_LABELS = ("not compared", "similar", "better", "worse", "higher", "lower")
NOT_COMPARED, SIMILAR, BETTER, WORSE, HIGHER, LOWER = range(len(VS_LABELS))
FLAG_LABELS = tuple("|".join(f for i, f in enumerate(FLAGS) if b >> i & 1) for b in range(32))
UNTESTED_STYLE_PREFIX = "rolling"  # overlapping periods are not independent (Fingertips)

KEY_COLUMNS = ("council", "indicator", "period")
OBSERVATION_COLUMNS = (*KEY_COLUMNS, "value", "numerator", "denominator", "suppressed")
COMPARATOR_COLUMNS = ("area", "indicator", "period", "value", "numerator", "denominator")
INDICATOR_COLUMNS = ("polarity", "value_type", "multiplier", "banding")
OUTPUT_COLUMNS = (
    *("council", "indicator", "period", "end_year", "value", "numerator", "denominator"),
    *("suppressed", "england", "england_computed", "region", "region_computed"),
    *("neighbours_mean", "neighbours_median", "neighbours_count", "rank", "rank_of"),
    *("quartile_band", "ci95_lower", "ci95_upper", "ci998_lower", "ci998_upper"),
    *("vs_england", "change", "trend", "flags"),
)

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks the column(s) {', '.join(missing)}")


def _floats(series: pd.Series) -> Floats:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def _indicator_meta(
    indicators: pd.DataFrame, codes: pd.Index
) -> tuple[NDArray[np.int8], NDArray[np.int8], Floats, NDArray[np.bool_]]:
    """Per indicator code: polarity (+1 high, -1 low, 0 none), value type, multiplier, banding.

    An indicator missing from `indicators` is taken as polarity "none", a count, multiplier 1,
    no banding.
    """
    meta = indicators.reindex(codes)
    polarity = meta["polarity"].astype(object).fillna("none").to_numpy()
    pol = np.select([polarity == "high", polarity == "low"], [1, -1], 0).astype(np.int8)
    vtype = pd.Index(VALUE_TYPES).get_indexer(meta["value_type"].astype(object).fillna("count"))
    vtype = np.where(vtype < 0, COUNT, vtype).astype(np.int8)
    mult = _floats(meta["multiplier"])
    mult = np.where(np.isfinite(mult), mult, 1.0)
    banding = meta["banding"].astype(object).fillna(False).to_numpy(dtype=bool)
    return pol, vtype, mult, banding


def _comparator(
    published: Floats, num_sum: Floats, den_sum: Floats, computable: NDArray[np.bool_]
) -> tuple[Floats, NDArray[np.bool_]]:
    """Published figure, else sum(num) * multiplier / sum(den) where computable."""
    with np.errstate(invalid="ignore", divide="ignore"):
        computed = np.where(computable & (den_sum > 0), num_sum / den_sum, np.nan)
    use_computed = np.isnan(published) & np.isfinite(computed)
    return np.where(use_computed, computed, published), use_computed


def _comparators(
    *,
    comparators: pd.DataFrame,
    gid: Ints,
    group_of: pd.Index,
    indicators: pd.Index,
    periods: pd.Index,
    regions: pd.Index,
    region_row: Ints,
    num: Floats,
    den: Floats,
    group_mult: Floats,
    group_computable: NDArray[np.bool_],
) -> tuple[Floats, NDArray[np.bool_], Floats, NDArray[np.bool_]]:
    """England and region figures per observation row, each with its `computed` flag.

    `group_of` maps ``indicator_code * len(periods) + period_code`` to the group id.
    """
    n_groups, n_regions = len(group_of), max(len(regions), 1)
    comp_ind = indicators.get_indexer(comparators["indicator"])
    comp_per = periods.get_indexer(comparators["period"])
    comp_gid = group_of.get_indexer(comp_ind * len(periods) + comp_per)
    comp_gid[(comp_ind < 0) | (comp_per < 0)] = -1
    area = comparators["area"].astype(object).fillna("").astype(str)
    value = _floats(comparators["value"])

    eng_pub = np.full(n_groups, np.nan)
    is_england = (comp_gid >= 0) & (area.str.lower() == "england").to_numpy()
    eng_pub[comp_gid[is_england]] = value[is_england]
    reg_code = regions.get_indexer(area)
    is_region = (comp_gid >= 0) & (reg_code >= 0)
    reg_pub = np.full(n_groups * n_regions, np.nan)
    reg_pub[comp_gid[is_region] * n_regions + reg_code[is_region]] = value[is_region]

    counted = np.isfinite(num) & np.isfinite(den)
    g = gid[counted]
    eng, eng_computed = _comparator(
        eng_pub,
        np.bincount(g, num[counted], n_groups) * group_mult,
        np.bincount(g, den[counted], n_groups),
        group_computable,
    )
    has_region = region_row >= 0
    in_region = counted & has_region
    cell = gid[in_region] * n_regions + region_row[in_region]
    reg, reg_computed = _comparator(
        reg_pub,
        np.bincount(cell, num[in_region], n_groups * n_regions) * np.repeat(group_mult, n_regions),
        np.bincount(cell, den[in_region], n_groups * n_regions),
        np.repeat(group_computable, n_regions),
    )
    row_cell = np.where(has_region, gid * n_regions + region_row, 0)
    return (
        eng[gid],
        eng_computed[gid],
        np.where(has_region, reg[row_cell], np.nan),
        has_region & reg_computed[row_cell],
    )


def _neighbour_stats(*, matrix: Floats, table: Ints) -> tuple[Floats, Floats, Ints]:
    """Mean, median and count of the neighbours' values for every (group, council) cell.

    `matrix` is (groups, councils + 1) with a last all-NaN column; `table` is (councils, K) of
    neighbour columns, padded with that last column. Each of the three results is
    (groups, councils).
    """
    shape = (matrix.shape[0], matrix.shape[1] - 1)
    if table.shape[1] == 0:
        return np.full(shape, np.nan), np.full(shape, np.nan), np.zeros(shape, dtype=np.int64)
    vals = np.take(matrix, table, axis=1)  # (groups, councils, K)
    vals.sort(axis=2)  # NaN last
    missing = np.isnan(vals)
    count = table.shape[1] - np.count_nonzero(missing, axis=2)
    safe = np.maximum(count, 1)[..., None]
    low = np.take_along_axis(vals, (safe - 1) // 2, 2)[..., 0]
    high = np.take_along_axis(vals, safe // 2, 2)[..., 0]
    np.copyto(vals, 0.0, where=missing)
    total = vals @ np.ones(table.shape[1])
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / count, np.nan)
    median = np.where(count > 0, (low + high) / 2, np.nan)
    return mean, median, count


def _neighbour_table(neighbours: pd.DataFrame, councils: pd.Index) -> Ints:
    """(councils, K) neighbour positions in `councils`, padded with len(councils)."""
    a = councils.get_indexer(neighbours["council"].astype(str))
    b = councils.get_indexer(neighbours["neighbour"].astype(str))
    keep = (a >= 0) & (b >= 0) & (a != b)
    pairs = np.unique(np.stack([a[keep], b[keep]], 1), axis=0)  # sorted by council
    per = np.bincount(pairs[:, 0], minlength=len(councils)) if len(pairs) else np.zeros(0, int)
    k = int(per.max()) if len(per) else 0
    table = np.full((len(councils), k), len(councils), dtype=np.int64)
    if k:
        first = np.searchsorted(pairs[:, 0], pairs[:, 0], side="left")
        table[pairs[:, 0], np.arange(len(pairs)) - first] = pairs[:, 1]
    return table


def _ranks(keys: Floats) -> tuple[Floats, Floats]:
    """Rank each row's keys ascending, ties "min" (1 + the number of smaller keys); NaN: NaN.

    Returns the ranks (same shape) and, per row, the number of finite keys.
    """
    order = np.argsort(keys, axis=1)  # NaN last
    ordered = np.take_along_axis(keys, order, 1)
    new_run = np.ones(keys.shape, dtype=bool)
    new_run[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    positions = np.broadcast_to(np.arange(keys.shape[1], dtype=np.float64), keys.shape)
    run_start = np.maximum.accumulate(np.where(new_run, positions, 0.0), axis=1)
    ranks = np.empty_like(keys)
    np.put_along_axis(ranks, order, run_start + 1, 1)
    finite = np.isfinite(keys)
    return np.where(finite, ranks, np.nan), finite.sum(1).astype(np.float64)


def _quartiles(matrix: Floats) -> Floats:
    """R type 7 quartiles (Q1, Q2, Q3) of each row's finite values; shape (rows, 3)."""
    ordered = np.sort(matrix, axis=1)  # NaN last
    k = np.isfinite(ordered).sum(1)
    h = (np.maximum(k, 1) - 1)[:, None] * np.array([0.25, 0.5, 0.75])
    lo = np.floor(h).astype(np.int64)
    hi = np.minimum(lo + 1, np.maximum(k, 1)[:, None] - 1)
    at_lo = np.take_along_axis(ordered, lo, 1)
    q = at_lo + (h - lo) * (np.take_along_axis(ordered, hi, 1) - at_lo)
    return np.where((k > 0)[:, None], q, np.nan)


def _bands(value: Floats, q: Floats, pol: NDArray[np.int8], banded: NDArray[np.bool_]) -> Ints:
    """Codes into BANDS; a value on a quartile boundary takes the better band."""
    q1, q2, q3 = q[:, 0], q[:, 1], q[:, 2]
    high = np.select([value >= q3, value >= q2, value >= q1], [1, 2, 3], 4)
    low = np.select([value <= q1, value <= q2, value <= q3], [1, 2, 3], 4)
    code = np.where(pol > 0, high, low)
    return np.where(banded & (pol != 0) & np.isfinite(value) & np.isfinite(q2), code, 0)


def _intervals(
    num: Floats, den: Floats, vtype: NDArray[np.int8], mult: Floats
) -> tuple[Floats, Floats, Floats, Floats]:
    """95% and 99.8% intervals where both counts are known (percentages and rates only)."""
    out = [np.full(len(num), np.nan) for _ in range(4)]
    pct = np.flatnonzero(np.isfinite(num) & np.isfinite(den) & (vtype == PERCENTAGE))
    rate = np.flatnonzero(np.isfinite(num) & np.isfinite(den) & (vtype == RATE))
    for slot, (z, level) in enumerate(((Z95, 0.95), (Z998, 0.998))):
        lower, upper = wilson(numerator=num[pct], denominator=den[pct], z=z)
        out[2 * slot][pct], out[2 * slot + 1][pct] = lower * mult[pct], upper * mult[pct]
        lower, upper = rate_interval(
            count=num[rate], denominator=den[rate], multiplier=mult[rate], confidence=level
        )
        out[2 * slot][rate], out[2 * slot + 1][rate] = lower, upper
    return out[0], out[1], out[2], out[3]


def _vs_england(england: Floats, lower: Floats, upper: Floats, pol: NDArray[np.int8]) -> Ints:
    """Codes into VS_LABELS: England outside the council's 95% interval is significant."""
    higher, lower_than = england < lower, england > upper
    up = np.select([pol > 0, pol < 0], [BETTER, WORSE], HIGHER)
    down = np.select([pol > 0, pol < 0], [WORSE, BETTER], LOWER)
    code = np.select([higher, lower_than], [up, down], SIMILAR)
    known = np.isfinite(england) & np.isfinite(lower) & np.isfinite(upper)
    return np.where(known, code, NOT_COMPARED)


def _labels(codes: NDArray[np.integer], labels: tuple[str, ...]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype=object))


def comparisons_compute(
    *,
    observations: pd.DataFrame,
    comparators: pd.DataFrame,
    councils: pd.DataFrame,
    neighbours: pd.DataFrame,
    indicators: pd.DataFrame,
) -> pd.DataFrame:
    """One row per observation with every comparison (columns: `OUTPUT_COLUMNS`).

    See the package contract for the frames taken and the module docstring for the rules.
    String results (`quartile_band`, `vs_england`, `trend`, `flags`) are categoricals of str.
    """
    _require(observations, OBSERVATION_COLUMNS, "observations")
    _require(comparators, COMPARATOR_COLUMNS, "comparators")
    _require(indicators, INDICATOR_COLUMNS, "indicators")
    _require(councils, ("region",), "councils")
    _require(neighbours, ("council", "neighbour"), "neighbours")
    obs = observations
    value, num, den = (_floats(obs[c]) for c in ("value", "numerator", "denominator"))
    suppressed = obs["suppressed"].to_numpy(dtype=bool, na_value=False)

    ind_code, ind_uniques = pd.factorize(obs["indicator"])
    per_code, per_uniques = pd.factorize(obs["period"])
    council_code, council_uniques = pd.factorize(obs["council"])
    if min(ind_code.min(initial=0), per_code.min(initial=0), council_code.min(initial=0)) < 0:
        raise ValueError("observations have a row without a council, indicator or period")
    ind_index, per_index = pd.Index(ind_uniques), pd.Index(per_uniques)
    council_index = pd.Index(council_uniques)
    n_per, n_councils = len(per_index), len(council_index)

    periods = periods_frame(per_index, errors="coerce")
    style_code = pd.factorize(periods["style"])[0]
    end_year = periods["end_year"].to_numpy(dtype=np.float64)[per_code]
    style = periods["style"].astype(str)
    testable = (style != "") & ~style.str.startswith(UNTESTED_STYLE_PREFIX)

    gid, group_keys = pd.factorize(ind_code.astype(np.int64) * n_per + per_code)
    n_groups = len(group_keys)
    pol_i, vtype_i, mult_i, band_i = _indicator_meta(indicators, ind_index)
    pol, vtype, mult = pol_i[ind_code], vtype_i[ind_code], mult_i[ind_code]
    group_ind = np.asarray(group_keys) // max(n_per, 1)

    regions = pd.Index(councils["region"].dropna().unique())
    region_row = regions.get_indexer(councils["region"].reindex(council_index))[council_code]
    england, england_computed, region, region_computed = _comparators(
        comparators=comparators,
        gid=gid,
        group_of=pd.Index(group_keys),
        indicators=ind_index,
        periods=per_index,
        regions=regions,
        region_row=region_row,
        num=num,
        den=den,
        group_mult=mult_i[group_ind],
        group_computable=np.isin(vtype_i[group_ind], (PERCENTAGE, RATE)),
    )

    matrix = np.full((n_groups, n_councils + 1), np.nan)
    matrix[gid, council_code] = value
    nb_stats = _neighbour_stats(matrix=matrix, table=_neighbour_table(neighbours, council_index))
    nb_mean, nb_median, nb_count = (a[gid, council_code] for a in nb_stats)
    group_pol = pol_i[group_ind]
    direction = np.where(group_pol > 0, -1.0, np.where(group_pol < 0, 1.0, np.nan))
    rank_matrix, rank_count = _ranks(matrix[:, :-1] * direction[:, None])
    rank = rank_matrix[gid, council_code]
    rank_of = np.where(np.isfinite(rank), rank_count[gid], np.nan)
    quartiles = _quartiles(matrix[:, :-1])[gid]
    band = _bands(value, quartiles, pol, band_i[ind_code])

    ci95_lower, ci95_upper, ci998_lower, ci998_upper = _intervals(num, den, vtype, mult)
    vs = _vs_england(england, ci95_lower, ci95_upper, pol)
    series = (council_code.astype(np.int64) * len(ind_index) + ind_code) * (
        style_code.max(initial=0) + 1
    ) + style_code[per_code]
    change, trend = change_and_trend(
        series=series,
        end_year=end_year,
        testable=testable.to_numpy(dtype=bool)[per_code],
        value=value,
        numerator=num,
        denominator=den,
        lower=ci95_lower,
        upper=ci95_upper,
        proportion=vtype == PERCENTAGE,
        polarity=pol,
    )
    flag_bits = (
        ((vs == WORSE) & (trend == GETTING_WORSE)) * 1
        + ((band == 1) & (trend == IMPROVING)) * 2
        + np.isnan(england) * 4
        + suppressed * 8
        + (np.isnan(value) & ~suppressed) * 16
    )
    results = [
        *(obs[c].array for c in KEY_COLUMNS),
        pd.array(end_year, dtype="Int64"),
        *(value, num, den, suppressed, england, england_computed, region, region_computed),
        *(nb_mean, nb_median, nb_count, rank, rank_of, _labels(band, BANDS)),
        *(ci95_lower, ci95_upper, ci998_lower, ci998_upper, _labels(vs, VS_LABELS), change),
        *(_labels(trend, TREND_LABELS), _labels(flag_bits, FLAG_LABELS)),
    ]
    return pd.DataFrame(dict(zip(OUTPUT_COLUMNS, results, strict=True)), index=obs.index)
