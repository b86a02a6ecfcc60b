"""The enhanced youth inspection's rules (issue 9 §5), each from 001 "Enhanced Youth
Inspection": the council's self-assessment, its activity list for fieldwork week one, the
team's block of 16 to 20 observations and the youth report."""

from datetime import date, time
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError

import ecm.framework
from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.authorities.tests.factories import CouncilFactory
from ecm.core.locking import stale_message
from ecm.jar.services.common import NOT_THE_COUNCIL
from ecm.jar.youth import services
from ecm.jar.youth.models import GRADE_CHOICES
from ecm.jar.youth.tests.conftest import full_answers

pytestmark = pytest.mark.django_db


def _verbs(review) -> list[str]:
    return list(
        AuditEntry.objects.filter(verb__startswith="jar.youth")
        .order_by("pk")
        .values_list("verb", flat=True)
    )


def test_the_scale_is_the_frameworks_lsif_four_points():
    """The grades are the framework's bundled LSIF scale (000 §12), word for word."""
    library = Path(ecm.framework.__file__).parent / "library" / "ecm-framework-v1.yaml"
    scales = yaml.safe_load(library.read_text())["grade_scales"]
    lsif = next(s for s in scales if s["code"] == "lsif_four_point")
    assert [(g["value"], g["label"]) for g in lsif["grades"]] == GRADE_CHOICES


# ------------------------------------------------------------------------- Self-assessment


def test_the_council_writes_and_submits_its_self_assessment_001(review, link_officer):
    """001: "Complete a self assessment, grading performance on achievement, curriculum and
    resources and management, ... an evaluative commentary on contributions to the five
    outcomes"."""
    sa = services.youth_self_assessment_save(
        actor=link_officer, review=review, answers=full_answers(), expected_lock_version=None
    )
    done = services.youth_self_assessment_submit(actor=link_officer, review=review)
    assert done.submitted_at and done.submitted_by == link_officer
    assert done.achievement_grade == 3 and sa.pk == done.pk
    assert _verbs(review) == [
        "jar.youth_self_assessment_saved",
        "jar.youth_self_assessment_submitted",
    ]


def test_only_the_councils_own_people_write_it_001(review, lead, make_user):
    stranger = make_user(Role.LINK_OFFICER, council=CouncilFactory())
    for actor in (lead, stranger):
        with pytest.raises(ValidationError) as refused:
            services.youth_self_assessment_save(
                actor=actor, review=review, answers={}, expected_lock_version=None
            )
        assert refused.value.messages == [NOT_THE_COUNCIL]


def test_submission_is_refused_with_the_list_of_what_is_missing_001(review, link_officer):
    answers = full_answers() | {"curriculum_grade": None, "staying_safe": " "}
    services.youth_self_assessment_save(
        actor=link_officer, review=review, answers=answers, expected_lock_version=None
    )
    with pytest.raises(ValidationError) as refused:
        services.youth_self_assessment_submit(actor=link_officer, review=review)
    missing = "a grade for curriculum and resources; a commentary on staying safe"
    assert refused.value.messages == [services.INCOMPLETE.format(missing=missing)]


def test_a_stale_save_is_refused_and_says_reload(review, link_officer):
    sa = services.youth_self_assessment_save(
        actor=link_officer,
        review=review,
        answers={"being_healthy": "A"},
        expected_lock_version=None,
    )
    services.youth_self_assessment_save(
        actor=link_officer,
        review=review,
        answers={"being_healthy": "B"},
        expected_lock_version=sa.lock_version,
    )
    with pytest.raises(ValidationError) as refused:
        services.youth_self_assessment_save(
            actor=link_officer,
            review=review,
            answers={"being_healthy": "C"},
            expected_lock_version=sa.lock_version,
        )
    assert refused.value.messages == [stale_message(what="this self-assessment")]


def test_a_submitted_self_assessment_no_longer_changes(review, link_officer):
    services.youth_self_assessment_save(
        actor=link_officer, review=review, answers=full_answers(), expected_lock_version=None
    )
    services.youth_self_assessment_submit(actor=link_officer, review=review)
    with pytest.raises(ValidationError, match="can no longer change"):
        services.youth_self_assessment_save(
            actor=link_officer, review=review, answers={}, expected_lock_version=None
        )


# ---------------------------------------------------------------------------- Activities


def _activity(review, actor, day: date, **change):
    kwargs = {
        "actor": actor,
        "review": review,
        "day": day,
        "starts_at": time(18, 30),
        "venue": "Northside youth centre",
        "what": "Girls' group",
        "outcomes": ["being_healthy", "positive_contribution"],
        "good_practice": True,
    } | change
    return services.youth_activity_add(**kwargs)


@pytest.mark.parametrize(
    ("day", "allowed"),
    [
        (date(2007, 10, 12), False),  # the Friday before fieldwork
        (date(2007, 10, 15), True),  # fieldwork's first day
        (date(2007, 10, 19), True),  # the fifth working day
        (date(2007, 10, 22), False),  # week two
    ],
)
def test_activity_is_listed_for_fieldwork_week_one_only_001(review, link_officer, day, allowed):
    """001: "all the youth service activity taking place during the first fieldwork week"."""
    if allowed:
        made = _activity(review, link_officer, day)
        assert made.outcomes == ["being_healthy", "positive_contribution"] and made.good_practice
        assert _verbs(review) == ["jar.youth_activity_added"]
    else:
        with pytest.raises(ValidationError) as refused:
            _activity(review, link_officer, day)
        assert refused.value.message_dict["day"] == [
            services.OUTSIDE_WEEK_ONE.format(
                first="Monday 15 October 2007", last="Friday 19 October 2007"
            )
        ]


def test_activity_needs_venue_what_known_outcomes_and_the_council(review, link_officer, lead):
    with pytest.raises(ValidationError) as refused:
        _activity(
            review, link_officer, date(2007, 10, 16), venue="", what=" ", outcomes=["lac"],
            ends_at=time(17, 0),
        )  # fmt: skip
    assert refused.value.message_dict == {
        "venue": [services.NO_VENUE],
        "what": [services.NO_WHAT],
        "outcomes": [services.UNKNOWN_OUTCOME],
        "ends_at": [services.ENDS_BEFORE_START],
    }
    with pytest.raises(ValidationError):
        _activity(review, lead, date(2007, 10, 16))


# -------------------------------------------------------------------------- Observations


def test_observations_by_the_team_warn_until_16_and_refuse_the_21st_001(review, observe, lead):
    """001: "extend ... to a block of 16 to 20 observations"."""
    observe(15)
    assert services.observations_warning(review) == services.FEW_OBSERVATIONS.format(count=15)
    observe(1)
    assert services.observations_warning(review) == ""
    observe(4)
    with pytest.raises(ValidationError) as refused:
        observe(1)
    assert refused.value.messages == [services.TOO_MANY.format(most=20)]
    assert review.youth_observations.count() == 20
    assert _verbs(review).count("jar.youth_observation_recorded") == 20


def test_only_the_reviews_team_records_observations(review, lead, link_officer, administrator):
    for actor in (link_officer, administrator):
        with pytest.raises(ValidationError) as refused:
            services.youth_observation_record(
                actor=actor, review=review, session="Club", observed_on=date(2007, 10, 16),
                grades={"achievement": 3, "curriculum": 3, "management": 3}, notes={},
                young_people_present=4,
            )  # fmt: skip
        assert refused.value.messages == [services.NOT_ON_TEAM]


def test_an_observation_has_all_three_grades_and_a_session(review, lead):
    with pytest.raises(ValidationError) as refused:
        services.youth_observation_record(
            actor=lead, review=review, observed_on=date(2007, 10, 16),
            grades={"achievement": 5, "curriculum": None}, notes={}, young_people_present=3,
        )  # fmt: skip
    assert refused.value.message_dict == {
        "achievement_grade": [services.NOT_A_GRADE],
        "curriculum_grade": [services.NOT_A_GRADE],
        "management_grade": [services.NOT_A_GRADE],
        "session": [services.NO_SESSION],
    }


# -------------------------------------------------------------------------------- Report


def _write_report(review, lead, **change):
    kwargs = {
        "actor": lead,
        "review": review,
        "grades": {"achievement": 3, "curriculum": 2, "management": 3},
        "strengths": "Young people shape the programme.",
        "weaknesses": "Little accredited work in the south.",
        "recommendations": "Extend accreditation.",
        "expected_lock_version": None,
    } | change
    return services.youth_report_save(**kwargs)


def test_the_report_is_finalised_only_with_16_observations_001(review, lead, observe):
    """001: "A separate youth inspection report ... giving grades, strengths, weaknesses and
    recommendations for development", from the block of 16 to 20 observations."""
    _write_report(review, lead)
    observe(15)
    with pytest.raises(ValidationError) as refused:
        services.youth_report_finalise(actor=lead, review=review)
    missing = "at least 16 observations (15 recorded)"
    assert refused.value.messages == [services.CANNOT_FINALISE.format(missing=missing)]
    observe(1)
    report = services.youth_report_finalise(actor=lead, review=review)
    assert report.finalised_at and report.finalised_by == lead
    assert "jar.youth_report_finalised" in _verbs(review)
    with pytest.raises(ValidationError, match="can no longer change"):
        _write_report(review, lead)
    with pytest.raises(ValidationError, match="can no longer change"):
        observe(1)


def test_finalising_lists_every_missing_grade_and_text(review, lead, observe):
    observe(16)
    _write_report(review, lead, grades={"achievement": 3}, weaknesses="", recommendations="  ")
    with pytest.raises(ValidationError) as refused:
        services.youth_report_finalise(actor=lead, review=review)
    missing = (
        "a grade for curriculum and resources; a grade for management; weaknesses; "
        "recommendations for development"
    )
    assert refused.value.messages == [services.CANNOT_FINALISE.format(missing=missing)]


def test_only_the_lead_finalises_and_a_stale_report_save_is_refused(
    review, lead, administrator, link_officer
):
    with pytest.raises(ValidationError) as refused:
        services.youth_report_finalise(actor=administrator, review=review)
    assert refused.value.messages == [services.NOT_THE_LEAD]
    with pytest.raises(ValidationError):
        _write_report(review, link_officer)
    first = _write_report(review, lead)
    _write_report(review, lead, expected_lock_version=first.lock_version)
    with pytest.raises(ValidationError) as stale:
        _write_report(review, lead, expected_lock_version=first.lock_version)
    assert stale.value.messages == [stale_message(what="this report")]
