"""Recomputing the comparisons the pages read, from the current observations.

The engine (ecm.performance.engine, pure pandas) does the statistics; this module only turns
rows into its frames and stores what it returns, for the indicators an import touched.

The statistical neighbours are those of the model in use (decision 0040:
ecm.authorities.selectors.neighbour_model_in_use), and every stored comparison is made with one
model, which is marked `compared` so that the profile can name it.
"""

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.db.models import Exists, OuterRef

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
from ecm.performance.services.bulk import frame_insert, frame_read, server_at_work

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


@dataclass
class Lookups:
    """What the engine's frames need besides the values: read once per refresh."""

    la_numbers: dict[int, str]
    codes: dict[int, str]
    region_names: dict[int, str]
    councils: pd.DataFrame
    neighbours: pd.DataFrame
    indicators: pd.DataFrame

    @classmethod
    def read(cls, model: StatisticalNeighbourModel | None) -> "Lookups":
        return cls(
            la_numbers=dict(Council.objects.values_list("pk", "la_number")),
            codes=dict(Indicator.objects.values_list("pk", "code")),
            region_names=dict(Region.objects.values_list("pk", "name")),
            councils=pd.DataFrame.from_records(
                Council.objects.values_list("la_number", "region__name"),
                columns=["council", "region"],
            ).set_index("council"),
            neighbours=pd.DataFrame.from_records(
                StatisticalNeighbour.objects.filter(model=model).values_list(
                    "council__la_number", "neighbour__la_number"
                ),
                columns=["council", "neighbour"],
            ),
            indicators=pd.DataFrame.from_records(
                Indicator.objects.values_list(
                    "code", "polarity", "value_type", "multiplier", "banding"
                ),
                columns=["indicator", "polarity", "value_type", "multiplier", "banding"],
            ).set_index("indicator"),
        )


def _ordered(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Current values from memory and the database (CURRENT_COLUMNS) in one order."""
    if not parts:  # no indicator at all
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c.endswith("_id") else object) for c in CURRENT_COLUMNS}
        )
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    # One order whatever the rows' source (memory or database): sums over councils then add
    # up in the same order, so a comparison does not depend on where its inputs were read.
    return rows.sort_values(_ORDER, kind="stable").reset_index(drop=True)


_ORDER = ["indicator_id", "period", "area_kind", "council_id", "region_id"]


def _frames(rows: pd.DataFrame, lookups: Lookups) -> dict[str, pd.DataFrame]:
    """The engine's frames from current values in _ordered's order (no query)."""
    is_council = rows["area_kind"] == AreaKind.COUNCIL
    council_rows = rows.loc[is_council]
    observations = pd.DataFrame(
        {
            "council": council_rows["council_id"].map(lookups.la_numbers),
            "indicator": council_rows["indicator_id"].map(lookups.codes),
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
            .map(lookups.region_names)
            .where(others["area_kind"] == AreaKind.REGION, "england"),
            "indicator": others["indicator_id"].map(lookups.codes),
            "period": others["period"],
            "value": others["value"].astype("float64"),
            "numerator": others["numerator"].astype("float64"),
            "denominator": others["denominator"].astype("float64"),
        }
    ).reset_index(drop=True)
    wanted = [lookups.codes[pk] for pk in rows["indicator_id"].unique().tolist()]
    return {
        "observations": observations,
        "comparators": comparators,
        "councils": lookups.councils,
        "neighbours": lookups.neighbours,
        "indicators": lookups.indicators.loc[lookups.indicators.index.isin(wanted)],
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


@dataclass
class Step:
    """One step's comparisons, computed and ready to write (ComparisonPlan.step)."""

    whole: list[int]  # indicators whose every stored comparison goes
    groups: pd.DataFrame  # (indicator_id, period) whose stored comparisons go
    frame: pd.DataFrame  # the comparisons to write, in the table's columns


class _Periods:
    """The period labels of a plan's rows as integer codes, each label parsed once (style and
    end year), so that a step finds the periods it needs with integer arithmetic, not merges
    of text columns."""

    def __init__(self, labels: pd.Series) -> None:
        self.code, uniques = pd.factorize(labels)
        self.labels = np.asarray(uniques, dtype=object)
        self.code_of = {label: i for i, label in enumerate(self.labels.tolist())}
        parsed = periods_frame(pd.Series(self.labels, dtype=object), errors="coerce")
        style = parsed["style"].fillna("").astype(str).to_numpy()
        style_code, _ = pd.factorize(style)
        end = parsed["end_year"].to_numpy(dtype=np.float64)
        self.linkable = (style != "") & np.isfinite(end)
        self.style = style_code.astype(np.int64)
        self.end = np.where(self.linkable, end, 0).astype(np.int64)
        self.styles = int(self.style.max(initial=0)) + 1
        self.first = int(self.end[self.linkable].min(initial=0))
        self.span = int(self.end[self.linkable].max(initial=0)) - self.first + 2 * POINTS + 1

    def key(self, indicator: np.ndarray, code: np.ndarray) -> np.ndarray:
        """One integer per (indicator, period)."""
        return indicator.astype(np.int64) * len(self.labels) + code

    def linked(self, indicator, code, marks_indicator, marks_code, *, lo: int, hi: int):
        """Per (indicator, code) pair: is there a mark of the same indicator and style whose
        end year is `lo` to `hi` years before the pair's?"""
        marks = self.linkable[marks_code]
        base = self._series_year(marks_indicator[marks], marks_code[marks])
        wanted = np.unique(np.concatenate([base + d for d in range(lo, hi + 1)]))
        return self.linkable[code] & np.isin(self._series_year(indicator, code), wanted)

    def _series_year(self, indicator, code):
        series = indicator.astype(np.int64) * self.styles + self.style[code]
        return series * self.span + (self.end[code] - self.first + POINTS)


@dataclass
class ComparisonPlan:
    """What refreshing some indicators' comparisons needs from the database, read at once
    (`comparisons_plan`), so that each step after it is computed without a query and written
    by `write` (an import runs the writes in a thread beside the computing: bulk.py's
    BackgroundWriter)."""

    indicator_ids: list[int]  # every indicator to compare, in order
    rows: pd.DataFrame  # their current values, in _ordered's order
    lookups: Lookups
    compared: set[int]  # those with comparisons stored before: the others have no stale rows
    everything: bool  # every period of every indicator (another neighbour model)

    def __post_init__(self) -> None:
        self._periods = _Periods(self.rows["period"])
        self._indicator = self.rows["indicator_id"].to_numpy(dtype=np.int64)

    def step(
        self, indicator_ids: list[int], periods: Mapping[int, Collection[str] | None] | None
    ) -> Step:
        """The comparisons of these indicators (a slice of `indicator_ids`) that `periods`
        changed (None for an indicator, or no `periods`: all of them). Pandas only.

        For an indicator with some periods changed, only the comparisons that can change are
        written: the changed periods' and those of the later periods of the same style whose
        change and trend read them (up to POINTS - 1 years on: engine.trend). And only the
        periods those comparisons read are computed: each of them and the POINTS - 1 before
        it in the same style; every other figure of a comparison reads its own period only."""
        ids = sorted(indicator_ids)
        first, last = self._bounds(ids)
        indicator = self._indicator[first:last]
        code = self._periods.code[first:last]
        chosen = np.isin(indicator, ids)
        if periods is None or self.everything:
            periods = {}
        # Nothing stored yet for an indicator: nothing is stale, every period is written.
        whole = [pk for pk in ids if pk not in self.compared or periods.get(pk) is None]
        partial = {pk: periods[pk] for pk in ids if pk not in whole}
        in_whole = np.isin(indicator, whole)
        group_keys = np.empty(0, dtype=np.int64)
        if partial:
            group_keys, read = self._affected(indicator[chosen], code[chosen], partial)
            chosen &= in_whole | np.isin(self._periods.key(indicator, code), read)
        rows = self.rows.iloc[first:last].loc[chosen]
        groups = self._groups(group_keys)
        frames = _frames(rows, self.lookups)
        observations = frames["observations"]
        if observations.empty:
            return Step(whole=whole, groups=groups, frame=pd.DataFrame(columns=COLUMNS))
        result = comparisons_compute(**frames)
        result = result.assign(
            indicator_id=observations["indicator_id"], council_id=observations["council_id"]
        )
        if partial:
            council_rows = (rows["area_kind"] == AreaKind.COUNCIL).to_numpy()
            keys = self._periods.key(indicator[chosen], code[chosen])[council_rows]
            keep = in_whole[chosen][council_rows] | np.isin(keys, group_keys)
            result = result.loc[keep]
        # Already in the order of the unique index (_ordered's order), so that its B-tree
        # grows at the end (faster inserts).
        return Step(whole=whole, groups=groups, frame=_sql_ready(result[COLUMNS]))

    def steps(self, *, rows: int) -> Iterator[list[int]]:
        """`indicator_ids` in order, in steps of whole indicators holding about `rows`
        current values each (an indicator with more is a step of its own)."""
        step: list[int] = []
        held = 0
        for pk in self.indicator_ids:
            first, last = self._bounds([pk])
            if step and held + (last - first) > rows:
                yield step
                step, held = [], 0
            step.append(pk)
            held += last - first
        if step:
            yield step

    def _affected(self, indicator: np.ndarray, code: np.ndarray, partial) -> tuple:
        """(keys of the (indicator, period) groups whose comparisons can change, keys of the
        groups those comparisons read), from the changed periods of `partial`."""
        periods = self._periods
        pairs = np.unique(periods.key(indicator, code))
        pair_indicator, pair_code = np.divmod(pairs, len(periods.labels))
        changed = [
            (pk, periods.code_of[label])
            for pk, labels in partial.items()
            for label in labels or ()
            if label in periods.code_of
        ]
        marks = np.array(changed, dtype=np.int64).reshape(-1, 2)
        later = periods.linked(
            pair_indicator, pair_code, marks[:, 0], marks[:, 1], lo=0, hi=POINTS - 1
        )
        groups = np.union1d(periods.key(marks[:, 0], marks[:, 1]), pairs[later])
        group_indicator, group_code = np.divmod(groups, len(periods.labels))
        earlier = periods.linked(
            pair_indicator, pair_code, group_indicator, group_code, lo=-(POINTS - 1), hi=0
        )
        return groups, np.union1d(groups, pairs[earlier])

    def _groups(self, keys: np.ndarray) -> pd.DataFrame:
        """(indicator_id, period) of these group keys, for the stale rows' delete."""
        indicator, code = np.divmod(keys, len(self._periods.labels))
        return pd.DataFrame({"indicator_id": indicator, "period": self._periods.labels[code]})

    def _bounds(self, ids: list[int]) -> tuple[int, int]:
        return (
            int(self._indicator.searchsorted(ids[0], side="left")),
            int(self._indicator.searchsorted(ids[-1], side="right")),
        )

    def write(self, step: Step) -> int:
        """Replace the step's stale comparisons by its new ones; returns how many were
        written."""
        if self.compared:
            with server_at_work():
                _stale_delete(
                    whole=[pk for pk in step.whole if pk in self.compared], groups=step.groups
                )
        return frame_insert(model=Comparison, frame=step.frame) if len(step.frame) else 0


def comparisons_plan(
    *, indicator_ids: Iterable[int] | None = None, current: pd.DataFrame | None = None
) -> ComparisonPlan:
    """Read what refreshing these indicators' comparisons (all when None) needs, and settle
    which neighbour model they are made with (`comparisons_plan_read`, then its `plan`)."""
    held = () if current is None else current["indicator_id"].unique().tolist()
    return comparisons_plan_read(indicator_ids=indicator_ids, held=held).plan(current)


@dataclass
class PlanReads:
    """What a ComparisonPlan needs from the database, read (`comparisons_plan_read`) before
    an import's writer takes the connection; `plan` then does the rest without a query, on
    the values the import holds, while the writer writes (issue 25 §1)."""

    indicator_ids: list[int]  # the indicators asked for, or every indicator (`everything`)
    read: pd.DataFrame | None  # the current values of those not held in memory
    lookups: Lookups
    compared: set[int]
    everything: bool
    every_indicator: bool  # the plan covers every indicator that has a current value

    def plan(self, current: pd.DataFrame | None) -> ComparisonPlan:
        """The plan, from these reads and `current` (CURRENT_COLUMNS, council and region ids
        -1 where none), which holds every current value of the indicators named `held` when
        read. Pandas only."""
        parts = []
        if current is not None:
            parts.append(
                current.loc[current["indicator_id"].isin(self.indicator_ids), CURRENT_COLUMNS]
            )
        if self.read is not None:
            parts.append(self.read)
        rows = _ordered(parts)
        ids = self.indicator_ids
        if self.every_indicator:
            ids = sorted(set(rows["indicator_id"].unique().tolist()))
        return ComparisonPlan(
            indicator_ids=ids,
            rows=rows,
            lookups=self.lookups,
            compared=self.compared,
            everything=self.everything,
        )


def comparisons_plan_read(
    *, indicator_ids: Iterable[int] | None = None, held: Collection[int] = ()
) -> PlanReads:
    """Every query a plan of these indicators (all when None) needs, and the neighbour model
    settled. `held`: the indicators whose current values the caller holds in memory (an
    import's, before its writes), not read here; `PlanReads.plan` takes them.

    Every stored comparison is made with one neighbour model: when the model in use is not the
    one the others were made with (DEMO_MODE turned off under the demo's invented model, say),
    all of them are made again, so that the profile's "compared with" is true of every row:
    then every comparison is deleted here, and the plan covers every indicator."""
    ids = None if indicator_ids is None else sorted(set(indicator_ids))
    model = neighbour_model_current()
    everything = _pk(model) != _pk(neighbour_model_compared())
    if everything and ids is not None and Comparison.objects.exclude(indicator_id__in=ids).exists():
        ids = None
    StatisticalNeighbourModel.objects.filter(compared=True).exclude(pk=_pk(model)).update(
        compared=False
    )
    if model is not None and not model.compared:
        StatisticalNeighbourModel.objects.filter(pk=model.pk).update(compared=True)
    compared: set[int] = set()
    every_indicator = ids is None
    if ids is None:
        stale = Comparison.objects.all()
        stale._raw_delete(stale.db)  # no signals or cascades hang on comparisons
        # Every indicator, and those an import holds in memory from there (the database still
        # has their values before the import: its writes come after this plan).
        ids = sorted(set(Indicator.objects.values_list("pk", flat=True)))
    else:
        compared = _compared_already(ids)
    held = set(held)
    unread = [pk for pk in ids if pk not in held]
    return PlanReads(
        indicator_ids=ids,
        read=_current_read(indicator_ids=unread) if unread else None,
        lookups=Lookups.read(model),
        compared=compared,
        everything=everything,
        every_indicator=every_indicator,
    )


def _compared_already(ids: list[int]) -> set[int]:
    """Which of these indicators have comparisons stored (a query per 500): one lookup in the
    unique index per indicator (EXISTS), not a scan of every comparison they have (a DISTINCT
    over LAIT's 600,000 read them all)."""
    found: set[int] = set()
    stored = Comparison.objects.filter(indicator_id=OuterRef("pk"))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            Indicator.objects.alias(stored=Exists(stored))
            .filter(pk__in=chunk, stored=True)
            .values_list("pk", flat=True)
        )
    return found


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
    it every period is. `current`: the values an import holds in memory (CURRENT_COLUMNS,
    council and region ids -1 where none), read from the database for no indicator it holds.
    The neighbour model: see `comparisons_plan`."""
    plan = comparisons_plan(indicator_ids=indicator_ids, current=current)
    if not plan.indicator_ids:
        return 0
    return plan.write(plan.step(plan.indicator_ids, periods))


def _stale_delete(*, whole: list[int], groups: pd.DataFrame) -> None:
    """Delete the stored comparisons of these indicators (every period) and of these groups
    (no signals or cascades hang on comparisons: a raw delete)."""
    if whole:
        stale = Comparison.objects.filter(indicator_id__in=whole)
        stale._raw_delete(stale.db)
    if groups.empty:
        return
    if connection.vendor == "postgresql":
        # One statement for every group, joined to the unique index (indicator, period, ...):
        # a DELETE per indicator cost a round trip each, a third of the deletes' time.
        meta, quote = Comparison._meta, connection.ops.quote_name
        indicator, period = (quote(meta.get_field(f).column) for f in ("indicator", "period"))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {quote(meta.db_table)} AS c "  # noqa: S608 (names from the model)
                "USING unnest(%s::bigint[], %s::text[]) AS g(indicator, period) "
                f"WHERE c.{indicator} = g.indicator AND c.{period} = g.period",
                [
                    groups["indicator_id"].astype("int64").tolist(),
                    groups["period"].astype(str).tolist(),
                ],
            )
        return
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
