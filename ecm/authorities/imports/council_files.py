"""Reading and checking the project's own council list (ecm/authorities/data/).

Three CSV files, read together: `regions.csv` (ons_code, name), `councils.csv` (one row per
council with children's services responsibilities, current or abolished) and
`former_ons_codes.csv` (codes a council used before a change of status). This module only reads
and checks; `services.councils_load` writes. Decision record: docs/decisions/0006.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.authorities.models import CouncilType
from ecm.core.uploads import tables

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REGIONS_FILE = "regions.csv"
COUNCILS_FILE = "councils.csv"
FORMER_CODES_FILE = "former_ons_codes.csv"

REGION_COLUMNS = ("ons_code", "name")
COUNCIL_COLUMNS = (
    "la_number",
    "ons_code",
    "name",
    "region_ons_code",
    "council_type",
    "established_on",
    "abolished_on",
    "predecessor_la_numbers",
)
FORMER_CODE_COLUMNS = ("la_number", "ons_code", "valid_until")

LA_NUMBER_RE = re.compile(r"^[0-9]{3}$")
ONS_CODE_RE = re.compile(r"^E[0-9]{8}$")

FILE_MISSING = "the file is missing: the council list needs {files} in one folder"
COLUMN_MISSING = "the header has no '{column}' column: the columns are {columns}"
REQUIRED = "a value is needed here"
BAD_LA_NUMBER = "an LA number is three digits, such as 855"
BAD_ONS_CODE = "an ONS code is E and eight digits, such as E10000018"
BAD_DATE = "write the date as YYYY-MM-DD, such as 2009-04-01"
BAD_COUNCIL_TYPE = "the council type must be one of {types}"
UNKNOWN_REGION = "no region in regions.csv has this ONS code: add the region or correct the code"
DUPLICATE = "{what} is already used in row {row}: each must be unique"
NOT_AFTER_ESTABLISHED = "the abolition date must be after the date the council was established"
UNKNOWN_PREDECESSOR = "no council in councils.csv has this LA number: add it or correct it"
OWN_PREDECESSOR = "a council cannot be its own predecessor"
PREDECESSOR_NOT_ABOLISHED = (
    "the predecessor has no abolition date: give it one (the succession takes effect on it)"
)
UNKNOWN_COUNCIL = "no council in councils.csv has this LA number: add it or correct it"
CODE_IS_CURRENT = "this is the current ONS code of LA {la_number}: a code is current or former"


@dataclass(frozen=True)
class RegionRow:
    row: int
    ons_code: str
    name: str


@dataclass(frozen=True)
class CouncilRow:
    row: int
    la_number: str
    ons_code: str
    name: str
    region_ons_code: str
    council_type: str
    established_on: date | None
    abolished_on: date | None
    predecessor_la_numbers: tuple[str, ...]


@dataclass(frozen=True)
class FormerCodeRow:
    row: int
    la_number: str
    ons_code: str
    valid_until: date


@dataclass
class CouncilData:
    folder: Path
    regions: list[RegionRow] = field(default_factory=list)
    councils: list[CouncilRow] = field(default_factory=list)
    former_codes: list[FormerCodeRow] = field(default_factory=list)


def council_data_folder(path: Path | str | None) -> Path:
    """The folder of the three files: `path` may name the folder or its councils.csv."""
    folder = Path(path) if path is not None else DATA_DIR
    return folder.parent if folder.suffix.lower() == ".csv" else folder


def read_council_files(path: Path | str | None = None) -> CouncilData:
    """Read and check the three files; raise DataFileError listing every problem found."""
    data = CouncilData(folder=council_data_folder(path))
    problems: list[Problem] = []
    tables = {
        name: _read_csv(data.folder / name, columns, problems)
        for name, columns in (
            (REGIONS_FILE, REGION_COLUMNS),
            (COUNCILS_FILE, COUNCIL_COLUMNS),
            (FORMER_CODES_FILE, FORMER_CODE_COLUMNS),
        )
    }
    if problems:  # a file missing or misshapen: its rows cannot be checked
        raise DataFileError(problems)
    data.regions = _check_regions(tables[REGIONS_FILE], problems)
    data.councils = _check_councils(tables[COUNCILS_FILE], data.regions, problems)
    data.former_codes = _check_former_codes(tables[FORMER_CODES_FILE], data.councils, problems)
    if problems:
        raise DataFileError(problems)
    return data


def _read_csv(path: Path, columns: tuple[str, ...], problems: list[Problem]) -> list[dict]:
    """The file's rows as dicts of its `columns`, read through the checks every table import
    goes through (issue 21 §1, decision 0039): its size before it is read, its kind from its
    bytes, UTF-8 and control characters at their row and column, rows, columns and cells
    capped while reading. A refusal is recorded as the file's problem."""
    files = ", ".join((REGIONS_FILE, COUNCILS_FILE, FORMER_CODES_FILE))
    try:
        records = _csv_records(path)
    except FileNotFoundError:
        problems.append(Problem(path.name, None, "", "", FILE_MISSING.format(files=files)))
        return []
    except tables.TableRefused as refused:
        found = refused.problem
        problems.append(Problem(path.name, found.row, found.column, found.value, found.reason))
        return []
    header = [h.strip() for h in records[0][1]] if records else []
    missing = [c for c in columns if c not in header]
    for column in missing:
        reason = COLUMN_MISSING.format(column=column, columns=", ".join(columns))
        problems.append(Problem(path.name, 1, column, "", reason))
    if missing:
        return []
    index = {c: header.index(c) for c in columns}
    return [
        {"_row": number, **{c: _cell(record, index[c]) for c in columns}}
        for number, record in records[1:]
    ]


def _csv_records(path: Path) -> list[tuple[int, list[str]]]:
    """(row number, cells) of the file's non-blank records, header first. The council list
    is a list (hundreds of rows): the list family's caps (IMPORT_LIST_*)."""
    limits = tables.table_limits(tables.LIST)
    data = tables.file_bytes(path, limits=limits)
    tables.kind_of(data, accept=(tables.CSV,))
    return [(n, r) for n, r in tables.csv_rows(data, limits=limits) if any(c.strip() for c in r)]


def _cell(record: list[str], index: int) -> str:
    return record[index].strip() if index < len(record) else ""


class _RowChecker:
    """Checks one row's cells, recording problems against the file, row and column."""

    def __init__(self, file: str, row: dict, problems: list[Problem]):
        self.file, self.row, self.problems = file, row, problems
        self.ok = True

    def fail(self, column: str, reason: str, value: str | None = None) -> None:
        value = self.row.get(column, "") if value is None else value
        self.problems.append(Problem(self.file, self.row["_row"], column, value, reason))
        self.ok = False

    def matching(self, column: str, pattern: re.Pattern, reason: str) -> str:
        value = self.row[column]
        if not value:
            self.fail(column, REQUIRED)
        elif not pattern.match(value):
            self.fail(column, reason)
        return value

    def required(self, column: str) -> str:
        if not self.row[column]:
            self.fail(column, REQUIRED)
        return self.row[column]

    def day(self, column: str, *, required: bool = False) -> date | None:
        value = self.row[column]
        if not value:
            if required:
                self.fail(column, REQUIRED)
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(column, BAD_DATE)
            return None

    def unique(self, column: str, seen: dict[str, int], what: str) -> None:
        value = self.row[column]
        if value in seen:
            self.fail(column, DUPLICATE.format(what=what, row=seen[value]))
        elif value:
            seen[value] = self.row["_row"]


def _check_regions(rows: list[dict], problems: list[Problem]) -> list[RegionRow]:
    regions, codes, names = [], {}, {}
    for row in rows:
        check = _RowChecker(REGIONS_FILE, row, problems)
        check.matching("ons_code", re.compile(r"^E12[0-9]{6}$"), BAD_ONS_CODE)
        check.required("name")
        check.unique("ons_code", codes, "This ONS code")
        check.unique("name", names, "This name")
        if check.ok:
            regions.append(RegionRow(row["_row"], row["ons_code"], row["name"]))
    return regions


def _check_councils(
    rows: list[dict], regions: list[RegionRow], problems: list[Problem]
) -> list[CouncilRow]:
    region_codes = {r.ons_code for r in regions}
    councils, numbers, codes = [], {}, {}
    for row in rows:
        check = _RowChecker(COUNCILS_FILE, row, problems)
        check.matching("la_number", LA_NUMBER_RE, BAD_LA_NUMBER)
        check.matching("ons_code", ONS_CODE_RE, BAD_ONS_CODE)
        check.required("name")
        check.unique("la_number", numbers, "This LA number")
        check.unique("ons_code", codes, "This ONS code")
        if row["region_ons_code"] not in region_codes:
            check.fail("region_ons_code", UNKNOWN_REGION)
        if row["council_type"] not in CouncilType.values:
            check.fail("council_type", BAD_COUNCIL_TYPE.format(types=", ".join(CouncilType.values)))
        established, abolished = check.day("established_on"), check.day("abolished_on")
        if established and abolished and abolished <= established:
            check.fail("abolished_on", NOT_AFTER_ESTABLISHED)
        predecessors = tuple(
            p.strip() for p in row["predecessor_la_numbers"].split(";") if p.strip()
        )
        if check.ok:
            councils.append(
                CouncilRow(
                    row["_row"], row["la_number"], row["ons_code"], row["name"],
                    row["region_ons_code"], row["council_type"], established, abolished,
                    predecessors,
                )
            )  # fmt: skip
    by_number = {c.la_number: c for c in councils}
    for council in councils:
        for number in council.predecessor_la_numbers:
            reason = None
            if number == council.la_number:
                reason = OWN_PREDECESSOR
            elif number not in by_number:
                reason = UNKNOWN_PREDECESSOR if number not in numbers else None
            elif by_number[number].abolished_on is None:
                reason = PREDECESSOR_NOT_ABOLISHED
            if reason:
                problems.append(
                    Problem(COUNCILS_FILE, council.row, "predecessor_la_numbers", number, reason)
                )
    return councils


def _check_former_codes(
    rows: list[dict], councils: list[CouncilRow], problems: list[Problem]
) -> list[FormerCodeRow]:
    current = {c.ons_code: c.la_number for c in councils}
    known = {c.la_number for c in councils}
    former, codes = [], {}
    for row in rows:
        check = _RowChecker(FORMER_CODES_FILE, row, problems)
        number = check.matching("la_number", LA_NUMBER_RE, BAD_LA_NUMBER)
        if LA_NUMBER_RE.match(number) and number not in known:
            check.fail("la_number", UNKNOWN_COUNCIL)
        check.matching("ons_code", ONS_CODE_RE, BAD_ONS_CODE)
        check.unique("ons_code", codes, "This ONS code")
        if row["ons_code"] in current:
            check.fail("ons_code", CODE_IS_CURRENT.format(la_number=current[row["ons_code"]]))
        until = check.day("valid_until", required=True)
        if check.ok:
            former.append(FormerCodeRow(row["_row"], row["la_number"], row["ons_code"], until))
    return former
