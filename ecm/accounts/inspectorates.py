"""The inspectorates and commissions, each with the dates it existed (issue 24 §2-3), read from
``library/inspectorates.yaml``. A person on the inspectorate side belongs to one of them; lists
of people offered for a piece of work keep only those whose inspectorate existed on its date."""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).resolve().parent / "library" / "inspectorates.yaml"


@dataclass(frozen=True)
class Inspectorate:
    code: str
    name: str
    opened_on: date | None
    closed_on: date | None

    def existed_on(self, day: date) -> bool:
        """Open on ``day``: opened on or before it and closed on or after it."""
        return (self.opened_on is None or self.opened_on <= day) and (
            self.closed_on is None or day <= self.closed_on
        )


@cache
def inspectorates() -> tuple[Inspectorate, ...]:
    data = library_data(LIBRARY)  # dates stay text there
    return tuple(
        Inspectorate(
            code=row["code"],
            name=row["name"],
            opened_on=_day(row.get("opened_on")),
            closed_on=_day(row.get("closed_on")),
        )
        for row in data["inspectorates"]
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(str(text)) if text else None


def inspectorate_choices() -> list[tuple[str, str]]:
    return [(body.code, body.name) for body in inspectorates()]


def inspectorate_named(code: str) -> Inspectorate | None:
    return next((body for body in inspectorates() if body.code == code), None)


def inspectorate_codes_on(day: date) -> list[str]:
    """The codes of the inspectorates that existed on ``day``."""
    return [body.code for body in inspectorates() if body.existed_on(day)]
