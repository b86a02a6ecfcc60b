"""Steps 2-4 of the evidence notebook (002 §F; DOMAIN.md §7; issue 5 §5): the judgements a round
requires, their grades, rationale and evidence, and the two inspectors' signatures."""

import pytest
from django.core.exceptions import ValidationError

from ecm.accounts.roles import Role
from ecm.analysis.content import SUMMATIVE
from ecm.analysis.models import AreaSummary, Signature, SummativeJudgement
from ecm.analysis.selectors import signatures
from ecm.analysis.services import judgements as steps
from ecm.analysis.services.revisions import NO_CHANGE
from ecm.audit.models import AuditEntry
from ecm.framework.models import Judgement

pytestmark = pytest.mark.django_db

APA_2005 = ["overall", "education", "social_care", "capacity_to_improve"]
APA_2006 = ["overall", "social_care", "capacity_to_improve"]
APA_2007 = [
    "overall_effectiveness",
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
    "capacity_to_improve",
]


def judgement(assessment, code: str) -> Judgement:
    return next(j for j in steps.required_judgements(assessment) if j.code == code)


def save(assessment, code, actor, *, grade=3, rationale="Consistently above minimum", **kwargs):
    kwargs.setdefault("entries", [])
    kwargs.setdefault("shown", None)
    return steps.summative_save(
        assessment=assessment,
        judgement=judgement(assessment, code),
        actor=actor,
        grade=grade,
        rationale=rationale,
        **kwargs,
    )


@pytest.fixture
def all_graded(assessment, hmi):
    """Every judgement of the 2007 set graded 3 with a rationale."""
    for code in APA_2007:
        save(assessment, code, hmi)
    return assessment


# --- which judgements (DOMAIN.md §7) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "codes"), [(2005, APA_2005), (2006, APA_2006), (2007, APA_2007), (2008, APA_2007)]
)
def test_required_judgements_are_four_three_and_seven_by_year_DOMAIN_7(
    make_assessment, council, year, codes
):
    assessment = make_assessment(council=council, year=year)

    required = steps.required_judgements(assessment)

    assert [j.code for j in required] == codes
    assert all(j.judgement_set.years.count(year) == 1 for j in required)


def test_a_judgement_of_another_years_set_is_refused(make_assessment, council, other_council, hmi):
    assessment = make_assessment(council=council, year=2007)
    of_2005 = judgement(make_assessment(council=other_council, year=2005), "education")

    with pytest.raises(ValidationError) as caught:
        steps.summative_save(
            assessment=assessment, judgement=of_2005, actor=hmi, shown=None, grade=3,
            rationale="Good", entries=[],
        )  # fmt: skip

    assert caught.value.messages == [steps.NOT_IN_SET]
    assert not SummativeJudgement.objects.exists()


# --- grades, rationale and evidence (002 §E.ii, §F step 4) ------------------------------------


@pytest.mark.parametrize("grade", [0, 5, 7])
def test_a_grade_off_the_judgements_scale_is_refused_002_E_ii(assessment, hmi, grade):
    with pytest.raises(ValidationError) as caught:
        save(assessment, "staying_safe", hmi, grade=grade)

    assert caught.value.message_dict == {
        "grade": [steps.GRADE_OFF_SCALE.format(values="1, 2, 3, 4")]
    }
    assert not SummativeJudgement.objects.exists()


def test_a_step_2_grade_off_the_four_point_scale_is_refused_002_F_step_2(assessment, outcomes, hmi):
    with pytest.raises(ValidationError) as caught:
        steps.area_summary_save(
            assessment=assessment, outcome=outcomes["staying_safe"], actor=hmi, shown=None,
            strands={"education": {"grade": 5, "text": "Strong", "entries": []}}, moderation="",
        )  # fmt: skip

    assert caught.value.message_dict == {
        "education_grade": [steps.GRADE_OFF_SCALE.format(values="1, 2, 3, 4")]
    }
    assert not AreaSummary.objects.exists()


def test_linking_a_private_entry_is_refused_002_F(assessment, hmi, make_entry):
    private = make_entry(actor=hmi)
    shared = make_entry(actor=hmi, outcome="staying_safe", shared=True)

    with pytest.raises(ValidationError) as caught:
        save(assessment, "being_healthy", hmi, entries=[shared.pk, private.pk])

    assert caught.value.message_dict == {"entries": [steps.NOT_SHARED_ENTRY]}
    saved = save(assessment, "being_healthy", hmi, entries=[shared.pk])
    assert saved.current.content["entries"] == [shared.pk]


def test_linking_another_assessments_entry_is_refused(
    assessment, other_assessment, hmi, make_entry
):
    theirs = make_entry(actor=hmi, on=other_assessment, shared=True)

    with pytest.raises(ValidationError) as caught:
        save(assessment, "being_healthy", hmi, entries=[theirs.pk])

    assert caught.value.message_dict == {"entries": [steps.NOT_SHARED_ENTRY]}


def test_a_step_3_strand_linking_a_private_entry_is_refused_002_F_step_3(
    assessment, hmi, make_entry
):
    private = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as caught:
        steps.overall_summary_save(
            assessment=assessment, actor=hmi, shown=None, trail="",
            strands={"capacity": {"grade": 3, "text": "Good", "entries": [private.pk]}},
        )  # fmt: skip

    assert caught.value.message_dict == {"capacity_entries": [steps.NOT_SHARED_ENTRY]}


def test_a_grade_needs_a_rationale_002_F_step_4(assessment, hmi):
    with pytest.raises(ValidationError) as caught:
        save(assessment, "staying_safe", hmi, grade=2, rationale="   ")

    assert caught.value.message_dict == {"rationale": [steps.NO_RATIONALE]}
    saved = save(assessment, "staying_safe", hmi, grade=None, rationale="")
    assert saved.current.content == {"grade": None, "rationale": "", "entries": []}


def test_changing_a_judgement_adds_a_revision_and_needs_a_reason_issue_5_7(assessment, hmi, brm):
    first = save(assessment, "staying_safe", hmi, grade=2)

    with pytest.raises(ValidationError) as no_reason:
        save(assessment, "staying_safe", brm, grade=3, shown=1)
    with pytest.raises(ValidationError) as same:
        save(assessment, "staying_safe", brm, grade=2, shown=1, reason="No change")
    assert no_reason.value.message_dict == {"reason": [steps.NO_REASON]}
    assert same.value.messages == [NO_CHANGE]

    second = save(assessment, "staying_safe", brm, grade=3, shown=1, reason="Agreed on day 3")
    assert second.pk == first.pk and second.current.number == 2
    with pytest.raises(ValidationError) as stale:
        save(assessment, "staying_safe", hmi, grade=4, shown=1, reason="From an old page")
    assert " changed the judgement on staying safe at " in stale.value.messages[0]
    assert SummativeJudgement.objects.get(pk=first.pk).current.content["grade"] == 3


# --- signing (002 §F step 4; issue 5 §5) ------------------------------------------------------


def test_a_management_reader_cannot_sign_002_F_step_4(all_graded, reader_assigned):
    with pytest.raises(ValidationError) as caught:
        steps.summative_sign(assessment=all_graded, actor=reader_assigned)

    assert caught.value.messages == [steps.NOT_AN_INSPECTOR]
    assert not Signature.objects.exists()


def test_an_hmi_not_assigned_to_the_assessment_cannot_sign_002_F_step_4(all_graded, make_user):
    stranger = make_user(Role.HMI)

    with pytest.raises(ValidationError) as caught:
        steps.summative_sign(assessment=all_graded, actor=stranger)

    assert caught.value.messages == [steps.NOT_AN_INSPECTOR]


def test_signing_waits_for_every_judgement_graded_with_a_rationale_002_F_step_4(assessment, hmi):
    for code in APA_2007[:-1]:
        save(assessment, code, hmi)
    save(assessment, "capacity_to_improve", hmi, grade=None, rationale="Still weighing it")

    with pytest.raises(ValidationError) as caught:
        steps.summative_sign(assessment=assessment, actor=hmi)

    title = judgement(assessment, "capacity_to_improve").title
    assert caught.value.messages == [steps.NOT_READY_TO_SIGN.format(missing=title)]
    assert not Signature.objects.exists()

    save(assessment, "capacity_to_improve", hmi, grade=3, shown=1, reason="Weighed")
    assert steps.summative_sign(assessment=assessment, actor=hmi).signed_by == hmi


def test_nothing_saved_cannot_be_signed(assessment, hmi):
    with pytest.raises(ValidationError) as caught:
        steps.summative_sign(assessment=assessment, actor=hmi)

    assert caught.value.messages[0].startswith("Every judgement needs a grade and a rationale")


def test_the_same_inspector_cannot_sign_twice(all_graded, hmi):
    steps.summative_sign(assessment=all_graded, actor=hmi)

    with pytest.raises(ValidationError) as caught:
        steps.summative_sign(assessment=all_graded, actor=hmi)

    assert caught.value.messages == [steps.ALREADY_SIGNED]
    assert Signature.objects.filter(assessment=all_graded).count() == 1


def test_any_change_after_both_signed_clears_both_signatures_issue_5_5(all_graded, hmi, brm):
    steps.summative_sign(assessment=all_graded, actor=hmi)
    steps.summative_sign(assessment=all_graded, actor=brm)
    assert {s.signed_by for s in signatures(assessment=all_graded)} == {hmi, brm}
    title = judgement(all_graded, "staying_safe").title

    save(all_graded, "staying_safe", brm, grade=2, shown=1, reason="Moderation query")

    assert signatures(assessment=all_graded) == []
    cleared = signatures(assessment=all_graded, standing=False)
    assert len(cleared) == 2 and all(s.cleared_at is not None for s in cleared)
    assert {s.cleared_reason for s in cleared} == {steps.CLEARED.format(what=title)}
    audited = AuditEntry.objects.filter(verb="notebook.signature_cleared")
    assert audited.count() == 2
    assert {(a.actor, a.reason) for a in audited} == {(brm, steps.CLEARED.format(what=title))}
    assert {a.before["signed_by"] for a in audited} == {hmi.pk, brm.pk}

    steps.summative_sign(assessment=all_graded, actor=hmi)
    steps.summative_sign(assessment=all_graded, actor=brm)
    assert len(signatures(assessment=all_graded)) == 2
    assert Signature.objects.filter(assessment=all_graded).count() == 4


def test_a_change_by_one_signatory_clears_the_signature_given_so_far_issue_5_5(
    all_graded, hmi, brm
):
    steps.summative_sign(assessment=all_graded, actor=hmi)

    save(all_graded, "overall_effectiveness", hmi, grade=4, shown=1, reason="Outstanding")

    (signature,) = Signature.objects.filter(assessment=all_graded)
    assert signature.cleared_at is not None and signature.signed_by == hmi
    steps.summative_sign(assessment=all_graded, actor=brm)
    standing = Signature.objects.filter(assessment=all_graded, cleared_at__isnull=True)
    assert [s.signed_by for s in standing] == [brm]


def test_signing_is_audited_with_the_judgements_as_signed(all_graded, brm):
    steps.summative_sign(assessment=all_graded, actor=brm)

    audited = AuditEntry.objects.get(verb="notebook.judgements_signed")
    assert audited.actor == brm and audited.reason == "Signed the summative judgements"
    assert len(audited.after["judgements"]) == len(APA_2007)


def test_every_judgement_save_is_audited_and_revisions_are_kept(assessment, hmi, brm):
    save(assessment, "being_healthy", hmi, grade=2)
    save(assessment, "being_healthy", brm, grade=3, shown=1, reason="The data moved us")

    audited = list(AuditEntry.objects.filter(verb=f"notebook.{SUMMATIVE}_saved").order_by("id"))
    assert [(a.actor, a.reason) for a in audited] == [
        (hmi, "The judgement on being healthy first written"),
        (brm, "The data moved us"),
    ]
    assert audited[1].before["grade"] == 2 and audited[1].after["grade"] == 3
