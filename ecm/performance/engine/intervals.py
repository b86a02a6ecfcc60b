"""Confidence intervals, vectorised over numpy arrays.

Source: OHID (formerly PHE/APHO) Fingertips, *Technical Guide: Confidence Intervals*, and its
reference implementation, the PHEindicatormethods R package (`wilson_lower`, `byars_lower`,
`phe_rate`):

- proportions: the Wilson score interval;
- counts of events and rates built on them: Byar's approximation to the exact Poisson interval
  when there are 10 or more events, and the exact Poisson interval (from the chi-square, that is
  gamma, distribution) below 10, where Byar's approximation is poor.

Every function takes and returns float arrays; NaN in gives NaN out, and impossible inputs
(a negative count, a denominator of 0 or less, a numerator above its denominator) give NaN.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

Z95 = 1.959964  # standard normal quantile for a two-sided 95% interval, Phi^-1(0.975)
Z998 = 3.090232  # for a two-sided 99.8% interval, Phi^-1(0.999)
BYAR_MIN_COUNT = 10  # Byar's method from 10 events, exact Poisson below (Fingertips guide)

FloatArray = NDArray[np.float64]


def _level(confidence: float) -> float:
    level = confidence / 100 if confidence > 1 else confidence
    if not 0 < level < 1:
        raise ValueError(f"confidence must be between 0 and 1 (or 0 and 100), not {confidence}")
    return level


def z_for(confidence: float) -> float:
    """The two-sided standard normal quantile for a confidence level given as 0.95 or 95."""
    return float(stats.norm.ppf(1 - (1 - _level(confidence)) / 2))


def _floats(values: ArrayLike) -> FloatArray:
    return np.asarray(values, dtype=np.float64)


def wilson(
    *, numerator: ArrayLike, denominator: ArrayLike, z: float
) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval for a proportion O/n, as proportions between 0 and 1.

    Fingertips technical guide, "Proportions: Wilson score method", with p = O/n::

        lower = (2 O + z^2 - z sqrt(z^2 + 4 O (1 - p))) / (2 (n + z^2))
        upper = (2 O + z^2 + z sqrt(z^2 + 4 O (1 - p))) / (2 (n + z^2))

    The caller multiplies by 100 for a percentage. O = 0 gives lower = 0; O = n gives upper = 1.
    """
    o = _floats(numerator)
    n = _floats(denominator)
    valid = (n > 0) & (o >= 0) & (o <= n)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = o / n
        root = z * np.sqrt(z * z + 4 * o * (1 - p))
        centre = 2 * o + z * z
        scale = 2 * (n + z * z)
        lower = np.where(valid, (centre - root) / scale, np.nan)
        upper = np.where(valid, (centre + root) / scale, np.nan)
    # rounding can leave -1e-17 at O = 0 or 1 + 1e-16 at O = n
    return np.clip(lower, 0.0, 1.0), np.clip(upper, 0.0, 1.0)


def byar(*, count: ArrayLike, z: float) -> tuple[FloatArray, FloatArray]:
    """Byar's approximate interval for an observed count O of events (a Poisson count).

    Fingertips technical guide, "Byar's method" (Breslow and Day, 1987)::

        lower = O (1 - 1/(9 O) - z / (3 sqrt(O)))^3
        upper = (O + 1) (1 - 1/(9 (O + 1)) + z / (3 sqrt(O + 1)))^3

    Meant for O >= 10 (use `rate_interval`, which switches to `exact_poisson` below 10). O = 0
    gives lower = 0; a negative approximate lower limit (tiny O) is clipped to 0.
    """
    o = _floats(count)
    valid = o >= 0
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3
        o1 = o + 1
        upper = o1 * (1 - 1 / (9 * o1) + z / (3 * np.sqrt(o1))) ** 3
    lower = np.where(o == 0, 0.0, np.maximum(lower, 0.0))
    return np.where(valid, lower, np.nan), np.where(valid, upper, np.nan)


def exact_poisson(*, count: ArrayLike, confidence: float) -> tuple[FloatArray, FloatArray]:
    """Exact Poisson interval for an observed count O, from the chi-square distribution.

    Fingertips technical guide, "exact method" for counts (Ulm 1990), with alpha = 1 - level::

        lower = chi2_inv(alpha / 2, 2 O) / 2        (0 when O = 0)
        upper = chi2_inv(1 - alpha / 2, 2 (O + 1)) / 2

    computed as gamma quantiles (chi2_inv(q, 2k) / 2 = gamma_inv(q, k)), which also accept a
    non-integer count.
    """
    level = _level(confidence)
    o = _floats(count)
    valid = o >= 0
    alpha = 1 - level
    safe = np.where(valid, o, 0.0)
    positive = safe > 0
    with np.errstate(invalid="ignore"):
        lower = np.where(positive, special.gammaincinv(np.where(positive, safe, 1.0), alpha / 2), 0)
        upper = special.gammaincinv(safe + 1, 1 - alpha / 2)
    return np.where(valid, lower, np.nan), np.where(valid, upper, np.nan)


def count_interval(*, count: ArrayLike, confidence: float) -> tuple[FloatArray, FloatArray]:
    """Interval for a count of events: Byar's method from 10 events, exact Poisson below."""
    o = _floats(count)
    byar_lower, byar_upper = byar(count=o, z=z_for(confidence))
    exact_lower, exact_upper = exact_poisson(count=o, confidence=confidence)
    small = o < BYAR_MIN_COUNT
    return np.where(small, exact_lower, byar_lower), np.where(small, exact_upper, byar_upper)


def rate_interval(
    *, count: ArrayLike, denominator: ArrayLike, multiplier: ArrayLike, confidence: float
) -> tuple[FloatArray, FloatArray]:
    """Interval for a crude rate O / n * multiplier (e.g. per 10,000 children).

    Fingertips technical guide, "crude rates": the interval for the count O (Byar's method when
    O >= 10, exact Poisson below) divided by the denominator n and times the multiplier.
    """
    n = _floats(denominator)
    lower, upper = count_interval(count=count, confidence=confidence)
    factor = np.where(n > 0, _floats(multiplier) / np.where(n > 0, n, 1.0), np.nan)
    return lower * factor, upper * factor
