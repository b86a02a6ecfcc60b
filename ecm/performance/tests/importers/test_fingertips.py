"""OHID Fingertips indicator exports (no database).

fixtures/fingertips_sample.csv is a small export in the real column layout
(../shared/data/README.md): Reception overweight (ID 20601) for two sexes and hospital
admissions for injuries aged 0-14 (ID 90284, one breakdown), 2022/23 and 2023/24, for England,
the East Midlands region, Leicestershire, Leicester, Rutland, and City of London and Isles of
Scilly whose values are suppressed with a value note.
"""

from pathlib import Path

import pytest

from ecm.performance.importers import (
    ImportRejected,
    fingertips_definitions,
    fingertips_observations,
)

SAMPLE = Path(__file__).with_name("fixtures") / "fingertips_sample.csv"


def edited(old: str, new: str, count: int = 1) -> bytes:
    return SAMPLE.read_text().replace(old, new, count).encode()


def test_one_indicator_per_breakdown():
    """Brief: several Sex/Age/Category breakdowns give one indicator each, with a slug."""
    frame = fingertips_observations(SAMPLE)
    assert frame["indicator"].unique().tolist() == [
        "ft-20601-male-4-5-yrs",
        "ft-20601-female-4-5-yrs",
        "ft-90284",
    ]
    assert len(frame) == 42


def test_areas_by_ons_code():
    frame = fingertips_observations(SAMPLE)
    areas = frame.drop_duplicates("area_code").set_index("area_code")
    assert areas["area_kind"].to_dict() == {
        "E92000001": "england",
        "E12000004": "region",
        "E10000018": "council",
        "E06000016": "council",
        "E06000017": "council",
        "E09000001": "council",
        "E06000053": "council",
    }
    assert (frame["area_ons_code"] == frame["area_code"]).all()
    assert areas.loc["E10000018", "area_name"] == "Leicestershire"


def test_values_counts_and_suppressed_notes():
    """A value suppressed for disclosure control is kept as suppressed ("c"), never zero."""
    frame = fingertips_observations(SAMPLE)
    leics = frame[(frame["area_code"] == "E10000018") & (frame["period"] == "2023/24")]
    row = leics.set_index("indicator").loc["ft-20601-male-4-5-yrs"]
    assert (row["value"], row["numerator"], row["denominator"]) == (17.7, 1170, 6600)
    city = frame[frame["area_code"] == "E09000001"]
    assert (city["suppression"] == "c").all() and city["value"].isna().all()
    assert (frame.loc[frame["area_code"] == "E06000053", "suppression"] == "c").all()


def test_definitions_are_inferred():
    male, female, admissions = fingertips_definitions(SAMPLE)
    assert male.title == "Reception prevalence of overweight (including obesity) (Male, 4-5 yrs)"
    assert (male.value_type, male.multiplier, male.unit) == ("percentage", 100.0, "%")
    assert male.polarity == "low"  # areas above England are "Worse"
    assert female.code == "ft-20601-female-4-5-yrs"
    assert admissions.code == "ft-90284"
    assert admissions.title.startswith("Hospital admissions caused by unintentional")
    assert (admissions.value_type, admissions.multiplier) == ("rate", 10000.0)
    assert admissions.unit == "per 10,000"
    assert (admissions.outcome, admissions.source) == (
        "being_healthy",
        "OHID Fingertips, indicator 90284",
    )


def test_overrides_replace_inferred_fields_and_are_checked():
    (_, _, admissions) = fingertips_definitions(
        SAMPLE,
        overrides={
            "ft-90284": {
                "outcome": "staying_safe",
                "key_judgements": ["urn:ecm:key-judgement:staying-safe:2"],
            }
        },
    )
    assert admissions.outcome == "staying_safe"
    with pytest.raises(ImportRejected) as caught:
        fingertips_definitions(SAMPLE, overrides={"ft-90284": {"polarity": "up"}})
    assert [str(p) for p in caught.value.problems] == [
        'Row 30, column "polarity": "up" is not one of: high, low, none.'
    ]


def test_bad_value_and_count_are_reported():
    data = edited(",22.1,21.0,23.2,20.3,23.9,64210,", ",22.l,21.0,23.2,20.3,23.9,64 210,")
    with pytest.raises(ImportRejected) as caught:
        fingertips_observations(data)
    assert [str(p) for p in caught.value.problems] == [
        'Row 2, column "Value": "22.l" is not a number or a known suppression code.',
        'Row 2, column "Count": "64 210" is not a number.',
    ]


def test_ragged_csv_is_refused():
    with pytest.raises(ImportRejected) as caught:
        fingertips_observations(edited(",64210,", ",64,210,"))
    assert [str(p) for p in caught.value.problems] == [
        "Row 2: this row has 28 fields where the header has 27."
    ]


def test_missing_column_is_refused():
    data = edited("Indicator ID,", "Indicator,")
    with pytest.raises(ImportRejected) as caught:
        fingertips_observations(data)
    assert [str(p) for p in caught.value.problems] == [
        'Row 1, column "Indicator ID": "" is missing from the header.'
    ]


def test_repeated_area_and_period_is_reported_both():
    lines = SAMPLE.read_text().splitlines(keepends=True)
    with pytest.raises(ImportRejected) as caught:
        fingertips_observations("".join([*lines, lines[1]]).encode())
    assert [(p.row, p.value) for p in caught.value.problems] == [
        (2, "ft-20601-male-4-5-yrs 2022/23 E92000001"),
        (44, "ft-20601-male-4-5-yrs 2022/23 E92000001"),
    ]


def test_progress_reported():
    calls = []
    fingertips_observations(SAMPLE, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 42) and calls[-1] == (42, 42)
