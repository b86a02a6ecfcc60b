"""The profile's rules, table-driven, each with its source: the quarters (004 "from June 2009
and be reviewed quarterly"), the indicator list (004 "grouped under the five Every Child
Matters headings") and the judgement against England with the indicator's polarity (004
"evaluated against national figures")."""

import csv
import re
from datetime import date

import pytest
import yaml

from ecm.caa.profile.judgements import judge
from ecm.caa.profile.library import OUTCOME_LABELS, nis_profile, nis_profile_load
from ecm.caa.profile.quarters import FIRST_QUARTER, Quarter, quarter_of, quarter_parse
from ecm.demo.performance_data import INDICATORS
from tests.shared_data import shared_path


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2009, 4, 1), "2009-Q1"),
        (date(2009, 6, 30), "2009-Q1"),  # June 2009: the first profile's quarter
        (date(2009, 7, 1), "2009-Q2"),
        (date(2009, 12, 31), "2009-Q3"),
        (date(2010, 1, 1), "2009-Q4"),  # January to March belong to the year before
        (date(2010, 3, 31), "2009-Q4"),
    ],
)
def test_quarters_are_of_the_financial_year_from_april(day, label):
    assert quarter_of(day).label == label
    quarter = quarter_parse(label)
    assert quarter.starts <= day <= quarter.ends


def test_quarter_labels_and_months():
    assert quarter_parse("2009-Q5") is None and quarter_parse("2009Q1") is None
    assert Quarter(2009, 2).months == "July to September 2009"
    assert Quarter(2009, 4).months == "January to March 2010"
    assert Quarter(2009, 1) == FIRST_QUARTER and Quarter(2008, 4) < FIRST_QUARTER


@pytest.mark.parametrize(
    ("value", "england", "polarity", "vs", "expected"),
    [
        (60.0, 50.0, "high", "", "better"),  # higher is better
        (40.0, 50.0, "high", "", "worse"),
        (40.0, 50.0, "low", "", "better"),  # lower is better
        (60.0, 50.0, "low", "", "worse"),
        (50.04, 50.0, "high", "", "similar"),  # equal as published (1 decimal place)
        (60.0, 50.0, "none", "", "no_data"),  # context: no better direction
        (None, 50.0, "high", "", "no_data"),
        (60.0, None, "low", "", "no_data"),
        (60.0, 50.0, "high", "similar", "similar"),  # ecm.performance's significance stands
        (60.0, 50.0, "low", "better", "better"),
        (60.0, 50.0, "high", "not compared", "better"),
    ],
)
def test_judgement_against_england_respects_polarity_004(value, england, polarity, vs, expected):
    got = judge(value=value, england=england, polarity=polarity, decimal_places=1, vs_england=vs)
    assert got == expected


def test_the_list_groups_every_ni_under_the_five_ecm_headings_004():
    profile = nis_profile()
    headings = [code for code, _, indicators in profile.by_outcome() if indicators]
    assert headings == list(OUTCOME_LABELS)  # all five, in the framework's order
    assert len({i.ni for i in profile.indicators}) == len(profile.indicators)
    assert "service_management" not in {i.outcome for i in profile.indicators}
    # Some NIs have data and some do not yet.
    assert any(i.source for i in profile.indicators)
    assert any(not i.codes for i in profile.indicators)


def test_each_mapped_source_is_a_measure_of_the_lait_data_dictionary():
    """Each `source` is a LAIT Measure_short, as ecm.performance's LAIT import names its
    indicators (the real dictionary in ../shared/data, tests/shared_data.py)."""

    path = shared_path("data", "lait", "lait_data_dictionary.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        measures = {row["Measure_short"] for row in csv.DictReader(handle)}
    sources = {i.source for i in nis_profile().indicators if i.source}
    assert sources and not sources - measures, sorted(sources - measures)


def test_each_demo_source_is_an_indicator_of_the_demo():
    demo = {i.code for i in INDICATORS}
    wanted = {i.demo_source for i in nis_profile().indicators if i.demo_source}
    assert wanted and wanted <= demo


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"source": None}, "say why in `unmapped`"),
        ({"source": "RTA", "unmapped": "No series"}, "`unmapped` is for an NI without one"),
    ],
)
def test_an_ni_without_a_series_must_say_why(tmp_path, entry, problem):
    """Issue 24 §3: "say for each unmapped one why": the list refuses an NI with no `source`
    and no reason, and a reason on an NI that has a series."""
    path = tmp_path / "profile.yaml"
    raw = {"ni": 48, "title": "Road accidents", "outcome": "staying_safe"} | entry
    path.write_text(
        yaml.safe_dump({"urn": "urn:x", "version": 1, "title": "T", "indicators": [raw]}),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=re.escape(problem)):
        nis_profile_load(path)
