"""Fixtures for the Django side of the performance app: the real files, small worlds built
through the long-format import, and a module-wide LAIT import rolled back at the end."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction

from ecm.authorities.models import Council
from ecm.authorities.services import councils_load, statistical_neighbours_import
from ecm.performance.models import DataImport
from ecm.performance.services import observations_import
from tests.shared_data import shared_path

DEFINITIONS_HEADER = "code,title,outcome,polarity,value_type,multiplier,decimal_places"
LONG_HEADER = "authority,indicator,period,value,numerator,denominator"


def shared_data_dir() -> Path:
    """The real DfE files (../shared/data; tests/shared_data.py, issue 3 quality bar)."""
    return shared_path("data")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return shared_data_dir()


@pytest.fixture
def real_councils(db) -> dict[str, Council]:
    """The project's 160 real councils (ecm/authorities/data), by LA number."""
    councils_load()
    return {c.la_number: c for c in Council.objects.select_related("region")}


@pytest.fixture
def write_file(tmp_path):
    """write_file(name, text) -> Path: a small file in the test's own folder."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def csv_text(header: str, rows) -> str:
    return "\n".join([header, *(",".join("" if c is None else str(c) for c in r) for r in rows)])


def import_definitions(path: Path, *, actor=None) -> DataImport:
    data_import = observations_import(actor=actor, path=path, file_format="definitions")
    assert data_import.status == "done", data_import.problems
    return data_import


def import_long(path: Path, *, actor=None) -> DataImport:
    return observations_import(actor=actor, path=path, file_format="long")


@contextmanager
def rolled_back(django_db_blocker) -> Iterator[None]:
    """A transaction around a whole module's tests, rolled back at the end: data built once
    (a full LAIT import takes seconds) is seen by every test, and each test's own changes roll
    back to a savepoint inside it (pytest-django supports higher-scoped transactions)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


OUTCOMES = [
    "staying_safe",
    "being_healthy",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
    "service_management",
]


def build_world(
    folder: Path, *, councils: list[str], indicators: int, years: list[int], actor=None
) -> list[str]:
    """Indicator definitions and values for `councils` (LA numbers), imported through the long
    format: percentages with counts, outcomes in turn, England published. Returns the codes."""
    codes = [f"W{i:02d}" for i in range(indicators)]
    definitions = [
        (code, f"Percentage of test measure {i}", OUTCOMES[i % len(OUTCOMES)],
         "high" if i % 2 == 0 else "low", "percentage", 100, 1)
        for i, code in enumerate(codes)
    ]  # fmt: skip
    rows = []
    for i, code in enumerate(codes):
        for y, year in enumerate(years):
            for c, la_number in enumerate(councils):
                denominator = 1000 + 10 * c
                numerator = 200 + 37 * c % 300 + 7 * i + 5 * y
                value = f"{100 * numerator / denominator:.1f}"
                rows.append((la_number, code, str(year), value, numerator, denominator))
            rows.append(("E92000001", code, str(year), f"{25 + i + y / 2:.1f}", "", ""))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "definitions.csv"
    path.write_text(csv_text(DEFINITIONS_HEADER, definitions), encoding="utf-8")
    import_definitions(path, actor=actor)
    path = folder / "values.csv"
    path.write_text(csv_text(LONG_HEADER, rows), encoding="utf-8")
    data_import = import_long(path, actor=actor)
    assert data_import.status == "done", data_import.problems
    return codes


# A small world of real councils for the import's fast paths (issue 25 §1).
YEARS = list(range(2013, 2026))  # thirteen years: trends run, and 2025 is 5 after 2020
CHANGED_YEAR = "2020"


def world_councils(real_councils) -> list[str]:
    """Twenty real councils in one sweep of LA numbers (several regions, with neighbours)."""
    return sorted(real_councils)[:20]


@pytest.fixture
def import_world(real_councils, tmp_path):
    """Three indicators over thirteen years for twenty councils with DfE's 2025 neighbours."""
    statistical_neighbours_import(path=shared_path("data", "lait", "sn_may_2025.xlsx"))
    codes = build_world(tmp_path, councils=world_councils(real_councils), indicators=3, years=YEARS)
    return {"codes": codes, "values": tmp_path / "values.csv"}
