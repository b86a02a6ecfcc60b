"""The permission walk's entries for the CAA's profile pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

from django.utils import timezone

from ecm.caa.profile.library import nis_profile
from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.profile.services import _entries

# Small copies of tests/test_permission_walk.py's persona sets (it imports this module while
# it loads, so this module cannot import them from it).
_INSPECTORATE = ("admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel")
_OWN_COUNCIL = ("lo_own", "dcs_own")
_READERS = (*_INSPECTORATE, *_OWN_COUNCIL)
_REFRESHERS = ("admin", "hmi", "brm", "hmi_other")  # the administrator or any inspector
QUARTER = "2009-Q2"
NI = 62

# URL name -> who may open it, in tests/test_permission_walk.py's terms (caa.read_council to
# read; ecm/caa/profile/rules.py to refresh).
ACCESS: dict = {
    "caa:profile": {p: 200 for p in _READERS},
    "caa:profile-quarter": {p: 200 for p in _READERS},
    "caa:profile-document": {p: 200 for p in _READERS},
    "caa:profile-indicator": {p: 200 for p in _READERS},
    "caa:profile-refresh": {p: 200 for p in _REFRESHERS},
}


def _quarter(council):
    """The council's 2009-Q2 profile, made directly (no figures: every NI "no data yet")."""

    quarter, made = ProfileQuarter.objects.get_or_create(
        council=council,
        quarter=QUARTER,
        defaults={"refreshed_at": timezone.now(), "library": nis_profile().version_label},
    )
    if made:
        entries = _entries(council=council, library=nis_profile(), latest={})
        for entry in entries:
            entry.quarter = quarter
            entry.save()
    return quarter


def world(councils, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    councils[0] is council A (users "lo_own"/"dcs_own" work for it), councils[1] council B."""
    for council in councils[:2]:
        _quarter(council)
    la = (councils[0].la_number, councils[1].la_number)
    return {
        "caa:profile-document": {
            "la_number": la,
            "quarter": (QUARTER, QUARTER),
            "fmt": ("docx", "docx"),
        },
        "caa:profile-quarter": {"la_number": la, "quarter": (QUARTER, QUARTER)},
        "caa:profile-indicator": {"la_number": la, "ni": (NI, NI)},
    }


def council_pages(council) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}."""
    _quarter(council)
    la = council.la_number
    return {
        "caa:profile": [{"la_number": la}],
        "caa:profile-quarter": [{"la_number": la, "quarter": QUARTER}],
        "caa:profile-document": [
            {"la_number": la, "quarter": QUARTER, "fmt": fmt} for fmt in ("pdf", "docx")
        ],
        "caa:profile-indicator": [{"la_number": la, "ni": NI}],
    }
