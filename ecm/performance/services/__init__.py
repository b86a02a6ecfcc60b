"""Writes of the performance app: imports, indicator definitions and the stored comparisons."""

from ecm.performance.services.comparisons import comparisons_refresh
from ecm.performance.services.imports import observations_import
from ecm.performance.services.indicators import indicator_definitions_store
from ecm.performance.services.uploads import data_import_start

__all__ = [
    "comparisons_refresh",
    "data_import_start",
    "indicator_definitions_store",
    "observations_import",
]
