"""An EES import's mapping file (issue 3; docs/statistics.md): which indicator each of the
file's rows feeds, by its filters, with its value, numerator and denominator columns; read and
checked all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .common import (
    ImportRejected,
    IndicatorDefinition,
    Problem,
    Progress,
    Source,
    report,
)
from .definitions import definition_problems
from .mapping_files import yaml_source

MAPPING_KEYS = ("filters", "value", "numerator", "denominator")


NOT_A_MAPPING = "is not a mapping of column names to values."


NOT_A_LIST = "must be a list of indicators."


NOT_A_COLUMN = (
    "must name a column (text) or, for denominator, {column, filters, ...} (another row of "
    "this file) or {file, column, ...} (another file)."
)


BAD_OFFSET = "is not a whole number of years."


NO_VALUE = "names no value column and no numerator and denominator to compute it from."


@dataclass(frozen=True)
class EesDenominator:
    """A denominator taken from other rows: of another EES file (e.g. ONS mid-year
    population), or, when `file` is "", of this file. DfE's newer tidy files publish a total
    as a row of its own (`breakdown: Suitability total`) rather than as a column; `filters`
    then replace the indicator's own filters of the same columns to find that row."""

    file: str
    column: str
    filters: dict[str, str] = field(default_factory=dict)
    period_offset: int = 0


@dataclass(frozen=True)
class EesIndicator:
    """One indicator of a mapping: its definition, the rows it keeps and its columns."""

    definition: IndicatorDefinition
    filters: dict[str, str]
    value: str = ""
    numerator: str = ""
    denominator: str | EesDenominator = ""


@dataclass(frozen=True)
class EesMapping:
    """A checked mapping file."""

    source: str
    file: str
    indicators: list[EesIndicator]
    period_column: str = "time_period"
    identifier_column: str = "time_identifier"  # "" when the file has none


def _filters(raw: object, where: str, problems: list[Problem]) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(Problem(None, where, str(raw), NOT_A_MAPPING))
        return {}
    return {str(k).strip(): str(v).strip() for k, v in raw.items()}


def ees_mapping(source: Source | EesMapping) -> EesMapping:
    """Read and check a mapping file (every problem reported, with its place in the YAML)."""
    if isinstance(source, EesMapping):
        return source
    data = yaml_source(source, column="indicators") or {}
    if not isinstance(data, dict):
        raise ImportRejected([Problem(None, "indicators", "", NOT_A_LIST)])
    problems: list[Problem] = []
    common_filters = _filters(data.get("filters"), "filters", problems)
    raw_indicators = data.get("indicators")
    if not isinstance(raw_indicators, list) or not raw_indicators:
        raise ImportRejected([Problem(None, "indicators", str(raw_indicators), NOT_A_LIST)])
    indicators = []
    for number, raw in enumerate(raw_indicators):
        where = f"indicators[{number}]."
        raw = raw if isinstance(raw, dict) else {}
        fields = {k: v for k, v in raw.items() if k not in MAPPING_KEYS}
        fields.setdefault("source", data.get("source", ""))
        definition, found = definition_problems(fields, row=None, prefix=where)
        problems += found
        filters = common_filters | _filters(raw.get("filters"), where + "filters", problems)
        columns = {}
        for name in ("value", "numerator"):
            columns[name] = raw.get(name) or ""
            if not isinstance(columns[name], str):
                problems.append(Problem(None, where + name, str(columns[name]), NOT_A_COLUMN))
        denominator = raw.get("denominator") or ""
        offset = str(denominator.get("period_offset", 0) if isinstance(denominator, dict) else 0)
        if not offset.lstrip("-").isdigit():
            problems.append(Problem(None, where + "denominator.period_offset", offset, BAD_OFFSET))
        elif (
            isinstance(denominator, dict)
            and isinstance(denominator.get("column"), str)
            and (denominator["column"].strip())
        ):
            denominator = EesDenominator(
                file=str(denominator.get("file") or ""),
                column=denominator["column"].strip(),
                filters=_filters(
                    denominator.get("filters"), where + "denominator.filters", problems
                ),
                period_offset=int(offset),
            )
        elif not isinstance(denominator, str):
            problems.append(Problem(None, where + "denominator", str(denominator), NOT_A_COLUMN))
        if not columns["value"] and not (columns["numerator"] and denominator):
            problems.append(Problem(None, where + "value", "", NO_VALUE))
        if definition is not None and not found:
            indicators.append(EesIndicator(definition, filters, denominator=denominator, **columns))
    if problems:
        raise ImportRejected(problems)
    time = data.get("time") or {}
    if not isinstance(time, dict):
        raise ImportRejected([Problem(None, "time", str(time), NOT_A_MAPPING)])
    return EesMapping(
        source=str(data.get("source", "")),
        file=str(data.get("file", "")),
        indicators=indicators,
        period_column=str(time.get("period") or "time_period"),
        identifier_column=str(time.get("identifier", "time_identifier") or ""),
    )


def ees_definitions(
    mapping: Source | EesMapping, *, progress: Progress | None = None
) -> list[IndicatorDefinition]:
    """The indicator definitions a mapping file declares."""
    definitions = [indicator.definition for indicator in ees_mapping(mapping).indicators]
    report(progress, len(definitions), len(definitions))
    return definitions
