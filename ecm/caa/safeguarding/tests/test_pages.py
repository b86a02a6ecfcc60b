"""The full inspection's pages (issue 10 §4; 004): notifying, the inspection, judging,
publishing (check your answers, then confirm), the report, the programme and the council's
panel; errors shown in the GOV.UK error summary; the council sees no judgement before the
report is published; another council's pages answer 404."""

from datetime import date

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.caa.safeguarding import services, services_report
from ecm.caa.safeguarding.models import FullInspection
from ecm.caa.unannounced import selectors as unannounced

pytestmark = pytest.mark.django_db


def url(name, inspection=None, council=None, **kwargs):
    council = council or inspection.council
    if inspection is not None:
        kwargs["pk"] = inspection.pk
    return reverse(f"caa:{name}", kwargs={"la_number": council.la_number, **kwargs})


def day(prefix: str, value: date) -> dict:
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


def test_an_inspector_notifies_a_council_with_the_documents_requested(client, hmi, council):
    client.force_login(hmi)
    page = client.get(url("safeguarding-notify", council=council)).content.decode()
    assert "Minutes of Local Safeguarding Children Board meetings and related documents" in page
    assert "Next inspection due by 31 March 2012" in page
    response = client.post(
        url("safeguarding-notify", council=council),
        {
            **day("notified_on", date(2009, 9, 14)),
            **day("first_day_on_site", date(2009, 9, 28)),
            **day("last_day_on_site", date(2009, 10, 2)),
            **day("documents_due_on", date(2009, 9, 21)),
            "lead_inspector": hmi.pk,
            "documents": ["cypp", "jsna"],
        },
    )
    inspection = FullInspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("safeguarding-inspection", inspection)
    page = client.get(response["Location"]).content.decode()
    assert "Joint Strategic Needs Assessment" in page and "Due by 21 September 2009" in page
    assert "England working days" in page  # the report's deadline says its calendar


def test_004_too_little_notice_shows_the_error_summary(client, hmi, council):
    client.force_login(hmi)
    response = client.post(
        url("safeguarding-notify", council=council),
        {
            **day("notified_on", date(2009, 9, 14)),
            **day("first_day_on_site", date(2009, 9, 21)),
            **day("last_day_on_site", date(2009, 9, 28)),
            "lead_inspector": hmi.pk,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "two weeks&#x27; notice (004)" in page or "two weeks' notice (004)" in page
    assert services.NO_DOCUMENTS in page and services.NO_DOCUMENTS_DUE in page
    assert not FullInspection.objects.exists()


def test_the_council_sees_the_notification_but_no_judgement_before_publication(
    client, director, judged, hmi
):
    """004 "Reporting"; 002 §A: grades reach the council only when published."""
    client.force_login(director)
    page = client.get(url("safeguarding-inspection", judged)).content.decode()
    assert "Children and Young People" in page and "Judged" in page
    assert "Adequate" not in page and "Rationale" not in page
    assert "shown here once the report is published" in page
    for name, kwargs in (
        ("safeguarding-report", {}),
        ("safeguarding-judgements", {"section": "lac"}),
        ("safeguarding-visit", {}),
        ("safeguarding-publish", {}),
        ("safeguarding-recommendation-add", {}),
    ):
        assert client.get(url(name, judged, **kwargs)).status_code == 404, name
    assert client.get(url("safeguarding-notify", council=judged.council)).status_code == 404
    assert client.get(reverse("caa:safeguarding-programme")).status_code == 404
    council_page = client.get(reverse("caa:council", args=[judged.council.la_number]))
    assert "Adequate" not in council_page.content.decode()


def test_the_judgements_page_shows_a_missing_rationale(client, hmi, visited):
    client.force_login(hmi)
    page = client.get(url("safeguarding-judgements", visited, section="lac")).content.decode()
    assert "Making a positive contribution" in page and "Outstanding" in page
    response = client.post(
        url("safeguarding-judgements", visited, section="lac"),
        {"grade_staying_safe": "2", "lock_version": visited.lock_version},
    )
    assert response.status_code == 400
    assert services_report.NO_RATIONALE.format(title="staying safe") in response.content.decode()
    response = client.post(
        url("safeguarding-judgements", visited, section="lac"),
        {
            "grade_staying_safe": "2",
            "rationale_staying_safe": "Reviews are timely",
            "lock_version": visited.lock_version,
        },
    )
    assert response.status_code == 302
    assert visited.judgements.get(section="lac", code="staying_safe").grade == 2
    assert client.get(url("safeguarding-judgements", visited, section="housing")).status_code == 404


def test_publishing_checks_the_answers_then_confirms(client, hmi, judged, director):
    client.force_login(hmi)
    page = client.get(url("safeguarding-publish", judged)).content.decode()
    assert "Friday 30 October 2009" in page and "England working days" in page
    answers = {**day("published_on", date(2009, 10, 20)), "lock_version": judged.lock_version}
    check = client.post(url("safeguarding-publish", judged), answers)
    assert check.status_code == 200
    text = check.content.decode()
    assert "Check the report before publishing it" in text and "Staying safe" in text
    assert FullInspection.objects.get().status == "judged"
    done = client.post(url("safeguarding-publish", judged), {**answers, "action": "confirm"})
    assert done.status_code == 302
    assert done["Location"] == url("safeguarding-report", judged)
    client.force_login(director)
    report = client.get(url("safeguarding-report", judged)).content.decode()
    assert "Safeguarding" in report and "Services for looked after children" in report
    assert "Adequate" in report and "Ensure every initial assessment" in report


def test_004_a_late_publication_asks_for_the_reason(client, hmi, judged):
    client.force_login(hmi)
    answers = {**day("published_on", date(2009, 11, 2)), "lock_version": judged.lock_version}
    response = client.post(url("safeguarding-publish", judged), {**answers, "action": "confirm"})
    assert response.status_code == 400
    assert "give the reason for lateness" in response.content.decode()
    assert FullInspection.objects.get().status == "judged"


def test_a_recommendation_is_added_with_its_timescale(client, hmi, visited):
    client.force_login(hmi)
    refused = client.post(url("safeguarding-recommendation-add", visited), {"section": "lac"})
    assert refused.status_code == 400
    assert services_report.NO_TEXT in refused.content.decode()
    client.post(
        url("safeguarding-recommendation-add", visited),
        {"section": "lac", "text": "Review placements", "timescale": "six_months"},
    )
    page = client.get(url("safeguarding-inspection", visited)).content.decode()
    assert "Review placements" in page and "within six months" in page


def test_the_programme_marks_brought_forward_inspections(
    client, hmi, council, other_council, monkeypatch
):
    letter = {"letter_on": date(2009, 6, 26), "url": "/caa/unannounced/1/"}

    def serious_concerns_after(*, council: object, after):
        return letter if council == other_council else None

    monkeypatch.setattr(unannounced, "serious_concerns_after", serious_concerns_after)
    # The programme reads every council's letters at once.
    monkeypatch.setattr(
        unannounced, "serious_concerns_by_council", lambda: {other_council.pk: [letter]}
    )
    client.force_login(hmi)
    page = client.get(reverse("caa:safeguarding-programme")).content.decode()
    assert page.index(other_council.name) < page.index(council.name), "soonest first"
    assert "Brought forward" in page and "26 September 2009" in page
    panel = client.get(reverse("caa:council", args=[other_council.la_number])).content.decode()
    assert "due by <strong>26 September 2009</strong>" in panel
    assert "/caa/unannounced/1/" in panel and "31 March 2012" in panel


def test_another_councils_pages_answer_404(client, make_user, published, other_council):
    client.force_login(make_user(Role.LINK_OFFICER, council=other_council))
    for name in ("safeguarding-inspection", "safeguarding-report"):
        assert client.get(url(name, published)).status_code == 404
    wrong_council = url("safeguarding-inspection", published, council=other_council)
    assert client.get(wrong_council).status_code == 404


def test_the_report_is_printable_with_both_sections(client, hmi, published):
    client.force_login(hmi)
    page = client.get(url("safeguarding-report", published)).content.decode()
    assert "govuk-!-display-none-print" in page
    assert page.index('id="section-safeguarding"') < page.index('id="section-lac"')
    assert "Director of Children\u2019s Services" in page


def test_an_unpublished_inadequate_judgement_reaches_no_page_of_the_council(
    client, visited, judge, council, link_officer
):
    """Grades reach the council only with the published report (DOMAIN.md §1): while the
    report waits, neither the council's 2009 page (its schedule) nor the inspection's page
    says that overall effectiveness was judged inadequate (004's 12-month rule waits too)."""
    inspection = judge(visited, {"lac": {"overall_effectiveness": 1}})
    client.force_login(link_officer)
    for page in (
        reverse("caa:council", args=[council.la_number]),
        url("safeguarding-inspection", inspection),
    ):
        text = client.get(page).content.decode()
        assert "inadequate" not in text.lower(), page
    assert client.get(url("safeguarding-report", inspection)).status_code == 404
