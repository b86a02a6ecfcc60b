"""The indicator definitions CSV, and the field checks every definition source shares.

Header: code,title,outcome,polarity,value_type,multiplier,decimal_places — in any order, and
optionally unit, period_type, source, banding (yes/no), proportion (yes/no: a percentage that is
a share of a whole, 0 to 100; yes if not given), description and key_judgements (URNs
separated by "|"). The allowed values follow the engine's contract
(ecm/performance/engine/__init__.py: `indicators`) and the six areas of the dataset
(DOMAIN.md §2, "The dataset": the five outcomes plus service management).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .common import (
    FILE_NO_ROWS,
    KEY_JUDGEMENT_URN,
    MUST_NOT_BE_EMPTY,
    OUTCOMES,
    POLARITIES,
    VALUE_TYPES,
    ImportRejected,
    IndicatorDefinition,
    Problem,
    Progress,
    Source,
    header_problems,
    read_csv_rows,
    report,
)

DEFINITION_COLUMNS = (
    "code",
    "title",
    "outcome",
    "polarity",
    "value_type",
    "multiplier",
    "decimal_places",
)
OPTIONAL_COLUMNS = (
    "unit",
    "period_type",
    "source",
    "banding",
    "proportion",
    "description",
    "key_judgements",
)
MAX_DECIMAL_PLACES = 6
EXPECTED_MULTIPLIER = {"percentage": 100.0, "mean": 1.0, "count": 1.0}

NOT_ONE_OF = "is not one of: {allowed}."
NOT_POSITIVE = "is not a positive number."
BAD_DECIMAL_PLACES = f"is not a whole number from 0 to {MAX_DECIMAL_PLACES}."
BAD_BANDING = "is not yes or no."
BAD_KEY_JUDGEMENT = 'is not a key judgement URN (e.g. "urn:ecm:key-judgement:staying-safe:1").'
WRONG_MULTIPLIER = "does not suit a {value_type} (expected {expected:g})."
RATE_MULTIPLIER = "does not suit a rate (expected more than 1, e.g. 10000 per 10,000)."
DUPLICATE_CODE = "is defined more than once (rows {rows})."
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


def _number(text: str) -> float | None:
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def definition_problems(
    fields: Mapping[str, object], *, row: int | None, prefix: str = ""
) -> tuple[IndicatorDefinition | None, list[Problem]]:
    """Check one definition's fields (texts or YAML values) and build it when they are good.

    `prefix` names where the fields came from in problems (e.g. "indicators[0]." in YAML).
    """
    text = {k: ("" if v is None else str(v).strip()) for k, v in fields.items()}
    problems = []

    def bad(name: str, reason: str) -> None:
        problems.append(Problem(row, prefix + name, text.get(name, ""), reason))

    for name in ("code", "title"):
        if not text.get(name):
            bad(name, MUST_NOT_BE_EMPTY)
    for name, allowed in (("outcome", OUTCOMES), ("polarity", POLARITIES)):
        if text.get(name, "").lower() not in allowed:
            bad(name, NOT_ONE_OF.format(allowed=", ".join(allowed)))
    value_type = text.get("value_type", "").lower()
    if value_type not in VALUE_TYPES:
        bad("value_type", NOT_ONE_OF.format(allowed=", ".join(VALUE_TYPES)))
    multiplier = _number(text.get("multiplier", ""))
    if multiplier is None or multiplier <= 0:
        bad("multiplier", NOT_POSITIVE)
    elif value_type in EXPECTED_MULTIPLIER and multiplier != EXPECTED_MULTIPLIER[value_type]:
        expected = EXPECTED_MULTIPLIER[value_type]
        bad("multiplier", WRONG_MULTIPLIER.format(value_type=value_type, expected=expected))
    elif value_type == "rate" and multiplier <= 1:
        bad("multiplier", RATE_MULTIPLIER)
    places = _number(text.get("decimal_places", ""))
    if places is None or places != int(places) or not 0 <= places <= MAX_DECIMAL_PLACES:
        bad("decimal_places", BAD_DECIMAL_PLACES)
    banding_text = text.get("banding", "").lower()
    if banding_text and banding_text not in YES | NO:
        bad("banding", BAD_BANDING)
    proportion_text = text.get("proportion", "").lower()
    if proportion_text and proportion_text not in YES | NO:
        bad("proportion", BAD_BANDING)
    judgements = fields.get("key_judgements") or []
    if isinstance(judgements, str):
        judgements = [j for j in judgements.split("|") if j.strip()]
    judgements = [str(j).strip() for j in judgements]
    for urn in judgements:
        if not KEY_JUDGEMENT_URN.match(urn):
            problems.append(Problem(row, prefix + "key_judgements", urn, BAD_KEY_JUDGEMENT))
    if problems:
        return None, problems
    definition = IndicatorDefinition(
        code=text["code"],
        title=text["title"],
        outcome=text["outcome"].lower(),
        polarity=text["polarity"].lower(),
        value_type=value_type,
        multiplier=float(multiplier),
        decimal_places=int(places),
        unit=text.get("unit", ""),
        period_type=text.get("period_type", ""),
        source=text.get("source", ""),
        banding=banding_text not in NO,
        proportion=proportion_text not in NO,
        description=text.get("description", ""),
        key_judgements=judgements,
    )
    return definition, []


def read_definitions(
    source: Source, *, progress: Progress | None = None
) -> list[IndicatorDefinition]:
    """Parse a definitions CSV into IndicatorDefinitions, or raise ImportRejected (all problems)."""
    header, rows = read_csv_rows(source)
    problems = header_problems(header, required=DEFINITION_COLUMNS, optional=OPTIONAL_COLUMNS)
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([Problem(None, "", "", FILE_NO_ROWS)])
    report(progress, 0, len(rows))
    definitions = []
    seen: dict[str, list[int]] = {}
    for line, cells in rows:
        definition, found = definition_problems(dict(zip(header, cells, strict=True)), row=line)
        problems += found
        if definition is not None:
            definitions.append(definition)
        code = cells[header.index("code")].strip()
        if code:
            seen.setdefault(code, []).append(line)
    for code, lines in seen.items():
        if len(lines) > 1:
            listed = ", ".join(str(n) for n in lines)
            problems += [
                Problem(n, "code", code, DUPLICATE_CODE.format(rows=listed)) for n in lines
            ]
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.row or 0))
    report(progress, len(rows), len(rows))
    return definitions
