"""The area assessment's pages (issue 10 §5; 004): reading, writing, raising and withdrawing
flags, publishing and reopening; the links both ways between a flag about the council and the
council's organisational assessment; another council's pages answer 404."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.caa.flags import selectors, services
from ecm.caa.flags.models import AreaAssessment, Flag

pytestmark = pytest.mark.django_db


def url(name, council, year=2009, **kwargs):
    return reverse(f"caa:{name}", kwargs={"la_number": council.la_number, "year": year, **kwargs})


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


def test_an_inspector_writes_the_narrative_on_004s_questions_and_themes(client, hmi, council):
    client.force_login(hmi)
    page = client.get(url("area-edit", council)).content.decode()
    assert "How well do local priorities express community needs and aspirations?" in page
    assert "geographical variation and differences between groups" in page
    assert "People whose circumstances make them vulnerable" in page
    response = client.post(
        url("area-edit", council),
        {
            "priorities": "Young people shaped the plan.",
            "delivery": "Improving.",
            "lock_version": "",
        },
    )
    assert response.status_code == 302
    assert AreaAssessment.objects.get().priorities == "Young people shaped the plan."
    page = client.get(url("area", council)).content.decode()
    assert "Young people shaped the plan." in page and "Drafted" in page


def test_004_raising_a_flag_shows_its_colour_in_words(client, hmi, area):
    client.force_login(hmi)
    response = client.post(
        url("flag-add", area.council),
        {
            "colour": "green",
            "question": "delivery",
            "theme": "",
            "organisation_kind": "council",
            "organisation_name": "",
            "reason": "Exceptional improvement in placement stability.",
        },
    )
    flag = Flag.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "flag", area.council, pk=flag.pk
    )
    page = client.get(response["Location"]).content.decode()
    assert 'govuk-tag govuk-tag--green">Green flag<' in page
    assert "Exceptional performance or improvement" in page
    area_page = client.get(url("area", area.council)).content.decode()
    assert 'govuk-tag--green">Green flag<' in area_page


def test_004_a_flag_without_reason_or_question_shows_the_error_summary(client, hmi, area):
    client.force_login(hmi)
    response = client.post(
        url("flag-add", area.council),
        {"colour": "red", "organisation_kind": "pct", "organisation_name": "A PCT"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert services.NO_REASON in page and services.NO_QUESTION_OR_THEME in page
    assert not Flag.objects.exists()


def test_004_a_council_flag_and_the_councils_organisational_assessment_link_both_ways(
    client, hmi, area, raise_flag
):
    flag = raise_flag(area, organisation_kind="council", colour="green")
    organisational = selectors.organisational_assessment_for(flag)
    client.force_login(hmi)
    flag_page = client.get(url("flag", area.council, pk=flag.pk)).content.decode()
    assert url("organisation", area.council, pk=organisational.pk) in flag_page
    assert "The council's organisational assessment" in flag_page
    org_page = client.get(url("organisation", area.council, pk=organisational.pk))
    assert url("flag", area.council, pk=flag.pk) in org_page.content.decode()


def test_withdrawing_a_flag_keeps_it_in_the_history(client, hmi, area, raise_flag):
    flag = raise_flag(area)
    client.force_login(hmi)
    refused = client.post(url("flag-withdraw", area.council, pk=flag.pk), {"reason": ""})
    assert refused.status_code == 400
    assert services.NO_WITHDRAWAL_REASON in refused.content.decode()
    client.post(url("flag-withdraw", area.council, pk=flag.pk), {"reason": "Raised in error"})
    page = client.get(url("area", area.council)).content.decode()
    assert "Withdrawn flags" in page and "Raised in error" in page


def test_004_the_council_reads_the_assessment_only_once_published(
    client, hmi, director, area, raise_flag
):
    flag = raise_flag(area)
    client.force_login(director)
    for name, kwargs in (("area", {}), ("flag", {"pk": flag.pk})):
        assert client.get(url(name, area.council, **kwargs)).status_code == 404
    client.force_login(hmi)
    response = client.post(
        url("area-publish", area.council),
        {"published_on_0": "9", "published_on_1": "12", "published_on_2": "2009"},
    )
    assert response.status_code == 302
    client.force_login(director)
    page = client.get(url("area", area.council)).content.decode()
    assert "Published" in page and flag.reason in page
    assert client.get(url("flag", area.council, pk=flag.pk)).status_code == 200
    assert client.get(url("area-edit", area.council)).status_code == 404
    assert AuditEntry.objects.filter(verb="caa.area_published", actor=hmi).exists()


def test_a_published_assessment_is_reopened_with_a_reason(client, hmi, area):
    services.area_assessment_publish(actor=hmi, area_assessment=area, published_on=date.today())
    client.force_login(hmi)
    page = client.get(url("area-edit", area.council)).content.decode()
    assert "reopen it, with your reason" in page
    refused = client.post(url("area-reopen", area.council), {"reason": ""})
    assert services.NO_REOPEN_REASON in refused.content.decode()
    client.post(url("area-reopen", area.council), {"reason": "New evidence from the PCT"})
    area.refresh_from_db()
    assert area.status == "drafted"


def test_another_councils_pages_answer_404(
    client, make_user, area, raise_flag, other_council, hmi, ready_to_publish
):
    flag = raise_flag(area, organisation_kind="council")
    ready_to_publish(area)
    services.area_assessment_publish(actor=hmi, area_assessment=area, published_on=date.today())
    organisational = selectors.organisational_assessment_for(flag)
    stranger = make_user(Role.LINK_OFFICER, council=other_council)
    client.force_login(stranger)
    for name, kwargs in (
        ("area", {}),
        ("flag", {"pk": flag.pk}),
        ("organisation", {"pk": organisational.pk}),
    ):
        assert client.get(url(name, area.council, **kwargs)).status_code == 404
    # Nor under its own council's address with this council's objects.
    client.force_login(hmi)
    assert client.get(url("flag", other_council, pk=flag.pk)).status_code == 404
    assert client.get(url("organisation", other_council, pk=organisational.pk)).status_code == 404


def test_a_management_reader_reads_but_does_not_write(client, make_user, area):
    reader = make_user(Role.MANAGEMENT_READER)
    client.force_login(reader)
    assert client.get(url("area", area.council)).status_code == 200
    for name in ("area-edit", "flag-add", "area-publish", "organisation-add"):
        assert client.get(url(name, area.council)).status_code == 404
    assert client.post(url("area-edit", area.council), {}).status_code == 404


def test_an_organisational_assessment_is_added_and_changed(client, hmi, council):
    client.force_login(hmi)
    response = client.post(
        url("organisation-add", council),
        {"organisation_kind": "police", "organisation_name": "Northshire Police", "narrative": "A"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Northshire Police" in page
    (org,) = council.organisational_assessments.all()
    client.post(url("organisation-edit", council, pk=org.pk), {"narrative": "B", "lock_version": 0})
    org.refresh_from_db()
    assert org.narrative == "B" and org.lock_version == 1


def test_the_council_panel_counts_flags_once_published(
    hmi, director, area, raise_flag, ready_to_publish
):
    raise_flag(area)
    raise_flag(area, colour="green", organisation_kind="council")
    for user, shown in ((hmi, True), (director, False)):
        panel = selectors.council_panel(council=area.council, user=user)
        html = render_to_string(
            "caa/flags/_on_council.html", {"panel": panel, "user": user, "council": area.council}
        )
        assert "Area assessment" in html
        assert ("Red flags</strong> 1" in html) == shown
    ready_to_publish(area)
    services.area_assessment_publish(actor=hmi, area_assessment=area, published_on=date.today())
    panel = selectors.council_panel(council=area.council, user=director)
    assert (panel["red"], panel["green"]) == (1, 1)
    assert panel["url"] == url("area", area.council)


def test_the_area_page_is_printable_without_its_buttons(client, hmi, area):
    client.force_login(hmi)
    page = client.get(url("area", area.council)).content.decode()
    assert "govuk-button-group govuk-!-display-none-print" in page
    assert "<script" not in page.split('id="main-content"')[1].split("</main>")[0]


def test_the_councils_2009_page_shows_the_area_assessment_panel(client, hmi, area, raise_flag):
    raise_flag(area)
    client.force_login(hmi)
    response = client.get(reverse("caa:council", kwargs={"la_number": area.council.la_number}))
    page = response.content.decode()
    assert '<h2 class="govuk-heading-m">Area assessment</h2>' in page
    assert url("area", area.council) in page
