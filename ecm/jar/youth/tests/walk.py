"""The permission walk's entries for the JAR's youth pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

# URL name -> who may open it, in tests/test_permission_walk.py's terms.
ACCESS: dict = {}


def world(reviews, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    reviews[0] is council A's review (users["hmi"] leads it), reviews[1] council B's."""
    return {}


def council_pages(review) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}."""
    return {}
