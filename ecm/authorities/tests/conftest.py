"""Fixtures for the council tests: the project's council list, loaded, and the shared DfE files."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from ecm.authorities.imports.council_files import DATA_DIR
from ecm.authorities.models import Council
from ecm.authorities.services import councils_load

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real DfE and ONS files (../shared/data). Outside CI a checkout without them skips the
    tests that read them; in CI (CI=true) their absence is a failure, never a silent skip."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared data folder {SHARED_DATA} is absent")
        pytest.skip(f"the shared DfE data folder {SHARED_DATA} is absent (and CI is not 'true')")
    return SHARED_DATA


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
