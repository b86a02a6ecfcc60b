"""The checks a JSON Schema cannot make on a framework file (pure Python, no Django).

They run only on a document the schema has accepted, so every key they read is there and has
the right type. Each problem is a path into the document (to find its line) and a reason.
"""

from collections.abc import Callable, Iterable

Path = tuple[str | int, ...]
Problem = tuple[Path, str]

# The seven areas every framework version has, with the kind each must be (DOMAIN.md §2, 003).
OUTCOME_KINDS = {
    "being_healthy": "outcome",
    "staying_safe": "outcome",
    "enjoying_achieving": "outcome",
    "positive_contribution": "outcome",
    "economic_wellbeing": "outcome",
    "service_management": "service_management",
    "capacity_to_improve": "capacity_to_improve",
}

# APA began in 2005 (003); the last year leaves room for versions after the 2009 framework
# without accepting a mistyped year such as 209 or 20009.
FIRST_YEAR = 2005
LAST_YEAR = 2015

DUPLICATE_URN = (
    'the URN "{urn}" is already used at line {first_line}; every URN in a file must be different'
)
DUPLICATE_CODE = (
    'the code "{code}" is already used by another {what} at line {first_line}; '
    "give each {what} its own code"
)
DUPLICATE_ORDER = (
    "the order {order} is already used by the outcome at line {first_line}; "
    "give each outcome its own order"
)
OUTCOME_MISSING = (
    'the outcome "{code}" is missing; a framework has exactly these seven outcomes: {required}'
)
OUTCOME_UNEXPECTED = (
    'the outcome code "{code}" is not one of the seven a framework has: {required}; '
    "use one of these codes"
)
OUTCOME_WRONG_KIND = 'the outcome "{code}" must have kind "{expected}", not "{kind}"'
DUPLICATE_GRADE = (
    'the grade scale "{scale}" has the value {value} twice (first at line {first_line}); '
    "each value must appear once"
)
GRADES_NOT_CONTIGUOUS = (
    'the grade scale "{scale}" has the values {values}; values must run from {top} down to 1 '
    "with none missing"
)
UNKNOWN_SCALE = (
    'the judgement "{judgement}" uses the grade scale "{scale}", which this file does not '
    "define; use one of: {known}"
)
UNKNOWN_OUTCOME = (
    'the judgement "{judgement}" refers to the outcome "{outcome}", which this file does not '
    "define; use one of: {known}"
)
YEAR_IMPLAUSIBLE = (
    'the judgement set "{code}" has the year {year}; years must be from {first} to {last}'
)
YEARS_OVERLAP = (
    'the judgement set "{code}" covers {year}, as does the judgement set "{other}" at line '
    "{other_line} for the same regime; a regime has only one judgement set in a year"
)


def _first_use(
    items: Iterable[tuple[Path, object]], line_of: Callable[[Path], int], message: Callable
) -> list[Problem]:
    """Report every repeat of a value, naming the line where it was first used."""
    seen: dict[object, Path] = {}
    problems: list[Problem] = []
    for path, value in items:
        if value in seen:
            problems.append((path, message(value, line_of(seen[value]))))
        else:
            seen[value] = path
    return problems


def _all_urns(data: dict) -> Iterable[tuple[Path, str]]:
    yield ("urn",), data["urn"]
    for i, outcome in enumerate(data["outcomes"]):
        yield ("outcomes", i, "urn"), outcome["urn"]
        for k, kj in enumerate(outcome["key_judgements"]):
            yield ("outcomes", i, "key_judgements", k, "urn"), kj["urn"]
    for i, scale in enumerate(data["grade_scales"]):
        yield ("grade_scales", i, "urn"), scale["urn"]
    for i, jset in enumerate(data["judgement_sets"]):
        yield ("judgement_sets", i, "urn"), jset["urn"]
        for k, judgement in enumerate(jset["judgements"]):
            yield ("judgement_sets", i, "judgements", k, "urn"), judgement["urn"]


def _codes(data: dict, line_of: Callable[[Path], int]) -> list[Problem]:
    def duplicate(what: str):
        return lambda code, line: DUPLICATE_CODE.format(code=code, what=what, first_line=line)

    outcomes, scales, sets = data["outcomes"], data["grade_scales"], data["judgement_sets"]
    problems = _first_use(
        ((("outcomes", i, "code"), o["code"]) for i, o in enumerate(outcomes)),
        line_of,
        duplicate("outcome"),
    )
    problems += _first_use(
        (
            (("outcomes", i, "key_judgements", k, "code"), kj["code"])
            for i, o in enumerate(outcomes)
            for k, kj in enumerate(o["key_judgements"])
        ),
        line_of,
        duplicate("key judgement"),
    )
    problems += _first_use(
        ((("grade_scales", i, "code"), s["code"]) for i, s in enumerate(scales)),
        line_of,
        duplicate("grade scale"),
    )
    problems += _first_use(
        ((("judgement_sets", i, "code"), s["code"]) for i, s in enumerate(sets)),
        line_of,
        duplicate("judgement set"),
    )
    for i, jset in enumerate(sets):
        problems += _first_use(
            (
                (("judgement_sets", i, "judgements", k, "code"), j["code"])
                for k, j in enumerate(jset["judgements"])
            ),
            line_of,
            duplicate("judgement in this set"),
        )
    problems += _first_use(
        ((("outcomes", i, "order"), o["order"]) for i, o in enumerate(outcomes)),
        line_of,
        lambda order, line: DUPLICATE_ORDER.format(order=order, first_line=line),
    )
    return problems


def _outcomes(data: dict) -> list[Problem]:
    required = ", ".join(OUTCOME_KINDS)
    problems: list[Problem] = []
    present = set()
    for i, outcome in enumerate(data["outcomes"]):
        code, kind = outcome["code"], outcome["kind"]
        present.add(code)
        if code not in OUTCOME_KINDS:
            problems.append(
                (("outcomes", i, "code"), OUTCOME_UNEXPECTED.format(code=code, required=required))
            )
        elif kind != OUTCOME_KINDS[code]:
            problems.append(
                (
                    ("outcomes", i, "kind"),
                    OUTCOME_WRONG_KIND.format(code=code, expected=OUTCOME_KINDS[code], kind=kind),
                )
            )
    for code in OUTCOME_KINDS:
        if code not in present:
            problems.append((("outcomes",), OUTCOME_MISSING.format(code=code, required=required)))
    return problems


def _grades(data: dict, line_of: Callable[[Path], int]) -> list[Problem]:
    problems: list[Problem] = []
    for i, scale in enumerate(data["grade_scales"]):
        values = [grade["value"] for grade in scale["grades"]]
        repeats = _first_use(
            ((("grade_scales", i, "grades", k, "value"), v) for k, v in enumerate(values)),
            line_of,
            lambda value, line, code=scale["code"]: DUPLICATE_GRADE.format(
                scale=code, value=value, first_line=line
            ),
        )
        problems += repeats
        if not repeats and sorted(values) != list(range(1, len(values) + 1)):
            problems.append(
                (
                    ("grade_scales", i, "grades"),
                    GRADES_NOT_CONTIGUOUS.format(
                        scale=scale["code"],
                        values=", ".join(str(v) for v in sorted(values, reverse=True)),
                        top=len(values),
                    ),
                )
            )
    return problems


def _references(data: dict) -> list[Problem]:
    scales = [scale["code"] for scale in data["grade_scales"]]
    outcomes = [outcome["code"] for outcome in data["outcomes"]]
    problems: list[Problem] = []
    for i, jset in enumerate(data["judgement_sets"]):
        for k, judgement in enumerate(jset["judgements"]):
            path = ("judgement_sets", i, "judgements", k)
            if judgement["scale"] not in scales:
                problems.append(
                    (
                        (*path, "scale"),
                        UNKNOWN_SCALE.format(
                            judgement=judgement["code"],
                            scale=judgement["scale"],
                            known=", ".join(scales),
                        ),
                    )
                )
            if "outcome" in judgement and judgement["outcome"] not in outcomes:
                problems.append(
                    (
                        (*path, "outcome"),
                        UNKNOWN_OUTCOME.format(
                            judgement=judgement["code"],
                            outcome=judgement["outcome"],
                            known=", ".join(outcomes),
                        ),
                    )
                )
    return problems


def _years(data: dict, line_of: Callable[[Path], int]) -> list[Problem]:
    problems: list[Problem] = []
    claimed: dict[tuple[str, int], int] = {}  # (regime, year) -> index of the set that has it
    sets = data["judgement_sets"]
    for i, jset in enumerate(sets):
        for k, year in enumerate(jset["years"]):
            path = ("judgement_sets", i, "years", k)
            if not FIRST_YEAR <= year <= LAST_YEAR:
                problems.append(
                    (
                        path,
                        YEAR_IMPLAUSIBLE.format(
                            code=jset["code"], year=year, first=FIRST_YEAR, last=LAST_YEAR
                        ),
                    )
                )
                continue
            other = claimed.setdefault((jset["regime"], year), i)
            if other != i:
                problems.append(
                    (
                        path,
                        YEARS_OVERLAP.format(
                            code=jset["code"],
                            year=year,
                            other=sets[other]["code"],
                            other_line=line_of(("judgement_sets", other)),
                        ),
                    )
                )
    return problems


def framework_problems(data: dict, line_of: Callable[[Path], int]) -> list[Problem]:
    """Every semantic problem in a schema-valid framework document.

    Rules: URNs unique in the file (a URN names one thing); codes unique within their
    collection; exactly the seven outcome codes, each of its kind (DOMAIN.md §2); grade values
    unique and running from 1 with no gaps; a judgement's scale and outcome defined in the same
    file; judgement-set years plausible, and one set per regime and year (so that a round finds
    exactly one set, DOMAIN.md §7).
    """
    problems = _first_use(
        _all_urns(data),
        line_of,
        lambda urn, line: DUPLICATE_URN.format(urn=urn, first_line=line),
    )
    problems += _codes(data, line_of)
    problems += _outcomes(data)
    problems += _grades(data, line_of)
    problems += _references(data)
    problems += _years(data, line_of)
    return problems
