"""The full inspection as versioned data (library/safeguarding-2009.yaml; 004; DOMAIN.md §5)."""

from datetime import date

import pytest
import yaml

from ecm.caa.safeguarding.framework import (
    LIBRARY,
    SafeguardingFileError,
    parse,
    safeguarding_framework,
)


def test_004_the_2009_file_holds_004s_numbers():
    """004: from 1 April 2009, every three years; within 12 months when inadequate; two weeks'
    notice; no more than five days on site; published within 20 working days."""
    f = safeguarding_framework()
    assert (f.starts_on, f.first_cycle_ends_on) == (date(2009, 4, 1), date(2012, 3, 31))
    assert (f.cycle_years, f.inadequate_reinspect_months) == (3, 12)
    assert (f.notice_days, f.max_days_on_site, f.publish_working_days) == (14, 5, 20)
    assert f.serious_concerns_bring_forward_months == 3  # the inspectorate's setting, not 004's
    assert f.scale == {4: "Outstanding", 3: "Good", 2: "Adequate", 1: "Inadequate"}


def test_004_the_documents_requested_at_notification_are_004s_list():
    documents = safeguarding_framework().documents
    assert len(documents) == 11
    assert documents[1].title == "Case files \u2013 these will be selected by the inspectors"
    assert documents[-1].title.startswith("Context data, such as the number of children subject")


def test_004_two_sections_each_with_one_overall_effectiveness():
    sections = safeguarding_framework().sections
    assert [s.code for s in sections] == ["safeguarding", "lac"]
    assert [j.code for j in sections[0].judgements] == [
        "overall_effectiveness",
        "capacity_to_improve",
        "leadership_management",
        "quality_of_provision",
        "outcomes_achieved",
    ]
    assert all(s.overall.code == "overall_effectiveness" for s in sections)


def _raw() -> dict:
    return yaml.safe_load((LIBRARY / "safeguarding-2009.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d["scale"].pop(), "four points"),
        (lambda d: d["sections"].pop(), "two sections"),
        (lambda d: d.update(notice_days=0), "notice_days"),
        (lambda d: d.update(starts_on="April"), "starts_on"),
        (lambda d: d["sections"][0]["judgements"][1].update(overall=True), "exactly one"),
    ],
)
def test_a_broken_file_is_refused_saying_where(change, words):
    data = _raw()
    change(data)
    with pytest.raises(SafeguardingFileError, match=words):
        parse(data)
