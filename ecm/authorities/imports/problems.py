"""Problems found in a data file, reported all at once so a file can be put right in one pass.

Every import in this app is all-or-nothing: it collects every problem it can find, and if there
is one, stores nothing and raises DataFileError naming each problem's file, row, column, value
and reason.
"""

from collections.abc import Iterable
from dataclasses import dataclass

# How many problems the exception's own text lists; `problems` always holds them all.
PROBLEMS_SHOWN = 50

NOTHING_STORED = "Nothing was stored: put right the {count} problem{s} below and try again."


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # the row as a spreadsheet shows it (header row = 1); None: the whole file
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.value != "":
            where.append(f"value {self.value!r}")
        return f"{', '.join(where)}: {self.reason}"


class DataFileError(Exception):
    """A data file (or several) could not be stored; `problems` says where and why."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        lines = [NOTHING_STORED.format(count=count, s="" if count == 1 else "s")]
        lines += [f"- {p}" for p in self.problems[:PROBLEMS_SHOWN]]
        if count > PROBLEMS_SHOWN:
            lines.append(f"- … and {count - PROBLEMS_SHOWN} more")
        super().__init__("\n".join(lines))


def text(value) -> str:
    """A cell as text: spreadsheet numbers lose their '.0', empty cells become ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
