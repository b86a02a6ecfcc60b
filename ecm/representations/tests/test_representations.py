"""The council's representation and the panel's decision (002 §J "Representation procedures"
and "Review of the children's services judgement"; issue 7 §5)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from ecm.analysis.models import Entry
from ecm.analysis.services.notebook import evidence_add
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.models import AuditEntry
from ecm.letters.services.factual_accuracy import paragraphs_of
from ecm.representations.models import (
    Ground,
    GroundKind,
    RatingChange,
    Representation,
    RepresentationKind,
    RepresentationStatus,
    RepresentedJudgement,
)
from ecm.representations.selectors import representable_judgements
from ecm.representations.services import (
    panel_compose,
    representation_decide,
    representation_ground_add,
    representation_intend,
    representation_submit,
)
from ecm.representations.tests.conftest import in_time


@pytest.fixture
def day(published_2005):
    return in_time(published_2005)


@pytest.fixture
def entry_2005(published_2005):
    return Entry.objects.filter(assessment=published_2005).first()


@pytest.fixture
def intend(published_2005, council_officer_2005, day):
    def make(judgement=RepresentedJudgement.SOCIAL_CARE):
        return representation_intend(
            actor=council_officer_2005, assessment=published_2005, judgement=judgement, today=day
        )

    return make


@pytest.fixture
def submit(intend, council_officer_2005, entry_2005, day):
    def make(judgement=RepresentedJudgement.SOCIAL_CARE):
        representation = intend(judgement)
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind=GroundKind.INACCURATE_EVIDENCE,
            statement="The figure quoted is last year's",
            entry=entry_2005,
            today=day,
        )
        return representation_submit(
            actor=council_officer_2005, representation=representation, today=day
        )

    return make


@pytest.fixture
def seat(administrator, panels):
    """Compose the right panel for a representation; returns one of its members."""

    def make(representation):
        judgement = RepresentedJudgement(representation.judgement)
        members = {
            RepresentedJudgement.SOCIAL_CARE: [*panels["csci"][:2], panels["independent"][0]],
            RepresentedJudgement.EDUCATION: panels["ofsted"][:3],
            RepresentedJudgement.CHILDREN_SERVICES: [*panels["csci"][2:4], *panels["ofsted"][3:5]],
        }[judgement]
        panel_compose(actor=administrator, representation=representation, members=members)
        # The panel reads the inspectors' response before deciding (section J); recording it
        # through its service is tested in test_response.py.
        Representation.objects.filter(pk=representation.pk).update(
            response="The evidence was read as published"
        )
        representation.refresh_from_db()
        return members[0]

    return make


# Which judgements (002 §J; DOMAIN.md §7) ------------------------------------------------------


def test_2005_council_may_represent_against_all_three_judgements_002_J(published_2005):
    found = {j: x.code for j, x in representable_judgements(published_2005).items()}
    assert found == {
        RepresentedJudgement.CHILDREN_SERVICES: "overall",
        RepresentedJudgement.EDUCATION: "education",
        RepresentedJudgement.SOCIAL_CARE: "social_care",
    }


def test_2007_council_may_represent_only_against_children_services_DOMAIN_7(assessment):
    """DOMAIN.md §7: the 2007-08 set has neither education nor social care on its own."""
    found = {j: x.code for j, x in representable_judgements(assessment).items()}
    assert found == {RepresentedJudgement.CHILDREN_SERVICES: "overall_effectiveness"}


def test_2006_council_has_no_education_judgement_DOMAIN_7(make_assessment, other_council):
    found = representable_judgements(make_assessment(council=other_council, year=2006))
    assert set(found) == {
        RepresentedJudgement.CHILDREN_SERVICES,
        RepresentedJudgement.SOCIAL_CARE,
    }


# Intention, grounds and submission ----------------------------------------------------------


def test_intention_only_after_the_final_letter_is_published_002_J(
    make_assessment, council, link_officer
):
    assessment = make_assessment(council=council, year=2005)
    with pytest.raises(ValidationError, match="final letter is not published"):
        representation_intend(
            actor=link_officer,
            assessment=assessment,
            judgement=RepresentedJudgement.EDUCATION,
            today=date(2005, 10, 25),
        )


def test_intention_by_the_council_only_002_J(published_2005, link_officer, hmi, day):
    """`link_officer` belongs to another council than the 2005 assessment's."""
    for actor in (link_officer, hmi):
        with pytest.raises(ValidationError, match="council's own link officer"):
            representation_intend(
                actor=actor,
                assessment=published_2005,
                judgement=RepresentedJudgement.EDUCATION,
                today=day,
            )


def test_intention_refused_after_1_november_with_the_date_002_J(
    published_2005, council_officer_2005
):
    deadline = published_2005.round.representation_intention_by
    with pytest.raises(ValidationError, match=f"by {deadline:%-d %B %Y}"):
        representation_intend(
            actor=council_officer_2005,
            assessment=published_2005,
            judgement=RepresentedJudgement.EDUCATION,
            today=deadline + timedelta(days=1),
        )
    made = representation_intend(
        actor=council_officer_2005,
        assessment=published_2005,
        judgement=RepresentedJudgement.EDUCATION,
        today=deadline,
    )
    assert made.status == RepresentationStatus.INTENDED
    assert AuditEntry.objects.filter(verb="representation.intended").count() == 1


def test_judgement_not_in_the_round_is_refused_DOMAIN_7(published_letter, link_officer):
    assessment = published_letter.assessment
    with pytest.raises(
        ValidationError, match="no separate social care for children and young people judgement"
    ):
        representation_intend(
            actor=link_officer,
            assessment=assessment,
            judgement=RepresentedJudgement.SOCIAL_CARE,
            today=in_time(assessment),
        )


def test_one_representation_per_judgement_002_J(intend):
    intend(RepresentedJudgement.EDUCATION)
    with pytest.raises(ValidationError, match="already made a representation"):
        intend(RepresentedJudgement.EDUCATION)


def test_no_new_evidence_002_J(intend, council_officer_2005, entry_2005, day):
    """002 §J: "It is not the opportunity for the council to enter new evidence"."""
    representation = intend()
    with pytest.raises(ValidationError, match="cannot enter new evidence"):
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind=GroundKind.INACCURATE_EVIDENCE,
            statement="See the attached report",
            entry=entry_2005,
            attachments=["new-report.pdf"],
            today=day,
        )
    with pytest.raises(ValidationError, match="Tie the ground to exactly one thing"):
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind=GroundKind.INACCURATE_EVIDENCE,
            statement="A free-floating complaint",
            today=day,
        )
    assert not Ground.objects.exists()


def test_ground_kinds_are_inaccuracy_or_significance_002_J(
    intend, council_officer_2005, entry_2005, day
):
    representation = intend()
    with pytest.raises(ValidationError) as refused:
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind="new_information",
            statement="Things have improved since",
            entry=entry_2005,
            today=day,
        )
    assert "inaccuracy in the evidence used or the significance" in str(refused.value)


def test_ground_tied_to_evidence_of_this_assessment_002_J(
    intend, council_officer_2005, entry_2005, hmi, day, make_entry, upload_item, published_2005
):
    representation = intend()
    evidence = evidence_add(
        entry=entry_2005,
        actor=hmi,
        kind="briefing",
        note="The briefing's figure for referrals",
        pack_item=upload_item(published_2005),
    )
    ground = representation_ground_add(
        actor=council_officer_2005,
        representation=representation,
        kind=GroundKind.SIGNIFICANCE,
        statement="One briefing was given too much weight",
        evidence=evidence,
        today=day,
    )
    assert ground.disputed_text == "The briefing's figure for referrals"
    elsewhere = make_entry()  # an entry of the 2007 assessment of another council
    with pytest.raises(ValidationError, match="is not part of"):
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind=GroundKind.SIGNIFICANCE,
            statement="Not ours",
            entry=elsewhere,
            today=day,
        )


def test_ground_tied_to_a_paragraph_of_the_published_letter_002_J(published_letter, link_officer):
    assessment = published_letter.assessment
    day = in_time(assessment)
    representation = representation_intend(
        actor=link_officer,
        assessment=assessment,
        judgement=RepresentedJudgement.CHILDREN_SERVICES,
        today=day,
    )
    rendition = published_letter.renditions.order_by("-number").first()
    section, text = next(
        (code, text) for code, text in rendition.content["sections"].items() if text.strip()
    )
    ground = representation_ground_add(
        actor=link_officer,
        representation=representation,
        kind=GroundKind.INACCURATE_EVIDENCE,
        statement="This paragraph misreads the data",
        section=section,
        paragraph=1,
        today=day,
    )
    assert ground.rendition_number == rendition.number
    assert ground.disputed_text == paragraphs_of(text)[0]
    with pytest.raises(ValidationError, match="has no paragraph 999"):
        representation_ground_add(
            actor=link_officer,
            representation=representation,
            kind=GroundKind.INACCURATE_EVIDENCE,
            statement="Nowhere",
            section=section,
            paragraph=999,
            today=day,
        )


def test_submission_needs_grounds_and_moves_to_representation_002_J(
    intend, council_officer_2005, published_2005, day, submit
):
    representation = intend(RepresentedJudgement.EDUCATION)
    with pytest.raises(ValidationError, match="at least one ground"):
        representation_submit(actor=council_officer_2005, representation=representation, today=day)
    submitted = submit(RepresentedJudgement.SOCIAL_CARE)
    assert submitted.status == RepresentationStatus.SUBMITTED
    assert submitted.grounds.get().disputed_text.startswith("Immunisation")
    published_2005.refresh_from_db()
    assert published_2005.status == AssessmentStatus.REPRESENTATION


def test_submission_refused_after_7_november_with_the_date_002_J(
    intend, council_officer_2005, entry_2005, published_2005
):
    representation = intend()
    representation_ground_add(
        actor=council_officer_2005,
        representation=representation,
        kind=GroundKind.SIGNIFICANCE,
        statement="Weight",
        entry=entry_2005,
        today=date(2005, 11, 1),
    )
    deadline = published_2005.round.representation_submission_by
    with pytest.raises(ValidationError, match=f"by {deadline:%-d %B %Y}"):
        representation_submit(
            actor=council_officer_2005,
            representation=representation,
            today=deadline + timedelta(days=1),
        )


def test_grounds_cannot_change_after_submission_002_J(
    submit, council_officer_2005, entry_2005, day
):
    representation = submit()
    with pytest.raises(ValidationError, match="can no longer change"):
        representation_ground_add(
            actor=council_officer_2005,
            representation=representation,
            kind=GroundKind.SIGNIFICANCE,
            statement="One more",
            entry=entry_2005,
            today=day,
        )


# Decision -----------------------------------------------------------------------------------


def test_not_upheld_decision_closes_the_assessment_002_J(submit, seat, published_2005, day):
    representation = submit(RepresentedJudgement.EDUCATION)
    member = seat(representation)
    decided = representation_decide(
        actor=member,
        representation=representation,
        upheld=False,
        justification="The evidence was read correctly",
        today=day,
    )
    assert (decided.upheld, decided.grade_before, decided.grade_after) == (False, 3, None)
    assert not RatingChange.objects.exists()
    assert not Representation.objects.filter(kind=RepresentationKind.REVIEW).exists()
    published_2005.refresh_from_db()
    assert published_2005.status == AssessmentStatus.CLOSED
    assert AuditEntry.objects.filter(verb="representation.decided").count() == 1


def test_decision_by_a_panel_member_with_justification_002_J(
    submit, seat, panels, administrator, day
):
    representation = submit(RepresentedJudgement.EDUCATION)
    with pytest.raises(ValidationError, match="Compose the panel first"):
        representation_decide(
            actor=administrator,
            representation=representation,
            upheld=False,
            justification="x",
            today=day,
        )
    member = seat(representation)
    with pytest.raises(ValidationError, match="Only a member of this representation's panel"):
        representation_decide(
            actor=panels["csci"][0],
            representation=representation,
            upheld=False,
            justification="x",
            today=day,
        )
    with pytest.raises(ValidationError, match="Record the justification"):
        representation_decide(
            actor=member, representation=representation, upheld=False, justification=" ", today=day
        )
    with pytest.raises(ValidationError, match="enter the new grade"):
        representation_decide(
            actor=member, representation=representation, upheld=True, justification="y", today=day
        )
    with pytest.raises(ValidationError, match="not upheld, so the grade stays 3"):
        representation_decide(
            actor=member,
            representation=representation,
            upheld=False,
            new_grade=2,
            justification="y",
            today=day,
        )
    with pytest.raises(ValidationError, match="9 is not a grade of"):
        representation_decide(
            actor=member,
            representation=representation,
            upheld=True,
            new_grade=9,
            justification="y",
            today=day,
        )
    with pytest.raises(ValidationError, match="already has"):
        representation_decide(
            actor=member,
            representation=representation,
            upheld=True,
            new_grade=3,
            justification="y",
            today=day,
        )


def test_decision_refused_after_the_outcomes_date_002_J(submit, seat, published_2005):
    representation = submit(RepresentedJudgement.EDUCATION)
    member = seat(representation)
    deadline = published_2005.round.representation_outcomes_by
    with pytest.raises(ValidationError, match=f"by {deadline:%-d %B %Y}"):
        representation_decide(
            actor=member,
            representation=representation,
            upheld=False,
            justification="Late",
            today=deadline + timedelta(days=1),
        )


@pytest.mark.parametrize(
    "judgement", [RepresentedJudgement.SOCIAL_CARE, RepresentedJudgement.EDUCATION]
)
def test_changed_single_service_judgement_opens_joint_review_002_J(
    submit, seat, published_2005, day, judgement
):
    """002 §J: an amended social care or education judgement's impact on the children's
    services judgement is evaluated by a joint panel; changes go to the Audit Commission."""
    representation = submit(judgement)
    member = seat(representation)
    representation_decide(
        actor=member,
        representation=representation,
        upheld=True,
        new_grade=2,
        justification="The figures were misread",
        today=day,
    )
    change = RatingChange.objects.get()
    assert (change.grade_before, change.grade_after) == (3, 2)
    assert change.judgement_urn.endswith(judgement.replace("_", "-"))
    review = Representation.objects.get(kind=RepresentationKind.REVIEW)
    assert review.triggered_by == representation
    assert review.judgement == RepresentedJudgement.CHILDREN_SERVICES
    assert review.status == RepresentationStatus.SUBMITTED
    published_2005.refresh_from_db()
    assert published_2005.status == AssessmentStatus.REPRESENTATION  # the review is open

    reviewer = seat(review)
    representation_decide(
        actor=reviewer,
        representation=review,
        upheld=True,
        new_grade=2,
        justification="Children's services moderated in the light of the revised judgement",
        today=day,
    )
    assert RatingChange.objects.count() == 2
    published_2005.refresh_from_db()
    assert published_2005.status == AssessmentStatus.CLOSED
    assert AuditEntry.objects.filter(verb="rating.changed").count() == 2
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {
        "representation.intended",
        "representation.ground_added",
        "representation.submitted",
        "representation.panel_composed",
        "representation.decided",
        "representation.review_opened",
        "assessment.status_changed",
    } <= verbs


def test_changed_children_services_judgement_opens_no_review_002_J(submit, seat, day):
    representation = submit(RepresentedJudgement.CHILDREN_SERVICES)
    member = seat(representation)
    representation_decide(
        actor=member,
        representation=representation,
        upheld=True,
        new_grade=4,
        justification="Strengths under-weighted",
        today=day,
    )
    assert RatingChange.objects.get().grade_after == 4
    assert not Representation.objects.filter(kind=RepresentationKind.REVIEW).exists()


def test_assessment_stays_open_while_another_representation_waits_002_J(
    submit, seat, intend, published_2005, day
):
    intend(RepresentedJudgement.EDUCATION)  # stated, not yet submitted, within 7 November
    representation = submit(RepresentedJudgement.SOCIAL_CARE)
    representation_decide(
        actor=seat(representation),
        representation=representation,
        upheld=False,
        justification="Correct",
        today=day,
    )
    published_2005.refresh_from_db()
    assert published_2005.status == AssessmentStatus.REPRESENTATION
