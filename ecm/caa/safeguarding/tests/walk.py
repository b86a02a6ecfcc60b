"""The permission walk's entries for the CAA's safeguarding pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

# URL name -> who may open it, in tests/test_permission_walk.py's terms.
ACCESS: dict = {}


def world(councils, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    councils[0] is council A (users "lo_own"/"dcs_own" work for it), councils[1] council B."""
    return {}


def council_pages(council) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}."""
    return {}
