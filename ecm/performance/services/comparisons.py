"""Recomputing the comparisons the pages read, from the current observations.

The engine (ecm.performance.engine, pure pandas) does the statistics; this module only turns
rows into its frames and stores what it returns, for the indicators an import touched.

The statistical neighbours are those of the model in use (decision 0040:
ecm.authorities.selectors.neighbour_model_in_use), and every stored comparison is made with one
model, which is marked `compared` so that the profile can name it.
"""

from collections.abc import Iterable

import pandas as pd
from django.db import transaction

from ecm.authorities.models import Council, StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.selectors import neighbour_model_compared, neighbour_model_in_use
from ecm.performance.engine.comparisons import comparisons_compute
from ecm.performance.models import AreaKind, Comparison, Indicator, Observation
from ecm.performance.services.bulk import rows_insert

COLUMNS = [
    "indicator_id",
    "council_id",
    "period",
    "end_year",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "england",
    "england_computed",
    "region",
    "region_computed",
    "neighbours_mean",
    "neighbours_median",
    "neighbours_count",
    "rank",
    "rank_of",
    "quartile_band",
    "ci95_lower",
    "ci95_upper",
    "ci998_lower",
    "ci998_upper",
    "vs_england",
    "change",
    "trend",
    "flags",
]
FLOATS = {
    "value",
    "numerator",
    "denominator",
    "england",
    "region",
    "neighbours_mean",
    "neighbours_median",
    "ci95_lower",
    "ci95_upper",
    "ci998_lower",
    "ci998_upper",
    "change",
}
INTEGERS = {"neighbours_count", "rank", "rank_of", "end_year"}
BOOLEANS = {"suppressed", "england_computed", "region_computed"}


def neighbour_model_current() -> StatisticalNeighbourModel | None:
    """The model comparisons use: the one an administrator chose, else the newest real one;
    the demo's invented model only while the demo runs (decision 0040; issue 22 §5)."""
    return neighbour_model_in_use()


def engine_frames(
    *,
    indicator_ids: Iterable[int] | None = None,
    model: StatisticalNeighbourModel | None = None,
) -> dict[str, pd.DataFrame]:
    """The engine's input frames (see ecm.performance.engine) from the current observations,
    with the neighbours of `model` (default: the model in use)."""
    current = Observation.objects.filter(is_current=True)
    indicators = Indicator.objects.all()
    if indicator_ids is not None:
        ids = list(indicator_ids)
        current = current.filter(indicator_id__in=ids)
        indicators = indicators.filter(pk__in=ids)
    columns = ["indicator", "period", "value", "numerator", "denominator"]
    # Ids without joins, mapped to codes in pandas: much faster for hundreds of thousands.
    la_numbers = dict(Council.objects.values_list("pk", "la_number"))
    codes = dict(Indicator.objects.values_list("pk", "code"))
    council_rows = current.filter(area_kind=AreaKind.COUNCIL).values_list(
        "council_id", "indicator_id", "period", "value", "numerator", "denominator",
        "suppression",
    )  # fmt: skip
    observations = pd.DataFrame.from_records(
        council_rows, columns=["council", *columns, "suppression"]
    )
    observations["council"] = observations["council"].map(la_numbers)
    observations["indicator"] = observations["indicator"].map(codes)
    observations["suppressed"] = observations["suppression"].fillna("") != ""
    observations = observations.drop(columns="suppression")
    comparator_rows = current.exclude(area_kind=AreaKind.COUNCIL).values_list(
        "area_kind", "region__name", "indicator__code", "period", "value", "numerator",
        "denominator",
    )  # fmt: skip
    comparators = pd.DataFrame.from_records(
        comparator_rows, columns=["area_kind", "region_name", *columns]
    )
    comparators["area"] = comparators["region_name"].where(
        comparators["area_kind"] == AreaKind.REGION, "england"
    )
    comparators = comparators.drop(columns=["area_kind", "region_name"])
    councils = pd.DataFrame.from_records(
        Council.objects.values_list("la_number", "region__name"), columns=["council", "region"]
    ).set_index("council")
    model = model if model is not None else neighbour_model_current()
    neighbours = pd.DataFrame.from_records(
        StatisticalNeighbour.objects.filter(model=model).values_list(
            "council__la_number", "neighbour__la_number"
        ),
        columns=["council", "neighbour"],
    )
    indicator_frame = pd.DataFrame.from_records(
        indicators.values_list("code", "polarity", "value_type", "multiplier", "banding"),
        columns=["indicator", "polarity", "value_type", "multiplier", "banding"],
    ).set_index("indicator")
    for frame in (observations, comparators):
        for column in ("value", "numerator", "denominator"):
            frame[column] = frame[column].astype("float64")
    return {
        "observations": observations,
        "comparators": comparators,
        "councils": councils,
        "neighbours": neighbours,
        "indicators": indicator_frame,
    }


@transaction.atomic
def comparisons_refresh(*, indicator_ids: Iterable[int] | None = None) -> int:
    """Replace the stored comparisons of these indicators (all when None). Returns how many.

    Every stored comparison is made with one neighbour model: when the model in use is not the
    one the others were made with (DEMO_MODE turned off under the demo's invented model, say),
    all of them are made again, so that the profile's "compared with" is true of every row."""
    ids = None if indicator_ids is None else list(indicator_ids)
    model = neighbour_model_current()
    compared = neighbour_model_compared()
    if (
        ids is not None
        and _pk(model) != _pk(compared)
        and Comparison.objects.exclude(indicator_id__in=ids).exists()
    ):
        ids = None
    StatisticalNeighbourModel.objects.filter(compared=True).exclude(pk=_pk(model)).update(
        compared=False
    )
    if model is not None and not model.compared:
        StatisticalNeighbourModel.objects.filter(pk=model.pk).update(compared=True)
    frames = engine_frames(indicator_ids=ids, model=model)
    stale = (
        Comparison.objects.all() if ids is None else Comparison.objects.filter(indicator_id__in=ids)
    )
    stale._raw_delete(stale.db)  # no signals or cascades hang on comparisons
    if frames["observations"].empty:
        return 0
    result = comparisons_compute(**frames)
    council_ids = dict(Council.objects.values_list("la_number", "pk"))
    indicator_pks = dict(Indicator.objects.values_list("code", "pk"))
    result = result.assign(
        indicator_id=result["indicator"].map(indicator_pks),
        council_id=result["council"].map(council_ids),
    )
    # In the order of the unique index, so that its B-tree grows at the end (faster inserts).
    result = result.sort_values(["indicator_id", "period", "council_id"], kind="stable")
    prepared = _sql_ready(result[COLUMNS])
    return rows_insert(
        model=Comparison,
        columns=COLUMNS,
        rows=zip(*(prepared[name].tolist() for name in COLUMNS), strict=True),
        total=len(prepared),
    )


def _pk(model: StatisticalNeighbourModel | None) -> int | None:
    return model.pk if model is not None else None


def _sql_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Column by column (not row by row): NaN to NULL, numpy scalars to Python's."""
    out = {}
    for name in COLUMNS:
        column = frame[name]
        if name in FLOATS:
            values = column.astype("float64")
            out[name] = values.astype(object).where(values.notna(), None)
        elif name in INTEGERS or name in ("indicator_id", "council_id"):
            values = pd.to_numeric(column, errors="coerce")
            if name == "neighbours_count":
                values = values.fillna(0)
            ints = values.fillna(-1).astype("int64").astype(object)
            out[name] = ints.where(values.notna(), None)
        elif name in BOOLEANS:
            out[name] = column.fillna(False).astype(bool).astype(object)
        else:
            out[name] = column.fillna("").astype(str).astype(object)
    return pd.DataFrame(out)
