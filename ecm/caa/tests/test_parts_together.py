"""The 2009 parts read each other (issue 10; 004): a letter of serious concerns from the
unannounced inspection brings the full inspection forward and limits the annual rating; the
full inspection then resets the schedule to three years. Each part's own tests stub the
others; these run them together, through the demo's services."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.caa.rating import demo as rating_demo
from ecm.caa.rating.services import rating_draft
from ecm.caa.safeguarding import demo as safeguarding_demo
from ecm.caa.safeguarding.selectors import programme, schedule_for
from ecm.caa.unannounced import demo as unannounced_demo
from ecm.caa.unannounced.models import UnannouncedInspection
from tests.plugins.framework_once import bundled_framework

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def framework(db):
    bundled_framework()


def test_serious_concerns_bring_the_full_inspection_forward_004(council, hmi):
    """004: "If serious concerns are raised during the inspection, the full three-yearly
    inspection of safeguarding will be brought forward"."""
    assert schedule_for(council=council)["due_on"] == date(2012, 3, 31)  # 004: within three years
    unannounced_demo.seed(council=council, lead=hmi)
    letter = UnannouncedInspection.objects.get(council=council)
    schedule = schedule_for(council=council)
    assert schedule["brought_forward"]
    assert schedule["due_on"] < date(2012, 3, 31)
    # Three months after the letter (the inspectorate's setting in safeguarding-2009.yaml).
    assert (letter.sent_on, schedule["due_on"]) == (date(2009, 6, 26), date(2009, 9, 26))
    assert any(str(letter.pk) in reason["url"] for reason in schedule["reasons"])


def test_the_full_inspection_after_the_letter_resets_the_schedule_to_three_years_004(council, hmi):
    """004: "these inspections will occur every three years": once the brought-forward
    inspection has been, the letter before it no longer brings the next one forward."""
    unannounced_demo.seed(council=council, lead=hmi)
    safeguarding_demo.seed(council=council, lead=hmi)
    schedule = schedule_for(council=council)
    assert not schedule["brought_forward"]
    assert schedule["due_on"].year == 2012 and schedule["due_on"].month == 10


def test_the_letter_of_serious_concerns_limits_the_rating_004(council, hmi):
    """004 and DOMAIN.md §7: a council's rating could be limited (for example to adequate) by
    findings of an unannounced inspection."""
    unannounced_demo.seed(council=council, lead=hmi)
    with pytest.raises(ValidationError) as refused:
        rating_draft(
            actor=hmi,
            council=council,
            rating=3,
            outcome_grades=rating_demo.OUTCOME_GRADES,
            rationale="Good",
            evidence=rating_demo.EVIDENCE,
        )
    assert "raised serious concerns" in str(refused.value)
    limited = rating_draft(
        actor=hmi,
        council=council,
        rating=2,
        outcome_grades=rating_demo.OUTCOME_GRADES,
        rationale="Limited",
        evidence=rating_demo.EVIDENCE,
    )
    assert [limit["code"] for limit in limited.limits] == ["unannounced_serious_concerns"]


def test_the_programme_reads_every_councils_letters_in_a_fixed_number_of_queries(
    council, other_council, hmi, django_assert_max_num_queries
):
    """The programme of every council's next full inspection (152 in 2009, DOMAIN.md §7)
    brings forward the council with a letter of serious concerns, without a query per
    council."""
    unannounced_demo.seed(council=council, lead=hmi)
    with django_assert_max_num_queries(6):
        schedules = {s["council"]: s for s in programme()}
    assert schedules[council]["brought_forward"]
    assert schedules[council]["due_on"] == date(2009, 9, 26)
    assert not schedules[other_council]["brought_forward"]
