"""The voluntary part's pages (issue 9 §4; 001 "Voluntary sector stakeholder survey"): the
council's list one by one and as a CSV file, the links shown once, the respondent's own
questionnaire by its link without signing in, and the inspectors' summary the council never
sees."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.jar.voluntary import services as s
from ecm.jar.voluntary.demo import seed
from ecm.jar.voluntary.models import PartnerQuestionnaire, VoluntaryPartner

pytestmark = pytest.mark.django_db

ANSWERS = {
    "partnership_working": "We meet the council monthly",
    "commissioning_and_grants": "A three-year grant",
    "safeguarding_and_support": "Training from the board",
}


@pytest.fixture
def council_user(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)


def _links(client, review, lead, *partners) -> list[str]:
    client.force_login(lead)
    url = reverse("jar:questionnaire-send", kwargs={"pk": review.pk})
    response = client.post(url, {"partners": [str(p.pk) for p in partners]})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"].split(", ")
    client.logout()
    return re.findall(r"http://testserver(/jar/respond/[^<\s]+/)", response.content.decode())


def test_the_council_adds_and_changes_a_partner_and_a_stale_page_is_refused(
    client, review, council_user
):
    client.force_login(council_user)
    add = reverse("jar:partner-add", kwargs={"pk": review.pk})
    data = {"name": "Riverside Young Carers", "services": "Respite", "nature": "contract"}
    assert client.post(add, data).status_code == 302
    partner = VoluntaryPartner.objects.get()
    change = reverse("jar:partner-change", kwargs={"pk": review.pk, "partner_pk": partner.pk})
    page = client.get(change)
    assert 'name="lock_version"' in page.content.decode()
    assert client.post(change, {**data, "nature": "informal", "lock_version": 1}).status_code == 302
    stale = client.post(change, {**data, "nature": "spot_purchase", "lock_version": 1})
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()
    assert VoluntaryPartner.objects.get().nature == "informal"


def test_a_bad_csv_is_refused_whole_with_row_column_value_and_reason(client, review, council_user):
    """001 "Voluntary sector stakeholder survey": the list in order of significance, stored
    all or nothing."""
    client.force_login(council_user)
    url = reverse("jar:partners-upload", kwargs={"pk": review.pk})
    text = "name,services,nature\nAlpha,Respite,contract\nBeta,Advice,barter\n"
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", text.encode())})
    body = response.content.decode()
    assert response.status_code == 400 and "barter" in body and ">3<" in body
    assert "Nothing was stored" in body and not VoluntaryPartner.objects.exists()
    good = text.replace("barter", "informal")
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", good.encode())})
    assert response.status_code == 302
    assert list(VoluntaryPartner.objects.values_list("rank", "name")) == [(1, "Alpha"), (2, "Beta")]


def test_the_respondent_sees_only_its_own_questionnaire_without_signing_in(
    client, review, council_user, lead
):
    """001: "Selected voluntary sector groups are asked to complete a questionnaire": each by
    its own link; A's link never shows B's name or answers; a wrong link is a 404."""
    a = s.partner_add(actor=council_user, review=review, name="Alpha Trust", services="x",
                      nature="contract")  # fmt: skip
    b = s.partner_add(actor=council_user, review=review, name="Beta Club", services="x",
                      nature="informal")  # fmt: skip
    link_a, link_b = _links(client, review, lead, a, b)
    s.questionnaire_answer(
        questionnaire=PartnerQuestionnaire.objects.get(partner=b),
        answers={**ANSWERS, "partnership_working": "Beta's secret answer"},
    )
    page = client.get(link_a)
    body = page.content.decode()
    assert page.status_code == 200 and "Alpha Trust" in body
    assert "Beta" not in body and "secret" not in body
    assert "Sign out" not in body and "govuk-service-navigation__list" not in body
    for heading in ("Partnership working", "Commissioning and grant funding",
                    "Safeguarding and support systems provided by the council"):  # fmt: skip
        assert heading in body
    assert client.get("/jar/respond/not-a-real-token/").status_code == 404
    done = client.get(link_b).content.decode()
    assert "already answered" in done and "secret" not in done


def test_the_respondent_checks_the_answers_then_sends_them_once(client, review, council_user, lead):
    a = s.partner_add(actor=council_user, review=review, name="Alpha Trust", services="x",
                      nature="contract")  # fmt: skip
    (link,) = _links(client, review, lead, a)
    empty = client.post(link, {})
    assert empty.status_code == 400 and "Enter your answer about partnership working" in (
        empty.content.decode()
    )
    check = client.post(link, ANSWERS)
    assert "Check your answers" in check.content.decode()
    assert not PartnerQuestionnaire.objects.get().answered
    back = client.post(link, {**ANSWERS, "action": "change"})
    assert "A three-year grant" in back.content.decode()
    sent = client.post(link, {**ANSWERS, "action": "confirm"})
    assert sent.status_code == 302
    assert PartnerQuestionnaire.objects.get().answers == ANSWERS
    assert "already answered" in client.get(link).content.decode()


def test_a_withdrawn_link_answers_404(client, review, council_user, lead):
    a = s.partner_add(actor=council_user, review=review, name="Alpha Trust", services="x",
                      nature="contract")  # fmt: skip
    (link,) = _links(client, review, lead, a)
    client.force_login(lead)
    q = PartnerQuestionnaire.objects.get()
    client.post(reverse("jar:questionnaire-revoke", kwargs={"pk": review.pk,
                                                            "questionnaire_pk": q.pk}))  # fmt: skip
    client.logout()
    assert client.get(link).status_code == 404


def test_the_council_sees_who_answered_but_never_the_answers(client, review, council_user, lead):
    """The partners answer to the inspectorate: the council's pages show sent and answered,
    the summary is the inspectors' (a 404 for the council)."""
    seed(review=review, council_user=council_user, lead=lead)
    answers = [v for q in PartnerQuestionnaire.objects.all() for v in q.answers.values()]
    client.force_login(council_user)
    page = client.get(reverse("jar:partners", kwargs={"pk": review.pk})).content.decode()
    assert "Answered" in page and not any(a in page for a in answers)
    review_page = client.get(reverse("jar:review", kwargs={"pk": review.pk})).content.decode()
    assert "6 partners listed; 3 questionnaires sent, 2 answered" in review_page
    summary = reverse("jar:questionnaire-summary", kwargs={"pk": review.pk})
    assert client.get(summary).status_code == 404
    client.force_login(lead)
    body = client.get(summary).content.decode()
    assert "2 of 3 questionnaires answered; 1 outstanding" in body
    assert all(a.replace("'", "&#x27;") in body for a in answers)


def test_the_questionnaire_by_its_link_is_never_cached_issue_21_4(
    client, review, council_user, lead
):
    """Opened without signing in, so the middleware's no-store does not reach it: the page,
    its check of the answers, its refusal and the page once answered each say no-store."""
    a = s.partner_add(actor=council_user, review=review, name="Alpha Trust", services="x",
                      nature="contract")  # fmt: skip
    (link,) = _links(client, review, lead, a)
    pages = [client.get(link), client.post(link, {}), client.post(link, ANSWERS)]
    client.post(link, {**ANSWERS, "action": "confirm"})
    pages.append(client.get(link))
    for page in pages:
        directives = [d.strip() for d in page["Cache-Control"].split(",")]
        assert "no-store" in directives and "private" in directives, page.status_code
