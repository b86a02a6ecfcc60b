"""What every parser shares: problems, suppression codes, values, areas and the canonical frame.

Sources for the rules here:
- GSS harmonised symbols as DfE's screener applies them (dfe-analytical-services/eesyscreener:
  `gss_symbols` x, z, c, low and `legacy_gss_symbols` ~, :), and the symbols that occur in the
  real files under ../shared/data (README.md there): LAIT writes "-", EES writes c, x, z, u, k.
- ONS codes: E92000001 England, E12000001-9 the nine English regions, E13000001-2 Inner and
  Outer London (which EES publishes at its "Regional" level although they are not regions).
- Issue 3 of the brief: one bad row fails the whole import, and every problem is listed.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ecm.core.uploads import encodings, tables

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

Progress = Callable[[int, int], None]
Source = str | os.PathLike[str] | bytes | BinaryIO

OUTCOMES = (
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
    "service_management",
)
POLARITIES = ("high", "low", "none")
VALUE_TYPES = ("percentage", "rate", "mean", "count")
AREA_KINDS = ("council", "region", "england", "other")
# A Fingertips export's rows with no Category Type, as a breakdown to choose: here, not in the
# parser's module, so the upload form and the command offer it without importing pandas.
NO_CATEGORY = "none"
NO_CATEGORY_WORDS = "the whole population (rows with no category)"
KEY_JUDGEMENT_URN = re.compile(r"^urn:ecm:key-judgement:[a-z-]+:\d+$")

# Published symbols: each kept as the observation's `suppression`, never read as zero.
SUPPRESSION_CODES: dict[str, str] = {
    "c": "confidential: suppressed to protect confidentiality",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero but is not zero",
    "k": "rounds to zero but is not zero (older DfE symbol, now 'low')",
    "~": "rounds to zero but is not zero (legacy GSS symbol, now 'low')",
    ":": "not available (legacy GSS symbol, now 'x')",
    ".": "not applicable (older DfE symbol, now 'z')",
    "..": "not available (older DfE symbol, now 'x')",
    "-": "no data published (LAIT)",
}
# Texts that mean "no value" rather than a published symbol: read as missing (None, "").
MISSING_TEXTS = frozenset({"", "na", "n/a", "nan", "null", "none"})

ENGLAND_CODE = "E92000001"
REGIONS: dict[str, str] = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}
OTHER_AREAS: dict[str, str] = {"E13000001": "Inner London", "E13000002": "Outer London"}
_AREA_NAME_ALIASES = {"london (inner)": "E13000001", "london (outer)": "E13000002"}
COUNCIL_ONS_PREFIXES = ("E06", "E08", "E09", "E10")  # unitaries, metropolitan, London, counties
LA_NUMBER = re.compile(r"^[0-9]{3}$")
ONS_CODE = re.compile(r"^[EWSNLM][0-9]{8}$")

OBSERVATION_COLUMNS = (
    "indicator",
    "period",
    "area_kind",
    "area_code",
    "area_name",
    "area_ons_code",
    "value",
    "numerator",
    "denominator",
    "suppression",
    "row",
)
TEXT_COLUMNS = ("indicator", "period", "area_kind", "area_code", "area_name", "area_ons_code")
_FLOAT_COLUMNS = ("value", "numerator", "denominator")

# Reasons (a Problem prints as: Row 14, column "Values": "abc" <reason>)
NOT_A_NUMBER = "is not a number or a known suppression code."
NOT_A_NUMBER_PLAIN = "is not a number."
MUST_NOT_BE_EMPTY = "must not be empty."
MUST_NOT_BE_NEGATIVE = "must not be negative."
MISSING_COLUMN = "is missing from the header."
UNEXPECTED_COLUMN = "is not an expected column."
DUPLICATE_ROW = "appears more than once for this indicator, period and area (rows {rows})."
FILE_EMPTY = "The file is empty."
FILE_NO_ROWS = "The file has a header but no data rows."
FILE_NOT_UTF8 = (
    'The file is not UTF-8 text (byte 0x{byte:02x} at line {line}): save it again as "CSV UTF-8".'
)
BAD_CSV_ROW = "this row has {found} fields where the header has {expected}."
CSV_SYNTAX = "The file is not valid CSV: {error}."
REJECTED = "{count} problem(s) found; nothing was imported."
MORE_PROBLEMS = "... and {count} more."
MESSAGE_LIMIT = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file, located as a spreadsheet user would see it.

    `row` counts the header as row 1, so the first data row is row 2 (None: the whole file).
    """

    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        place = []
        if self.row is not None:
            place.append(f"Row {self.row}")
        if self.column:
            place.append(f'column "{self.column}"')
        if not place:
            return self.reason
        where = ", ".join(place)
        where = where[0].upper() + where[1:]
        if not self.column and not self.value:
            return f"{where}: {self.reason}"
        return f'{where}: "{self.value}" {self.reason}'


class ImportRejected(Exception):
    """The whole file was refused; `problems` lists every problem found (issue 3)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        lines = [REJECTED.format(count=len(self.problems))]
        lines += [str(p) for p in self.problems[:MESSAGE_LIMIT]]
        if len(self.problems) > MESSAGE_LIMIT:
            lines.append(MORE_PROBLEMS.format(count=len(self.problems) - MESSAGE_LIMIT))
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class IndicatorDefinition:
    """An indicator as the engine needs it (engine `indicators` frame) plus what people read."""

    code: str
    title: str
    outcome: str
    polarity: str
    value_type: str
    multiplier: float
    decimal_places: int
    unit: str = ""
    period_type: str = ""
    source: str = ""
    banding: bool = True
    proportion: bool = True
    description: str = ""
    key_judgements: list[str] = field(default_factory=list)


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell the caller how far the parse has gone (a page or the command line shows it)."""
    if progress is not None:
        progress(done, total)


def as_text(column: pd.Series) -> pd.Series:
    """A column as stripped text (pandas "str" dtype), missing cells as ""."""
    if column.dtype != "str":
        column = column.astype("str")
    return column.fillna("").str.strip()


def parse_value(text: object) -> tuple[float | None, str]:
    """Read one published value: (number, "") or (None, suppression code) or (None, "") if empty.

    Tolerates surrounding spaces, thousands commas ("1,234") and scientific notation
    ("7.0000000000000007E-2", as LAIT stores some values); symbols may be bracketed ("[c]").
    Raises ValueError(NOT_A_NUMBER) for anything else.
    """
    # numpy and pandas where values are parsed: the problems, the definitions and the mapping
    # files of this module are read by the upload form and the commands without them (issue 25
    # §2; decision 0049).
    import numpy as np  # noqa: PLC0415 - see above
    import pandas as pd  # noqa: PLC0415 - the same

    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None, ""
    if isinstance(text, int | float):
        return float(text), ""
    values, codes, bad = parse_values(pd.Series([str(text)], dtype="str"))
    if bad[0]:
        raise ValueError(NOT_A_NUMBER)
    number = values[0]
    return (None if np.isnan(number) else float(number)), str(codes.iloc[0])


# ASCII digits only (issue 22 §3): Python reads Arabic-Indic and full-width digits as numbers,
# but no publisher writes them, and a figure that looks like a number to the eye only is refused.
_NUMBER = re.compile(
    r"^[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
)


def parse_values(texts: pd.Series) -> tuple[np.ndarray, pd.Series, np.ndarray]:
    """Vectorised `parse_value`: (values float64, suppression codes as text, bad-text mask)."""
    import numpy as np  # noqa: PLC0415 - as in parse_value

    clean = as_text(texts).reset_index(drop=True)
    lowered = clean.str.lower()
    bracketed = lowered.str.startswith("[") & lowered.str.endswith("]")
    if bracketed.any():
        lowered = lowered.where(~bracketed, lowered.str.slice(1, -1))
    is_code = lowered.isin(SUPPRESSION_CODES.keys()).to_numpy()
    is_missing = lowered.isin(MISSING_TEXTS).to_numpy()
    numbers = _numbers(clean, skip=is_code | is_missing)
    unparsed = np.isnan(numbers) & ~is_code & ~is_missing
    if unparsed.any():  # only the rare texts pandas cannot read go through the strict pattern
        where = np.flatnonzero(unparsed)
        slow = clean.iloc[where]
        ok = slow.str.match(_NUMBER).to_numpy()
        numbers[where[ok]] = slow[ok].str.replace(",", "").astype(float).to_numpy()
        unparsed[where[ok]] = False
    bad = unparsed | np.isinf(numbers)
    numbers[bad | is_code | is_missing] = np.nan
    return numbers, lowered.where(is_code, ""), bad


def _numbers(clean: pd.Series, *, skip: np.ndarray) -> np.ndarray:
    """Each text as a float64 (NaN where `skip`, or where it is no number pandas reads).

    Arrow's cast reads a column of plain numbers in a tenth of the time pandas' `to_numeric`
    takes (0.03 against 0.23 s for LAIT's 641,070 values, issue 25 §1), but refuses the whole
    column for one text it cannot read: then, and only then, pandas reads it, as before.
    Both read the same texts to the same (correctly rounded) doubles."""
    import numpy as np  # noqa: PLC0415 - as in parse_value
    import pandas as pd  # noqa: PLC0415 - the same
    import pyarrow as pa  # noqa: PLC0415 - the same
    import pyarrow.compute as pc  # noqa: PLC0415 - the same

    try:
        texts = pa.array(clean)  # the column's own Arrow strings (pandas' "str"), not a copy
        kept = pc.if_else(pa.array(skip), pa.scalar(None, texts.type), texts)
        read = pc.cast(kept, pa.float64())
        return read.to_numpy(zero_copy_only=False).astype(np.float64, copy=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        numbers = np.array(pd.to_numeric(clean, errors="coerce"), dtype="float64")
        numbers[skip] = np.nan
        return numbers


def region_code(name: str) -> str:
    """ONS code of a region (or Inner/Outer London) from its name in any source's spelling.

    LAIT spells "Yorkshire and the Humber" for its region row but "Yorkshire and The Humber" in
    its `Region` column; EES uses the latter. Returns "" when the name is not known.
    """
    key = " ".join(name.split()).casefold()
    if key in _AREA_NAME_ALIASES:
        return _AREA_NAME_ALIASES[key]
    for code, known in (REGIONS | OTHER_AREAS).items():
        if known.casefold() == key:
            return code
    return ""


def ons_area_kind(code: str) -> str:
    """Area kind from an ONS code: england, region, council (E06/E08/E09/E10) or other."""
    if code == ENGLAND_CODE:
        return "england"
    if code in REGIONS:
        return "region"
    if code.startswith(COUNCIL_ONS_PREFIXES):
        return "council"
    return "other"


def read_bytes(source: Source) -> bytes:
    """The bytes of a path, bytes or an open binary file (e.g. a Django UploadedFile), text as
    UTF-8 whichever of the encodings spreadsheets save it was in (`_utf8`), refused past the
    indicator data's byte limit (IMPORT_DATA_MAX_BYTES) before it is read: the same limit for
    a file from the command line as for an upload."""
    if isinstance(source, bytes):
        return _utf8(source)
    limits = tables.table_limits(tables.DATA)
    if isinstance(source, str | os.PathLike):
        if Path(source).stat().st_size > limits.max_bytes:
            raise _rejected(tables.TableRefused(_too_big(limits)))
        return _utf8(Path(source).read_bytes())
    try:
        return _utf8(tables.upload_bytes(source, limits=limits))
    except tables.TableRefused as refused:
        raise _rejected(refused) from None


def _utf8(data: bytes) -> bytes:
    """Text in UTF-8, UTF-16 with a byte-order mark or Windows-1252 as UTF-8 (issue 22 §4);
    binary files as they are; any other bytes refused with the encoding named."""
    try:
        return encodings.as_utf8(data)[0]
    except encodings.EncodingRefused as refused:
        raise ImportRejected([Problem(None, "", "", str(refused))]) from None


def _too_big(limits: tables.TableLimits) -> str:
    return tables.TOO_BIG.format(limit=tables.size_words(limits.max_bytes), hint=TOO_BIG_HINT)


TOO_BIG_HINT = "split it by indicator or by year."


def _rejected(refused: tables.TableRefused) -> ImportRejected:
    """A refusal while reading (ecm.core.uploads.tables) as this app's problem."""
    found = refused.problem
    return ImportRejected([Problem(found.row, found.column, found.value, found.reason)])


def csv_records(data: bytes) -> list[tuple[int, list[str]]]:
    """(row number, cells) of every record of a CSV, read through the checks every table
    upload goes through (issue 21 §1): not UTF-8 at its row, control characters at their row
    and column, rows, columns and cell length capped while reading (IMPORT_DATA_* and
    IMPORT_MAX_* settings). Published files' repeated rows and suppression symbols are data,
    not refused here."""
    limits = _csv_limits(data)
    try:
        return list(tables.csv_rows(data, limits=limits))
    except tables.TableRefused as refused:
        raise _rejected(refused) from None


def csv_widths(data: bytes) -> tuple[list[int], list[int]]:
    """`csv_records`'s checks keeping only each non-empty record's row number and width, for
    a reader (pandas) that parses the text again."""
    limits = _csv_limits(data)
    try:
        return tables.check_csv(data, limits=limits)
    except tables.TableRefused as refused:
        raise _rejected(refused) from None


def _csv_limits(data: bytes) -> tables.TableLimits:
    if not data.removeprefix(codecs.BOM_UTF8).strip():  # a BOM alone is an empty file too
        raise ImportRejected([Problem(None, "", "", FILE_EMPTY)])
    try:
        tables.kind_of(data, accept=(tables.CSV, tables.PARQUET))
    except tables.TableRefused as refused:
        raise _rejected(refused) from None
    return tables.table_limits(tables.DATA)


def decode_text(data: bytes) -> str:
    """UTF-8 text without its BOM, or ImportRejected naming the first byte that is not UTF-8."""
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise ImportRejected([Problem(None, "", "", FILE_EMPTY)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        problem = Problem(None, "", "", FILE_NOT_UTF8.format(byte=byte, line=line))
        raise ImportRejected([problem]) from None


def read_table(source: Source) -> pd.DataFrame:
    """A parquet file (by its PAR1 magic) or a UTF-8 CSV, every CSV column as text.

    The index is each row's number as a spreadsheet shows it (header = row 1, blank rows
    counted); rows with every cell empty are dropped; rows with too few or too many fields
    refuse the file (pandas would fill or drop them silently).
    """
    import numpy as np  # noqa: PLC0415 - as in parse_value
    import pandas as pd  # noqa: PLC0415 - the same

    data = read_bytes(source)
    if data[:4] == b"PAR1":
        # What the read would cost is known from the footer and a pass that builds no table
        # (rows, columns, cells, the size it unpacks to): checked before pandas reads it.
        try:
            tables.check_parquet(data, limits=tables.table_limits(tables.DATA))
        except tables.TableRefused as refused:
            raise _rejected(refused) from None
        frame = pd.read_parquet(io.BytesIO(data))
        return frame.set_axis(np.arange(2, len(frame) + 2))
    # Empty lines are left out, as pandas skips them: they are not rows of the frame.
    numbers, widths = csv_widths(data)
    text = decode_text(data)
    ragged = [
        Problem(n, "", "", BAD_CSV_ROW.format(found=w, expected=widths[0]))
        for n, w in zip(numbers, widths, strict=True)
        if w != widths[0]
    ]
    if ragged:
        raise ImportRejected(ragged)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        message = " ".join(str(error).split())
        raise ImportRejected([Problem(None, "", "", CSV_SYNTAX.format(error=message))]) from error
    frame.columns = [str(name).strip() for name in frame.columns]
    if len(numbers) - 1 == len(frame):
        frame = frame.set_axis(numbers[1:])
    else:  # cannot happen with the same CSV dialect; number the rows plainly
        frame = frame.set_axis(np.arange(2, len(frame) + 2))
    blank = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        blank &= (frame[column].str.strip() == "").to_numpy()
    return frame[~blank] if blank.any() else frame


def read_csv_rows(source: Source) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (row number, cells) of each data row of a UTF-8 CSV (BOM accepted).

    Row numbers are as a spreadsheet shows them (header = 1, blank rows counted); rows with
    every cell empty are left out; ragged rows refuse the file.
    """
    records = csv_records(read_bytes(source))
    records = [(n, r) for n, r in records if any(cell.strip() for cell in r)]
    if not records:
        raise ImportRejected([Problem(None, "", "", FILE_EMPTY)])
    header = [h.strip() for h in records[0][1]]
    rows = records[1:]
    ragged = [
        Problem(n, "", "", BAD_CSV_ROW.format(found=len(r), expected=len(header)))
        for n, r in rows
        if len(r) != len(header)
    ]
    if ragged:
        raise ImportRejected(ragged)
    return header, rows


def header_problems(
    header: list[str], *, required: Iterable[str], optional: Iterable[str] = ()
) -> list[Problem]:
    """Row-1 problems: each required column missing and each column not expected."""
    required = list(required)
    allowed = set(required) | set(optional)
    problems = [Problem(1, name, "", MISSING_COLUMN) for name in required if name not in header]
    problems += [
        Problem(1, name, name, UNEXPECTED_COLUMN) for name in header if name not in allowed
    ]
    return problems


def duplicate_problems(
    frame: pd.DataFrame, *, column: str, reason: str = DUPLICATE_ROW
) -> list[Problem]:
    """Every row whose (indicator, period, area_kind, area_code) repeats another row, both named."""
    key = ["indicator", "period", "area_kind", "area_code"]
    mask = frame.duplicated(key, keep=False).to_numpy()
    if not mask.any():
        return []
    problems = []
    for _, group in frame[mask].groupby(key, sort=False):
        rows = [int(r) for r in group["row"]]
        listed = ", ".join(str(r) for r in rows)
        for _, item in group.iterrows():
            value = f"{item['indicator']} {item['period']} {item['area_code']}"
            problems.append(Problem(int(item["row"]), column, value, reason.format(rows=listed)))
    return sorted(problems, key=lambda p: p.row or 0)


def observation_frame(
    columns: dict[str, object], *, stripped: Collection[str] = ()
) -> pd.DataFrame:
    """The canonical observations frame, columns in OBSERVATION_COLUMNS order with fixed dtypes.

    `area_ons_code` is "" when the source gives no ONS code; numerator/denominator NaN when not
    known; `suppression` "" for a real value. `stripped` names the text columns the caller has
    already made with `as_text` (text dtype, no missing cell, stripped): they are not stripped
    again (seven columns of 641,070 rows, 0.2 s of every LAIT import).
    """
    import numpy as np  # noqa: PLC0415 - as in parse_value
    import pandas as pd  # noqa: PLC0415 - the same

    data = {}
    for name in OBSERVATION_COLUMNS:
        column = columns[name]
        if name in TEXT_COLUMNS or name == "suppression":
            series = column if isinstance(column, pd.Series) else pd.Series(column, dtype="str")
            if name not in stripped or series.dtype != "str":
                series = as_text(series)
            data[name] = series.reset_index(drop=True)
        elif name in _FLOAT_COLUMNS:
            data[name] = pd.Series(np.asarray(column, dtype="float64"))
        else:
            data[name] = pd.Series(np.asarray(column, dtype="int64"))
    return pd.DataFrame(data)


def empty_observations() -> pd.DataFrame:
    """A canonical frame with no rows."""
    return observation_frame({name: [] for name in OBSERVATION_COLUMNS})
