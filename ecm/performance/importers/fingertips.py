"""OHID Fingertips indicator exports (public health profiles, fingertips.phe.org.uk).

Columns (../shared/data/README.md): Indicator ID, Indicator Name, Parent Code, Parent Name,
Area Code (ONS), Area Name, Area Type, Sex, Age, Category Type, Category, Time period, Value,
Lower/Upper CI 95.0 and 99.8 limits, Count, Denominator, Value note, Recent Trend,
Compared to England value or percentiles, Compared to percentiles, Time period Sortable,
New data, Compared to goal, Time period range.

- One indicator per breakdown: an export with several Sex/Age/Category combinations for one
  Indicator ID gives one indicator each, coded `ft-<Indicator ID>-<slug of sex, age,
  category>` and titled "<name> (<sex>, <age>, <category>)"; a single breakdown is `ft-<ID>`.
- Areas by ONS code, because Fingertips renames its area types between releases ("Counties &
  UAs (from Apr 2023)", "Upper tier local authorities (4/23)"): E92000001 england, E12 region,
  E06/E08/E09/E10 council (area_code = the ONS code), anything else other.
- An empty Value whose Value note mentions suppression is kept as suppressed ("c"), never 0.
- The export carries no polarity or unit, so `fingertips_definitions` infers them: the
  multiplier from Value / (Count / Denominator) (100: a percentage; 1,000 or more: a rate),
  the polarity from "Better"/"Worse" comparisons with England; `overrides` can set any field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .common import (
    ENGLAND_CODE,
    MUST_NOT_BE_EMPTY,
    NOT_A_NUMBER,
    ImportRejected,
    IndicatorDefinition,
    Problem,
    Progress,
    Source,
    as_text,
    duplicate_problems,
    header_problems,
    observation_frame,
    ons_area_kind,
    parse_values,
    read_table,
    report,
)
from .definitions import definition_problems

REQUIRED_COLUMNS = (
    "Indicator ID",
    "Indicator Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Count",
    "Denominator",
    "Value note",
)
COMPARED = "Compared to England value or percentiles"
SOURCE = "OHID Fingertips, indicator {id}"
MULTIPLIERS = (1.0, 100.0, 1000.0, 10000.0, 100000.0)
SUPPRESSED_NOTE = re.compile(r"suppress", re.IGNORECASE)

BAD_INDICATOR_ID = "is not a whole number."
BAD_COUNT = "is not a number."


def _frame(source: Source) -> tuple[pd.DataFrame, list[Problem]]:
    """The export as text, with row numbers and the indicator code of each row's breakdown."""
    frame = read_table(source)
    problems = header_problems(
        list(frame.columns), required=REQUIRED_COLUMNS, optional=frame.columns
    )
    if problems:
        raise ImportRejected(problems)
    frame = frame.apply(as_text)
    frame["row"] = frame.index.to_numpy()
    for column in ("Indicator ID", "Indicator Name", "Area Code", "Time period"):
        empty = (frame[column] == "").to_numpy()
        problems += [Problem(int(r), column, "", MUST_NOT_BE_EMPTY) for r in frame["row"][empty]]
    ids = frame["Indicator ID"]
    bad_id = (~ids.str.fullmatch(r"\d+") & (ids != "")).to_numpy()
    problems += [
        Problem(int(r), "Indicator ID", v, BAD_INDICATOR_ID)
        for r, v in zip(frame["row"][bad_id], frame["Indicator ID"][bad_id], strict=True)
    ]
    breakdown = frame["Sex"] + "\x00" + frame["Age"] + "\x00" + frame["Category"]
    per_indicator = breakdown.groupby(frame["Indicator ID"]).transform("nunique")
    labels = {b: [p for p in b.split("\x00") if p] for b in breakdown.unique()}
    slugs = {
        b: re.sub(r"[^a-z0-9]+", "-", " ".join(p).lower()).strip("-") for b, p in labels.items()
    }
    several = (per_indicator > 1).to_numpy()
    code = "ft-" + frame["Indicator ID"]
    frame["code"] = np.where(several, code + "-" + breakdown.map(slugs), code)
    detail = breakdown.map(lambda b: ", ".join(labels[b]))
    frame["title"] = np.where(
        several, frame["Indicator Name"] + " (" + detail + ")", frame["Indicator Name"]
    )
    return frame, problems


def fingertips_observations(source: Source, *, progress: Progress | None = None) -> pd.DataFrame:
    """A Fingertips export as canonical observations, or ImportRejected with every problem."""
    frame, problems = _frame(source)
    total = len(frame)
    report(progress, 0, total)
    value, suppression, bad = parse_values(frame["Value"])
    problems += [
        Problem(int(r), "Value", v, NOT_A_NUMBER)
        for r, v in zip(frame["row"][bad], frame["Value"][bad], strict=True)
    ]
    suppressed = np.isnan(value) & (suppression == "").to_numpy()
    suppressed &= frame["Value note"].str.contains(SUPPRESSED_NOTE).to_numpy()
    suppression = suppression.where(~suppressed, "c")
    counts = {}
    for column in ("Count", "Denominator"):
        numbers, codes, bad = parse_values(frame[column])
        bad |= (codes != "").to_numpy()
        problems += [
            Problem(int(r), column, v, BAD_COUNT)
            for r, v in zip(frame["row"][bad], frame[column][bad], strict=True)
        ]
        counts[column] = numbers
    report(progress, total // 2, total)
    ons = frame["Area Code"].str.upper()
    result = observation_frame(
        {
            "indicator": frame["code"],
            "period": frame["Time period"],
            "area_kind": [ons_area_kind(code) for code in ons],
            "area_code": ons,
            "area_name": frame["Area Name"],
            "area_ons_code": ons,
            "value": value,
            "numerator": counts["Count"],
            "denominator": counts["Denominator"],
            "suppression": suppression,
            "row": frame["row"],
        }
    )
    problems += duplicate_problems(result, column="Indicator ID, Sex, Age, Category, Time period")
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.row or 0))
    report(progress, total, total)
    return result


def _multiplier(rows: pd.DataFrame) -> float:
    """Value / (Count / Denominator), rounded to the nearest of MULTIPLIERS (1 if unknown)."""
    value, _, _ = parse_values(rows["Value"])
    count, _, _ = parse_values(rows["Count"])
    denominator, _, _ = parse_values(rows["Denominator"])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = value / (count / denominator)
    ratio = ratio[np.isfinite(ratio) & (ratio > 0)]
    if not len(ratio):
        return 1.0
    return min(MULTIPLIERS, key=lambda m: abs(np.log10(np.median(ratio)) - np.log10(m)))


def _polarity(rows: pd.DataFrame) -> str:
    """high/low from areas Fingertips calls Better or Worse than England; none otherwise."""
    if COMPARED not in rows:
        return "none"
    value, _, _ = parse_values(rows["Value"])
    rows = rows.assign(number=value)
    england = rows[rows["Area Code"] == ENGLAND_CODE].set_index("Time period")["number"]
    votes = []
    for _, row in rows[rows[COMPARED].str.match(r"(?i)(better|worse)")].iterrows():
        reference = england.get(row["Time period"], np.nan)
        if np.isnan(row["number"]) or np.isnan(reference) or row["number"] == reference:
            continue
        better = row[COMPARED].lower().startswith("better")
        votes.append("high" if (row["number"] > reference) == better else "low")
    if not votes:
        return "none"
    return max(("high", "low"), key=votes.count)


def fingertips_definitions(
    source: Source,
    *,
    outcome: str = "being_healthy",
    overrides: Mapping[str, Mapping[str, object]] | None = None,
    progress: Progress | None = None,
) -> list[IndicatorDefinition]:
    """One definition per indicator code of `fingertips_observations`, fields inferred.

    `outcome` is the default area (OHID profiles are mostly about health); `overrides` maps an
    indicator code to fields that replace the inferred ones (checked like a definitions CSV).
    """
    frame, problems = _frame(source)
    if problems:
        raise ImportRejected(problems)
    report(progress, 0, len(frame))
    definitions = []
    for code, rows in frame.groupby("code", sort=False):
        multiplier = _multiplier(rows)
        value_type = "percentage" if multiplier == 100 else "rate" if multiplier > 100 else "mean"
        span = rows["Time period range"].iloc[0] if "Time period range" in rows else ""
        fields: dict[str, object] = {
            "code": code,
            "title": rows["title"].iloc[0],
            "outcome": outcome,
            "polarity": _polarity(rows),
            "value_type": value_type,
            "multiplier": multiplier,
            "decimal_places": 1,
            "unit": "%"
            if value_type == "percentage"
            else f"per {multiplier:,.0f}" * (value_type == "rate"),
            "period_type": span,
            "source": SOURCE.format(id=rows["Indicator ID"].iloc[0]),
        }
        fields |= dict((overrides or {}).get(str(code), {}))
        definition, found = definition_problems(fields, row=int(rows["row"].iloc[0]))
        problems += found
        if definition is not None:
            definitions.append(definition)
    if problems:
        raise ImportRejected(problems)
    report(progress, len(frame), len(frame))
    return definitions
