"""The JAR's pages (issue 9 §1, §2): notifying a council, the review with its timeline and
set-up warnings, the council's list of 100 cases sent as CSV (refused whole with every problem),
the lead's draw and swap."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.jar import services
from ecm.jar.conftest import hundred
from ecm.jar.models import CaseFile, Inspectorate, JointAreaReview, TeamMember

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def _day(prefix: str, day: date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _csv(rows) -> SimpleUploadedFile:
    text = "reference,category\n" + "".join(f"{r},{c}\n" for r, c in rows)
    return SimpleUploadedFile("cases.csv", text.encode(), content_type="text/csv")


def _hundred(**bad):
    rows = [(f"LAC-{n:03d}", "looked_after") for n in range(35)]
    rows += [(f"CP-{n:03d}", "child_protection") for n in range(35)]
    rows += [(f"CIN-{n:03d}", "child_in_need") for n in range(30)]
    for index, row in bad.items():
        rows[int(index.removeprefix("row"))] = row
    return rows


@pytest.fixture
def review(client, administrator, council, hmi):
    data = {"council": council.pk}
    for name, day in (
        ("notified_on", date(2007, 4, 13)),
        ("setup_meeting", date(2007, 6, 15)),
        ("analysis_starts", date(2007, 9, 24)),
        ("fieldwork_starts", date(2007, 10, 15)),
    ):
        data.update(_day(name, day))
    response = _as(client, administrator).post(reverse("jar:notify"), data)
    assert response.status_code == 302, response.content.decode()
    found = JointAreaReview.objects.get(council=council)
    TeamMember.objects.create(
        review=found, user=hmi, name="Helen Marsh", inspectorate=Inspectorate.OFSTED, is_lead=True
    )
    return found


def test_the_review_page_shows_the_timeline_with_rules_and_what_set_up_lacks(
    client, review, administrator
):
    page = _as(client, administrator).get(reverse("jar:review", kwargs={"pk": review.pk}))
    text = page.content.decode()
    assert "Friday 1 June 2007" in text and "two weeks (10 working days) before" in text
    assert "10 working days from the draft report" in text
    assert "nobody from the Healthcare Commission" in text


def test_the_council_sends_its_cases_and_a_name_is_refused(client, review, link_officer, hmi):
    url = reverse("jar:cases-list", kwargs={"pk": review.pk})
    bad = _as(client, link_officer).post(
        url, {"file": _csv(_hundred(row4=("Jane Smith", "looked_after")))}
    )
    text = bad.content.decode()
    assert bad.status_code == 400 and "Jane Smith" in text and "never a name" in text
    assert not CaseFile.objects.exists()
    good = client.post(url, {"file": _csv(_hundred())})
    assert good.status_code == 302
    assert CaseFile.objects.filter(review=review).count() == 100
    # The council's page shows no set-up warnings; the lead draws and swaps.
    page = client.get(reverse("jar:review", kwargs={"pk": review.pk})).content.decode()
    assert "The set-up is not complete" not in page and "100 of 100" in page
    assert (
        _as(client, hmi).post(reverse("jar:cases-draw", kwargs={"pk": review.pk})).status_code
        == 302
    )
    assert CaseFile.objects.filter(review=review, tracked=True).count() == 10
    out = CaseFile.objects.filter(review=review, tracked=True, category="child_in_need").first()
    into = CaseFile.objects.filter(review=review, tracked=False, category="child_in_need").first()
    response = client.post(
        reverse("jar:case-swap", kwargs={"pk": review.pk}),
        {"out_reference": out.reference, "in_reference": into.reference, "reason": "Moved away"},
    )
    assert response.status_code == 302
    into.refresh_from_db()
    assert into.tracked


def test_a_file_that_is_not_a_case_list_is_refused(client, review, link_officer):
    url = reverse("jar:cases-list", kwargs={"pk": review.pk})
    upload = SimpleUploadedFile("cases.csv", b"\x00\x01PK binary", content_type="text/csv")
    response = _as(client, link_officer).post(url, {"file": upload})
    # Issue 21 §1: refused while reading, at its row and column, with what was found.
    body = response.content.decode()
    assert response.status_code == 400 and "Row 1, column A" in body and "(NUL)" in body


def test_another_councils_people_never_reach_the_review(client, review, make_user, other_council):
    stranger = make_user(Role.LINK_OFFICER, council=other_council)
    for name in ("jar:review", "jar:cases-list"):
        assert _as(client, stranger).get(reverse(name, kwargs={"pk": review.pk})).status_code == 404
    listing = client.get(reverse("jar:list")).content.decode()
    assert review.council.name not in listing


def test_the_council_records_a_tracked_cases_consent_and_questionnaires(
    client, review, link_officer, hmi
):
    services.case_files_submit(actor=link_officer, review=review, lines=hundred())
    services.cases_draw(actor=hmi, review=review, seed="pages")
    case = CaseFile.objects.filter(review=review, tracked=True).first()
    url = reverse("jar:case", kwargs={"pk": review.pk, "case_pk": case.pk})
    page = _as(client, link_officer).get(url).content.decode()
    assert "No questionnaire sent to the lead professional" in page
    response = client.post(
        url,
        {
            "contact-kind": "parent",
            **{f"contact-leaflet_sent_on_{i}": v for i, v in enumerate((18, 6, 2007))},
            **{f"contact-consent_sent_on_{i}": v for i, v in enumerate((18, 6, 2007))},
        },
    )
    assert response.status_code == 302, response.content.decode()
    response = client.post(
        url,
        {
            "questionnaire-agency": "School",
            **{f"questionnaire-sent_on_{i}": v for i, v in enumerate((18, 6, 2007))},
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Parent 1: the consent form has not come back" in page
    assert "9 Jul 2007" in page  # due three weeks after 18 June
    # The lead inspector reads it but records nothing.
    assert _as(client, hmi).get(url).status_code == 200
    assert client.post(url, {"questionnaire-agency": "GP"}).status_code == 404
    untracked = CaseFile.objects.filter(review=review, tracked=False).first()
    other = reverse("jar:case", kwargs={"pk": review.pk, "case_pk": untracked.pk})
    assert client.get(other).status_code == 404
