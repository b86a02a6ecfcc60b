"""Consistency warnings (issue 5 §6), each with its rule in 002 §E; table-driven."""

import pytest

from ecm.analysis import consistency
from ecm.analysis.consistency import (
    DIRECTION_OF_TRAVEL,
    TRACK_RECORD,
    JudgementsDraft,
    consistency_warnings,
)

BOTH = frozenset({DIRECTION_OF_TRAVEL, TRACK_RECORD})


def codes(draft: JudgementsDraft) -> list[str]:
    return [w.code for w in consistency_warnings(draft)]


@pytest.mark.parametrize(
    ("overall", "education", "social_care", "expected"),
    [
        # 002 §E.iv: overall 4 needs "at least one service ... delivering at this level"
        (4, 3, 3, ["overall_4_no_service_4", "overall_outside_services"]),
        (4, 4, 3, []),
        (4, 3, 4, []),
        # 002 §E.iv: "the balance of strengths across both services" - above or below both
        (3, 2, 2, ["overall_outside_services"]),
        (1, 2, 3, ["overall_outside_services"]),
        (2, 2, 3, []),
        (3, 2, 4, []),
        # not yet judged: nothing to compare
        (4, None, 3, []),
        (None, 1, 4, []),
    ],
)
def test_the_overall_grade_against_the_two_services_002_E_iv(
    overall, education, social_care, expected
):
    draft = JudgementsDraft(
        overall=overall, education=education, social_care=social_care, capacity_evidence=BOTH
    )
    assert codes(draft) == expected


@pytest.mark.parametrize(
    ("overall", "outcome_grade", "warned"),
    [(3, 1, True), (4, 1, True), (2, 1, False), (3, 2, False)],
)
def test_an_unsatisfactory_outcome_weighs_on_an_overall_of_3_or_more_002_E_iv(
    overall, outcome_grade, warned
):
    draft = JudgementsDraft(overall=overall, outcomes={"Staying safe": outcome_grade})
    warnings = [w for w in consistency_warnings(draft) if w.code == "outcome_1_overall_3"]
    assert bool(warnings) is warned
    if warned:
        assert (
            "Staying safe" in warnings[0].message
            and warnings[0].source == consistency.SOURCE_OVERALL
        )


@pytest.mark.parametrize(
    ("education", "social_care", "split", "warned_on"),
    [
        # Step 2 names the service whose key area is unsatisfactory: that service is prompted
        (3, 3, {"education": 3, "social_care": 1}, ["social care"]),
        (4, 2, {"education": 1, "social_care": 2}, ["education"]),
        (2, 3, {"education": 1, "social_care": 3}, []),
        # graded 1 with no split by service (a Step 4 outcome grade): both services at 3 or more
        (3, 3, {}, ["education", "social care"]),
        (3, 2, {}, ["education"]),
        (None, None, {}, []),
    ],
)
def test_an_unsatisfactory_key_area_warns_on_the_service_grade_too_002_D_E_iv(
    education, social_care, split, warned_on
):
    """002 §D and §E.iv: "if a key area is unsatisfactory this will have an impact on both the
    service and the overall judgement"."""
    draft = JudgementsDraft(
        education=education,
        social_care=social_care,
        outcomes={"Staying safe": 1},
        outcome_services={"Staying safe": split} if split else {},
    )
    warnings = [w for w in consistency_warnings(draft) if w.code == "outcome_1_service_3"]
    assert [w.message.split(" grade is")[0].split("while the ")[1] for w in warnings] == warned_on
    for warning in warnings:
        assert warning.message.startswith("Staying safe is graded 1 for ")
        assert warning.source == consistency.SOURCE_OVERALL == "the handbook, section E.iv"


@pytest.mark.parametrize(
    ("evidence", "missing"),
    [
        (frozenset(), "direction of travel or the track record"),
        (frozenset({DIRECTION_OF_TRAVEL}), "track record"),
        (frozenset({TRACK_RECORD}), "direction of travel"),
        (BOTH, None),
    ],
)
def test_capacity_needs_direction_of_travel_and_track_record_002_E_v(evidence, missing):
    warnings = consistency_warnings(JudgementsDraft(capacity=3, capacity_evidence=evidence))
    if missing is None:
        assert warnings == []
    else:
        (warning,) = warnings
        assert warning.source == consistency.SOURCE_CAPACITY and warning.message.endswith(
            "it rests on the direction of travel and the track record."
        )
        assert f"no evidence on the {missing}:" in warning.message


@pytest.mark.parametrize(
    ("own", "judged", "warned"), [(4, 2, True), (1, 3, True), (3, 2, False), (2, 2, False)]
)
def test_a_self_grade_two_or_more_points_away_questions_its_accuracy_002_E_v(own, judged, warned):
    draft = JudgementsDraft(
        self_grades={"Being healthy": own},
        judgements={"Being healthy": judged},
        evidence={"Being healthy": 1},
    )
    assert (codes(draft) == ["self_assessment_inaccurate"]) is warned
    assert (codes(draft) == []) is not warned


def test_a_graded_judgement_with_no_evidence_is_flagged_and_an_ungraded_one_is_not_002_E_iv():
    draft = JudgementsDraft(
        judgements={"Enjoying and achieving": 3, "Staying safe": None, "Being healthy": 2},
        evidence={"Being healthy": 2},
    )
    warnings = consistency_warnings(draft)
    assert [w.message for w in warnings] == [
        "Enjoying and achieving is graded 3 with no evidence linked to it."
    ]


def test_warnings_never_decide_a_grade_they_only_describe_the_draft():
    """002 §E.iv: the overall judgement "is not reached through ... any mathematical formula"."""
    draft = JudgementsDraft(overall=4, education=3, social_care=3)
    consistency_warnings(draft)
    assert (draft.overall, draft.education, draft.social_care) == (4, 3, 3)


def test_the_thresholds_are_settings_of_ours_not_the_handbooks_issue_23():
    """002 §D, §E.iv and §E.v give no number for when to prompt: the draft carries ours
    (config/settings.py, CONSISTENCY_*), and another value changes the prompt."""
    draft = JudgementsDraft(
        overall=2, outcomes={"Staying safe": 1}, self_grades={"Being healthy": 3},
        judgements={"Being healthy": 2}, evidence={"Being healthy": 1},
    )  # fmt: skip
    assert codes(draft) == []
    stricter = JudgementsDraft(**{**draft.__dict__, "unsatisfactory_weighs_from": 2})
    assert codes(stricter) == ["outcome_1_overall_3"]
    closer = JudgementsDraft(**{**draft.__dict__, "self_grade_apart": 1})
    assert codes(closer) == ["self_assessment_inaccurate"]
