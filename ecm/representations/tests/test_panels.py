"""Panel members, exclusion for earlier involvement, and each panel's mix (002 §J
"Representation procedures"; DOMAIN.md §3 "Representation panels")."""

from datetime import date
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.analysis.models import Entry, Revision, Signature
from ecm.apa import services as apa_services
from ecm.apa.models import (
    AssignmentRole,
    ModerationBasis,
    ModerationDay,
    ModerationGroup,
    ModerationOutcome,
    ModerationSelection,
)
from ecm.audit.models import AuditEntry
from ecm.core.once import AlreadyDone
from ecm.letters.models import ReaderAnswer, Rendition
from ecm.representations.models import (
    GroundKind,
    Organisation,
    PanelMember,
    Representation,
    RepresentedJudgement,
)
from ecm.representations.selectors import involvement
from ecm.representations.services import (
    panel_compose,
    panel_member_register,
    representation_ground_add,
    representation_intend,
    representation_submit,
)
from ecm.representations.tests.conftest import in_time


@pytest.fixture
def submitted(published_2005, council_officer_2005):
    """Make a submitted representation of the 2005 assessment against `judgement`."""

    def make(judgement: str) -> Representation:
        day = in_time(published_2005)
        representation = representation_intend(
            actor=council_officer_2005, assessment=published_2005, judgement=judgement, today=day
        )
        entry = Entry.objects.filter(assessment=published_2005).first()
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind=GroundKind.SIGNIFICANCE,
            statement="Too much weight was given to one year's figures",
            entry=entry,
            today=day,
        )
        return representation_submit(
            actor=council_officer_2005, representation=representation, today=day
        )

    return make


# Registration -----------------------------------------------------------------------------


def test_administrator_registers_panel_member_with_organisation_002_J(make_user, administrator):
    user = make_user(Role.PANEL_MEMBER)
    member = panel_member_register(
        actor=administrator, user=user, organisation=Organisation.CSCI, is_manager=True
    )
    assert (member.organisation, member.is_manager) == ("csci", True)
    assert AuditEntry.objects.filter(verb="panel_member.registered").count() == 1
    panel_member_register(
        actor=administrator, user=user, organisation=Organisation.OFSTED, is_manager=True
    )
    assert PanelMember.objects.get(user=user).organisation == "ofsted"


def test_only_administrator_registers_and_only_panel_members_002_J(make_user, administrator, hmi):
    user = make_user(Role.PANEL_MEMBER)
    with pytest.raises(ValidationError, match="Only a programme administrator"):
        panel_member_register(actor=hmi, user=user, organisation="csci", is_manager=True)
    with pytest.raises(ValidationError, match="does not hold the role"):
        panel_member_register(actor=administrator, user=hmi, organisation="csci", is_manager=True)


def test_independent_person_is_not_a_manager_002_J(make_user, administrator):
    user = make_user(Role.PANEL_MEMBER)
    with pytest.raises(ValidationError, match="external independent person"):
        panel_member_register(
            actor=administrator, user=user, organisation="independent", is_manager=True
        )


# Involvement (002 §J: "no previous involvement in the judgements being reviewed") -----------


@pytest.fixture
def outsider(make_user):
    return make_user(Role.PANEL_MEMBER, Role.MANAGEMENT_READER)


def _assigned(assessment, user):
    apa_services.assessment_assign(
        actor=None, assessment=assessment, user=user, role=AssignmentRole.MANAGEMENT_READER
    )


def _wrote_entry(assessment, user):
    Entry.objects.create(
        assessment=assessment,
        outcome=assessment.round.framework_version.outcomes.first(),
        author=user,
    )


def _edited(assessment, user):
    Revision.objects.create(
        assessment=assessment,
        subject="entry",
        subject_id=1,
        number=999,
        content={},
        revised_by=user,
    )


def _signed(assessment, user):
    Signature.objects.create(assessment=assessment, signed_by=user)


def _read(assessment, user):
    ReaderAnswer.objects.create(
        letter=assessment.letter,
        role=AssignmentRole.MANAGEMENT_READER,
        organisation="ofsted",
        name=str(user),
        can_send=True,
        rendition_number=1,
        signed_by=user,
        signed_at=timezone.now(),
    )


def _made_rendition(assessment, user):
    letter = assessment.letter
    Rendition.objects.create(
        letter=letter,
        number=letter.renditions.count() + 1,
        content={},
        made_by=user,
        reason="Amended",
    )


def _recorded_moderation(assessment, user):
    ModerationOutcome.objects.create(
        assessment=assessment, decision="confirmed", reason="Confirmed", recorded_by=user
    )


def _facilitated(assessment, user):
    day = ModerationDay.objects.create(round=assessment.round, date=date(2007, 9, 10))
    group = ModerationGroup.objects.create(day=day, name="Group A", facilitator=user)
    ModerationSelection.objects.create(
        assessment=assessment, selected=True, basis=ModerationBasis.DRAW, group=group
    )


@pytest.mark.parametrize(
    ("involve", "reason"),
    [
        (_assigned, "assigned to the assessment as Ofsted management reader"),
        (_wrote_entry, "wrote entries in its evidence notebook"),
        (_edited, "wrote or edited its evidence notebook"),
        (_signed, "signed its Step 4 judgements"),
        (_read, "read its draft letter and answered Moderation Form 2"),
        (_made_rendition, "made a rendition of its letter"),
        (_recorded_moderation, "recorded its moderation outcome"),
        (_facilitated, "facilitated the moderation group"),
    ],
    ids=["assigned", "wrote", "edited", "signed", "read", "rendition", "moderated", "facilitated"],
)
def test_each_kind_of_involvement_is_explained_002_J(assembled, outsider, involve, reason):
    """002 §J: members "will have no previous involvement in the judgements being reviewed"."""
    assessment = assembled.assessment
    assert involvement(outsider, assessment) == []
    involve(assessment, outsider)
    reasons = involvement(outsider, assessment)
    assert len(reasons) == 1
    assert reasons[0].startswith(reason)


def test_lead_inspector_involvement_lists_every_reason_002_J(assembled, hmi):
    reasons = involvement(hmi, assembled.assessment)
    assert "assigned to the assessment as Ofsted inspector (HMI) (Lead)" in reasons
    assert "wrote entries in its evidence notebook" in reasons
    assert "signed its Step 4 judgements" in reasons
    assert "made a rendition of its letter" in reasons


def test_involved_member_is_excluded_with_the_reasons_002_J(
    submitted, published_2005, panels, administrator, hmi
):
    representation = submitted(RepresentedJudgement.EDUCATION)
    hmi.role_grants.create(role=Role.PANEL_MEMBER)
    del hmi.roles
    panel_member_register(
        actor=administrator, user=hmi, organisation=Organisation.OFSTED, is_manager=True
    )
    with pytest.raises(ValidationError) as refused:
        panel_compose(
            actor=administrator,
            representation=representation,
            members=[hmi, *panels["ofsted"][:2]],
        )
    message = " ".join(refused.value.messages)
    assert "cannot sit on this panel" in message
    assert "assigned to the assessment as Ofsted inspector (HMI) (Lead)" in message
    assert "signed its Step 4 judgements" in message
    assert not representation.seats.exists()


# Panel mix ----------------------------------------------------------------------------------


def test_social_care_panel_two_csci_managers_and_an_independent_person_002_J(
    submitted, panels, administrator
):
    representation = submitted(RepresentedJudgement.SOCIAL_CARE)
    seats = panel_compose(
        actor=administrator,
        representation=representation,
        members=[*panels["csci"][:2], panels["independent"][0]],
    )
    assert len(seats) == 3
    assert AuditEntry.objects.filter(verb="representation.panel_composed").count() == 1
    with pytest.raises(ValidationError, match="2 CSCI managers and 1 external independent"):
        panel_compose(
            actor=administrator, representation=representation, members=panels["csci"][:3]
        )


def test_the_same_panel_seated_again_is_seated_and_emailed_once_issue_20_s4(
    submitted, panels, administrator, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 20 §4: "Seat the panel" posted again (Back and submit, a second tab) with the same
    members is answered as already done, when and by whom; nobody is emailed twice."""
    representation = submitted(RepresentedJudgement.SOCIAL_CARE)
    members = [*panels["csci"][:2], panels["independent"][0]]
    token = uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        panel_compose(
            actor=administrator, representation=representation, members=members, once=token
        )
    for again in (token, uuid4()):
        with pytest.raises(AlreadyDone) as excinfo:
            panel_compose(
                actor=administrator, representation=representation, members=members, once=again
            )
        assert excinfo.value.done.startswith("The panel of ")
        assert excinfo.value.by == administrator
    assert AuditEntry.objects.filter(verb="representation.panel_composed").count() == 1
    assert len(mailoutbox) == 1


def test_education_panel_three_ofsted_managers_002_J(submitted, panels, administrator):
    representation = submitted(RepresentedJudgement.EDUCATION)
    assert (
        len(
            panel_compose(
                actor=administrator, representation=representation, members=panels["ofsted"][:3]
            )
        )
        == 3
    )
    with pytest.raises(ValidationError, match="3 Ofsted managers"):
        panel_compose(
            actor=administrator,
            representation=representation,
            members=[*panels["ofsted"][:2], panels["csci"][0]],
        )


def test_children_services_joint_panel_two_of_each_002_J(submitted, panels, administrator):
    representation = submitted(RepresentedJudgement.CHILDREN_SERVICES)
    seats = panel_compose(
        actor=administrator,
        representation=representation,
        members=[*panels["csci"][:2], *panels["ofsted"][:2]],
    )
    assert sorted(s.member.organisation for s in seats) == ["csci", "csci", "ofsted", "ofsted"]
    with pytest.raises(ValidationError, match="2 CSCI managers and 2 Ofsted managers"):
        panel_compose(
            actor=administrator, representation=representation, members=panels["ofsted"][:4]
        )


def test_panel_needs_managers_and_registered_members_002_J(
    submitted, panels, administrator, make_panellist, make_user
):
    representation = submitted(RepresentedJudgement.EDUCATION)
    inspector = make_panellist(Organisation.OFSTED, manager=False)
    with pytest.raises(ValidationError, match="3 Ofsted managers"):
        panel_compose(
            actor=administrator,
            representation=representation,
            members=[*panels["ofsted"][:2], inspector],
        )
    stranger = make_user(Role.PANEL_MEMBER)
    with pytest.raises(ValidationError, match="is not registered as a panel member"):
        panel_compose(
            actor=administrator,
            representation=representation,
            members=[*panels["ofsted"][:2], stranger],
        )


def test_panel_only_for_a_submitted_representation_002_J(
    published_2005, council_officer_2005, panels, administrator
):
    representation = representation_intend(
        actor=council_officer_2005,
        assessment=published_2005,
        judgement=RepresentedJudgement.EDUCATION,
        today=in_time(published_2005),
    )
    with pytest.raises(ValidationError, match="not submitted yet"):
        panel_compose(
            actor=administrator, representation=representation, members=panels["ofsted"][:3]
        )
