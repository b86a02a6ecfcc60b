"""The annual rating's key areas as a per-year setting (issue 24 §1; 004 "Annual Rating of
Children's Services": "Where performance in a key area, e.g. Staying Safe or Enjoying and
Achieving is inadequate, this will limit the overall grade given"). The default is the two the
seed names; the programme administrator may choose others for a year, with a reason, audited;
the page shows the seed's "e.g." beside the choice; a rating keeps the key areas it was saved
with."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.caa.rating import services
from ecm.caa.rating.limits import OUTCOMES
from ecm.caa.rating.selectors import key_areas_for, limits_for
from tests.plugins.framework_once import bundled_framework

pytestmark = pytest.mark.django_db
GOOD = {code: 3 for code, _ in OUTCOMES}


@pytest.fixture(autouse=True)
def framework(db):
    bundled_framework()


def test_the_default_key_areas_are_the_two_004_names_after_its_eg():
    """004: "e.g. Staying Safe or Enjoying and Achieving"."""
    found = key_areas_for(2009)
    assert found.codes == ("staying_safe", "enjoying_achieving") and not found.chosen
    assert "e.g. Staying Safe or Enjoying and Achieving" in found.source_text


def test_a_chosen_key_area_limits_the_rating_and_a_dropped_one_no_longer_does_004(
    administrator, council
):
    """004's "e.g." makes its two key areas examples: the administrator may choose others."""
    assert limits_for(council=council, year=2009, outcome_grades={**GOOD, "being_healthy": 1}) == []
    services.key_areas_choose(
        actor=administrator,
        year=2009,
        key_areas=["being_healthy", "staying_safe"],
        reason="The year's priorities",
    )
    (limit,) = limits_for(council=council, year=2009, outcome_grades={**GOOD, "being_healthy": 1})
    assert limit.rule.code == "key_area_inadequate" and "Being healthy" in limit.why
    assert (
        limits_for(council=council, year=2009, outcome_grades={**GOOD, "enjoying_achieving": 1})
        == []
    )
    entry = AuditEntry.objects.get(verb="caa.rating_key_areas_chosen")
    assert entry.before["key_areas"] == ["staying_safe", "enjoying_achieving"]
    assert entry.after["key_areas"] == ["being_healthy", "staying_safe"]
    assert entry.reason == "The year's priorities"


def test_only_the_administrator_chooses_with_a_reason_and_at_least_one_area(administrator, hmi):
    with pytest.raises(ValidationError, match=services.NOT_THE_ADMINISTRATOR):
        services.key_areas_choose(actor=hmi, year=2009, key_areas=["being_healthy"], reason="x")
    with pytest.raises(ValidationError) as refused:
        services.key_areas_choose(actor=administrator, year=2009, key_areas=[], reason=" ")
    assert services.NO_KEY_AREA in str(refused.value) and services.NO_KEY_AREA_REASON in str(
        refused.value
    )
    with pytest.raises(ValidationError, match="nothing changed"):
        services.key_areas_choose(
            actor=administrator,
            year=2009,
            key_areas=["enjoying_achieving", "staying_safe"],
            reason="Same",
        )


def test_a_stale_choice_is_refused(administrator):
    first = services.key_areas_choose(
        actor=administrator, year=2009, key_areas=["being_healthy"], reason="One"
    )
    services.key_areas_choose(
        actor=administrator, year=2009, key_areas=["staying_safe"], reason="Two",
        expected_lock_version=first.lock_version,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="reload the page"):
        services.key_areas_choose(
            actor=administrator, year=2009, key_areas=["economic_wellbeing"], reason="Three",
            expected_lock_version=first.lock_version,
        )  # fmt: skip


def test_a_rating_keeps_the_key_areas_it_was_saved_with(administrator, hmi, council):
    made = services.rating_draft(
        actor=hmi, council=council, rating=3, outcome_grades=GOOD, rationale="Weighed",
        evidence={"profile_summary": "Similar to England"},
    )  # fmt: skip
    assert made.key_areas == ["staying_safe", "enjoying_achieving"]


def test_the_page_shows_the_seeds_eg_beside_the_choice_004(client, administrator, hmi):
    url = reverse("caa:rating-key-areas", kwargs={"year": 2009})
    client.force_login(hmi)
    assert client.get(url).status_code == 404
    client.force_login(administrator)
    page = client.get(url).content.decode()
    assert "e.g. Staying Safe or Enjoying and Achieving" in page and "“e.g.”" in page
    refused = client.post(url, {"key_areas": [], "reason": "", "lock_version": 0})
    assert refused.status_code == 400 and "Choose at least one key area" in refused.content.decode()
    done = client.post(
        url,
        {"key_areas": ["positive_contribution"], "reason": "Youth offending", "lock_version": 0},
        follow=True,
    )
    text = done.content.decode()
    assert "Making a positive contribution" in text and "Youth offending" in text
    assert client.get(reverse("caa:rating-key-areas", kwargs={"year": 2008})).status_code == 404
