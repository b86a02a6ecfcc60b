"""Recent trend over five consecutive points (ecm/performance/engine/trend.py).

Source: OHID/PHE Fingertips, *Trend markers*: chi-square test for trend (Cochran-Armitage) for
proportions, weighted regression (weights from the 95% interval) for other values, on the five
most recent points, significant at 99.8%. This project adds: ordinary least squares with a t
test when there are no counts or intervals, and the drop-one sign rule.
"""

import numpy as np
import pytest

from ecm.performance.engine.intervals import Z95
from ecm.performance.engine.trend import (
    METHOD_CHI2,
    METHOD_NONE,
    METHOD_OLS,
    METHOD_WLS,
    TREND_LABELS,
    change_and_trend,
    consecutive_windows,
    trend_label,
    trend_test,
)

DENOMINATORS = np.full((1, 5), 1000.0)


def test_chi_square_for_trend_insignificant_just_above_0_002():
    """Fingertips trend markers, proportions (Cochran-Armitage), not significant.

    O = 100, 110, 120, 130, 140 of n = 1000 each; t = -2..2; p_i = 0.10 .. 0.14
    slope b = sum n t (p - P) / sum n t^2 = 1000 * 0.1 / 10000 = 0.01
    P = 600 / 5000 = 0.12;  X2 = b^2 * sum n t^2 / (P (1 - P)) = 1e-4 * 10000 / 0.1056
       = 9.4697;  p = P(chi2_1 > 9.4697) = 0.002089 > 0.002: no significant change
    """
    o = np.array([[100.0, 110, 120, 130, 140]])
    result = trend_test(values=o / 10, numerator=o, denominator=DENOMINATORS, proportion=True)
    assert result.method[0] == METHOD_CHI2
    assert result.p_value[0] == pytest.approx(0.002089, abs=1e-6)
    assert result.direction[0] == 1 and not result.significant[0]


def test_chi_square_for_trend_significant_with_twice_the_denominator():
    """Fingertips trend markers, proportions: the same proportions on n = 2000 are significant.

    X2 = 1e-4 * 20000 / 0.1056 = 18.939;  p = 1.35e-5 < 0.002: a significant rise
    """
    o = np.array([[200.0, 220, 240, 260, 280]])
    result = trend_test(values=o / 20, numerator=o, denominator=DENOMINATORS * 2, proportion=True)
    assert result.p_value[0] == pytest.approx(1.35e-5, rel=0.01)
    assert result.direction[0] == 1 and result.significant[0]


def test_drop_one_sign_change_cancels_a_significant_chi_square():
    """Project rule: significant only if every drop-one slope keeps the sign.

    O = 150, 100, 100, 100, 300 of 1000: b = (-2*.15 - .1 + 0 + .1 + 2*.3) / 10 = 0.03
    P = 0.15; X2 = 0.0009 * 10000 / 0.1275 = 70.6 (p ~ 1e-17), but dropping the last point
    leaves 0.15, 0.10, 0.10, 0.10: a falling slope. So: no significant change.
    """
    o = np.array([[150.0, 100, 100, 100, 300]])
    result = trend_test(values=o / 10, numerator=o, denominator=DENOMINATORS, proportion=True)
    assert result.p_value[0] < 1e-10
    assert result.direction[0] == 1 and not result.significant[0]


def test_weighted_regression_from_interval_widths():
    """Fingertips trend markers, other values: w = 1 / SE^2, SE = (upper - lower) / (2 * 1.96).

    values 10..14, SE = 1 at every point: b = 1, sum w (t - t_w)^2 = 10, X2 = 10,
    p = P(chi2_1 > 10) = 0.001565 < 0.002: significant. With SE = 1.2: X2 = 10 / 1.44 = 6.944,
    p = 0.00841: not significant.
    """
    values = np.array([[10.0, 11, 12, 13, 14]] * 2)
    se = np.array([[1.0], [1.2]])
    result = trend_test(values=values, lower=values - Z95 * se, upper=values + Z95 * se)
    assert (result.method == METHOD_WLS).all()
    assert result.p_value == pytest.approx([0.001565, 0.00841], abs=1e-5)
    assert result.significant.tolist() == [True, False]


def test_ordinary_least_squares_without_counts_or_intervals():
    """Project rule for DfE LAIT (no counts): OLS slope with a t test on 3 degrees of freedom.

    y = 1, 2, 3, 4, 5.1: b = (-2 - 2 + 0 + 4 + 10.2) / 10 = 1.02; mean 3.02; residuals
    0.02, 0, -0.02, -0.04, 0.04; RSS = 0.004; SE(b) = sqrt(0.004 / 3 / 10) = 0.011547;
    t = 88.33; p = 3.198e-6 (as scipy.stats.linregress): significant.
    y = 1, 3, 2, 5, 4: b = 0.8, p = 0.104: not significant. y constant: p = 1.
    """
    values = np.array([[1.0, 2, 3, 4, 5.1], [1, 3, 2, 5, 4], [7, 7, 7, 7, 7]])
    result = trend_test(values=values)
    assert (result.method == METHOD_OLS).all()
    assert result.p_value == pytest.approx([3.198e-6, 0.10409, 1.0], rel=1e-3)
    assert result.significant.tolist() == [True, False, False]
    assert result.direction.tolist() == [1, 1, 0]


def test_fewer_than_five_points_is_not_enough_data():
    """Fingertips trend markers: at least five points; a gap (NaN) leaves too few."""
    result = trend_test(values=[[1.0, 2, np.nan, 4, 5]])
    assert not result.enough[0] and result.method[0] == METHOD_NONE
    assert trend_label(
        direction=result.direction,
        significant=result.significant,
        enough=result.enough,
        polarity=["high"],
    ).tolist() == ["not enough data"]


def test_trend_test_rejects_the_wrong_shape():
    """Contract: arrays of shape (n_series, 5)."""
    with pytest.raises(ValueError, match="shape"):
        trend_test(values=[[1.0, 2, 3, 4]])


@pytest.mark.parametrize(
    ("direction", "significant", "polarity", "label"),
    [
        (1, True, "high", "improving"),
        (-1, True, "high", "getting worse"),
        (1, True, "low", "getting worse"),
        (-1, True, "low", "improving"),
        (1, True, "none", "increasing"),
        (-1, True, "none", "decreasing"),
        (1, False, "high", "no significant change"),
    ],
)
def test_trend_label_by_polarity(direction, significant, polarity, label):
    """Fingertips trend markers: direction read by polarity (higher is better, lower, none)."""
    words = trend_label(
        direction=[direction], significant=[significant], enough=[True], polarity=[polarity]
    )
    assert words.tolist() == [label]
    assert label in TREND_LABELS


def test_consecutive_windows_link_only_consecutive_periods():
    """Contract: consecutive = same series and end year + 1; windows are five such periods."""
    series = np.array([7, 7, 7, 7, 7, 7, 8, 7])
    years = np.array([2019, 2018, 2020, 2021, 2017, 2023, 2022, np.nan])
    previous, windows = consecutive_windows(series=series, end_year=years)
    # row 0 (2019) follows row 1 (2018); 2023 has no 2022 in its own series; NaN links nothing
    assert previous.tolist() == [1, 4, 0, 2, -1, -1, -1, -1]
    assert windows.tolist() == [[4, 1, 0, 2, 3]]  # 2017..2021, oldest first, ends at row 3


def test_change_and_trend_per_row():
    """Change is only from the previous consecutive period; trend ends at the row's period."""
    years = np.array([2016, 2017, 2018, 2019, 2020, 2022], dtype=float)
    values = np.array([1.0, 2, 3, 4, 5, 9])
    nan = np.full(6, np.nan)
    change, trend = change_and_trend(
        series=np.zeros(6, dtype=np.int64),
        end_year=years,
        testable=np.ones(6, dtype=bool),
        value=values,
        numerator=nan,
        denominator=nan,
        lower=nan,
        upper=nan,
        proportion=np.zeros(6, dtype=bool),
        polarity=np.full(6, -1, dtype=np.int8),  # low: a rise is getting worse
    )
    np.testing.assert_array_equal(change, [np.nan, 1, 1, 1, 1, np.nan])
    words = [TREND_LABELS[c] for c in trend]
    assert words == ["not enough data"] * 4 + ["getting worse", "not enough data"]
