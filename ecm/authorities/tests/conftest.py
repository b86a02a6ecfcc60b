"""Fixtures for the council tests: the project's council list, loaded, and the shared DfE files."""

import shutil
from pathlib import Path

import pytest

from ecm.authorities.imports.council_files import DATA_DIR
from ecm.authorities.models import Council
from ecm.authorities.services import councils_load
from tests.shared_data import shared_path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real DfE and ONS files (../shared/data; tests/shared_data.py)."""
    return shared_path("data")


@pytest.fixture
def loaded_councils(db) -> dict[str, Council]:
    """The project's own council list, loaded as the demo and production load it."""
    councils_load()
    return {c.la_number: c for c in Council.objects.all()}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of ecm/authorities/data/ that a test may spoil."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder
