"""Statistical neighbours computed from context variables.

The method follows the shape of the DfES/NFER children's services statistical neighbour
benchmarking model (Benton, Chamberlain, Wilson and Teeman, *The Development of the Children's
Services Statistical Neighbour Benchmarking Model*, NFER, February 2007), used for the APAs from
2007: each council is described by context variables (child population, free school meals,
minority ethnic pupils, IDACI and so on), each variable is standardised, and councils are
compared by a weighted Euclidean distance; a council's neighbours are the nearest other
councils. See docs/neighbours-and-findings.md for the formulae and the closeness bands.

1. Standardise each variable `v` over all councils given (z-scores with the *population*
   standard deviation, ddof = 0, as for a complete census of councils, not a sample):
   ``z[c, v] = (x[c, v] - mean_v) / sd_v``. A variable with no spread (sd 0) cannot tell
   councils apart and contributes 0 to every distance.
2. Weighted Euclidean distance: ``d(a, b) = sqrt(sum_v w_v * (z[a, v] - z[b, v]) ** 2)``.
   Weights multiply the squared differences (the same as scaling each z by sqrt(w_v)).
   Only the variables named in `weights` are used; other columns of `context` are ignored.
3. A council is never its own neighbour. The `k` nearest others are ranked 1 (nearest) to k;
   equal distances (compared after rounding to `DISTANCE_DECIMALS`, so that rounding error in
   the last bits cannot reorder them) are broken by the neighbour's council code (string order).
4. Closeness: the distance is banded against the quantiles (numpy's linear method, R type 7)
   of all distinct pairwise distances between the councils given, so the bands do not depend
   on the number of variables or the scale of the weights. The band names are DfE's, as stored
   by `ecm.authorities.models.Closeness`; the thresholds are this project's own (see
   `CLOSENESS_BANDS`), as the published tool gives the names but we hold no statement of its
   cut-offs.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

# Closeness bands, nearest first: a pair whose distance is at most the given quantile of all
# distinct pairwise distances takes the band. Values are `Closeness` choices
# (ecm/authorities/models.py); labels are DfE's names.
CLOSENESS_BANDS: tuple[tuple[float, str], ...] = (
    (0.01, "extremely_close"),
    (0.025, "very_close"),
    (0.05, "close"),
    (0.10, "somewhat_close"),
)
CLOSENESS_FURTHEST = "not_close"
CLOSENESS_LABELS: dict[str, str] = {
    "extremely_close": "Extremely close",
    "very_close": "Very close",
    "close": "Close",
    "somewhat_close": "Somewhat close",
    "not_close": "Not close",
}

DISTANCE_DECIMALS = 12  # distances are compared at this precision when ranking

COLUMNS = ("council", "neighbour", "rank", "distance", "closeness")

MISSING_VALUE = (
    "Council {council} has no value for context variable {variable}: supply it, or leave the "
    "variable out of the weights for every council."
)
UNKNOWN_VARIABLE = "Weight given for {variable}, which is not a column of the context."
NO_WEIGHTS = "No context variable has a positive weight."
BAD_WEIGHT = "The weight for {variable} must be a finite number of at least 0, not {weight!r}."
BAD_K = "k must be between 1 and {most} (the number of councils less one), not {k}."
DUPLICATE_COUNCIL = "Council {council} appears more than once in the context."
NON_NUMERIC = "Context variable {variable} is not numeric."


def _validate_weights(context: pd.DataFrame, weights: Mapping[str, float]) -> list[str]:
    """Return the weighted variables in a fixed (sorted) order, refusing bad weights."""
    for variable, weight in weights.items():
        if variable not in context.columns:
            raise ValueError(UNKNOWN_VARIABLE.format(variable=variable))
        if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
            raise ValueError(BAD_WEIGHT.format(variable=variable, weight=weight))
        if not math.isfinite(weight) or weight < 0:
            raise ValueError(BAD_WEIGHT.format(variable=variable, weight=weight))
    variables = sorted(v for v, w in weights.items() if w > 0)
    if not variables:
        raise ValueError(NO_WEIGHTS)
    for variable in variables:
        if not pd.api.types.is_numeric_dtype(context[variable]):
            raise ValueError(NON_NUMERIC.format(variable=variable))
    return variables


def _validate_context(context: pd.DataFrame, variables: list[str]) -> pd.DataFrame:
    """Return the weighted columns with string council codes, sorted by code."""
    frame = context[variables].copy()
    frame.index = frame.index.map(str)
    duplicated = frame.index[frame.index.duplicated()]
    if len(duplicated):
        raise ValueError(DUPLICATE_COUNCIL.format(council=sorted(duplicated)[0]))
    frame = frame.sort_index()
    missing = frame.isna()
    if missing.to_numpy().any():
        for council in frame.index:
            for variable in variables:
                if missing.at[council, variable]:
                    raise ValueError(MISSING_VALUE.format(council=council, variable=variable))
    return frame


def standardise(values: np.ndarray) -> np.ndarray:
    """z-scores by column with the population standard deviation (ddof=0); sd 0 gives 0."""
    mean = values.mean(axis=0)
    sd = values.std(axis=0, ddof=0)
    safe = np.where(sd > 0, sd, 1.0)
    return np.where(sd > 0, (values - mean) / safe, 0.0)


def distance_matrix(z: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted Euclidean distances between the rows of `z`: sqrt(sum_v w_v (z_av - z_bv)^2)."""
    diff = z[:, np.newaxis, :] - z[np.newaxis, :, :]
    return np.sqrt(np.einsum("abv,v->ab", diff * diff, w))


def closeness_thresholds(distances: np.ndarray) -> np.ndarray:
    """The distance cut-offs of `CLOSENESS_BANDS`: quantiles of all distinct pairwise distances."""
    upper = distances[np.triu_indices(distances.shape[0], k=1)]
    return np.quantile(upper, [q for q, _ in CLOSENESS_BANDS], method="linear")


def closeness_band(distance: float, thresholds: np.ndarray) -> str:
    """The closeness band of one distance given `closeness_thresholds`."""
    for cutoff, (_, band) in zip(thresholds, CLOSENESS_BANDS, strict=True):
        if round(distance, DISTANCE_DECIMALS) <= round(float(cutoff), DISTANCE_DECIMALS):
            return band
    return CLOSENESS_FURTHEST


def neighbours_compute(
    *, context: pd.DataFrame, weights: Mapping[str, float], k: int = 10
) -> pd.DataFrame:
    """Each council's `k` statistical neighbours by standardised weighted Euclidean distance.

    `context`: index council code, one numeric column per context variable. `weights`: the
    weight of each variable used (0 leaves it out). Returns columns council, neighbour, rank
    (1 = nearest), distance and closeness (a `Closeness` value), ordered by council and rank.

    Refuses (ValueError) a missing value in a weighted variable, naming the council and the
    variable: imputing a context value would silently change every council's neighbours, so the
    caller must supply it or drop the variable for everyone.
    Source: NFER for DfES (2007), the children's services statistical neighbour model.
    """
    variables = _validate_weights(context, weights)
    frame = _validate_context(context, variables)
    count = len(frame)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= count - 1:
        raise ValueError(BAD_K.format(most=max(count - 1, 0), k=k))

    z = standardise(frame.to_numpy(dtype=float))
    w = np.array([float(weights[v]) for v in variables])
    distances = distance_matrix(z, w)
    thresholds = closeness_thresholds(distances)

    ranked = np.round(distances, DISTANCE_DECIMALS)
    np.fill_diagonal(ranked, np.inf)
    # Councils are sorted by code, so a stable sort breaks equal distances by code.
    order = np.argsort(ranked, axis=1, kind="stable")[:, :k]

    codes = frame.index.to_numpy()
    rows = np.repeat(np.arange(count), k)
    cols = order.ravel()
    chosen = distances[rows, cols]
    return pd.DataFrame(
        {
            "council": codes[rows].astype(str),
            "neighbour": codes[cols].astype(str),
            "rank": np.tile(np.arange(1, k + 1), count),
            "distance": chosen,
            "closeness": [closeness_band(float(d), thresholds) for d in chosen],
        },
        columns=list(COLUMNS),
    )
