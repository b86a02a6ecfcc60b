"""The plain long CSV: authority,indicator,period,value,numerator,denominator (no database)."""

import math

import pytest

from ecm.performance.importers import OBSERVATION_COLUMNS, ImportRejected, long_observations
from ecm.performance.importers.long import BAD_AUTHORITY

HEADER = "authority,indicator,period,value,numerator,denominator\n"


def parse(text: str, **kwargs):
    return long_observations(text.encode(), **kwargs)


def problems(text: str) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        parse(text)
    return [str(p) for p in caught.value.problems]


def test_good_file_becomes_canonical_observations():
    frame = parse(
        HEADER
        + "855,CLA,2025,47,694,147439\n"
        + "E10000018,CLA,2024,50,,\n"
        + "E92000001,CLA,2025,67,81770,12183016\n"
        + "E12000004,CLA,2025,55,,\n"
        + "E13000001,CLA,2025,60,,\n"
        + "201,CLA,2025,c,,\n"
    )
    assert tuple(frame.columns) == OBSERVATION_COLUMNS
    assert frame["area_kind"].tolist() == [
        "council",
        "council",
        "england",
        "region",
        "other",
        "council",
    ]
    assert frame["area_code"].tolist() == [
        "855",
        "E10000018",
        "E92000001",
        "E12000004",
        "E13000001",
        "201",
    ]
    assert frame["area_ons_code"].tolist()[:3] == ["", "E10000018", "E92000001"]
    assert frame["area_name"].tolist()[2:5] == ["England", "East Midlands", "Inner London"]
    first = frame.iloc[0]
    assert (first["value"], first["numerator"], first["denominator"]) == (47, 694, 147439)
    assert math.isnan(frame.iloc[1]["numerator"]) and math.isnan(frame.iloc[1]["denominator"])
    assert frame["row"].tolist() == [2, 3, 4, 5, 6, 7]
    assert str(frame["value"].dtype) == "float64" and str(frame["row"].dtype) == "int64"


def test_suppression_code_is_kept_as_suppression_never_zero():
    """README trap: text values with suppression codes (City of London's "c")."""
    frame = parse(HEADER + "201,CLA,2025,c,,\n420,CLA,2025,z,,\n")
    assert frame["suppression"].tolist() == ["c", "z"]
    assert frame["value"].isna().all()


def test_empty_value_is_missing_not_suppressed():
    frame = parse(HEADER + "855,CLA,2025,,,\n")
    assert math.isnan(frame.iloc[0]["value"]) and frame.iloc[0]["suppression"] == ""


def test_utf8_bom_is_accepted():
    """README trap: a BOM at the start of some files."""
    frame = long_observations(("\ufeff" + HEADER + "855,CLA,2025,47,,\n").encode())
    assert frame.iloc[0]["area_code"] == "855"


def test_trailing_spaces_are_trimmed():
    """README trap: trailing spaces (e.g. "Close ")."""
    frame = parse(HEADER + "855 , CLA ,2025 , 47 , 694 ,147439 \n")
    row = frame.iloc[0]
    assert (row["area_code"], row["indicator"], row["period"], row["value"]) == (
        "855",
        "CLA",
        "2025",
        47.0,
    )


def test_years_in_several_styles_are_kept_as_published():
    """README trap: years written in several styles; the engine's period parser reads them."""
    periods = ["2023", "2016-17 (OT)", "2015/16", "2014-16", "2013/14-15/16", "2025 (prov)"]
    frame = parse(HEADER + "".join(f"855,X,{p},1,,\n" for p in periods))
    assert frame["period"].tolist() == periods


def test_changed_council_codes_are_kept_as_given():
    """README trap: reorganised councils (Northamptonshire 928, its successors 940/941,
    Cumbria 909 and its successors 942/943); the Django side matches codes."""
    codes = ["928", "940", "941", "909", "942", "943", "E10000021", "E06000061"]
    frame = parse(HEADER + "".join(f"{c},X,2021,1,,\n" for c in codes))
    assert frame["area_code"].tolist() == codes
    assert set(frame["area_kind"]) == {"council"}


def test_city_of_london_and_isles_of_scilly_rows_are_kept():
    """README trap: City of London (201) and Isles of Scilly (420) have tiny populations."""
    frame = parse(HEADER + "201,X,2025,0,0,847\n420,X,2025,1,1,319\n")
    assert frame["area_code"].tolist() == ["201", "420"]


def test_numerator_above_denominator_is_not_this_parsers_business():
    """Brief: only percentages forbid it, and this file does not say which indicators are."""
    frame = parse(HEADER + "855,X,2025,150,3,2\n")
    assert frame.iloc[0]["numerator"] == 3


def test_progress_is_reported_up_to_the_total():
    calls = []
    parse(HEADER + "855,X,2025,1,,\n856,X,2025,2,,\n", progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)
    assert len(calls) <= 10


def test_wrong_header_names_missing_and_unexpected_columns():
    assert problems(
        "authority,indicator,year,value,numerator,denominator,notes\n855,X,1,1,,,\n"
    ) == [
        'Row 1, column "period": "" is missing from the header.',
        'Row 1, column "year": "year" is not an expected column.',
        'Row 1, column "notes": "notes" is not an expected column.',
    ]


def test_header_in_another_order_is_refused():
    assert problems("indicator,authority,period,value,numerator,denominator\nX,855,1,1,,\n") == [
        'Row 1: "indicator,authority,period,value,numerator,denominator" is in the wrong '
        "order. The header must be exactly: authority,indicator,period,value,numerator,"
        "denominator."
    ]


def test_empty_file_is_refused():
    assert problems("") == ["The file is empty."]
    assert problems("\n\n") == ["The file is empty."]


def test_header_without_rows_is_refused():
    assert problems(HEADER) == ["The file has a header but no data rows."]


def test_windows_1252_text_is_read_and_other_bytes_refused_with_a_clear_problem():
    """Issue 22 §4: Windows-1252 (Excel's plain "CSV") is read; bytes no encoding we read
    (0x81 is undefined in Windows-1252 and cannot start a UTF-8 character) are refused with
    the byte and its line, never as ragged rows."""
    frame = long_observations((HEADER + "855,Spend \u00a3,2025,1,,\n").encode("cp1252"))
    assert frame["indicator"].tolist() == ["Spend \u00a3"]
    with pytest.raises(ImportRejected) as caught:
        long_observations(HEADER.encode() + b"855,Spend \x81,2025,1,,\n")
    assert [str(p) for p in caught.value.problems] == [
        "The file is not text in UTF-8, UTF-16 or Windows-1252 (byte 0x81 on line 2 fits none "
        'of them): save it again as "CSV UTF-8".'
    ]


def test_row_with_too_many_fields_is_refused():
    assert problems(HEADER + "855,X,2025,1,,,extra\n") == [
        "Row 2: this row has 7 fields where the header has 6."
    ]


def test_every_bad_row_is_reported_with_row_column_value_and_reason():
    """Issue 3: every problem listed, as a spreadsheet user sees rows (header = row 1)."""
    text = (
        HEADER
        + ",X,2025,1,,\n"  # row 2
        + "855,,2025,1,,\n"  # row 3
        + "855,X,,1,,\n"  # row 4
        + "855,X,2025,abc,,\n"  # row 5
        + "855,X,2024,1,,-5\n"  # row 6
        + "855,X,2023,1,-1,5\n"  # row 7
        + "855,X,2022,1,abc,\n"  # row 8 (a symbol such as "c" is published data: issue 22 §1)
        + "Leics,X,2025,1,,\n"  # row 9
    )
    assert problems(text) == [
        'Row 2, column "authority": "" must not be empty.',
        'Row 3, column "indicator": "" must not be empty.',
        'Row 4, column "period": "" must not be empty.',
        'Row 5, column "value": "abc" is not a number or a known suppression code.',
        'Row 6, column "denominator": "-5" must not be negative.',
        'Row 7, column "numerator": "-1" must not be negative.',
        'Row 8, column "numerator": "abc" is not a number or a known suppression code.',
        f'Row 9, column "authority": "Leics" {BAD_AUTHORITY}',
    ]


def test_one_bad_row_fails_the_whole_import():
    """Issue 3: one bad row fails the whole import and nothing is returned."""
    good = "".join(f"{855 + n},X,2025,{n},,\n" for n in range(20))
    with pytest.raises(ImportRejected) as caught:
        parse(HEADER + good + "855,Y,2025,oops,,\n")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(22, "value", "oops")]


def test_duplicate_rows_are_reported_both():
    """Brief: duplicate (indicator, period, area) rows in one file are a problem (both rows)."""
    reason = "appears more than once for this indicator, period and area (rows 2, 4)."
    assert problems(HEADER + "855,X,2025,1,,\n856,X,2025,1,,\n855,X,2025,2,,\n") == [
        f'Row 2, column "indicator, period, authority": "X 2025 855" {reason}',
        f'Row 4, column "indicator, period, authority": "X 2025 855" {reason}',
    ]


def test_blank_rows_are_skipped_but_counted_like_a_spreadsheet():
    """Spreadsheet exports leave empty lines and rows of commas: skipped, yet the row numbers
    in problems stay those the user sees."""
    found = problems(HEADER + "855,X,2025,1,,\n\n,,,,,\n855,X,2024,abc,,\n")
    assert found == ['Row 5, column "value": "abc" is not a number or a known suppression code.']
