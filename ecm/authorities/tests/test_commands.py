"""manage.py load_councils and import_neighbours."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ecm.authorities.imports import neighbour_files as nf
from ecm.authorities.models import Council, StatisticalNeighbourModel
from ecm.authorities.tests.neighbour_files import sample_rows, write

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_councils_from_the_default_folder_and_a_given_one(data_copy):
    assert "Councils: 160 added" in run("load_councils")
    assert "Councils: 0 added, 0 changed, 160 unchanged" in run("load_councils", str(data_copy))
    assert Council.objects.count() == 160


def test_load_councils_reports_every_problem_and_stores_nothing(tmp_path):
    with pytest.raises(CommandError) as caught:
        run("load_councils", str(tmp_path))
    message = str(caught.value)
    assert message.startswith("Nothing was stored: put right the 3 problems")
    assert "regions.csv: the file is missing" in message
    assert Council.objects.count() == 0


def test_import_neighbours_with_model_and_title(loaded_councils, tmp_path):
    path = write(tmp_path, "groups.csv", sample_rows())
    output = run("import_neighbours", str(path), "--model", "test-2030", "--title", "Test model")
    assert "Test model (test-2030): 30 neighbours of 3 councils" in output
    assert StatisticalNeighbourModel.objects.get().title == "Test model"


def test_import_neighbours_lists_problems(loaded_councils, tmp_path):
    rows = sample_rows()
    rows[0][2][0][1] = "Near enough"
    path = write(tmp_path, "wide.csv", rows)
    with pytest.raises(CommandError) as caught:
        run("import_neighbours", str(path))
    assert "row 2, column F (SN_1P), value 'Near enough': this is not a closeness band" in str(
        caught.value
    )
    assert not StatisticalNeighbourModel.objects.exists()


def test_import_neighbours_needs_a_model_code_when_the_file_name_has_no_year(
    loaded_councils, tmp_path
):
    path = write(tmp_path, "wide.csv", sample_rows(), name="neighbours")
    with pytest.raises(CommandError, match="give the model code"):
        run("import_neighbours", str(path))
    assert nf.NO_MODEL_CODE.startswith("the file name does not say")
