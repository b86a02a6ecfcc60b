"""Complaints about a review and its quality assurance (issue 24 §2; 003: the arrangements
comprise "quality assurance of reviews" and "procedures for handling complaints about the
inspection"). 003 gives no steps nor timescales: the statuses are ours (one audited move), the
timescales our settings."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.core.access import NotYourRole
from ecm.core.once import AlreadyDone
from ecm.jar.quality import services
from ecm.jar.quality.models import Complaint, QualityAssurance
from ecm.jar.quality.selectors import complaint_deadlines
from ecm.jar.quality.workflow import ComplaintStatus

pytestmark = pytest.mark.django_db
TODAY = date(2007, 11, 30)
ALL_MET = {"lines": "met", "evidence": "met", "timeline": "met", "report": "met"}


@pytest.fixture
def complaint(review, link_officer):
    return services.complaint_make(
        actor=link_officer,
        review=review,
        complainant="Jack Blade, Director of Children's Services",
        about="The team did not visit the children's centres the programme named.",
        received_on=date(2007, 11, 1),
        today=TODAY,
    )


def test_the_council_makes_a_complaint_who_what_when_003(review, link_officer, hmi):
    """003: "procedures for handling complaints about the inspection": the council says who
    complains, about what, and when."""
    with pytest.raises(ValidationError) as refused:
        services.complaint_make(
            actor=link_officer, review=review, complainant=" ", about="", today=TODAY,
            received_on=date(2007, 1, 1),
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"complainant", "about", "received_on"}
    with pytest.raises(NotYourRole):
        services.complaint_make(
            actor=hmi, review=review, complainant="x", about="y", received_on=TODAY, today=TODAY
        )
    made = services.complaint_make(
        actor=link_officer, review=review, complainant="Lesley Owen, link officer",
        about="Late feedback", received_on=TODAY, today=TODAY,
    )  # fmt: skip
    assert made.status == ComplaintStatus.RECEIVED
    assert AuditEntry.objects.filter(verb="jar.complaint_made").exists()


def test_a_complaint_moves_received_acknowledged_investigated_decided_with_a_response_003(
    complaint, administrator
):
    """Statuses as data with one audited move: received, acknowledged, investigated, then
    upheld, partly upheld or not upheld with the response."""
    with pytest.raises(ValidationError, match="cannot move from received to upheld"):
        services.complaint_move(
            actor=administrator, complaint=complaint, to="upheld", on=TODAY, response="Yes"
        )
    services.complaint_move(actor=administrator, complaint=complaint, to="acknowledged", on=TODAY)
    services.complaint_move(actor=administrator, complaint=complaint, to="investigated", on=TODAY)
    with pytest.raises(ValidationError, match="Write the response"):
        services.complaint_move(
            actor=administrator, complaint=complaint, to="partly_upheld", on=TODAY
        )
    with pytest.raises(ValidationError, match="going back"):
        services.complaint_move(
            actor=administrator, complaint=complaint, to="acknowledged", on=TODAY
        )
    decided = services.complaint_move(
        actor=administrator, complaint=complaint, to="partly_upheld", on=TODAY,
        response="The centres were visited in week two; the programme should have said so.",
    )  # fmt: skip
    assert decided.status == ComplaintStatus.PARTLY_UPHELD and decided.responded_on == TODAY
    moves = AuditEntry.objects.filter(verb="jar.complaint_moved").order_by("pk")
    assert [m.after["status"] for m in moves] == ["acknowledged", "investigated", "partly_upheld"]
    with pytest.raises(AlreadyDone):  # posted again
        services.complaint_move(
            actor=administrator, complaint=complaint, to="partly_upheld", on=TODAY, response="x"
        )
    with pytest.raises(ValidationError, match="can move to: nowhere"):
        services.complaint_move(
            actor=administrator, complaint=complaint, to="upheld", on=TODAY, response="x"
        )


def test_only_the_administrator_handles_a_complaint(complaint, hmi, link_officer):
    for person in (hmi, link_officer):
        with pytest.raises(NotYourRole):
            services.complaint_move(actor=person, complaint=complaint, to="acknowledged", on=TODAY)


def test_a_stale_page_does_not_move_a_complaint(complaint, administrator):
    read_at = complaint.lock_version
    services.complaint_move(actor=administrator, complaint=complaint, to="acknowledged", on=TODAY)
    with pytest.raises(ValidationError, match="Nothing was saved"):
        services.complaint_move(
            actor=administrator, complaint=complaint, to="investigated", on=TODAY,
            expected_lock_version=read_at,
        )  # fmt: skip


def test_the_timescales_are_our_settings_003_gives_none(complaint, settings):
    acknowledge, answer = complaint_deadlines(complaint)
    assert acknowledge.date == date(2007, 11, 8)  # 5 working days from Thursday 1 November
    assert answer.date == date(2007, 11, 29)  # 20 working days
    assert "our setting" in acknowledge.source and "gives no timescale" in acknowledge.source
    settings.JAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS = 2
    assert complaint_deadlines(complaint)[0].date == date(2007, 11, 5)


def test_council_users_see_only_their_own_councils_complaints_003(
    client, review, complaint, make_user, other_council, administrator, lead
):
    """A council's users see only their own council's complaints; anyone else gets 404, as
    does the review's own team (a complaint may be about it)."""
    url = reverse("jar:complaint", kwargs={"pk": review.pk, "complaint_pk": complaint.pk})
    listing = reverse("jar:complaints", kwargs={"pk": review.pk})
    own = make_user(Role.DIRECTOR, council=review.council)
    stranger = make_user(Role.LINK_OFFICER, council=other_council)
    client.force_login(own)
    page = client.get(url).content.decode()
    assert "The team did not visit" in page and "Move the complaint on" not in page
    assert client.get(listing).status_code == 200
    for person in (stranger, lead):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.get(listing).status_code == 404
    client.force_login(administrator)
    assert "Move the complaint on" in client.get(url).content.decode()


def test_the_complaint_pages_make_and_move_one(client, review, link_officer, administrator):
    client.force_login(link_officer)
    add = reverse("jar:complaint-add", kwargs={"pk": review.pk})
    response = client.post(add, {"complainant": "", "about": ""})
    assert response.status_code == 400 and "Say who is making the complaint" in (
        response.content.decode()
    )
    response = client.post(
        add,
        {
            "complainant": "Lesley Owen, link officer",
            "about": "The feedback came late",
            "received_on_0": "1",
            "received_on_1": "11",
            "received_on_2": "2007",
        },
    )
    made = Complaint.objects.get(review=review)
    assert response.status_code == 302 and response["Location"].endswith(f"/{made.pk}/")
    client.force_login(administrator)
    url = reverse("jar:complaint", kwargs={"pk": review.pk, "complaint_pk": made.pk})
    response = client.post(url, {"to": "acknowledged", "lock_version": made.lock_version})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == ComplaintStatus.ACKNOWLEDGED
    assert "Lesley Owen" in client.get(url).content.decode()


def test_quality_assurance_by_a_reader_not_on_the_team_003(review, lead, make_user):
    """003: "quality assurance of reviews": a reader who was not on the review's team records
    each check and an outcome."""
    reader = make_user(Role.MANAGEMENT_READER)
    with pytest.raises(NotYourRole):
        services.quality_assurance_record(
            actor=lead, review=review, answers=ALL_MET, outcome="meets", notes=""
        )
    with pytest.raises(ValidationError, match="Answer every check"):
        services.quality_assurance_record(
            actor=reader, review=review, answers={"lines": "met"}, outcome="meets", notes=""
        )
    with pytest.raises(ValidationError, match="Say what was not met"):
        services.quality_assurance_record(
            actor=reader, review=review, answers={**ALL_MET, "timeline": "not_met"},
            outcome="meets_with_points", notes="",
        )  # fmt: skip
    record = services.quality_assurance_record(
        actor=reader, review=review, answers=ALL_MET, outcome="meets", notes=""
    )
    assert record.checks == ALL_MET
    assert AuditEntry.objects.filter(verb="jar.quality_assured").exists()
    # A reader who was on the team may not.
    on_team = make_user(Role.MANAGEMENT_READER)
    review.team.create(user=on_team, name="Reader on team", inspectorate="ofsted")
    with pytest.raises(ValidationError, match="You were on this review's team"):
        services.quality_assurance_record(
            actor=on_team, review=review, answers=ALL_MET, outcome="meets", notes=""
        )


def test_the_quality_pages(client, review, lead, make_user, link_officer):
    reader = make_user(Role.MANAGEMENT_READER)
    client.force_login(reader)
    add = reverse("jar:quality-add", kwargs={"pk": review.pk})
    assert client.get(add).status_code == 200
    response = client.post(add, {**ALL_MET, "outcome": "meets"})
    assert response.status_code == 302
    assert QualityAssurance.objects.filter(review=review, reader=reader).count() == 1
    client.force_login(lead)
    page = client.get(reverse("jar:quality", kwargs={"pk": review.pk})).content.decode()
    assert "The review meets the arrangements" in page
    assert client.get(add).status_code == 404  # the team reads it, never records it
    client.force_login(link_officer)
    assert client.get(reverse("jar:quality", kwargs={"pk": review.pk})).status_code == 404
