"""Recomputing the comparisons the pages read, from the current observations.

The engine (ecm.performance.engine, pure pandas) does the statistics. This module reads what a
refresh of the indicators an import touched needs, and settles the neighbour model; the plan
(comparison_plan.py) turns the rows into the engine's frames and stores what it returns, in the
table's rows (comparison_rows.py).

The statistical neighbours are those of the model in use (decision 0040:
ecm.authorities.selectors.neighbour_model_in_use), and every stored comparison is made with one
model, which is marked `compared` so that the profile can name it.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from django.db import transaction
from django.db.models import Exists, OuterRef

from ecm.authorities.models import StatisticalNeighbourModel
from ecm.authorities.selectors import neighbour_model_compared, neighbour_model_in_use
from ecm.performance.models import Comparison, Indicator, Observation
from ecm.performance.services.bulk import frame_read
from ecm.performance.services.comparison_plan import (
    CURRENT_COLUMNS,
    ComparisonPlan,
    Lookups,
    current_ordered,
)


def neighbour_model_current() -> StatisticalNeighbourModel | None:
    """The model comparisons use: the one an administrator chose, else the newest real one;
    the demo's invented model only while the demo runs (decision 0040; issue 22 §5)."""
    return neighbour_model_in_use()


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

    indicator_ids: list[int]  # the indicators asked for, or every one (`every_indicator`)
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
        rows = current_ordered(parts)
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


def _pk(model: StatisticalNeighbourModel | None) -> int | None:
    return model.pk if model is not None else None
