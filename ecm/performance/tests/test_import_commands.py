"""`manage.py import_indicator_definitions` and `manage.py import_indicators` (issue 3 §2) on
small files and the real EES file: what they print, what they refuse, what they write."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ecm.audit.models import AuditEntry
from ecm.performance.models import Comparison, DataImport, Indicator, Observation
from ecm.performance.services import resolve
from ecm.performance.services.parsing import COMPANION_MISSING
from ecm.performance.tests.conftest import DEFINITIONS_HEADER, LONG_HEADER, csv_text

EES_CLA_MAPPING = Path(__file__).resolve().parents[1] / "data" / "ees" / "cla_rate.yaml"
DEFINITIONS = csv_text(
    DEFINITIONS_HEADER,
    [
        ("T-PCT", "Percentage of reviews held on time", "staying_safe", "high", "percentage",
         100, 1),
        ("T-MEAN", "Average days to adoption", "staying_safe", "low", "mean", 1, 0),
    ],
)  # fmt: skip
VALUES = csv_text(
    LONG_HEADER,
    [
        ("855", "T-PCT", "2024/25", "80.0", "80", "100"),
        ("E10000018", "T-MEAN", "2024/25", "420", "", ""),
        ("856", "T-PCT", "2024/25", "60.0", "30", "50"),
        ("E92000001", "T-PCT", "2024/25", "70.0", "", ""),
        ("E92000001", "T-MEAN", "2024/25", "450", "", ""),
    ],
)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def definitions_file(write_file) -> Path:
    return write_file("definitions.csv", DEFINITIONS)


def test_definitions_then_a_long_file_import_through_the_commands(
    real_councils, write_file, definitions_file
):
    """Issue 3 §2: the plain long format, with its definitions imported first by
    `import_indicator_definitions`."""
    out, _ = run("import_indicator_definitions", str(definitions_file))
    assert "0 values added" in out and "2 new indicators" in out
    mean = Indicator.objects.get(code="T-MEAN")
    assert (mean.title, mean.polarity, mean.value_type, mean.multiplier) == (
        "Average days to adoption",
        "low",
        "mean",
        1.0,
    )

    out, err = run("import_indicators", str(write_file("values.csv", VALUES)), "--format", "long")

    assert "Imported values.csv: 5 values added, 0 revised, 0 unchanged, 0 new indicators." in out
    assert "Reading the file…" in err and "Saving the values…" in err
    assert Observation.objects.count() == 5
    assert Comparison.objects.filter(council__la_number="855").count() == 2
    assert DataImport.objects.filter(status="done").count() == 2


def test_a_long_file_before_its_definitions_is_refused_with_every_problem(
    real_councils, write_file
):
    """Issue 3 §2: an unknown indicator refuses the file; the command lists each problem
    with row, column, value and reason, and nothing is written."""
    with pytest.raises(CommandError) as raised:
        run("import_indicators", str(write_file("values.csv", VALUES)), "--format", "long")

    message = str(raised.value)
    assert message.startswith("Nothing was imported: 2 problems in values.csv.")
    assert f'Row 2, column "indicator": "T-PCT" {resolve.UNKNOWN_INDICATOR}' in message
    assert f'Row 3, column "indicator": "T-MEAN" {resolve.UNKNOWN_INDICATOR}' in message
    assert Observation.objects.count() == Indicator.objects.count() == 0
    assert Comparison.objects.count() == 0
    assert DataImport.objects.get().status == "failed"
    assert AuditEntry.objects.filter(verb="performance.data_refused").count() == 1


def test_an_unknown_council_is_refused_by_the_command(real_councils, write_file, definitions_file):
    """Issue 3 §2: every bad row is reported with row, column, value and reason."""
    run("import_indicator_definitions", str(definitions_file))
    path = write_file("values.csv", VALUES + "\n999,T-PCT,2024/25,50.0,,")

    with pytest.raises(CommandError) as raised:
        run("import_indicators", str(path), "--format", "long")

    assert f'Row 7, column "authority": "999" {resolve.UNKNOWN_COUNCIL}' in str(raised.value)
    assert Observation.objects.count() == 0


def test_the_same_file_again_is_already_imported_and_no_import_is_recorded(
    real_councils, write_file, definitions_file
):
    """Issue 3 §2: re-importing the same file changes nothing: no new DataImport, no new value,
    and the command says so."""
    run("import_indicator_definitions", str(definitions_file))
    path = write_file("values.csv", VALUES)
    run("import_indicators", str(path), "--format", "long")
    imports_before, values = DataImport.objects.count(), Observation.objects.count()

    out, _ = run("import_indicators", str(path), "--format", "long")

    assert out.startswith("This file was imported before (")
    assert "nothing has changed" in out
    assert DataImport.objects.count() == imports_before
    assert Observation.objects.count() == values


def test_the_same_definitions_again_change_nothing(real_councils, definitions_file):
    """Issue 3 §2, idempotence, for the definitions command too."""
    run("import_indicator_definitions", str(definitions_file))
    out, _ = run("import_indicator_definitions", str(definitions_file))
    assert "imported before" in out
    assert Indicator.objects.count() == 2
    assert DataImport.objects.count() == 1


def test_a_bad_definitions_file_is_refused_with_its_problems(db, write_file):
    """Issue 3 §2: outcome, polarity and value type must be among the allowed words."""
    path = write_file(
        "definitions.csv",
        csv_text(DEFINITIONS_HEADER, [("X1", "Something", "being_happy", "up", "rate", 10, 1)]),
    )

    with pytest.raises(CommandError) as raised:
        run("import_indicator_definitions", str(path))

    message = str(raised.value)
    assert 'Row 2, column "outcome": "being_happy" is not one of:' in message
    assert 'Row 2, column "polarity": "up" is not one of: high, low, none.' in message
    assert Indicator.objects.count() == 0


def test_lait_without_its_dictionary_is_refused(db, write_file):
    """Issue 3 §2: LAIT long data comes with its dictionary; without one (none given, none
    beside the file) the command refuses and says what is missing."""
    path = write_file("lait.csv", "Short Desc,Years,LA and Regions,Values,LA Number\n")

    with pytest.raises(CommandError) as raised:
        run("import_indicators", str(path), "--format", "lait")

    assert COMPANION_MISSING.format(what="data dictionary (lait_data_dictionary.csv)") in str(
        raised.value
    )
    assert DataImport.objects.get().status == "failed"


def test_the_real_ees_file_imports_through_the_command(real_councils, shared_data):
    """Issue 3 "Done when": the real EES file imports through the command, with its mapping;
    Leicestershire (855) 2025 is 694 / 147,439 = 47 per 10,000."""
    path = shared_data / "ees" / "cla_number_and_rate_per_10k_children.csv"

    out, _ = run("import_indicators", str(path), "--format", "ees", "--mapping", EES_CLA_MAPPING)

    assert "Imported cla_number_and_rate_per_10k_children.csv" in out
    assert "3 new indicators" in out
    row = Comparison.objects.get(indicator__code="ees-cla-rate", council__la_number="855",
                                 period="2025")  # fmt: skip
    assert (row.value, row.numerator, row.denominator) == (47.0, 694.0, 147439.0)


@pytest.mark.parametrize(
    "args",
    [
        ["import_indicators", "{missing}", "--format", "long"],
        ["import_indicators", "{present}", "--format", "ees", "--mapping", "{missing}"],
        ["import_indicator_definitions", "{missing}"],
        ["compute_neighbours", "{missing}", "--weight", "a=1", "--code", "c", "--title", "T"],
    ],
)
def test_a_file_that_is_not_there_is_a_clear_error(db, tmp_path, args):
    """A mistyped path is a plain message, not a traceback, and records no import."""
    present = tmp_path / "present.csv"
    present.write_text("x\n", encoding="utf-8")
    missing = tmp_path / "nowhere" / "values.csv"
    args = [a.format(missing=missing, present=present) for a in args]

    with pytest.raises(CommandError, match=f"There is no file at {missing}"):
        run(*args)
    assert not DataImport.objects.exists()
