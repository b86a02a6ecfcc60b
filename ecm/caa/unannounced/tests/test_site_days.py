"""The unannounced inspection's days on site, lead inspector, council and programme year as the
2009 briefing says them (issue 24 §1, §3). 004: "Inspectors will not usually be on site for
more than two days, except in exceptional circumstances": the days actually on site are
recorded and counted one by one, so a Friday and the Monday after are two days. The lead is
an inspector whose inspectorate existed then (no CSCI manager for 2009); the council one that
existed then; the programme opens on the latest year with work."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.unannounced import demo, selectors, services
from ecm.caa.unannounced.documents import visit_words
from ecm.caa.unannounced.models import UnannouncedInspection
from ecm.caa.unannounced.site_days import in_words

pytestmark = pytest.mark.django_db

FRIDAY, SATURDAY, MONDAY, TUESDAY = (
    date(2009, 6, 12),
    date(2009, 6, 13),
    date(2009, 6, 15),
    date(2009, 6, 16),
)


def _refused(make, **overrides) -> dict:
    with pytest.raises(ValidationError) as refused:
        make(**overrides)
    return refused.value.message_dict


def day(prefix: str, value: date) -> dict:
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def test_004_a_friday_and_the_monday_after_are_two_days_on_site(record):
    """004: "not usually be on site for more than two days": a Friday and a Monday are two
    days on site, not the four calendar days from the first to the last, and are accepted."""
    found = record(days_on_site=[MONDAY, FRIDAY], first_day=None, last_day=None)
    assert found.days_on_site == 2
    assert found.site_days == ["2009-06-12", "2009-06-15"]
    assert (found.first_day, found.last_day) == (FRIDAY, MONDAY)
    assert found.on_site == [FRIDAY, MONDAY]
    assert not found.exceptional


def test_004_a_visit_given_by_its_first_and_last_days_is_on_site_every_day_between(record):
    """004: the shorthand of a first and a last day means every day between (four from Friday
    to Monday), so it is refused as more than two days: the days actually on site are the way
    to record a visit across a weekend."""
    assert _refused(record, first_day=FRIDAY, last_day=MONDAY) == {
        "last_day": [services.TOO_MANY_DAYS.format(days=2)]
    }


@pytest.mark.parametrize(
    "days, exceptional, reason, error",
    [
        (
            [FRIDAY, MONDAY, TUESDAY],
            False,
            "",
            ("days_on_site", services.TOO_MANY_DAYS.format(days=2)),
        ),
        (
            [FRIDAY, MONDAY, TUESDAY],
            True,
            "",
            ("exceptional_reason", services.NO_EXCEPTIONAL_REASON),
        ),
        ([FRIDAY, MONDAY, TUESDAY], True, "A referral of concern on the Monday", None),
        ([FRIDAY, SATURDAY], False, "", None),
        ([FRIDAY], False, "", None),
    ],
)
def test_004_more_than_two_days_only_in_exceptional_circumstances_with_the_reason(
    record, days, exceptional, reason, error
):
    """004: "not usually ... more than two days, except in exceptional circumstances": a third
    day on site needs the exceptional circumstances written down."""
    values = {
        "days_on_site": days,
        "first_day": None,
        "last_day": None,
        "exceptional": exceptional,
        "exceptional_reason": reason,
    }
    if error is None:
        found = record(**values)
        assert found.days_on_site == len(days) and found.exceptional == exceptional
        assert found.exceptional_reason == reason
        return
    field, message = error
    assert _refused(record, **values) == {field: [message]}


@pytest.mark.parametrize(
    "days, field, message",
    [
        ([], "first_day", services.NO_DAYS),
        ([FRIDAY, FRIDAY], "days_on_site", services.DUPLICATE_DAY.format(day=FRIDAY)),
        ([date(2009, 3, 31), date(2009, 4, 1)], "first_day", services.BEFORE_START),
    ],
)
def test_004_the_days_on_site_are_real_days_from_1_april_2009(record, days, field, message):
    """004: "These will take place from 1st April 2009"; each day on site is given once."""
    refused = _refused(record, days_on_site=days, first_day=None, last_day=None)
    assert refused == {field: [message]}


def test_004_the_letter_and_the_page_say_the_days_on_site(client, hmi, record):
    """The letter says when the inspectors visited in the days they were on site (004)."""
    found = record(days_on_site=[FRIDAY, MONDAY], first_day=None, last_day=None)
    assert found.days_in_words == "on 12 and 15 June 2009"
    assert "arrangements on 12 and 15 June 2009," in visit_words(found)
    client.force_login(hmi)
    page = client.get(selectors.inspection_url(found)).content.decode()
    assert "12 and 15 June 2009 (2 days on site" in page


def test_004_a_weekend_visit_recorded_on_the_page(client, hmi, council):
    """004: the page records the days on site one by one: Friday and Monday are accepted as
    two days, and a change of the visit shows them again."""
    client.force_login(hmi)
    data = {
        "lead_inspector": hmi.pk,
        **day("first_day", FRIDAY),
        **day("day_2", MONDAY),
        "centres_count": 3,
        "centres_visited": "Central referral team",
        "case_files": 20,
        "staff_spoken": 8,
        "lock_version": 0,
    }
    response = client.post(reverse("caa:unannounced-new", args=[council.la_number]), data)
    assert response.status_code == 302
    found = UnannouncedInspection.objects.get()
    assert found.on_site == [FRIDAY, MONDAY]
    page = client.get(selectors.inspection_url(found, "unannounced-visit")).content.decode()
    assert 'name="day_2_0" value="15"' in page and 'name="first_day_0" value="12"' in page


def test_004_a_csci_manager_is_not_offered_or_accepted_as_the_2009_lead(
    client, make_user, record, council
):
    """004 (from 1 April 2009) and issue 24 §3: the Commission for Social Care Inspection
    closed on 31 March 2009, so its staff are neither offered nor accepted as the lead of a
    2009 inspection; the lead's inspectorate is kept with the inspection."""
    csci = make_user(Role.BRM, inspectorate="csci", first_name="Carys", last_name="Closed")
    ofsted = make_user(Role.HMI, inspectorate="ofsted", first_name="Olu", last_name="Open")
    refused = _refused(record, lead_inspector=csci)
    assert refused == {
        "lead_inspector": [
            services.INSPECTORATE_CLOSED.format(
                name="Carys Closed",
                body="Commission for Social Care Inspection",
                day=date(2009, 6, 16),
            )
        ]
    }
    found = record(lead_inspector=ofsted)
    assert found.lead_inspectorate == "ofsted"
    client.force_login(ofsted)
    posted = {**day("first_day", FRIDAY), "lead_inspector": csci.pk}
    page = client.post(reverse("caa:unannounced-new", args=[council.la_number]), posted)
    text = page.content.decode()
    assert "Olu Open (Ofsted" in text and "Carys Closed" not in text.split("<select")[1]


def test_004_only_councils_that_existed_then_are_inspected(record):
    """Issue 24 §3: a council's existence has dates; a 2009 inspection of a council made in
    2019, or of one abolished on 1 April 2009, is refused."""
    later = CouncilFactory(established_on=date(2019, 4, 1), name="Newtown Council")
    gone = CouncilFactory(abolished_on=date(2009, 4, 1), name="Oldshire County Council")
    for council in (later, gone):
        refused = _refused(record, council=council)
        assert refused == {
            "first_day": [
                services.COUNCIL_NOT_THEN.format(council=council.name, day=date(2009, 6, 16))
            ]
        }


def test_the_programme_opens_on_the_latest_year_with_work(client, hmi, record, settings):
    """Issue 24 §3: the programme opens on the latest inspection year with an inspection, not
    an empty current one; the year picker stays."""
    client.force_login(hmi)
    settings.DEMO_MODE = False
    assert selectors.programme_year(today=date(2026, 12, 6)) == 2026
    settings.DEMO_MODE = True
    assert selectors.programme_year(today=date(2026, 12, 6)) == 2009  # the demo's year
    settings.DEMO_MODE = False
    record(first_day=date(2010, 5, 4), last_day=date(2010, 5, 5))
    assert selectors.programme_year(today=date(2026, 12, 6)) == 2010
    page = client.get(reverse("caa:unannounced-programme")).content.decode()
    assert "Inspection year 2010\u201311" in page
    assert '<a class="govuk-link" href="?year=2009">2009\u201310</a>' in page


def test_the_programme_of_2009_lists_the_councils_of_2009(client, hmi, council):
    """Issue 24 §3: councils valid for the date: 2009's programme has no council made in
    2019, and the year it was made, it has."""
    later = CouncilFactory(established_on=date(2019, 4, 1), name="Newtown Council")
    names_2009 = [r["council"].name for r in selectors.programme(year=2009)["rows"]]
    assert council.name in names_2009 and later.name not in names_2009
    names_2019 = [r["council"].name for r in selectors.programme(year=2019)["rows"]]
    assert later.name in names_2019


@pytest.mark.parametrize(
    "days, words",
    [
        ([FRIDAY], "on 12 June 2009"),
        ([FRIDAY, SATURDAY], "from 12 to 13 June 2009"),
        ([FRIDAY, MONDAY], "on 12 and 15 June 2009"),
        ([date(2009, 9, 30), date(2009, 10, 1), date(2009, 10, 5)],
         "on 30 September, 1 and 5 October 2009"),
        ([date(2009, 12, 31), date(2010, 1, 4)], "on 31 December 2009 and 4 January 2010"),
    ],
)  # fmt: skip
def test_the_days_in_words(days, words):
    assert in_words(days) == words


def test_the_demo_visits_across_a_weekend(council, hmi):
    """Issue 24 "Done when": the demo's unannounced inspection is on site on a Friday and the
    Monday after: two days, not exceptional (004)."""
    assert demo.seed(council=council, lead=hmi)
    found = UnannouncedInspection.objects.get(council=council)
    assert found.on_site == [FRIDAY, MONDAY] and FRIDAY.weekday() == 4
    assert found.days_on_site == 2 and not found.exceptional and found.is_sent
