"""Cells of the spreadsheets the site writes (CSV and XLSX downloads)."""

# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP "CSV
# injection"); tab and carriage return are on OWASP's list too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula, quoted so that it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
