"""The permission walk's entries for the annual questionnaires' pages
(tests/test_permission_walk.py), and the council's pages for the grade-leakage walk
(tests/grade_leakage_support.py).

Issue 24 §3: every new URL is walked, including the page a private link opens, which anyone
(signed in or not) opens with the link and which shows only its own questionnaire."""

from datetime import date

from ecm.surveys.models import Survey, SurveyLink
from ecm.surveys.services import token_hash

ANON = "anon"
INSPECTORATE = ("admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel")
OWN_COUNCIL = ("lo_own", "dcs_own")
RUNS_THEM = ("admin", "hmi", "brm", "hmi_other")  # an inspector or the programme administrator
SIGNED_IN = (*INSPECTORATE, *OWN_COUNCIL, "lo_other")
YEAR = 2009


def _only(*names) -> dict[str, int]:
    return {n: 200 for n in names}


# URL name -> who may open it, in tests/test_permission_walk.py's terms. The inspectorate reads
# every council's surveys, a council its own; inspectors and the administrator run them; a
# link's page is opened by anyone who has the link, without signing in.
ACCESS: dict = {
    "surveys:council": _only(*INSPECTORATE, *OWN_COUNCIL),
    "surveys:open": _only(*RUNS_THEM),
    "surveys:survey": _only(*INSPECTORATE, *OWN_COUNCIL),
    "surveys:issue": _only(*RUNS_THEM),
    "surveys:close": _only(*RUNS_THEM),
    "surveys:answer": {ANON: 200, **_only(*SIGNED_IN)},
}

WALK_TOKENS = ("walk-survey-token-of-council-a", "walk-survey-token-of-council-b")


def _survey_with_link(council, token: str) -> Survey:
    survey, _ = Survey.objects.get_or_create(
        council=council,
        year=YEAR,
        questionnaire="care4me",
        defaults={"version": "2009", "opened_on": date(YEAR, 9, 1)},
    )
    SurveyLink.objects.get_or_create(
        token_hash=token_hash(token),
        defaults={"survey": survey, "channel": "printed", "issued_on": date(YEAR, 9, 1)},
    )
    return survey


def world(council_a, council_b, users) -> dict:
    """URL kwargs for the walk: {url name prefix: {kwarg: (own council's, other's)}}. Each
    council has an open Care4me survey with one link; the tokens are the walk's own (only their
    hashes are stored)."""
    a, b = (
        _survey_with_link(c, t) for c, t in zip((council_a, council_b), WALK_TOKENS, strict=True)
    )
    return {
        "surveys:": {
            "la_number": (council_a.la_number, council_b.la_number),
            "year": (YEAR, YEAR),
            "pk": (a.pk, b.pk),
            "token": WALK_TOKENS,
        }
    }


def council_pages(council) -> dict[str, list[dict]]:
    """The council's pages of the questionnaires for the grade-leakage walk."""
    token = f"leakage-walk-survey-token-{council.pk}"
    survey = _survey_with_link(council, token)
    return {
        "surveys:council": [{"la_number": council.la_number, "year": YEAR}],
        "surveys:survey": [{"pk": survey.pk}],
        "surveys:answer": [{"token": token}],
    }
