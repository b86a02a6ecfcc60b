"""The published statistical neighbour files and the council list are read through the checks
every table import goes through (issue 21 §1, decision 0039): a hostile file is refused whole,
with its row, column and reason where they apply, and nothing is stored."""

import pytest

from ecm.authorities.imports import council_files as files
from ecm.authorities.imports import neighbour_files as nf
from ecm.authorities.imports.problems import DataFileError
from ecm.authorities.models import Council, StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.services import councils_load, statistical_neighbours_import
from ecm.authorities.tests.neighbour_files import sample_rows, write
from ecm.core.tests import hostile_tables as hostile
from ecm.core.uploads import tables

pytestmark = pytest.mark.django_db

# What each hostile file is told when given as a neighbour file. The list family's 2 MB
# refuses the million rows and the 10 MB cell by their size, before they are read.
REASONS = {
    "csv-nul": "row 2, column services, value 'Resp?ite': holds a control character (NUL)",
    "csv-million-rows": "The file is over 2 MB",
    "csv-10mb-cell": "The file is over 2 MB",
    "csv-latin1": "row 2: this row is not UTF-8 text (byte 0xe9",
    "csv-utf16": "saved as UTF-16",
    "xlsx-zip-bomb": "unpacks to more than 100 MB",
    "xlsx-false-sizes": "damaged or incomplete (Bad CRC-32",
    "xlsx-macros": "contains macros (xl/vbaProject.bin)",
    "xlsx-external-link": "links to other workbooks (xl/externalLinks/)",
    "xlsx-billion-laughs": "declares a DTD or entities",
    "xlsx-xxe": "declares a DTD or entities",
    "xlsx-lzma": "compressed in a way Excel never uses",
    "xlsx-truncated": "damaged or incomplete",
    "empty": "The file is empty.",
    "pdf-named-csv": "is a PDF document, not a table",
}


@pytest.mark.parametrize(
    ("name", "file_name", "make"), hostile.HOSTILE, ids=[h[0] for h in hostile.HOSTILE]
)
def test_a_hostile_neighbour_file_is_refused_clearly_issue_21_1(
    loaded_councils, tmp_path, name, file_name, make
):
    path = tmp_path / f"sn_hostile_2030.{file_name.rsplit('.', 1)[1]}"
    path.write_bytes(make())
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=path)
    (problem,) = caught.value.problems
    assert problem.file == path.name
    assert REASONS[name] in str(caught.value)
    assert not StatisticalNeighbourModel.objects.exists()
    assert not StatisticalNeighbour.objects.exists()


def test_a_control_character_in_a_neighbour_cell_names_its_row_and_column_issue_21_1(
    loaded_councils, tmp_path
):
    rows = sample_rows()
    rows[1][2][0][1] = "Very\x00close"
    path = write(tmp_path, "wide.csv", rows)
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "SN_1P", "Very?close")
    assert "control character (NUL)" in problem.reason


def test_a_neighbour_file_over_the_list_caps_is_refused_before_it_is_read_issue_21_1(
    loaded_councils, tmp_path, settings
):
    settings.IMPORT_LIST_MAX_BYTES = 1024
    path = write(tmp_path, "groups.xlsx", sample_rows())
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=path)
    assert "The file is over 1 KB" in caught.value.problems[0].reason
    settings.IMPORT_LIST_MAX_BYTES = 2 * 2**20
    settings.IMPORT_LIST_MAX_ROWS = 2
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=write(tmp_path, "wide.csv", sample_rows()))
    assert caught.value.problems[0].reason == tables.TOO_MANY_ROWS.format(limit=2)


def test_a_workbook_is_read_as_a_workbook_whatever_its_name_says_issue_21_1(
    loaded_councils, tmp_path
):
    """The kind comes from the bytes: a workbook saved as .csv is read as the workbook it is;
    text named .xlsx is refused as not a workbook."""
    workbook = write(tmp_path, "groups.xlsx", sample_rows())
    renamed = workbook.with_suffix(".csv")
    renamed.write_bytes(workbook.read_bytes())
    result = statistical_neighbours_import(path=renamed)
    assert (result.councils, result.neighbours) == (3, 30)
    text = write(tmp_path, "wide.csv", sample_rows(), name="sn_text_2031")
    posing = text.with_suffix(".xlsx")
    posing.write_bytes(text.read_bytes())
    with pytest.raises(DataFileError) as caught:
        statistical_neighbours_import(path=posing)
    assert [p.reason for p in caught.value.problems] == [nf.NOT_A_WORKBOOK]


def test_the_real_published_neighbour_files_are_still_accepted_issue_21_1(
    loaded_councils, shared_data
):
    """DfE's own files (a BOM, '-' for councils not yet made, an "Old SNs:" section) pass the
    checks unchanged."""
    for path in (
        shared_data / "lait" / "sn_april_2021.xlsx",
        shared_data / "lait" / "sn_may_2025.xlsx",
        shared_data / "ees" / "New_Statistical_Neighbour_Groupings_April_2021.csv",
        shared_data / "ees" / "sn_model_2025_wide.csv",
    ):
        result = statistical_neighbours_import(path=path)
        assert result.neighbours > 1000, path.name


def test_a_council_file_with_a_control_character_or_latin1_is_refused_at_its_row_issue_21_1(
    data_copy,
):
    councils = data_copy / files.COUNCILS_FILE
    text = councils.read_text(encoding="utf-8")
    header, first, rest = text.split("\n", 2)
    spoiled = first.replace(",", ",Bad\x07", 1)
    councils.write_text(f"{header}\n{spoiled}\n{rest}", "utf-8")
    regions = data_copy / files.REGIONS_FILE
    regions.write_bytes(regions.read_bytes().replace(b"North East", "Nörth East".encode("cp1252")))
    with pytest.raises(DataFileError) as caught:
        councils_load(path=data_copy)
    found = {p.file: p for p in caught.value.problems}
    assert (found[files.COUNCILS_FILE].row, found[files.COUNCILS_FILE].column) == (2, "ons_code")
    assert "control character (U+0007)" in found[files.COUNCILS_FILE].reason
    assert found[files.REGIONS_FILE].row is not None
    assert "not UTF-8 text (byte 0xf6" in found[files.REGIONS_FILE].reason
    assert not Council.objects.exists()
