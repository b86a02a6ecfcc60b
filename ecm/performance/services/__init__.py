"""Writes of the performance app: imports, indicator definitions and the stored comparisons.

Each name is imported from its module when first used (ecm.core.lazy): a view or a command that
needs only `data_import_start` or the indicators does not import pandas and the engine with the
import and the comparisons (issue 25 §2; decision 0049).
"""

from typing import TYPE_CHECKING

from ecm.core.lazy import lazy_exports

if TYPE_CHECKING:  # names for type checkers only: importing them here is what is avoided
    from ecm.performance.services.comparisons import comparisons_refresh  # type only
    from ecm.performance.services.imports import observations_import  # type only
    from ecm.performance.services.indicators import indicator_definitions_store  # type only
    from ecm.performance.services.uploads import (
        data_import_start,  # type only
        data_imports_lost_settle,  # type only
    )

__all__ = [
    "comparisons_refresh",
    "data_import_start",
    "data_imports_lost_settle",
    "indicator_definitions_store",
    "observations_import",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "comparisons_refresh": "comparisons",
        "data_import_start": "uploads",
        "data_imports_lost_settle": "uploads",
        "indicator_definitions_store": "indicators",
        "observations_import": "imports",
    },
)
