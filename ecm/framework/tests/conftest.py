"""Fixtures for the framework's tests: the bundled library, and files written to tmp_path."""

from pathlib import Path

import pytest

from ecm.framework.services import LIBRARY_DIR, framework_load_bundled

BUNDLED_PATH = LIBRARY_DIR / "ecm-framework-v1.yaml"


def variant(text: str, old: str, new: str, count: int = 1) -> str:
    """The text with `old` replaced; fails loudly if the library no longer contains `old`."""
    assert old in text, f"the library no longer contains {old!r}"
    return text.replace(old, new, count)


def line_of(text: str, marker: str) -> int:
    """The 1-based line of the first occurrence of marker."""
    assert marker in text, f"{marker!r} not in the text"
    return text[: text.index(marker)].count("\n") + 1


@pytest.fixture
def library_text() -> str:
    return BUNDLED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def write_file(tmp_path):
    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def bundled(db):
    """The bundled framework version, loaded."""
    (version,) = framework_load_bundled()
    return version


@pytest.fixture
def second_version_text(library_text) -> str:
    """A second version of the framework: a new URN and version, with other wording."""
    text = variant(library_text, 'urn: "urn:ecm:framework:v1"', 'urn: "urn:ecm:framework:v2"')
    text = variant(text, 'version: "1"', 'version: "2"')
    text = variant(
        text,
        "title: Every Child Matters assessment framework 2005 to 2009",
        "title: Every Child Matters framework, official wording",
    )
    return variant(
        text,
        "title: Abuse and neglect are kept to a minimum",
        "title: Children are protected from abuse and neglect (official wording)",
    )
