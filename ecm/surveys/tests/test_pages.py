"""The annual questionnaires' pages (issue 24 §3; 004: "Views of children and young people,
social workers and the voluntary and community sector will be gathered through an annual
questionnaire"): opening, issuing printed links shown once, the answer page opened by its link
without signing in (plain words, no JavaScript needed, used once), the council's view of rates
and of results only once closed, and the closed survey's frozen pages."""

import re

import pytest
from django.urls import reverse

from ecm.surveys import services
from ecm.surveys.models import Survey

pytestmark = pytest.mark.django_db


def _year_url(name, council):
    return reverse(f"surveys:{name}", kwargs={"la_number": council.la_number, "year": 2009})


def _open(client, hmi, council, codes):
    client.force_login(hmi)
    response = client.post(_year_url("open", council), {"questionnaires": codes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return {s.questionnaire: s for s in Survey.objects.filter(council=council)}


def test_the_inspectorate_opens_and_issues_printed_links_shown_once_004(client, hmi, council):
    """004: "An annual questionnaire for children and young people ... to be introduced in
    2009": Care4me's links are anonymous, printed for the council to hand out."""
    opened = _open(client, hmi, council, ["care4me", "aftercare"])
    assert set(opened) == {"care4me", "aftercare"}
    year = client.get(_year_url("council", council)).content.decode()
    assert "Care4me" in year and "Not opened" in year and "gives no questions" in year
    issue = reverse("surveys:issue", kwargs={"pk": opened["care4me"].pk})
    form = client.get(issue).content.decode()
    assert 'name="emails"' not in form  # never a child's address
    made = client.post(issue, {"count": 3})
    assert made.status_code == 200 and "no-store" in made["Cache-Control"]
    links = re.findall(r"http://testserver(/surveys/answer/[^<]+/)", made.content.decode())
    assert len(links) == 3
    survey_page = client.get(reverse("surveys:survey", kwargs={"pk": opened["care4me"].pk}))
    text = survey_page.content.decode()
    assert "Links issued" in text and not any(link in text for link in links)


def test_a_link_opens_signed_out_answers_once_anonymously_004(client, hmi, council):
    """004: "Results from the new annual survey of children and young people, Care4me and
    Aftercare, will be taken into account": in plain words, one form without JavaScript."""
    survey = services.survey_open(actor=hmi, council=council, year=2009, questionnaire="care4me")
    (link,) = services.links_issue(actor=hmi, survey=survey, count=1)
    client.logout()
    page = client.get(link.path)
    text = page.content.decode()
    assert page.status_code == 200 and "Do you feel safe where you live?" in text
    assert "You do not have to give your name" in text and "gives no questions" in text
    assert "<script" not in text.split("<form", 1)[1].split("</form>", 1)[0]
    refused = client.post(link.path, {"feel_safe": "maybe"})
    assert refused.status_code == 400 and "Choose one of the answers" in refused.content.decode()
    sent = client.post(link.path, {"feel_safe": "always", "listened_to": "mostly"})
    assert sent.status_code == 302
    assert "Answers have been sent through this link" in client.get(link.path).content.decode()
    again = client.post(link.path, {"feel_safe": "never"})
    assert again.status_code == 409
    assert client.get("/surveys/answer/no-such-token/").status_code == 404


def test_the_council_sees_rates_and_only_closed_results(client, hmi, council, link_officer):
    survey = services.survey_open(actor=hmi, council=council, year=2009, questionnaire="care4me")
    for link in services.links_issue(actor=hmi, survey=survey, count=6):
        services.survey_answer(token=link.token, answers={"feel_safe": "always"})
    url = reverse("surveys:survey", kwargs={"pk": survey.pk})
    client.force_login(link_officer)
    page = client.get(url).content.decode()
    assert "100%" in page and "once the survey is closed" in page and "Always" not in page
    assert client.get(reverse("surveys:issue", kwargs={"pk": survey.pk})).status_code == 404
    services.survey_close(actor=hmi, survey=survey)
    page = client.get(url).content.decode()
    assert "Always" in page and "Fewer than 5" not in page


def test_a_closed_surveys_edit_pages_say_when_and_by_whom(client, hmi, council):
    survey = services.survey_open(actor=hmi, council=council, year=2009, questionnaire="care4me")
    services.survey_close(actor=hmi, survey=survey)
    client.force_login(hmi)
    for name in ("issue", "close"):
        url = reverse(f"surveys:{name}", kwargs={"pk": survey.pk})
        page = client.get(url).content.decode()
        assert "This survey is closed" in page and hmi.get_full_name() in page
        assert client.post(url, {"count": 1}).status_code == 409
