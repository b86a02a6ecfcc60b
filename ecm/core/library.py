"""Versioned template libraries (the self-assessment's and the letter's): each template
covers some years of a regime, and a stored object names the template it was made to by URN."""

from collections.abc import Callable, Iterable
from pathlib import Path

from ecm.core.library_files import LibraryFileError, LoadError


def library_overlap(templates: Iterable) -> tuple | None:
    """The first two templates that cover the same regime and year, with the year; None when
    each year of a regime has one template."""
    covered: dict[tuple[str, int], object] = {}
    for template in templates:
        for year in template.years:
            other = covered.setdefault((template.regime, year), template)
            if other is not template:
                return template, other, year
    return None


def library_find(templates: Iterable, *, regime: str, year: int):
    """The template for a round of this regime and year, or None."""
    return next((t for t in templates if t.regime == regime and year in t.years), None)


def library_by_urn(templates: Iterable, urn: str):
    """The template with this URN, or None."""
    return next((t for t in templates if t.urn == urn), None)


def library_load(
    directory: Path, *, load: Callable, error: type[LibraryFileError], overlap: str
) -> tuple:
    """Every template file in `directory`, loaded by `load`, refused with `error` when two
    cover one regime's year (`overlap` names both, with {urn}, {other}, {regime}, {year})."""
    templates = tuple(load(p) for p in sorted(directory.glob("*.yaml")))
    clash = library_overlap(templates)
    if clash:
        template, other, year = clash
        reason = overlap.format(
            urn=template.urn, other=other.urn, regime=template.regime, year=year
        )
        raise error([LoadError(template.path, 1, reason)])
    return templates
