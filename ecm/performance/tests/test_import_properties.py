"""Any file gives either a clean import or listed problems, never a traceback and never a
partial write (issue 22 §8, "a property-based test (hypothesis) of the importers").

The files are made by malformed_files.py: valid-shaped files of every format with mutated
cells (suppression symbols, empty cells, non-ASCII digits, 1e308, NaN, impossible periods,
very long texts), repeated rows and one council under two codes, missing, extra, renamed and
permuted columns, cut rows, BOMs, UTF-16, Windows-1252, NUL bytes, cut bytes; LAIT also as
Parquet with its columns in other types. Hypothesis draws the Random they are made from, so a
failing file shrinks to a small one.

Settings, and why: `derandomize=True` makes every run (a developer's, CI's) draw the same
examples from the test's own name, so CI never fails on a file nobody can make again, and
`database=None` keeps no example database in the tree; the exploring is done by
bench/fuzz_imports.py, 1,000 seeded files a run. Each format has its examples (parsers 100,
imports 50): about 38 s of calls on the 2-core machine with others' tests beside it, less when
idle. `deadline=None` because a file's cost varies with its size, not with a defect. CI runs
it on PostgreSQL too, which refuses what SQLite lets through (a NUL in a text, a text longer
than its column).
"""

import random
import uuid

import pandas as pd
import pytest
from django.db import transaction
from django.db.models import Max
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecm.performance import importers
from ecm.performance.importers.common import OBSERVATION_COLUMNS, ImportRejected, Problem
from ecm.performance.importers.lait import load_lait_outcomes
from ecm.performance.models import Comparison, Indicator, Observation
from ecm.performance.services.imports import UNEXPECTED_ERROR, observations_import
from ecm.performance.tests.conftest import import_definitions
from ecm.performance.tests.malformed_files import (
    FORMATS,
    LONG_DEFINITIONS_CSV,
    Case,
    make_case,
)

PROPERTY = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,  # each example rolls its own writes back
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}


def listed(problems: list[Problem]) -> None:
    """Issue 22 §2 and §5: at least one problem, each a sentence, none "Row -, column ''"."""
    assert problems, "refused without a problem"
    for problem in problems:
        text = str(problem)
        assert text.strip(), problem
        assert not text.startswith("Row -"), text
        assert problem.reason != UNEXPECTED_ERROR, text


def parse(case: Case) -> list[pd.DataFrame]:
    """Every parser the import of this format calls, on the file's bytes."""
    if case.file_format == "long":
        return [importers.long_observations(case.data)]
    if case.file_format == "definitions":
        importers.read_definitions(case.data)
        return []
    if case.file_format == "fingertips":
        frame = importers.fingertips_observations(case.data)
        importers.fingertips_definitions(case.data)
        return [frame]
    if case.file_format == "ees":
        importers.ees_definitions(case.companion)
        return [importers.ees_observations(case.data, mapping=case.companion)]
    importers.lait_definitions(case.companion)
    return [importers.lait_observations(case.data)]


@pytest.mark.parametrize("file_format", FORMATS)
@settings(max_examples=100, **PROPERTY)
@given(rng=st.randoms(use_true_random=False))
def test_a_parser_returns_the_canonical_frame_or_listed_problems(file_format, rng):
    """Issue 22 §8: every parser, on any file, gives the canonical observations or raises
    ImportRejected listing its problems; no other exception."""
    case = make_case(file_format, rng)
    try:
        frames = parse(case)
    except ImportRejected as rejected:
        listed(rejected.problems)
        return
    for frame in frames:
        assert tuple(frame.columns) == OBSERVATION_COLUMNS
        assert frame["value"].dtype == "float64"
        assert frame["row"].dtype == "int64"


@pytest.fixture
def long_indicators(real_councils, tmp_path):
    """The real councils and the three indicators the long files name."""
    path = tmp_path / "definitions.csv"
    path.write_text(LONG_DEFINITIONS_CSV, encoding="utf-8")
    import_definitions(path)


def written() -> tuple:
    """What a refused import must leave as it was: values, comparisons, indicators (issue 22:
    a partial write is any change)."""
    return (
        Observation.objects.count(),
        Observation.objects.filter(is_current=True).count(),
        Observation.objects.aggregate(top=Max("pk"))["top"],
        Comparison.objects.count(),
        Comparison.objects.aggregate(top=Max("pk"))["top"],
        list(Indicator.objects.order_by("pk").values_list()),
    )


@pytest.mark.parametrize("file_format", FORMATS)
@settings(max_examples=50, **PROPERTY)
@given(rng=st.randoms(use_true_random=False))
def test_an_import_is_done_or_refused_with_problems_and_a_refusal_writes_nothing(
    file_format, rng, long_indicators, tmp_path
):
    """Issue 22 §8: through the service the command and the site call, an import ends `done`
    or `failed` with its problems listed, never raises, and a failed one writes no value,
    comparison or indicator. Each example is rolled back, so each starts from the same
    database."""
    case = make_case(file_format, rng)
    path, companion = case.write(tmp_path / uuid.uuid4().hex)
    with transaction.atomic():
        before = written()
        data_import = observations_import(
            actor=None, path=path, file_format=file_format, companion=companion
        )
        assert data_import.status in ("done", "failed"), data_import.status
        if data_import.status == "failed":
            listed([Problem(**p) for p in data_import.problems])
            assert written() == before, "a refused file changed the database"
        transaction.set_rollback(True)


# --- what the fuzz found (bench/fuzz_imports.py) ------------------------------------------


def test_a_parquet_file_whose_text_is_not_utf8_is_refused_as_damaged():
    """Issue 22 §8, found by the fuzz: one changed byte in a Parquet page made a text that is
    not UTF-8, which pyarrow reads unchecked; pandas then raised UnicodeDecodeError in the
    middle of lait_observations. It is a damaged file, refused as one."""
    data = _lait_frame(rows=1).to_parquet(compression=None, index=False)
    damaged = data.replace(b"Leicestershire", b"Leic\x81stershire")
    assert damaged != data

    with pytest.raises(ImportRejected) as caught:
        importers.lait_observations(damaged)

    (problem,) = caught.value.problems
    assert str(problem).startswith("The Parquet file is damaged or incomplete (")
    listed([problem])


def test_lait_outcomes_are_parsed_once_but_an_edited_file_is_read_again(tmp_path):
    """The fuzz found the project's lait_outcomes.yaml parsed afresh by every LAIT import
    (0.1 s, a third of a small import): it is kept by its content, so a change is seen."""
    path = tmp_path / "outcomes.yaml"
    path.write_text('indicators:\n  "A": {outcome: staying_safe}\n', encoding="utf-8")
    first, _ = load_lait_outcomes(path)
    first["A"]["outcome"] = "changed by a caller"
    path.write_text('indicators:\n  "A": {outcome: being_healthy}\n', encoding="utf-8")

    assert load_lait_outcomes(path)[0] == {"A": {"outcome": "being_healthy"}}
    path.write_text('indicators:\n  "A": {outcome: staying_safe}\n', encoding="utf-8")
    assert load_lait_outcomes(path)[0] == {"A": {"outcome": "staying_safe"}}


@pytest.mark.parametrize(
    ("column", "text", "expected"),
    [
        ("Short Desc", "C\x00LA", 'Row 3, column "Short Desc": "C?LA" holds a control character'),
        ("Years", "2025\x1b", 'Row 3, column "Years": "2025?" holds a control character'),
    ],
)
def test_a_control_character_in_a_parquet_text_is_refused_at_its_row(column, text, expected):
    """Issue 22 §8, found by the fuzz: a NUL in a Parquet text (a CSV's are refused by the
    table checks) reached the database, and PostgreSQL refused it with a DataError."""
    frame = _lait_frame(rows=2)
    frame.loc[1, column] = text

    with pytest.raises(ImportRejected) as caught:
        importers.lait_observations(frame.to_parquet(index=False))

    (problem,) = caught.value.problems
    assert str(problem).startswith(expected), problem
    listed([problem])


def test_a_control_character_in_a_parquet_column_name_is_refused():
    """As above for the header: a column's name is in the problems a refusal stores, and
    PostgreSQL's JSON takes no NUL either."""
    data = _lait_frame(rows=1).rename(columns={"Region": "Reg\x00ion"}).to_parquet(index=False)

    with pytest.raises(ImportRejected) as caught:
        importers.lait_observations(data)

    assert [str(p) for p in caught.value.problems] == [
        'Row 1: "Reg?ion" holds a control character (NUL), which a table typed or exported by '
        "a spreadsheet never has: remove it."
    ]


def _lait_frame(*, rows: int) -> pd.DataFrame:
    councils = [("Leicestershire", 855.0), ("Leicester", 856.0), ("Rutland", 857.0)][:rows]
    return pd.DataFrame(
        {
            "Short Desc": ["CLA"] * rows,
            "Data item": ["Item"] * rows,
            "Years": ["2025"] * rows,
            "LA and Regions": [name for name, _ in councils],
            "Values": ["47"] * rows,
            "LA Number": [number for _, number in councils],
            "Region": ["East Midlands"] * rows,
        }
    )


def test_the_synthetic_shapes_are_valid_before_they_are_mutated():
    """The property is only as strong as its files: unmutated, every synthetic shape imports
    cleanly at the parsers, so the mutations are what the parsers meet."""
    for number in range(10):
        for file_format in FORMATS:
            case = make_case(file_format, random.Random(number), clean=True)
            parse(case)
