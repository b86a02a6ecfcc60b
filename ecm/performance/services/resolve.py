"""Placing every row of an imported file: councils, regions, indicators and periods by id.

Issue 3 §2: councils are matched by LA number or ONS code, including former codes; every row
that cannot be placed is a Problem (row, column, value, reason), and any Problem refuses the
whole file, which is then not written at all.
"""

import pandas as pd

from ecm.performance.engine.periods import period_parse
from ecm.performance.importers.common import ImportRejected, Problem
from ecm.performance.models import DataImport, Indicator
from ecm.performance.services.areas import AreaDirectory
from ecm.performance.services.parsing import AREA_COLUMN

UNKNOWN_COUNCIL = "is not the LA number or ONS code of an English council we know"
UNKNOWN_REGION = "is not an English region's name or ONS code"
UNKNOWN_INDICATOR = (
    "is not a known indicator: load its definition first (manage.py "
    "import_indicator_definitions FILE, or the definitions upload)"
)
BAD_PERIOD = "is not a period we can read (examples: 2025, 2024/25, 2024-25, 2014-16)"
UNREADABLE_EMPTY_LEFT_OUT = (
    '{count} rows with no value and a period that is not a date (such as "0") were left out.'
)
NUMERATOR_OVER_DENOMINATOR = "is larger than the denominator, which a percentage cannot be"
OTHER_AREAS_LEFT_OUT = (
    "{count} rows for areas that are neither a council, a region nor England (for example "
    "Inner and Outer London) were left out."
)
NO_PUBLISHED_COMPARATORS = (
    "The file has no England or regional figures for {count} indicators; where councils' "
    "numerators and denominators are known they are computed from them, and marked as computed."
)


class Resolved:
    def __init__(self, frame: pd.DataFrame, skipped: int, notes: list[str]):
        self.frame, self.skipped, self.notes = frame, skipped, notes


def resolve(frame: pd.DataFrame, *, file_format: str, data_import: DataImport) -> Resolved:
    """Councils, regions, indicators and periods by id; every row that cannot be placed is a
    Problem, and any Problem refuses the whole file."""
    areas = AreaDirectory.load()
    problems: list[Problem] = []
    notes: list[str] = []
    area_column = AREA_COLUMN.get(file_format, "authority")

    other = frame["area_kind"] == "other"
    skipped = int(other.sum())
    if skipped:
        notes.append(OTHER_AREAS_LEFT_OUT.format(count=skipped))
    frame = frame.loc[~other].copy()

    council_rows = frame["area_kind"] == "council"
    region_rows = frame["area_kind"] == "region"
    frame["council_id"] = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    frame["region_id"] = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    frame.loc[council_rows, "council_id"] = areas.council_ids(frame.loc[council_rows, "area_code"])
    frame.loc[region_rows, "region_id"] = areas.region_ids(frame.loc[region_rows, "area_code"])
    for mask, _column, reason in (
        (council_rows & frame["council_id"].isna(), "council_id", UNKNOWN_COUNCIL),
        (region_rows & frame["region_id"].isna(), "region_id", UNKNOWN_REGION),
    ):
        for row, code in frame.loc[mask, ["row", "area_code"]].itertuples(index=False):
            problems.append(Problem(int(row), area_column, str(code), reason))

    indicator_ids = dict(Indicator.objects.values_list("code", "pk"))
    frame["indicator_id"] = frame["indicator"].map(indicator_ids)
    unknown = frame.loc[frame["indicator_id"].isna()].drop_duplicates("indicator")
    problems += [
        Problem(int(r.row), "indicator", str(r.indicator), UNKNOWN_INDICATOR)
        for r in unknown.itertuples()
    ]

    end_years: dict[str, int] = {}
    unreadable: set[str] = set()
    for label in frame["period"].unique():
        try:
            end_years[label] = period_parse(label).end_year
        except ValueError:
            unreadable.add(label)
    if unreadable:
        # A row with no period we can read and no value carries nothing (LAIT has 170 rows of
        # period "0", all "-"): left out and said so. With a value, it is a problem.
        bad = frame["period"].isin(unreadable)
        empty = bad & frame["value"].isna()
        if empty.any():
            notes.append(UNREADABLE_EMPTY_LEFT_OUT.format(count=int(empty.sum())))
            skipped += int(empty.sum())
        for row, label in frame.loc[bad & ~empty, ["row", "period"]].itertuples(index=False):
            problems.append(Problem(int(row), "period", str(label), BAD_PERIOD))
        frame = frame.loc[~empty].copy()
    frame["end_year"] = frame["period"].map(end_years)

    percentage_codes = set(
        Indicator.objects.filter(value_type="percentage").values_list("code", flat=True)
    )
    over = (
        frame["indicator"].isin(percentage_codes)
        & (frame["numerator"] > frame["denominator"])
        & frame["denominator"].notna()
    )
    for row, numerator in frame.loc[over, ["row", "numerator"]].itertuples(index=False):
        problems.append(
            Problem(int(row), "numerator", _shown(numerator), NUMERATOR_OVER_DENOMINATOR)
        )

    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ImportRejected(problems)

    published = frame.loc[frame["area_kind"] == "england", "indicator"].unique()
    missing = set(frame["indicator"].unique()) - set(published)
    if missing:
        notes.append(NO_PUBLISHED_COMPARATORS.format(count=len(missing)))
    frame["indicator_id"] = frame["indicator_id"].astype("int64")
    return Resolved(frame, skipped, notes)


def _shown(number: float) -> str:
    return f"{number:g}"
