"""DfE Explore Education Statistics tidy CSVs through YAML mappings (no database).

Real files: ../shared/data/ees (README.md there); the project's mappings:
ecm/performance/data/ees/*.yaml.
"""

import functools
import math
import re

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

KEY_JUDGEMENT = re.compile(r"urn:ecm:key-judgement:[a-z-]+:\d+")

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
        'Column "indicators[0].denominator.file": "population.csv" is needed for this '
        "indicator's denominator: put it beside the data file (manage.py import_indicators "
        "reads it from there)."
    ]


# --- the real files and the project's mappings -------------------------------------------


PROJECT_MAPPINGS = sorted(path.stem for path in MAPPINGS_DIR.glob("*.yaml"))


def test_every_project_mapping_is_tested():
    """Issue 22 §1: a mapping for each EES indicator file of ../shared/data."""
    assert PROJECT_MAPPINGS == [
        "absence",
        "assessment_factors",
        "care_leavers_accommodation",
        "cin_rate",
        "cin_referrals",
        "cla_health_convictions",
        "cla_rate",
        "cla_school_moves",
        "cpp_rate",
    ]


@pytest.mark.parametrize("name", PROJECT_MAPPINGS)
def test_project_mappings_load(name):
    """Each mapping's definitions pass the definition checks (value type and multiplier,
    outcome, key judgement URNs), with codes of their own."""
    definitions = ees_definitions(MAPPINGS_DIR / f"{name}.yaml")
    assert definitions and all(d.code.startswith("ees-") for d in definitions)
    assert ees_mapping(MAPPINGS_DIR / f"{name}.yaml").file.endswith(".csv")


def test_project_mappings_define_each_code_once():
    codes = [d.code for name in PROJECT_MAPPINGS for d in ees_definitions(
        MAPPINGS_DIR / f"{name}.yaml")]  # fmt: skip
    assert len(codes) == len(set(codes))


def test_project_mappings_name_key_judgements_of_the_framework():
    """Key judgements only as URNs the framework defines (ecm/framework/library)."""
    library = (MAPPINGS_DIR.parents[2] / "framework" / "library").glob("*.yaml")
    known = {urn for path in library for urn in KEY_JUDGEMENT.findall(path.read_text())}
    named = {
        urn
        for name in PROJECT_MAPPINGS
        for d in ees_definitions(MAPPINGS_DIR / f"{name}.yaml")
        for urn in d.key_judgements
    }
    assert named and named <= known, named - known


@functools.cache
def _real(mapping: str, file: str) -> pd.DataFrame:
    return ees_observations(real_file("ees", file), mapping=MAPPINGS_DIR / f"{mapping}.yaml")


def real(mapping: str, file: str) -> pd.DataFrame:
    """A real file read through its project mapping (read once per worker; a copy each time)."""
    return _real(mapping, file).copy()


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


@pytest.fixture(scope="module")
def lait_published() -> pd.DataFrame:
    """LAIT's published values for Leicestershire and England (read once for the module)."""
    lait = lait_observations(real_file("lait", "bds_long_0.parquet"))
    return lait[lait["area_code"].isin(["855", "E92000001"])]


@pytest.mark.parametrize(
    ("mapping", "file", "ees_code", "lait_code"),
    [
        ("cin_rate", "b1_children_in_need_2013_to_2025.csv", "ees-cin-rate", "CIN"),
        ("cpp_rate", "d5_cpps_at31march_by_duration_2013_to_2025.csv", "ees-cpp-rate", "CPP_rate"),
    ],
)
def test_computed_rates_match_lait_published_rates(
    lait_published, mapping, file, ees_code, lait_code
):
    """Cross-check: the rate computed from EES counts and ONS population (year before) is the
    rate LAIT publishes, to one decimal place, for Leicestershire 2017 to 2025."""
    computed = real(mapping, file)
    computed = computed[(computed["indicator"] == ees_code) & (computed["area_code"] == "855")]
    lait = lait_published
    lait = lait[(lait["indicator"] == lait_code) & (lait["area_code"] == "855")]
    published = lait.set_index("period")["value"]
    ours = computed.set_index("period")["value"]
    years = [str(y) for y in range(2017, 2026)]
    assert ours.loc[years].round(1).tolist() == published.loc[years].round(1).tolist()


REFERRALS = ("cin_referrals", "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv")
FACTORS = ("assessment_factors", "c3_factors_identified_at_end_of_assessment_2018_to_2025.csv")
CARE_LEAVERS = ("care_leavers_accommodation", "la_care_leavers_accommodation_suitability.csv")
SCHOOL_MOVES = ("cla_school_moves", "la_cla_school_moves.csv")
HEALTH = ("cla_health_convictions", "la_conviction_health_outcome_cla.csv")


LAIT_CROSS_CHECKS = [
    (REFERRALS, "ees-referral-rate", "CPP_Total_Rateper10,000", range(2016, 2026)),
    (REFERRALS, "ees-rereferral", "ReReferral", range(2016, 2026)),
    (REFERRALS, "ees-referral-no-further-action", "CIN_Refferals_NFA", range(2016, 2026)),
    (
        REFERRALS,
        "ees-referral-assessed-not-in-need",
        "Referrals_AssessedNotNeed",
        range(2016, 2026),
    ),
    (SCHOOL_MOVES, "ees-cla-mid-year-school-moves", "Stability_School", range(2020, 2025)),
    (
        CARE_LEAVERS,
        "ees-care-leavers-19-21-suitable-accommodation",
        "CareLeaverAcc",
        range(2021, 2026),
    ),
    (HEALTH, "ees-cla-convictions", "LAC_Convictions", range(2021, 2026)),
    (HEALTH, "ees-cla-health-assessments", "LACHealth%", range(2021, 2026)),
    (HEALTH, "ees-cla-immunisations", "LACVaccinations%", range(2021, 2026)),
    (HEALTH, "ees-cla-dental-checks", "LACDental%", range(2021, 2026)),
    (HEALTH, "ees-cla-substance-misuse", "LACSubstance", range(2021, 2026)),
    (HEALTH, "ees-cla-sdq-average", "Emotional_LAC", range(2021, 2026)),
]


@pytest.mark.parametrize(
    ("files", "ees_code", "lait_code", "years"),
    [pytest.param(*case, id=case[1]) for case in LAIT_CROSS_CHECKS],
)
def test_new_mappings_give_what_lait_publishes(lait_published, files, ees_code, lait_code, years):
    """Issue 22 §1 cross-check: each new mapping picks the rows DfE's own tool (LAIT) shows,
    for Leicestershire and England, every year both publish (to one decimal place); the
    referral rate is computed from the count and the ONS population of the year before."""
    ours = real(*files)
    lait = lait_published[lait_published["indicator"] == lait_code]
    for area in ("855", "E92000001"):
        computed = ours[(ours["indicator"] == ees_code) & (ours["area_code"] == area)]
        computed = computed.set_index("period")["value"]
        published = lait[lait["area_code"] == area].set_index("period")["value"]
        periods = [str(y) for y in years]
        # A year neither publishes (Leicestershire's school moves in 2020) compares as -1.
        ours_shown = computed.loc[periods].round(1).fillna(-1).tolist()
        assert ours_shown == published.loc[periods].round(1).fillna(-1).tolist()


def leicestershire(files: tuple[str, str], code: str, period: str) -> pd.Series:
    frame = real(*files)
    rows = frame[(frame["indicator"] == code) & (frame["area_code"] == "855")]
    return rows.set_index("period").loc[period]


def figures(row: pd.Series) -> tuple:
    return row["value"], row["numerator"], row["denominator"], row["suppression"]


def test_worked_check_referrals_leicestershire_2025():
    """cin_referrals.yaml's worked check: 6,752 referrals, 1,721 re-referrals (25.5%), 459
    with no further action (6.8%), 1,970 assessed not in need (29.2%)."""
    assert figures(leicestershire(REFERRALS, "ees-rereferral", "2025")) == (25.5, 1721, 6752, "")
    nfa = leicestershire(REFERRALS, "ees-referral-no-further-action", "2025")
    assert figures(nfa) == (6.8, 459, 6752, "")
    not_in_need = leicestershire(REFERRALS, "ees-referral-assessed-not-in-need", "2025")
    assert figures(not_in_need) == (29.2, 1970, 6752, "")
    rate = leicestershire(REFERRALS, "ees-referral-rate", "2025")
    assert (rate["numerator"], rate["denominator"]) == (6752, 147_439)  # mid-2024 population
    assert rate["value"] == pytest.approx(6752 / 147_439 * 10_000)


def test_worked_check_assessment_factors_leicestershire_2025():
    """assessment_factors.yaml's worked check: of 5,008 episodes with factors, domestic abuse
    concerning a parent 1,403 (28.0%), neglect 676 (13.5%); a percentage computed here, as
    the file publishes counts only."""
    abuse = leicestershire(FACTORS, "ees-assessment-domestic-abuse-parent", "2025")
    assert figures(abuse)[1:] == (1403, 5008, "")
    assert round(abuse["value"], 1) == 28.0
    neglect = leicestershire(FACTORS, "ees-assessment-neglect", "2025")
    assert figures(neglect)[1:] == (676, 5008, "") and round(neglect["value"], 1) == 13.5


def test_criminal_exploitation_before_it_was_collected_is_not_available_never_zero():
    """assessment_factors.yaml: `Child_criminal_exploitation` is "x" for every area from 2018
    to 2021 (first collected in 2022): kept as "not available", no value."""
    frame = real(*FACTORS)
    early = frame[
        (frame["indicator"] == "ees-assessment-criminal-exploitation")
        & frame["period"].isin(["2018", "2019", "2020", "2021"])
    ]
    assert len(early) > 600
    assert set(early["suppression"]) == {"x"} and early["value"].isna().all()


def test_worked_check_care_leavers_leicestershire_2025():
    """care_leavers_accommodation.yaml's worked check: the denominator is the "Suitability
    total" row of the same council, age and year: 157 of 163 (96%), 350 of 373 (94%)."""
    young = leicestershire(CARE_LEAVERS, "ees-care-leavers-17-18-suitable-accommodation", "2025")
    assert figures(young) == (96, 157, 163, "")
    older = leicestershire(CARE_LEAVERS, "ees-care-leavers-19-21-suitable-accommodation", "2025")
    assert figures(older) == (94, 350, 373, "")


def test_worked_check_school_moves_leicestershire_2024():
    """cla_school_moves.yaml's worked check (the file has a BOM): 51 of 425 moved school
    during the year (12%), 32 mid-year (8%); 76 of 370 looked after for 2 years (21%)."""
    moves = leicestershire(SCHOOL_MOVES, "ees-cla-school-moves", "2024")
    assert figures(moves) == (12, 51, 425, "")
    mid_year = leicestershire(SCHOOL_MOVES, "ees-cla-mid-year-school-moves", "2024")
    assert figures(mid_year) == (8, 32, 425, "")
    two_years = leicestershire(SCHOOL_MOVES, "ees-cla-school-moves-2-years", "2024")
    assert figures(two_years) == (21, 76, 370, "")


def test_worked_check_health_and_convictions_leicestershire_2025():
    """cla_health_convictions.yaml's worked check: 437 of 479 health assessments (91%); 17 of
    313 aged 10 to 17 convicted (5%); 111 of the 282 SDQ scores received a cause for concern
    (39%, not of the 319 aged 5 to 16); the average SDQ score 14.7, published in the count
    column, read as a mean with no numerator or denominator."""
    health = leicestershire(HEALTH, "ees-cla-health-assessments", "2025")
    assert figures(health) == (91, 437, 479, "")
    convictions = leicestershire(HEALTH, "ees-cla-convictions", "2025")
    assert figures(convictions) == (5, 17, 313, "")
    concern = leicestershire(HEALTH, "ees-cla-sdq-concern", "2025")
    assert figures(concern) == (39, 111, 282, "")
    average = leicestershire(HEALTH, "ees-cla-sdq-average", "2025")
    assert average["value"] == 14.7 and average["suppression"] == ""
    assert math.isnan(average["numerator"]) and math.isnan(average["denominator"])


@pytest.mark.parametrize("files", [REFERRALS, FACTORS, CARE_LEAVERS, SCHOOL_MOVES, HEALTH])
def test_new_files_keep_every_symbol_as_published(files):
    """Issue 22 §1: suppression symbols, wherever they appear, are kept as suppressed, never
    zero: a row has a value or a symbol, never neither, and a symbol never with a value."""
    frame = real(*files)
    coded = frame["suppression"] != ""
    assert coded.any()
    assert set(frame.loc[coded, "suppression"]) <= {"c", "x", "z", "u", "k"}
    assert frame.loc[coded, "value"].isna().all()
    assert frame.loc[~coded, "value"].notna().all()


def test_isles_of_scilly_care_leavers_total_of_zero_is_kept_with_its_symbol():
    """README trap (tiny councils): Isles of Scilly publishes 0 care leavers and a "z"
    percentage: no value, its symbol kept, the published counts kept as they are."""
    frame = real(*CARE_LEAVERS)
    scilly = frame[(frame["area_code"] == "420") & (frame["period"] == "2025")]
    assert len(scilly) == 2
    assert set(scilly["suppression"]) == {"z"} and scilly["value"].isna().all()
    assert (scilly["numerator"] == 0).all() and (scilly["denominator"] == 0).all()


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


# --- a denominator from a total row of the same file ------------------------------------------

TOTALS_COLUMNS = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,care_leaver_age,breakdown,care_leaver_count,"
    "care_leaver_percent\n"
)
TOTALS_MAPPING = """
source: test
indicators:
  - code: suitable
    title: Care leavers in suitable accommodation
    outcome: economic_wellbeing
    polarity: high
    value_type: percentage
    multiplier: 100
    decimal_places: 0
    filters: {care_leaver_age: 17 to 18 years, breakdown: Suitable}
    value: care_leaver_percent
    numerator: care_leaver_count
    denominator:
      column: care_leaver_count
      filters: {breakdown: Total}
"""


def totals_csv(*rows: tuple[str, ...]) -> bytes:
    """Rows of (la_number, age, breakdown, count, percent) for Leicestershire's region."""
    lines = [
        f"2025,Reporting year,Local authority,{ENGLAND},{EAST_MIDLANDS},{code},Somewhere,"
        f"E10000018,{age},{breakdown},{count},{percent}\n"
        for code, age, breakdown, count, percent in rows
    ]
    return (TOTALS_COLUMNS + "".join(lines)).encode()


def test_denominator_from_the_total_row_of_the_same_file():
    """Issue 22 §1: DfE's newer files publish the total as a row of its own (breakdown
    "Suitability total"): the denominator is that row's count for the same council, age and
    year, the indicator's other filters kept, its `breakdown` replaced."""
    frame = ees_observations(
        totals_csv(
            ("855", "17 to 18 years", "Suitable", "157", "96"),
            ("855", "17 to 18 years", "Total", "163", "100"),
            ("855", "19 to 21 years", "Suitable", "350", "94"),
            ("855", "19 to 21 years", "Total", "373", "100"),
            ("856", "17 to 18 years", "Suitable", "c", "c"),
            ("856", "17 to 18 years", "Total", "12", "100"),
            ("857", "17 to 18 years", "Suitable", "5", "100"),
        ),
        mapping=TOTALS_MAPPING.encode(),
    )
    assert frame["area_code"].tolist() == ["855", "856", "857"]
    assert frame["denominator"].tolist()[:2] == [163, 12]
    assert frame["numerator"].tolist()[0] == 157 and frame["value"].tolist()[0] == 96
    assert frame["suppression"].tolist() == ["", "c", ""]
    assert math.isnan(frame["denominator"].iloc[2])  # no total row: no denominator


def test_a_bad_total_is_a_problem_at_its_own_row_and_column():
    """Every problem with its row: a total that is not a number is reported where it is
    (row 3), not at the indicator's row; each once, though two indicators share it."""
    two = TOTALS_MAPPING + TOTALS_MAPPING.split("indicators:\n")[1].replace(
        "code: suitable", "code: suitable-again"
    )
    assert problems(
        totals_csv(
            ("855", "17 to 18 years", "Suitable", "157", "96"),
            ("855", "17 to 18 years", "Total", "lots", "100"),
        ),
        two,
    ) == ['Row 3, column "care_leaver_count": "lots" is not a number or a known suppression code.']


def test_filters_that_pick_two_totals_are_a_problem_with_their_rows():
    """Issue 22 §1 with issue 3's "every problem with its row": a denominator's filters that
    leave two total rows for one area and period name both rows."""
    mapping = TOTALS_MAPPING.replace("filters: {breakdown: Total}", "filters: {}").replace(
        "filters: {care_leaver_age: 17 to 18 years, breakdown: Suitable}",
        "filters: {breakdown: Suitable}",
    )
    assert problems(
        totals_csv(
            ("855", "17 to 18 years", "Suitable", "157", "96"),
            ("855", "19 to 21 years", "Suitable", "350", "94"),
        ),
        mapping,
    ) == [
        'Row 2, column "indicators[0].denominator": "this file" gives more than one '
        "denominator for one area and period (rows 2, 3): the denominator's filters must pick "
        "one row."
    ]


def test_a_total_row_filter_on_a_column_the_file_lacks_is_a_missing_column():
    """Issue 22 §1: the total's filter columns are checked against the header like the rest."""
    mapping = TOTALS_MAPPING.replace("filters: {breakdown: Total}", "filters: {total: yes}")
    found = problems(totals_csv(("855", "17 to 18 years", "Suitable", "157", "96")), mapping)
    assert found == ['Row 1, column "total": "" is missing from the header.']


@pytest.mark.parametrize(
    "denominator",
    ["{filters: {breakdown: Total}}", "{column: '', filters: {breakdown: Total}}", "[a, b]"],
)
def test_a_denominator_without_a_column_is_refused(denominator):
    """Issue 22 §1: a denominator taken from other rows must say which column; the message
    names both forms (this file's rows, another file's)."""
    mapping = TOTALS_MAPPING.replace(
        "denominator:\n      column: care_leaver_count\n      filters: {breakdown: Total}",
        f"denominator: {denominator}",
    )
    with pytest.raises(ImportRejected) as caught:
        ees_mapping(mapping.encode())
    assert [p.column for p in caught.value.problems] == ["indicators[0].denominator"]
    assert "{column, filters, ...} (another row of this file)" in caught.value.problems[0].reason
