"""Where the real public data lie (../shared beside the repository), for tests and benchmarks.

Outside CI a checkout without them skips the tests that read them; in CI (CI=true) their
absence is a failure, never a silent skip.
"""

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """A file or folder of ../shared: the test is skipped when it is absent, except on CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {path} is absent")
        pytest.skip(f"{path} is absent (and CI is not 'true')")
    return path
