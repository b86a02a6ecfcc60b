"""The council's list of voluntary and community sector partners (issue 9 §4; 001 "Voluntary
sector stakeholder survey"): "in order of significance", each with its services, the nature of
the partnership, its commissioning, monitoring and involvement in strategic planning. Pure
Python: the rules and the CSV reading, without the database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecm.core.uploads import tables

# 001: "The nature of the partnership e.g. service level agreement, spot purchase, contract,
# informal (non-funded)".
SERVICE_LEVEL_AGREEMENT, SPOT_PURCHASE, CONTRACT, INFORMAL = (
    "service_level_agreement",
    "spot_purchase",
    "contract",
    "informal",
)
NATURE_LABELS = {
    SERVICE_LEVEL_AGREEMENT: "Service level agreement",
    SPOT_PURCHASE: "Spot purchase",
    CONTRACT: "Contract",
    INFORMAL: "Informal (non-funded)",
}
NAME_MAX, TEXT_MAX = 200, 4000

NO_NAME = "Enter the name of the organisation"
NAME_TOO_LONG = f"The organisation's name must be {NAME_MAX} characters or fewer"
A_PERSON = (
    "Give the name of the organisation, not of a person: the list is of partner agencies "
    '(001 "Voluntary sector stakeholder survey")'
)
NAME_TWICE = "The organisation is listed twice"
NO_SERVICES = "Enter the services the organisation provides"
TEXT_TOO_LONG = f"Keep this to {TEXT_MAX} characters or fewer"
UNKNOWN_NATURE = (
    'The nature of the partnership must be one of "service level agreement", "spot purchase", '
    '"contract" or "informal"'
)
EMPTY_LIST = "The file lists no partners: put one organisation on each row under the header"
COLUMNS = ("name", "services", "nature", "commissioning", "monitoring", "strategic_planning")
REQUIRED_COLUMNS = ("name", "services", "nature")
NOT_A_PARTNER_LIST = (
    "The file is not a CSV list of partners: save it as CSV with the header row "
    + ", ".join(COLUMNS)
    + " and one organisation a row, the most significant first"
)

# A person's name starts with a title; an organisation's does not.
_PERSON = re.compile(r"^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|rev|cllr)\.?\s", re.I)


def _key(value: str) -> str:
    return re.sub(r"[\s_\-()]+", " ", value.strip().lower()).strip()


# Every spelling taken, keyed once (a list's every row looks its nature up here).
_NATURES = {
    **{_key(code): code for code in NATURE_LABELS},
    **{_key(label): code for code, label in NATURE_LABELS.items()},
    "sla": SERVICE_LEVEL_AGREEMENT,
}


def nature_of(value: str) -> str | None:
    """The nature's code from its code or its words, whatever the case or spacing."""
    return _NATURES.get(_key(value))


def name_problem(name: str) -> str | None:
    value = name.strip()
    if not value:
        return NO_NAME
    if len(value) > NAME_MAX:
        return NAME_TOO_LONG
    if _PERSON.match(value):
        return A_PERSON
    return None


def same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class PartnerLine:
    row: int
    name: str
    services: str
    nature: str
    commissioning: str = ""
    monitoring: str = ""
    strategic_planning: str = ""


def read_partner_list(data: bytes) -> tuple[list[PartnerLine], str | None]:
    """The lines of a CSV list (a header row naming the columns, then one organisation a row
    in order of significance), or why the file is not one, read through the checks every
    table upload goes through (ecm.core.uploads.tables: encoding, control characters, rows,
    columns and cells capped while reading, so a list of 20,000 rows stops at the cap). Row
    numbers are as a spreadsheet shows them (the header is row 1)."""
    limits = tables.table_limits(tables.LIST)
    try:
        tables.kind_of(data)
        rows = tables.csv_rows(data, limits=limits)
        first = next(rows, None)
        if first is None:
            return [], NOT_A_PARTNER_LIST
        header = [c.strip().lower().replace(" ", "_") for c in first[1]]
        if not set(REQUIRED_COLUMNS) <= set(header):
            return [], NOT_A_PARTNER_LIST
        where = {c: header.index(c) for c in COLUMNS if c in header}
        lines = []
        for number, row in rows:
            if not any(cell.strip() for cell in row):
                continue
            cells = {c: (row[i].strip() if i < len(row) else "") for c, i in where.items()}
            lines.append(PartnerLine(row=number, **cells))
    except tables.TableRefused as refused:
        return [], str(refused)
    return lines, None


def line_problems(lines: list[PartnerLine]) -> list[tuple[int | None, str, str, str]]:
    """Every problem of the lines as (row, column, value, reason); none for a good list."""
    if not lines:
        return [(None, "", "", EMPTY_LIST)]
    found, seen = [], {}
    for line in lines:
        why = name_problem(line.name)
        if why:
            found.append((line.row, "name", line.name, why))
        key = same_name(line.name)
        if key and key in seen:
            found.append((line.row, "name", line.name, f"{NAME_TWICE} (row {seen[key]})"))
        seen.setdefault(key, line.row)
        if not line.services.strip():
            found.append((line.row, "services", "", NO_SERVICES))
        if nature_of(line.nature) is None:
            found.append((line.row, "nature", line.nature, UNKNOWN_NATURE))
        for column in ("services", "commissioning", "monitoring", "strategic_planning"):
            value = getattr(line, column)
            if len(value) > TEXT_MAX:
                found.append((line.row, column, value[:40] + "…", TEXT_TOO_LONG))
    return found
