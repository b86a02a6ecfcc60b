"""DfE LAIT long data and data dictionary (no database).

Real files: ../shared/data/lait (README.md there), skipped when absent except on CI.
"""

import io
import math
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ecm.performance.importers import (
    OUTCOMES,
    ImportRejected,
    lait_definitions,
    lait_observations,
)
from ecm.performance.importers.lait import OUTCOMES_FILE, lait_value_type, load_lait_outcomes

from .test_common import real_file

COLUMNS = "Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\n"
ECM = Path(__file__).resolve().parents[3]
FRAMEWORK = ECM / "framework" / "library" / "ecm-framework-v1.yaml"


def parse(text: str):
    return lait_observations((COLUMNS + text).encode())


def problems(text: str) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        parse(text)
    return [str(p) for p in caught.value.problems]


def test_areas_by_name_first_because_england_and_regions_have_la_numbers_too():
    """README/real file: LA Number 970 is England, 980-990 the regions; LAIT spells its region
    row "Yorkshire and the Humber" (lower-case "the"); Inner/Outer London are "other"."""
    frame = parse(
        "LAC,,2025,Leicestershire,47,855,East Midlands\n"
        "LAC,,2025,England,70,970,NA\n"
        "LAC,,2025,Yorkshire and the Humber,80,982,NA\n"
        "LAC,,2025,London,50,986,NA\n"
        "LAC,,2025,London (Inner),55,987,NA\n"
        "LAC,,2025,Somewhere new,1,,NA\n"
    )
    assert frame["area_kind"].tolist() == [
        "council",
        "england",
        "region",
        "region",
        "other",
        "other",
    ]
    assert frame["area_code"].tolist() == [
        "855",
        "E92000001",
        "Yorkshire and the Humber",
        "London",
        "London (Inner)",
        "Somewhere new",
    ]
    assert frame["area_ons_code"].tolist() == [
        "",
        "E92000001",
        "E12000003",
        "E12000007",
        "E13000001",
        "",
    ]
    assert frame["area_name"].tolist()[0] == "Leicestershire"


def test_values_dash_is_suppression_and_scientific_notation_is_read():
    frame = parse(
        "X,,2023,Barnet,-,302,Outer London\n"
        "X,,2024,Barnet,4.7980000000000002E-2,302,Outer London\n"
        "X,,2025,Barnet,x,302,Outer London\n"
    )
    assert frame["suppression"].tolist() == ["-", "", "x"]
    assert math.isnan(frame.iloc[0]["value"])
    assert frame.iloc[1]["value"] == pytest.approx(0.04798)
    assert frame["numerator"].isna().all() and frame["denominator"].isna().all()


def test_padded_cells_come_out_stripped_in_every_text_column():
    """Issue 3 §2 (files as published): spaces around a cell are not part of its text. The
    LAIT reader strips each column once and tells `observation_frame` not to strip again
    (issue 25 §1), so every text column it builds must already be stripped, the suppression
    code and the area made from a padded name or LA number included."""
    padded = parse(
        "  LAC ,, 2025 ,  Leicestershire , 47 , 855 ,East Midlands\n"
        " LAC , , 2025,  England ,  70 , 970 ,NA\n"
        "LAC,,2024 , Leicestershire ,  [c] , 855,East Midlands\n"
    )
    plain = parse(
        "LAC,,2025,Leicestershire,47,855,East Midlands\n"
        "LAC,,2025,England,70,970,NA\n"
        "LAC,,2024,Leicestershire,[c],855,East Midlands\n"
    )
    texts = ["indicator", "period", "area_kind", "area_code", "area_name", "area_ons_code"]
    for column in [*texts, "suppression"]:
        assert padded[column].tolist() == plain[column].tolist(), column
        assert str(padded[column].dtype) == "str", column
    assert padded["suppression"].tolist() == ["", "", "c"]
    assert padded["area_code"].tolist() == ["855", "E92000001", "855"]


def test_parquet_with_float_la_numbers():
    """The real file is parquet with `LA Number` as float (855.0)."""
    table = pd.DataFrame(
        {
            "Short Desc": ["LAC", "LAC"],
            "Data item": [None, None],
            "Years": ["2016-17 (OT)", "2015/16"],
            "LA and Regions": ["City of London", "Isles of Scilly"],
            "Values": ["1", "c"],
            "LA Number": [201.0, 420.0],
            "Region": ["Inner London", "South West"],
        }
    )
    buffer = io.BytesIO()
    table.to_parquet(buffer)
    frame = lait_observations(buffer.getvalue())
    assert frame["area_code"].tolist() == ["201", "420"]
    assert frame["period"].tolist() == ["2016-17 (OT)", "2015/16"]


def test_bad_values_empty_keys_and_bad_la_numbers_are_all_reported():
    """Issue 3: every problem, with the row a spreadsheet shows."""
    assert problems(
        "X,,2025,Barnet,1,302,Outer London\n"
        ",,2025,Barnet,1,302,Outer London\n"
        "X,,,Barnet,1,302,Outer London\n"
        "X,,2024,Barnet,n/k,302,Outer London\n"
        "X,,2023,Barnet,1,3O2,Outer London\n"
    ) == [
        'Row 3, column "Short Desc": "" must not be empty.',
        'Row 4, column "Years": "" must not be empty.',
        'Row 5, column "Values": "n/k" is not a number or a known suppression code.',
        'Row 6, column "LA Number": "3O2" is not an LA number (three digits).',
    ]


def test_duplicates_are_reported_both():
    reason = "appears more than once for this indicator, period and area (rows 2, 3)."
    column = "Short Desc, Years, LA and Regions"
    assert problems("X,,2025,Barnet,1,302,\nX,,2025,Barnet,2,302,\n") == [
        f'Row 2, column "{column}": "X 2025 302" {reason}',
        f'Row 3, column "{column}": "X 2025 302" {reason}',
    ]


def test_missing_columns_are_refused():
    with pytest.raises(ImportRejected) as caught:
        lait_observations(b"Short Desc,Years,Values\nX,2025,1\n")
    assert [str(p) for p in caught.value.problems] == [
        'Row 1, column "LA and Regions": "" is missing from the header.',
        'Row 1, column "LA Number": "" is missing from the header.',
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("% CIN", ("percentage", 100.0, "%")),
        ("Percentage", ("percentage", 100.0, "%")),
        ("Rate per 10,000", ("rate", 10000.0, "per 10,000")),
        ("Rate per 1000 live births", ("rate", 1000.0, "per 1,000 live births")),
        (
            "Rate per 100,000 of 10-17 population",
            ("rate", 100000.0, "per 100,000 of 10-17 population"),
        ),
        ("Number of foster places", ("count", 1.0, "foster places")),
        ("Average Score", ("mean", 1.0, "score")),
        ("Turnover rate", ("percentage", 100.0, "%")),
        ("Something new", None),
    ],
)
def test_value_type_from_y_axis_name(name, expected):
    assert lait_value_type(name) == expected


def _dictionary(rows: str) -> bytes:
    header = (
        "Measure_code,Topic,Measure,Measure_short,Polarity,y_axis_name,dps,Year_Type,No_Quartile\n"
    )
    return (header + rows).encode()


def _outcomes(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "outcomes.yaml"
    path.write_text("indicators:\n" + body)
    return path


def test_definitions_merge_a_measure_listed_under_two_topics(tmp_path):
    """Real dictionary: 14 Measure_shorts appear twice with differing dps/No_Quartile."""
    outcomes = _outcomes(tmp_path, '  "LAC_Over_Abs": {outcome: enjoying_achieving}\n')
    dictionary = _dictionary(
        "201,Children Looked After,CLA Overall Absence,LAC_Over_Abs,Low,"
        "% half days missed,NA,Academic Year,NA\n"
        "201,All Pupil Absence & Exclusions,LAC Overall Absence,LAC_Over_Abs,Low,"
        "% half days missed,2,Academic Year,N\n"
    )
    (definition,) = lait_definitions(dictionary, outcomes=outcomes)
    assert definition.title == "CLA Overall Absence"
    assert definition.decimal_places == 2
    assert definition.banding is False
    assert (definition.polarity, definition.value_type, definition.multiplier) == (
        "low",
        "percentage",
        100.0,
    )
    assert definition.period_type == "Academic Year"


def test_definition_defaults_for_na_cells(tmp_path):
    """The dictionary is written by R: NA dps defaults to 0 for counts, 1 otherwise; NA or "-"
    polarity is none."""
    outcomes = _outcomes(
        tmp_path, '  "N": {outcome: staying_safe}\n  "R": {outcome: staying_safe}\n'
    )
    dictionary = _dictionary(
        "1,Child Protection,Number CPP,N,NA,Number CPP,NA,Annual,NA\n"
        '2,Child Protection,CPP rate,R,-,"Rate per 10,000",NA,Annual,NA\n'
    )
    count, rate = lait_definitions(dictionary, outcomes=outcomes)
    assert (count.decimal_places, count.polarity, count.value_type) == (0, "none", "count")
    assert (rate.decimal_places, rate.polarity, rate.multiplier) == (1, "none", 10000.0)


def test_definition_problems(tmp_path):
    outcomes = _outcomes(
        tmp_path, '  "A": {outcome: staying_safe}\n  "B": {outcome: staying_safe}\n'
    )
    dictionary = _dictionary(
        "1,T,Measure A,A,Up,%,NA,Annual,NA\n"
        "2,T,Measure B,B,High,%,2.5,Annual,NA\n"
        "3,T,Measure C,C,High,%,1,Annual,NA\n"
        "4,T,Measure D,,High,%,1,Annual,NA\n"
    )
    with pytest.raises(ImportRejected) as caught:
        lait_definitions(dictionary, outcomes=outcomes)
    assert [str(p) for p in caught.value.problems] == [
        'Row 2, column "Polarity": "Up" is not High, Low or -.',
        'Row 3, column "dps": "2.5" is not a whole number of decimal places from 0 to 6.',
        'Row 4, column "Measure_short": "C" has no outcome in lait_outcomes.yaml: add it there.',
        'Row 5, column "Measure_short": "" must not be empty.',
    ]


def test_outcome_mapping_problems(tmp_path):
    path = _outcomes(tmp_path, '  "A": {outcome: health, key_judgements: ["staying-safe:1"]}\n')
    _, found = load_lait_outcomes(path)
    assert [str(p) for p in found] == [
        'Column "indicators.A.outcome": "health" is not one of: being_healthy, staying_safe, '
        "enjoying_achieving, positive_contribution, economic_wellbeing, service_management.",
        'Column "indicators.A.key_judgements": "staying-safe:1" is not a key judgement URN (e.g. '
        '"urn:ecm:key-judgement:staying-safe:1").',
    ]


def test_project_mapping_is_valid_and_uses_only_framework_key_judgements():
    """lait_outcomes.yaml: every entry a valid outcome; every URN a key judgement of the
    framework (ecm/framework/library/ecm-framework-v1.yaml) under the same outcome."""
    mapping, found = load_lait_outcomes(OUTCOMES_FILE)
    assert found == []
    framework = yaml.safe_load(FRAMEWORK.read_text())
    urns = {
        judgement["urn"]: outcome["code"]
        for outcome in framework["outcomes"]
        for judgement in outcome["key_judgements"]
    }
    for code, entry in mapping.items():
        assert entry["outcome"] in OUTCOMES, code
        for urn in entry.get("key_judgements") or []:
            assert urns.get(urn) == entry["outcome"], (code, urn)


def test_every_real_measure_has_an_outcome():
    """Brief: every Measure_short of the real dictionary has a mapping with a valid outcome."""
    dictionary = pd.read_csv(real_file("lait", "lait_data_dictionary.csv"), dtype=str)
    mapping, _ = load_lait_outcomes(OUTCOMES_FILE)
    codes = set(dictionary["Measure_short"])
    assert codes - mapping.keys() == set()
    assert mapping.keys() - codes == set()
    assert {mapping[c]["outcome"] for c in codes} == set(OUTCOMES)


def test_every_real_y_axis_name_has_a_rule():
    dictionary = pd.read_csv(real_file("lait", "lait_data_dictionary.csv"), dtype=str)
    unknown = {name for name in dictionary["y_axis_name"] if lait_value_type(name) is None}
    assert unknown == set()


def test_real_dictionary_gives_434_definitions():
    definitions = lait_definitions(real_file("lait", "lait_data_dictionary.csv"))
    by_code = {d.code: d for d in definitions}
    assert len(definitions) == 434
    cla = by_code["LAC"]
    assert (cla.value_type, cla.multiplier, cla.outcome) == ("rate", 10000.0, "staying_safe")
    assert by_code["InfMort"].multiplier == 1000.0
    assert by_code["ReReferral"].polarity == "low"
    assert by_code["CINPermExclusion"].banding is False  # "N" on one of its two rows
    assert sum(not d.banding for d in definitions) == 21
    assert "\r" not in by_code["Work_Force_TO_Rate"].description


def test_real_long_data_parses_whole():
    """The whole 641,070-row parquet parses (its timing is in bench/importers.py)."""
    calls = []
    frame = lait_observations(
        real_file("lait", "bds_long_0.parquet"), progress=lambda d, t: calls.append((d, t))
    )
    assert len(frame) == 641_070
    assert calls[0] == (0, 641_070) and calls[-1] == (641_070, 641_070)
    areas = frame.drop_duplicates("area_code")
    assert areas["area_kind"].value_counts().to_dict() == {
        "council": 158,
        "region": 9,
        "other": 2,
        "england": 1,
    }
    councils = set(areas.loc[areas["area_kind"] == "council", "area_code"])
    # City of London, Isles of Scilly, and councils whose codes changed (kept as given)
    assert {"201", "420", "909", "942", "943", "928", "940", "941", "835", "836", "837"} <= councils
    assert frame["indicator"].nunique() == 434
    dashes = frame["suppression"] == "-"
    assert dashes.sum() == 93_883 and frame.loc[dashes, "value"].isna().all()
    leicestershire = frame[(frame["indicator"] == "LAC") & (frame["area_code"] == "855")]
    assert leicestershire.set_index("period").loc["2025", "value"] == 47


def test_csv_blank_rows_are_skipped_but_counted():
    assert problems("X,,2025,Barnet,1,302,\n\n,,,,,,\nX,,2024,Barnet,??,302,\n") == [
        'Row 5, column "Values": "??" is not a number or a known suppression code.'
    ]


def test_csv_row_with_missing_fields_is_refused_not_filled():
    assert problems("X,,2025,Barnet,1,302\n") == [
        "Row 2: this row has 6 fields where the header has 7."
    ]
