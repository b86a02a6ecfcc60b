"""Files imported as rows, read as untrusted input (issue 21 §1; decision 0039).

Every table import (indicator data, the round's plan, JAR case lists, voluntary partner lists)
reads its upload through here, and every check is made while reading, never after the whole
thing is built:

- the upload is read in chunks and refused as soon as it passes its path's byte limit;
- its kind comes from its bytes (a ZIP, Parquet, a PDF, UTF-16 or old Excel are told apart
  from text); the name's extension is only a hint;
- CSV: decoded as UTF-8 (a BOM is dropped) a line at a time, so a byte that is not UTF-8 is
  reported at its row; NUL and other control characters are refused at their row and column;
  rows, columns and a cell's length are capped (a cell through the csv module's
  `field_size_limit`); rows are yielded one at a time;
- XLSX: a ZIP whose entries are counted, each inflated once in chunks to count its ACTUAL size
  against the limit (the sizes a ZIP's headers state can lie, and zipfile's CRC check catches
  an entry that inflates to other than it says); macros (`xl/vbaProject.bin`), external links
  (`xl/externalLinks/`) and any DTD (entity expansion, external entities) are refused by name
  or content before openpyxl opens it read-only; the sheet's declared dimension and then each
  row as it is read are held to the caps.
- Parquet (`check_parquet`, before pandas reads it): the footer's rows, columns and cells
  against the caps, nested columns refused, then a pass keeping texts as dictionaries measures
  a cell's length and the size the file unpacks to without building them.

A refusal is `TableRefused`, whose `problem` has the project's shape for imports: row as a
spreadsheet shows it (header = 1; None for the whole file), column, value and the reason
("Imports are all-or-nothing and report row, column, value and the reason"). Each app turns it
into its own problem type. The caps are settings (`IMPORT_*`, README's configuration table),
read at call time; `DEFAULTS` are the same numbers for use without Django (benchmarks).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from django.conf import settings

# pyarrow and openpyxl are imported in the functions that read a file of theirs, not here: the
# forms and models that name this module are imported by django.setup() and the URLconf, and
# every command and worker would load them (issue 25 §2; decision 0049).
if TYPE_CHECKING:
    import pyarrow as pa

# Kinds of file, from their first bytes.
CSV, XLSX, PARQUET = "csv", "xlsx", "parquet"

# The two families of table import: published indicator data (hundreds of thousands of rows)
# and lists people type (the plan, 100 case files, a council's voluntary partners).
DATA, LIST = "data", "list"

DEFAULTS: dict[str, int] = {
    "IMPORT_DATA_MAX_BYTES": 200 * 2**20,
    "IMPORT_DATA_MAX_ROWS": 2_000_000,
    "IMPORT_LIST_MAX_BYTES": 2 * 2**20,
    "IMPORT_LIST_MAX_ROWS": 2_000,
    "IMPORT_MAX_COLUMNS": 500,
    "IMPORT_MAX_CELL_CHARACTERS": 32_767,
    "IMPORT_XLSX_MAX_ENTRIES": 500,
    "IMPORT_XLSX_MAX_UNPACKED_BYTES": 100 * 2**20,
}

# Reasons. Whole-file ones are sentences; a row's or cell's follow the row and column.
EMPTY = "The file is empty."
TOO_BIG = "The file is over {limit}: {hint}"
TOO_BIG_HINT = "save only the table, as CSV."
NOT_UTF8 = (
    'this row is not UTF-8 text (byte 0x{byte:02x}: Windows and Latin-1 text write "£" and "é" '
    'so): save the file again as "CSV UTF-8".'
)
UTF16 = 'The file is saved as UTF-16 ("Unicode text"), not UTF-8: save it again as "CSV UTF-8".'
A_PDF = "The file is a PDF document, not a table: save the table as CSV."
OLD_EXCEL = "The file is an old Excel workbook (.xls): save it as .xlsx or as CSV."
A_ZIP = "The file is a ZIP archive but not an Excel workbook (.xlsx): save the table as CSV."
PARQUET_NOT_TAKEN = "The file is a Parquet file, which this import does not take: save it as CSV."
XLSX_NOT_TAKEN = "The file is an Excel workbook, which this import does not take: save it as CSV."
CONTROL_CHARACTER = (
    "holds a control character ({name}), which a table typed or exported by a spreadsheet "
    "never has: remove it."
)
TOO_MANY_ROWS = "The file has more than {limit:,} rows, the most this import takes."
TOO_MANY_COLUMNS = "this row has more than {limit:,} columns, the most this import takes."
CELL_TOO_LONG = "a cell in this row is longer than {limit:,} characters, the most a cell may hold."
CSV_SYNTAX = "this row is not valid CSV ({error})."
DAMAGED_WORKBOOK = (
    "The workbook is damaged or incomplete ({error}): open it in Excel, save it again and "
    "upload that copy."
)
TOO_MANY_ENTRIES = (
    "The workbook has more than {limit:,} parts, far more than a table needs: save only the "
    "table, as CSV or .xlsx."
)
TOO_BIG_UNPACKED = (
    "The workbook unpacks to more than {limit}, far more than its rows need (a ZIP bomb does "
    "this): save only the table, as CSV."
)
MACROS = (
    "The workbook contains macros (xl/vbaProject.bin), which are never taken: save it as a "
    "plain workbook (.xlsx) or as CSV."
)
EXTERNAL_LINKS = (
    "The workbook links to other workbooks (xl/externalLinks/), which are never followed: "
    "paste the values in and save it again, or save it as CSV."
)
XML_DTD = (
    "The workbook's {part} declares a DTD or entities, which Excel never writes (a way to "
    "make a reader expand or fetch text): save the table again from Excel, or as CSV."
)
UNUSUAL_COMPRESSION = (
    "The workbook is compressed in a way Excel never uses: open it in Excel, save it again and "
    "upload that copy."
)
NO_SHEET = "The workbook has no worksheet."
NO_NAMED_SHEET = "The workbook has no sheet called '{name}' (its sheets are: {sheets})."
DAMAGED_PARQUET = (
    "The Parquet file is damaged or incomplete ({error}): export it again, or save it as CSV."
)
PARQUET_TOO_MANY_COLUMNS = (
    "The file has {columns:,} columns, more than the {limit:,} this import takes."
)
PARQUET_NESTED = (
    "The Parquet file's column {column} holds lists or records ({type}), which a table never "
    "has: save the table as CSV."
)
PARQUET_CELL_TOO_LONG = (
    "a cell in this column is longer than {limit:,} characters, the most a cell may hold."
)
PARQUET_TOO_MANY_CELLS = (
    "The file has {cells:,} cells ({rows:,} rows by {columns:,} columns), more than a CSV of "
    "{limit} could hold: save only the table."
)
PARQUET_TOO_BIG_UNPACKED = (
    "The Parquet file unpacks to more than {limit}, more than the largest CSV this import "
    "takes (a file of repeated values can be made to do this): save only the table, as CSV."
)
SHEET_TOO_BIG = (
    "The worksheet declares {rows:,} rows and {columns:,} columns, more than this import takes "
    "({max_rows:,} rows, {max_columns:,} columns)."
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x7f": "DEL"}
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 16


@dataclass(frozen=True)
class TableProblem:
    """Where and why: row as a spreadsheet shows it (header = 1; None: the whole file)."""

    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        if self.row is None and not self.column:
            return self.reason
        where = f"Row {self.row}" if self.row is not None else ""
        if self.column:
            where = f"{where}, column {self.column}" if where else f"Column {self.column}"
        value = f' "{self.value}"' if self.value else ""
        return f"{where}{value}: {self.reason}"


class TableRefused(Exception):
    """The upload was refused while reading it; nothing may be imported from it."""

    def __init__(self, reason: str, *, row: int | None = None, column: str = "", value: str = ""):
        self.problem = TableProblem(row, column, value, reason)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class TableLimits:
    max_bytes: int  # the upload itself
    max_rows: int  # data rows, not counting the header
    max_columns: int
    max_cell_characters: int
    max_entries: int  # parts of an XLSX
    max_unpacked_bytes: int  # all the parts of an XLSX together, as inflated


def table_limits(kind: str = DATA, **overrides: int) -> TableLimits:
    """The caps for indicator data (`DATA`) or for a list people type (`LIST`), as the
    settings give them now, with any given here instead (a path's own smaller limit)."""
    family = "DATA" if kind == DATA else "LIST"
    values = {
        "max_bytes": _setting(f"IMPORT_{family}_MAX_BYTES"),
        "max_rows": _setting(f"IMPORT_{family}_MAX_ROWS"),
        "max_columns": _setting("IMPORT_MAX_COLUMNS"),
        "max_cell_characters": _setting("IMPORT_MAX_CELL_CHARACTERS"),
        "max_entries": _setting("IMPORT_XLSX_MAX_ENTRIES"),
        "max_unpacked_bytes": _setting("IMPORT_XLSX_MAX_UNPACKED_BYTES"),
    }
    return replace(TableLimits(**values), **overrides)


def _setting(name: str) -> int:
    if settings.configured:
        return int(getattr(settings, name))
    return DEFAULTS[name]


def size_words(size: int) -> str:
    if size >= 2**20 and size % 2**20 == 0:
        return f"{size // 2**20} MB"
    if size >= 1000:
        return f"{size // 1024} KB" if size % 1024 == 0 else f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def upload_bytes(upload: IO[bytes] | bytes, *, limits: TableLimits, hint: str = "") -> bytes:
    """The upload's bytes, read a chunk at a time and refused as soon as they pass
    `limits.max_bytes` (never read whole first). Accepts a Django UploadedFile, any binary
    file or bytes. An uploaded file is left at its start for whoever reads it next."""
    if isinstance(upload, bytes):
        chunks: Iterable[bytes] = [upload]
    elif hasattr(upload, "chunks"):
        upload.seek(0)
        chunks = upload.chunks(_CHUNK)
    else:
        chunks = iter(lambda: upload.read(_CHUNK), b"")
    kept, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > limits.max_bytes:
            raise TableRefused(
                TOO_BIG.format(limit=size_words(limits.max_bytes), hint=hint or TOO_BIG_HINT)
            )
        kept.append(chunk)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = b"".join(kept)
    if not data.strip():
        raise TableRefused(EMPTY)
    return data


def file_bytes(path: Path, *, limits: TableLimits) -> bytes:
    """A file on disk's bytes (a command's import), refused by its size before it is read and
    then read as an upload is."""
    if path.stat().st_size > limits.max_bytes:
        raise TableRefused(TOO_BIG.format(limit=size_words(limits.max_bytes), hint=TOO_BIG_HINT))
    with path.open("rb") as handle:
        return upload_bytes(handle, limits=limits)


def kind_of(data: bytes, *, accept: Iterable[str] = (CSV,)) -> str:
    """CSV, XLSX or PARQUET from the file's first bytes, or TableRefused saying what it is.
    `accept` lists what the path takes."""
    accept = set(accept)
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if XLSX not in accept:
            raise TableRefused(XLSX_NOT_TAKEN if looks_like_xlsx(data) else A_ZIP)
        return XLSX
    if head.startswith(b"PAR1"):
        if PARQUET not in accept:
            raise TableRefused(PARQUET_NOT_TAKEN)
        return PARQUET
    if head.startswith(b"%PDF"):
        raise TableRefused(A_PDF)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableRefused(OLD_EXCEL)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(data) > 3 and data[1:2] == b"\x00" and data[3:4] == b"\x00"
    ):
        raise TableRefused(UTF16)
    return CSV


def looks_like_xlsx(data: bytes) -> bool:
    """Part names are stored as plain text in a ZIP, both before each part and in the
    directory at its end."""
    ends = data[:_CHUNK] + data[-_CHUNK:]
    return b"xl/workbook.xml" in ends or b"[Content_Types].xml" in ends


def csv_rows(data: bytes, *, limits: TableLimits) -> Iterator[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells) for every record of a UTF-8 CSV, the
    header included as row 1, checked as it is read: a byte that is not UTF-8, a control
    character, too many rows or columns, or a cell too long raise TableRefused at its row."""
    state = {"row": 0}
    reader = csv.reader(_utf8_lines(data, state))
    header: list[str] = []
    while True:
        state["row"] += 1
        number = state["row"]
        try:
            record = _next_record(reader, limits.max_cell_characters)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                limit = limits.max_cell_characters
                raise TableRefused(CELL_TOO_LONG.format(limit=limit), row=number) from None
            raise TableRefused(CSV_SYNTAX.format(error=error), row=number) from None
        if number - 1 > limits.max_rows:
            raise TableRefused(TOO_MANY_ROWS.format(limit=limits.max_rows))
        if len(record) > limits.max_columns:
            limit = limits.max_columns
            raise TableRefused(TOO_MANY_COLUMNS.format(limit=limit), row=number)
        if state.pop("control", False):  # the line had one: find its cell
            _check_cells(record, number, header)
        if number == 1:
            header = [cell.strip() for cell in record]
        yield number, record


def _next_record(reader, max_cell_characters: int) -> list[str]:
    """One record, with the csv module's cell limit ours only while it is parsed: the limit
    is the whole process's, and this generator may wait between rows while another thread
    (a background import) reads its own file."""
    saved = csv.field_size_limit(max_cell_characters)
    try:
        return next(reader)
    finally:
        csv.field_size_limit(saved)


def _utf8_lines(data: bytes, state: dict) -> Iterator[str]:
    """The file's lines decoded one at a time; a bad byte is reported at the row being read
    (a quoted cell may span lines, so the row is the record's, not the line's)."""
    first = True
    for chunk in io.BytesIO(data):
        # A "CSV (Macintosh)" file ends its lines with CR alone; bytes.splitlines splits on
        # CR, LF and CRLF only, never inside a UTF-8 character.
        for raw in chunk.splitlines(keepends=True) if b"\r" in chunk[:-2] else (chunk,):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                byte = raw[error.start]
                raise TableRefused(NOT_UTF8.format(byte=byte), row=state["row"]) from None
            if first:
                line = line.removeprefix("\ufeff")
                first = False
            if _CONTROL.search(line):  # once a line; the record's cells only when found
                state["control"] = True
            yield line


def _check_cells(record: list[str], number: int, header: list[str]) -> None:
    for index, cell in enumerate(record):
        found = _CONTROL.search(cell)
        if found:
            char = found.group()
            name = _CONTROL_NAMES.get(char, f"U+{ord(char):04X}")
            value = _CONTROL.sub("?", cell[:40])
            raise TableRefused(
                CONTROL_CHARACTER.format(name=name),
                row=number,
                column=column_name(index, header),
                value=value,
            )


def column_name(index: int, header: list[str]) -> str:
    """The header's name for a column, else its spreadsheet letter."""
    if index < len(header) and header[index]:
        return header[index]
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - see the module's imports

    return get_column_letter(index + 1)


def check_csv(data: bytes, *, limits: TableLimits) -> tuple[list[int], list[int]]:
    """Read a whole CSV through `csv_rows` without keeping its cells: (row numbers, widths) of
    the non-empty records, for a reader (pandas) that will parse the text again."""
    numbers, widths = [], []
    for number, record in csv_rows(data, limits=limits):
        if record:
            numbers.append(number)
            widths.append(len(record))
    return numbers, widths


def xlsx_rows(
    data: bytes, *, limits: TableLimits, sheet: str | None = None
) -> Iterator[tuple[int, list[object]]]:
    """(row number, cell values) of the first worksheet of an XLSX (or the one named `sheet`),
    header as row 1, after the package is checked (`check_xlsx`) and while each row is read."""
    from openpyxl import load_workbook  # noqa: PLC0415 - only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415 - the same

    check_xlsx(data, limits=limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise TableRefused(DAMAGED_WORKBOOK.format(error=_short(error))) from None
    except Exception as error:  # defusedxml's refusals and openpyxl's parse errors
        raise TableRefused(DAMAGED_WORKBOOK.format(error=_short(error))) from None
    try:
        if not book.worksheets:
            raise TableRefused(NO_SHEET)
        if sheet is not None and sheet not in book.sheetnames:
            sheets = ", ".join(book.sheetnames)
            raise TableRefused(NO_NAMED_SHEET.format(name=sheet, sheets=sheets))
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        _check_dimension(worksheet, limits)
        header: list[str] = []
        try:
            rows = worksheet.iter_rows(values_only=True, max_col=limits.max_columns + 1)
            for number, values in enumerate(rows, start=1):
                if number - 1 > limits.max_rows:
                    raise TableRefused(TOO_MANY_ROWS.format(limit=limits.max_rows))
                cells = list(values)
                if len(cells) > limits.max_columns and any(
                    v not in (None, "") for v in cells[limits.max_columns :]
                ):
                    limit = limits.max_columns
                    raise TableRefused(TOO_MANY_COLUMNS.format(limit=limit), row=number)
                cells = cells[: limits.max_columns]
                while cells and cells[-1] is None:  # openpyxl pads each row to max_col
                    cells.pop()
                texts = [v if isinstance(v, str) else "" for v in cells]
                for v in texts:
                    if len(v) > limits.max_cell_characters:
                        limit = limits.max_cell_characters
                        raise TableRefused(CELL_TOO_LONG.format(limit=limit), row=number)
                _check_cells(texts, number, header)
                if number == 1:
                    header = [str(v).strip() if v is not None else "" for v in cells]
                yield number, cells
        except TableRefused:
            raise
        except Exception as error:  # a damaged sheet part found while iterating
            raise TableRefused(DAMAGED_WORKBOOK.format(error=_short(error))) from None
    finally:
        book.close()


def _check_dimension(sheet, limits: TableLimits) -> None:
    """The sheet's declared size (`<dimension ref="A1:Z99"/>`), before its rows are read."""
    try:
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
    except Exception:  # a malformed declaration: the row-by-row caps still hold
        return
    if rows - 1 > limits.max_rows or columns > limits.max_columns:
        raise TableRefused(
            SHEET_TOO_BIG.format(
                rows=rows,
                columns=columns,
                max_rows=limits.max_rows,
                max_columns=limits.max_columns,
            )
        )


def check_xlsx(data: bytes, *, limits: TableLimits) -> None:
    """The package's checks, before openpyxl reads it: entries counted; macros and external
    links refused by name; every entry inflated once, a chunk at a time, its actual bytes
    counted against `max_unpacked_bytes` (never the sizes the headers state) and its XML
    searched for a DTD."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TableRefused(DAMAGED_WORKBOOK.format(error=_short(error))) from None
    with package:
        entries = package.infolist()
        if len(entries) > limits.max_entries:
            raise TableRefused(TOO_MANY_ENTRIES.format(limit=limits.max_entries))
        names = [e.filename.replace("\\", "/").lower() for e in entries]
        if any(n.endswith("vbaproject.bin") for n in names):
            raise TableRefused(MACROS)
        if any(n.startswith("xl/externallinks/") for n in names):
            raise TableRefused(EXTERNAL_LINKS)
        if "xl/workbook.xml" not in names:
            raise TableRefused(A_ZIP)
        if any(e.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for e in entries):
            # Excel only deflates, and zipfile inflates bzip2 and LZMA without an output limit.
            raise TableRefused(UNUSUAL_COMPRESSION)
        unpacked = 0
        for entry, name in zip(entries, names, strict=True):
            is_xml = name.endswith((".xml", ".rels", ".vml"))
            tail = b""
            try:
                with package.open(entry) as part:
                    for chunk in iter(lambda p=part: p.read(_CHUNK), b""):
                        unpacked += len(chunk)
                        if unpacked > limits.max_unpacked_bytes:
                            limit = size_words(limits.max_unpacked_bytes)
                            raise TableRefused(TOO_BIG_UNPACKED.format(limit=limit))
                        if is_xml and _DTD.search(tail + chunk):
                            raise TableRefused(XML_DTD.format(part=entry.filename))
                        tail = chunk[-16:]
            except TableRefused:
                raise
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                    RuntimeError, ValueError) as error:  # fmt: skip
                raise TableRefused(DAMAGED_WORKBOOK.format(error=_short(error))) from None


def check_parquet(data: bytes, *, limits: TableLimits) -> None:
    """What reading a Parquet file would cost, known before its data are read into a table.

    Parquet is compressed and encoded (runs, dictionaries): a 1 MB file can hold millions of
    rows, or one long text repeated in every row. So, from the footer (read by pyarrow alone):
    columns, rows (the file's count and its row groups' summed, as either could lie) and cells
    (rows by columns, held to what a CSV of `max_bytes` could hold: a cell costs a CSV at least
    its comma) against the caps; nested columns refused; the size the footer states unpacked
    against `max_bytes`. Then the data are read a batch at a time, texts kept as dictionaries,
    so that a cell's length and the size the file unpacks to are counted without building them:
    a dictionary's texts are measured once and their lengths summed over the rows using them."""
    import pyarrow as pa  # noqa: PLC0415 - only when a Parquet file is read
    import pyarrow.parquet as pq  # noqa: PLC0415 - the same

    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        meta, schema = parquet.metadata, parquet.schema_arrow
    except Exception as error:  # pyarrow's ArrowInvalid, OSError and thrift's own errors
        raise TableRefused(DAMAGED_PARQUET.format(error=_short(error))) from None
    groups = [meta.row_group(i) for i in range(meta.num_row_groups)]
    rows = max(meta.num_rows, sum(g.num_rows for g in groups))
    columns = max(meta.num_columns, len(schema))
    if columns > limits.max_columns:
        raise TableRefused(
            PARQUET_TOO_MANY_COLUMNS.format(columns=columns, limit=limits.max_columns)
        )
    if rows > limits.max_rows:
        raise TableRefused(TOO_MANY_ROWS.format(limit=limits.max_rows))
    if rows * columns > limits.max_bytes // 2:
        limit = size_words(limits.max_bytes)
        raise TableRefused(
            PARQUET_TOO_MANY_CELLS.format(cells=rows * columns, rows=rows, columns=columns,
                                          limit=limit)
        )  # fmt: skip
    for field in schema:
        if pa.types.is_nested(field.type):
            raise TableRefused(PARQUET_NESTED.format(column=field.name, type=field.type))
        if _CONTROL.search(field.name):
            raise TableRefused(
                _control_reason(field.name), row=1, value=_CONTROL.sub("?", field.name)
            )
    too_big = TableRefused(PARQUET_TOO_BIG_UNPACKED.format(limit=size_words(limits.max_bytes)))
    if sum(g.total_byte_size for g in groups) > limits.max_bytes:
        raise too_big
    texts = [f.name for f in schema if _is_text(f.type)]
    unpacked = 0
    try:  # the footer read again, its texts to be read as dictionaries
        parquet = pq.ParquetFile(io.BytesIO(data), read_dictionary=texts)
        offset = 0
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH):
            for name, column in zip(batch.schema.names, batch.columns, strict=True):
                _check_texts(column, name, offset)
                unpacked += _unpacked_size(column, name, limits)
                if unpacked > limits.max_bytes:
                    raise too_big
            offset += batch.num_rows
    except TableRefused:
        raise
    except Exception as error:  # a damaged page found while reading
        raise TableRefused(DAMAGED_PARQUET.format(error=_short(error))) from None


# Rows per batch read by the check: 65,536 rows of dictionary indices are a few MB, and each
# batch checks its column's whole dictionary again (LAIT's 55,000 texts of values: 40 batches
# of 16,384 took 0.1 s, 10 of 65,536 take 0.04 s; issue 25 §1).
_PARQUET_BATCH = 1 << 16


def _check_texts(column: pa.Array, name: str, offset: int) -> None:
    """A Parquet text column's distinct texts checked as a CSV's cells are (issue 22 §8, found
    by the fuzz): UTF-8, since pyarrow reads a text's bytes unchecked and one changed byte of
    a page was a UnicodeDecodeError wherever pandas first touched the cell (ArrowInvalid here:
    a damaged file); and no control character, at the first row using one (a NUL reached the
    database, which PostgreSQL refuses). `offset`: the rows of the batches before."""
    import pyarrow as pa  # noqa: PLC0415 - only when a Parquet file is read
    import pyarrow.compute as pc  # noqa: PLC0415 - the same

    if not pa.types.is_dictionary(column.type) or not pa.types.is_string(column.dictionary.type):
        return
    column.dictionary.validate(full=True)
    found = pc.match_substring_regex(column.dictionary, _CONTROL.pattern)
    if not pc.any(found).as_py():
        return
    for index in (i for i, hit in enumerate(found.to_pylist()) if hit):
        position = pc.index(column.indices, index).as_py()
        if position < 0:  # a dictionary may hold a text no row of this batch uses
            continue
        text = column.dictionary[index].as_py()
        raise TableRefused(
            _control_reason(text),
            row=offset + position + 2,  # the header is row 1
            column=name,
            value=_CONTROL.sub("?", text[:40]),
        )


def _control_reason(text: str) -> str:
    char = _CONTROL.search(text).group()
    return CONTROL_CHARACTER.format(name=_CONTROL_NAMES.get(char, f"U+{ord(char):04X}"))


def _is_text(kind: pa.DataType) -> bool:
    import pyarrow as pa  # noqa: PLC0415 - only when a Parquet file is read

    return (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
    )


def _unpacked_size(column: pa.Array, name: str, limits: TableLimits) -> int:
    """The bytes a batch's column holds once built: a dictionary's texts' lengths summed over
    the rows that use them (never built), a longest text held to the cell cap; other columns
    as they are (fixed width)."""
    import pyarrow as pa  # noqa: PLC0415 - only when a Parquet file is read
    import pyarrow.compute as pc  # noqa: PLC0415 - the same

    if not pa.types.is_dictionary(column.type):
        return column.nbytes
    lengths = pc.binary_length(column.dictionary)
    if len(lengths):
        longest = pc.max(lengths).as_py() or 0
        if longest > limits.max_cell_characters and (
            not pa.types.is_string(column.dictionary.type)
            or pc.max(pc.utf8_length(column.dictionary)).as_py() > limits.max_cell_characters
        ):
            limit = limits.max_cell_characters
            raise TableRefused(PARQUET_CELL_TOO_LONG.format(limit=limit), column=name)
    used = pc.sum(pc.take(lengths, column.indices)).as_py() or 0
    return used + 4 * len(column)  # and an offset a row


def table_rows(
    data: bytes, *, limits: TableLimits, accept: Iterable[str] = (CSV,)
) -> Iterator[tuple[int, list[object]]]:
    """(row number, cells) of a CSV or (when accepted) the first sheet of an XLSX, by content."""
    kind = kind_of(data, accept=accept)
    if kind == XLSX:
        return xlsx_rows(data, limits=limits)
    if kind == PARQUET:
        raise TableRefused(PARQUET_NOT_TAKEN)
    return csv_rows(data, limits=limits)


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120]
