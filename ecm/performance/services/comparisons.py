"""Recomputing the comparisons the pages read, from the current observations.

The engine (ecm.performance.engine, pure pandas) does the statistics; this module only turns
rows into its frames and stores what it returns, for the indicators an import touched.

The statistical neighbours are those of the model in use (decision 0040:
ecm.authorities.selectors.neighbour_model_in_use), and every stored comparison is made with one
model, which is marked `compared` so that the profile can name it.
"""

from collections.abc import Collection, Iterable, Mapping

import pandas as pd
from django.db import transaction

from ecm.authorities.models import (
    Council,
    Region,
    StatisticalNeighbour,
    StatisticalNeighbourModel,
)
from ecm.authorities.selectors import neighbour_model_compared, neighbour_model_in_use
from ecm.performance.engine.comparisons import comparisons_compute
from ecm.performance.engine.periods import periods_frame
from ecm.performance.engine.trend import POINTS
from ecm.performance.models import AreaKind, Comparison, Indicator, Observation
from ecm.performance.services.bulk import frame_insert, frame_read

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


CURRENT_COLUMNS = [
    *("indicator_id", "period", "area_kind", "council_id", "region_id"),
    *("value", "numerator", "denominator", "suppression"),
]


def engine_frames(
    *,
    indicator_ids: Iterable[int] | None = None,
    model: StatisticalNeighbourModel | None = None,
    current: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """The engine's input frames (see ecm.performance.engine) from the current observations,
    with the neighbours of `model` (default: the model in use).

    `current` (CURRENT_COLUMNS, council and region ids -1 where none) holds every current
    value of some indicators, as an import has them in memory: those indicators are not read
    again (issue 25 §1); the others asked for are read from the database. The observations
    frame keeps `indicator_id` and `council_id` beside the engine's columns."""
    ids = None if indicator_ids is None else list(indicator_ids)
    parts = []
    if ids is not None and current is not None:
        held = current.loc[current["indicator_id"].isin(ids), CURRENT_COLUMNS]
        parts.append(held)
        ids = sorted(set(ids) - set(held["indicator_id"].unique().tolist()))
    if ids is None or ids:
        parts.append(_current_read(indicator_ids=ids))
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    # One order whatever the rows' source (memory or database): sums over councils then add
    # up in the same order, so a comparison does not depend on where its inputs were read.
    rows = rows.sort_values(["indicator_id", "period", "area_kind", "council_id", "region_id"])
    la_numbers = dict(Council.objects.values_list("pk", "la_number"))
    codes = dict(Indicator.objects.values_list("pk", "code"))
    region_names = dict(Region.objects.values_list("pk", "name"))
    is_council = rows["area_kind"] == AreaKind.COUNCIL
    council_rows = rows.loc[is_council]
    observations = pd.DataFrame(
        {
            "council": council_rows["council_id"].map(la_numbers),
            "indicator": council_rows["indicator_id"].map(codes),
            "period": council_rows["period"],
            "value": council_rows["value"].astype("float64"),
            "numerator": council_rows["numerator"].astype("float64"),
            "denominator": council_rows["denominator"].astype("float64"),
            "suppressed": council_rows["suppression"].fillna("") != "",
            "indicator_id": council_rows["indicator_id"].astype("int64"),
            "council_id": council_rows["council_id"].astype("int64"),
        }
    ).reset_index(drop=True)
    others = rows.loc[~is_council]
    comparators = pd.DataFrame(
        {
            "area": others["region_id"]
            .map(region_names)
            .where(others["area_kind"] == AreaKind.REGION, "england"),
            "indicator": others["indicator_id"].map(codes),
            "period": others["period"],
            "value": others["value"].astype("float64"),
            "numerator": others["numerator"].astype("float64"),
            "denominator": others["denominator"].astype("float64"),
        }
    ).reset_index(drop=True)
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
    wanted = rows["indicator_id"].unique().tolist() if indicator_ids is not None else None
    indicators = (
        Indicator.objects.all() if wanted is None else Indicator.objects.filter(pk__in=wanted)
    )
    indicator_frame = pd.DataFrame.from_records(
        indicators.values_list("code", "polarity", "value_type", "multiplier", "banding"),
        columns=["indicator", "polarity", "value_type", "multiplier", "banding"],
    ).set_index("indicator")
    return {
        "observations": observations,
        "comparators": comparators,
        "councils": councils,
        "neighbours": neighbours,
        "indicators": indicator_frame,
    }


def _current_read(*, indicator_ids: list[int] | None) -> pd.DataFrame:
    """The current observations (of these indicators; all when None) in CURRENT_COLUMNS,
    ids without joins (much faster for hundreds of thousands of rows)."""
    current = Observation.objects.filter(is_current=True)
    if indicator_ids is not None:
        current = current.filter(indicator_id__in=indicator_ids)
    frame = frame_read(current, CURRENT_COLUMNS)
    for column in ("council_id", "region_id"):
        frame[column] = frame[column].fillna(-1).astype("int64")
    return frame


@transaction.atomic
def comparisons_refresh(
    *,
    indicator_ids: Iterable[int] | None = None,
    periods: Mapping[int, Collection[str] | None] | None = None,
    current: pd.DataFrame | None = None,
) -> int:
    """Replace the stored comparisons of these indicators (all when None). Returns how many
    were written.

    `periods` (issue 25 §1) names, per indicator, the periods whose values changed (None: all
    of them); only those periods' comparisons are written again, with the later periods whose
    change and trend read them (same style, up to four years on: engine.trend.POINTS). Without
    it every period is. `current`: the values an import holds in memory (`engine_frames`).

    Every stored comparison is made with one neighbour model: when the model in use is not the
    one the others were made with (DEMO_MODE turned off under the demo's invented model, say),
    all of them are made again, so that the profile's "compared with" is true of every row."""
    ids = None if indicator_ids is None else list(indicator_ids)
    model = neighbour_model_current()
    compared = neighbour_model_compared()
    if _pk(model) != _pk(compared):
        periods = None  # other neighbours: every period of every indicator changes
        if ids is not None and Comparison.objects.exclude(indicator_id__in=ids).exists():
            ids = None
    StatisticalNeighbourModel.objects.filter(compared=True).exclude(pk=_pk(model)).update(
        compared=False
    )
    if model is not None and not model.compared:
        StatisticalNeighbourModel.objects.filter(pk=model.pk).update(compared=True)
    frames = engine_frames(indicator_ids=ids, model=model, current=current)
    observations = frames["observations"]
    if ids is None or periods is None:
        stale = (
            Comparison.objects.all()
            if ids is None
            else Comparison.objects.filter(indicator_id__in=ids)
        )
        stale._raw_delete(stale.db)  # no signals or cascades hang on comparisons
        keep = None
    else:
        whole = [pk for pk in ids if periods.get(pk) is None]
        groups = _affected_groups(
            observations, periods={k: v for k, v in periods.items() if k in ids}
        )
        _stale_delete(whole=whole, groups=groups)
        keep = observations["indicator_id"].isin(whole) | _in_groups(observations, groups)
    if observations.empty:
        return 0
    # All of the indicators' periods are computed (cheap: the engine is vectorised; trend
    # and change read earlier periods); only the affected ones are written (the slow part).
    result = comparisons_compute(**frames)
    result = result.assign(
        indicator_id=observations["indicator_id"], council_id=observations["council_id"]
    )
    if keep is not None:
        result = result.loc[keep.to_numpy()]
    # Already in the order of the unique index (engine_frames' order), so that its B-tree
    # grows at the end (faster inserts).
    return frame_insert(model=Comparison, frame=_sql_ready(result[COLUMNS]))


def _affected_groups(
    observations: pd.DataFrame, *, periods: Mapping[int, Collection[str] | None]
) -> pd.DataFrame:
    """(indicator_id, period) of every comparison that can change when these periods' values
    change: the periods themselves, and the periods of the same style ending up to
    POINTS - 1 years later (a change reads the year before; a trend the four before)."""
    changed = pd.DataFrame(
        [(pk, label) for pk, labels in periods.items() if labels for label in labels],
        columns=["indicator_id", "period"],
    )
    pairs = observations[["indicator_id", "period"]].drop_duplicates()
    if changed.empty or pairs.empty:
        return changed
    parsed = periods_frame(pairs["period"], errors="coerce")
    pairs = pairs.assign(style=parsed["style"].to_numpy(), end=parsed["end_year"].to_numpy())
    parsed = periods_frame(changed["period"], errors="coerce")
    changed = changed.assign(style=parsed["style"].to_numpy(), end=parsed["end_year"].to_numpy())
    linked = pairs.loc[pairs["style"] != ""].merge(
        changed.loc[changed["style"] != ""], on=["indicator_id", "style"], suffixes=("", "_at")
    )
    later = linked["end"] - linked["end_at"]
    linked = linked.loc[(later >= 0) & (later <= POINTS - 1), ["indicator_id", "period"]]
    return pd.concat([changed[["indicator_id", "period"]], linked]).drop_duplicates()


def _in_groups(observations: pd.DataFrame, groups: pd.DataFrame) -> pd.Series:
    """Per observation row: is its (indicator, period) one of `groups`?"""
    if groups.empty:
        return pd.Series(False, index=observations.index)
    marked = observations[["indicator_id", "period"]].merge(
        groups.assign(_in=True), on=["indicator_id", "period"], how="left"
    )
    return pd.Series(marked["_in"].fillna(False).to_numpy(dtype=bool), index=observations.index)


def _stale_delete(*, whole: list[int], groups: pd.DataFrame) -> None:
    """Delete the stored comparisons of these indicators (every period) and of these groups
    (no signals or cascades hang on comparisons: a raw delete)."""
    if whole:
        stale = Comparison.objects.filter(indicator_id__in=whole)
        stale._raw_delete(stale.db)
    for indicator_id, labels in groups.groupby("indicator_id")["period"]:
        stale = Comparison.objects.filter(
            indicator_id=int(indicator_id), period__in=sorted(set(labels.tolist()))
        )
        stale._raw_delete(stale.db)


def _pk(model: StatisticalNeighbourModel | None) -> int | None:
    return model.pk if model is not None else None


def _sql_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Column by column (not row by row), as the bulk writer takes them: floats with NaN for
    NULL, nullable integers, booleans, plain strings ("" for none)."""
    out = {}
    for name in COLUMNS:
        column = frame[name]
        if name in FLOATS:
            out[name] = column.astype("float64").to_numpy()
        elif name in ("indicator_id", "council_id"):
            out[name] = column.astype("int64").to_numpy()
        elif name in INTEGERS:
            values = pd.to_numeric(column, errors="coerce")
            if name == "neighbours_count":
                values = values.fillna(0)
            out[name] = values.astype("Int64").array
        elif name in BOOLEANS:
            out[name] = column.fillna(False).astype(bool).to_numpy()
        else:
            out[name] = column.astype(object).fillna("").astype(str).to_numpy(dtype=object)
    return pd.DataFrame(out)
