"""Which parser reads which kind of file (ecm.performance.importers), in one place."""

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ecm.performance import importers
from ecm.performance.importers.common import ImportRejected, Problem
from ecm.performance.models import ImportFormat

# The column a council's code sits in, per format, for messages about unknown councils.
AREA_COLUMN = {
    ImportFormat.LONG: "authority",
    ImportFormat.LAIT: "LA and Regions",
    ImportFormat.EES: "old_la_code",
    ImportFormat.FINGERTIPS: "Area Code",
}
# The columns of the figure and of its numerator and denominator, per format, for messages
# about values (the EES columns are the mapping file's own: named there, not here).
VALUE_COLUMN = {
    ImportFormat.LONG: "value",
    ImportFormat.LAIT: "Values",
    ImportFormat.FINGERTIPS: "Value",
}
COUNT_COLUMNS = {
    ImportFormat.LONG: ("numerator", "denominator"),
    ImportFormat.FINGERTIPS: ("Count", "Denominator"),
}
COMPANION_MISSING = "This kind of file needs its {what} as well"


def parse_file(
    *,
    file_format: str,
    path: Path,
    companion: Path | None,
    progress: Callable[[int, int], None] | None,
    options: dict | None = None,
) -> tuple[pd.DataFrame, list]:
    """The canonical observations and the indicator definitions one file carries.

    `options` says how to read it: `breakdowns` (Fingertips: the Category Types to import,
    None for all)."""
    options = options or {}
    if file_format == ImportFormat.LONG:
        return importers.long_observations(path, progress=progress), []
    if file_format == ImportFormat.DEFINITIONS:
        definitions = importers.read_definitions(path, progress=progress)
        return importers.empty_observations(), definitions
    if file_format == ImportFormat.LAIT:
        _need(companion, "data dictionary (lait_data_dictionary.csv)")
        definitions = importers.lait_definitions(companion)
        return importers.lait_observations(path, progress=progress), definitions
    if file_format == ImportFormat.EES:
        _need(companion, "mapping file (YAML)")
        definitions = importers.ees_definitions(companion)
        frame = importers.ees_observations(path, mapping=companion, progress=progress)
        return frame, definitions
    if file_format in (ImportFormat.FINGERTIPS,):
        chosen = {"breakdowns": options["breakdowns"]} if options.get("breakdowns") else {}
        frame = importers.fingertips_observations(path, progress=progress, **chosen)
        return frame, importers.fingertips_definitions(path, **chosen)
    raise ImportRejected([Problem(None, "format", file_format, "is not a format we import")])


def _need(companion: Path | None, what: str) -> None:
    if companion is None:
        raise ImportRejected([Problem(None, "", "", COMPANION_MISSING.format(what=what))])
