"""The round's plan as a spreadsheet (issue 8 §1; 002 §B item 1: "A spreadsheet containing
BRM and HMI contact details; link officer contact details for each authority; names of
directors ...; and APA meeting dates for each authority, including a note of any specific
requests regarding timing").

Reading only: a CSV or XLSX file becomes typed rows, or every problem with its row, column,
value and reason. The checks against the database (councils, people, roles) are the import
service's (ecm.programme.services.plan). The same columns are written back by the export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ecm.authorities.imports.problems import Problem, text
from ecm.core.uploads import tables

COLUMNS = (
    "la_number",
    "council",
    "block",
    "analysis_starts",
    "analysis_ends",
    "meeting_date",
    "timing_request",
    "hmi_email",
    "brm_email",
    "lead",
    "management_reader_email",
    "csci_manager_email",
    "link_officer_name",
    "link_officer_email",
    "link_officer_telephone",
    "director_name",
)
REQUIRED = ("la_number",)
DATE_COLUMNS = ("analysis_starts", "analysis_ends", "meeting_date")
EMAIL_COLUMNS = ("hmi_email", "brm_email", "management_reader_email", "csci_manager_email")
# England has about 150 councils: a plan of more rows than this is not a plan. Its bytes and
# the checks while reading are the lists' (settings IMPORT_LIST_*, ecm.core.uploads.tables).
MAX_ROWS = 500

NOT_A_PLAN = (
    "The file is neither a CSV nor an Excel workbook (.xlsx): save the plan as one of those"
)
TOO_BIG_HINT = "a plan of every council in England is far smaller."
MISSING_COLUMNS = "The header row lacks the columns {columns}: use the exported plan as a template"
UNKNOWN_COLUMN = "This column is not part of the plan: remove it or correct its name"
REQUIRED_VALUE = "Enter the council's LA number (for example 855)"
BAD_DATE = "Enter a date like 2007-06-04 or 04/06/2007"
BAD_BLOCK = "Enter the block as a whole number from 1, for example 2"
BAD_EMAIL = "Enter an email address like name@ofsted.gov.uk"
BAD_LEAD = 'Enter "hmi" or "brm": which of the two leads the assessment (the handbook, section A)'
LEAD_WITHOUT_BOTH = "A Lead needs both the HMI and the BRM given (the handbook, section A)"
TWICE = "The council is in the plan twice (first at row {first}): keep one row"
WINDOW_ORDER = "The analysis window ends before it starts"
WINDOW_DIFFERS = (
    "Block {block}'s analysis window is {starts} to {ends} at row {row}: every council of a "
    "block shares one window"
)
NO_WINDOW = "Give block {block}'s analysis window (analysis_starts and analysis_ends) on a row"


@dataclass
class PlanRow:
    row: int
    la_number: str
    council: str = ""
    block: int | None = None
    analysis_starts: date | None = None
    analysis_ends: date | None = None
    meeting_date: date | None = None
    timing_request: str = ""
    hmi_email: str = ""
    brm_email: str = ""
    lead: str = ""
    management_reader_email: str = ""
    csci_manager_email: str = ""
    link_officer_name: str = ""
    link_officer_email: str = ""
    link_officer_telephone: str = ""
    director_name: str = ""


@dataclass
class PlanFile:
    name: str
    rows: list[PlanRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # {block number: (analysis starts, analysis ends)}
    blocks: dict[int, tuple[date, date]] = field(default_factory=dict)


def _cells(data: bytes) -> tuple[list[str], list[list[object]]]:
    """The header and rows of a CSV or the first sheet of an XLSX (by content), read through
    the checks every table upload goes through; TableRefused says where and why not."""
    limits = tables.table_limits(tables.LIST, max_rows=MAX_ROWS)
    if len(data) > limits.max_bytes:
        limit = tables.size_words(limits.max_bytes)
        raise tables.TableRefused(tables.TOO_BIG.format(limit=limit, hint=TOO_BIG_HINT))
    if not data.strip():
        raise tables.TableRefused(tables.EMPTY)
    kind = tables.kind_of(data, accept=(tables.CSV, tables.XLSX))
    if kind == tables.XLSX and not tables.looks_like_xlsx(data):
        raise tables.TableRefused(NOT_A_PLAN)
    read = tables.table_rows(data, limits=limits, accept=(tables.CSV, tables.XLSX))
    rows = [cells for _, cells in read if any(text(c) for c in cells)]
    if not rows:
        return [], []
    return [text(c).lower() for c in rows[0]], rows[1:]


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(raw)


def read_plan(name: str, data: bytes) -> PlanFile:
    """Read a plan file; `problems` lists everything wrong with it, and is empty when the rows
    can go to the import."""
    plan = PlanFile(name=name)

    def problem(row, column, value, reason):
        plan.problems.append(Problem(name, row, column, text(value), reason))

    try:
        header, body = _cells(data)
    except tables.TableRefused as refused:
        found = refused.problem
        problem(found.row, found.column, found.value, found.reason)
        return plan
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problem(1, "", "", MISSING_COLUMNS.format(columns=", ".join(missing)))
        return plan
    for column in header:
        if column and column not in COLUMNS:
            problem(1, column, column, UNKNOWN_COLUMN)
    seen: dict[str, int] = {}
    windows: dict[int, tuple[date, date, int]] = {}
    for offset, values in enumerate(body):
        number = offset + 2
        raw = {h: (values[i] if i < len(values) else None) for i, h in enumerate(header)}
        row = PlanRow(row=number, la_number=text(raw.get("la_number")))
        if not row.la_number:
            problem(number, "la_number", "", REQUIRED_VALUE)
        elif row.la_number in seen:
            problem(number, "la_number", row.la_number, TWICE.format(first=seen[row.la_number]))
        else:
            seen[row.la_number] = number
        for column in COLUMNS:
            if column == "la_number" or column not in raw:
                continue
            value = raw[column]
            if value is None or text(value) == "":
                continue
            if column in DATE_COLUMNS:
                try:
                    setattr(row, column, _date(value))
                except ValueError:
                    problem(number, column, value, BAD_DATE)
            elif column == "block":
                try:
                    block = int(text(value))
                    if block < 1:
                        raise ValueError
                    row.block = block
                except ValueError:
                    problem(number, column, value, BAD_BLOCK)
            elif column in EMAIL_COLUMNS or column == "link_officer_email":
                email = text(value).lower()
                if "@" not in email or " " in email or email.startswith("@"):
                    problem(number, column, value, BAD_EMAIL)
                setattr(row, column, email)
            elif column == "lead":
                lead = text(value).lower()
                if lead not in ("hmi", "brm"):
                    problem(number, column, value, BAD_LEAD)
                row.lead = lead
            else:
                setattr(row, column, text(value))
        if row.lead and not (row.hmi_email and row.brm_email):
            problem(number, "lead", row.lead, LEAD_WITHOUT_BOTH)
        _window(row, windows, problem)
        plan.rows.append(row)
    for row in plan.rows:
        if row.block and row.block not in windows:
            problem(row.row, "block", row.block, NO_WINDOW.format(block=row.block))
            windows[row.block] = (date.min, date.min, row.row)  # reported once
    plan.blocks = {n: (s, e) for n, (s, e, _) in windows.items() if s != date.min}
    return plan


def _window(row: PlanRow, windows: dict, problem) -> None:
    starts, ends = row.analysis_starts, row.analysis_ends
    if starts is None and ends is None:
        return
    if starts is None or ends is None:
        column = "analysis_ends" if starts else "analysis_starts"
        problem(row.row, column, "", "Give both ends of the analysis window")
        return
    if ends < starts:
        problem(row.row, "analysis_ends", ends.isoformat(), WINDOW_ORDER)
        return
    if row.block is None:
        problem(row.row, "block", "", "Say which block this analysis window belongs to")
        return
    known = windows.get(row.block)
    if known is None:
        windows[row.block] = (starts, ends, row.row)
    elif known[:2] != (starts, ends):
        problem(
            row.row,
            "analysis_starts",
            starts.isoformat(),
            WINDOW_DIFFERS.format(block=row.block, starts=known[0], ends=known[1], row=known[2]),
        )
