"""What other parts read of the unannounced inspections (issue 10 §3; 004): the annual
rating's limit (the latest letter sent in the rating's year), the safeguarding programme's
trigger (004: serious concerns bring the full inspection forward), the council's panel (never a
draft to the council) and the programme (004: annual)."""

from datetime import date

import pytest

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.rating.selectors import limits_for
from ecm.caa.unannounced import selectors
from ecm.caa.unannounced.demo import seed

pytestmark = pytest.mark.django_db


def test_004_the_rating_reads_the_latest_letter_sent_in_its_year(record, complete, send, council):
    """004 / DOMAIN.md §7: the rating of 2009 reads the latest letter sent in 2009; a draft
    and a letter of 2010 do not count."""
    assert selectors.outcome_for_rating(council=council, year=2009) is None
    first = send(complete(record(), outcome="serious_concerns"), on=date(2009, 6, 26))
    later = complete(
        record(first_day=date(2010, 4, 13), last_day=date(2010, 4, 14)), outcome="no_concerns"
    )
    found = selectors.outcome_for_rating(council=council, year=2009)
    assert found == {
        "outcome": "serious_concerns",
        "letter_on": date(2009, 6, 26),
        "url": selectors.inspection_url(first),
    }
    send(later, on=date(2010, 4, 20))
    assert selectors.outcome_for_rating(council=council, year=2009)["outcome"] == (
        "serious_concerns"
    )
    assert selectors.outcome_for_rating(council=council, year=2010)["outcome"] == "no_concerns"


def test_004_the_rating_is_limited_by_a_letter_of_serious_concerns(record, complete, send, council):
    """004 / DOMAIN.md §7: the rating's limits read this part's selector (ecm.caa.rating)."""
    send(complete(record(), outcome="serious_concerns"))
    limits = limits_for(council=council, year=2009, outcome_grades={})
    assert [limit.rule.code for limit in limits] == ["unannounced_serious_concerns"]


def test_004_serious_concerns_bring_the_full_inspection_forward(record, complete, send, council):
    """004: "If serious concerns are raised during the inspection, the full three-yearly
    inspection of safeguarding will be brought forward": the earliest letter of serious
    concerns sent after a date; some concerns and drafts do not count."""
    assert selectors.serious_concerns_after(council=council, after=None) is None
    send(complete(record(), outcome="some_concerns"))
    assert selectors.serious_concerns_after(council=council, after=None) is None
    serious = send(
        complete(
            record(first_day=date(2010, 5, 4), last_day=date(2010, 5, 5)),
            outcome="serious_concerns",
        ),
        on=date(2010, 5, 14),
    )
    found = {"letter_on": date(2010, 5, 14), "url": selectors.inspection_url(serious)}
    assert selectors.serious_concerns_after(council=council, after=None) == found
    assert selectors.serious_concerns_after(council=council, after=date(2010, 5, 13)) == found
    assert selectors.serious_concerns_after(council=council, after=date(2010, 5, 14)) is None
    assert selectors.serious_concerns_after(council=CouncilFactory(), after=None) is None


def test_the_council_sees_only_sent_letters_on_its_panel(
    record, complete, send, council, hmi, director
):
    """Issue 10 §3: the council reads its inspection once the letter is sent, never a draft."""
    draft = record()
    assert [
        r["inspection"] for r in selectors.council_panel(council=council, user=hmi)["inspections"]
    ] == [draft]
    panel = selectors.council_panel(council=council, user=director)
    assert panel["inspections"] == [] and not panel["new_url"] and not panel["programme_url"]
    send(complete(draft))
    panel = selectors.council_panel(council=council, user=director)
    assert [r["outcome"].code for r in panel["inspections"]] == ["some_concerns"]


def test_004_the_programme_lists_councils_not_yet_inspected_this_year(record, council):
    """004: annual, so each inspection year's programme visits every council once."""
    other = CouncilFactory()
    record()
    assert other in selectors.councils_not_inspected(year=2009)
    assert council not in selectors.councils_not_inspected(year=2009)
    assert council in selectors.councils_not_inspected(year=2010)
    assert selectors.current_inspection_year(date(2011, 2, 1)) == 2010
    assert selectors.current_inspection_year(date(2008, 5, 1)) == 2009
    programme = selectors.programme(year=2009)
    assert programme["label"] == "2009\u201310" and programme["sent"] == 0


def test_the_demo_is_loaded_once(council, make_user):
    """The demo's inspection (June 2009, serious concerns), loaded once."""
    lead = make_user(Role.HMI)
    assert seed(council=council, lead=lead) is True
    assert seed(council=council, lead=lead) is False
    found = selectors.outcome_for_rating(council=council, year=2009)
    assert found["outcome"] == "serious_concerns" and found["letter_on"] == date(2009, 6, 26)
