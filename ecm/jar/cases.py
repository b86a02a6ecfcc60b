"""Case tracking (issue 9 §2; 001 "Case tracking"; DOMAIN.md §4): the council lists 100 case
files, "35 LAC, 35 child protection and 30 children 'in need'", by pseudonymous reference, and
inspectors select 10 to track, a reproducible draw stratified by category that they may adjust
with a reason. Pure Python: the rules without the database."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

from ecm.core.uploads import tables

LOOKED_AFTER, CHILD_PROTECTION, CHILD_IN_NEED = "looked_after", "child_protection", "child_in_need"
CATEGORY_LABELS = {
    LOOKED_AFTER: "Looked after children",
    CHILD_PROTECTION: "Child protection",
    CHILD_IN_NEED: "Children in need",
}
# 001: "details of 100 case files - 35 LAC, 35 child protection and 30 children 'in need'".
MIX = {LOOKED_AFTER: 35, CHILD_PROTECTION: 35, CHILD_IN_NEED: 30}
TOTAL = sum(MIX.values())
TRACKED = 10  # 001: "Inspectors will select 10 cases from the 100 to be tracked"

# A pseudonymous reference: the council's own case number, letters and digits with at most
# single hyphens or slashes, at least one digit, no spaces. A name ("Jane Smith", "SMITH") has
# no digit, so it cannot pass; nor can a date of birth alone, which is too revealing.
REFERENCE = re.compile(r"^(?=.*\d)[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*$")
DATE_LIKE = re.compile(r"^\d{1,2}[-/]\d{1,2}[-/]\d{2,4}$")

WRONG_MIX = (
    "The list must hold 100 case files: 35 looked after, 35 child protection and 30 children "
    'in need (001 "Case tracking"). It holds {found}: {fix}'
)
NOT_PSEUDONYMOUS = (
    "Give the council's case reference (letters and digits, for example LAC-2031), never a "
    "name or a date of birth: no names are stored"
)
UNKNOWN_CATEGORY = 'The category must be one of "looked_after", "child_protection", "child_in_need"'
TWICE = "The reference is listed twice"


@dataclass(frozen=True)
class CaseLine:
    row: int
    reference: str
    category: str


def reference_problem(reference: str) -> str | None:
    value = reference.strip()
    if not REFERENCE.match(value) or DATE_LIKE.match(value) or len(value) > 40:
        return NOT_PSEUDONYMOUS
    return None


def mix_problem(lines: list[CaseLine]) -> str | None:
    counts = {c: sum(1 for line in lines if line.category == c) for c in MIX}
    if counts == MIX:
        return None
    found = ", ".join(f"{counts[c]} {CATEGORY_LABELS[c].lower()}" for c in MIX)
    fixes = []
    for c, wanted in MIX.items():
        if counts[c] < wanted:
            fixes.append(f"add {wanted - counts[c]} {CATEGORY_LABELS[c].lower()}")
        elif counts[c] > wanted:
            fixes.append(f"remove {counts[c] - wanted} {CATEGORY_LABELS[c].lower()}")
    return WRONG_MIX.format(found=found, fix="; ".join(fixes))


def quotas(tracked: int = TRACKED) -> dict[str, int]:
    """How many of each category the draw takes: in proportion to the 100 (largest
    remainder, ties to the order of MIX), so 4 looked after, 3 child protection, 3 in need."""
    exact = {c: tracked * n / TOTAL for c, n in MIX.items()}
    found = {c: int(v) for c, v in exact.items()}
    left = tracked - sum(found.values())
    for c in sorted(MIX, key=lambda c: (-(exact[c] - found[c]), list(MIX).index(c)))[:left]:
        found[c] += 1
    return found


def draw(references_by_category: dict[str, list[str]], seed: str) -> list[str]:
    """The tracked references: a reproducible stratified draw. The same list and seed always
    give the same cases, whatever order the references came in."""
    chosen: list[str] = []
    for category, count in quotas().items():
        pool = sorted(references_by_category.get(category, []))
        digest = hashlib.sha256(f"{seed}:{category}".encode()).hexdigest()
        chosen += random.Random(digest).sample(pool, min(count, len(pool)))  # noqa: S311
    return chosen


NOT_A_CASE_LIST = (
    'The file is not a CSV list of case files: save it as CSV with the columns "reference" '
    'and "category"'
)


def read_case_list(data: bytes) -> tuple[list[CaseLine], str | None]:
    """The lines of a CSV list (header: reference, category), or why the file is not one,
    read through the checks every table upload goes through (ecm.core.uploads.tables: bytes,
    encoding, control characters, rows, columns and cells capped while reading). Row numbers
    are as a spreadsheet shows them (the header is row 1)."""
    limits = tables.table_limits(tables.LIST)
    try:
        tables.kind_of(data)
        # Every row through the checks first (at most the lists' row cap), so that a control
        # character or a bad byte is named at its row whatever the header says.
        rows = list(tables.csv_rows(data, limits=limits))
        header = rows[0][1] if rows else []
        if [c.strip().lower() for c in header[:2]] != ["reference", "category"]:
            return [], NOT_A_CASE_LIST
        lines = []
        for number, row in rows[1:]:
            if not any(cell.strip() for cell in row):
                continue
            reference = row[0].strip() if row else ""
            category = row[1].strip().lower() if len(row) > 1 else ""
            lines.append(CaseLine(number, reference, category))
    except tables.TableRefused as refused:
        return [], str(refused)
    return lines, None
