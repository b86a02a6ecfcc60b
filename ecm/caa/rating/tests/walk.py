"""The permission walk's entries for the annual rating's pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

from ecm.accounts.models import User
from ecm.caa.rating.limits import OUTCOMES
from ecm.caa.rating.models import AnnualRating

_INSPECTORATE = ("admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel")
_OWN = ("lo_own", "dcs_own")


def _only(*names) -> dict[str, int]:
    return {name: 200 for name in names}


ACCESS: dict = {
    "caa:rating": _only(*_INSPECTORATE, *_OWN),
    "caa:rating-draft": _only("admin", "hmi", "brm", "hmi_other"),
    "caa:rating-finalise": _only("admin", "reader"),
    # Issue 24 §1: the year's key areas, the programme administrator's choice.
    "caa:rating-key-areas": _only("admin"),
}


def _draft(council, drafter):
    rating, _ = AnnualRating.objects.get_or_create(
        council=council,
        year=2009,
        defaults={
            "rating": 3,
            "outcome_grades": {c: 3 for c, _ in OUTCOMES},
            "rationale": "Good across the profile",
            "drafted_by": drafter,
        },
    )
    return rating


def world(councils, users) -> dict:
    for council in councils:
        _draft(council, users["hmi"])
    la = tuple(c.la_number for c in councils)
    return {"caa:rating": {"la_number": la, "year": (2009, 2009)}}


def council_pages(council) -> dict[str, list[dict]]:
    """A draft rating the council must not see (its grade is not final)."""
    drafter = User.objects.filter(council__isnull=True).first()
    if drafter is not None:
        _draft(council, drafter)
    return {"caa:rating": [{"la_number": council.la_number, "year": 2009}]}
