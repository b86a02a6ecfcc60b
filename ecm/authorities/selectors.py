"""Reads about councils, regions and statistical neighbours (DESIGN.md: selectors read)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet

from ecm.authorities.models import (
    Council,
    CouncilSuccession,
    Region,
    StatisticalNeighbour,
    StatisticalNeighbourModel,
)

LA_NUMBER_RE = re.compile(r"^[0-9]{1,3}$")


def council_list(*, active_on: date | None = None, region: Region | str | None = None) -> QuerySet:
    """Councils by name, with their region; optionally only those in `region` (a Region or its
    ONS code) and only those in existence on `active_on` (see councils_active_on)."""
    councils = Council.objects.select_related("region").order_by("name", "la_number")
    if region is not None:
        councils = councils.filter(
            region__ons_code=region if isinstance(region, str) else region.ons_code
        )
    if active_on is not None:
        councils = councils.filter(_active_on(active_on))
    return councils


def councils_active_on(day: date) -> QuerySet:
    """The councils with children's services responsibilities on `day`: established on or before
    it (or before our records begin) and not yet abolished. A reorganisation takes effect on its
    day: on 1 April 2009 Bedford and Central Bedfordshire exist and Bedfordshire does not
    (DOMAIN.md: 152 councils in 2009; decision 0006)."""
    return council_list(active_on=day)


def _active_on(day: date) -> Q:
    return (Q(established_on__isnull=True) | Q(established_on__lte=day)) & (
        Q(abolished_on__isnull=True) | Q(abolished_on__gt=day)
    )


def council_get_by_code(code: str | int) -> Council | None:
    """The council known by `code`: its LA number (855, "855"), its current ONS code
    (E10000018) or an ONS code it used before a change of status (Buckinghamshire's E10000002
    finds LA 825), so that data keyed on old codes still finds its council. None if unknown."""
    text = str(code).strip().upper()
    if LA_NUMBER_RE.match(text):
        return Council.objects.select_related("region").filter(la_number=text.zfill(3)).first()
    if not text:
        return None
    return (
        Council.objects.select_related("region")
        .filter(Q(ons_code=text) | Q(former_codes__ons_code=text))
        .distinct()
        .first()
    )


def _models_newest_first() -> QuerySet:
    # Explicit NULLS LAST: SQLite and PostgreSQL place NULLs at opposite ends by default.
    return StatisticalNeighbourModel.objects.order_by(
        F("published_on").desc(nulls_last=True), "-imported_at", "code"
    )


def statistical_neighbours(*, council: Council, model_code: str | None = None) -> QuerySet:
    """The council's statistical neighbours in one model, by rank. Without `model_code`, the
    latest model (by publication date) that gives the council neighbours; an empty result when
    none does (DOMAIN.md §3 "The dataset": statistical neighbours as a comparator)."""
    rows = StatisticalNeighbour.objects.filter(council=council).select_related(
        "neighbour", "neighbour__region", "model"
    )
    if model_code is None:
        model = _models_newest_first().filter(neighbours__council=council).distinct().first()
        if model is None:
            return rows.none()
        return rows.filter(model=model).order_by("rank")
    return rows.filter(model__code=model_code).order_by("rank")


@dataclass(frozen=True)
class NeighbourGroup:
    model: StatisticalNeighbourModel
    neighbours: list[StatisticalNeighbour]


def statistical_neighbour_groups(*, council: Council) -> list[NeighbourGroup]:
    """The council's neighbours in every model that gives it some, newest model first."""
    rows = list(
        StatisticalNeighbour.objects.filter(council=council)
        .select_related("neighbour", "model")
        .order_by("rank")
    )
    groups = []
    for model in _models_newest_first().filter(neighbours__council=council).distinct():
        groups.append(NeighbourGroup(model, [r for r in rows if r.model_id == model.pk]))
    return groups


@dataclass(frozen=True)
class Successions:
    predecessors: list[CouncilSuccession]  # councils whose responsibilities passed to this one
    successors: list[CouncilSuccession]  # councils this one's responsibilities passed to


def council_successions(*, council: Council) -> Successions:
    """The reorganisations the council came from or went into, with the day each took effect."""
    rows = CouncilSuccession.objects.select_related("predecessor", "successor").order_by(
        "effective_on", "predecessor__name", "successor__name"
    )
    return Successions(
        predecessors=list(rows.filter(successor=council)),
        successors=list(rows.filter(predecessor=council)),
    )


def region_list() -> QuerySet:
    """The regions, by ONS code (North East first, as DfE tables list them)."""
    return Region.objects.order_by("ons_code")
