"""Cells of the spreadsheets the site writes (CSV and XLSX downloads)."""

import csv
import io
from datetime import date

# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP "CSV
# injection"); tab and carriage return are on OWASP's list too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula, quoted so that it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value) -> str:
    """A cell as CSV text: dates in ISO form, nothing for None, formulas quoted."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(spreadsheet_safe(value))


def rows_csv(rows) -> bytes:
    """Rows as CSV, UTF-8 with a byte order mark (which Excel needs to read the text as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def rows_xlsx(rows, *, title: str) -> bytes:
    """Rows as an Excel workbook: one sheet, a bold frozen header row, dates as dates and text
    that would run as a formula quoted."""
    # openpyxl when a workbook is written, not when a view that offers one is imported: the
    # URLconf imports every view, and django.setup() stays without it (issue 25 §2).
    from openpyxl import Workbook  # noqa: PLC0415 - see above
    from openpyxl.styles import Font  # noqa: PLC0415 - the same

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append([spreadsheet_safe(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
