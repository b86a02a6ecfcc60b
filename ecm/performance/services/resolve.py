"""Placing every row of an imported file: councils, regions, indicators and periods by id.

Issue 3 §2: councils are matched by LA number or ONS code, including former codes; every row
that cannot be placed is a Problem (row, column, value, reason), and any Problem refuses the
whole file, which is then not written at all.
"""

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils import timezone

from ecm.authorities.models import Council
from ecm.performance.engine.periods import period_parse
from ecm.performance.importers.common import ImportRejected, Problem
from ecm.performance.models import DataImport, Indicator
from ecm.performance.services.areas import AreaDirectory
from ecm.performance.services.parsing import AREA_COLUMN, COUNT_COLUMNS, VALUE_COLUMN

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
NUMERATOR_OVER_DENOMINATOR = "is larger than the denominator, which a share of a whole cannot be"
SAME_COUNCIL = (
    "is {name}, already given for this indicator and period as {others} (rows {rows}): "
    "each council once per indicator and period"
)
SAME_AREA = "is already given for this indicator and period (rows {rows})"
PERCENTAGE_RANGE = "is not a percentage from 0 to 100"
MUST_NOT_BE_NEGATIVE = "must not be negative for a {value_type}"
COUNT_NEGATIVE = "must not be negative"
FIGURE_OVER_ZERO = (
    "{count} row{s} gave a figure over a denominator of 0 (row {rows}): nothing can be worked "
    "out of nothing, so {it} kept as not applicable (z), not as a figure."
)
PERIOD_OUT_OF_RANGE = (
    "is outside the years this service takes ({earliest} to {latest}): check the period "
    "(the IMPORT_EARLIEST_YEAR and IMPORT_YEARS_AHEAD settings set the range)"
)
OTHER_AREAS_LEFT_OUT = (
    "{count} rows for areas that are neither a council, a region nor England (for example "
    "Inner and Outer London) were left out."
)
NO_PUBLISHED_COMPARATORS = (
    "The file has no England or regional figures for {count} indicators; where councils' "
    "numerators and denominators are known they are computed from them, and marked as computed."
)


_NOT_READ = ("area_name", "area_ons_code")


class Resolved:
    def __init__(self, frame: pd.DataFrame, skipped: int, notes: list[str]):
        self.frame, self.skipped, self.notes = frame, skipped, notes


def resolve(frame: pd.DataFrame, *, file_format: str, data_import: DataImport) -> Resolved:
    """Councils, regions, indicators and periods by id; every row that cannot be placed is a
    Problem, and any Problem refuses the whole file."""
    areas = AreaDirectory.load()
    problems: list[Problem] = []
    # What the parser left out or read another way (e.g. Fingertips' repeated rows) is said
    # in the import's summary and counted with the rows skipped (issue 22 §3).
    notes: list[str] = list(frame.attrs.get("notes", []))
    skipped = int(frame.attrs.get("skipped", 0))
    area_column = AREA_COLUMN.get(file_format, "authority")

    other = frame["area_kind"] == "other"
    if other.any():
        skipped += int(other.sum())
        notes.append(OTHER_AREAS_LEFT_OUT.format(count=int(other.sum())))
    # A new frame (copy on write: the caller's is left as it was), without the areas' names
    # and ONS codes, which nothing after this reads (each text column taken is 10 ms of LAIT).
    frame = frame.loc[~other, [c for c in frame.columns if c not in _NOT_READ]]

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
    problems += _same_area_problems(frame, area_column=area_column)

    indicator_ids = dict(Indicator.objects.values_list("code", "pk"))
    frame["indicator_id"] = _by_label(frame["indicator"], indicator_ids)
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
        frame = frame.loc[~empty]
    frame["end_year"] = _by_label(frame["period"], end_years)
    problems += _period_problems(frame, end_years)
    problems += _value_problems(frame, file_format=file_format)
    notes += _figures_over_zero(frame)

    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ImportRejected(problems)

    published = frame.loc[frame["area_kind"] == "england", "indicator"].unique()
    missing = set(frame["indicator"].unique()) - set(published)
    if missing:
        notes.append(NO_PUBLISHED_COMPARATORS.format(count=len(missing)))
    frame["indicator_id"] = frame["indicator_id"].astype("int64")
    return Resolved(frame, skipped, notes)


def _by_label(column: pd.Series, mapping: dict) -> pd.Series:
    """`column.map(mapping)`, each distinct label looked up once: a few hundred labels over
    641,070 rows (issue 25 §1; pandas' map of an Arrow string column took 0.2 s each)."""
    codes, labels = pd.factorize(column, use_na_sentinel=False)
    return pd.Series(
        pd.Series(labels).map(mapping).to_numpy()[codes], index=column.index, name=column.name
    )


def _shown(number: float) -> str:
    return f"{number:g}"


def _same_area_problems(frame: pd.DataFrame, *, area_column: str) -> list[Problem]:
    """Rows that name one council (or region) twice for an indicator and period, by whatever
    codes (issue 22 §2: "855" in one row and "E10000018" in another passed the parser's check
    on codes and then broke the database's unique constraint)."""
    placed = frame["council_id"].notna() | frame["region_id"].notna()
    key = ["indicator", "period", "area_kind", "council_id", "region_id"]
    clash = placed & frame.duplicated(key, keep=False)
    if not clash.any():
        return []
    ids = frame.loc[clash, "council_id"].dropna().astype("int64").unique().tolist()
    names = dict(Council.objects.filter(pk__in=ids).values_list("pk", "name"))
    problems = []
    for _, group in frame.loc[clash].groupby(key, sort=False, dropna=False):
        rows = ", ".join(str(int(r)) for r in group["row"])
        codes = group["area_code"].astype(str)
        for row, code in zip(group["row"], codes, strict=True):
            others = sorted({c for c in codes if c != code})
            if others:
                council = group["council_id"].iloc[0]
                name = names.get(int(council), "the same council") if pd.notna(council) else ""
                name = name or "the same region"
                reason = SAME_COUNCIL.format(
                    name=name, others=", ".join(f'"{c}"' for c in others), rows=rows
                )
            else:
                reason = SAME_AREA.format(rows=rows)
            problems.append(Problem(int(row), area_column, code, reason))
    return problems


def _figures_over_zero(frame: pd.DataFrame) -> list[str]:
    """A denominator of 0 (issue 22 §3: "0/0 stored"). DfE publish one for the smallest councils
    (Isles of Scilly, City of London) with the share as a symbol, which is stored as
    published; once, a share of 0% over 0 (la_conviction_health_outcome_cla.csv row 8187).
    Refusing that would refuse the real file (issue 22: "every file imports as published"),
    and storing 0% would compare a figure that is none: the figure is kept as not applicable,
    and the summary says so with the rows. Changes `frame` in place."""
    over_zero = (frame["denominator"] == 0) & frame["value"].notna()
    if not over_zero.any():
        return []
    frame.loc[over_zero, "value"] = np.nan
    frame.loc[over_zero, "suppression"] = "z"
    rows = frame.loc[over_zero, "row"].astype(int).tolist()
    shown = ", ".join(str(r) for r in rows[:10]) + (", ..." if len(rows) > 10 else "")
    one = len(rows) == 1
    return [
        FIGURE_OVER_ZERO.format(
            count=len(rows), s="" if one else "s", rows=shown, it="it is" if one else "each is"
        )
    ]


def _period_problems(frame: pd.DataFrame, end_years: dict[str, int]) -> list[Problem]:
    """Periods outside a plausible range (issue 22 §3: "period 1900 accepted"); the range is a
    setting, not a rule of the seeds."""
    earliest = settings.IMPORT_EARLIEST_YEAR
    latest = timezone.localdate().year + settings.IMPORT_YEARS_AHEAD
    wrong = {}
    for label, end in end_years.items():
        start = period_parse(label).start_year
        if start < earliest or end > latest:
            wrong[label] = PERIOD_OUT_OF_RANGE.format(earliest=earliest, latest=latest)
    if not wrong:
        return []
    rows = frame.loc[frame["period"].isin(wrong.keys()), ["row", "period"]]
    return [Problem(int(r), "period", str(p), wrong[p]) for r, p in rows.itertuples(index=False)]


def _value_problems(frame: pd.DataFrame, *, file_format: str) -> list[Problem]:
    """Each figure checked against its indicator's value type (issue 22 §3): a percentage that
    is a share of a whole (Indicator.proportion) from 0 to 100, its numerator not over its
    denominator; rates and counts not negative (a mean, such as an average score, may be);
    numerators and denominators never negative. A figure over a denominator of 0 is
    `_figures_over_zero`'s."""
    types = {
        code: "proportion" if value_type == "percentage" and proportion else value_type
        for code, value_type, proportion in Indicator.objects.filter(
            code__in=frame["indicator"].unique().tolist()
        ).values_list("code", "value_type", "proportion")
    }
    # "proportion": a percentage that is a share of a whole (Indicator.proportion). Each
    # indicator's type found once and spread by its code over the rows (a map of the text
    # column per row cost 0.4 s of a LAIT import, issue 25 §1).
    codes, labels = pd.factorize(frame["indicator"], use_na_sentinel=False)
    type_of_label = np.array([types.get(label, "") for label in labels], dtype=object)
    value_type = type_of_label[codes]
    proportion = (type_of_label == "proportion")[codes]
    not_negative = np.isin(type_of_label, ["rate", "count"])[codes]
    value = frame["value"].to_numpy(dtype="float64", na_value=np.nan)
    numerator = frame["numerator"].to_numpy(dtype="float64", na_value=np.nan)
    denominator = frame["denominator"].to_numpy(dtype="float64", na_value=np.nan)
    value_column = VALUE_COLUMN.get(file_format, "value")
    numerator_column, denominator_column = COUNT_COLUMNS.get(
        file_format, ("numerator", "denominator")
    )
    checks = [
        (
            proportion & ((value < 0) | (value > 100)),
            value_column,
            value,
            lambda _t: PERCENTAGE_RANGE,
        ),
        (
            not_negative & (value < 0),
            value_column,
            value,
            lambda t: MUST_NOT_BE_NEGATIVE.format(value_type=t),
        ),
        (numerator < 0, numerator_column, numerator, lambda _t: COUNT_NEGATIVE),
        (denominator < 0, denominator_column, denominator, lambda _t: COUNT_NEGATIVE),
        (
            proportion & (numerator > denominator),
            numerator_column,
            numerator,
            lambda _t: NUMERATOR_OVER_DENOMINATOR,
        ),
    ]
    rows = frame["row"].to_numpy()
    problems = []
    for mask, column, numbers, reason in checks:
        for i in np.flatnonzero(mask):
            problems.append(
                Problem(int(rows[i]), column, _shown(numbers[i]), reason(value_type[i]))
            )
    return problems
