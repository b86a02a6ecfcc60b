"""A comparisons refresh's plan (ComparisonPlan): the current values in one order, turned with
the Lookups into the engine's frames and computed a step of indicators at a time, only the
periods a change can reach (issue 25 §1; decision 0048). Pandas and numpy: the database only in
`Lookups.read` and each step's `write`. What a plan reads, and when, is comparisons.py's."""

from collections.abc import Collection, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecm.authorities.models import (
    Council,
    Region,
    StatisticalNeighbour,
    StatisticalNeighbourModel,
)
from ecm.performance.engine.comparisons import comparisons_compute
from ecm.performance.engine.periods import periods_frame
from ecm.performance.engine.trend import POINTS
from ecm.performance.models import AreaKind, Comparison, Indicator
from ecm.performance.services.bulk import frame_insert, indexes_built_after
from ecm.performance.services.comparison_rows import COLUMNS, rows_replace, sql_ready

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


def current_ordered(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Current values from memory and the database (CURRENT_COLUMNS) in one order."""
    # Empty parts left out: one read from the database without a row has no column types,
    # and concatenated it would make every column an object column (three times slower).
    parts = [part for part in parts if len(part)]
    if not parts:  # no value at all
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c.endswith("_id") else object) for c in CURRENT_COLUMNS}
        )
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    # One order whatever the rows' source (memory or database): sums over councils then add
    # up in the same order, so a comparison does not depend on where its inputs were read.
    return rows.sort_values(_ORDER, kind="stable").reset_index(drop=True)


_ORDER = ["indicator_id", "period", "area_kind", "council_id", "region_id"]


def _frames(rows: pd.DataFrame, lookups: Lookups) -> dict[str, pd.DataFrame]:
    """The engine's frames from current values in current_ordered's order (no query)."""
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
    (comparisons.py's `comparisons_plan`), so that each step after it is computed without a
    query and written by `write` (an import runs the writes in a thread beside the computing:
    background_writer.py)."""

    indicator_ids: list[int]  # every indicator to compare, in order
    rows: pd.DataFrame  # their current values, in current_ordered's order
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
        # Already in the order of the unique index (current_ordered's order), so that its
        # B-tree grows at the end (faster inserts).
        return Step(whole=whole, groups=groups, frame=sql_ready(result[COLUMNS]))

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

    def writing(self) -> AbstractContextManager:
        """Around this plan's writes: when none of its indicators has comparisons stored (a
        first import), SQLite builds the table's indexes once, after the last step
        (`indexes_built_after`); with some stored, their stale rows' deletes need the
        indexes, which are kept."""
        if self.compared:
            return nullcontext()
        return indexes_built_after(model=Comparison, adding=len(self.rows))

    def write(self, step: Step) -> int:
        """Replace the step's stale comparisons by its new ones; returns how many were
        written."""
        if not self.compared:  # nothing stored to replace
            return frame_insert(model=Comparison, frame=step.frame) if len(step.frame) else 0
        return rows_replace(
            frame=step.frame,
            whole=[pk for pk in step.whole if pk in self.compared],
            groups=step.groups,
        )
