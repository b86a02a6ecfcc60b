"""The annual rating cites the annual questionnaires' real results (issue 24 §3; 004 "Annual
Rating of Children's Services": the first rating draws on "The views of service users and
relevant stakeholders gathered through questionnaires"). Only a closed survey of the council's
year can be cited (its results frozen); what was cited is kept as it stood, and shown."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.caa.rating import services
from ecm.caa.rating.limits import OUTCOMES
from ecm.surveys import services as surveys
from ecm.surveys.questionnaires import questionnaires
from tests.plugins.framework_once import bundled_framework

pytestmark = pytest.mark.django_db
GOOD = {code: 3 for code, _ in OUTCOMES}


@pytest.fixture(autouse=True)
def framework(db):
    bundled_framework()


def _survey(hmi, council, *, answers=2, close=True, code="care4me"):
    survey = surveys.survey_open(actor=hmi, council=council, year=2009, questionnaire=code)
    for link in surveys.links_issue(actor=hmi, survey=survey, count=4)[:answers]:
        first = questionnaires("2009").get(code).questions[0].code
        surveys.survey_answer(token=link.token, answers={first: "always"})
    return surveys.survey_close(actor=hmi, survey=survey) if close else survey


def _draft(hmi, council, **change):
    kwargs = dict(
        actor=hmi, council=council, rating=3, outcome_grades=GOOD, rationale="Weighed",
        evidence={},
    )  # fmt: skip
    return services.rating_draft(**{**kwargs, **change})


def test_the_rating_cites_closed_survey_results_as_they_stood_004(hmi, council):
    """004: "The views of service users and relevant stakeholders gathered through
    questionnaires" — the questionnaires' results, not a note about them."""
    closed = _survey(hmi, council)
    made = _draft(hmi, council, surveys_cited=[closed.pk])  # the citation is evidence enough
    (cited,) = made.surveys_cited
    assert cited["pk"] == closed.pk and cited["code"] == "care4me"
    assert (cited["issued"], cited["answered"], cited["rate"]) == (4, 2, 50)


def test_an_open_survey_or_another_councils_cannot_be_cited(hmi, council, other_council):
    still_open = _survey(hmi, council, close=False)
    elsewhere = _survey(hmi, other_council)
    for pk in (still_open.pk, elsewhere.pk):
        with pytest.raises(ValidationError, match="Only a closed annual questionnaire"):
            _draft(hmi, council, surveys_cited=[pk], evidence={"self_review": "Candid"})
    with pytest.raises(ValidationError, match=services.NO_EVIDENCE[:30]):
        _draft(hmi, council)


def test_the_draft_page_offers_closed_surveys_and_the_rating_page_shows_them_004(
    client, hmi, council
):
    closed = _survey(hmi, council, code="social_workers")
    _survey(hmi, council, close=False)
    client.force_login(hmi)
    url = reverse("caa:rating-draft", kwargs={"la_number": council.la_number, "year": 2009})
    page = client.get(url).content.decode()
    assert "Social workers: 2 answered, 4 links issued (50%)" in page and "Care4me" not in page
    data = {f"outcome_{code}": 3 for code, _ in OUTCOMES}
    data |= {"rating": 3, "rationale": "Weighed", "lock_version": 0, "surveys": [closed.pk]}
    assert client.post(url, data).status_code == 302
    shown = client.get(
        reverse("caa:rating", kwargs={"la_number": council.la_number, "year": 2009})
    ).content.decode()
    assert "The annual questionnaires cited" in shown
    assert reverse("surveys:survey", kwargs={"pk": closed.pk}) in shown
    assert "2 answered of 4 links (50%)" in shown
