"""Readers for the data files this app imports: the project's council list and DfE's
statistical neighbour files. They read and check only; `ecm.authorities.services` writes."""

from ecm.authorities.imports.problems import DataFileError, Problem

__all__ = ["DataFileError", "Problem"]
