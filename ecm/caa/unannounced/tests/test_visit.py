"""The unannounced inspection's visit (issue 10 §3; 004 "Annual, unannounced inspection of local
authority contact, assessment and referral centres"; DOMAIN.md §5): from 1 April 2009, annual,
two days on site unless exceptional, the centres visited, the lead inspector and who records.
Table-driven where they are a table; each test names its source."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.unannounced import services
from ecm.caa.unannounced.framework import inspection_year_of
from ecm.caa.unannounced.models import UnannouncedInspection
from ecm.core.access import NotYourRole

pytestmark = pytest.mark.django_db


def _refused(make, **overrides) -> dict:
    with pytest.raises(ValidationError) as refused:
        make(**overrides)
    return refused.value.message_dict


@pytest.mark.parametrize(
    "first, expected",
    [
        (date(2009, 3, 31), services.BEFORE_START),
        (date(2008, 6, 1), services.BEFORE_START),
        (date(2009, 4, 1), None),
    ],
)
def test_004_from_1_april_2009(record, first, expected):
    """004: "These will take place from 1st April 2009"."""
    if expected:
        assert _refused(record, first_day=first, last_day=first) == {"first_day": [expected]}
    else:
        assert record(first_day=first, last_day=first).first_day == first


def test_004_from_1_april_2009_in_the_database_too(hmi, council):
    """004 / DOMAIN.md §5: the constraint holds whatever writes the row."""
    with pytest.raises(IntegrityError), transaction.atomic():
        UnannouncedInspection.objects.create(
            council=council,
            inspection_year=2009,
            lead_inspector=hmi,
            first_day=date(2009, 3, 30),
            last_day=date(2009, 3, 31),
            centres_count=1,
        )


@pytest.mark.parametrize(
    "days, exceptional, reason, error",
    [
        (1, False, "", None),
        (2, False, "", None),  # counted inclusive: 16 and 17 June are two days
        (3, False, "", ("last_day", services.TOO_MANY_DAYS.format(days=2))),
        (3, True, "", ("exceptional_reason", services.NO_EXCEPTIONAL_REASON)),
        (3, True, "A child protection referral came in on the second day", None),
    ],
)
def test_004_two_days_on_site_unless_exceptional(record, days, exceptional, reason, error):
    """004: "Inspectors will not usually be on site for more than two days, except in
    exceptional circumstances" (DOMAIN.md §5 "usually at most two days on site")."""
    first = date(2009, 6, 16)
    values = {
        "first_day": first,
        "last_day": first + timedelta(days=days - 1),
        "exceptional": exceptional,
        "exceptional_reason": reason,
    }
    if error:
        field, message = error
        assert _refused(record, **values) == {field: [message]}
    else:
        made = record(**values)
        assert made.days_on_site == days and made.exceptional_reason == reason


def test_the_last_day_is_not_before_the_first(record):
    refused = _refused(record, first_day=date(2009, 6, 17), last_day=date(2009, 6, 16))
    assert refused == {"last_day": [services.DAYS_OUT_OF_ORDER]}


@pytest.mark.parametrize(
    "count, visited, message",
    [
        (6, ["Central"], services.TOO_FEW_CENTRES.format(required=2, s="s", count=6)),
        (6, ["Central", "North"], None),
        (5, ["Central"], None),  # "more than five": five centres need only one
        (1, ["Central"], None),
        (1, [], services.TOO_FEW_CENTRES.format(required=1, s="", count=1)),
        (2, ["A", "B", "C"], services.MORE_VISITED_THAN_CENTRES.format(visited=3, count=2)),
        (6, ["Central", "central "], services.DUPLICATE_CENTRE),
    ],
)
def test_004_one_or_more_centres_and_at_least_two_where_more_than_five(
    record, count, visited, message
):
    """004: "Inspectors will visit one or more contact, referral and assessment centre (where
    there are more than five this will be at least two)"."""
    if message:
        assert _refused(record, centres_count=count, centres_visited=visited) == {
            "centres_visited": [message]
        }
    else:
        assert record(centres_count=count, centres_visited=visited).centres_visited == visited


def test_004_the_centres_may_be_given_one_a_line(record):
    made = record(centres_visited="Central referral team\n\n  North   team \n")
    assert made.centres_visited == ["Central referral team", "North team"]


@pytest.mark.parametrize(
    "day, year",
    [
        (date(2009, 4, 1), 2009),
        (date(2010, 3, 31), 2009),
        (date(2010, 4, 1), 2010),
        (date(2011, 1, 15), 2010),
    ],
)
def test_the_inspection_year_runs_april_to_march(day, year):
    """004: annual from 1 April 2009; an inspection year runs April to March."""
    assert inspection_year_of(day) == year


def test_004_annual_one_per_council_per_inspection_year_april_to_march(record, council, hmi):
    """004: "Annual" (DOMAIN.md §5 "annual"): one inspection of a council in each inspection
    year, April to March; another council, or the next year, is another inspection."""
    first = record()
    assert first.inspection_year == 2009
    refused = _refused(record, first_day=date(2010, 2, 1), last_day=date(2010, 2, 2))
    assert refused == {
        "first_day": [services.ONE_PER_YEAR.format(council=council.name, year="2009\u201310")]
    }
    assert record(first_day=date(2010, 4, 6), last_day=date(2010, 4, 7)).inspection_year == 2010
    other = CouncilFactory()
    assert record(council=other).inspection_year == 2009
    with pytest.raises(IntegrityError), transaction.atomic():
        UnannouncedInspection.objects.create(
            council=council,
            inspection_year=2009,
            lead_inspector=hmi,
            first_day=date(2009, 9, 1),
            last_day=date(2009, 9, 1),
            centres_count=1,
        )


def test_004_changing_the_visit_keeps_the_one_a_year_rule_and_moves_the_year(record, hmi):
    made = record()
    moved = services.unannounced_save(
        actor=hmi,
        council=made.council,
        inspection=made,
        expected_lock_version=made.lock_version,
        lead_inspector=hmi,
        first_day=date(2010, 5, 4),
        last_day=date(2010, 5, 5),
        exceptional=False,
        exceptional_reason="",
        centres_count=6,
        centres_visited=["A", "B"],
        case_files=3,
        staff_spoken=4,
    )
    assert moved.inspection_year == 2010 and moved.lock_version == made.lock_version + 1


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("lead_inspector", None, services.NO_LEAD),
        ("first_day", None, services.NO_FIRST_DAY),
        ("last_day", None, services.NO_LAST_DAY),
        ("centres_count", None, services.NO_CENTRES_COUNT),
        ("centres_count", 0, services.NO_CENTRES_COUNT),
        ("case_files", None, services.NO_CASE_FILES),
        ("staff_spoken", None, services.NO_STAFF),
        ("staff_spoken", -1, services.NEGATIVE),
    ],
)
def test_the_visit_needs_each_of_its_facts(record, field, value, message):
    assert _refused(record, **{field: value})[field] == [message]


def test_004_the_lead_inspector_is_an_hmi_or_a_brm(record, make_user, council):
    by_a_brm = record(lead_inspector=make_user(Role.BRM), council=CouncilFactory())
    assert by_a_brm.lead_inspector.roles == {Role.BRM}
    for not_an_inspector in (
        make_user(Role.LINK_OFFICER, council=council),
        make_user(Role.MANAGEMENT_READER),
        make_user(Role.HMI, is_active=False),
    ):
        refused = _refused(record, lead_inspector=not_an_inspector)
        assert refused == {"lead_inspector": [services.LEAD_NOT_INSPECTOR]}


@pytest.mark.parametrize(
    "role, allowed",
    [
        (Role.HMI, True),
        (Role.BRM, True),
        (Role.PROGRAMME_ADMINISTRATOR, True),
        (Role.MANAGEMENT_READER, False),
        (Role.LINK_OFFICER, False),
        (Role.DIRECTOR, False),
    ],
)
def test_issue_10_who_records_an_inspection(record, make_user, council, role, allowed):
    """Issue 10 §3: the inspectors (HMI, BRM) and the programme administrator record."""
    actor = make_user(role, council=council if role in (Role.LINK_OFFICER, Role.DIRECTOR) else None)
    if allowed:
        assert record(actor=actor).pk
    else:
        with pytest.raises(NotYourRole):
            record(actor=actor)
