"""DfE Explore Education Statistics (EES) "tidy" CSVs, read through a small YAML mapping.

EES files (../shared/data/ees, from dfe-analytical-services/CSC_outcomes_and_enablers) have
`time_period` (2025, or 202425 for 2024/25), `time_identifier`, `geographic_level` (National,
Regional, Local authority), `country_code`, `country_name`, `region_code`, `region_name`,
`old_la_code` (LA number), `new_la_code` (ONS), `la_name`, filter columns and measure columns.

A mapping file (ecm/performance/data/ees/*.yaml) names, for one CSV, a list of indicators:
each with its definition fields (definitions.DEFINITION_COLUMNS and the optional ones),
`filters` (column: value, all must match; top-level `filters` apply to every indicator), and
the columns holding `value`, `numerator` and `denominator`; top-level `time: {period:
time_period, identifier: time_identifier}` names the time columns (EES's names by default;
identifier "" when a file has none). `denominator` may instead take a
column from another EES file (e.g. ONS population for a rate the CSV does not publish):

    denominator: {file: ons.csv, column: population_estimate, filters: {...}, period_offset: 1}

joined on area and period (time_period minus period_offset years: DfE divides a reporting
year's count by the mid-year population of the year before); or, without `file`, from
another row of the same file, whose `filters` replace the indicator's own for those columns
(DfE's newer files publish the total as a row: `breakdown: Suitability total`):

    denominator: {column: care_leaver_count, filters: {breakdown: Suitability total}}

Without `value`, the value is numerator / denominator * multiplier. Areas: National ->
england (code country_code), Regional -> region (region_name; E13 Inner/Outer London ->
other), Local authority -> council (old_la_code, with new_la_code as `area_ons_code`). Rows at
other geographic levels are left out. Periods: 2025 -> "2025"; 202425 -> "2024/25" ("2024-25"
for financial and tax years, as LAIT writes them); other identifiers are appended ("2024/25
Autumn term").
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ecm.performance.importers.ees_mapping import (
    EesDenominator,
    EesIndicator,
    EesMapping,
    ees_mapping,
)

from .common import (
    ENGLAND_CODE,
    MISSING_COLUMN,
    MUST_NOT_BE_EMPTY,
    NOT_A_NUMBER,
    REGIONS,
    ImportRejected,
    Problem,
    Progress,
    Source,
    as_text,
    duplicate_problems,
    empty_observations,
    observation_frame,
    parse_values,
    read_table,
    report,
)

MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "data" / "ees"
LEVELS = {"National": "country_code", "Regional": "region_code", "Local authority": "old_la_code"}
BASE_COLUMNS = ("time_period", "time_identifier", "geographic_level")
AREA_COLUMNS = {
    "National": ("country_code", "country_name"),
    "Regional": ("region_code", "region_name"),
    "Local authority": ("old_la_code", "la_name", "new_la_code"),
}
DASHED_YEARS = frozenset({"financial year", "tax year"})
PLAIN_YEARS = frozenset({"academic year", "calendar year", "reporting year"}) | DASHED_YEARS

NO_ROWS_MATCH = "match no rows of the file: check each filter value against the file."
BAD_PERIOD = 'is not a time period like "2025" or "202425".'
BAD_LA_CODE = "is not an LA number (three digits)."
NO_DENOMINATOR_FILE = (
    "is needed for this indicator's denominator: put it beside the data file "
    "(manage.py import_indicators reads it from there)."
)
DENOMINATOR_TWICE = (
    "gives more than one denominator for one area and period (rows {rows}): the "
    "denominator's filters must pick one row."
)
THIS_FILE = "this file"
FILTERS_NOT_ENOUGH = (
    "appears more than once for this indicator, period and area (rows {rows}): the mapping's "
    "filters must pick one row per area and period."
)


def period_label(time_period: str, *, time_identifier: str = "") -> str | None:
    """EES time_period as a label: 2025 -> "2025", 202425 -> "2024/25"; None if malformed."""
    kind = time_identifier.strip().lower()
    if len(time_period) == 4 and time_period.isdigit():
        label = time_period
    elif len(time_period) == 6 and time_period.isdigit():
        start, end = int(time_period[:4]), int(time_period[4:])
        if end != (start + 1) % 100:
            return None
        label = f"{start}{'-' if kind in DASHED_YEARS else '/'}{time_period[4:]}"
    else:
        return None
    return label if kind in PLAIN_YEARS or not kind else f"{label} {time_identifier.strip()}"


def _shift(time_period: pd.Series, years: int) -> pd.Series:
    """time_period moved `years` later: 2024 -> 2025, 202324 -> 202425."""
    if not years:
        return time_period
    start = pd.to_numeric(time_period.str.slice(0, 4), errors="coerce").fillna(-9999).astype(int)
    six = time_period.str.len() == 6
    shifted = (start + years).astype(str)
    tail = ((start + years + 1) % 100).astype(str).str.zfill(2)
    return shifted.where(~six, shifted + tail)


def _time_key(frame: pd.DataFrame, spec: EesDenominator, offset: int) -> pd.Series:
    """The period part of a denominator's join key: time_period moved by `offset` years; in
    the same file, with its time_identifier too (another file's identifiers may differ, as
    ONS's "Calendar year" population against DfE's "Reporting year")."""
    key = "@" + _shift(frame["time_period"], offset)
    return key if spec.file else key + "@" + frame["time_identifier"]


def _area_key(frame: pd.DataFrame) -> pd.Series:
    key = pd.Series("", index=frame.index, dtype="str")
    for level, column in LEVELS.items():
        if column in frame:
            key = key.where(frame["geographic_level"] != level, level + ":" + frame[column])
    return key


def _load_denominator(
    spec: EesDenominator, files: Mapping[str, Source], where: str, problems: list[Problem]
) -> pd.DataFrame | None:
    if spec.file not in files:
        problems.append(Problem(None, where + "denominator.file", spec.file, NO_DENOMINATOR_FILE))
        return None
    other = read_table(files[spec.file]).apply(as_text)
    missing = [c for c in (*BASE_COLUMNS, spec.column, *spec.filters) if c not in other]
    if missing:
        problems += [Problem(1, f"{spec.file}: {c}", "", MISSING_COLUMN) for c in missing]
        return None
    other = other.assign(row=other.index.to_numpy())
    return _denominator_table(other, spec, spec.filters, where, problems)


def _denominator_table(
    frame: pd.DataFrame,
    spec: EesDenominator,
    filters: Mapping[str, str],
    where: str,
    problems: list[Problem],
) -> pd.DataFrame | None:
    """(key, denominator_text, denominator_row) of the rows `filters` pick, keyed by area and
    period (`_time_key`)."""
    mask = np.ones(len(frame), dtype=bool)
    for column, wanted in filters.items():
        mask &= (frame[column] == wanted).to_numpy()
    chosen = frame[mask]
    table = pd.DataFrame(
        {
            "key": _area_key(chosen) + _time_key(chosen, spec, spec.period_offset),
            "denominator_text": chosen[spec.column],
            "denominator_row": chosen["row"],
        }
    )
    twice = table["key"].duplicated(keep=False).to_numpy()
    if twice.any():
        for _, group in table[twice].groupby("key", sort=False):
            rows = ", ".join(str(int(r)) for r in group["denominator_row"])
            problems.append(
                Problem(
                    int(group["denominator_row"].iloc[0]),
                    where + "denominator",
                    spec.file or THIS_FILE,
                    DENOMINATOR_TWICE.format(rows=rows),
                )
            )
        return None
    return table


def _area_problems(frame: pd.DataFrame) -> list[Problem]:
    """Rows whose area cannot be named: empty codes, or an LA number that is not 3 digits."""
    problems = []
    level = frame["geographic_level"]
    for wanted, column in (("National", "country_code"), ("Regional", "region_name")):
        empty = ((level == wanted) & (frame[column] == "")).to_numpy()
        problems += [Problem(int(r), column, "", MUST_NOT_BE_EMPTY) for r in frame["row"][empty]]
    bad = ((level == "Local authority") & ~frame["old_la_code"].str.fullmatch(r"\d{3}")).to_numpy()
    problems += [
        Problem(int(r), "old_la_code", c, BAD_LA_CODE)
        for r, c in zip(frame["row"][bad], frame["old_la_code"][bad], strict=True)
    ]
    return problems


def _periods(frame: pd.DataFrame) -> tuple[pd.Series, list[Problem]]:
    """The period label of every row (computed once per distinct time_period/identifier)."""
    keys, pairs = pd.factorize(frame["time_period"] + "\x00" + frame["time_identifier"])
    splits = [pair.split("\x00") for pair in pairs]
    labels = [period_label(period, time_identifier=kind) for period, kind in splits]
    problems = []
    for number in (n for n, label in enumerate(labels) if label is None):
        chosen = keys == number
        rows, texts = frame["row"].to_numpy()[chosen], frame["time_period"].to_numpy()[chosen]
        problems += [
            Problem(int(r), "time_period", t, BAD_PERIOD) for r, t in zip(rows, texts, strict=True)
        ]
    periods = pd.Series([label or "" for label in labels], dtype="str").take(keys)
    return periods.set_axis(frame.index), problems


def _with_time_columns(frame: pd.DataFrame, spec: EesMapping) -> pd.DataFrame:
    """The mapping's time columns under EES's standard names (time_period, time_identifier)."""
    if spec.period_column in frame:
        frame = frame.rename(columns={spec.period_column: "time_period"})
    if not spec.identifier_column:
        return frame.assign(time_identifier="")
    if spec.identifier_column in frame:
        frame = frame.rename(columns={spec.identifier_column: "time_identifier"})
    return frame


def ees_observations(
    source: Source,
    *,
    mapping: Source | EesMapping,
    denominators: Mapping[str, Source] | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Every mapped indicator of one EES CSV as canonical observations, or ImportRejected.

    `denominators` maps a denominator file's name (as the mapping gives it) to its source; when
    `source` is a path, files not given are looked for beside it.
    """
    spec = ees_mapping(mapping)
    frame = _with_time_columns(read_table(source).apply(as_text), spec)
    files = dict(denominators or {})
    for indicator in spec.indicators:
        other = indicator.denominator
        if isinstance(other, EesDenominator) and other.file and isinstance(source, str | Path):
            sibling = Path(source).parent / other.file
            if other.file not in files and sibling.exists():
                files[other.file] = sibling
    levels = set(frame["geographic_level"]) if "geographic_level" in frame else set()
    needed = {*BASE_COLUMNS}
    for level in levels & AREA_COLUMNS.keys():
        needed |= set(AREA_COLUMNS[level])
    for indicator in spec.indicators:
        needed |= set(indicator.filters) | {indicator.value, indicator.numerator}
        if isinstance(indicator.denominator, str):
            needed.add(indicator.denominator)
        elif not indicator.denominator.file:  # a column and filters of this file
            needed |= {indicator.denominator.column, *indicator.denominator.filters}
    problems = [Problem(1, c, "", MISSING_COLUMN) for c in sorted(needed - {""}) if c not in frame]
    if problems:
        raise ImportRejected(problems)
    for column in (c for names in AREA_COLUMNS.values() for c in names):
        if column not in frame:
            frame[column] = ""
    total = len(frame) * len(spec.indicators)
    report(progress, 0, total)
    frame["row"] = frame.index.to_numpy()
    frame = frame[frame["geographic_level"].isin(LEVELS.keys())]
    frame["period"], problems = _periods(frame)
    problems += _area_problems(frame)
    parts = []
    for number, indicator in enumerate(spec.indicators):
        part, found = _indicator_rows(frame, indicator, f"indicators[{number}].", files)
        problems += found
        parts.append(part)
        report(progress, (number + 1) * len(frame), total)
    result = pd.concat(parts, ignore_index=True) if parts else empty_observations()
    # Indicators sharing a denominator row (a total) would each report its problem.
    problems = list(dict.fromkeys(problems))
    if not problems:
        problems = duplicate_problems(result, column="filters", reason=FILTERS_NOT_ENOUGH)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.row or 0))
    report(progress, total, total)
    return result


def _numbers(
    rows: pd.DataFrame, column: str, problems: list[Problem]
) -> tuple[np.ndarray, pd.Series]:
    """Parse one measure column of the chosen rows; bad texts become problems."""
    if not column:
        return np.full(len(rows), np.nan), pd.Series([""] * len(rows), dtype="str")
    numbers, codes, bad = parse_values(rows[column])
    problems += [
        Problem(int(r), column, v, NOT_A_NUMBER)
        for r, v in zip(rows["row"][bad], rows[column][bad], strict=True)
    ]
    return numbers, codes


def _indicator_rows(
    frame: pd.DataFrame, indicator: EesIndicator, where: str, files: Mapping[str, Source]
) -> tuple[pd.DataFrame, list[Problem]]:
    """The canonical rows of one mapped indicator, and the problems found in them."""
    problems: list[Problem] = []
    mask = np.ones(len(frame), dtype=bool)
    for column, wanted in indicator.filters.items():
        mask &= (frame[column] == wanted).to_numpy()
    rows = frame[mask]
    if rows.empty:
        problems.append(Problem(None, where + "filters", str(indicator.filters), NO_ROWS_MATCH))
        return empty_observations(), problems
    value, suppression = _numbers(rows, indicator.value, problems)
    numerator, numerator_code = _numbers(rows, indicator.numerator, problems)
    if isinstance(indicator.denominator, EesDenominator):
        spec = indicator.denominator
        if spec.file:
            table = _load_denominator(spec, files, where, problems)
            column = f"{spec.file}: {spec.column}"
        else:  # another row of this file: the indicator's filters, some replaced
            filters = {**indicator.filters, **spec.filters}
            table = _denominator_table(frame, spec, filters, where, problems)
            column = spec.column
        if table is None:
            return empty_observations(), problems
        key = pd.DataFrame({"key": _area_key(rows) + _time_key(rows, spec, 0)})
        joined = key.merge(table, on="key", how="left")
        denominator, denominator_code, bad = parse_values(joined["denominator_text"])
        problems += [
            Problem(int(r), column, str(v), NOT_A_NUMBER)
            for r, v in zip(
                joined["denominator_row"][bad], joined["denominator_text"][bad], strict=True
            )
        ]
    else:
        denominator, denominator_code = _numbers(rows, indicator.denominator, problems)
    if not indicator.value:  # computed: numerator / denominator * multiplier
        with np.errstate(divide="ignore", invalid="ignore"):
            value = numerator / denominator * indicator.definition.multiplier
        value[~np.isfinite(value)] = np.nan
        codes = numerator_code.where(numerator_code != "", denominator_code.to_numpy())
        suppression = codes.where(np.isnan(value), "")
    level = rows["geographic_level"].to_numpy()
    national, regional = level == "National", level == "Regional"

    def pick(national_column: str, regional_column: str, council_column: str) -> np.ndarray:
        council = rows[council_column].to_numpy()
        regional_values = np.where(regional, rows[regional_column].to_numpy(), council)
        return np.where(national, rows[national_column].to_numpy(), regional_values)

    england = rows["country_code"].to_numpy() == ENGLAND_CODE
    in_region = rows["region_code"].isin(REGIONS.keys()).to_numpy()
    kind = np.where(national, np.where(england, "england", "other"), "council")
    kind = np.where(regional, np.where(in_region, "region", "other"), kind)
    part = observation_frame(
        {
            "indicator": [indicator.definition.code] * len(rows),
            "period": rows["period"],
            "area_kind": kind,
            "area_code": pick("country_code", "region_name", "old_la_code"),
            "area_name": pick("country_name", "region_name", "la_name"),
            "area_ons_code": pick("country_code", "region_code", "new_la_code"),
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "suppression": suppression,
            "row": rows["row"],
        }
    )
    return part, problems
