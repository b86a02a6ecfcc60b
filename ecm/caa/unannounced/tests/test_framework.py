"""The unannounced inspection's rules as data (issue 10 §3; 004): the bundled file reads, with
004's nine aspects and three outcomes in its own words, and a malformed file is refused."""

import copy
from datetime import date

import pytest
import yaml

from ecm.caa.unannounced.framework import (
    LIBRARY,
    UnannouncedFileError,
    inspection_year_label,
    parse,
    unannounced_rules,
)


@pytest.fixture
def raw() -> dict:
    return yaml.safe_load((LIBRARY / "unannounced-2009.yaml").read_text(encoding="utf-8"))


def test_004_the_bundled_rules():
    """004: from 1 April 2009; not usually more than two days on site; one or more centres,
    at least two where there are more than five; nine aspects; three outcomes; the letter to
    the director, copied to three."""
    rules = unannounced_rules()
    assert rules.starts_on == date(2009, 4, 1)
    assert rules.max_days_on_site == 2
    assert [rules.centres_required(n) for n in (1, 5, 6, 12)] == [1, 1, 2, 2]
    assert len(rules.aspects) == 9 and [a.number for a in rules.aspects] == list(range(1, 10))
    assert rules.aspects[2].title == "Application of thresholds, their clarity and consistency"
    assert rules.aspect("out_of_hours").title == (
        "Arrangements for \u2018out-of-hours\u2019 provision, including accident and emergency "
        "health services"
    )
    assert [o.wording for o in rules.outcomes] == [
        "The inspection has not raised concerns",
        "The inspection has raised some concerns",
        "The inspection has raised serious concerns",
    ]
    assert [o.code for o in rules.outcomes if o.brings_forward] == ["serious_concerns"]
    assert rules.to.title == "Director of Children\u2019s Services"
    assert [r.code for r in rules.copied_to] == ["lead_member", "lscb_chair", "chief_executive"]


def test_an_inspection_year_is_named_by_its_two_calendar_years():
    assert inspection_year_label(2009) == "2009\u201310"
    assert inspection_year_label(2099) == "2099\u201300"


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda d: d["aspects"].pop(), "nine aspects"),
        (lambda d: d["aspects"][1].update(code="assessments"), "unique"),
        (lambda d: d["outcomes"].pop(), "three outcomes"),
        (lambda d: d["letter"]["copied_to"].pop(), "recipients"),
        (lambda d: d.update(max_days_on_site=0), "max_days_on_site"),
        (lambda d: d.update(starts_on="April 2009"), "starts_on"),
        (lambda d: d["aspects"][0].update(title=""), "aspect 1"),
    ],
)
def test_a_malformed_file_is_refused_with_where(raw, spoil, message):
    data = copy.deepcopy(raw)
    spoil(data)
    with pytest.raises(UnannouncedFileError, match=message):
        parse(data)


def test_a_year_without_rules_is_a_lookup_error():
    with pytest.raises(LookupError, match=r"unannounced-1999\.yaml"):
        unannounced_rules("1999")
