"""The structure the architecture document promises (issue 19; decision 0030).

import-linter enforces the layers (`make lint`); these tests keep the document and the shared
homes true: the diagram draws exactly the linter's contract, and no app grows its own copy of
an idea that has one home in `ecm/core`."""

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "ecm"


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    return layers


def _drawn_layers() -> list[str]:
    """The first column of the diagram in docs/architecture.md, one entry per layer."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    diagram = text.split("```\n", 2)[1]
    return [re.split(r"\s{2,}", line)[0] for line in diagram.splitlines() if line[:1].strip()]


def test_the_architecture_document_draws_exactly_the_linters_layers():
    assert _drawn_layers() == _contract_layers()


def test_every_app_is_in_exactly_one_layer():
    apps = sorted(p.name for p in APPS.iterdir() if (p / "apps.py").is_file())
    placed = sorted(app.strip() for layer in _contract_layers() for app in layer.split("|"))
    assert placed == apps


def _sources():
    for path in APPS.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_optimistic_locking_has_one_wording_in_core():
    """Issue 19 §3: one helper, one wording (ecm/core/locking.py)."""
    own = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id.startswith("STALE") for t in node.targets)
        and path != APPS / "core" / "locking.py"
    ]
    assert own == []


def test_yaml_is_read_only_through_the_library_file_reader():
    """Issue 19 §3: every YAML file goes through ecm/core/library_files.py (the framework's
    loader also names the YAML node types it walks)."""
    allowed = {APPS / "core" / "library_files.py", APPS / "framework" / "loader.py"}
    readers = [
        str(path.relative_to(ROOT))
        for path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        and any(alias.name == "yaml" for alias in node.names)
        and path not in allowed
    ]
    assert readers == []
