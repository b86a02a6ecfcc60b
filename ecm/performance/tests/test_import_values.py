"""Values checked against their type, councils placed before the duplicate check, and what a
parser leaves out counted in the import's summary (issue 22 §2 and §3)."""

import numpy as np
import pandas as pd
import pytest

from ecm.performance.importers import ImportRejected, long_observations
from ecm.performance.importers.common import parse_values
from ecm.performance.models import Observation
from ecm.performance.services import resolve
from ecm.performance.services.imports import observations_import
from ecm.performance.tests.conftest import DEFINITIONS_HEADER, LONG_HEADER, csv_text

DEFINITIONS = csv_text(
    DEFINITIONS_HEADER + ",proportion",
    [
        ("V-PCT", "Share of reviews on time", "staying_safe", "high", "percentage", 100, 1, ""),
        ("V-TAKEUP", "Take-up against an estimate", "enjoying_achieving", "high", "percentage",
         100, 1, "no"),
        ("V-RATE", "Referrals per 10000 children", "staying_safe", "none", "rate", 10000, 0, ""),
        ("V-COUNT", "Children looked after", "staying_safe", "none", "count", 1, 0, ""),
        ("V-MEAN", "Average progress score", "enjoying_achieving", "high", "mean", 1, 2, ""),
    ],
)  # fmt: skip


@pytest.fixture
def defined(real_councils, write_file):
    data_import = observations_import(
        actor=None, path=write_file("definitions.csv", DEFINITIONS), file_format="definitions"
    )
    assert data_import.status == "done", data_import.problems
    return real_councils


def _import(write_file, rows):
    path = write_file("values.csv", csv_text(LONG_HEADER, rows))
    return observations_import(actor=None, path=path, file_format="long")


def _refused(data_import) -> list[tuple]:
    assert data_import.status == "failed", "the file should have been refused"
    assert Observation.objects.count() == 0, "a refused file writes nothing"
    return [(p["row"], p["column"], p["value"], p["reason"]) for p in data_import.problems]


def test_one_council_named_by_two_codes_is_a_listed_problem_issue_22_2(defined, write_file):
    """Issue 22 §2: Leicestershire as 855 in one row and E10000018 in another passed the
    parser's check on codes and crashed on the database's unique constraint; now both rows
    are listed problems naming the council, and nothing is written."""
    data_import = _import(
        write_file,
        [
            ("855", "V-PCT", "2025", "80", "", ""),
            ("E10000018", "V-PCT", "2025", "81", "", ""),
            ("856", "V-PCT", "2025", "60", "", ""),
        ],
    )
    problems = _refused(data_import)
    assert [(row, column, value) for row, column, value, _ in problems] == [
        (2, "authority", "855"),
        (3, "authority", "E10000018"),
    ]
    assert "Leicestershire" in problems[0][3] and '"E10000018"' in problems[0][3]
    assert "rows 2, 3" in problems[1][3]


@pytest.mark.parametrize(
    ("indicator", "value", "numerator", "denominator", "column", "reason"),
    [
        ("V-PCT", "100.5", "", "", "value", "is not a percentage from 0 to 100"),
        ("V-PCT", "-0.1", "", "", "value", "is not a percentage from 0 to 100"),
        ("V-PCT", "1e308", "", "", "value", "is not a percentage from 0 to 100"),
        ("V-PCT", "1.8e308", "", "", "value", "is not a number"),  # past float64: inf
        ("V-RATE", "-3", "", "", "value", "must not be negative for a rate"),
        ("V-COUNT", "-1", "", "", "value", "must not be negative for a count"),
        ("V-PCT", "50", "6", "5", "numerator", "is larger than the denominator"),
    ],
)
def test_values_are_checked_against_their_type_issue_22_3(
    defined, write_file, indicator, value, numerator, denominator, column, reason
):
    """Issue 22 §3: percentages 0-100, rates and counts non-negative, numerator no more than
    the denominator for a share of a whole."""
    data_import = _import(write_file, [("855", indicator, "2025", value, numerator, denominator)])
    problems = _refused(data_import)
    assert len(problems) == 1, problems
    assert problems[0][:2] == (2, column)
    assert problems[0][3].startswith(reason)


def test_a_percentage_declared_not_a_share_may_pass_100_and_a_mean_may_be_negative(
    defined, write_file
):
    """Issue 22 §3 and "every file in ../shared/data imports as published": LAIT publishes
    take-up of funded early education up to 233% (counted against a population estimate) and
    gaps in percentage points below 0, so a percentage whose definition says `proportion: no`
    is not held to 0-100; an average score may be negative."""
    data_import = _import(
        write_file,
        [
            ("855", "V-TAKEUP", "2025", "150.9", "", ""),
            ("856", "V-TAKEUP", "2025", "-3.98", "", ""),
            ("855", "V-MEAN", "2025", "-0.25", "", ""),
        ],
    )
    assert data_import.status == "done", data_import.problems
    assert Observation.objects.count() == 3


@pytest.mark.parametrize("period", ["1900", "1989/90", "2040"])
def test_a_period_outside_the_plausible_range_is_refused_issue_22_3(defined, write_file, period):
    """Issue 22 §3: "period 1900 accepted". The range is a setting (IMPORT_EARLIEST_YEAR,
    IMPORT_YEARS_AHEAD), named in the message."""
    problems = _refused(_import(write_file, [("855", "V-PCT", period, "50", "", "")]))
    assert problems[0][:3] == (2, "period", period)
    assert "IMPORT_EARLIEST_YEAR" in problems[0][3]


def test_the_plausible_range_follows_its_setting(defined, write_file, settings):
    settings.IMPORT_EARLIEST_YEAR = 1900
    data_import = _import(write_file, [("855", "V-PCT", "1900", "50", "", "")])
    assert data_import.status == "done", data_import.problems


# Arabic-Indic, full-width, Persian and Devanagari digits, written as escapes to be read here.
@pytest.mark.parametrize(
    "text", ["\u0661\u0662\u0663", "\uff11\uff12\uff13", "\u06f1\u06f2", "\u0967\u0968", "1\uff12"]
)
def test_only_ascii_digits_are_numbers_issue_22_3(text):
    """Issue 22 §3: Arabic-Indic and full-width digits read as numbers (Python's float()
    takes them); no publisher writes them, so they are not numbers."""
    values, _codes, bad = parse_values(pd.Series([text, "123"]))
    assert bad.tolist() == [True, False]
    assert np.isnan(values[0]) and values[1] == 123


def test_suppression_symbols_in_numerator_and_denominator_are_kept_never_zero_issue_22_1(
    defined, write_file
):
    """Issue 22 §1: a long file made from an EES file as published has symbols in every
    numeric column; "x is not a number" refused it. They are kept as not known (never 0),
    and a row with no value is marked suppressed."""
    data_import = _import(
        write_file,
        [
            ("855", "V-RATE", "2025", "47", "c", "x"),
            ("856", "V-RATE", "2025", "", "c", "147439"),
            ("857", "V-RATE", "2025", "z", "z", "z"),
        ],
    )
    assert data_import.status == "done", data_import.problems
    stored = {
        o.council.la_number: (o.value, o.numerator, o.denominator, o.suppression)
        for o in Observation.objects.select_related("council")
    }
    assert stored == {
        "855": (47.0, None, None, ""),
        "856": (None, None, 147439.0, "c"),
        "857": (None, None, None, "z"),
    }


def test_what_a_parser_leaves_out_is_said_and_counted_in_the_summary_issue_22_3(
    defined, write_file, monkeypatch
):
    """Issue 22 §3: every dropped row counted in the import's summary. A parser reports what
    it left out on the frame (attrs "notes" and "skipped"); the import adds it to its own."""
    original = resolve.resolve

    def with_parser_notes(frame, **kwargs):
        frame.attrs["notes"] = ["4 rows repeated another row exactly and were read once."]
        frame.attrs["skipped"] = 4
        return original(frame, **kwargs)

    monkeypatch.setattr("ecm.performance.services.imports.resolve", with_parser_notes)
    data_import = _import(
        write_file,
        [("855", "V-PCT", "2025", "50", "", ""), ("E13000001", "V-PCT", "2025", "55", "", "")],
    )
    assert data_import.status == "done", data_import.problems
    assert data_import.rows_skipped == 5  # the parser's 4 and Inner London
    assert data_import.notes[0] == "4 rows repeated another row exactly and were read once."
    assert any("Inner and Outer London" in note for note in data_import.notes)


def test_a_figure_over_a_denominator_of_0_is_kept_as_not_applicable_and_said_issue_22_3(
    defined, write_file
):
    """Issue 22 §3: "0/0 stored". DfE publish a total of 0 for the smallest councils with the
    share as a symbol (stored as published), and once 0% over 0 (la_conviction_health_outcome_
    cla.csv row 8187): that figure is kept as not applicable (z), never as 0%, and said."""
    data_import = _import(
        write_file,
        [
            ("855", "V-PCT", "2025", "0", "0", "0"),
            ("856", "V-PCT", "2025", "z", "0", "0"),
            ("857", "V-RATE", "2025", "12", "3", "0"),
        ],
    )
    assert data_import.status == "done", data_import.problems
    stored = {
        o.council.la_number: (o.value, o.numerator, o.denominator, o.suppression)
        for o in Observation.objects.select_related("council")
    }
    assert stored == {
        "855": (None, 0.0, 0.0, "z"),
        "856": (None, 0.0, 0.0, "z"),
        "857": (None, 3.0, 0.0, "z"),
    }
    assert any(
        "2 rows gave a figure over a denominator of 0 (row 2, 4)" in n for n in data_import.notes
    )


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n", b"\xff\xfe"])
def test_a_file_of_nothing_but_a_byte_order_mark_is_said_to_be_empty(data):
    """Issue 22 §4: whole-file problems in words; a BOM alone said "not valid CSV: No columns
    to parse from file"."""
    with pytest.raises(ImportRejected) as refused:
        long_observations(data)
    assert [str(p) for p in refused.value.problems] == ["The file is empty."]
