"""A YAML mapping file of an import (the EES mapping, LAIT's outcomes), read as every YAML file
is (ecm.core.library_files), its problems refused as an import's are."""

from __future__ import annotations

import os

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
