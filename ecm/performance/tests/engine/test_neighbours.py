"""Statistical neighbours from context variables (engine/neighbours.py).

Sources: the DfES/NFER children's services statistical neighbour model (2007): standardised
context variables, weighted Euclidean distance, the ten nearest other councils; the closeness
band names of `ecm.authorities.models.Closeness`; docs/neighbours-and-findings.md.
"""

import math

import numpy as np
import pandas as pd
import pytest

from ecm.performance.engine.neighbours import (
    CLOSENESS_BANDS,
    CLOSENESS_FURTHEST,
    CLOSENESS_LABELS,
    COLUMNS,
    closeness_band,
    neighbours_compute,
)

# Five councils, two variables, built so the z-scores (population sd) are exact:
#   a: 14 18 20 22 26  -> mean 20, sd sqrt(80/5) = 4   -> z -1.5 -0.5  0    0.5  1.5
#   b: 100 115 95 85 105 -> mean 100, sd sqrt(500/5) = 10 -> z  0    1.5 -0.5 -1.5 0.5
CONTEXT = pd.DataFrame(
    {"a": [14.0, 18.0, 20.0, 22.0, 26.0], "b": [100.0, 115.0, 95.0, 85.0, 105.0]},
    index=["A", "B", "C", "D", "E"],
)
# Squared distances with weights a=1, b=1 (sum of w * (z difference)^2):
#   A-B 1+2.25=3.25  A-C 2.25+0.25=2.5  A-D 4+2.25=6.25  A-E 9+0.25=9.25
#   B-C 0.25+4=4.25  B-D 1+9=10         B-E 4+1=5        C-D 0.25+1=1.25
#   C-E 2.25+1=3.25  D-E 1+4=5
EQUAL = {"a": 1.0, "b": 1.0}


def _of(result: pd.DataFrame, council: str) -> pd.DataFrame:
    return result[result["council"] == council].reset_index(drop=True)


def _random_context(count: int = 150, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        rng.normal(size=(count, 4)),
        index=[str(800 + i) for i in range(count)],
        columns=["children", "fsm", "minority_ethnic", "idaci"],
    )


def test_hand_computed_distances_and_order_nfer_standardised_weighted_euclidean():
    """NFER 2007: standardised variables, weighted Euclidean distance (hand sums above)."""
    result = neighbours_compute(context=CONTEXT, weights=EQUAL, k=4)
    a = _of(result, "A")
    assert list(a["neighbour"]) == ["C", "B", "D", "E"]
    assert list(a["rank"]) == [1, 2, 3, 4]
    assert a["distance"].tolist() == pytest.approx(
        [math.sqrt(2.5), math.sqrt(3.25), 2.5, math.sqrt(9.25)]
    )
    d = _of(result, "D")
    assert list(d["neighbour"]) == ["C", "E", "A", "B"]  # 1.25, 5, 6.25, 10
    assert d["distance"].tolist() == pytest.approx(
        [math.sqrt(1.25), math.sqrt(5), 2.5, math.sqrt(10)]
    )
    assert list(result.columns) == list(COLUMNS)


def test_weights_change_the_neighbours_nfer_weighted_variables():
    """NFER 2007 weights each variable: with a weighted 4 to 1, A's nearest is B, not C.

    Squared, with a=4 and b=1: A-B 4*1 + 2.25 = 6.25; A-C 4*2.25 + 0.25 = 9.25.
    """
    heavy_a = neighbours_compute(context=CONTEXT, weights={"a": 4.0, "b": 1.0}, k=2)
    assert list(_of(heavy_a, "A")["neighbour"]) == ["B", "C"]
    assert _of(heavy_a, "A")["distance"].tolist() == pytest.approx([2.5, math.sqrt(9.25)])
    equal = neighbours_compute(context=CONTEXT, weights=EQUAL, k=2)
    assert list(_of(equal, "A")["neighbour"]) == ["C", "B"]


def test_a_zero_weight_leaves_the_variable_out():
    """docs/neighbours-and-findings.md: weight 0 = the variable is not used."""
    only_a = neighbours_compute(context=CONTEXT, weights={"a": 1.0, "b": 0.0}, k=1)
    # On a alone A (-1.5) is nearest B (-0.5): distance 1.
    assert _of(only_a, "A")["neighbour"].tolist() == ["B"]
    assert _of(only_a, "A")["distance"].tolist() == pytest.approx([1.0])


def test_equal_distances_broken_by_council_code():
    """Determinism: a=1, b=4 puts B and E both at sqrt(10) from A; B (lower code) ranks first.

    A-B 1 + 4*2.25 = 10, A-E 9 + 4*0.25 = 10, A-C 2.25 + 4*0.25 = 3.25.
    """
    result = neighbours_compute(context=CONTEXT, weights={"a": 1.0, "b": 4.0}, k=3)
    a = _of(result, "A")
    assert list(a["neighbour"]) == ["C", "B", "E"]
    assert a["distance"].iloc[1] == pytest.approx(a["distance"].iloc[2])


def test_standardising_makes_units_irrelevant_z_scores():
    """z-scores: measuring a in thousandths (x1000) changes no neighbour or distance."""
    scaled = CONTEXT.assign(a=CONTEXT["a"] * 1000)
    pd.testing.assert_frame_equal(
        neighbours_compute(context=scaled, weights=EQUAL, k=3),
        neighbours_compute(context=CONTEXT, weights=EQUAL, k=3),
    )


def test_a_variable_with_no_spread_contributes_nothing():
    """docs: sd 0 gives z 0 for every council (the variable cannot tell councils apart)."""
    flat = CONTEXT.assign(c=5.0)
    pd.testing.assert_frame_equal(
        neighbours_compute(context=flat, weights={**EQUAL, "c": 3.0}, k=3),
        neighbours_compute(context=CONTEXT, weights=EQUAL, k=3),
    )


def test_a_council_is_never_its_own_neighbour():
    """NFER 2007: a council's neighbours are other councils."""
    result = neighbours_compute(context=_random_context(), weights={"fsm": 1.0, "idaci": 2.0})
    assert not (result["council"] == result["neighbour"]).any()
    assert not result.duplicated(["council", "neighbour"]).any()


def test_k_is_respected():
    """NFER 2007: ten neighbours per council by default; k otherwise, ranked 1..k."""
    context = _random_context(count=40)
    weights = {"children": 1.0, "fsm": 1.0}
    default = neighbours_compute(context=context, weights=weights)
    assert default.groupby("council").size().eq(10).all()
    three = neighbours_compute(context=context, weights=weights, k=3)
    assert three.groupby("council").size().eq(3).all()
    assert sorted(three["rank"].unique()) == [1, 2, 3]
    assert (three.groupby("council")["distance"].diff().dropna() >= 0).all()
    assert len(default) == 40 * 10


@pytest.mark.parametrize("k", [0, 5, -1])
def test_k_outside_one_to_councils_less_one_refused(k):
    """k must leave at least one and at most all other councils (5 councils: 1..4)."""
    with pytest.raises(ValueError, match="k must be between 1 and 4"):
        neighbours_compute(context=CONTEXT, weights=EQUAL, k=k)


def test_missing_context_value_refused_naming_council_and_variable():
    """docs: a missing context value is refused, not imputed, naming council and variable."""
    gappy = CONTEXT.copy()
    gappy.loc["D", "b"] = np.nan
    with pytest.raises(ValueError, match="Council D has no value for context variable b"):
        neighbours_compute(context=gappy, weights=EQUAL, k=2)


def test_missing_value_in_an_unweighted_column_is_ignored():
    """docs: only the variables named in `weights` are used."""
    gappy = CONTEXT.assign(unused=[1.0, np.nan, 3.0, 4.0, 5.0])
    pd.testing.assert_frame_equal(
        neighbours_compute(context=gappy, weights=EQUAL, k=2),
        neighbours_compute(context=CONTEXT, weights=EQUAL, k=2),
    )


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"a": 1.0, "nope": 1.0}, "not a column"),
        ({"a": -1.0}, "finite number of at least 0"),
        ({"a": float("nan")}, "finite number of at least 0"),
        ({"a": 0.0, "b": 0.0}, "No context variable has a positive weight"),
    ],
)
def test_bad_weights_refused(weights, message):
    """docs: weights are finite, non-negative, name context columns, and one is positive."""
    with pytest.raises(ValueError, match=message):
        neighbours_compute(context=CONTEXT, weights=weights, k=2)


def test_duplicate_council_refused():
    """One row per council."""
    doubled = pd.concat([CONTEXT, CONTEXT.iloc[[0]]])
    with pytest.raises(ValueError, match="Council A appears more than once"):
        neighbours_compute(context=doubled, weights=EQUAL, k=2)


def test_deterministic_whatever_the_row_order():
    """Determinism: the same context in any order gives the same frame, every time."""
    context = _random_context(seed=3)
    weights = {"children": 1.0, "fsm": 2.0, "minority_ethnic": 0.5, "idaci": 1.5}
    first = neighbours_compute(context=context, weights=weights)
    shuffled = context.sample(frac=1.0, random_state=11)
    pd.testing.assert_frame_equal(first, neighbours_compute(context=shuffled, weights=weights))
    pd.testing.assert_frame_equal(first, neighbours_compute(context=context, weights=weights))


def test_council_codes_come_back_as_strings():
    """Engine contract: council and neighbour are str LA numbers."""
    context = pd.DataFrame({"a": [1.0, 2.0, 4.0]}, index=[855, 856, 857])
    result = neighbours_compute(context=context, weights={"a": 1.0}, k=1)
    assert result["council"].tolist() == ["855", "856", "857"]
    assert result["neighbour"].tolist() == ["856", "855", "856"]


def test_closeness_uses_the_project_closeness_values():
    """ecm/authorities/models.py Closeness: DfE's five band names, nearest first."""
    assert [band for _, band in CLOSENESS_BANDS] + [CLOSENESS_FURTHEST] == list(CLOSENESS_LABELS)
    assert list(CLOSENESS_LABELS.values()) == [
        "Extremely close",
        "Very close",
        "Close",
        "Somewhat close",
        "Not close",
    ]
    result = neighbours_compute(context=_random_context(), weights={"fsm": 1.0, "idaci": 1.0})
    assert set(result["closeness"]) <= set(CLOSENESS_LABELS)


def test_closeness_bands_by_quantile_of_pairwise_distances():
    """docs: bands cut at the 1st, 2.5th, 5th and 10th percentiles of all pair distances.

    In the hand example C-D (sqrt 1.25) is the closest pair of ten; the 1st percentile (linear)
    lies between it and the next (sqrt 2.5), so only C-D is extremely close, and every other
    pair is beyond the 10th percentile (position 0.9 of 9, still short of the second pair).
    """
    result = neighbours_compute(context=CONTEXT, weights=EQUAL, k=4)
    pairs = result.set_index(["council", "neighbour"])["closeness"]
    assert pairs[("C", "D")] == "extremely_close"
    assert pairs[("D", "C")] == "extremely_close"
    assert pairs[("A", "C")] == "not_close"


def test_closeness_band_thresholds():
    """docs: at most the cut-off takes the band; beyond the last is not close."""
    thresholds = np.array([1.0, 2.0, 3.0, 4.0])
    assert closeness_band(1.0, thresholds) == "extremely_close"
    assert closeness_band(1.5, thresholds) == "very_close"
    assert closeness_band(3.0, thresholds) == "close"
    assert closeness_band(3.5, thresholds) == "somewhat_close"
    assert closeness_band(4.01, thresholds) == "not_close"


def test_closeness_never_gets_nearer_as_rank_grows():
    """Bands follow distance, so a later rank is never in a closer band."""
    order = list(CLOSENESS_LABELS)
    result = neighbours_compute(context=_random_context(), weights={"fsm": 1.0, "children": 1.0})
    result["band"] = result["closeness"].map(order.index)
    assert (result.groupby("council")["band"].diff().dropna() >= 0).all()


def test_numpy_weights_accepted():
    """Weights read from a frame arrive as numpy numbers; they count as numbers."""
    result = neighbours_compute(
        context=CONTEXT, weights={"a": np.int64(4), "b": np.float32(1)}, k=2
    )
    assert list(_of(result, "A")["neighbour"]) == ["B", "C"]
