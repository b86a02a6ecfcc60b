"""statistical_neighbours_import refuses a bad file whole: every problem is reported with row,
column, value and reason, and nothing is stored (DESIGN.md examples 2 and 4)."""

import copy

import pytest
from openpyxl import load_workbook

from ecm.audit.models import AuditEntry
from ecm.authorities.imports import neighbour_files as nf
from ecm.authorities.imports.problems import DataFileError
from ecm.authorities.models import Closeness, StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.services import NEIGHBOURS_IMPORTED, statistical_neighbours_import
from ecm.authorities.tests.neighbour_files import (
    LAYOUTS,
    column,
    data_row,
    sample_rows,
    write,
)

pytestmark = pytest.mark.django_db


def _set(index: int, value: str):
    def change(rows):
        rows[index][0] = value

    return change


def _set_neighbour(index: int, rank: int, number: str | None = None, band: str | None = None):
    def change(rows):
        cell = rows[index][2][rank - 1]
        if number is not None:
            cell[0] = number
        if band is not None:
            cell[1] = band

    return change


BAND_NAMES = "Extremely close, Very close, Close, Somewhat close, Not close"

# (what, change to the sample rows, council row index, rank or None, band column?, value, reason)
CASES = [
    (
        "a council absent from our list",
        _set(0, "944"),
        0,
        None,
        False,
        "944",
        nf.UNKNOWN_COUNCIL.format(name="Leicestershire"),
    ),
    ("not an LA number", _set(2, "Leics"), 2, None, False, "Leics", nf.NOT_AN_LA_NUMBER),
    (
        "an unknown neighbour",
        _set_neighbour(0, 3, number="999"),
        0,
        3,
        False,
        "999",
        nf.UNKNOWN_NEIGHBOUR,
    ),
    (
        "an unknown closeness band",
        _set_neighbour(0, 1, band="Quite close"),
        0,
        1,
        True,
        "Quite close",
        nf.UNKNOWN_BAND.format(bands=BAND_NAMES),
    ),
    (
        "a council listed as its own neighbour",
        _set_neighbour(1, 5, number="856"),
        1,
        5,
        False,
        "856",
        nf.OWN_NEIGHBOUR,
    ),
    (
        "a duplicate neighbour",
        _set_neighbour(0, 6, number="830"),
        0,
        6,
        False,
        "830",
        nf.DUPLICATE_NEIGHBOUR.format(rank=1),
    ),
    (
        "a missing band",
        _set_neighbour(0, 10, band=""),
        0,
        10,
        True,
        "",
        nf.BAND_MISSING.format(bands=BAND_NAMES),
    ),
    (
        "a band without its neighbour",
        _set_neighbour(2, 10, number=""),
        2,
        10,
        False,
        "",
        nf.NEIGHBOUR_MISSING,
    ),
    (
        "a council given twice",
        lambda rows: rows.append(copy.deepcopy(rows[0])),
        3,
        None,
        False,
        "855",
        nf.DUPLICATE_COUNCIL.format(row="{first_row}"),
    ),
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    ("what", "change", "index", "rank", "band", "value", "reason"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_a_bad_cell_stores_nothing(
    loaded_councils, tmp_path, layout, what, change, index, rank, band, value, reason
):
    rows = sample_rows()
    change(rows)
    path = write(tmp_path, layout, rows)
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=path)
    reason = reason.replace("{first_row}", str(data_row(layout, 0)))
    expected = (path.name, data_row(layout, index), column(layout, rank, band=band), value, reason)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value, problem.reason) == expected
    assert f"row {expected[1]}, column {expected[2]}" in str(caught.value)
    assert_nothing_stored()


def test_the_sample_files_are_good(loaded_councils, tmp_path):
    """The cases above spoil files that import cleanly, whatever their layout."""
    for layout in LAYOUTS:
        result = statistical_neighbours_import(path=write(tmp_path, layout, sample_rows()))
        assert (result.model.code, result.councils, result.neighbours) == ("dfe-2030", 3, 30)
        bands = StatisticalNeighbour.objects.filter(council__la_number="855").order_by("rank")
        assert [n.closeness for n in bands][::2] == list(Closeness.values)


def test_every_problem_is_reported_at_once(loaded_councils, tmp_path):
    rows = sample_rows()
    _set(0, "944")(rows)
    _set_neighbour(1, 2, band="Near")(rows)
    _set_neighbour(2, 4, number="857")(rows)
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=write(tmp_path, "wide.csv", rows))
    assert [(p.row, p.value) for p in caught.value.problems] == [
        (2, "944"),
        (3, "Near"),
        (4, "857"),
    ]


def test_a_failed_reimport_keeps_the_model_as_it_was(loaded_councils, tmp_path):
    statistical_neighbours_import(path=write(tmp_path, "wide.csv", sample_rows()))
    rows = sample_rows()
    _set_neighbour(0, 1, band="Quite close")(rows)
    with pytest.raises(DataFileError):
        statistical_neighbours_import(path=write(tmp_path, "groups.xlsx", rows))
    assert StatisticalNeighbour.objects.count() == 30
    assert AuditEntry.objects.filter(verb=NEIGHBOURS_IMPORTED).count() == 1


def _no_sheet(tmp_path):
    path = write(tmp_path, "groups.xlsx", sample_rows())

    book = load_workbook(path)
    book["LA SN Groups"].title = "Sheet1"
    book.save(path)
    return path


FILE_CASES = [
    ("an unsupported format", lambda d: d / "sn_2025.ods", ".ods", nf.UNSUPPORTED_FILE),
    ("a missing file", lambda d: d / "sn_2025.csv", "", nf.FILE_NOT_FOUND),
    ("a workbook without the sheet", _no_sheet, "", nf.NO_SHEET.format(sheets="Sheet1")),
    ("text posing as a workbook", "sn_2025.xlsx:LA num,SN1\n", "", nf.NOT_A_WORKBOOK),
    ("no header", "sn_2025.csv:a,b,c\n1,2,3\n", "", nf.NO_HEADER.format(rows=10)),
    ("a band column missing", "sn_2025.csv:LA num,LA Name,SN1,SN2\n", "", nf.BAND_COLUMN_MISSING),
    (
        "no year in the file name",
        lambda d: write(d, "wide.csv", sample_rows(), name="neighbours"),
        "",
        nf.NO_MODEL_CODE,
    ),
]


@pytest.mark.parametrize(
    ("what", "make", "value", "reason"), FILE_CASES, ids=[c[0] for c in FILE_CASES]
)
def test_a_file_of_the_wrong_shape_stores_nothing(
    loaded_councils, tmp_path, what, make, value, reason
):
    if isinstance(make, str):
        name, content = make.split(":", 1)
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
    else:
        path = make(tmp_path)
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.value, problem.reason) == (path.name, value, reason)
    assert_nothing_stored()


def test_an_empty_council_list_is_one_clear_problem(db, tmp_path):
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=write(tmp_path, "wide.csv", sample_rows()))
    assert [p.reason for p in caught.value.problems] == [nf.NO_COUNCILS]
    assert_nothing_stored()


def assert_nothing_stored():
    assert StatisticalNeighbourModel.objects.count() == 0
    assert StatisticalNeighbour.objects.count() == 0
    assert not AuditEntry.objects.filter(verb=NEIGHBOURS_IMPORTED).exists()
