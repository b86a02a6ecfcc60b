"""The permission walk's entries for the JAR's fieldwork pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

from ecm.accounts.models import User
from ecm.jar.fieldwork.models import CaseMeeting, PlannedActivity
from ecm.jar.models import Inspectorate, TeamMember

# The walk's personas (tests/test_permission_walk.py), named here rather than imported: that
# module imports this one while it is being built.
ACROSS_COUNCILS = frozenset({"admin", "reader", "moderator"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})


def only(*groups) -> dict[str, int]:
    return {p: 200 for p in frozenset().union(*groups)}


# The plan is read across councils, by the review's team (the walk's "hmi" leads council A's
# review) and by the council's own people; only the team plans and records meetings.
ACCESS: dict = {
    "jar:fieldwork": only(ACROSS_COUNCILS, {"hmi"}, OWN_COUNCIL),
    "jar:fieldwork-add": only({"hmi"}),
    "jar:case-meeting-add": only({"hmi"}),
    "jar:fieldwork-withdraw": only({"hmi"}),
}


def world(reviews, users) -> dict:
    """URL kwargs for the walk: a planned activity on each review, tied to its tracked case.
    reviews[0] is council A's review (users["hmi"] leads it), reviews[1] council B's."""
    a, b = (
        PlannedActivity.objects.create(
            review=review,
            day=review.fieldwork_starts,
            week=1,
            kind="case_meeting",
            what="Meeting the social worker",
            case=review.cases.filter(tracked=True).first(),
            added_by=users["hmi"],
        ).pk
        for review in reviews
    )
    return {"jar:fieldwork-withdraw": {"pk": (reviews[0].pk, reviews[1].pk), "activity_pk": (a, b)}}


def council_pages(review) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk. A meeting against the
    tracked case whose inspector's note names a grade: the council's case page must not show
    the note (ecm/jar/fieldwork/rules.py)."""
    case = review.cases.filter(tracked=True).first()
    recorder = User.objects.filter(council__isnull=True).first()
    if case is not None and recorder is not None and not case.meetings.exists():
        inspector = review.team.first() or TeamMember.objects.create(
            review=review, name="Walk inspector", inspectorate=Inspectorate.OFSTED
        )
        CaseMeeting.objects.create(
            case=case,
            met=["child", "staff"],
            met_on=review.fieldwork_starts,
            inspector=inspector,
            note="Outstanding care planning: grade 4 on our scale.",
            recorded_by=recorder,
        )
    return {"jar:fieldwork": [{"pk": review.pk}]}
