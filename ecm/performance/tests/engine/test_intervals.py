"""Confidence intervals (ecm/performance/engine/intervals.py).

Source: OHID/PHE Fingertips, *Technical Guide: Confidence Intervals* (Wilson score method for
proportions; Byar's method for counts and crude rates with 10 or more events; exact Poisson
from the chi-square distribution below 10). Worked figures are computed by hand below.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm.performance.engine.intervals import (
    Z95,
    Z998,
    byar,
    count_interval,
    exact_poisson,
    rate_interval,
    wilson,
    z_for,
)

# Leicestershire (LA 855), children looked after at 31 March 2025: 694 children in a 0-17
# population of 147,439, a rate of 47 per 10,000 (694 / 147439 * 10000 = 47.0703).
LOOKED_AFTER, POPULATION = 694, 147_439


def test_z_values_for_95_and_99_8_percent():
    """Fingertips technical guide: z = 1.959964 (95%) and 3.090232 (99.8%)."""
    assert z_for(0.95) == pytest.approx(Z95, abs=1e-6)
    assert z_for(99.8) == pytest.approx(Z998, abs=1e-6)
    with pytest.raises(ValueError, match="confidence"):
        z_for(0)


def test_wilson_score_worked_example_leicestershire():
    """Fingertips technical guide, Wilson score method: 694 / 147,439 at 95%.

    p = 694 / 147439 = 0.00470703;  z^2 = 1.959964^2 = 3.841459
    4 O (1 - p) = 4 * 694 * 0.99529297 = 2762.9333
    z sqrt(z^2 + 4 O (1 - p)) = 1.959964 * sqrt(2766.7747) = 1.959964 * 52.600140 = 103.09438
    2 O + z^2 = 1388 + 3.841459 = 1391.84146;  2 (n + z^2) = 2 * 147442.84146 = 294885.68292
    lower = (1391.84146 - 103.09438) / 294885.68292 = 0.00437033  (0.437%)
    upper = (1391.84146 + 103.09438) / 294885.68292 = 0.00506954  (0.507%)
    """
    lower, upper = wilson(numerator=[LOOKED_AFTER], denominator=[POPULATION], z=Z95)
    assert lower[0] == pytest.approx(0.00437033, rel=1e-6)
    assert upper[0] == pytest.approx(0.00506954, rel=1e-6)


def test_wilson_zero_and_whole_numerators():
    """Fingertips technical guide, Wilson: O = 0 gives lower 0; O = n gives upper 1.

    0 / 10 at 95%: upper = (0 + z^2 + z sqrt(z^2)) / (2 (10 + z^2)) = 2 z^2 / (2 (10 + z^2))
    = 3.841459 / 13.841459 = 0.277533.
    """
    lower, upper = wilson(numerator=[0, 10], denominator=[10, 10], z=Z95)
    assert lower[0] == 0 and upper[0] == pytest.approx(0.277533, rel=1e-5)
    assert upper[1] == 1 and lower[1] == pytest.approx(1 - 0.277533, rel=1e-5)


def test_wilson_nan_and_impossible_inputs_give_nan():
    """NaN in, NaN out; a zero denominator or a numerator above it has no interval."""
    lower, upper = wilson(numerator=[np.nan, 5, 11, -1], denominator=[10, np.nan, 10, 10], z=Z95)
    assert np.isnan(lower).all() and np.isnan(upper).all()
    lower, _ = wilson(numerator=[0], denominator=[0], z=Z95)
    assert np.isnan(lower[0])


def test_byar_worked_example_leicestershire_per_10000():
    """Fingertips technical guide, Byar's method for 694 events, rate per 10,000 at 95%.

    lower count = 694 (1 - 1/(9*694) - 1.959964/(3 sqrt 694))^3
                = 694 (1 - 0.00016010 - 0.02479974)^3 = 694 * 0.97504016^3
                = 694 * 0.92697391 = 643.3199
    upper count = 695 (1 - 1/(9*695) + 1.959964/(3 sqrt 695))^3
                = 695 (1 - 0.00015987 + 0.02478189)^3 = 695 * 1.02462202^3
                = 695 * 1.07569971 = 747.6113
    rate limits = count / 147439 * 10000 = 43.633 and 50.706 per 10,000 (rate 47.07)
    """
    lower, upper = byar(count=[LOOKED_AFTER], z=Z95)
    assert lower[0] == pytest.approx(643.3199, abs=1e-3)
    assert upper[0] == pytest.approx(747.6113, abs=1e-3)
    lower, upper = rate_interval(
        count=[LOOKED_AFTER], denominator=[POPULATION], multiplier=10_000, confidence=0.95
    )
    assert lower[0] == pytest.approx(43.6330, abs=1e-3)
    assert upper[0] == pytest.approx(50.7065, abs=1e-3)
    assert round(LOOKED_AFTER / POPULATION * 10_000) == 47


@pytest.mark.parametrize(
    ("count", "lower95", "upper95", "lower998", "upper998"),
    [
        # chi2_inv(q, 2 O) / 2 and chi2_inv(1 - q, 2 O + 2) / 2, q = 0.025 (95%), 0.001 (99.8%)
        (0, 0.0, 3.688879, 0.0, 6.907755),  # upper = -ln(0.025) = 3.688879; -ln(0.001)
        (3, 0.618672, 8.767273, 0.190533, 13.062241),
        (9, 4.115373, 17.084803, 2.452424, 22.657373),
    ],
)
def test_exact_poisson_small_counts(count, lower95, upper95, lower998, upper998):
    """Fingertips technical guide, exact Poisson limits (chi-square) for counts below 10.

    For O = 0 the upper limit solves exp(-L) = alpha/2, so L = -ln(0.025) = 3.688879.
    """
    lower, upper = exact_poisson(count=[count], confidence=0.95)
    assert (lower[0], upper[0]) == pytest.approx((lower95, upper95), abs=1e-5)
    lower, upper = exact_poisson(count=[count], confidence=0.998)
    assert (lower[0], upper[0]) == pytest.approx((lower998, upper998), abs=1e-5)


def test_rate_interval_uses_exact_below_10_and_byar_from_10():
    """Fingertips technical guide: Byar's method for 10 or more events, exact below."""
    counts = np.array([9.0, 10.0])
    lower, upper = count_interval(count=counts, confidence=0.95)
    exact = exact_poisson(count=counts, confidence=0.95)
    approx = byar(count=counts, z=Z95)
    assert lower[0] == exact[0][0] and upper[0] == exact[1][0]
    # Z95 is z to 6 decimals; count_interval takes z from the confidence level exactly
    assert (lower[1], upper[1]) == pytest.approx((approx[0][1], approx[1][1]), rel=1e-7)
    # 3 events in 1,000 per 10,000: 0.618672 * 10 = 6.18672 to 87.67273
    lower, upper = rate_interval(count=[3], denominator=[1000], multiplier=10_000, confidence=95)
    assert (lower[0], upper[0]) == pytest.approx((6.18672, 87.67273), abs=1e-4)


def test_rate_interval_nan_and_zero_denominator_give_nan():
    """NaN in, NaN out; no interval without a positive denominator."""
    lower, upper = rate_interval(
        count=[np.nan, 5, 5, -1], denominator=[100, np.nan, 0, 100], multiplier=100, confidence=0.95
    )
    assert np.isnan(lower).all() and np.isnan(upper).all()


proportions = st.integers(min_value=1, max_value=2_000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(proportions, st.sampled_from([Z95, Z998]))
def test_wilson_contains_the_proportion(pair, z):
    """Property (Wilson score interval): 0 <= lower <= O/n <= upper <= 1."""
    o, n = pair
    lower, upper = wilson(numerator=[o], denominator=[n], z=z)
    assert 0 <= lower[0] <= o / n + 1e-12 and o / n - 1e-12 <= upper[0] <= 1


@given(proportions, st.integers(min_value=2, max_value=50))
def test_wilson_narrower_as_counts_grow(pair, factor):
    """Property (Wilson): the same proportion on a bigger denominator has a narrower interval."""
    o, n = pair
    lower, upper = wilson(numerator=[o, o * factor], denominator=[n, n * factor], z=Z95)
    width = upper - lower
    assert width[1] < width[0]


@given(
    st.integers(min_value=0, max_value=100_000),
    st.integers(min_value=1, max_value=10_000_000),
    st.sampled_from([0.95, 0.998]),
)
def test_rate_interval_contains_the_rate(count, denominator, confidence):
    """Property (Byar / exact Poisson): lower <= O/n * multiplier <= upper."""
    lower, upper = rate_interval(
        count=[count], denominator=[denominator], multiplier=10_000, confidence=confidence
    )
    rate = count / denominator * 10_000
    assert lower[0] <= rate * (1 + 1e-12) and rate * (1 - 1e-12) <= upper[0]


@given(
    st.integers(min_value=1, max_value=50_000),
    st.integers(min_value=1, max_value=1_000_000),
    st.integers(min_value=2, max_value=50),
)
def test_rate_interval_narrower_as_counts_grow(count, denominator, factor):
    """Property (Byar / exact Poisson): the same rate from more events is more precise."""
    lower, upper = rate_interval(
        count=[count, count * factor],
        denominator=[denominator, denominator * factor],
        multiplier=10_000,
        confidence=0.95,
    )
    width = upper - lower
    assert width[1] < width[0]
    assert not math.isnan(width[1])
