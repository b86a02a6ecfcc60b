"""Reads: which statistical neighbour model the comparisons used, and whether real figures meet
neighbours invented for the demo (issue 22 §5; decision 0040).

Figures are real unless the demo made them: the demo imports its made-up indicators from two
files it writes itself (ecm.demo.performance_data), with no person as the importer. Every other
import (a file uploaded or given to a command) brought published figures.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from ecm.authorities.models import Council, StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.selectors import (
    neighbour_model_compared,
    neighbour_model_in_use,
    neighbour_model_latest_real,
    neighbour_model_offered,
)
from ecm.performance.models import DataImport, ImportFormat, ImportStatus, Observation

# The files ecm.demo.performance_data.demo_files writes (a test holds the two together).
DEMO_IMPORT_FILES = ("demo-indicator-definitions.csv", "demo-indicator-values.csv")


def demo_imports() -> QuerySet[DataImport]:
    """The imports the demo made (its made-up figures)."""
    return DataImport.objects.filter(
        Q(file_format=ImportFormat.DEMO)
        | Q(imported_by__isnull=True, file_name__in=DEMO_IMPORT_FILES)
    )


def data_import_is_real(data_import: DataImport) -> bool:
    """The import brought published figures, not the demo's."""
    return not demo_imports().filter(pk=data_import.pk).exists()


def council_has_real_figures(*, council: Council, indicator_ids: list[int]) -> bool:
    """A current figure of the council for one of these indicators came from a real file."""
    if not indicator_ids:
        return False
    return (
        # area_kind names what `council` already implies, so that PostgreSQL reads the partial
        # unique index of council figures rather than the table (bench/EXPLAIN.md; issue 25 §4).
        Observation.objects.filter(
            indicator_id__in=indicator_ids, is_current=True, council=council, area_kind="council"
        )
        .exclude(data_import_id__in=demo_imports().values("pk"))
        .exists()
    )


@dataclass(frozen=True)
class ProfileNeighbours:
    """What a council's profile says of its neighbours: the model its comparisons used, the
    council's neighbours in it, and whether real figures were compared with invented ones."""

    model: StatisticalNeighbourModel | None
    neighbours: list[StatisticalNeighbour] = field(default_factory=list)
    real_figures: bool = False

    @property
    def invented_for_real(self) -> bool:
        return self.model is not None and self.model.is_invented and self.real_figures


def profile_neighbours(*, council: Council, indicator_ids: list[int]) -> ProfileNeighbours:
    model = neighbour_model_compared()
    neighbours = []
    if model is not None:
        neighbours = list(
            StatisticalNeighbour.objects.filter(model=model, council=council)
            .select_related("neighbour")
            .order_by("rank")
        )
    real = council_has_real_figures(council=council, indicator_ids=indicator_ids)
    return ProfileNeighbours(model=model, neighbours=neighbours, real_figures=real)


@dataclass(frozen=True)
class NeighbourOffer:
    """After real figures were imported: the model in use, and the latest real model to use
    instead when the one in use is invented, older or missing (None: none better is held)."""

    in_use: StatisticalNeighbourModel | None
    offered: StatisticalNeighbourModel | None
    real_model_held: bool

    @property
    def shown(self) -> bool:
        invented_or_none = self.in_use is None or self.in_use.is_invented
        return self.offered is not None or (invented_or_none and not self.real_model_held)


def import_neighbour_offer(*, data_import: DataImport) -> NeighbourOffer | None:
    """What a done import of real figures offers about neighbours (issue 22 §5); None for a
    running, refused or demo import."""
    if data_import.status != ImportStatus.DONE:
        return None
    if data_import.file_format == ImportFormat.DEFINITIONS or not data_import_is_real(data_import):
        return None  # indicators only, or the demo's figures
    return NeighbourOffer(
        in_use=neighbour_model_in_use(),
        offered=neighbour_model_offered(),
        real_model_held=neighbour_model_latest_real() is not None,
    )
