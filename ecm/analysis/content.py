"""What a revision's content holds, for each kind of notebook subject (ecm.analysis.models).

Plain dicts stored as JSON, built and read only here, so the shape is written down once.
"""

from django.db import models

ENTRY, AREA_SUMMARY, OVERALL_SUMMARY, SUMMATIVE = (
    "entry",
    "area_summary",
    "overall_summary",
    "summative",
)


class Tag(models.TextChoices):
    """Groups every outcome must speak of (DOMAIN.md §2; 002 §F step 1 for social care)."""

    LAC = "lac", "Looked after children"
    LDD = "ldd", "Learning difficulties and/or disabilities"
    SOCIAL_CARE = "social_care", "Social care"


class CapacityDimension(models.TextChoices):
    """The two dimensions of capacity to improve (002 §E.v)."""

    DIRECTION_OF_TRAVEL = "direction_of_travel", "Direction of travel"
    TRACK_RECORD = "track_record", "Track record"


class Strand(models.TextChoices):
    """Step 2's indicative judgements (002 §F step 2)."""

    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social_care", "Social care"
    CAPACITY = "capacity", "Capacity to improve"


class OverallStrand(models.TextChoices):
    """Step 3's indicative grades (002 §F step 3)."""

    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social_care", "Social care"
    CHILDREN_SERVICES = "children_services", "Children's services overall"
    CAPACITY = "capacity", "Capacity to improve"


def entry_content(
    *,
    finding: str,
    kind: str,
    key_judgements: list[str],
    tags: list[str],
    capacity: list[str],
    evidence: list[dict],
) -> dict:
    return {
        "finding": finding,
        "kind": kind,
        "key_judgements": sorted(key_judgements),
        "tags": [t for t in Tag.values if t in tags],
        "capacity": [c for c in CapacityDimension.values if c in capacity],
        "evidence": evidence,
    }


def strand(*, grade: int | None, text: str, entries: list[int]) -> dict:
    return {"grade": grade, "text": text, "entries": sorted(set(entries))}


def area_summary_content(*, strands: dict[str, dict], moderation: str) -> dict:
    return {
        **{s: strands.get(s) or strand(grade=None, text="", entries=[]) for s in Strand.values},
        "moderation": moderation,
    }


def overall_summary_content(*, strands: dict[str, dict], trail: str) -> dict:
    return {
        **{
            s: strands.get(s) or strand(grade=None, text="", entries=[])
            for s in OverallStrand.values
        },
        "trail": trail,
    }


def summative_content(*, grade: int | None, rationale: str, entries: list[int]) -> dict:
    return {"grade": grade, "rationale": rationale, "entries": sorted(set(entries))}


def linked_entries(content: dict) -> set[int]:
    """Every entry a summary or judgement links to, whatever its shape."""
    found = set(content.get("entries", []))
    for value in content.values():
        if isinstance(value, dict):
            found |= set(value.get("entries", []))
    return found
