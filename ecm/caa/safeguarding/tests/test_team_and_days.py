"""The full inspection's days on site, team, council and recommendation timescales as the 2009
briefing says them (issue 24 §1, §3). 004: "inspectors will be on site for no more than five
days", counted one by one (Wednesday to the Tuesday after is five days on site); "Inspections
will be carried out by inspectors from Ofsted and the new Care Quality Commission (CQC). Her
Majesty's Inspectorate of Constabulary is considering its capacity to contribute"; councils
and inspectorates valid for the date; "recommendations for action will be included", whose
timescales are a setting of ours."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.safeguarding import selectors, services
from ecm.caa.safeguarding.forms import NotifyForm, RecommendationForm
from ecm.caa.safeguarding.timescales import SETTING_NOTE, timescales
from ecm.caa.unannounced.forms import inspectors_on

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2009, 9, 30)  # notified on 14 September: more than two weeks' notice
WEEK = [WEDNESDAY + timedelta(days=n) for n in (0, 1, 2, 5, 6)]  # Wed, Thu, Fri, Mon, Tue


def _refused(make, *args, **kwargs) -> dict:
    with pytest.raises(ValidationError) as refused:
        make(*args, **kwargs)
    return refused.value.message_dict


def test_004_five_days_on_site_across_a_weekend_are_five_days(notify, visit, council):
    """004: "no more than five days": Wednesday to the Tuesday after, on site on the five
    working days, is five days (seven calendar days were refused before, issue 24 §1)."""
    notified = notify(council, days_on_site=WEEK, first_day_on_site=None, last_day_on_site=None)
    assert notified.days_on_site == 5
    assert (notified.first_day_on_site, notified.last_day_on_site) == (WEEK[0], WEEK[-1])
    visited = services.inspection_record_visit(
        actor=notified.lead_inspector,
        inspection=notified,
        days_on_site=WEEK,
        expected_lock_version=notified.lock_version,
    )
    assert visited.on_site == WEEK and visited.visit_recorded
    assert visited.days_in_words == "on 30 September, 1, 2, 5 and 6 October 2009"


def test_004_a_sixth_day_on_site_is_refused(notify, council):
    """004: "no more than five days", counted day by day."""
    six = [*WEEK, WEEK[-1] + timedelta(days=1)]
    refused = _refused(
        notify, council, days_on_site=six, first_day_on_site=None, last_day_on_site=None
    )
    assert refused == {"days_on_site": [services.TOO_MANY_LISTED.format(days=5, given=6)]}


def test_004_two_weeks_notice_before_the_first_listed_day(notify, council):
    """004: "This inspection will carry a notice period of two weeks"."""
    early = [date(2009, 9, 25), date(2009, 9, 28)]
    refused = _refused(
        notify, council, days_on_site=early, first_day_on_site=None, last_day_on_site=None
    )
    assert list(refused) == ["first_day_on_site"]


def test_004_the_team_is_of_ofsted_and_the_cqc_kept_with_the_inspection(notify, council, make_user):
    """004: "Inspections will be carried out by inspectors from Ofsted and the new Care
    Quality Commission (CQC)": each member's inspectorate, from their account, is kept with
    the inspection and shown; the page warns when no one is from the CQC."""
    lead = make_user(Role.HMI, inspectorate="ofsted", first_name="Olu", last_name="Open")
    cqc = make_user(Role.BRM, inspectorate="cqc", first_name="Cara", last_name="Quinn")
    found = notify(council, actor=lead, lead_inspector=lead, team=[cqc])
    assert found.team_inspectorates == {str(lead.pk): "ofsted", str(cqc.pk): "cqc"}
    rows = selectors.team_of(found)
    assert [(r["name"], r["inspectorate"], r["lead"]) for r in rows] == [
        ("Olu Open", "Ofsted", True),
        ("Cara Quinn", "Care Quality Commission", False),
    ]
    assert selectors.team_warning(found) == ""
    cqc.inspectorate = "ofsted"  # the account moves on; the inspection keeps what it was
    cqc.save()
    assert selectors.team_of(found)[1]["inspectorate"] == "Care Quality Commission"


def test_004_a_team_without_the_cqc_is_warned_not_refused(notify, council, make_user):
    """004 names Ofsted and the CQC: an Ofsted-only team is recorded, with a warning."""
    lead = make_user(Role.HMI, inspectorate="ofsted")
    found = notify(council, actor=lead, lead_inspector=lead)
    assert selectors.team_warning(found) == selectors.TEAM_WITHOUT.format(
        missing="Care Quality Commission"
    )


def test_004_no_csci_manager_and_no_other_inspectorate_on_a_2009_team(notify, council, make_user):
    """Issue 24 §3: CSCI closed on 31 March 2009, so its staff are not on a 2009 team; and the
    teams are Ofsted's and the CQC's (HMIC "considering its capacity"), so an Audit Commission
    inspector is refused."""
    lead = make_user(Role.HMI, inspectorate="ofsted")
    csci = make_user(Role.BRM, inspectorate="csci", first_name="Carys", last_name="Closed")
    audit = make_user(Role.HMI, inspectorate="audit_commission", first_name="Al", last_name="Aud")
    hmic = make_user(Role.HMI, inspectorate="hmic")
    refused = _refused(notify, council, actor=lead, lead_inspector=lead, team=[csci, audit])
    assert refused["team"][0].startswith("Carys Closed worked for the Commission for Social Care")
    assert refused["team"][1].startswith("Al Aud worked for the Audit Commission")
    assert _refused(notify, council, actor=lead, lead_inspector=csci)["lead_inspector"]
    assert notify(council, actor=lead, lead_inspector=lead, team=[hmic]).pk


def test_004_the_notification_offers_only_inspectors_of_the_date(make_user):
    """Issue 24 §3: the lead and team offered follow the first day on site: a CSCI manager is
    not offered for 2009, nor an Audit Commission inspector for a full inspection."""
    ofsted = make_user(Role.HMI, inspectorate="ofsted")
    csci = make_user(Role.BRM, inspectorate="csci")
    audit = make_user(Role.HMI, inspectorate="audit_commission")
    unknown = make_user(Role.HMI)
    form = NotifyForm(
        {"first_day_on_site_0": "28", "first_day_on_site_1": "9", "first_day_on_site_2": "2009"}
    )
    offered = set(form.fields["lead_inspector"].queryset)
    assert ofsted in offered and unknown in offered
    assert csci not in offered and audit not in offered
    assert set(form.fields["team"].queryset) == offered
    # Before 1 April 2009 CSCI existed: the date alone would offer its staff.
    assert csci in set(inspectors_on(date(2009, 3, 2)))


def test_004_a_council_that_did_not_exist_then_is_not_notified(notify):
    """Issue 24 §3: a council made in 2019 has no 2009 inspection."""
    later = CouncilFactory(established_on=date(2019, 4, 1), name="Newtown Council")
    refused = _refused(notify, later)
    assert list(refused) == ["first_day_on_site"]
    assert (
        "Newtown Council was not a council with children's services"
        in (refused["first_day_on_site"][0])
    )


def test_004_the_programme_lists_the_councils_of_2009(council):
    """004: "all areas having an inspection in the following three-year period" from 1 April
    2009: the councils of then, not one made in 2019."""
    later = CouncilFactory(established_on=date(2019, 4, 1))
    councils = {s["council"] for s in selectors.programme()}
    assert council in councils and later not in councils


def test_004_the_recommendation_timescales_are_a_setting_of_ours(settings, client, hmi, visited):
    """004 says "recommendations for action will be included" and gives no timescale: they
    come from the settings, and the page says they are ours."""
    assert [t.title for t in timescales()] == [
        "Immediately",
        "Within three months",
        "Within six months",
    ]
    settings.SAFEGUARDING_RECOMMENDATION_TIMESCALES = (("one_month", "Within one month"),)
    form = RecommendationForm()
    assert form.fields["timescale"].choices == [("one_month", "Within one month")]
    client.force_login(hmi)
    page = client.get(
        reverse(
            "caa:safeguarding-recommendation-add",
            kwargs={"la_number": visited.council.la_number, "pk": visited.pk},
        )
    ).content.decode()
    assert "Within one month" in page
    assert SETTING_NOTE.replace("'", "&#x27;") in page or SETTING_NOTE in page
