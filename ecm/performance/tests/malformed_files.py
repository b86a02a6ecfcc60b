"""Malformed indicator files for every import format, made from a `random.Random` (issue 22 §8).

A file starts valid-shaped (the long CSV, a definitions CSV, a Fingertips export, an EES tidy
CSV with its mapping, LAIT long data as CSV or Parquet with a small dictionary), then has
mutations applied: cells replaced by suppression symbols, non-ASCII digits, 1e308, NaN,
impossible periods and very long texts; rows duplicated, truncated or given a council's other
code; columns dropped, added, renamed or permuted; the text re-encoded (BOM, UTF-16 with and
without its BOM, Windows-1252), NUL bytes inserted, the bytes cut short.

Two users: `test_import_properties.py` draws the Random from hypothesis (so a failing file
shrinks), and `bench/fuzz_imports.py` seeds one per file and, where ../shared/data is present,
starts from small slices of the real files (`RealFiles`) instead of the synthetic shapes.
Nothing here needs Django.
"""

from __future__ import annotations

import csv
import functools
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

PERFORMANCE = Path(__file__).resolve().parents[1]
COUNCILS_CSV = PERFORMANCE.parent / "authorities" / "data" / "councils.csv"
FINGERTIPS_SAMPLE = Path(__file__).parent / "importers" / "fixtures" / "fingertips_sample.csv"
EES_MAPPINGS = PERFORMANCE / "data" / "ees"
FORMATS = ("long", "definitions", "fingertips", "ees", "lait")

# Cells a publisher, a spreadsheet or a careless export can put where a number or a code goes.
NASTY_CELLS = (
    *("c", "x", "z", "low", "u", "k", "~", ":", ".", "..", "-", "[c]", "[x]"),
    *("", " ", "   ", "\t", "NA", "null", "NaN", "nan", "inf", "-inf", "Infinity"),
    *(
        "١٢٣",
        "\uff11\uff12\uff13",
        "۱۲۳",
        "१२३",
        "1e308",
        "1.8e308",
        "-1e308",
        "1e-320",
        "-5",
        "-0",
    ),
    *("0", "0.0", "1,234", "1,23", "12.5%", "1 000", "0x10", "1_000", "+7", ".5", "5."),
    *("1900", "9999", "0000", "2024/25", "202425", "2025-26 (OT)", "2014-16"),
    *("£5", "é", "ÿ", "\u00a0", "\u200b12", "\ufeff12", "=1+1", '"', "'", ",", "\\"),
    *("\x00", "1\x00", "\x1b[31m", "\u2028", "\r", "a\nb"),
)
PERIODS = (
    *("1900", "9999", "0", "-1", "2025", "2024/25", "202425", "2024-25", "2014-16"),
    *(
        "2016-17 (OT)",
        "2024/25 Autumn term",
        "١٢٣٤",
        "\uff12\uff10\uff12\uff15",
        "2025/2026",
        "25/26",
        "",
    ),
)
LONG_INDICATORS = {"FZ-PCT": "percentage", "FZ-RATE": "rate", "FZ-COUNT": "count"}
# The definitions the long format's files need in the database before they can import.
LONG_DEFINITIONS_CSV = (
    "code,title,outcome,polarity,value_type,multiplier,decimal_places\n"
    "FZ-PCT,Percentage of fuzzed reviews on time,staying_safe,high,percentage,100,1\n"
    "FZ-RATE,Rate of fuzzed referrals per 10000 children,staying_safe,low,rate,10000,0\n"
    "FZ-COUNT,Number of fuzzed plans,staying_safe,none,count,1,0\n"
)
LONG_HEADER = ["authority", "indicator", "period", "value", "numerator", "denominator"]
DEFINITIONS_HEADER = [
    "code",
    "title",
    "outcome",
    "polarity",
    "value_type",
    "multiplier",
    "decimal_places",
]
DEFINITIONS_OPTIONAL = ["unit", "period_type", "source", "banding", "description", "key_judgements"]
EES_HEADER = [
    *("time_period", "time_identifier", "geographic_level", "country_code", "country_name"),
    *("region_code", "region_name", "old_la_code", "la_name", "new_la_code"),
    *("population_type", "population_estimate", "children_count", "rate_per_10000"),
]
EES_POPULATION_TYPES = (
    "Children looked after on 31 March each year",
    "Children starting to be looked after each year",
    "Children ceasing to be looked after each year",
)
LAIT_HEADER = [
    "Short Desc",
    "Data item",
    "Years",
    "LA and Regions",
    "Values",
    "LA Number",
    "Region",
]
LAIT_DICTIONARY_HEADER = [
    *("Measure_short", "Measure", "Polarity", "y_axis_name", "dps", "No_Quartile"),
    *("Description", "Year_Type"),
]
# Real Measure_shorts (every one is in lait_outcomes.yaml) with a y_axis_name of their kind.
LAIT_MEASURES = {
    "RTA": "Rate per 100,000",
    "InfMort": "Rate per 1000 live births",
    "LACnum": "Number of Children Looked After",
    "PriTotAbs": "% half days missed",
    "RevCP": "% reviewed",
}
REGION_NAMES = {
    "E12000001": "North East",
    "E12000004": "East Midlands",
    "E12000007": "London",
    "E12000008": "South East",
}


@dataclass(frozen=True)
class Council:
    la_number: str
    ons_code: str
    name: str
    region: str


@functools.cache
def councils() -> tuple[Council, ...]:
    """The project's current councils (ecm/authorities/data/councils.csv), the first 40."""
    with COUNCILS_CSV.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["abolished_on"]]
    return tuple(
        Council(r["la_number"], r["ons_code"], r["name"], r["region_ons_code"]) for r in rows[:40]
    )


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class Case:
    """One file to import, its companion (LAIT dictionary or EES mapping) and how it was made."""

    file_format: str
    name: str
    data: bytes
    companion: bytes | None = None
    companion_name: str = ""
    siblings: dict[str, bytes] = field(default_factory=dict)  # EES denominator files
    mutations: list[str] = field(default_factory=list)

    def write(self, folder: Path) -> tuple[Path, Path | None]:
        """The file and its companion written into `folder` (which holds nothing else)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.siblings.items():
            (folder / name).write_bytes(data)
        path = folder / self.name
        path.write_bytes(self.data)
        companion = None
        if self.companion is not None:
            companion = folder / self.companion_name
            companion.write_bytes(self.companion)
        return path, companion


# --- valid shapes --------------------------------------------------------------------------


def _number(rng: random.Random, low: float, high: float, places: int) -> str:
    return f"{rng.uniform(low, high):.{places}f}"


def long_table(rng: random.Random) -> Table:
    """The project's long CSV: councils by LA number or ONS code, a region and England."""
    areas = [c.la_number for c in rng.sample(councils(), 6)] + ["E12000004", "E92000001"]
    areas += [rng.choice(councils()).ons_code]
    periods = ["2022", "2023", "2024/25", "2025"]
    keys = {(a, i, p) for a in areas for i in LONG_INDICATORS for p in periods}
    rows = []
    for area, indicator, period in rng.sample(sorted(keys), rng.randint(1, 10)):
        kind = LONG_INDICATORS[indicator]
        denominator = rng.randint(1, 5000)
        numerator = rng.randint(0, denominator)
        if kind == "percentage":
            value = f"{100 * numerator / denominator:.1f}"
        elif kind == "rate":
            value = f"{10000 * numerator / denominator:.0f}"
        else:
            value, numerator, denominator = str(numerator), "", ""
        if rng.random() < 0.2:
            value, numerator, denominator = rng.choice(("c", "x", "z", "low")), "", ""
        rows.append([area, indicator, period, value, str(numerator), str(denominator)])
    return Table(list(LONG_HEADER), rows)


def definitions_table(rng: random.Random) -> Table:
    """An indicator definitions CSV, sometimes with the optional columns."""
    header = list(DEFINITIONS_HEADER)
    if rng.random() < 0.5:
        header += rng.sample(DEFINITIONS_OPTIONAL, rng.randint(1, len(DEFINITIONS_OPTIONAL)))
    rows = []
    for number in rng.sample(range(100), rng.randint(1, 5)):
        kind = rng.choice(("percentage", "rate", "mean", "count"))
        multiplier = {"percentage": "100", "rate": "10000"}.get(kind, "1")
        values = {
            "code": f"FZ-D{number:02d}",
            "title": f"Fuzzed measure {number}",
            "outcome": rng.choice(("staying_safe", "being_healthy", "service_management")),
            "polarity": rng.choice(("high", "low", "none")),
            "value_type": kind,
            "multiplier": multiplier,
            "decimal_places": str(rng.randint(0, 3)),
            "unit": "%" if kind == "percentage" else "",
            "period_type": "Financial year",
            "source": "Fuzz",
            "banding": rng.choice(("yes", "no", "")),
            "description": "A measure made up for the fuzz.",
            "key_judgements": rng.choice(("", "urn:ecm:key-judgement:staying-safe:1")),
        }
        rows.append([values[name] for name in header])
    return Table(header, rows)


@functools.cache
def _fingertips_sample() -> Table:
    with FINGERTIPS_SAMPLE.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    return Table(records[0], records[1:])


def fingertips_table(rng: random.Random) -> Table:
    """A slice of the project's Fingertips sample export (a real export's shape)."""
    sample = _fingertips_sample()
    start = rng.randrange(len(sample.rows))
    rows = sample.rows[start : start + rng.randint(1, 12)]
    return Table(list(sample.header), [list(r) for r in rows])


def ees_table(rng: random.Random) -> Table:
    """An EES looked-after-children file (cla_rate.yaml's shape): England, a region, councils."""
    rows = []
    years = rng.sample(("2021", "2022", "2023", "2024", "2025"), rng.randint(1, 2))
    chosen = rng.sample(councils(), rng.randint(1, 4))
    for year in years:
        for kind in EES_POPULATION_TYPES:
            population = rng.randint(10000, 12000000)
            count = rng.randint(0, population // 100)
            rate = str(round(10000 * count / population))
            measures = [kind, str(population), str(count), rate]
            rows.append([year, "Reporting year", "National", "E92000001", "England", *[""] * 5])
            rows[-1] += measures
            region = ["E12000004", "East Midlands", "", "", ""]
            rows.append([year, "Reporting year", "Regional", "E92000001", "England", *region])
            rows[-1] += measures
            for council in chosen:
                place = [council.region, REGION_NAMES.get(council.region, "London")]
                place += [council.la_number, council.name, council.ons_code]
                rows.append([year, "Reporting year", "Local authority", "E92000001", "England"])
                rows[-1] += [*place, *measures]
    return Table(list(EES_HEADER), rows)


def lait_table(rng: random.Random) -> Table:
    """LAIT long data: councils by name and LA number, England (970) and a region's row."""
    rows = []
    measures = rng.sample(sorted(LAIT_MEASURES), rng.randint(1, 2))
    for code in measures:
        for year in rng.sample(("2021", "2022-23", "2016-17 (OT)", "2014-16"), 2):
            areas = [(c.name, c.la_number, "London") for c in rng.sample(councils(), 3)]
            areas += [("England", "970", "NA"), ("East Midlands", "984", "NA")]
            for name, number, region in areas:
                value = _number(rng, 0, 100, rng.choice((0, 1, 16)))
                rows.append([code, "Item", year, name, value, f"{number}.0", region])
    return Table(list(LAIT_HEADER), rows)


def lait_dictionary(codes: list[str], rng: random.Random) -> Table:
    """A small LAIT data dictionary for these Measure_shorts, written as R writes it."""
    rows = []
    for code in codes:
        polarity = rng.choice(("High", "Low", "-", "NA"))
        places, quartile = rng.choice(("NA", "0", "1", "2")), rng.choice(("NA", "N", "Y"))
        measure = [code, f"Measure {code}", polarity, LAIT_MEASURES[code], places, quartile]
        rows.append([*measure, "Made up", "Year"])
    return Table(list(LAIT_DICTIONARY_HEADER), rows)


# --- real files, in small slices --------------------------------------------------------


class RealFiles:
    """Small slices of the real files in ../shared/data (bench/fuzz_imports.py), read once."""

    def __init__(self, data: Path):
        self.data = data

    def available(self) -> bool:
        return (self.data / "lait" / "bds_long_0.parquet").exists()

    @functools.cached_property
    def lait(self) -> pd.DataFrame:
        return pd.read_parquet(self.data / "lait" / "bds_long_0.parquet")

    @functools.cached_property
    def lait_codes(self) -> list[str]:
        return sorted(self.lait["Short Desc"].unique())

    @functools.cached_property
    def dictionary(self) -> Table:
        return _read_csv(self.data / "lait" / "lait_data_dictionary.csv")

    @functools.cache  # noqa: B019 (one instance per run)
    def ees(self, name: str) -> Table:
        return _read_csv(self.data / "ees" / name)

    def lait_slice(self, rng: random.Random) -> tuple[Table, Table]:
        """Rows of one to three real indicators, and their rows of the real dictionary."""
        codes = rng.sample(self.lait_codes, rng.randint(1, 3))
        rows = self.lait[self.lait["Short Desc"].isin(codes)]
        rows = rows.sample(n=min(len(rows), rng.randint(1, 60)), random_state=rng.randrange(2**31))
        text = [["" if pd.isna(v) else str(v) for v in row] for row in rows.itertuples(index=False)]
        table = Table(list(rows.columns), text)
        dictionary = self.dictionary
        index = dictionary.header.index("Measure_short")
        wanted = set(rows["Short Desc"])
        picked = [list(r) for r in dictionary.rows if r[index] in wanted]
        return table, Table(list(dictionary.header), picked)

    def ees_slice(self, name: str, rng: random.Random, rows: int = 40) -> Table:
        """A run of consecutive rows of a real EES file (the file's order keeps areas together)."""
        table = self.ees(name)
        start = rng.randrange(max(1, len(table.rows) - rows))
        return Table(list(table.header), [list(r) for r in table.rows[start : start + rows]])


def _read_csv(path: Path) -> Table:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    return Table(records[0], records[1:])


# --- mutations ------------------------------------------------------------------------------


def _cell(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.8:
        return rng.choice(NASTY_CELLS)
    if roll < 0.9:
        return rng.choice(PERIODS)
    return "".join(
        chr(rng.choice((rng.randint(32, 126), rng.randint(160, 0x2FFF)))) for _ in "x" * 8
    )


def _pick_row(table: Table, rng: random.Random) -> list[str] | None:
    return rng.choice(table.rows) if table.rows else None


def mutate_cell(table: Table, rng: random.Random) -> str:
    row = _pick_row(table, rng)
    if row is None or not row:
        return "no cell to change"
    column = rng.randrange(len(row))
    row[column] = _cell(rng)
    name = table.header[column] if column < len(table.header) else column
    return f"cell {name} = {row[column]!r}"


def mutate_numeric_cells(table: Table, rng: random.Random) -> str:
    """Many cells of one column at once (a whole column of symbols, as DfE publishes)."""
    if not table.header:
        return "no column"
    column = rng.randrange(len(table.header))
    token = rng.choice(NASTY_CELLS)
    for row in table.rows:
        if column < len(row) and rng.random() < 0.7:
            row[column] = token
    return f"column {table.header[column]} = {token!r}"


def mutate_period(table: Table, rng: random.Random) -> str:
    names = [
        n for n in table.header if n.lower() in ("period", "time_period", "years", "time period")
    ]
    if not names or not table.rows:
        return mutate_cell(table, rng)
    column = table.header.index(names[0])
    row = rng.choice(table.rows)
    if column < len(row):
        row[column] = rng.choice(PERIODS)
    return f"period {row[column] if column < len(row) else ''!r}"


def mutate_duplicate(table: Table, rng: random.Random) -> str:
    row = _pick_row(table, rng)
    if row is None:
        return "no row to repeat"
    copy = list(row)
    if copy and rng.random() < 0.5:  # a conflicting repeat, not an identical one
        copy[rng.randrange(len(copy))] = _cell(rng)
    table.rows.insert(rng.randrange(len(table.rows) + 1), copy)
    return "row repeated"


def mutate_other_code(table: Table, rng: random.Random) -> str:
    """One council named by its LA number in one row and its ONS code in a repeat (issue 22 §3)."""
    by_number = {c.la_number: c.ons_code for c in councils()}
    by_ons = {c.ons_code: c.la_number for c in councils()}
    for row in rng.sample(table.rows, len(table.rows)):
        for index, cell in enumerate(row):
            other = by_number.get(cell.strip()) or by_ons.get(cell.strip())
            if other:
                copy = list(row)
                copy[index] = other
                table.rows.append(copy)
                return f"council {cell} repeated as {other}"
    return mutate_duplicate(table, rng)


def mutate_drop_row(table: Table, rng: random.Random) -> str:
    if not table.rows:
        return "no row to drop"
    table.rows.pop(rng.randrange(len(table.rows)))
    return "row dropped"


def mutate_truncate_row(table: Table, rng: random.Random) -> str:
    row = _pick_row(table, rng)
    if not row:
        return "no row to cut"
    del row[rng.randrange(len(row)) :]
    return f"row cut to {len(row)} cells"


def mutate_extend_row(table: Table, rng: random.Random) -> str:
    row = _pick_row(table, rng)
    if row is None:
        return "no row to extend"
    row.extend(_cell(rng) for _ in range(rng.randint(1, 3)))
    return "row extended"


def mutate_drop_column(table: Table, rng: random.Random) -> str:
    if not table.header:
        return "no column"
    column = rng.randrange(len(table.header))
    name = table.header.pop(column)
    for row in table.rows:
        if column < len(row):
            row.pop(column)
    return f"column {name} dropped"


def mutate_extra_column(table: Table, rng: random.Random) -> str:
    name = rng.choice(("extra", "Notes", "", " ", table.header[0] if table.header else "x"))
    column = rng.randint(0, len(table.header))
    table.header.insert(column, name)
    for row in table.rows:
        row.insert(min(column, len(row)), _cell(rng))
    return f"column {name!r} added"


def mutate_rename_column(table: Table, rng: random.Random) -> str:
    if not table.header:
        return "no column"
    column = rng.randrange(len(table.header))
    old = table.header[column]
    table.header[column] = rng.choice(
        (old.upper(), f" {old} ", old.replace("_", " "), old + "\u00a0", f"\ufeff{old}", "")
    )
    return f"column {old!r} renamed {table.header[column]!r}"


def mutate_permute(table: Table, rng: random.Random) -> str:
    order = list(range(len(table.header)))
    rng.shuffle(order)
    if rng.random() < 0.7:  # the columns moved with their cells
        table.header = [table.header[i] for i in order]
        table.rows = [[r[i] for i in order if i < len(r)] for r in table.rows]
        return "columns permuted"
    table.header = [table.header[i] for i in order]
    return "header permuted, cells not"


def mutate_long_cell(table: Table, rng: random.Random) -> str:
    row = _pick_row(table, rng)
    if not row:
        return "no cell"
    # Just past the database's column sizes (period 40, code 80, unit 100, title 400), and
    # past the cell cap (32,767 characters).
    length = rng.choice((41, 81, 101, 401, 5000, 40000))
    row[rng.randrange(len(row))] = rng.choice(("9", "x", "é", "2025 ")) * length
    return "very long cell"


def mutate_empty(table: Table, rng: random.Random) -> str:
    if rng.random() < 0.5:
        table.rows = []
        return "header only"
    table.rows = [[""] * len(table.header) for _ in range(rng.randint(1, 3))]
    return "blank rows only"


def mutate_no_header(table: Table, rng: random.Random) -> str:
    if table.rows:
        table.header = table.rows.pop(0)
    return "header replaced by a data row"


TABLE_MUTATIONS: tuple[tuple[Callable[[Table, random.Random], str], int], ...] = (
    (mutate_cell, 30),
    (mutate_numeric_cells, 8),
    (mutate_period, 8),
    (mutate_duplicate, 6),
    (mutate_other_code, 6),
    (mutate_drop_row, 3),
    (mutate_truncate_row, 4),
    (mutate_extend_row, 3),
    (mutate_drop_column, 3),
    (mutate_extra_column, 3),
    (mutate_rename_column, 3),
    (mutate_permute, 4),
    (mutate_long_cell, 2),
    (mutate_empty, 1),
    (mutate_no_header, 1),
)


def mutate_table(table: Table, rng: random.Random, count: int) -> list[str]:
    functions, weights = zip(*TABLE_MUTATIONS, strict=True)
    return [rng.choices(functions, weights)[0](table, rng) for _ in range(count)]


# --- bytes ------------------------------------------------------------------------------------


def csv_bytes(table: Table, rng: random.Random | None = None) -> bytes:
    """The table as a UTF-8 CSV, with the line ending a spreadsheet might choose."""
    out = io.StringIO()
    ending = rng.choice(("\n", "\r\n", "\n", "\r")) if rng else "\n"
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def _encode(text_bytes: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = text_bytes.decode("utf-8", "surrogatepass")
    kind = rng.choice(("bom", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"))
    if kind == "bom":
        return b"\xef\xbb\xbf" + text_bytes, "UTF-8 with BOM"
    if kind == "utf-16":
        return text.encode("utf-16", "replace"), "UTF-16 with BOM"
    if kind in ("utf-16-le", "utf-16-be"):
        return text.encode(kind, "replace"), f"{kind.upper()} without BOM"
    # Windows-1252 and Latin-1 text of a spreadsheet: a pound sign or an accent somewhere.
    text = text.replace(",", ",£", 1) if "£" not in text else text
    return text.encode(kind, "replace"), kind


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    roll = rng.randrange(8)
    if roll <= 1:
        return _encode(data, rng)
    if roll == 2 and data:
        at = rng.randrange(len(data))
        return data[:at] + b"\x00" * rng.randint(1, 3) + data[at:], f"NUL at byte {at}"
    if roll == 3 and data:
        at = rng.randrange(len(data))
        return data[:at], f"cut at byte {at}"
    if roll == 4 and data:
        at = rng.randrange(len(data))
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :], f"byte {at} changed"
    if roll == 5:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data, "two BOMs"
    if roll == 6:
        return rng.choice((b"", b"\n", b" \r\n", b"\x00", b"PAR1", b"PK\x03\x04")), "junk file"
    return data.replace(b"\n", b"\r\n\r\n"), "blank lines between rows"


def parquet_bytes(table: Table, rng: random.Random, *, clean: bool = False) -> tuple[bytes, str]:
    """The LAIT table as Parquet, its columns as LAIT writes them or (unless `clean`) with
    nulls, categories or lists."""
    width = len(table.header)
    rows = [(r + [""] * width)[:width] for r in table.rows]
    names = [name or f"unnamed {i}" for i, name in enumerate(table.header)]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):  # Parquet refuses repeated names; a CSV can have them
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[i] = f"{name} {seen[name]}"
    frame = pd.DataFrame(rows, columns=names, dtype="str")
    how = "text columns"
    if "LA Number" in frame and rng.random() < 0.6:  # as the real file: floats, NaN for none
        frame["LA Number"] = pd.to_numeric(frame["LA Number"], errors="coerce")
        how = "LA Number as float"
    if clean:
        out = io.BytesIO()
        frame.to_parquet(out, index=False)
        return out.getvalue(), how
    if "Values" in frame and rng.random() < 0.2:
        frame["Values"] = pd.to_numeric(frame["Values"], errors="coerce")
        how += ", Values as float"
    if rng.random() < 0.2 and len(frame.columns):
        column = rng.choice(list(frame.columns))
        frame[column] = frame[column].where(pd.Series([rng.random() < 0.7 for _ in frame.index]))
        how += f", nulls in {column}"
    if rng.random() < 0.1 and len(frame.columns):
        column = rng.choice(list(frame.columns))
        frame[column] = frame[column].astype("category")
        how += f", {column} categorical"
    if rng.random() < 0.05 and len(frame.columns):
        column = rng.choice(list(frame.columns))
        frame[column] = [[1, 2]] * len(frame)
        how += f", {column} nested"
    out = io.BytesIO()
    frame.to_parquet(out, index=False)
    return out.getvalue(), how


# --- whole cases ------------------------------------------------------------------------------


def make_case(
    file_format: str, rng: random.Random, *, real: RealFiles | None = None, clean: bool = False
) -> Case:
    """One file of this format, mostly malformed: up to three changes to its table, and
    sometimes to its bytes or its companion; `clean`: none at all (the shape as it is)."""
    count = 0 if clean else rng.choice((0, 1, 1, 1, 2, 2, 3))
    done: list[str] = []
    siblings: dict[str, bytes] = {}
    companion: Table | bytes | None = None
    companion_name = ""
    name = f"{file_format}.csv"
    use_real = real is not None and rng.random() < 0.6
    if file_format == "long":
        table = long_table(rng)
    elif file_format == "definitions":
        table = definitions_table(rng)
    elif file_format == "fingertips":
        table = fingertips_table(rng)
    elif file_format == "ees":
        companion_name = "mapping.yaml"
        if use_real and rng.random() < 0.5:
            table = real.ees_slice("d5_cpps_at31march_by_duration_2013_to_2025.csv", rng)
            population = real.ees_slice(
                "ons_mid-year_population_estimates_2012_to_2024.csv", rng, 400
            )
            siblings["ons_mid-year_population_estimates_2012_to_2024.csv"] = csv_bytes(population)
            companion = (EES_MAPPINGS / "cpp_rate.yaml").read_bytes()
            done.append("real EES d5 slice (cpp_rate.yaml)")
        else:
            if use_real:
                table = real.ees_slice("cla_number_and_rate_per_10k_children.csv", rng)
                done.append("real EES cla slice")
            else:
                table = ees_table(rng)
            companion = (EES_MAPPINGS / "cla_rate.yaml").read_bytes()
    elif file_format == "lait":
        companion_name = "dictionary.csv"
        if use_real:
            table, companion = real.lait_slice(rng)
            done.append("real LAIT slice")
        else:
            table = lait_table(rng)
            codes = sorted({r[0] for r in table.rows})
            companion = lait_dictionary(codes, rng)
    else:
        raise ValueError(file_format)
    done += mutate_table(table, rng, count)
    if isinstance(companion, Table) and not clean and rng.random() < 0.15:
        done += ["dictionary: " + m for m in mutate_table(companion, rng, 1)]
    if file_format == "lait" and rng.random() < 0.4:
        name = "lait.parquet"
        data, how = parquet_bytes(table, rng, clean=clean)
        done.append(f"Parquet ({how})")
        if not clean and rng.random() < 0.1:
            at = rng.randrange(len(data))
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
            done.append(f"Parquet byte {at} changed")
    else:
        data = csv_bytes(table, rng)
        if not clean and rng.random() < 0.25:
            data, how = mutate_bytes(data, rng)
            done.append(how)
    companion_bytes = csv_bytes(companion) if isinstance(companion, Table) else companion
    if companion_bytes is not None and file_format == "ees" and not clean and rng.random() < 0.05:
        companion_bytes, how = _mutate_mapping(companion_bytes, rng)
        done.append(how)
    return Case(file_format, name, data, companion_bytes, companion_name, siblings, done)


def _mutate_mapping(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = data.decode("utf-8")
    choice = rng.randrange(4)
    if choice == 0:
        return text.replace(
            "value_type: rate", "value_type: ratio", 1
        ).encode(), "mapping: bad type"
    if choice == 1:
        return text.replace("indicators:", "indicator:", 1).encode(), "mapping: no indicators"
    if choice == 2:
        return text.replace("population_type:", "population_kind:", 1).encode(), "mapping: filter"
    return data[: rng.randrange(len(data))], "mapping: cut short"
