"""Problems, suppression codes, values and areas shared by every parser (no database)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ecm.performance.importers import (
    SUPPRESSION_CODES,
    ImportRejected,
    Problem,
    parse_value,
)
from ecm.performance.importers.common import (
    FILE_EMPTY,
    MISSING_TEXTS,
    decode_text,
    parse_values,
    region_code,
)
from tests.shared_data import shared_path


def real_file(*parts: str) -> Path:
    """A file of ../shared/data: skipped when absent, except on CI (CI=true) where it fails."""
    return shared_path("data", *parts)


def test_problem_reads_like_a_spreadsheet_user_expects():
    """Brief: 'Row 14, column "Values": "abc" is not a number or a known suppression code.'"""
    problem = Problem(14, "Values", "abc", "is not a number or a known suppression code.")
    assert str(problem) == (
        'Row 14, column "Values": "abc" is not a number or a known suppression code.'
    )


def test_problem_about_the_whole_file_is_its_reason():
    assert str(Problem(None, "", "", FILE_EMPTY)) == "The file is empty."


def test_problem_without_row_names_the_column():
    problem = Problem(None, "indicators[0].outcome", "health", "is not one of: a, b.")
    assert str(problem) == 'Column "indicators[0].outcome": "health" is not one of: a, b.'


def test_rejection_message_caps_at_fifty_but_keeps_every_problem():
    """Issue 3: every problem is listed (the message shows the first 50)."""
    problems = [Problem(n, "value", "x!", "is bad.") for n in range(2, 122)]
    error = ImportRejected(problems)
    assert len(error.problems) == 120
    lines = str(error).splitlines()
    assert lines[0] == "120 problem(s) found; nothing was imported."
    assert lines[1] == 'Row 2, column "value": "x!" is bad.'
    assert len(lines) == 1 + 50 + 1
    assert lines[-1] == "... and 70 more."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5", (12.5, "")),
        ("  12.5 ", (12.5, "")),
        ("1,234", (1234.0, "")),
        ("1,234,567.5", (1234567.5, "")),
        ("-3.2", (-3.2, "")),
        ("7.0000000000000007E-2", (0.07, "")),  # LAIT stores some values like this
        ("4.7980000000000002E-2", (0.04798, "")),
        ("0", (0.0, "")),
        ("", (None, "")),
        ("   ", (None, "")),
        (None, (None, "")),
        ("NA", (None, "")),  # R's missing value: missing, not a published symbol
    ],
)
def test_parse_value_reads_numbers_and_missing(text, expected):
    value, code = parse_value(text)
    assert code == expected[1]
    if expected[0] is None:
        assert value is None
    else:
        assert value == pytest.approx(expected[0])


@pytest.mark.parametrize("code", ["c", "x", "z", "u", "k", "low", "~", ":", ".", "..", "-"])
def test_suppression_codes_are_kept_never_zero(code):
    """EES/GSS symbols (eesyscreener gss_symbols, legacy_gss_symbols) and LAIT's "-"."""
    assert parse_value(code) == (None, code)
    assert parse_value(f" {code.upper()} ") == (None, code)


def test_bracketed_symbols_are_read_as_the_symbol():
    """GSS guidance writes shorthand in square brackets: [c], [x], [low]."""
    assert parse_value("[c]") == (None, "c")
    assert parse_value("[LOW]") == (None, "low")


@pytest.mark.parametrize("text", ["abc", "1,23", "12..5", "inf", "-inf", "1 234", "5%", "£3"])
def test_parse_value_refuses_anything_else(text):
    with pytest.raises(ValueError, match="is not a number or a known suppression code"):
        parse_value(text)


def test_parse_values_is_vectorised_and_flags_bad_texts():
    values, codes, bad = parse_values(pd.Series(["1", "c", "", "oops", "2,000", "[z]"]))
    assert np.isnan(values[[1, 2, 3, 5]]).all()
    assert values[0] == 1.0 and values[4] == 2000.0
    assert codes.tolist() == ["", "c", "", "", "", "z"]
    assert bad.tolist() == [False, False, False, True, False, False]


@pytest.mark.parametrize(
    "text",
    [
        "12.5",
        "-3.2",
        "7.0000000000000007E-2",
        "1.5E+2",
        "+.5",
        "5.",
        "-0",
        "0.1",
        "1e400",
        "123456789012345678901234567890",
        "2.2250738585072014e-308",
        "4.9e-324",
        "inf",
        "Infinity",
        "NaN",
        "1_000",
        "0x10",
        "1,234",
        "[c]",
        "-",
        "abc",
    ],
)
def test_reading_a_column_by_arrow_gives_what_pandas_gives(text, monkeypatch):
    """Issue 25 §1: a column of values is read by Arrow's cast, which is ten times faster than
    pandas' to_numeric, falling back to pandas when Arrow refuses a text. Whichever reads it,
    every text must give the same double, bit for bit, the same symbol and the same refusal
    (a stored value read differently would count as revised on the next release)."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    column = pd.Series(["1", "2.25", text], dtype="str")
    fast = parse_values(column)

    def refuse(*args, **kwargs):
        raise pa.ArrowInvalid("pandas reads it")

    monkeypatch.setattr(pc, "cast", refuse)
    slow = parse_values(column)

    assert fast[0].view(np.int64).tolist() == slow[0].view(np.int64).tolist()
    assert fast[1].tolist() == slow[1].tolist()
    assert fast[2].tolist() == slow[2].tolist()


def test_every_code_has_a_meaning_and_missing_texts_are_not_codes():
    assert all(SUPPRESSION_CODES.values())
    assert not MISSING_TEXTS & SUPPRESSION_CODES.keys()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Yorkshire and the Humber", "E12000003"),  # LAIT's region row
        ("Yorkshire and The Humber", "E12000003"),  # LAIT's Region column, EES
        ("East  of England", "E12000006"),
        ("London", "E12000007"),
        ("London (Inner)", "E13000001"),
        ("Outer London", "E13000002"),
        ("Leicestershire", ""),
    ],
)
def test_region_names_in_every_spelling(name, code):
    assert region_code(name) == code


def test_bom_is_dropped():
    """README trap: a BOM at the start of some files."""
    assert decode_text("\ufeffa,b\n".encode()) == "a,b\n"


def test_non_utf8_names_the_byte_and_line():
    with pytest.raises(ImportRejected) as caught:
        decode_text("a,b\n1,2\n3,£\n".encode("latin-1"))
    assert [str(p) for p in caught.value.problems] == [
        'The file is not UTF-8 text (byte 0xa3 at line 3): save it again as "CSV UTF-8".'
    ]


def test_every_symbol_in_the_real_files_is_known():
    """Every non-numeric text in the real EES measure columns and LAIT values is a known code."""
    lait = pd.read_parquet(real_file("lait", "bds_long_0.parquet"), columns=["Values"])
    _, codes, bad = parse_values(lait["Values"])
    assert not bad.any()
    found = set(codes.unique()) - {""}
    for path in sorted(real_file("ees").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if "time_period" not in frame:
            continue
        measures = frame.columns[frame.columns.get_loc("la_name") + 1 :]
        for column in measures:
            numbers, column_codes, column_bad = parse_values(frame[column])
            if (~np.isnan(numbers)).sum() > len(frame) / 2:  # a measure, not a filter
                assert not column_bad.any(), (path.name, column)
                found |= set(column_codes.unique()) - {""}
    assert found == {"-", "c", "x", "z", "u", "k"}
