"""OHID Fingertips indicator exports (public health profiles, fingertips.phe.org.uk).

Columns (../shared/data/README.md): Indicator ID, Indicator Name, Parent Code, Parent Name,
Area Code (ONS), Area Name, Area Type, Sex, Age, Category Type, Category, Time period, Value,
Lower/Upper CI 95.0 and 99.8 limits, Count, Denominator, Value note, Recent Trend,
Compared to England value or percentiles, Compared to percentiles, Time period Sortable,
New data, Compared to goal, Time period range. Any other column (an export compared with
regions says "Compared to Regions (statistical) value or percentiles") is read past.

- One indicator per breakdown: an export with several Sex/Age/Category Type/Category
  combinations for one Indicator ID gives one indicator each, coded `ft-<Indicator ID>-<slug
  of sex, age, category, category type>` and titled "<name> (<sex>, <age>, <category type>:
  <category>)"; a single breakdown is `ft-<ID>`. Category Type is part of the key (issue 22
  §1): Fingertips reuses its Category names ("Most deprived decile (IMD2019)") under several
  Category Types (county and district deciles, each geography vintage). A code longer than
  Indicator.code's 80 characters keeps the start of its slug and ends in 8 hex digits of a
  SHA-1 of the whole breakdown, as does a slug two breakdowns would share ("4/21" and "4-21"),
  so codes are unique, the same on every import of the export, and short enough.
- Fingertips writes England's row (and regions' rows, and a council's that belongs to two area
  types, such as a unitary authority in both "Counties & UAs" and "Districts & UAs") once per
  area-type grouping. Rows that agree on every column that carries the figure (FIGURE_COLUMNS:
  Indicator ID, Area Code, Sex, Age, Category Type, Category, Time period, Value, Count,
  Denominator, Value note and the four confidence limits) are read once and counted in a note;
  Area Type, Parent Code, Parent Name and the comparison columns are left out of the
  comparison because they describe the grouping, and differ between the repeats. Rows for one
  indicator, area and period that disagree on the figure are refused, each naming the others.
- A choice of breakdowns (`breakdowns`): Category Types by their name in the file (case and
  spacing ignored) and NO_CATEGORY for the rows with no Category Type; None imports all. The
  rows left out are counted in the frame's attrs["skipped"] and said in attrs["notes"].
- Areas by ONS code, because Fingertips renames its area types between releases ("Counties &
  UAs (from Apr 2023)", "Upper tier local authorities (4/23)"): E92000001 england, E12 region,
  E06/E08/E09/E10 council (area_code = the ONS code), anything else other.
- An empty Value whose Value note mentions suppression is kept as suppressed ("c"), never 0.
  A suppression symbol in Count or Denominator is kept as unknown (NaN), never 0.
- Periods: Fingertips writes a pooled period with a spaced hyphen ("2021 - 23",
  "2016/17 - 18/19"); it is stored as the engine reads it and LAIT spells it ("2021-23").
- The export carries no polarity or unit, so `fingertips_definitions` infers them: the
  multiplier from Value / (Count / Denominator) (100: a percentage; 1,000 or more: a rate),
  the polarity from "Better"/"Worse" comparisons with England; `overrides` can set any field.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from .common import (
    ENGLAND_CODE,
    FILE_NO_ROWS,
    MUST_NOT_BE_EMPTY,
    NO_CATEGORY,
    NO_CATEGORY_WORDS,
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
CONFIDENCE_COLUMNS = (
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
)
# What makes two rows the same figure (see the module docstring): compared after spacing,
# the area code's case and the period's spelling are normalised. The confidence limits are
# compared when present and never stored (the engine computes its own).
FIGURE_COLUMNS = (
    "Indicator ID",
    "Area Code",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Count",
    "Denominator",
    "Value note",
    *CONFIDENCE_COLUMNS,
)
BREAKDOWN_COLUMNS = ("Sex", "Age", "Category Type", "Category")
COMPARED = "Compared to England value or percentiles"
SPAN = "Time period range"
SOURCE = "OHID Fingertips, indicator {id}"
MULTIPLIERS = (1.0, 100.0, 1000.0, 10000.0, 100000.0)
SUPPRESSED_NOTE = re.compile(r"suppress", re.IGNORECASE)
POOLED_PERIOD = re.compile(r"^([0-9]{4}(?:/[0-9]{2,4})?) *- *([0-9]{2,4}(?:/[0-9]{2,4})?)$")

# The limits of Indicator.code, .title and .period_type (ecm/performance/models.py; a test
# checks they agree): importers sit below the models and do not import them.
CODE_MAX = 80
TITLE_MAX = 400
PERIOD_TYPE_MAX = 60
ID_DIGITS_MAX = 10  # Fingertips' IDs have at most 6; more cannot be one, and "ft-<id>" must fit
HASH_LENGTH = 8

# Problems and notes (a Problem prints as: Row 14, column "Value": "abc" <reason>)
BAD_INDICATOR_ID = "is not a whole number."
LONG_INDICATOR_ID = f"is not a Fingertips indicator ID (at most {ID_DIGITS_MAX} digits)."
BAD_COUNT = "is not a number."
LONG_PERIOD_TYPE = f"is longer than {PERIOD_TYPE_MAX} characters (Fingertips writes 1y or 3y)."
DUPLICATE_COLUMN = "Indicator ID, Sex, Age, Category Type, Category, Area Code, Time period"
CONFLICTING_REPEAT = (
    "is given different figures in rows {rows}: Fingertips repeats a row once per area type, "
    "but these repeats disagree; keep the right one and delete the others."
)
UNKNOWN_BREAKDOWN = "is not a Category Type in this file. Choose from: {names}."
REPEATS_READ_ONCE = (
    "{count:,} {rows} repeated another row's figures exactly (Fingertips repeats England's row, "
    "and a region's or council's that belongs to more than one area type, once per area type) "
    "and {were} read once."
)
NOT_CHOSEN_LEFT_OUT = "{count:,} {rows} of breakdowns not chosen {were} left out: {names}."


def _each_distinct(column: pd.Series, change: Callable[[str], str]) -> pd.Series:
    """`change` applied once per distinct text (a column of 300,000 rows has a few dozen)."""
    codes, distinct = pd.factorize(column)
    changed = np.array([change(text) for text in distinct], dtype=object)
    return pd.Series(changed[codes], index=column.index, dtype="str")


def _spaced(text: str) -> str:
    """Runs of spaces made one ("(IMD  trend)" is published with two)."""
    return " ".join(text.split())


def _period(label: str) -> str:
    """A pooled period as the engine reads it: "2021 - 23" -> "2021-23"."""
    match = POOLED_PERIOD.match(_spaced(label))
    return f"{match[1]}-{match[2]}" if match else _spaced(label)


def _plural(count: int) -> dict[str, str]:
    return {"rows": "row" if count == 1 else "rows", "were": "was" if count == 1 else "were"}


def _breakdown_key(name: str) -> str:
    """How a chosen breakdown is compared with a Category Type: case and spacing ignored."""
    return " ".join(name.split()).casefold()


def _slug(parts: Sequence[str]) -> str:
    """Sex, age, category, then its type: what tells two deciles apart survives shortening."""
    sex, age, category_type, category = parts
    words = " ".join(p for p in (sex, age, category, category_type) if p)
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")


def _code(indicator_id: str, parts: Sequence[str], *, hashed: bool = False) -> str:
    """`ft-<id>-<slug>`, or the slug's start and a hash of the breakdown when too long."""
    head, slug = f"ft-{indicator_id}", _slug(parts)
    code = f"{head}-{slug}" if slug else head
    if len(code) <= CODE_MAX and not hashed:
        return code
    digest = hashlib.sha1("\x00".join(parts).encode(), usedforsecurity=False).hexdigest()
    room = CODE_MAX - len(head) - HASH_LENGTH - 2
    start = slug[:room].rstrip("-")
    return "-".join(p for p in (head, start, digest[:HASH_LENGTH]) if p)


def _detail(parts: Sequence[str]) -> str:
    """The breakdown in words: "Persons, 4-5 yrs, <Category Type>: <Category>"."""
    sex, age, category_type, category = parts
    grouping = ": ".join(p for p in (category_type, category) if p)
    return ", ".join(p for p in (sex, age, grouping) if p)


def _title(name: str, detail: str) -> str:
    """The title, "<name> (<detail>)", within TITLE_MAX: the name is shortened, never the
    breakdown."""
    if not detail:
        return name[:TITLE_MAX]
    title = f"{name} ({detail})"
    if len(title) <= TITLE_MAX:
        return title
    room = max(TITLE_MAX - len(detail) - 4, 0)
    cut = name[: room + 1].rsplit(" ", 1)[0] if " " in name[:room] else name[:room]
    return f"{cut.rstrip()}… ({detail})"[-TITLE_MAX:]


def _frame(source: Source) -> tuple[pd.DataFrame, list[Problem]]:
    """The export as text, with row numbers and the indicator code of each row's breakdown."""
    frame = read_table(source)
    problems = header_problems(
        list(frame.columns), required=REQUIRED_COLUMNS, optional=frame.columns
    )
    if problems:
        raise ImportRejected(problems)
    if frame.empty:
        raise ImportRejected([Problem(None, "", "", FILE_NO_ROWS)])
    frame = frame.apply(as_text)
    frame["row"] = frame.index.to_numpy()
    for column in ("Indicator ID", "Indicator Name", "Area Code", "Time period"):
        empty = (frame[column] == "").to_numpy()
        problems += [Problem(int(r), column, "", MUST_NOT_BE_EMPTY) for r in frame["row"][empty]]
    ids = frame["Indicator ID"]
    whole = ids.str.fullmatch(r"[0-9]+")  # ASCII digits only (issue 22 §3)
    for bad, reason in (
        (~whole & (ids != ""), BAD_INDICATOR_ID),
        (whole & (ids.str.len() > ID_DIGITS_MAX), LONG_INDICATOR_ID),
    ):
        problems += [
            Problem(int(r), "Indicator ID", v, reason)
            for r, v in zip(frame["row"][bad], ids[bad], strict=True)
        ]
    for column in BREAKDOWN_COLUMNS:
        frame[column] = _each_distinct(frame[column], _spaced)
    frame["Time period"] = _each_distinct(frame["Time period"], _period)
    frame["Area Code"] = frame["Area Code"].str.upper()
    frame["breakdown"] = _each_distinct(
        frame["Category Type"], lambda name: _breakdown_key(name) or NO_CATEGORY
    )
    _name_breakdowns(frame)
    return frame, problems


def _name_breakdowns(frame: pd.DataFrame) -> None:
    """Add `code` and `title`: one indicator per Indicator ID and breakdown of the whole file
    (whatever breakdowns are then chosen, so a code never depends on the choice)."""
    keys = ["Indicator ID", *BREAKDOWN_COLUMNS]
    group = frame.groupby(keys, sort=False).ngroup().to_numpy()
    pairs = frame[keys].drop_duplicates()  # in the order of ngroup's numbers
    ids = pairs["Indicator ID"].tolist()
    parts = list(zip(*(pairs[c] for c in BREAKDOWN_COLUMNS), strict=True))
    several = (pairs.groupby("Indicator ID")["Sex"].transform("size") > 1).tolist()
    codes = [
        _code(i, p) if many else f"ft-{i}" for i, p, many in zip(ids, parts, several, strict=True)
    ]
    seen = pd.Series(codes)
    for k in np.flatnonzero(seen.duplicated(keep=False).to_numpy()):  # "4/21", "4-21" alike
        codes[k] = _code(ids[k], parts[k], hashed=True)
    frame["code"] = pd.Series(np.array(codes, dtype=object)[group], index=frame.index, dtype="str")
    details = [_detail(p) if many else "" for p, many in zip(parts, several, strict=True)]
    titled = frame.groupby([*keys, "Indicator Name"], sort=False).ngroup().to_numpy()
    firsts = np.unique(titled, return_index=True)[1]
    names = frame["Indicator Name"].to_numpy()
    titles = np.array([_title(names[r], details[group[r]]) for r in firsts], dtype=object)
    frame["title"] = pd.Series(titles[titled], index=frame.index, dtype="str")


def _breakdown_names(frame: pd.DataFrame) -> dict[str, tuple[str, int]]:
    """Each breakdown's key -> (its name as first written in the file, rows), NO_CATEGORY first."""
    counts = frame["breakdown"].value_counts(sort=False)
    first = frame.drop_duplicates("breakdown").set_index("breakdown")["Category Type"]
    names = {key: (first[key] or NO_CATEGORY, int(counts[key])) for key in first.index}
    if NO_CATEGORY in names:
        names = {NO_CATEGORY: names.pop(NO_CATEGORY)} | names
    return names


def _shown(name: str) -> str:
    return f'"{NO_CATEGORY}" for {NO_CATEGORY_WORDS}' if name == NO_CATEGORY else f'"{name}"'


def _choose(
    frame: pd.DataFrame, breakdowns: Sequence[str] | None
) -> tuple[pd.DataFrame, list[Problem], list[str], int]:
    """The rows of the chosen breakdowns: (rows, problems, notes, rows left out)."""
    if not breakdowns:
        return frame, [], [], 0
    names = _breakdown_names(frame)
    problems = []
    chosen = set()
    for name in breakdowns:
        key = _breakdown_key(str(name))
        if key in names:
            chosen.add(key)
        else:
            listed = "; ".join(_shown(shown) for shown, _ in names.values())
            problems.append(
                Problem(None, "Category Type", str(name), UNKNOWN_BREAKDOWN.format(names=listed))
            )
    kept = frame["breakdown"].isin(chosen)
    skipped = int((~kept).sum())
    notes = []
    if skipped:
        left = "; ".join(
            f"{_shown(shown)} ({rows:,})"
            for key, (shown, rows) in names.items()
            if key not in chosen
        )
        notes.append(NOT_CHOSEN_LEFT_OUT.format(count=skipped, names=left, **_plural(skipped)))
    return frame[kept.to_numpy()], problems, notes, skipped


def _read_once(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], int]:
    """The rows with every FIGURE_COLUMNS cell of an earlier row dropped, and a note of them."""
    compared = [c for c in FIGURE_COLUMNS if c in frame.columns]
    repeated = frame.duplicated(compared, keep="first").to_numpy()
    count = int(repeated.sum())
    if not count:
        return frame, [], 0
    note = REPEATS_READ_ONCE.format(count=count, **_plural(count))
    return frame[~repeated], [note], count


def _prepared(
    source: Source, breakdowns: Sequence[str] | None
) -> tuple[pd.DataFrame, list[Problem], list[str], int, int]:
    """(chosen rows read once, problems, notes, rows read but not kept, rows in the file)."""
    frame, problems = _frame(source)
    total = len(frame)
    frame, choice_problems, notes, skipped = _choose(frame, breakdowns)
    frame, repeat_notes, repeats = _read_once(frame)
    return frame, choice_problems + problems, notes + repeat_notes, skipped + repeats, total


def fingertips_breakdowns(source: Source) -> list[tuple[str, int]]:
    """The breakdowns a user can choose in this export: (Category Type as written, rows in the
    file), NO_CATEGORY first for the rows with no Category Type (NO_CATEGORY_WORDS)."""
    frame, _ = _frame(source)
    return list(_breakdown_names(frame).values())


def fingertips_observations(
    source: Source,
    *,
    progress: Progress | None = None,
    breakdowns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """A Fingertips export as canonical observations, or ImportRejected with every problem.

    `breakdowns` names the Category Types to import (NO_CATEGORY: rows with none); None or an
    empty list imports them all. The frame's attrs["notes"] says what was read once or left
    out, attrs["skipped"] how many rows of the file that is.
    """
    frame, problems, notes, skipped, total = _prepared(source, breakdowns)
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
        # A suppression symbol here leaves the count unknown (NaN), never 0 (issue 22 §1).
        numbers, _, bad = parse_values(frame[column])
        problems += [
            Problem(int(r), column, v, BAD_COUNT)
            for r, v in zip(frame["row"][bad], frame[column][bad], strict=True)
        ]
        counts[column] = numbers
    report(progress, total // 2, total)
    ons = frame["Area Code"]
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
    problems += duplicate_problems(result, column=DUPLICATE_COLUMN, reason=CONFLICTING_REPEAT)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.row or 0))
    result.attrs["notes"] = notes
    result.attrs["skipped"] = skipped
    report(progress, total, total)
    return result


def _multipliers(frame: pd.DataFrame, value: np.ndarray) -> pd.Series:
    """Per code: Value / (Count / Denominator), its median rounded to the nearest of
    MULTIPLIERS on a log scale (codes with no such ratio are left out: 1)."""
    count, _, _ = parse_values(frame["Count"])
    denominator, _, _ = parse_values(frame["Denominator"])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = value / (count / denominator)
    known = np.isfinite(ratio) & (ratio > 0)
    median = pd.Series(ratio[known]).groupby(frame["code"].to_numpy()[known]).median()
    distance = np.abs(np.log10(median.to_numpy())[:, None] - np.log10(MULTIPLIERS)[None, :])
    return pd.Series(np.asarray(MULTIPLIERS)[distance.argmin(axis=1)], index=median.index)


def _polarities(frame: pd.DataFrame, value: np.ndarray) -> pd.Series:
    """Per code: high/low from the areas Fingertips calls Better or Worse than England (codes
    with no such verdict are left out: none)."""
    if COMPARED not in frame:
        return pd.Series(dtype="str")
    places = pd.MultiIndex.from_arrays([frame["code"], frame["Time period"]])
    england = (frame["Area Code"] == ENGLAND_CODE).to_numpy()
    reference = pd.Series(value[england], index=places[england])
    reference = reference[~reference.index.duplicated()]  # conflicting repeats: refused elsewhere
    against = reference.reindex(places).to_numpy(dtype="float64")
    verdict = frame[COMPARED].str.lower()
    better = verdict.str.startswith("better").to_numpy()
    worse = verdict.str.startswith("worse").to_numpy()
    counted = (better | worse) & np.isfinite(value) & np.isfinite(against) & (value != against)
    higher_is_better = (value > against) == better
    votes = pd.Series(higher_is_better[counted]).groupby(frame["code"].to_numpy()[counted])
    high, voters = votes.sum(), votes.size()
    return pd.Series(np.where(2 * high >= voters, "high", "low"), index=high.index)


def fingertips_definitions(
    source: Source,
    *,
    outcome: str = "being_healthy",
    overrides: Mapping[str, Mapping[str, object]] | None = None,
    progress: Progress | None = None,
    breakdowns: Sequence[str] | None = None,
) -> list[IndicatorDefinition]:
    """One definition per indicator code of `fingertips_observations`, fields inferred.

    `outcome` is the default area (OHID profiles are mostly about health); `overrides` maps an
    indicator code to fields that replace the inferred ones (checked like a definitions CSV);
    `breakdowns` as for `fingertips_observations`.
    """
    frame, problems, _, _, total = _prepared(source, breakdowns)
    if problems:
        raise ImportRejected(problems)
    report(progress, 0, total)
    value, _, _ = parse_values(frame["Value"])
    multipliers = _multipliers(frame, value).to_dict()
    polarities = _polarities(frame, value).to_dict()
    firsts = frame.drop_duplicates("code")
    spans = firsts[SPAN] if SPAN in firsts else pd.Series("", index=firsts.index)
    definitions = []
    for code, title, indicator_id, row, span in zip(
        firsts["code"], firsts["title"], firsts["Indicator ID"], firsts["row"], spans, strict=True
    ):
        multiplier = multipliers.get(code, 1.0)
        value_type = "percentage" if multiplier == 100 else "rate" if multiplier > 100 else "mean"
        if len(span) > PERIOD_TYPE_MAX:
            problems.append(Problem(int(row), SPAN, span, LONG_PERIOD_TYPE))
            continue
        fields: dict[str, object] = {
            "code": code,
            "title": title,
            "outcome": outcome,
            "polarity": polarities.get(code, "none"),
            "value_type": value_type,
            "multiplier": multiplier,
            "decimal_places": 1,
            "unit": "%"
            if value_type == "percentage"
            else f"per {multiplier:,.0f}" * (value_type == "rate"),
            "period_type": span,
            "source": SOURCE.format(id=indicator_id),
        }
        fields |= dict((overrides or {}).get(str(code), {}))
        definition, found = definition_problems(fields, row=int(row))
        problems += found
        if definition is not None:
            definitions.append(definition)
    if problems:
        raise ImportRejected(problems)
    report(progress, total, total)
    return definitions
