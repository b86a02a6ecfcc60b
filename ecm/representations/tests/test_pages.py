"""The representation pages (issue 7 §5; 002 §J "Representation procedures"): the council
states its intention, adds grounds tied to a paragraph of the published letter (never a file)
and submits; the administrator sets the window, registers members and composes a panel whose
exclusions are explained; a seated member records the decision and the council is told; 404
for everyone else."""

from datetime import timedelta
from html import escape

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import RoleGrant
from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.core.grade_numbers import states_a_grade
from ecm.core.tests.hostile_files import CASES, make
from ecm.letters.ratings import round_ratings
from ecm.representations.models import (
    GroundKind,
    Organisation,
    PanelSeat,
    RatingChange,
    Representation,
    RepresentationStatus,
)
from ecm.representations.selectors import current_grade
from ecm.representations.services import panel_member_register
from ecm.representations.services.decisions import framework_judgement
from ecm.representations.services.representations import NEW_EVIDENCE
from ecm.representations.services.window import OUT_OF_ORDER

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"representations:{name}", kwargs=kwargs)


def _as(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def window_open(published_letter, administrator, client):
    """The round's window set through its page to dates from today (002 §J: the dates are
    set on the round), so that every step is in time whenever the tests run."""
    today = timezone.localdate()
    days = [today + timedelta(days=n) for n in (5, 10, 20)]
    data = {"reason": "This year's window"}
    for name, day in zip(("intention_by", "submission_by", "outcomes_by"), days, strict=True):
        data.update({f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year})
    round_ = published_letter.assessment.round
    response = _as(client, administrator).post(_url("window", pk=round_.pk), data)
    assert response.status_code == 302, response.content.decode()
    round_.refresh_from_db()
    assert round_.representation_intention_by == days[0]
    return published_letter.assessment


def _intend(client, officer, assessment) -> Representation:
    response = _as(client, officer).post(
        _url("intend", pk=assessment.pk), {"judgement": "children_services"}
    )
    assert response.status_code == 302, response.content.decode()
    return Representation.objects.get(assessment=assessment)


def _ground(client, officer, representation, **extra):
    return _as(client, officer).post(
        _url("ground-add", pk=representation.pk),
        {
            "kind": GroundKind.INACCURATE_EVIDENCE,
            "disputes": "p:staying_safe:1",
            "statement": "The referral figures quoted are last year's",
            **extra,
        },
    )


def test_window_dates_out_of_order_are_refused_with_the_rule_002_J(
    client, published_letter, administrator
):
    round_ = published_letter.assessment.round
    data = {"reason": "Wrong order"}
    for name, day in (("intention_by", 20), ("submission_by", 10), ("outcomes_by", 25)):
        data.update({f"{name}_0": day, f"{name}_1": 11, f"{name}_2": round_.year})
    response = _as(client, administrator).post(_url("window", pk=round_.pk), data)
    assert response.status_code == 400
    assert OUT_OF_ORDER.split("{")[0] in response.content.decode()
    assert not AuditEntry.objects.filter(verb="round.representation_dates_set").exists()


def test_council_states_intention_adds_a_ground_and_submits_002_J(
    client, window_open, link_officer, administrator, django_capture_on_commit_callbacks
):
    assessment = window_open
    page = _as(client, link_officer).get(_url("assessment", pk=assessment.pk)).content.decode()
    assert _url("intend", pk=assessment.pk) in page
    # 2007-08 letters state the overall judgement only: the only judgement offered (DOMAIN §7).
    form = client.get(_url("intend", pk=assessment.pk)).content.decode()
    assert 'value="children_services"' in form and 'value="social_care"' not in form
    representation = _intend(client, link_officer, assessment)
    assert representation.status == RepresentationStatus.INTENDED
    # The ground's choices are the published letter's paragraphs.
    form = client.get(_url("ground-add", pk=representation.pk)).content.decode()
    assert 'value="p:staying_safe:1"' in form
    assert _ground(client, link_officer, representation).status_code == 302
    ground = representation.grounds.get()
    assert (ground.section, ground.paragraph) == ("staying_safe", 1)
    assert ground.disputed_text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("submit", pk=representation.pk), {"summary": "One ground"})
    assert response.status_code == 302
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.SUBMITTED
    assessment.refresh_from_db()
    assert assessment.status == "representation"
    # The administrators are asked to compose the panel.
    (email,) = [m for m in mail.outbox if administrator.email in m.to]
    assert "compose" in email.body.lower() and _url("representation", pk=representation.pk) in (
        email.body
    )
    # Submitted: the grounds no longer change, and a stale page says when and by whom (issue
    # 20 §3); a ground posted from it is refused.
    stale = client.get(_url("ground-add", pk=representation.pk))
    assert stale.status_code == 200
    assert "This representation can no longer be changed" in stale.content.decode()
    assert "was submitted on" in stale.content.decode()
    posted = client.post(_url("ground-add", pk=representation.pk), {"statement": "Late"})
    assert posted.status_code == 409
    assert representation.grounds.count() == 1


def test_a_ground_with_a_file_is_refused_no_new_evidence_002_J(client, window_open, link_officer):
    representation = _intend(client, link_officer, window_open)
    upload = SimpleUploadedFile("new.pdf", b"%PDF-1.4 new evidence", "application/pdf")
    response = _ground(client, link_officer, representation, attachment=upload)
    assert response.status_code == 400
    assert NEW_EVIDENCE.split(":")[0] in response.content.decode()
    assert not representation.grounds.exists()


def test_every_hostile_file_as_a_ground_is_refused_unread_issue_21_1(
    client, window_open, link_officer
):
    """The corpus of issue 21 §1 (ecm/core/tests/hostile_files.py): a ground never takes a
    file (002 §J), so each is refused as new evidence, unread, with nothing kept."""
    representation = _intend(client, link_officer, window_open)
    for name, case in CASES.items():
        upload = SimpleUploadedFile(case.file_name, make(name), "application/pdf")
        response = _ground(client, link_officer, representation, attachment=upload)
        assert response.status_code == 400, name
        assert NEW_EVIDENCE.split(":")[0] in response.content.decode(), name
    assert not representation.grounds.exists()


def test_representation_pages_are_the_councils_own_only_once_published_002_J(
    client, published_letter, link_officer, make_user, other_council, letter
):
    assessment = published_letter.assessment
    stranger = make_user(Role.LINK_OFFICER, council=other_council)
    assert _as(client, stranger).get(_url("assessment", pk=assessment.pk)).status_code == 404
    assert client.get(_url("intend", pk=assessment.pk)).status_code == 404
    assert _as(client, link_officer).get(_url("assessment", pk=assessment.pk)).status_code == 200


def test_representation_pages_are_404_to_the_council_before_publication_002_A(
    client, letter, link_officer
):
    """Grades reach a council only when the final letter is published: so does the page where
    it would dispute them."""
    assert (
        _as(client, link_officer).get(_url("assessment", pk=letter.assessment_id)).status_code
        == 404
    )
    assert client.get(_url("intend", pk=letter.assessment_id)).status_code == 404


@pytest.fixture
def submitted(client, window_open, link_officer):
    representation = _intend(client, link_officer, window_open)
    _ground(client, link_officer, representation)
    client.post(_url("submit", pk=representation.pk), {"summary": ""})
    # The inspectors' response the panel reads before deciding (section J; test_response.py).
    Representation.objects.filter(pk=representation.pk).update(response="The evidence stands")
    representation.refresh_from_db()
    return representation


@pytest.fixture
def joint_panel(make_user, administrator):
    """Registered members for a children's services panel (two CSCI and two Ofsted managers)."""

    def member(organisation):
        user = make_user(Role.PANEL_MEMBER)
        panel_member_register(
            actor=administrator, user=user, organisation=organisation, is_manager=True
        )
        return user

    return [member(Organisation.CSCI) for _ in range(2)] + [
        member(Organisation.OFSTED) for _ in range(2)
    ]


def test_panel_page_explains_each_exclusion_and_refuses_a_wrong_mix_002_J(
    client, submitted, joint_panel, administrator, management_reader
):
    """The management reader who read the draft is excluded, with the reason; three CSCI
    managers are not a joint panel of two and two."""
    RoleGrant.objects.create(user=management_reader, role=Role.PANEL_MEMBER)
    management_reader.__dict__.pop("roles", None)
    panel_member_register(
        actor=administrator, user=management_reader, organisation="ofsted", is_manager=True
    )
    page = _as(client, administrator).get(_url("panel", pk=submitted.pk)).content.decode()
    assert "Who cannot sit on this panel" in page
    assert "read its draft letter and answered Moderation Form 2" in page
    assert f'value="{management_reader.pk}"' not in page
    wrong = [str(u.pk) for u in joint_panel[:2]] + [str(joint_panel[2].pk)]
    response = client.post(_url("panel", pk=submitted.pk), {"members": wrong})
    assert response.status_code == 400
    assert "2 CSCI managers and 2 Ofsted managers" in response.content.decode()
    assert not PanelSeat.objects.exists()


def test_seated_member_decides_and_council_is_told_the_rating_republished_002_J(
    client,
    submitted,
    joint_panel,
    administrator,
    link_officer,
    make_user,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _as(client, administrator).post(
            _url("panel", pk=submitted.pk), {"members": [str(u.pk) for u in joint_panel]}
        )
    assert response.status_code == 302
    assert {a for m in mail.outbox for a in m.to} >= {u.email for u in joint_panel}
    member = joint_panel[0]
    home = _as(client, member).get(reverse("apa:home")).content.decode()
    assert _url("representation", pk=submitted.pk) in home
    # A panel member not on this panel reaches none of it.
    outsider = make_user(Role.PANEL_MEMBER)
    assert _as(client, outsider).get(_url("representation", pk=submitted.pk)).status_code == 404
    assert client.get(_url("decide", pk=submitted.pk)).status_code == 404
    # The member decides: upheld needs the new grade, then it is recorded.
    page = _as(client, member).get(_url("decide", pk=submitted.pk)).content.decode()
    assert "The referral figures quoted are last year" in page
    response = client.post(
        _url("decide", pk=submitted.pk),
        {"upheld": "yes", "new_grade": "", "justification": "The figures were last year's"},
    )
    assert response.status_code == 400 and "enter the new grade" in response.content.decode()
    judgement = framework_judgement(submitted)
    before = current_grade(submitted.assessment, judgement)
    after = next(g.value for g in judgement.scale.grades.all() if g.value != before)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("decide", pk=submitted.pk),
            {"upheld": "yes", "new_grade": after, "justification": "The figures were last year's"},
        )
    assert response.status_code == 302
    representation = Representation.objects.get(pk=submitted.pk)
    assert (representation.status, representation.grade_before, representation.grade_after) == (
        RepresentationStatus.DECIDED,
        before,
        after,
    )
    # Recorded for the Audit Commission and re-published in the round's ratings.
    change = RatingChange.objects.get(representation=representation)
    assert (change.grade_before, change.grade_after) == (before, after)
    ratings = round_ratings(assessment_round=submitted.assessment.round)
    (council,) = [c for c in ratings.councils if c.published]
    changed = [r for r in council.ratings if r and r.change]
    assert [(r.grade, r.change.grade_before) for r in changed] == [(after, before)]
    # The council is told, by email (no grade in it) and on the page (the decision in full).
    officer_mail = [m for m in mail.outbox if link_officer.email in m.to]
    assert len(officer_mail) == 1 and "upheld" in officer_mail[0].body
    assert not states_a_grade(officer_mail[0].subject + officer_mail[0].body)
    page = _as(client, link_officer).get(_url("representation", pk=submitted.pk)).content.decode()
    assert "The figures were last year" in page and f"changed from {before} to {after}" in page
    assert "The panel</h2>" not in page  # the council is not shown who sat
    # Re-published on the council's own letter page: the grade as it stands, with the change.
    letter_page = client.get(reverse("letters:council", kwargs={"pk": submitted.assessment_id}))
    shown = " ".join(letter_page.content.decode().split())
    assert f"{escape(judgement.title)}</dt>" in shown
    assert f"Grade {after}:" in shown and f"changed from grade {before} on" in shown
    # With nothing left open the assessment closes (002 §J).
    submitted.assessment.refresh_from_db()
    assert submitted.assessment.status == "closed"


def test_administrator_registers_a_member_on_the_members_page_002_J(
    client, administrator, make_user
):
    person = make_user(Role.PANEL_MEMBER)
    page = _as(client, administrator).get(_url("members")).content.decode()
    assert "Not registered" in page and _url("member", pk=person.pk) in page
    response = client.post(
        _url("member", pk=person.pk), {"organisation": "independent", "is_manager": "yes"}
    )
    assert response.status_code == 400  # an independent person is no manager
    response = client.post(
        _url("member", pk=person.pk), {"organisation": "independent", "is_manager": "no"}
    )
    assert response.status_code == 302
    assert person.panel_member.organisation == "independent"
    # Someone without the role has no registration page.
    hmi = make_user(Role.HMI)
    assert client.get(_url("member", pk=hmi.pk)).status_code == 404


def test_round_page_lists_every_representation_and_its_status_002_J(
    client, submitted, administrator
):
    page = (
        _as(client, administrator)
        .get(_url("round", pk=submitted.assessment.round_id))
        .content.decode()
    )
    assert submitted.assessment.council.name in page
    assert _url("representation", pk=submitted.pk) in page
    assert "panel to be composed" in page


def test_not_upheld_keeps_the_grade_and_records_no_change_002_J(
    client, submitted, joint_panel, administrator
):
    _as(client, administrator).post(
        _url("panel", pk=submitted.pk), {"members": [str(u.pk) for u in joint_panel]}
    )
    response = _as(client, joint_panel[3]).post(
        _url("decide", pk=submitted.pk),
        {"upheld": "no", "new_grade": "", "justification": "The evidence was weighed fairly"},
    )
    assert response.status_code == 302
    representation = Representation.objects.get(pk=submitted.pk)
    assert representation.upheld is False and representation.grade_after is None
    assert not RatingChange.objects.exists()
