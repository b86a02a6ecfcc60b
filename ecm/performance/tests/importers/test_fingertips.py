"""OHID Fingertips indicator exports: the parser (no database), then the command.

fixtures/fingertips_sample.csv is a small export in the real column layout
(../shared/data/README.md): Reception overweight (ID 20601) for two sexes and hospital
admissions for injuries aged 0-14 (ID 90284, one breakdown), 2022/23 and 2023/24, for England,
the East Midlands region, Leicestershire, Leicester, Rutland, and City of London and Isles of
Scilly whose values are suppressed with a value note. fixtures/fingertips_export.py writes a
larger export with every quirk of the published files (issue 22 §1, §8): see its docstring.
"""

import io
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from ecm.performance.engine.periods import period_parse
from ecm.performance.importers import (
    ImportRejected,
    fingertips_definitions,
    fingertips_observations,
)
from ecm.performance.importers.common import FILE_EMPTY, FILE_NO_ROWS
from ecm.performance.importers.fingertips import (
    CODE_MAX,
    NO_CATEGORY,
    PERIOD_TYPE_MAX,
    TITLE_MAX,
    fingertips_breakdowns,
)
from ecm.performance.models import DataImport, Indicator, Observation
from ecm.performance.tests.importers.fixtures.fingertips_export import (
    DECILE_TYPES,
    DECILES,
    HEADER,
    SUPPRESSED,
    fingertips_export,
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


def test_a_repeat_that_disagrees_is_refused_naming_both_rows():
    """Issue 22 §1: rows for one indicator, area and period whose figures differ are still
    refused, each naming the other."""
    lines = SAMPLE.read_text().splitlines(keepends=True)
    changed = lines[1].replace(",22.1,", ",22.2,")
    with pytest.raises(ImportRejected) as caught:
        fingertips_observations("".join([*lines, changed]).encode())
    assert [(p.row, p.value) for p in caught.value.problems] == [
        (2, "ft-20601-male-4-5-yrs 2022/23 E92000001"),
        (44, "ft-20601-male-4-5-yrs 2022/23 E92000001"),
    ]
    assert str(caught.value.problems[0]) == (
        'Row 2, column "Indicator ID, Sex, Age, Category Type, Category, Area Code, Time '
        'period": "ft-20601-male-4-5-yrs 2022/23 E92000001" is given different figures in '
        "rows 2, 44: Fingertips repeats a row once per area type, but these repeats disagree; "
        "keep the right one and delete the others."
    )


def test_an_identical_repeat_is_read_once_and_said():
    """Issue 22 §1: a row repeating another's figures exactly is read once, and the frame's
    attrs say so (the import's notes and skipped count, services/resolve.py)."""
    lines = SAMPLE.read_text().splitlines(keepends=True)
    repeat = lines[1].replace(",England,England,", ",England,Districts & UAs (from Apr 2023),")
    frame = fingertips_observations("".join([*lines, repeat]).encode())
    assert len(frame) == 42
    assert frame.attrs == {
        "notes": [
            "1 row repeated another row's figures exactly (Fingertips repeats England's row, "
            "and a region's or council's that belongs to more than one area type, once per "
            "area type) and was read once."
        ],
        "skipped": 0 + 1,
    }
    assert fingertips_observations(SAMPLE).attrs == {"notes": [], "skipped": 0}


def test_progress_reported():
    calls = []
    fingertips_observations(SAMPLE, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 42) and calls[-1] == (42, 42)


# --- a realistic export (fixtures/fingertips_export.py) --------------------------------------

COUNTY_4_21, COUNTY_4_23, DISTRICT_4_23 = DECILE_TYPES


@pytest.fixture(scope="module")
def export():
    return fingertips_export()


def test_a_realistic_export_imports_cleanly(export):
    """Issue 22 §1: an export as published (27 columns, BOM, England and unitary councils
    repeated per area type, deciles under three Category Types sharing Category names)
    imports: one observation per indicator, area and period, repeats read once."""
    assert export.data.startswith(b"\xef\xbb\xbf") and export.repeats == 192
    frame = fingertips_observations(export.data)
    assert len(frame) == export.rows - export.repeats == 240
    assert frame.attrs == {
        "notes": [
            "192 rows repeated another row's figures exactly (Fingertips repeats England's row, "
            "and a region's or council's that belongs to more than one area type, once per "
            "area type) and were read once."
        ],
        "skipped": 192,
    }
    assert not frame.duplicated(["indicator", "period", "area_code"]).any()
    assert frame["indicator"].nunique() == 3 + 30 + 3
    assert frame["indicator"].str.len().max() <= CODE_MAX
    assert set(frame["area_kind"]) == {"england", "region", "council", "other"}
    assert set(frame.loc[frame["area_kind"] == "other", "area_code"]) == {"E07000129", "E07000130"}
    definitions = fingertips_definitions(export.data)
    assert sorted(d.code for d in definitions) == sorted(frame["indicator"].unique())
    assert {d.polarity for d in definitions if "decile" not in d.code} == {"low"}
    assert {(d.value_type, d.unit) for d in definitions} == {
        ("percentage", "%"),
        ("rate", "per 100,000"),
    }


def test_category_type_is_part_of_the_indicator(export):
    """Issue 22 §1: the same Category under three Category Types is three indicators, whose
    titles say the breakdown in words."""
    definitions = fingertips_definitions(export.data)
    most = [d for d in definitions if d.title.endswith(f"{DECILES[0]})")]
    assert sorted(d.title for d in most) == sorted(
        "Reception prevalence of overweight (including obesity) "
        f"(Persons, 4-5 yrs, {category_type}: Most deprived decile (IMD2019))"
        for category_type in DECILE_TYPES
    )
    assert len({d.code for d in most}) == 3


def test_long_codes_are_shortened_with_a_hash_of_the_breakdown(export):
    """Issue 22 §1: a code longer than Indicator.code's 80 characters keeps the start of its
    slug and ends in 8 hex digits of a SHA-1 of the whole breakdown: unique, the same on every
    import (this literal pins it), and short enough."""
    # sha1("Persons\0" "4-5 yrs\0" + COUNTY_4_21 + "\0Most deprived decile (IMD2019)")[:8]
    expected = "ft-20601-persons-4-5-yrs-most-deprived-decile-imd2019-county-ua-depriva-d559021f"
    assert len(expected) == CODE_MAX
    codes = set(fingertips_observations(export.data)["indicator"])
    assert expected in codes
    assert expected in set(
        fingertips_observations(export.data, breakdowns=[COUNTY_4_21])["indicator"]
    )


def test_the_model_limits_are_the_importers():
    """Issue 22 §1: the lengths the importer keeps codes and titles within are the model's."""
    fields = {
        f.name: f.max_length for f in Indicator._meta.get_fields() if hasattr(f, "max_length")
    }
    assert (fields["code"], fields["title"], fields["period_type"]) == (
        CODE_MAX,
        TITLE_MAX,
        PERIOD_TYPE_MAX,
    )


def _sample_rows(*rows: dict) -> bytes:
    """A small export in the published layout: each row's cells over a plain England row."""
    base = dict.fromkeys(HEADER, "") | {
        "Indicator ID": "92196",
        "Indicator Name": "Smoking status at time of delivery",
        "Area Code": "E92000001",
        "Area Name": "England",
        "Area Type": "England",
        "Sex": "Female",
        "Age": "All ages",
        "Time period": "2022/23",
        "Value": "8.8",
        "Count": "49420",
        "Denominator": "561030",
    }
    lines = [",".join(HEADER)]
    for row in rows:
        cells = base | row
        lines.append(",".join(f'"{cells[h]}"' if "," in cells[h] else cells[h] for h in HEADER))
    return ("\n".join(lines) + "\n").encode()


def test_breakdowns_that_slug_alike_get_different_codes():
    """Issue 22 §1: two Category Types written differently but slugged alike ("4/21" and
    "4-21") are two indicators, each code ending in its own hash."""
    data = _sample_rows(
        {},
        {"Category Type": "Deciles (4/21)", "Category": "Most deprived"},
        {"Category Type": "Deciles (4-21)", "Category": "Most deprived"},
    )
    codes = fingertips_observations(data)["indicator"].tolist()
    assert codes[0] == "ft-92196-female-all-ages"
    assert len(set(codes)) == 3
    assert all(
        c.startswith("ft-92196-female-all-ages-most-deprived-deciles-4-21-") for c in codes[1:]
    )


def test_spacing_in_a_category_type_does_not_make_another_breakdown():
    """Fingertips publishes "LSOA11 deprivation deciles within area (IMD  trend)" with two
    spaces: rows spaced differently are one breakdown, and their repeats are read once."""
    spaced = "LSOA11 deprivation deciles within area (IMD  trend)"
    frame = fingertips_observations(
        _sample_rows(
            {"Category Type": spaced, "Category": "Most deprived decile"},
            {"Category Type": " ".join(spaced.split()), "Category": "Most  deprived decile"},
        )
    )
    assert frame["indicator"].tolist() == ["ft-92196"] and frame.attrs["skipped"] == 1
    assert fingertips_breakdowns(_sample_rows({"Category Type": spaced})) == [
        ("LSOA11 deprivation deciles within area (IMD trend)", 1)
    ]


def test_a_very_long_name_keeps_the_title_within_the_limit():
    """Issue 22 §1: titles fit Indicator.title; the name is shortened, not the breakdown."""
    name = "Smoking " * 60
    data = _sample_rows({"Indicator Name": name}, {"Sex": "Persons", "Indicator Name": name})
    titles = sorted(d.title for d in fingertips_definitions(data))
    assert all(len(t) <= TITLE_MAX for t in titles)
    assert titles[0].endswith(" Smoking… (Female, All ages)")  # cut between words
    assert titles[1].endswith("Smoking… (Persons, All ages)")


def test_a_conflicting_repeat_in_the_export_is_refused_naming_both(export):
    """Issue 22 §1: England's row repeated with a different Value is refused, both rows named."""
    conflicting = fingertips_export(conflict=True)
    with pytest.raises(ImportRejected) as caught:
        fingertips_observations(conflicting.data)
    first, second = conflicting.conflict_rows
    assert [(p.row, p.value) for p in caught.value.problems] == [
        (first, "ft-20601-persons-4-5-yrs 2021/22 E92000001"),
        (second, "ft-20601-persons-4-5-yrs 2021/22 E92000001"),
    ]
    assert all(f"rows {first}, {second}:" in p.reason for p in caught.value.problems)


@pytest.mark.parametrize(
    ("column", "differs"),
    [
        ("Area Type", False),
        ("Parent Code", False),
        ("Compared to percentiles", False),
        ("Recent Trend", False),
        ("Upper CI 95.0 limit", True),
        ("Count", True),
        ("Value note", True),
    ],
)
def test_repeats_are_compared_on_the_columns_that_carry_the_figure(column, differs):
    """Issue 22 §1: Area Type, Parent Code and the comparisons describe the grouping and
    differ between Fingertips' repeats; a different limit, count or note is another figure."""
    data = _sample_rows({column: "1"}, {column: "2"})
    if differs:
        with pytest.raises(ImportRejected):
            fingertips_observations(data)
    else:
        assert len(fingertips_observations(data)) == 1


def test_the_breakdowns_of_an_export_are_listed(export):
    """Issue 22 §1: what the site offers to choose, with the rows each has in the file."""
    assert fingertips_breakdowns(export.data) == [
        (NO_CATEGORY, 312),
        (COUNTY_4_21, 40),
        (COUNTY_4_23, 40),
        (DISTRICT_4_23, 40),
    ]


def test_chosen_breakdowns_are_imported_and_the_rest_counted(export):
    """Issue 22 §1: a choice of breakdowns, case and spacing ignored; codes are those of the
    whole import; the rows left out are counted and said."""
    chosen = ["NONE", "  county & ua deprivation deciles in england (imd2019,  4/23 geography) "]
    frame = fingertips_observations(export.data, breakdowns=chosen)
    every = fingertips_observations(export.data)
    assert set(frame["indicator"]) < set(every["indicator"])
    assert len(frame) == 180 + 20
    assert frame.attrs["skipped"] == 80 + (192 - 20 - 20)
    assert frame.attrs["notes"][0] == (
        f'80 rows of breakdowns not chosen were left out: "{COUNTY_4_21}" (40); '
        f'"{DISTRICT_4_23}" (40).'
    )
    assert frame.attrs["notes"][1].startswith("152 rows repeated another row's figures")
    definitions = fingertips_definitions(export.data, breakdowns=chosen)
    assert sorted(d.code for d in definitions) == sorted(frame["indicator"].unique())
    whole_population = fingertips_observations(export.data, breakdowns=[NO_CATEGORY])
    assert not whole_population["indicator"].str.contains("decile").any()
    assert whole_population.attrs["notes"][0].startswith("120 rows of breakdowns not chosen")


def test_no_choice_or_an_empty_choice_imports_every_breakdown(export):
    assert len(fingertips_observations(export.data, breakdowns=[])) == 240


@pytest.mark.parametrize("importer", [fingertips_observations, fingertips_definitions])
def test_an_unknown_breakdown_is_a_listed_problem(export, importer):
    """Issue 22 §1: a Category Type not in the file is refused, listing those it has."""
    with pytest.raises(ImportRejected) as caught:
        importer(export.data, breakdowns=["none", "Ethnic groups", ""])
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [
        (None, "Category Type", "Ethnic groups"),
        (None, "Category Type", ""),
    ]
    assert str(caught.value.problems[0]) == (
        'Column "Category Type": "Ethnic groups" is not a Category Type in this file. Choose '
        'from: "none" for the whole population (rows with no category); '
        f'"{COUNTY_4_21}"; "{COUNTY_4_23}"; "{DISTRICT_4_23}".'
    )


def test_pooled_periods_are_stored_as_the_engine_reads_them(export):
    """Issue 22 §1: Fingertips' "2021 - 23" (three years pooled) is the engine's "2021-23"."""
    periods = set(fingertips_observations(export.data)["period"])
    assert periods == {"2021/22", "2022/23", "2020-22", "2021-23"}
    assert period_parse("2021-23").style == "rolling_3"


def test_suppressed_rows_of_the_export_are_suppressed_never_zero(export):
    """Issue 22 §1: Rutland and the City of London, published empty with Fingertips' note,
    are suppressed ("c"); their counts unknown."""
    frame = fingertips_observations(export.data)
    hidden = frame[frame["area_code"].isin(["E06000017", "E09000001"])]
    assert len(hidden) == 24 and (hidden["suppression"] == "c").all()
    assert hidden[["value", "numerator", "denominator"]].isna().all().all()
    assert (frame.loc[frame["suppression"] == "", "value"] > 0).all()


@pytest.mark.parametrize("symbol", ["c", "x", "z", "low", "[c]", ":", "-"])
def test_suppression_symbols_in_count_and_denominator_are_unknown_never_zero(symbol):
    """Issue 22 §1: a symbol in Count or Denominator does not refuse the file; the count is
    unknown (NaN), never 0. An empty value with Fingertips' note is suppressed."""
    frame = fingertips_observations(
        _sample_rows(
            {"Count": symbol, "Denominator": symbol},
            {"Area Code": "E06000017", "Value": "", "Count": "", "Denominator": ""}
            | {"Value note": SUPPRESSED},
        )
    )
    assert frame["numerator"].isna().all() and frame["denominator"].isna().all()
    assert frame["value"].tolist()[0] == 8.8 and frame["suppression"].tolist() == ["", "c"]


def test_trailing_commas_and_windows_line_ends_are_read():
    """Issue 22 §8: a file saved with an empty last column and CRLF line ends imports."""
    data = fingertips_export(trailing_comma=True, line_end="\r\n").data
    assert len(fingertips_observations(data)) == 240


def test_optional_columns_may_be_missing():
    """Issue 22 §1: the confidence limits, comparisons and Time period range may be left
    out of a file; the figures are read without them."""
    optional = [h for h in HEADER if "CI" in h or h.startswith(("Compared", "Time period "))]
    text = fingertips_export().data.decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    frame = frame.drop(columns=optional)
    data = frame.to_csv(index=False).encode()
    assert len(fingertips_observations(data)) == 240
    assert {d.period_type for d in fingertips_definitions(data)} == {""}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"Indicator ID": ""}, 'Row 2, column "Indicator ID": "" must not be empty.'),
        ({"Indicator ID": "9219a"}, 'Row 2, column "Indicator ID": "9219a" is not a whole number.'),
        ({"Indicator ID": "٩٢١٩٦"}, 'Row 2, column "Indicator ID": "٩٢١٩٦" is not a whole number.'),
        (
            {"Indicator ID": "1" * 11},
            'Row 2, column "Indicator ID": "11111111111" is not a Fingertips indicator ID (at '
            "most 10 digits).",
        ),
        ({"Area Code": ""}, 'Row 2, column "Area Code": "" must not be empty.'),
        ({"Time period": ""}, 'Row 2, column "Time period": "" must not be empty.'),
        ({"Indicator Name": ""}, 'Row 2, column "Indicator Name": "" must not be empty.'),
        (
            {"Value": "8.8%"},
            'Row 2, column "Value": "8.8%" is not a number or a known suppression code.',
        ),
        ({"Denominator": "lots"}, 'Row 2, column "Denominator": "lots" is not a number.'),
    ],
)
def test_every_bad_cell_is_a_listed_problem(row, expected):
    """Issue 22 §1: every error path ends in a listed problem, never a traceback."""
    with pytest.raises(ImportRejected) as caught:
        fingertips_observations(_sample_rows(row))
    assert [str(p) for p in caught.value.problems] == [expected]


def test_junk_in_the_confidence_limits_is_not_stored_and_not_refused():
    """The limits are compared for repeats but never stored (the engine computes its own)."""
    frame = fingertips_observations(_sample_rows({"Lower CI 95.0 limit": "n/a (see note)"}))
    assert frame["value"].tolist() == [8.8]


def test_a_long_time_period_range_is_a_listed_problem():
    with pytest.raises(ImportRejected) as caught:
        fingertips_definitions(_sample_rows({"Time period range": "y" * 61}))
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "Time period range")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", FILE_EMPTY),
        (b"\xef\xbb\xbf", None),  # common.py names pandas' words; asked to say FILE_EMPTY
        ((",".join(HEADER) + "\n").encode("utf-8-sig"), FILE_NO_ROWS),
        ((",".join(HEADER) + ",\n,,,,,,,,,,,,,,,,,,,,,,,,,,,\n").encode(), FILE_NO_ROWS),
    ],
)
@pytest.mark.parametrize(
    "importer", [fingertips_observations, fingertips_definitions, fingertips_breakdowns]
)
def test_a_file_with_no_rows_is_a_listed_problem(data, expected, importer):
    with pytest.raises(ImportRejected) as caught:
        importer(data)
    assert [p.row for p in caught.value.problems] == [None]
    if expected:
        assert [str(p) for p in caught.value.problems] == [expected]


# --- the command (manage.py import_indicators --format fingertips --breakdown NAME) ---------


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_indicators", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def export_file(tmp_path) -> Path:
    path = tmp_path / "fingertips_export.csv"
    path.write_bytes(fingertips_export().data)
    return path


def test_the_export_imports_through_the_command_with_a_choice_of_breakdowns(
    real_councils, export_file
):
    """Issue 22 §1: `--breakdown` chooses Category Types; the notes say what was read once and
    what was left out."""
    out = run(str(export_file), "--format", "fingertips", "--breakdown", NO_CATEGORY)
    assert "Imported fingertips_export.csv: 156 values added" in out, out
    assert "120 rows of breakdowns not chosen were left out" in out
    assert "132 rows repeated another row's figures exactly" in out
    assert Indicator.objects.count() == 6
    assert not Indicator.objects.filter(code__contains="decile").exists()
    data_import = DataImport.objects.get()
    assert data_import.options == {"breakdowns": [NO_CATEGORY]}

    out = run(str(export_file), "--format", "fingertips", "--breakdown", COUNTY_4_23)
    assert "20 values added" in out, out
    assert Observation.objects.filter(indicator__code__contains="decile").count() == 20


def test_the_whole_export_imports_through_the_command(real_councils, export_file):
    out = run(str(export_file), "--format", "fingertips")
    assert "Imported fingertips_export.csv: 216 values added" in out, out
    assert Indicator.objects.count() == 36
    assert Indicator.objects.filter(title__contains="4/21 geography").count() == 10


def test_an_unknown_breakdown_is_refused_by_the_command(real_councils, export_file):
    with pytest.raises(CommandError) as raised:
        run(str(export_file), "--format", "fingertips", "--breakdown", "Ethnic groups")
    assert 'Column "Category Type": "Ethnic groups" is not a Category Type in this file' in str(
        raised.value
    )
    assert not Observation.objects.exists() and not Indicator.objects.exists()


def test_breakdown_is_only_for_fingertips(db, export_file):
    with pytest.raises(CommandError) as raised:
        run(str(export_file), "--format", "long", "--breakdown", NO_CATEGORY)
    assert str(raised.value) == (
        "--breakdown chooses Category Types of a Fingertips export: use it with --format "
        "fingertips, or leave it out to import the whole file"
    )
    assert not DataImport.objects.exists()
