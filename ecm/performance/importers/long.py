"""The project's plain long CSV: one published figure per row.

Header, exactly: authority,indicator,period,value,numerator,denominator

- authority: an LA number ("855"), a council's ONS code ("E10000018"), "E92000001" (England),
  a region's ONS code ("E12000004") or another ONS code (e.g. "E13000001" Inner London). Codes
  are kept as given: the Django side matches councils whose codes changed.
- value: a number or a suppression code (common.SUPPRESSION_CODES); empty means missing.
- numerator, denominator: numbers or suppression codes (kept as not known, never zero), may be
  empty; never negative. Whether the numerator may
  exceed the denominator depends on the indicator's value type, which this file does not carry,
  so that check belongs to the importer that knows the definitions.

Every bad row is reported and nothing is returned unless the whole file is good (issue 3).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .common import (
    ENGLAND_CODE,
    FILE_NO_ROWS,
    LA_NUMBER,
    MUST_NOT_BE_EMPTY,
    MUST_NOT_BE_NEGATIVE,
    NOT_A_NUMBER,
    ONS_CODE,
    OTHER_AREAS,
    REGIONS,
    ImportRejected,
    Problem,
    Progress,
    Source,
    duplicate_problems,
    header_problems,
    observation_frame,
    ons_area_kind,
    parse_values,
    read_csv_rows,
    report,
)

LONG_COLUMNS = ("authority", "indicator", "period", "value", "numerator", "denominator")
BAD_AUTHORITY = 'is not an LA number (three digits, e.g. "855") or an ONS code (e.g. "E10000018").'
WRONG_ORDER = "is in the wrong order. The header must be exactly: " + ",".join(LONG_COLUMNS) + "."


def long_observations(source: Source, *, progress: Progress | None = None) -> pd.DataFrame:
    """Parse a long CSV into the canonical observations frame, or raise ImportRejected."""
    header, rows = read_csv_rows(source)
    problems = header_problems(header, required=LONG_COLUMNS)
    if not problems and tuple(header) != LONG_COLUMNS:
        problems = [Problem(1, "", ",".join(header), WRONG_ORDER)]
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([Problem(None, "", "", FILE_NO_ROWS)])
    total = len(rows)
    report(progress, 0, total)

    frame = pd.DataFrame([cells for _, cells in rows], columns=list(LONG_COLUMNS), dtype="str")
    frame = frame.apply(lambda column: column.str.strip())
    line = np.array([number for number, _ in rows])
    problems = []
    for name in ("authority", "indicator", "period"):
        problems += [Problem(int(r), name, "", MUST_NOT_BE_EMPTY) for r in line[frame[name] == ""]]

    authority = frame["authority"]
    is_la_number = authority.str.match(LA_NUMBER).to_numpy()
    is_ons = authority.str.upper().str.match(ONS_CODE).to_numpy()
    bad_authority = ~is_la_number & ~is_ons & (authority != "").to_numpy()
    problems += [
        Problem(int(r), "authority", a, BAD_AUTHORITY)
        for r, a in zip(line[bad_authority], authority[bad_authority], strict=True)
    ]
    report(progress, total // 3, total)

    value, suppression, bad = parse_values(frame["value"])
    problems += [
        Problem(int(r), "value", v, NOT_A_NUMBER)
        for r, v in zip(line[bad], frame["value"][bad], strict=True)
    ]
    counts = {}
    for name in ("numerator", "denominator"):
        # A published symbol is as good here as in `value` (issue 22 §1: a long file made from
        # an EES file as published has them in every numeric column): kept as not known (NaN),
        # never zero; when the value itself is missing, the observation is marked suppressed.
        numbers, codes, bad_count = parse_values(frame[name])
        no_value = np.isnan(value) & (suppression == "").to_numpy()
        suppression = suppression.where(~(no_value & (codes != "").to_numpy()), codes)
        problems += [
            Problem(int(r), name, v, NOT_A_NUMBER)
            for r, v in zip(line[bad_count], frame[name][bad_count], strict=True)
        ]
        negative = np.nan_to_num(numbers, nan=0.0) < 0
        problems += [
            Problem(int(r), name, v, MUST_NOT_BE_NEGATIVE)
            for r, v in zip(line[negative], frame[name][negative], strict=True)
        ]
        counts[name] = numbers
    report(progress, 2 * total // 3, total)

    ons = authority.str.upper()
    keys, distinct = pd.factorize(ons)
    ons_kind = np.array([ons_area_kind(code) for code in distinct], dtype=object)[keys]
    kind = np.where(is_la_number, "council", ons_kind)
    names = {ENGLAND_CODE: "England"} | REGIONS | OTHER_AREAS
    result = observation_frame(
        {
            "indicator": frame["indicator"],
            "period": frame["period"],
            "area_kind": kind,
            "area_code": np.where(is_la_number, authority, ons),
            "area_name": ons.map(names).fillna(""),
            "area_ons_code": np.where(is_la_number, "", ons),
            "value": value,
            "numerator": counts["numerator"],
            "denominator": counts["denominator"],
            "suppression": suppression,
            "row": line,
        }
    )
    problems += duplicate_problems(result, column="indicator, period, authority")
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.row or 0))
    report(progress, total, total)
    return result
