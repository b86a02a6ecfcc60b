"""The permission walk's entries for the JAR's youth pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

from django.utils import timezone

from ecm.accounts.models import User
from ecm.jar.youth.models import YouthActivity, YouthObservation, YouthReport, YouthSelfAssessment

# The walk's personas (tests/test_permission_walk.py), named here rather than imported: that
# module imports this one while it is being built.
ACROSS_COUNCILS = frozenset({"admin", "reader", "moderator"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})


def only(*groups) -> dict[str, int]:
    return {p: 200 for p in frozenset().union(*groups)}


# Read across councils, by the review's team (the walk's "hmi" leads council A's review) and
# by the council's own people; the council writes its self-assessment and activity list; the
# team observes; the lead finalises the youth report.
READERS = only(ACROSS_COUNCILS, {"hmi"}, OWN_COUNCIL)

# URL name -> who may open it, in tests/test_permission_walk.py's terms.
ACCESS: dict = {
    "jar:youth": READERS,
    "jar:youth-self-assessment": READERS,
    "jar:youth-self-assessment-check": only(OWN_COUNCIL),
    "jar:youth-activity-add": only(OWN_COUNCIL),
    "jar:youth-observation-add": only({"hmi"}),
    "jar:youth-observation": READERS,
    "jar:youth-report": READERS,
    "jar:youth-report-print": READERS,
    "jar:youth-report-finalise": only({"hmi"}),
}


def _observation(review, observer):
    return YouthObservation.objects.create(
        review=review,
        session="Detached youth work, town centre",
        observed_on=review.fieldwork_starts,
        observer=observer,
        achievement_grade=3,
        curriculum_grade=2,
        management_grade=4,
        achievement_notes="Young people planned the session themselves.",
        young_people_present=12,
    )


def world(reviews, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    reviews[0] is council A's review (users["hmi"] leads it), reviews[1] council B's."""
    a = _observation(reviews[0], users["hmi"])
    b = _observation(reviews[1], users["hmi_other"])
    return {
        "jar:youth-observation": {
            "pk": (reviews[0].pk, reviews[1].pk),
            "observation_pk": (a.pk, b.pk),
        },
    }


def council_pages(review) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}.
    The review has what a council could see graded: its own self-assessment (its grades are
    its own), an activity, an inspector's graded observation and a finalised youth report with
    grades, none of which the council may read before the review's report is published."""

    YouthSelfAssessment.objects.get_or_create(
        review=review,
        defaults={
            "achievement_grade": 3,
            "achievement_commentary": "Accredited outcomes rose by a fifth this year.",
            "curriculum_grade": 3,
            "management_grade": 2,
            "being_healthy": "Sexual health sessions reach most youth clubs.",
        },
    )
    YouthActivity.objects.get_or_create(
        review=review,
        what="Girls' group",
        defaults={
            "day": review.fieldwork_starts,
            "starts_at": "18:30",
            "venue": "Northside youth centre",
            "outcomes": ["being_healthy"],
            "good_practice": True,
        },
    )
    observer = User.objects.filter(council__isnull=True).first() or User.objects.first()
    observation = review.youth_observations.first() or _observation(review, observer)
    YouthReport.objects.get_or_create(
        review=review,
        defaults={
            "achievement_grade": 3,
            "curriculum_grade": 2,
            "management_grade": 4,
            "strengths": "Young people shape the programme.",
            "weaknesses": "Too little accredited work in the south of the area.",
            "recommendations": "Extend accreditation to the southern clubs.",
            "finalised_at": timezone.now(),
        },
    )
    pk = {"pk": review.pk}
    return {
        "jar:youth": [pk],
        "jar:youth-self-assessment": [pk],
        "jar:youth-self-assessment-check": [pk],
        "jar:youth-activity-add": [pk],
        "jar:youth-observation": [pk | {"observation_pk": observation.pk}],
        "jar:youth-report": [pk],
        "jar:youth-report-print": [pk],
    }
