"""Reads about councils, regions and statistical neighbours (DESIGN.md: selectors read)."""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet

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


def neighbour_models() -> QuerySet:
    """Every neighbour model held, newest first, each with `councils`: how many councils it
    gives neighbours."""
    return _models_newest_first().annotate(councils=Count("neighbours__council", distinct=True))


def neighbour_model_in_use() -> StatisticalNeighbourModel | None:
    """The model every council's comparisons use (decision 0040):

    1. the model an administrator chose (`in_use`);
    2. else the newest real model (by publication date: DfE's, or one computed from context
       data);
    3. else, only while the demo runs (DEMO_MODE), the demo's invented model.

    An invented model is never used when DEMO_MODE is off, even if it was chosen: then the
    comparisons have no neighbours rather than made-up ones (issue 22 §5)."""
    usable = _models_newest_first()
    if not settings.DEMO_MODE:
        usable = usable.filter(is_invented=False)
    return (
        usable.filter(in_use=True).first()
        or usable.filter(is_invented=False).first()
        or usable.first()
    )


def neighbour_model_latest_real() -> StatisticalNeighbourModel | None:
    """The newest model held that is not invented (None when only the demo's is held)."""
    return _models_newest_first().filter(is_invented=False).first()


def neighbour_model_offered() -> StatisticalNeighbourModel | None:
    """The latest real model, when the comparisons use an invented model, an older one or none:
    what the pages offer to use instead (issue 22 §5). None when nothing better is held."""
    latest = neighbour_model_latest_real()
    in_use = neighbour_model_in_use()
    if latest is None or (in_use is not None and in_use.pk == latest.pk):
        return None
    if in_use is None or in_use.is_invented:
        return latest
    if latest.published_on and (
        in_use.published_on is None or in_use.published_on < latest.published_on
    ):
        return latest
    return None


def neighbour_model_compared() -> StatisticalNeighbourModel | None:
    """The model the stored comparisons were made with (None: made with no neighbours, or none
    made yet). It is the model in use, except between a change of DEMO_MODE and the next
    recomputation, and it is what the profile names."""
    return StatisticalNeighbourModel.objects.filter(compared=True).first()


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
