"""The permission walk's entries for the CAA's area assessment pages
(tests/test_permission_walk.py) and the council's pages for the grade-leakage walk
(tests/grade_leakage_support.py)."""

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.caa.flags.demo import seed
from ecm.caa.flags.models import AreaAssessment

# The walk's personas (tests/test_permission_walk.py), named here rather than imported: that
# module imports this one while it is being built.
INSPECTORATE = frozenset({"admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})
# Issue 10 §5: the inspectors (any HMI or BRM; the CAA has no assignment) and the programme
# administrator write the area assessment.
WRITERS = frozenset({"admin", "hmi", "brm", "hmi_other"})
YEAR = 2009


def only(*groups) -> dict[str, int]:
    return {p: 200 for p in frozenset().union(*groups)}


# The walk's area assessments are published, so the council's own people read them; the
# inspectorate reads; the writers open the forms (on a published assessment the forms say it
# must be reopened first, and the services refuse a change).
READERS = only(INSPECTORATE, OWN_COUNCIL)

# URL name -> who may open it, in tests/test_permission_walk.py's terms.
ACCESS: dict = {
    "caa:area": READERS,
    "caa:area-report": READERS,
    "caa:area-edit": only(WRITERS),
    "caa:area-publish": only(WRITERS),
    "caa:area-reopen": only(WRITERS),
    "caa:flag-add": only(WRITERS),
    "caa:flag": READERS,
    "caa:flag-withdraw": only(WRITERS),
    "caa:organisation-add": only(WRITERS),
    "caa:organisation": READERS,
    "caa:organisation-edit": only(WRITERS),
}


def _published_area(council, inspector):
    """A published area assessment with a green flag about the police and a red one about the
    primary care trust, and the trust's organisational assessment with its overall score
    (ecm/caa/flags/demo.py). Not the council's own: publishing that needs Ofsted's annual rating
    final (004), and the rating's walk keeps the council's rating a draft the council must not
    see (ecm/caa/rating/tests/walk.py)."""
    seed(council=council, inspector=inspector, about_the_council=False)
    return AreaAssessment.objects.get(council=council, year=YEAR)


def world(councils, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    councils[0] is council A (users "lo_own"/"dcs_own" work for it), councils[1] council B."""
    areas = [_published_area(c, users["hmi"]) for c in councils]
    flags = [a.flags.order_by("pk").first().pk for a in areas]
    organisations = [a.council.organisational_assessments.get(year=YEAR).pk for a in areas]
    la = tuple(c.la_number for c in councils)
    return {
        "caa:flag": {"la_number": la, "year": (YEAR, YEAR), "pk": tuple(flags)},
        "caa:organisation": {"la_number": la, "year": (YEAR, YEAR), "pk": tuple(organisations)},
        "caa:area": {"la_number": la, "year": (YEAR, YEAR)},
        "caa:area-report": {"la_number": la, "year": (YEAR, YEAR)},
    }


def council_pages(council) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}.
    The council's area assessment is published (the only state in which the council reads it):
    its narrative and flags are words, never a score."""
    inspector = User.objects.filter(role_grants__role=Role.HMI, is_active=True).first()
    area = _published_area(council, inspector or UserFactory(roles=[Role.HMI]))
    la = council.la_number
    return {
        "caa:area": [{"la_number": la, "year": YEAR}],
        "caa:area-report": [{"la_number": la, "year": YEAR}],
        "caa:flag": [{"la_number": la, "year": YEAR, "pk": f.pk} for f in area.flags.all()],
        "caa:organisation": [
            {"la_number": la, "year": YEAR, "pk": o.pk}
            for o in council.organisational_assessments.filter(year=YEAR)
        ],
    }
