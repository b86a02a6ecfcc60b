"""DfE's Local Authority Interactive Tool (LAIT): long data and its data dictionary.

Source: dfe-analytical-services/local-authority-interactive-tool, 01_data/02_prod/
(`bds_long_0.parquet`, `lait_data_dictionary.csv`; ../shared/data/README.md). The long data
has the columns `Short Desc` (the indicator: the dictionary's `Measure_short`), `Data item`,
`Years` (labels in several styles: "2023", "2016-17 (OT)", "2015/16", "2014-16"...),
`LA and Regions`, `Values` (text: numbers, scientific notation, or "-"), `LA Number`, `Region`.

Traps in the real files, each handled here:
- `LA Number` is filled for England (970) and the regions (980-990) too, so the area's kind
  comes from its name first: "England", the nine regions (LAIT spells its region row
  "Yorkshire and the Humber" with a lower-case "the"), Inner/Outer London ("London (Inner)",
  "London (Outer)": kind "other"), then councils by LA number.
- 14 `Measure_short`s appear twice in the dictionary (under two topics) with differing `dps`
  or `No_Quartile`: they are merged (first text wins; decimal places from the first row that
  gives them; banded only if no row says "N").
- The dictionary is written by R ("NA" for an empty cell). `dps` is NA for 269 of its 448
  rows and `Polarity` for 30: empty dps defaults to 0 for counts and
  1 otherwise; empty or "-" polarity is "none".
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .common import (
    ENGLAND_CODE,
    FILE_NO_ROWS,
    KEY_JUDGEMENT_URN,
    LA_NUMBER,
    MUST_NOT_BE_EMPTY,
    NOT_A_NUMBER,
    OUTCOMES,
    REGIONS,
    TEXT_COLUMNS,
    ImportRejected,
    IndicatorDefinition,
    Problem,
    Progress,
    Source,
    as_text,
    duplicate_problems,
    header_problems,
    observation_frame,
    parse_values,
    read_bytes,
    read_table,
    region_code,
    report,
)
from .mapping_files import yaml_source

OUTCOMES_FILE = Path(__file__).resolve().parent.parent / "data" / "lait_outcomes.yaml"
DATA_COLUMNS = ("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
DICTIONARY_COLUMNS = ("Measure_short", "Measure", "Polarity", "y_axis_name", "dps", "No_Quartile")
SOURCE = "DfE Local Authority Interactive Tool (LAIT)"
POLARITY = {"high": "high", "low": "low", "-": "none", "": "none"}

BAD_LA_NUMBER = "is not an LA number (three digits)."
BAD_POLARITY = "is not High, Low or -."
BAD_DPS = "is not a whole number of decimal places from 0 to 6."
CONFLICT = "differs between the rows defining this indicator (rows {rows})."
NOT_MAPPED = "has no outcome in lait_outcomes.yaml: add it there."
BAD_OUTCOME = "is not one of: " + ", ".join(OUTCOMES) + "."
NOT_A_MAPPING = "must map each Measure_short to its outcome and key judgements."
NOT_YES_NO = "is not true or false."
BAD_URN = 'is not a key judgement URN (e.g. "urn:ecm:key-judgement:staying-safe:1").'

# y_axis_name -> (value_type, multiplier, unit), for every name in the real dictionary that
# is neither a percentage ("%..." or "Percentage...") nor a "Rate per N ..." (both by pattern).
Y_AXIS = {
    "Turnover rate": ("percentage", 100.0, "%"),  # "Percentage rate of social worker turnover"
    "Absence Rate": ("percentage", 100.0, "%"),  # social workers' working days lost, in %
    "Entries": ("percentage", 100.0, "%"),  # EBacc entries of SEN groups: values 0-79 (%)
    "Average": ("mean", 1.0, "early learning goals per child"),
    "Average Point Score": ("mean", 1.0, "points per entry"),
    "Average Scaled Score": ("mean", 1.0, "scaled score"),
    "Average Score": ("mean", 1.0, "score"),
    "Score": ("mean", 1.0, "score"),
    "Score per pupil": ("mean", 1.0, "score per pupil"),
    "Case Load": ("mean", 1.0, "cases per social worker"),
    "Unit Cost": ("mean", 1.0, "£ per child per week"),
    "Spend": ("count", 1.0, "£"),
    "Social Workers": ("count", 1.0, "FTE social workers"),
    "Starters FTE": ("count", 1.0, "FTE social workers"),
    "Leavers FTE": ("count", 1.0, "FTE social workers"),
    "Total cases": ("count", 1.0, "cases"),
}
_RATE = re.compile(r"^rates? per ([\d,]+)\s*(.*)$", re.IGNORECASE)


def lait_value_type(y_axis_name: str) -> tuple[str, float, str] | None:
    """(value_type, multiplier, unit) for a LAIT `y_axis_name`, or None if no rule knows it.

    "%..." and "Percentage..." are percentages (multiplier 100); "Rate per 10,000" a rate per
    10,000; "Rate per 1000 live births" a rate per 1,000; "Number..." a count; the rest from
    Y_AXIS. `lait_definitions` reads an unknown name as a mean (multiplier 1).
    """
    name = " ".join(y_axis_name.split())
    if name.startswith("%") or name.lower().startswith("percentage"):
        return "percentage", 100.0, "%"
    rate = _RATE.match(name)
    if rate:
        base = int(rate.group(1).replace(",", ""))
        return "rate", float(base), " ".join(f"per {base:,} {rate.group(2)}".split())
    if name.lower().startswith("number"):
        return "count", 1.0, re.sub(r"^number( of)?\s*", "", name, flags=re.IGNORECASE) or "number"
    return Y_AXIS.get(name)


def load_lait_outcomes(path: Source = OUTCOMES_FILE) -> tuple[dict[str, dict], list[Problem]]:
    """The project's mapping {Measure_short: {outcome, key_judgements}} and its problems.

    Parsed once for each content (an edited file is parsed again): every LAIT import reads
    the project's file, and its YAML took about 0.1 s to parse, a third of a small LAIT
    import's time (found by the fuzz of issue 22 §8, bench/fuzz_imports.py).
    """
    mapping, problems = _outcomes(read_bytes(path))
    return copy.deepcopy(mapping), list(problems)


@functools.lru_cache(maxsize=4)
def _outcomes(content: bytes) -> tuple[dict[str, dict], list[Problem]]:
    data = yaml_source(content, column="indicators") or {}
    mapping = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(mapping, dict):
        return {}, [Problem(None, "indicators", "", NOT_A_MAPPING)]
    problems = []
    for code, entry in mapping.items():
        entry = entry if isinstance(entry, dict) else {}
        where = f"indicators.{code}"
        if entry.get("outcome") not in OUTCOMES:
            problems.append(
                Problem(None, where + ".outcome", str(entry.get("outcome")), BAD_OUTCOME)
            )
        if not isinstance(entry.get("proportion", True), bool):
            problems.append(
                Problem(None, where + ".proportion", str(entry.get("proportion")), NOT_YES_NO)
            )
        for urn in entry.get("key_judgements") or []:
            if not KEY_JUDGEMENT_URN.match(str(urn)):
                problems.append(Problem(None, where + ".key_judgements", str(urn), BAD_URN))
    return {str(k): v if isinstance(v, dict) else {} for k, v in mapping.items()}, problems


def lait_definitions(
    dictionary: Source, *, outcomes: Source = OUTCOMES_FILE, progress: Progress | None = None
) -> list[IndicatorDefinition]:
    """One IndicatorDefinition per `Measure_short` of the LAIT data dictionary.

    code = Measure_short; polarity from Polarity (High/Low/-); decimal places from dps;
    banding unless No_Quartile is "N"; value type, multiplier and unit from y_axis_name
    (`lait_value_type`); outcome and key judgements from lait_outcomes.yaml.
    """
    frame = read_table(dictionary)
    problems = header_problems(
        list(frame.columns), required=DICTIONARY_COLUMNS, optional=frame.columns
    )
    if problems:
        raise ImportRejected(problems)
    if frame.empty:
        raise ImportRejected([Problem(None, "", "", FILE_NO_ROWS)])
    report(progress, 0, len(frame))
    mapping, problems = load_lait_outcomes(outcomes)
    # The dictionary is written by R: "NA" is an empty cell.
    text = {name: as_text(frame[name]).replace("NA", "").tolist() for name in frame.columns}
    numbers = frame.index.tolist()  # row numbers as a spreadsheet shows them
    lines: dict[str, list[int]] = {}
    for index, code in enumerate(text["Measure_short"]):
        if code:
            lines.setdefault(code, []).append(index)
        else:
            problems.append(Problem(numbers[index], "Measure_short", "", MUST_NOT_BE_EMPTY))

    def cell(column: str, index: int) -> str:
        return text[column][index] if column in text else ""

    definitions = []
    for code, indexes in lines.items():
        first = indexes[0]
        rows = ", ".join(str(numbers[i]) for i in indexes)
        written = {text["Polarity"][i] for i in indexes}
        polarities = {p.lower() for p in written}
        for polarity in sorted(p for p in written if p.lower() not in POLARITY):
            problems.append(Problem(numbers[first], "Polarity", polarity, BAD_POLARITY))
        if len(polarities) > 1:
            problems.append(Problem(numbers[first], "Polarity", code, CONFLICT.format(rows=rows)))
        kinds = {lait_value_type(text["y_axis_name"][i]) or ("mean", 1.0, "") for i in indexes}
        value_type, multiplier, unit = sorted(kinds)[0]
        if len({k[:2] for k in kinds}) > 1:
            problems.append(
                Problem(numbers[first], "y_axis_name", code, CONFLICT.format(rows=rows))
            )
        places = [text["dps"][i] for i in indexes if text["dps"][i]]
        try:
            dps = float(places[0]) if places else float(value_type != "count")
        except ValueError:
            dps = -1.0
        decimal_places = int(dps) if dps.is_integer() else -1
        if not 0 <= decimal_places <= 6:
            problems.append(Problem(numbers[first], "dps", places[0], BAD_DPS))
        entry = mapping.get(code)
        if entry is None:
            problems.append(Problem(numbers[first], "Measure_short", code, NOT_MAPPED))
            continue
        described = cell("Description", first)
        definitions.append(
            IndicatorDefinition(
                code=code,
                title=" ".join(text["Measure"][first].split()),
                outcome=entry.get("outcome", ""),
                polarity=POLARITY.get(sorted(polarities)[0], "none"),
                value_type=value_type,
                multiplier=multiplier,
                decimal_places=decimal_places,
                unit=unit,
                period_type=cell("Year_Type", first),
                source=SOURCE,
                banding=all(text["No_Quartile"][i].upper() != "N" for i in indexes),
                # A percentage LAIT publishes past 100 says so in lait_outcomes.yaml.
                proportion=entry.get("proportion", True) is not False,
                description="\n".join(line.strip() for line in described.splitlines()).strip(),
                key_judgements=[str(u) for u in entry.get("key_judgements") or []],
            )
        )
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.row or 0))
    report(progress, len(frame), len(frame))
    return definitions


def _la_numbers(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """`LA Number` factorised: (codes, distinct texts like "855").

    Parquet gives floats (855.0), a CSV text ("855" or "855.0"); NaN or empty gives "".
    """
    keys, uniques = pd.factorize(column, use_na_sentinel=False)
    texts = []
    for value in uniques:
        text = "" if pd.isna(value) else str(value).strip()
        whole = re.fullmatch(r"(\d+)(?:\.0+)?", text)
        texts.append(whole.group(1).zfill(3) if whole else text)
    return keys, texts


def _take(keys: np.ndarray, values: list[str]) -> pd.Series:
    """values[keys] as a text column, built from the few distinct values (fast on big files)."""
    return pd.Series(values, dtype="str").take(keys).reset_index(drop=True)


def _classify(name: str, la_number: str) -> tuple[str, str, str]:
    """(area_kind, area_code, area_ons_code) of one LAIT area."""
    if name.casefold() == "england":
        return "england", ENGLAND_CODE, ENGLAND_CODE
    code = region_code(name)
    if code:
        return ("region" if code in REGIONS else "other"), name, code
    if LA_NUMBER.match(la_number):
        return "council", la_number, ""
    return "other", name, ""


def lait_observations(source: Source, *, progress: Progress | None = None) -> pd.DataFrame:
    """The LAIT long data (parquet, or the same columns as CSV) as canonical observations.

    Vectorised throughout (the real file has 641,070 rows): problems are built only for the
    rows that fail a mask. Raises ImportRejected listing every problem.
    """
    frame = read_table(source)
    problems = header_problems(list(frame.columns), required=DATA_COLUMNS, optional=frame.columns)
    if problems:
        raise ImportRejected(problems)
    total = len(frame)
    if not total:
        raise ImportRejected([Problem(None, "", "", FILE_NO_ROWS)])
    report(progress, 0, total)
    line = frame.index.to_numpy()
    indicator, period, name = (as_text(frame[c]) for c in ("Short Desc", "Years", "LA and Regions"))
    for column, values in (("Short Desc", indicator), ("Years", period), ("LA and Regions", name)):
        empty = (values == "").to_numpy()
        problems += [Problem(int(r), column, "", MUST_NOT_BE_EMPTY) for r in line[empty]]
    la_keys, la_texts = _la_numbers(frame["LA Number"])
    for key, text in enumerate(la_texts):
        if text and not LA_NUMBER.match(text):
            problems += [
                Problem(int(r), "LA Number", text, BAD_LA_NUMBER) for r in line[la_keys == key]
            ]
    report(progress, total // 4, total)

    value, suppression, bad = parse_values(frame["Values"])
    if bad.any():
        raw = as_text(frame["Values"])[bad]
        problems += [
            Problem(int(r), "Values", v, NOT_A_NUMBER) for r, v in zip(line[bad], raw, strict=True)
        ]
    report(progress, total // 2, total)

    name_keys, names = pd.factorize(name)
    keys, pairs = pd.factorize(name_keys * len(la_texts) + la_keys)
    kinds = [
        _classify(names[pair // len(la_texts)], la_texts[pair % len(la_texts)]) for pair in pairs
    ]
    nan = np.full(total, np.nan)
    result = observation_frame(
        {
            "indicator": indicator,
            "period": period,
            "area_kind": _take(keys, [k[0] for k in kinds]),
            "area_code": _take(keys, [k[1] for k in kinds]),
            "area_name": name,
            "area_ons_code": _take(keys, [k[2] for k in kinds]),
            "value": value,
            "numerator": nan,
            "denominator": nan,
            "suppression": suppression,
            "row": line,
        },
        # as_text's columns, parse_values' codes, and areas made from those: none to strip.
        stripped=(*TEXT_COLUMNS, "suppression"),
    )
    report(progress, 3 * total // 4, total)
    problems += duplicate_problems(result, column="Short Desc, Years, LA and Regions")
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.row or 0))
    report(progress, total, total)
    return result
