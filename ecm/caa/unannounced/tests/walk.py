"""The permission walk's entries for the CAA's unannounced inspection pages
(tests/test_permission_walk.py) and the council's pages for the grade-leakage walk
(tests/grade_leakage_support.py)."""

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.caa.unannounced.demo import seed
from ecm.caa.unannounced.models import UnannouncedInspection

# The walk's personas (tests/test_permission_walk.py), named here rather than imported: that
# module imports this one while it is being built.
INSPECTORATE = frozenset({"admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})
# Issue 10 §3: the inspectors (any HMI or BRM; the CAA has no assignment, and the walk sees a
# BRM of another council as "hmi_other") and the programme administrator record an inspection
# and send its letter.
RECORDERS = frozenset({"admin", "hmi", "brm", "hmi_other"})


def only(*groups) -> dict[str, int]:
    return {p: 200 for p in frozenset().union(*groups)}


# The walk's inspections have their letters sent, so the council's own people read them (never
# a draft: ecm/caa/unannounced/tests/test_pages.py); the recorders open the forms (on a sent
# letter they say it no longer changes, and the services refuse a change).
READERS = only(INSPECTORATE, OWN_COUNCIL)

# URL name -> who may open it, in tests/test_permission_walk.py's terms.
ACCESS: dict = {
    "caa:unannounced-programme": only(INSPECTORATE),
    "caa:unannounced-new": only(RECORDERS),
    "caa:unannounced": READERS,
    "caa:unannounced-visit": only(RECORDERS),
    "caa:unannounced-aspects": only(RECORDERS),
    "caa:unannounced-outcome": only(RECORDERS),
    "caa:unannounced-send": only(RECORDERS),
    "caa:unannounced-letter": READERS,
    "caa:unannounced-letter-document": READERS,  # the same access as the letter's page
}


def _sent_inspection(council, lead):
    """The council's 2009 inspection with its letter sent (ecm/caa/unannounced/demo.py)."""
    seed(council=council, lead=lead)
    return UnannouncedInspection.objects.get(council=council, inspection_year=2009)


def world(councils, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    councils[0] is council A (users "lo_own"/"dcs_own" work for it), councils[1] council B."""
    inspections = [_sent_inspection(c, users["hmi"]) for c in councils[:2]]
    found = {
        "la_number": tuple(c.la_number for c in councils[:2]),
        "pk": tuple(i.pk for i in inspections),
    }
    return {
        "caa:unannounced-letter-document": {**found, "fmt": ("docx", "docx")},
        "caa:unannounced": found,
    }


def council_pages(council) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}. The
    council reads its inspection only once the letter is sent; the inspection is not scored."""
    lead = User.objects.filter(role_grants__role=Role.HMI, is_active=True).first()
    found = _sent_inspection(council, lead or UserFactory(roles=[Role.HMI]))
    kwargs = {"la_number": council.la_number, "pk": found.pk}
    return {
        "caa:unannounced": [kwargs],
        "caa:unannounced-letter": [kwargs],
        "caa:unannounced-letter-document": [kwargs | {"fmt": fmt} for fmt in ("pdf", "docx")],
    }
