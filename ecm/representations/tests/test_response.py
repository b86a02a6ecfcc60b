"""Routing a representation and the inspectors' response the panel reads before deciding (the
handbook, section J "Representation procedures"; issue 23 §2)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.analysis.models import Entry
from ecm.audit.models import AuditEntry
from ecm.audit.verbs import VERB_WORDS
from ecm.representations.models import Representation, RepresentationStatus, RepresentedJudgement
from ecm.representations.routing import ROUTES, route_of
from ecm.representations.services import (
    panel_compose,
    representation_decide,
    representation_ground_add,
    representation_intend,
    representation_submit,
)
from ecm.representations.services.response import representation_respond
from ecm.representations.tests.conftest import in_time

pytestmark = pytest.mark.django_db
J = RepresentedJudgement


@pytest.fixture
def submitted(published_2005, council_officer_2005):
    def make(judgement=J.SOCIAL_CARE):
        day = in_time(published_2005)
        representation = representation_intend(
            actor=council_officer_2005, assessment=published_2005, judgement=judgement, today=day
        )
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind="inaccurate_evidence",
            statement="The figure quoted is last year's",
            entry=Entry.objects.filter(assessment=published_2005).first(),
            today=day,
        )
        return representation_submit(
            actor=council_officer_2005, representation=representation, today=day
        )

    return make


def test_each_judgement_is_routed_as_the_handbook_says():
    """Section J: social care "sent to CSCI Corporate Office and copied to the relevant Regional
    Director"; education and children's services "copied in writing to the Divisional Manager
    of the Children's Services Inspection Division at Ofsted"."""
    assert set(ROUTES) == set(J)
    assert route_of(J.SOCIAL_CARE).sent_to == "CSCI Corporate Office"
    assert "Regional Director" in route_of(J.SOCIAL_CARE).copied_to
    for judgement in (J.EDUCATION, J.CHILDREN_SERVICES):
        assert "Divisional Manager" in route_of(judgement).copied_to
        assert "Ofsted" in route_of(judgement).copied_to


def test_the_panel_cannot_decide_before_the_inspectors_response(
    submitted, published_2005, administrator, panels, brm, hmi
):
    """Section J: the panel reads the representation "in the light of the recorded evidence and
    any response from the relevant Regional Director and BRM"; it decides only once the
    response is recorded, by the BRM for social care (not the HMI), audited."""
    representation = submitted(J.SOCIAL_CARE)
    members = [*panels["csci"][:2], panels["independent"][0]]
    panel_compose(actor=administrator, representation=representation, members=members)
    day = in_time(published_2005)
    with pytest.raises(ValidationError, match="reads the inspectors' response before deciding"):
        representation_decide(
            actor=members[0],
            representation=representation,
            upheld=False,
            justification="The evidence stands",
            today=day,
        )
    with pytest.raises(ValidationError, match="Only the BRM"):
        representation_respond(actor=hmi, representation=representation, response="x", today=day)
    with pytest.raises(ValidationError, match="Enter the inspectors' response"):
        representation_respond(actor=brm, representation=representation, response=" ", today=day)
    representation_respond(
        actor=brm, representation=representation, response="The figure is correct", today=day
    )
    entry = AuditEntry.objects.get(verb="representation.response_recorded")
    assert entry.actor == brm and entry.after["response"] == "The figure is correct"
    decided = representation_decide(
        actor=members[0],
        representation=representation,
        upheld=False,
        justification="The evidence stands",
        today=day,
    )
    assert decided.status == RepresentationStatus.DECIDED
    with pytest.raises(ValidationError, match="can no longer change"):
        representation_respond(actor=brm, representation=decided, response="More", today=day)


def test_the_hmi_responds_on_education(submitted, published_2005, hmi, brm):
    """Section J, education: "any response from HMI"."""
    representation = submitted(J.EDUCATION)
    day = in_time(published_2005)
    with pytest.raises(ValidationError, match="Only the HMI"):
        representation_respond(actor=brm, representation=representation, response="x", today=day)
    representation_respond(actor=hmi, representation=representation, response="x", today=day)
    assert Representation.objects.get(pk=representation.pk).response_by == hmi


def test_the_response_page_is_the_responders_and_cites_the_handbook(
    client, submitted, brm, hmi, published_2005
):
    representation = submitted(J.SOCIAL_CARE)
    page = reverse("representations:response", kwargs={"pk": representation.pk})
    client.force_login(hmi)
    assert client.get(page).status_code == 404
    client.force_login(brm)
    shown = client.get(page).content.decode()
    assert "CSCI Corporate Office" in shown and "the handbook, section J" in shown
    assert "002 §" not in shown
    posted = client.post(page, {"response": "The evidence stands as recorded"})
    assert posted.status_code == 302
    text = client.get(
        reverse("representations:representation", kwargs={"pk": representation.pk})
    ).content.decode()
    assert "The evidence stands as recorded" in text


def test_the_new_verb_reads_as_words():
    """Issue 23 §3: audit entries read as sentences."""
    assert "representation.response_recorded" in VERB_WORDS
