"""The unannounced inspection's pages (issue 10 §3; 004): recording the visit, evaluating the
nine aspects, the outcome and the letter, checking and sending it, the printable letter and the
programme; the services' refusals on the page in the GOV.UK error summary; the council never
sees a draft and reads the sent letter; another council's pages answer 404."""

from datetime import date

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.unannounced import services, views
from ecm.caa.unannounced.demo import FINDINGS, LETTER
from ecm.caa.unannounced.models import UnannouncedInspection
from ecm.caa.unannounced.tests.conftest import RECIPIENTS

pytestmark = pytest.mark.django_db


def url(name, inspection=None, council=None):
    council = council or inspection.council
    kwargs = {"la_number": council.la_number}
    if inspection is not None:
        kwargs["pk"] = inspection.pk
    return reverse(f"caa:{name}", kwargs=kwargs)


def day(prefix: str, value: date) -> dict:
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def visit_post(lead, **change) -> dict:
    data = {
        "lead_inspector": lead.pk,
        **day("first_day", date(2009, 6, 16)),
        **day("day_2", date(2009, 6, 17)),
        "centres_count": 6,
        "centres_visited": "Central referral team\nNorth assessment team",
        "case_files": 30,
        "staff_spoken": 12,
        "lock_version": 0,
    }
    return data | change


def test_004_an_inspector_records_the_visit_on_the_page(client, hmi, brm, council):
    client.force_login(brm)
    page = client.get(url("unannounced-new", council=council)).content.decode()
    assert "Record an unannounced inspection" in page and "Lead inspector" in page
    response = client.post(url("unannounced-new", council=council), visit_post(hmi))
    found = UnannouncedInspection.objects.get()
    assert response.status_code == 302 and response["Location"] == url("unannounced", found)
    page = client.get(response["Location"]).content.decode()
    assert views.RECORDED in page and "North assessment team" in page
    assert "16 to 17 June 2009 (2 days on site" in page and "2009\u201310" in page
    assert "Draft" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({**day("day_3", date(2009, 6, 18))}, services.TOO_MANY_DAYS.format(days=2)),
        ({"centres_visited": "Central"}, "Name at least 2 centres visited"),
        ({**day("first_day", date(2009, 3, 30)), **day("day_2", date(2009, 3, 31))},
         services.BEFORE_START),
        ({"lead_inspector": ""}, services.NO_LEAD),
    ],
)  # fmt: skip
def test_004_a_refused_visit_shows_the_error_summary(client, hmi, council, change, message):
    client.force_login(hmi)
    response = client.post(url("unannounced-new", council=council), visit_post(hmi, **change))
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    assert "govuk-error-summary" in page and message in page
    assert not UnannouncedInspection.objects.exists()


def test_004_an_exceptional_visit_needs_its_reason_on_the_page(client, hmi, council):
    client.force_login(hmi)
    longer = visit_post(hmi, **day("day_3", date(2009, 6, 18)), exceptional="on")
    response = client.post(url("unannounced-new", council=council), longer)
    assert response.status_code == 400
    assert services.NO_EXCEPTIONAL_REASON in response.content.decode().replace("&#x27;", "'")
    longer["exceptional_reason"] = "A child protection referral on the second day"
    assert client.post(url("unannounced-new", council=council), longer).status_code == 302
    page = client.get(url("unannounced", UnannouncedInspection.objects.get())).content.decode()
    assert "exceptional circumstances: A child protection referral" in page


def test_the_aspects_the_outcome_and_sending_through_the_pages(client, hmi, inspection):
    """004: the nine aspects on one page, the outcome and the four recipients, then check your
    answers and send; the letter then no longer changes."""
    client.force_login(hmi)
    page = client.get(url("unannounced-aspects", inspection)).content.decode()
    assert "1. Quality and timeliness of assessments" in page and "9. Effectiveness" in page
    posted = {**FINDINGS, "lock_version": inspection.lock_version}
    assert client.post(url("unannounced-aspects", inspection), posted).status_code == 302
    inspection.refresh_from_db()
    page = client.get(url("unannounced-outcome", inspection)).content.decode()
    assert "The inspection has raised serious concerns" in page
    assert "Copied to: the Chair of the local Safeguarding Children Board" in page
    letter = {
        "outcome": "serious_concerns",
        "letter_body": LETTER,
        **RECIPIENTS,
        "lock_version": inspection.lock_version,
    }
    assert client.post(url("unannounced-outcome", inspection), letter).status_code == 302
    inspection.refresh_from_db()
    check = client.get(url("unannounced-send", inspection)).content.decode()
    assert "Check the letter" in check and "Gordon Ellis" in check
    assert "The inspection has raised serious concerns." in check
    assert "cannot be sent yet" not in check
    sent = {**day("sent_on", date(2009, 6, 26)), "lock_version": inspection.lock_version}
    response = client.post(url("unannounced-send", inspection), sent, follow=True)
    assert views.SENT_SERIOUS in response.content.decode().replace("&#x27;", "'")
    inspection.refresh_from_db()
    assert inspection.is_sent and inspection.sent_on == date(2009, 6, 26)
    # Issue 20 §3: opened again, the page says when the letter was sent and by whom.
    page = client.get(url("unannounced-aspects", inspection)).content.decode()
    assert views.SENT_STANDS in page
    assert "was sent to the council on 26 June 2009" in page
    refused = client.post(url("unannounced-aspects", inspection), posted)
    assert refused.status_code == 409
    assert "Nothing you entered was saved" in refused.content.decode()


def test_004_sending_an_incomplete_letter_is_refused_on_the_page(client, hmi, inspection):
    client.force_login(hmi)
    check = client.get(url("unannounced-send", inspection)).content.decode()
    assert "cannot be sent yet" in check and services.NO_OUTCOME in check
    sent = {**day("sent_on", date(2009, 6, 26)), "lock_version": inspection.lock_version}
    response = client.post(url("unannounced-send", inspection), sent)
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    assert "govuk-error-summary" in page and services.NO_BODY in page
    assert "Evaluate each of the nine aspects (004)" in page


def test_a_stale_page_shows_what_to_do(client, hmi, inspection):
    client.force_login(hmi)
    posted = {"thresholds": "Clear", "lock_version": inspection.lock_version + 5}
    response = client.post(url("unannounced-aspects", inspection), posted)
    assert response.status_code == 400 and "Someone else changed this inspection" in (
        response.content.decode().replace("&#x27;", "'")
    )


def test_issue_10_the_council_never_sees_a_draft_and_reads_the_sent_letter(
    client, inspection, complete, send, director, link_officer
):
    """Issue 10 §3 / 004: the findings reach the council by letter: before it is sent the
    inspection and its letter are 404 to the council (as a missing page), after it they read
    both; its forms stay closed to them."""
    for user in (director, link_officer):
        client.force_login(user)
        for name in ("unannounced", "unannounced-letter", "unannounced-aspects"):
            assert client.get(url(name, inspection)).status_code == 404
        council_page = client.get(reverse("caa:council", args=[inspection.council.la_number]))
        assert "once the inspectors have sent its letter" in council_page.content.decode()
    send(complete(inspection, outcome="some_concerns"))
    client.force_login(director)
    letter = client.get(url("unannounced-letter", inspection)).content.decode()
    assert "The inspection has raised some concerns." in letter and "Gordon Ellis" in letter
    assert "Director of Children\u2019s Services" in letter and "Judith Carr" in letter
    assert "Print this page" in letter and "Draft" not in letter
    assert client.get(url("unannounced", inspection)).status_code == 200
    for name in ("unannounced-visit", "unannounced-outcome", "unannounced-send"):
        assert client.get(url(name, inspection)).status_code == 404
    council_page = client.get(reverse("caa:council", args=[inspection.council.la_number]))
    assert "Some concerns" in council_page.content.decode()


def test_another_councils_people_get_404(client, inspection, complete, send, make_user):
    send(complete(inspection))

    client.force_login(make_user(Role.LINK_OFFICER, council=CouncilFactory()))
    assert client.get(url("unannounced", inspection)).status_code == 404
    assert client.get(url("unannounced-letter", inspection)).status_code == 404
    assert client.get(reverse("caa:unannounced-programme")).status_code == 404


def test_the_inspectorate_previews_the_draft_letter(client, inspection, make_user):
    client.force_login(make_user(Role.MANAGEMENT_READER))
    letter = client.get(url("unannounced-letter", inspection)).content.decode()
    assert "Draft: the letter has not been sent" in letter
    assert client.get(url("unannounced-aspects", inspection)).status_code == 404


def test_004_the_programme_of_the_inspection_year(client, hmi, inspection, other_council):
    """004: annual from 1 April 2009: the year's programme shows each council, inspected or
    not; years before 2009-10 do not exist."""
    client.force_login(hmi)
    page = client.get(reverse("caa:unannounced-programme") + "?year=2009").content.decode()
    assert "Inspection year 2009\u201310" in page and inspection.council.name in page
    assert url("unannounced", inspection) in page
    assert url("unannounced-new", council=other_council) in page
    missing = client.get(reverse("caa:unannounced-programme") + "?year=2008")
    assert missing.status_code == 404
    assert client.get(reverse("caa:unannounced-programme") + "?year=x").status_code == 404
    assert client.get(reverse("caa:unannounced-programme")).status_code == 200
