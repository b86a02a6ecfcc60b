"""A YAML mapping file of an import (the EES mapping, LAIT's outcomes), read as every YAML file
is (ecm.core.library_files), its problems refused as an import's are."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ecm.core.library_files import LibraryFileError, yaml_parse

from .common import ImportRejected, Problem, Source, decode_text, read_bytes


def yaml_source(source: Source, *, column: str) -> object:
    """The content of a YAML mapping file (ecm.core.library_files reads every YAML), or
    ImportRejected with each problem at its line, under `column` (the key the file must have)."""
    text = decode_text(read_bytes(source))
    display = str(source) if isinstance(source, str | os.PathLike) else "the mapping file"
    try:
        _root, data = yaml_parse(text, display=display)
    except LibraryFileError as error:
        raise ImportRejected(
            [Problem(e.line, column, "", e.reason) for e in error.errors]
        ) from error
    return data


PROJECT_MAPPINGS = Path(__file__).resolve().parent.parent / "data" / "ees"


@dataclass(frozen=True)
class ProjectMapping:
    """One of the project's own EES mapping files, as the upload page offers it (issue 22 §5:
    "The EES page lists the project's mapping files to choose from")."""

    name: str  # the file's name, e.g. "cla_rate.yaml": what the form posts
    path: Path
    data_file: str  # the EES file it reads, e.g. "cla_number_and_rate_per_10k_children.csv"
    titles: tuple[str, ...]  # the indicators it makes


def project_mappings(folder: Path = PROJECT_MAPPINGS) -> list[ProjectMapping]:
    """The mapping files shipped with the project, by the name of the EES file each reads.
    A file that cannot be read is left out here: the import itself reports its problems."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml_source(path, column="file")
        except ImportRejected:
            continue
        if not isinstance(data, dict):
            continue
        indicators = data.get("indicators") if isinstance(data.get("indicators"), list) else []
        titles = tuple(str(item.get("title", "")) for item in indicators if isinstance(item, dict))
        found.append(ProjectMapping(path.name, path, str(data.get("file", "")), titles))
    return sorted(found, key=lambda m: m.data_file.lower())


def project_mapping(name: str, folder: Path = PROJECT_MAPPINGS) -> ProjectMapping | None:
    """The project's mapping file of this name (only those listed: never a path from a form)."""
    return next((m for m in project_mappings(folder) if m.name == name), None)
