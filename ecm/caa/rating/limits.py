"""The annual rating's rules as data (issue 10 §2; 004 "Annual Rating of Children's Services";
DOMAIN.md §5, §7): the evidence sources of 004 and the limits that cap the rating, read from a
versioned file, and the pure function that says which limits apply and so the highest rating
allowed. Evidence is weighed for significance, not by formula (004): the inspectors choose the
rating; only the limits are enforced."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).parent / "library"
INADEQUATE = 1  # the lowest point of the four-point outcome scale
OUTCOMES = (
    ("being_healthy", "Being healthy"),
    ("staying_safe", "Staying safe"),
    ("enjoying_achieving", "Enjoying and achieving"),
    ("positive_contribution", "Making a positive contribution"),
    ("economic_wellbeing", "Achieving economic well-being"),
)


@dataclass(frozen=True)
class Source:
    code: str
    title: str


@dataclass(frozen=True)
class LimitRule:
    code: str
    cap: int
    title: str
    source: str


@dataclass(frozen=True)
class RatingRules:
    urn: str
    year: int
    judgement_set: str
    source: str
    evidence_sources: tuple[Source, ...]
    key_areas: tuple[str, ...]  # the default; a year's choice is data (RatingKeyAreas)
    key_areas_source_text: str
    limits: dict[str, LimitRule]


@dataclass(frozen=True)
class AppliedLimit:
    """A limit that applies to one council's rating, with why (in words) and where it came
    from (a page of the site, or the inspectors' own outcome judgement)."""

    rule: LimitRule
    why: str
    url: str = ""


@cache
def rules_for(year: int) -> RatingRules:
    path = LIBRARY / f"annual-rating-{year}.yaml"
    if not path.exists():
        raise LookupError(f"No annual rating rules for {year}: add {path.name} to {LIBRARY}")
    raw = library_data(path)
    return RatingRules(
        urn=raw["urn"],
        year=int(raw["year"]),
        judgement_set=raw["judgement_set"],
        source=raw["source"],
        evidence_sources=tuple(Source(s["code"], s["title"]) for s in raw["evidence_sources"]),
        key_areas=tuple(raw["key_areas"]),
        key_areas_source_text=raw.get("key_areas_source_text", ""),
        limits={
            r["code"]: LimitRule(r["code"], int(r["cap"]), r["title"], r["source"])
            for r in raw["limits"]
        },
    )


def applied_limits(
    rules: RatingRules,
    *,
    outcome_grades: dict[str, int],
    unannounced: dict | None,
    safeguarding: list[dict],
    key_areas: tuple[str, ...] | None = None,
) -> list[AppliedLimit]:
    """The limits that apply, given the inspectors' judgement of each outcome (4 outstanding
    ... 1 inadequate), the latest unannounced inspection's outcome and the published
    safeguarding inspections (shapes as ecm.caa.unannounced/safeguarding selectors give).
    `key_areas`: the year's key areas as chosen (004's "e.g." names two; the file's default
    when None)."""
    labels = dict(OUTCOMES)
    found = []
    for area in rules.key_areas if key_areas is None else key_areas:
        if outcome_grades.get(area) == INADEQUATE:
            found.append(
                AppliedLimit(
                    rules.limits["key_area_inadequate"], f"{labels[area]} is judged inadequate"
                )
            )
    if unannounced and unannounced.get("outcome") == "serious_concerns":
        found.append(
            AppliedLimit(
                rules.limits["unannounced_serious_concerns"],
                f"The unannounced inspection's letter of {unannounced['letter_on']:%-d %B %Y} "
                "raised serious concerns",
                unannounced.get("url", ""),
            )
        )
    if safeguarding:
        latest = safeguarding[0]
        for key, what in (
            ("safeguarding_overall", "safeguarding"),
            ("lac_overall", "services for looked after children"),
        ):
            if latest.get(key) == INADEQUATE:
                found.append(
                    AppliedLimit(
                        rules.limits["safeguarding_lac_inadequate"],
                        f"The inspection published on {latest['published_on']:%-d %B %Y} judged "
                        f"the overall effectiveness of {what} inadequate",
                        latest.get("url", ""),
                    )
                )
    return found


def highest_allowed(limits: list[AppliedLimit], top: int = 4) -> int:
    return min([top, *(limit.rule.cap for limit in limits)])
