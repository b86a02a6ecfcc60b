"""The permission walk's entries for a review's complaints and quality assurance
(tests/test_permission_walk.py) and the council's pages for the grade-leakage walk
(tests/grade_leakage_support.py)."""

from datetime import date

from ecm.jar.quality.models import Complaint

# The walk's personas (tests/test_permission_walk.py), named here rather than imported: that
# module imports this one while it is being built.
ACROSS_COUNCILS = frozenset({"admin", "reader", "moderator"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})


def only(*groups) -> dict[str, int]:
    return {p: 200 for p in frozenset().union(*groups)}


# Complaints: read across councils and by the council's own people (not by the review's team,
# whom a complaint may be about); made by the council. Quality assurance: read across councils
# and by the team; recorded by a management reader not on the team (the walk's "reader").
ACCESS: dict = {
    "jar:complaints": only(ACROSS_COUNCILS, OWN_COUNCIL),
    "jar:complaint-add": only(OWN_COUNCIL),
    "jar:complaint": only(ACROSS_COUNCILS, OWN_COUNCIL),
    "jar:quality": only(ACROSS_COUNCILS, {"hmi"}),
    "jar:quality-add": only({"reader"}),
}


def _complaint(review, user) -> Complaint:
    return Complaint.objects.create(
        review=review,
        complainant="Jack Blade, Director of Children's Services",
        about="The team did not visit the children's centres named in the programme.",
        received_on=date(2007, 11, 1),
        made_by=user,
    )


def world(reviews, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}."""
    a = _complaint(reviews[0], users["lo_own"])
    b = _complaint(reviews[1], users["lo_other"])
    return {"jar:complaint": {"pk": (reviews[0].pk, reviews[1].pk), "complaint_pk": (a.pk, b.pk)}}


def council_pages(review) -> dict[str, list[dict]]:
    """The council's complaint pages: none shows a grade."""
    complaint = _complaint(review, review.council.users.first())
    return {
        "jar:complaints": [{"pk": review.pk}],
        "jar:complaint-add": [{"pk": review.pk}],
        "jar:complaint": [{"pk": review.pk, "complaint_pk": complaint.pk}],
    }
