"""Refreshing the profile (issue 10 §1; 004 "from June 2009 and be reviewed quarterly")."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.audit.models import AuditEntry
from ecm.audit.services import audit_record_queries
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.profile import services
from ecm.caa.profile.library import OUTCOME_LABELS, nis_profile
from ecm.caa.profile.models import ProfileEntry, ProfileQuarter
from ecm.caa.profile.quarters import quarter_of
from ecm.caa.profile.selectors import (
    council_panel,
    indicator_history,
    profile_by_outcome,
    profile_for_rating,
)
from ecm.caa.profile.tests.helpers import TODAY, figure

pytestmark = pytest.mark.django_db


def _entry(quarter, ni: int) -> ProfileEntry:
    return quarter.entries.get(ni=ni)


def test_a_refresh_freezes_each_ni_with_england_region_and_neighbours(council, hmi):
    figure(council, "LACStable_2016on", value=9.0, england=10.0, polarity="low", region=11.0,
           neighbours=10.5)  # fmt: skip
    quarter = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    entry = _entry(quarter, 62)
    assert (entry.indicator_code, entry.value, entry.england, entry.region) == (
        "LACStable_2016on", 9.0, 10.0, 11.0,
    )  # fmt: skip
    assert entry.neighbours_mean == 10.5 and entry.judgement == "better"  # lower is better
    assert quarter.entries.count() == len(nis_profile().indicators)
    no_data = _entry(quarter, 50)  # NI 50: no source in the project
    assert no_data.indicator_code == "" and no_data.judgement == "no_data"


def test_the_profile_is_grouped_under_the_five_ecm_headings_004(council, hmi):
    quarter = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    groups = profile_by_outcome(quarter=quarter)
    assert [g.code for g in groups] == list(OUTCOME_LABELS)
    assert all(e.outcome == g.code for g in groups for e in g.entries)
    assert sum(len(g.entries) for g in groups) == len(nis_profile().indicators)


def test_a_later_quarter_leaves_the_earlier_quarters_rows_unchanged_004_quarterly(council, hmi):
    figure(council, "RevCP", value=90.0, england=95.0)
    q2 = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    before = list(q2.entries.values_list("ni", "value", "england", "judgement", "period"))
    figure(council, "RevCP", value=99.0, england=95.0, period="2009")  # a new release
    q3 = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q3", today=TODAY)
    assert list(q2.entries.values_list("ni", "value", "england", "judgement", "period")) == before
    assert (_entry(q2, 67).value, _entry(q2, 67).judgement) == (90.0, "worse")
    assert (_entry(q3, 67).value, _entry(q3, 67).judgement) == (99.0, "better")
    history = indicator_history(council=council, ni=67)
    assert [(e.quarter.quarter, e.value) for e in history] == [("2009-Q2", 90.0), ("2009-Q3", 99.0)]


@pytest.mark.parametrize("label", ["2008-Q4", "2007-Q1"])
def test_no_profile_before_june_2009_004(council, hmi, label):
    with pytest.raises(ValidationError) as refused:
        services.profile_refresh(actor=hmi, council=council, quarter=label, today=TODAY)
    assert refused.value.message_dict["quarter"] == [services.BEFORE_FIRST.format(first="2009-Q1")]
    assert not ProfileQuarter.objects.exists()


def test_the_first_quarter_is_april_to_june_2009(council, hmi):
    quarter = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q1", today=TODAY)
    assert quarter.months == "April to June 2009"


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("Q2 2009", services.NOT_A_QUARTER),
        ("2009-Q4", services.NOT_BEGUN.format(quarter="2009-Q4", current="2009-Q3")),
    ],
)
def test_a_quarter_not_named_or_not_begun_is_refused(council, hmi, label, message):
    with pytest.raises(ValidationError) as refused:
        services.profile_refresh(actor=hmi, council=council, quarter=label, today=TODAY)
    assert refused.value.message_dict["quarter"] == [message]


def test_a_past_quarter_is_refreshed_once_and_kept(council, hmi):
    services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    assert "that quarter is over" in refused.value.message_dict["quarter"][0]
    assert "2009-Q3" in refused.value.message_dict["quarter"][0]


def test_the_current_quarter_may_be_refreshed_again_with_the_figures_of_the_moment(council, hmi):
    figure(council, "RevCP", value=90.0, england=95.0)
    first = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q3", today=TODAY)
    figure(council, "RevCP", value=97.0, england=95.0)
    again = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q3", today=TODAY)
    assert again.pk == first.pk and _entry(again, 67).value == 97.0
    assert again.entries.count() == len(nis_profile().indicators)


def test_the_demo_source_is_used_where_the_lait_one_has_no_figure(council, hmi):
    figure(council, "DEMO-NEET", value=7.0, england=8.0, polarity="low")
    quarter = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    entry = _entry(quarter, 117)
    assert (entry.indicator_code, entry.judgement) == ("DEMO-NEET", "better")


def test_a_refresh_is_audited(council, hmi):
    quarter = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    entry = AuditEntry.objects.get(verb="caa.profile_refreshed")
    assert entry.actor == hmi and entry.target_id == str(quarter.pk)
    assert entry.after["quarter"] == "2009-Q2" and entry.after["library"] == quarter.library


def test_every_council_in_a_fixed_number_of_queries(
    council, other_council, administrator, django_assert_max_num_queries
):
    figure(council, "RevCP", value=90.0, england=95.0)
    services.profile_refresh(actor=administrator, council=council, quarter="2009-Q2", today=TODAY)
    # 2009-Q2 is over: council keeps its profile; the others gain theirs.
    made = services.profile_refresh_every_council(
        actor=administrator, quarter="2009-Q2", today=TODAY
    )
    assert council not in [q.council for q in made] and other_council in [q.council for q in made]
    CouncilFactory.create_batch(5)
    fixed = 14  # the reads and writes, whatever the number of councils
    each = audit_record_queries()  # one audit entry per council, chained (ADR 0036)
    with django_assert_max_num_queries(fixed + 7 * each) as counted:
        made = services.profile_refresh_every_council(
            actor=administrator, quarter="2009-Q3", today=TODAY
        )
    assert len(made) == 7 and len(counted.captured_queries) <= fixed + len(made) * each
    assert ProfileEntry.objects.filter(quarter__quarter="2009-Q3").count() == 7 * len(
        nis_profile().indicators
    )
    assert AuditEntry.objects.filter(verb="caa.profile_refreshed").count() == 1 + 1 + 7


def test_the_annual_rating_reads_the_latest_quarter_of_its_year(council, hmi):
    figure(council, "RevCP", value=90.0, england=95.0)
    assert profile_for_rating(council=council, year=2009) is None
    services.profile_refresh(actor=hmi, council=council, quarter="2009-Q1", today=TODAY)
    services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    found = profile_for_rating(council=council, year=2009)
    assert found["quarter"] == "2009-Q2" and found["url"].endswith("/profile/2009-Q2/")
    assert set(found["by_outcome"]) == set(OUTCOME_LABELS)
    assert set(found["by_outcome"]["staying_safe"]) == {"better", "similar", "worse", "no_data"}
    assert found["by_outcome"]["staying_safe"]["worse"] == 1
    assert profile_for_rating(council=council, year=2010) is None


def test_the_council_panel_counts_the_latest_quarter(council, hmi, link_officer):
    figure(council, "RevCP", value=99.0, england=95.0)
    services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    panel = council_panel(council=council, user=link_officer)
    assert panel["latest"].quarter == "2009-Q2" and panel["totals"]["better"] == 1
    assert not panel["can_refresh"] and council_panel(council=council, user=hmi)["can_refresh"]


def test_today_defaults_to_the_real_date(council, hmi):
    """Without `today`, the real date decides which quarter is current."""
    current = quarter_of(date.today()).label
    assert services.profile_refresh(actor=hmi, council=council, quarter=current).quarter == current


def test_a_latest_period_without_the_councils_figure_does_not_hide_the_one_before(council, hmi):
    """Issue 24 §3 (the profile shows real figures for every NI the data hold): LAIT publishes
    some councils' latest year as "-" (Leicestershire's re-offending, NI 19, in 2024); the entry
    takes the latest period with the council's figure, and says which period it is."""
    figure(council, "ReoffYO", value=20.0, england=30.0, polarity="low", period="2023")
    figure(council, "ReoffYO", value=None, england=31.0, polarity="low", period="2024")
    figure(council, "RTA", value=None, england=4.0, polarity="low", period="2024")
    quarter = services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)
    entry = _entry(quarter, 19)
    assert (entry.period, entry.value, entry.england, entry.judgement) == (
        "2023", 20.0, 30.0, "better",
    )  # fmt: skip
    never = _entry(quarter, 48)  # no figure in any period: the latest, not published
    assert (never.period, never.value) == ("2024", None)
