"""File parsers of the performance app: pure Python (pandas), no Django models. Every CSV is
read through the checks every table import goes through (ecm.core.uploads.tables, decision
0039), whose caps are the settings when Django is set up and the same numbers when not.

Each parser turns one published file into the canonical form below, or refuses the whole file
with ImportRejected listing every Problem (row as a spreadsheet shows it, column, value,
reason). The Django side (`ecm.performance.services`) matches areas to councils and stores.

Canonical observations (a pandas DataFrame, columns in `OBSERVATION_COLUMNS` order):
    indicator      str    indicator code
    period         str    the period label as published ("2024-25 (OT)", "2024/25", "2025")
    area_kind      str    "council" | "region" | "england" | "other"
    area_code      str    council: LA number ("855") or the ONS code the file gives;
                          region/other: as the file names it (ONS code or name);
                          england: "E92000001"
    area_name      str    as published ("" when the file has none)
    area_ons_code  str    ONS code when known (E10000018, E12000004, E92000001), else ""
    value          float  NaN when suppressed or missing
    numerator      float  NaN when not known
    denominator    float  NaN when not known
    suppression    str    the published symbol (SUPPRESSION_CODES), "" for a real value
    row            int    source row (header = row 1) for messages

Indicator definitions are `IndicatorDefinition`s (code, title, outcome, polarity, value_type,
multiplier, decimal_places, unit, period_type, source, banding, description, key_judgements).
Every parser takes `progress(done, total)`, called a handful of times.
"""

from typing import TYPE_CHECKING

from ecm.core.lazy import lazy_exports

from .common import (
    AREA_KINDS,
    OBSERVATION_COLUMNS,
    OUTCOMES,
    POLARITIES,
    SUPPRESSION_CODES,
    VALUE_TYPES,
    ImportRejected,
    IndicatorDefinition,
    Problem,
    empty_observations,
    parse_value,
)
from .definitions import read_definitions
from .ees_mapping import ees_definitions, ees_mapping

if TYPE_CHECKING:
    from .ees import ees_observations
    from .fingertips import fingertips_definitions, fingertips_observations
    from .lait import lait_definitions, lait_observations
    from .long import long_observations

__all__ = [
    "AREA_KINDS",
    "OBSERVATION_COLUMNS",
    "OUTCOMES",
    "POLARITIES",
    "SUPPRESSION_CODES",
    "VALUE_TYPES",
    "ImportRejected",
    "IndicatorDefinition",
    "Problem",
    "ees_definitions",
    "ees_mapping",
    "ees_observations",
    "empty_observations",
    "fingertips_definitions",
    "fingertips_observations",
    "lait_definitions",
    "lait_observations",
    "long_observations",
    "parse_value",
    "read_definitions",
]

# The parsers, which need pandas, from their modules when first used (ecm.core.lazy): the
# upload form and the commands read the light modules above without importing every parser and
# pandas with them (issue 25 §2; decision 0049).
__getattr__ = lazy_exports(
    __name__,
    {
        "ees_observations": "ees",
        "fingertips_definitions": "fingertips",
        "fingertips_observations": "fingertips",
        "lait_definitions": "lait",
        "lait_observations": "lait",
        "long_observations": "long",
    },
)
