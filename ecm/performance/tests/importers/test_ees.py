"""DfE Explore Education Statistics tidy CSVs through YAML mappings (no database).

Real files: ../shared/data/ees (README.md there); the project's mappings:
ecm/performance/data/ees/*.yaml.
"""

import math

import pandas as pd
import pytest

from ecm.performance.importers import (
    ImportRejected,
    ees_definitions,
    ees_mapping,
    ees_observations,
    lait_observations,
)
from ecm.performance.importers.ees import MAPPINGS_DIR, period_label

from .test_common import real_file

COLUMNS = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,population_type,children_count,"
    "population_estimate,rate_per_10000\n"
)
ENGLAND = "E92000001,England"
EAST_MIDLANDS = "E12000004,East Midlands"
ON_31_MARCH = "Children looked after on 31 March each year"
MAPPING = f"""
source: test
indicators:
  - code: cla
    title: Children looked after rate
    outcome: staying_safe
    polarity: none
    value_type: rate
    multiplier: 10000
    decimal_places: 0
    filters: {{population_type: {ON_31_MARCH}}}
    value: rate_per_10000
    numerator: children_count
    denominator: population_estimate
"""


def csv(*rows: str) -> bytes:
    return (COLUMNS + "".join(row + "\n" for row in rows)).encode()


def la(code: str, name: str, ons: str, count: str, population: str, rate: str, **kw) -> str:
    period = kw.get("period", "2025")
    region = kw.get("region", EAST_MIDLANDS)
    return (
        f"{period},Reporting year,Local authority,{ENGLAND},{region},{code},{name},{ons},"
        f"{kw.get('population_type', ON_31_MARCH)},{count},{population},{rate}"
    )


def problems(data: bytes, mapping: str = MAPPING, **kwargs) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        ees_observations(data, mapping=mapping.encode(), **kwargs)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("period", "identifier", "label"),
    [
        ("2025", "Reporting year", "2025"),
        ("2025", "Calendar year", "2025"),
        ("202425", "Academic year", "2024/25"),
        ("199900", "Academic year", "1999/00"),
        ("202425", "Financial year", "2024-25"),
        ("202425", "Autumn term", "2024/25 Autumn term"),
        ("202426", "Academic year", None),
        ("25", "Reporting year", None),
        ("2025Q1", "Reporting year", None),
    ],
)
def test_period_labels(period, identifier, label):
    """Brief: time_period like 2025 or 202425 renders as "2025" or "2024/25"."""
    assert period_label(period, time_identifier=identifier) == label


def test_areas_of_each_geographic_level():
    frame = ees_observations(
        csv(
            f"2025,Reporting year,National,{ENGLAND},,,,,,{ON_31_MARCH},81770,12183016,67",
            f"2025,Reporting year,Regional,{ENGLAND},{EAST_MIDLANDS},,,,{ON_31_MARCH},50,10000,50",
            f"2025,Reporting year,Regional,{ENGLAND},E13000001,Inner London,,,,{ON_31_MARCH},9,9,9",
            la("855", "Leicestershire", "E10000018", "694", "147439", "47"),
            la(
                "201",
                "City of London",
                "E09000001",
                "c",
                "847",
                "c",
                region="E13000001,Inner London",
            ),
            "2025,Reporting year,Local authority district,E92000001,England,,,,,,,1,1,1",
        ),
        mapping=MAPPING.encode(),
    )
    assert frame["area_kind"].tolist() == ["england", "region", "other", "council", "council"]
    assert frame["area_code"].tolist() == [
        "E92000001",
        "East Midlands",
        "Inner London",
        "855",
        "201",
    ]
    assert frame["area_ons_code"].tolist() == [
        "E92000001",
        "E12000004",
        "E13000001",
        "E10000018",
        "E09000001",
    ]
    assert frame["area_name"].tolist()[3:] == ["Leicestershire", "City of London"]
    assert frame["indicator"].unique().tolist() == ["cla"]
    city = frame.iloc[4]
    assert (
        city["suppression"] == "c" and math.isnan(city["value"]) and math.isnan(city["numerator"])
    )
    assert frame["row"].tolist() == [2, 3, 4, 5, 6]


def test_filters_choose_the_rows():
    frame = ees_observations(
        csv(
            la("855", "Leicestershire", "E10000018", "694", "147439", "47"),
            la(
                "855",
                "Leicestershire",
                "E10000018",
                "299",
                "147439",
                "20",
                population_type="Started",
            ),
        ),
        mapping=MAPPING.encode(),
    )
    assert frame["value"].tolist() == [47.0]


def test_filters_that_match_nothing_are_a_problem():
    """A mapping checked against the file: "at 31 March" is not the real "on 31 March"."""
    mapping = MAPPING.replace("on 31 March", "at 31 March")
    assert problems(
        csv(la("855", "Leicestershire", "E10000018", "694", "147439", "47")), mapping
    ) == [
        "Column \"indicators[0].filters\": \"{'population_type': 'Children looked after at 31 "
        "March each year'}\" match no rows of the file: check each filter value against the file."
    ]


def test_filters_that_leave_two_rows_per_area_are_a_problem():
    mapping = MAPPING.replace(f"filters: {{population_type: {ON_31_MARCH}}}", "filters: {}")
    found = problems(
        csv(
            la("855", "Leicestershire", "E10000018", "694", "147439", "47"),
            la(
                "855",
                "Leicestershire",
                "E10000018",
                "299",
                "147439",
                "20",
                population_type="Started",
            ),
        ),
        mapping,
    )
    assert found[0] == (
        'Row 2, column "filters": "cla 2025 855" appears more than once for this indicator, '
        "period and area (rows 2, 3): the mapping's filters must pick one row per area and "
        "period."
    )
    assert len(found) == 2


def test_bad_rows_are_all_reported():
    """Issue 3: every problem, with its row (header = row 1)."""
    assert problems(
        csv(
            la("855", "Leicestershire", "E10000018", "694", "147439", "lots"),
            la("85", "Leicestershire", "E10000018", "694", "147439", "47", period="2024"),
            la("856", "Leicester", "E06000016", "6 9 4", "147439", "47"),
            la("857", "Rutland", "E06000017", "1", "2", "3", period="2O25"),
        )
    ) == [
        'Row 2, column "rate_per_10000": "lots" is not a number or a known suppression code.',
        'Row 3, column "old_la_code": "85" is not an LA number (three digits).',
        'Row 4, column "children_count": "6 9 4" is not a number or a known suppression code.',
        'Row 5, column "time_period": "2O25" is not a time period like "2025" or "202425".',
    ]


def test_missing_columns_are_refused():
    data = (
        b"time_period,time_identifier,geographic_level,country_code,country_name\n"
        b"2025,Reporting year,National,E92000001,England\n"
    )
    assert problems(data) == [
        'Row 1, column "children_count": "" is missing from the header.',
        'Row 1, column "population_estimate": "" is missing from the header.',
        'Row 1, column "population_type": "" is missing from the header.',
        'Row 1, column "rate_per_10000": "" is missing from the header.',
    ]


def test_mapping_problems_are_reported_with_their_place():
    mapping = MAPPING.replace("outcome: staying_safe", "outcome: safety").replace(
        "    value: rate_per_10000\n    numerator: children_count\n", ""
    )
    with pytest.raises(ImportRejected) as caught:
        ees_mapping(mapping.encode())
    assert [str(p) for p in caught.value.problems] == [
        'Column "indicators[0].outcome": "safety" is not one of: being_healthy, staying_safe, '
        "enjoying_achieving, positive_contribution, economic_wellbeing, service_management.",
        'Column "indicators[0].value": "" names no value column and no numerator and '
        "denominator to compute it from.",
    ]


COMPUTED = """
source: test
indicators:
  - code: cin
    title: Children in need rate
    outcome: staying_safe
    polarity: none
    value_type: rate
    multiplier: 10000
    decimal_places: 1
    numerator: children_count
    denominator:
      file: population.csv
      column: population_estimate
      filters: {age_group: Children aged 0 to 17 years}
      period_offset: 1
"""
POPULATION = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,age_group,population_estimate\n"
    "2024,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,855,"
    "E10000018,Leicestershire,Children aged 0 to 17 years,147439\n"
    "2024,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,855,"
    "E10000018,Leicestershire,Children aged 0 to 4 years,40000\n"
)


def test_rate_computed_from_a_population_of_the_year_before():
    """CIN rate as DfE's CSC outcomes tool computes it: count / ONS 0-17 of the year before."""
    frame = ees_observations(
        csv(
            la("855", "Leicestershire", "E10000018", "3604", "", ""),
            la("855", "Leicestershire", "E10000018", "c", "", "", period="2026"),
        ),
        mapping=COMPUTED.encode(),
        denominators={"population.csv": POPULATION.encode()},
    )
    first, second = frame.iloc[0], frame.iloc[1]
    assert first["value"] == pytest.approx(3604 / 147439 * 10000)
    assert (first["numerator"], first["denominator"], first["suppression"]) == (3604, 147439, "")
    assert math.isnan(second["value"]) and second["suppression"] == "c"  # numerator suppressed


def test_denominator_file_not_given_is_a_problem():
    assert problems(csv(la("855", "Leicestershire", "E10000018", "1", "", "")), COMPUTED) == [
        'Column "indicators[0].denominator.file": "population.csv" was not given: pass it in '
        "`denominators` or put it beside the data file."
    ]


# --- the real files and the project's mappings -------------------------------------------


@pytest.mark.parametrize("name", ["cla_rate", "cin_rate", "cpp_rate", "absence"])
def test_project_mappings_load(name):
    definitions = ees_definitions(MAPPINGS_DIR / f"{name}.yaml")
    assert definitions and all(d.code.startswith("ees-") for d in definitions)


def real(mapping: str, file: str) -> pd.DataFrame:
    return ees_observations(real_file("ees", file), mapping=MAPPINGS_DIR / f"{mapping}.yaml")


def test_worked_check_leicestershire_looked_after_children_2025():
    """README worked check: Leicestershire (855, E10000018), 31 March 2025: 694 children,
    0-17 population 147,439, rate 47 per 10,000."""
    frame = real("cla_rate", "cla_number_and_rate_per_10k_children.csv")
    row = frame[(frame["indicator"] == "ees-cla-rate") & (frame["area_code"] == "855")]
    row = row.set_index("period").loc["2025"]
    assert (row["value"], row["numerator"], row["denominator"]) == (47, 694, 147_439)
    assert (row["area_kind"], row["area_ons_code"], row["suppression"]) == (
        "council",
        "E10000018",
        "",
    )


def test_real_cla_file_keeps_tiny_and_reorganised_councils():
    """README traps: City of London and Isles of Scilly; Cumbria (909) and Northamptonshire
    (928) after their reorganisations, with their symbols kept, never zero."""
    frame = real("cla_rate", "cla_number_and_rate_per_10k_children.csv")
    latest = frame[(frame["indicator"] == "ees-cla-rate") & (frame["period"] == "2025")]
    by_code = latest.set_index("area_code")
    assert by_code.loc["201", "suppression"] == "c"
    assert by_code.loc["420", "suppression"] == "z"
    assert by_code.loc["909", "suppression"] == "z" and by_code.loc["928", "suppression"] == "z"
    assert by_code.loc[["201", "420", "909"], "value"].isna().all()
    assert {"940", "941", "942", "943"} <= set(by_code.index)
    assert latest["area_kind"].value_counts().to_dict() == {
        "council": 155,
        "region": 9,
        "other": 2,
        "england": 1,
    }


@pytest.mark.parametrize(
    ("mapping", "file", "ees_code", "lait_code"),
    [
        ("cin_rate", "b1_children_in_need_2013_to_2025.csv", "ees-cin-rate", "CIN"),
        ("cpp_rate", "d5_cpps_at31march_by_duration_2013_to_2025.csv", "ees-cpp-rate", "CPP_rate"),
    ],
)
def test_computed_rates_match_lait_published_rates(mapping, file, ees_code, lait_code):
    """Cross-check: the rate computed from EES counts and ONS population (year before) is the
    rate LAIT publishes, to one decimal place, for Leicestershire 2017 to 2025."""
    computed = real(mapping, file)
    computed = computed[(computed["indicator"] == ees_code) & (computed["area_code"] == "855")]
    lait = lait_observations(real_file("lait", "bds_long_0.parquet"))
    lait = lait[(lait["indicator"] == lait_code) & (lait["area_code"] == "855")]
    published = lait.set_index("period")["value"]
    ours = computed.set_index("period")["value"]
    years = [str(y) for y in range(2017, 2026)]
    assert ours.loc[years].round(1).tolist() == published.loc[years].round(1).tolist()


def test_real_absence_file():
    frame = real("absence", "absence_la.csv")
    assert set(frame["period"]) == {f"{y}/{str(y + 1)[2:]}" for y in range(2018, 2025)}
    assert frame["indicator"].nunique() == 6
    leics = frame[(frame["indicator"] == "ees-cla-absence") & (frame["area_code"] == "855")]
    row = leics.set_index("period").loc["2023/24"]
    assert (row["value"], row["numerator"], row["denominator"]) == (7.8, 7541, 97105)
    assert set(frame["suppression"]) <= {"", "c", "x", "z", "k"}


def test_bom_and_trailing_spaces_are_accepted():
    """README traps: a BOM at the start of some files (the real CLA file has one) and trailing
    spaces in cells."""
    data = "\ufeff".encode() + csv(
        la("855 ", "Leicestershire ", "E10000018", " 694", "147439", "47 ")
    )
    frame = ees_observations(data, mapping=MAPPING.encode())
    row = frame.iloc[0]
    assert (row["area_code"], row["area_name"], row["value"], row["numerator"]) == (
        "855",
        "Leicestershire",
        47,
        694,
    )


def test_time_columns_named_by_the_mapping():
    """Brief: the mapping names the time columns (EES's are the default)."""
    data = csv(la("855", "Leicestershire", "E10000018", "694", "147439", "47", period="202425"))
    data = data.replace(b"time_period,time_identifier", b"year,year_kind", 1)
    mapping = MAPPING + "time: {period: year, identifier: year_kind}\n"
    frame = ees_observations(
        data.replace(b"Reporting year", b"Academic year"), mapping=mapping.encode()
    )
    assert frame["period"].tolist() == ["2024/25"]
    assert problems(data) == [
        'Row 1, column "time_identifier": "" is missing from the header.',
        'Row 1, column "time_period": "" is missing from the header.',
    ]
