"""Drafting and finalising the annual rating (issue 10 §2; 004): a rating above a limit is
refused with every reason; evidence and a rationale are required; the limits are checked again
when the rating is made final; the council sees only the final rating. Every write audited."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.caa.rating import selectors as rating_selectors
from ecm.caa.rating import services
from ecm.caa.rating.limits import OUTCOMES
from ecm.caa.rating.selectors import rating_visible
from tests.plugins.framework_once import bundled_framework

pytestmark = pytest.mark.django_db
GOOD = {code: 3 for code, _ in OUTCOMES}
EVIDENCE = {"profile_summary": "Most indicators similar to England", "self_review": "Candid"}


@pytest.fixture(autouse=True)
def framework(db):
    bundled_framework()


def _draft(actor, council, **change):
    kwargs = dict(
        actor=actor,
        council=council,
        rating=3,
        outcome_grades=GOOD,
        rationale="Good across the profile",
        evidence=EVIDENCE,
    )
    return services.rating_draft(**{**kwargs, **change})


def test_a_rating_above_the_limit_of_an_inadequate_key_area_is_refused_004(hmi, council):
    with pytest.raises(ValidationError) as refused:
        _draft(hmi, council, outcome_grades={**GOOD, "staying_safe": 1})
    text = " ".join(refused.value.messages)
    assert "cannot be above 2 (performs adequately)" in text
    assert "Staying safe is judged inadequate" in text and "004" in text
    made = _draft(hmi, council, rating=2, outcome_grades={**GOOD, "staying_safe": 1})
    assert [limit["code"] for limit in made.limits] == ["key_area_inadequate"]


def test_serious_concerns_limit_the_rating_from_the_unannounced_part(hmi, council, monkeypatch):
    monkeypatch.setattr(
        rating_selectors,  # the unannounced part's outcome, as the rating reads it
        "outcome_for_rating",
        lambda **_: {"outcome": "serious_concerns", "letter_on": date(2009, 7, 3), "url": "/u/"},
    )
    with pytest.raises(ValidationError, match="serious concerns"):
        _draft(hmi, council, rating=3)


def test_evidence_every_outcome_and_a_rationale_are_required_004(hmi, council):
    with pytest.raises(ValidationError) as refused:
        _draft(
            hmi,
            council,
            evidence={"profile_summary": " "},
            rationale="",
            outcome_grades={"staying_safe": 3},
        )
    text = " ".join(refused.value.messages)
    assert services.NO_EVIDENCE in text and services.NO_RATIONALE in text
    assert "Being healthy" in text


def test_only_an_inspector_or_the_administrator_drafts(council, link_officer, make_user):
    for outsider in (link_officer, make_user(Role.MANAGEMENT_READER)):
        with pytest.raises(ValidationError, match=services.NOT_AN_INSPECTOR):
            _draft(outsider, council)


def test_the_final_rating_is_made_by_someone_else_and_checked_again(
    hmi, council, administrator, make_user, monkeypatch
):
    draft = _draft(hmi, council, rating=3)
    assert AuditEntry.objects.filter(verb="caa.rating_drafted").count() == 1
    with pytest.raises(ValidationError, match=services.NOT_A_FINALISER):
        services.rating_finalise(actor=hmi, rating=draft)
    admin_drafted = _draft(administrator, council, rating=3)
    with pytest.raises(ValidationError, match=services.SAME_PERSON):
        services.rating_finalise(actor=administrator, rating=admin_drafted)
    reader = make_user(Role.MANAGEMENT_READER)

    monkeypatch.setattr(
        rating_selectors,  # the safeguarding part's findings, as the rating reads them
        "findings_for_rating",
        lambda **_: [
            {
                "published_on": date(2009, 9, 1),
                "safeguarding_overall": 1,
                "lac_overall": 3,
                "url": "/s/",
            }
        ],
    )
    with pytest.raises(ValidationError, match="cannot be above 2"):
        services.rating_finalise(actor=reader, rating=admin_drafted)
    monkeypatch.undo()
    final = services.rating_finalise(actor=reader, rating=admin_drafted, on=date(2009, 11, 2))
    assert final.stage == "final"
    with pytest.raises(ValidationError, match="no longer changes"):
        _draft(hmi, council)


def test_a_stale_draft_is_refused(hmi, council):
    first = _draft(hmi, council)
    _draft(hmi, council, rating=2, expected_lock_version=first.lock_version)
    with pytest.raises(ValidationError, match="reload the page"):
        _draft(hmi, council, rating=4, expected_lock_version=first.lock_version)


def test_the_council_sees_only_the_final_rating(hmi, council, link_officer, make_user):
    draft = _draft(hmi, council)
    assert not rating_visible(draft, link_officer) and rating_visible(draft, hmi)
    final = services.rating_finalise(actor=make_user(Role.MANAGEMENT_READER), rating=draft)
    assert rating_visible(final, link_officer)
