"""Recent trend over the five latest consecutive points, vectorised over many series at once.

Source: OHID/PHE Fingertips, *Trend markers* (public health technical guidance): the test runs
on the most recent five values of a series of consecutive, non-overlapping annual periods, and
a trend is marked only when significant at the 99.8% level.

Inputs are arrays of shape (n_series, 5), oldest point first; time is t = -2, -1, 0, 1, 2.
Every method is a weighted least-squares slope ``b = Sxy_w / Sxx_w`` with
``Sxx_w = sum w (t - t_w)^2`` and ``Sxy_w = sum w (t - t_w)(y - y_w)`` (t_w, y_w the weighted
means), and a test statistic with one degree of freedom:

1. Proportions with numerator O and denominator n at all five points (Fingertips: chi-square
   test for trend, Cochran-Armitage): y = O/n, w = n, ``X2 = b^2 Sxx_w / (P (1 - P))`` with
   P = sum O / sum n; p = P(chi2_1 > X2).
2. Other values with a 95% confidence interval at all five points (Fingertips: weighted
   regression): y = value, w = 1/SE^2 with SE = (upper - lower) / (2 x 1.96),
   ``X2 = b^2 Sxx_w``; p = P(chi2_1 > X2).
3. This project's addition, for values without counts or intervals (all of DfE LAIT): ordinary
   least squares (w = 1) with the residual variance estimated from the five points,
   ``t = b / sqrt(RSS / 3 / Sxx)``; p = 2 P(T_3 > |t|). Fingertips does not test such series;
   the t test on 3 degrees of freedom needs |t| > 10.2 at 99.8%, so only steady runs pass.

A trend is significant when p < 0.002 (99.8%) *and*, as this project's robustness rule, the
slope keeps its sign when any one of the five points is dropped (the five drop-one slopes come
from the same weighted sums minus each point's share). A series with a missing value among its
five points has "not enough data".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from ecm.performance.engine.intervals import Z95

POINTS = 5
TREND_ALPHA = 0.002  # 99.8% level, as Fingertips
TIMES = np.arange(POINTS, dtype=np.float64) - (POINTS - 1) / 2  # -2 .. 2

METHOD_NONE, METHOD_CHI2, METHOD_WLS, METHOD_OLS = 0, 1, 2, 3

TREND_LABELS = (
    "not enough data",
    "no significant change",
    "improving",
    "getting worse",
    "increasing",
    "decreasing",
)
(
    NOT_ENOUGH,
    NO_CHANGE,
    IMPROVING,
    GETTING_WORSE,
    INCREASING,
    DECREASING,
) = range(len(TREND_LABELS))

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TrendResult:
    """Per series: direction of the slope (+1, -1, 0), significance, p-value and method."""

    direction: NDArray[np.int8]
    significant: NDArray[np.bool_]
    enough: NDArray[np.bool_]
    p_value: FloatArray
    method: NDArray[np.int8]


def _matrix(values: ArrayLike | None, shape: tuple[int, ...]) -> FloatArray:
    if values is None:
        return np.full(shape, np.nan)
    array = np.asarray(values, dtype=np.float64)
    if array.shape != shape:
        raise ValueError(f"expected an array of shape {shape}, got {array.shape}")
    return array


def _slopes(y: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Weighted slope of y on TIMES per row, its Sxx_w, and the five drop-one slopes.

    Row sums are matrix products with (1, t, t^2), which numpy hands to BLAS.
    """
    t = TIMES
    wy = w * y
    sw, swt, swtt = w @ np.ones(POINTS), w @ t, w @ (t * t)
    swy, swty = wy @ np.ones(POINTS), wy @ t
    with np.errstate(invalid="ignore", divide="ignore"):
        sxx = swtt - swt * swt / sw
        slope = (swty - swt * swy / sw) / sxx
        # drop point j: remove its share from every sum
        wt = w * t
        dw, dwt, dwy = sw[:, None] - w, swt[:, None] - wt, swy[:, None] - wy
        dwtt, dwty = swtt[:, None] - wt * t, swty[:, None] - wy * t
        drop = (dwty - dwt * dwy / dw) / (dwtt - dwt * dwt / dw)
    return slope, sxx, drop


def trend_test(
    *,
    values: ArrayLike,
    numerator: ArrayLike | None = None,
    denominator: ArrayLike | None = None,
    lower: ArrayLike | None = None,
    upper: ArrayLike | None = None,
    proportion: ArrayLike | bool = False,
) -> TrendResult:
    """Test each row of `values` (n_series, 5; oldest first) for a trend (methods above).

    `numerator`/`denominator` (counts) are used where `proportion` is true for the row and all
    five are known; `lower`/`upper` (the 95% interval) where all five are known; else OLS.
    Rows with a missing value are not tested (`enough` False, p-value NaN).
    """
    v_all = np.asarray(values, dtype=np.float64)
    if v_all.ndim != 2 or v_all.shape[1] != POINTS:
        raise ValueError(f"values must have shape (n_series, {POINTS}), got {v_all.shape}")
    shape, n_rows = v_all.shape, v_all.shape[0]
    enough = np.isfinite(v_all).all(1)
    rows = np.flatnonzero(enough)
    v = v_all[rows]
    o, n = _matrix(numerator, shape)[rows], _matrix(denominator, shape)[rows]
    lo, hi = _matrix(lower, shape)[rows], _matrix(upper, shape)[rows]
    is_prop = np.broadcast_to(np.asarray(proportion, dtype=bool), (n_rows,))[rows]

    with np.errstate(invalid="ignore", divide="ignore"):
        none = np.zeros(len(rows), dtype=bool)
        counts_ok = none
        if numerator is not None and denominator is not None and is_prop.any():
            counts_ok = (np.isfinite(o) & np.isfinite(n) & (n > 0) & (o >= 0) & (o <= n)).all(1)
        ci_ok = none
        if lower is not None and upper is not None:
            ci_ok = (np.isfinite(lo) & np.isfinite(hi) & (hi > lo)).all(1)
        chi2_rows = counts_ok & is_prop
        wls_rows = ci_ok & ~chi2_rows
        ols_rows = ~(chi2_rows | wls_rows)
        y, w = v, np.ones_like(v)
        if chi2_rows.any() or wls_rows.any():
            se = (hi - lo) / (2 * Z95)
            y = np.where(chi2_rows[:, None], o / n, v)
            w = np.where(chi2_rows[:, None], n, np.where(wls_rows[:, None], 1 / (se * se), 1.0))
        slope, sxx, drop = _slopes(y, w)
        x2 = slope * slope * sxx  # known variance: chi-square on 1 df (weighted regression)
        if chi2_rows.any():
            pooled = (o @ np.ones(POINTS)) / (n @ np.ones(POINTS))
            x2 = np.where(chi2_rows, x2 / (pooled * (1 - pooled)), x2)  # Cochran-Armitage
        p = special.erfc(np.sqrt(x2 / 2))  # P(chi2 on 1 df > x2) = P(|Z| > sqrt(x2))
        if ols_rows.any():
            rss = np.square(y - y.mean(1)[:, None] - slope[:, None] * TIMES).sum(1)  # w = 1
            u = np.abs(slope) / np.sqrt(rss / (POINTS - 2) / sxx) / np.sqrt(3)  # |t| / sqrt(3)
            # Student's t on 3 df in closed form: P(|T| > t) = 1 - 2/pi (atan u + u / (1 + u^2))
            p_ols = 1 - 2 / np.pi * (np.arctan(u) + 1 / (1 / u + u))
            p = np.where(ols_rows, np.maximum(p_ols, 0.0), p)
    p = np.where(np.isnan(p), 1.0, p)  # no variation at all: nothing to detect

    sign = np.sign(np.nan_to_num(slope)).astype(np.int8)
    steady = (np.sign(drop) == sign[:, None]).all(1)
    method = np.select([chi2_rows, wls_rows], [METHOD_CHI2, METHOD_WLS], METHOD_OLS)

    direction = np.zeros(n_rows, dtype=np.int8)
    significant = np.zeros(n_rows, dtype=bool)
    p_value = np.full(n_rows, np.nan)
    method_all = np.full(n_rows, METHOD_NONE, dtype=np.int8)
    direction[rows] = sign
    significant[rows] = (sign != 0) & (p < TREND_ALPHA) & steady
    p_value[rows] = p
    method_all[rows] = method
    return TrendResult(direction, significant, enough, p_value, method_all)


def consecutive_windows(
    *, series: ArrayLike, end_year: ArrayLike
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Link each row to its series' previous consecutive period, and find five-point windows.

    `series` identifies a series (e.g. council, indicator and period style as one integer) and
    `end_year` the period's end year (NaN: never linked). Returns `previous`, the row of the
    same series with end year - 1 (or -1), and `windows`, shape (m, 5): for every row that ends
    a run of five consecutive periods, the five rows oldest first (the last column is the row).

    Rows are sorted once by (series, end year); the row k places back is the period k years
    earlier exactly when both the series and the end-year gap match.
    """
    sid = np.asarray(series, dtype=np.int64)
    year = np.asarray(end_year, dtype=np.float64)
    rows = np.flatnonzero(np.isfinite(year))
    years = year[rows].astype(np.int64)
    span = int(years.max() - years.min() + 1) if len(rows) else 1
    order = rows[np.argsort(sid[rows] * span + (years - years.min(initial=0)))]
    s, e = sid[order], year[order]
    pos = np.arange(len(order))
    previous = np.full(len(year), -1, dtype=np.int64)
    run = np.ones(len(order), dtype=bool)
    for lag in range(1, POINTS):  # four lags, each one whole-array step
        back = np.maximum(pos - lag, 0)
        linked = (pos >= lag) & (s[back] == s) & (e - e[back] == lag)
        if lag == 1:
            previous[order[linked]] = order[back[linked]]
        run &= linked
    ends = pos[run]
    return previous, order[ends[:, None] - np.arange(POINTS - 1, -1, -1)]


def trend_codes(
    *, direction: ArrayLike, significant: ArrayLike, enough: ArrayLike, polarity: ArrayLike
) -> NDArray[np.int8]:
    """Codes into `TREND_LABELS`: by polarity ("high": higher is better, "low", "none"; or
    the codes +1, -1, 0).

    A significant rise is "improving" for high polarity, "getting worse" for low, "increasing"
    for "none" (or any other polarity); a fall the reverse; otherwise "no significant change",
    or "not enough data".
    """
    d = np.asarray(direction)
    pol = np.asarray(polarity)
    if pol.dtype.kind in "iu":  # polarity codes +1 / -1 / 0
        high, low = pol > 0, pol < 0
    else:
        high, low = pol == "high", pol == "low"
    better = np.where(high, d, np.where(low, -d, 0))
    codes = np.where(
        ~(high | low),
        np.where(d > 0, INCREASING, DECREASING),
        np.where(better > 0, IMPROVING, GETTING_WORSE),
    )
    codes = np.where(np.asarray(significant, dtype=bool), codes, NO_CHANGE)
    return np.where(np.asarray(enough, dtype=bool), codes, NOT_ENOUGH).astype(np.int8)


def trend_label(
    *, direction: ArrayLike, significant: ArrayLike, enough: ArrayLike, polarity: ArrayLike
) -> NDArray[np.object_]:
    """The words of `trend_codes` ("improving", "no significant change", ...)."""
    codes = trend_codes(
        direction=direction, significant=significant, enough=enough, polarity=polarity
    )
    return np.asarray(TREND_LABELS, dtype=object)[codes]


def change_and_trend(
    *,
    series: ArrayLike,
    end_year: ArrayLike,
    testable: ArrayLike,
    value: ArrayLike,
    numerator: ArrayLike,
    denominator: ArrayLike,
    lower: ArrayLike,
    upper: ArrayLike,
    proportion: ArrayLike,
    polarity: ArrayLike,
) -> tuple[FloatArray, NDArray[np.int8]]:
    """Per row: change from the previous consecutive period, and the trend code (into
    `TREND_LABELS`) over the five consecutive periods ending at the row.

    All arguments are per-row arrays of one length (see `consecutive_windows` for `series` and
    `end_year`); `testable` is False for rows whose periods may not be tested (overlapping
    rolling periods, as Fingertips); `lower`/`upper` are the 95% interval.
    """
    v = np.asarray(value, dtype=np.float64)
    o, n = np.asarray(numerator, dtype=np.float64), np.asarray(denominator, dtype=np.float64)
    lo, hi = np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)
    previous, windows = consecutive_windows(series=series, end_year=end_year)
    change = np.where(previous >= 0, v - v[previous], np.nan)
    windows = windows[np.asarray(testable, dtype=bool)[windows[:, -1]]]
    windows = windows[np.isfinite(v[windows]).all(1)]
    rows = windows[:, -1]
    counts = bool(np.isfinite(o).any() and np.isfinite(n).any())
    interval = bool(np.isfinite(lo).any() and np.isfinite(hi).any())
    result = trend_test(
        values=v[windows],
        numerator=o[windows] if counts else None,
        denominator=n[windows] if counts else None,
        lower=lo[windows] if interval else None,
        upper=hi[windows] if interval else None,
        proportion=np.asarray(proportion, dtype=bool)[rows],
    )
    trend = np.full(len(v), NOT_ENOUGH, dtype=np.int8)
    trend[rows] = trend_codes(
        direction=result.direction,
        significant=result.significant,
        enough=result.enough,
        polarity=np.asarray(polarity)[rows],
    )
    return change, trend
