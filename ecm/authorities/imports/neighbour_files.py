"""Reading and checking DfE statistical neighbour files (ten neighbours per council, each with a
closeness band).

Two layouts, in XLSX or CSV, recognised by the file's extension and header:
- "LA SN Groups" (sn_april_2021.xlsx, sn_may_2025.xlsx, and the April 2021 CSV): header
  `LA num, LA Name, LA number, GOInd, GOReg, SN1, SNP, SN2, SNP, ...`; in the workbooks, on sheet
  `LA SN Groups` below two rows of column letters and numbers. Councils that did not yet exist
  have '-' in every cell; an "Old SNs:" section lists pre-reorganisation councils.
- wide (sn_model_2025_wide.csv): `old_la_code, la_name, region_ind, region_name, SN_1, SN_1P, ...`.
Traps handled: a byte-order mark before the header, bands with trailing spaces ("Close ") and
mixed case ("Not Close", "Somewhat close"). This module only reads and checks; services write.

The file is read through `ecm.core.uploads.tables`, as every table import is (issue 21 §1,
decision 0039): refused by its size before it is read, its kind told from its bytes (the name's
extension only says which the administrator meant), UTF-8 and control characters checked at
their row and column, rows, columns and cells capped, a workbook's parts inflated and counted
before openpyxl opens it. The caps are the list family's (IMPORT_LIST_*): one row per council.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ecm.authorities.imports.problems import DataFileError, Problem, text
from ecm.authorities.models import Closeness
from ecm.core.uploads import tables

SHEET = "LA SN Groups"
HEADER_SEARCH_ROWS = 10
NO_NEIGHBOUR_MARKS = frozenset({"", "-"})
BANDS = {label.lower(): value for value, label in Closeness.choices}
MONTHS = {calendar.month_name[number].lower(): number for number in range(1, 13)}
# Titles and dates of the DfE models we know; others get a title made from the file name.
KNOWN_MODELS = {
    "dfe-2021": ("DfE statistical neighbours, April 2021", date(2021, 4, 1)),
    "dfe-2025": ("DfE statistical neighbours, May 2025", date(2025, 5, 1)),
}

UNSUPPORTED_FILE = "the file must be a DfE statistical neighbour file in .xlsx or .csv format"
FILE_NOT_FOUND = "there is no file here: check the path"
NOT_A_WORKBOOK = "the file is not an Excel workbook: save it as .xlsx"
NO_SHEET = tables.NO_NAMED_SHEET.replace("{name}", SHEET)
NO_HEADER = (
    "no header row found in the first {rows} rows: expected 'LA num' and 'SN1' columns "
    "(DfE groups layout) or 'old_la_code' and 'SN_1' (wide layout)"
)
BAND_COLUMN_MISSING = "the closeness band column must follow each neighbour column"
NO_MODEL_CODE = (
    "the file name does not say which year's model this is: give the model code, such as "
    "dfe-2025 (on the command line, import_neighbours --model dfe-2025)"
)
NO_COUNCILS = "the council list is empty: run manage.py load_councils first"
LA_NUMBER_MISSING = "the row has neighbours but no LA number: add the council's LA number"
NOT_AN_LA_NUMBER = "an LA number is three digits, such as 855"
UNKNOWN_COUNCIL = (
    "no council in the council list has this LA number ({name} in the file): add the council "
    "to ecm/authorities/data/councils.csv and run load_councils, or correct the number"
)
UNKNOWN_NEIGHBOUR = (
    "no council in the council list has this LA number: add the council to "
    "ecm/authorities/data/councils.csv and run load_councils, or correct the number"
)
DUPLICATE_COUNCIL = "this council already has its neighbours in row {row}: keep one row"
NEIGHBOUR_MISSING = "the neighbour's LA number is missing but its band is given"
BAND_MISSING = "the neighbour has no closeness band: give one of {bands}"
UNKNOWN_BAND = "this is not a closeness band: use one of {bands}"
OWN_NEIGHBOUR = "a council cannot be its own statistical neighbour"
DUPLICATE_NEIGHBOUR = "this neighbour is already listed for the council as number {rank}"


@dataclass(frozen=True)
class Cell:
    row: int
    column: str  # letter and header, e.g. "G (SNP)"
    value: str


@dataclass(frozen=True)
class NeighbourRow:
    row: int
    council: Cell
    name: str
    neighbours: tuple[tuple[int, Cell, Cell], ...]  # (rank, LA number, closeness band)


@dataclass(frozen=True)
class NeighbourFile:
    name: str
    layout: str
    rows: tuple[NeighbourRow, ...]

    @property
    def year(self) -> int | None:
        found = re.search(r"(?<![0-9])(20[0-9]{2})(?![0-9])", self.name)
        return int(found.group(1)) if found else None

    @property
    def month(self) -> int | None:
        words = re.split(r"[^a-z]+", self.name.lower())
        return next((MONTHS[w] for w in words if w in MONTHS), None)

    def default_model_code(self) -> str:
        if self.year is None:
            raise DataFileError([Problem(self.name, None, "", "", NO_MODEL_CODE)])
        return f"dfe-{self.year}"

    def default_title(self, code: str) -> str:
        if code in KNOWN_MODELS:
            return KNOWN_MODELS[code][0]
        return f"Statistical neighbours ({code}, from {self.name})"

    def default_published_on(self, code: str) -> date | None:
        if code in KNOWN_MODELS:
            return KNOWN_MODELS[code][1]
        return date(self.year, self.month, 1) if self.year and self.month else None


@dataclass(frozen=True)
class Entry:
    council: Any
    rank: int
    neighbour: Any
    closeness: str


@dataclass
class CheckedNeighbours:
    entries: list[Entry]
    councils_without_neighbours: list[str]  # LA numbers whose row has '-' in every cell


def read_neighbour_file(path: Path | str) -> NeighbourFile:
    """Read a DfE neighbour file into rows of cells; raise DataFileError if its shape is wrong."""
    path = Path(path)
    suffix = _suffix(path.name)
    if not path.is_file():
        raise DataFileError([Problem(path.name, None, "", "", FILE_NOT_FOUND)])
    return _read(path.name, suffix, lambda limits: tables.file_bytes(path, limits=limits))


def read_neighbour_upload(upload) -> NeighbourFile:
    """Read an uploaded DfE neighbour file (a Django UploadedFile) exactly as the command reads
    one on disk (issue 22 §5): the same caps, kind from the bytes and checks, the same rows."""
    name = Path(upload.name or "").name
    suffix = _suffix(name)
    return _read(name, suffix, lambda limits: tables.upload_bytes(upload, limits=limits))


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        raise DataFileError([Problem(name, None, "", Path(name).suffix, UNSUPPORTED_FILE)])
    return suffix


def _read(name: str, suffix: str, read_bytes) -> NeighbourFile:
    try:
        kind, table = _table(read_bytes, suffix)
    except tables.TableRefused as refused:
        found = refused.problem
        problem = Problem(name, found.row, found.column, found.value, found.reason)
        raise DataFileError([problem]) from None
    return _parse(name, table, "workbook" if kind == tables.XLSX else "CSV")


def check_neighbour_rows(file: NeighbourFile, councils: dict[str, Any]) -> CheckedNeighbours:
    """Resolve LA numbers to councils (`councils` maps LA number to council) and check every
    cell; raise DataFileError listing every problem, so that nothing of a bad file is stored."""
    if not councils:
        raise DataFileError([Problem(file.name, None, "", "", NO_COUNCILS)])
    problems: list[Problem] = []
    bands = ", ".join(label for _, label in Closeness.choices)

    def fail(cell: Cell, reason: str) -> None:
        problems.append(Problem(file.name, cell.row, cell.column, cell.value, reason))

    result = CheckedNeighbours(entries=[], councils_without_neighbours=[])
    seen: dict[str, int] = {}
    for row in file.rows:
        unknown = UNKNOWN_COUNCIL.format(name=row.name or "no name")
        council = _council(row.council, councils, unknown, fail)
        if council is not None and row.council.value in seen:
            fail(row.council, DUPLICATE_COUNCIL.format(row=seen[row.council.value]))
            continue
        seen.setdefault(row.council.value, row.row)
        if all(
            n.value in NO_NEIGHBOUR_MARKS and b.value in NO_NEIGHBOUR_MARKS
            for _, n, b in row.neighbours
        ):
            result.councils_without_neighbours.append(row.council.value)
            continue
        listed: dict[str, int] = {}
        for rank, number, band in row.neighbours:
            closeness = BANDS.get(" ".join(band.value.split()).lower())
            if not number.value:
                fail(number, NEIGHBOUR_MISSING)
            if band.value in NO_NEIGHBOUR_MARKS:
                fail(band, BAND_MISSING.format(bands=bands))
            elif closeness is None:
                fail(band, UNKNOWN_BAND.format(bands=bands))
            if not number.value:
                continue
            neighbour = _council(number, councils, UNKNOWN_NEIGHBOUR, fail)
            if number.value == row.council.value:
                fail(number, OWN_NEIGHBOUR)
            elif number.value in listed:
                fail(number, DUPLICATE_NEIGHBOUR.format(rank=listed[number.value]))
            else:
                listed[number.value] = rank
                if council and neighbour and closeness:
                    result.entries.append(Entry(council, rank, neighbour, closeness))
    if problems:
        raise DataFileError(problems)
    return result


def _council(cell: Cell, councils: dict[str, Any], unknown: str, fail) -> Any:
    if not cell.value:
        fail(cell, LA_NUMBER_MISSING)
        return None
    if not re.fullmatch(r"[0-9]{3}", cell.value):
        fail(cell, NOT_AN_LA_NUMBER)
        return None
    if cell.value not in councils:
        fail(cell, unknown)
        return None
    return councils[cell.value]


def _table(read_bytes, suffix: str) -> tuple[str, list[list[str]]]:
    """The file's kind and its rows of cells as text, the list's index being the row number
    less one (blank rows kept, so that rows are numbered as a spreadsheet shows them).
    `read_bytes(limits)` reads the file or the upload, refused past the byte cap."""
    limits = tables.table_limits(tables.LIST)
    data = read_bytes(limits)
    kind = tables.kind_of(data, accept=(tables.CSV, tables.XLSX))
    if suffix == ".xlsx" and kind != tables.XLSX:
        raise tables.TableRefused(NOT_A_WORKBOOK)
    if kind == tables.XLSX:
        rows = tables.xlsx_rows(data, limits=limits, sheet=SHEET)
    else:
        rows = tables.csv_rows(data, limits=limits)
    table: list[list[str]] = []
    for number, cells in rows:
        table.extend([] for _ in range(number - 1 - len(table)))
        table.append([text(cell) for cell in cells])
    return kind, table


def _parse(name: str, table: list[list[str]], kind: str) -> NeighbourFile:
    # openpyxl when a file is read, not when the URLconf imports the views that take one
    # (issue 25 §2: django.setup() and every command stay without it).
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - see above

    for index, header in enumerate(table[:HEADER_SEARCH_ROWS]):
        columns = _layout(name, index + 1, header)
        if columns is not None:
            layout, council_col, name_col, pairs = columns
            break
    else:
        raise DataFileError(
            [Problem(name, None, "", "", NO_HEADER.format(rows=HEADER_SEARCH_ROWS))]
        )

    def cell(row_number: int, values: list[str], col: int) -> Cell:
        value = values[col] if col < len(values) else ""
        return Cell(row_number, f"{get_column_letter(col + 1)} ({header[col]})", value)

    rows = []
    for row_number, values in enumerate(table[index + 1 :], start=index + 2):
        council = cell(row_number, values, council_col)
        neighbours = tuple(
            (rank, cell(row_number, values, n), cell(row_number, values, b)) for rank, n, b in pairs
        )
        if not council.value and all(not n.value and not b.value for _, n, b in neighbours):
            continue  # a blank row or a section label such as "Old SNs:"
        label = values[name_col] if name_col is not None and name_col < len(values) else ""
        rows.append(NeighbourRow(row_number, council, label, neighbours))
    return NeighbourFile(name=name, layout=f"{layout} ({kind})", rows=tuple(rows))


def _layout(name: str, row_number: int, header: list[str]):
    """Recognise a header row: (layout, council column, name column, [(rank, n, band)])."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - as in _parse

    norm = [h.strip().lower() for h in header]
    if "old_la_code" in norm and "sn_1" in norm:
        pairs, rank = [], 1
        while f"sn_{rank}" in norm and f"sn_{rank}p" in norm:
            pairs.append((rank, norm.index(f"sn_{rank}"), norm.index(f"sn_{rank}p")))
            rank += 1
        name_col = norm.index("la_name") if "la_name" in norm else None
        return "DfE wide layout", norm.index("old_la_code"), name_col, pairs
    if "la num" in norm and "sn1" in norm:
        pairs, rank = [], 1
        while f"sn{rank}" in norm:
            col = norm.index(f"sn{rank}")
            if col + 1 >= len(norm) or norm[col + 1] != "snp":
                next_header = header[col + 1] if col + 1 < len(header) else ""
                column = f"{get_column_letter(col + 2)} ({next_header})"
                raise DataFileError([Problem(name, row_number, column, "", BAND_COLUMN_MISSING)])
            pairs.append((rank, col, col + 1))
            rank += 1
        council_col = norm.index("la number") if "la number" in norm else norm.index("la num")
        name_col = norm.index("la name") if "la name" in norm else None
        return "DfE 'LA SN Groups' layout", council_col, name_col, pairs
    return None
