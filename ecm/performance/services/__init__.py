"""Writes of the performance app: imports, indicator definitions and the stored comparisons.

Each name is imported from its module when first used (ecm.core.lazy): a view or a command that
needs only `data_import_start` or the indicators does not import pandas and the engine with the
import and the comparisons (issue 25 §2; decision 0049).
"""

from typing import TYPE_CHECKING

from ecm.core.lazy import lazy_exports

if TYPE_CHECKING:  # names for type checkers only: importing them here is what is avoided
    from ecm.performance.services.comparisons import (  # types only, because lazy at run time
        comparisons_refresh,
    )
    from ecm.performance.services.imports import (  # types only, because lazy at run time
        observations_import,
    )
    from ecm.performance.services.indicators import (  # types only, because lazy at run time
        indicator_definitions_store,
    )
    from ecm.performance.services.uploads import (  # types only, because lazy at run time
        data_import_start,
        data_imports_lost_settle,
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
