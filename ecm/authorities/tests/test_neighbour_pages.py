"""The statistical neighbour models through the site (issue 22 §5): DfE's files upload as the
command imports them, refusals list every problem, only administrators reach the pages, and the
model in use is chosen with a reason, audited."""

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.authorities import forms as authority_forms
from ecm.authorities import services
from ecm.authorities.imports import neighbour_files as nf
from ecm.authorities.models import StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.selectors import neighbour_model_in_use
from ecm.authorities.tests.factories import (
    StatisticalNeighbourFactory,
    StatisticalNeighbourModelFactory,
)
from ecm.authorities.tests.neighbour_files import column, data_row, sample_rows, write
from ecm.core.uploads import tables

pytestmark = pytest.mark.django_db

LIST_URL = reverse("authorities:neighbour-models")
UPLOAD_URL = reverse("authorities:neighbour-upload")
USE_URL = reverse("authorities:neighbour-use")
XLSX_2025 = "lait/sn_may_2025.xlsx"
CSV_2025 = "ees/sn_model_2025_wide.csv"


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def rows_of(code: str) -> set[tuple[str, int, str, str]]:
    return set(
        StatisticalNeighbour.objects.filter(model__code=code).values_list(
            "council__la_number", "rank", "neighbour__la_number", "closeness"
        )
    )


@pytest.mark.parametrize(
    ("file", "councils"),
    [(XLSX_2025, 158), (CSV_2025, 153)],
)
def test_dfe_files_upload_through_the_site_as_through_the_command(
    admin_client, administrator, shared_data, loaded_councils, file, councils
):
    """Issue 22 §5: the DfE workbook ('LA SN Groups') and the wide CSV, uploaded exactly as
    published, store the same rows as `manage.py import_neighbours` stores from the same file;
    the model code comes from the file name, the upload is audited as the administrator's and,
    with "use" ticked, the model is chosen for the comparisons."""
    path = shared_data / file
    response = admin_client.post(UPLOAD_URL, {"file": upload(path), "use": "on"})

    assert response.status_code == 302
    assert response.url == LIST_URL
    model = StatisticalNeighbourModel.objects.get(code="dfe-2025")
    assert model.title == "DfE statistical neighbours, May 2025"
    assert model.source == path.name
    assert not model.is_invented
    assert model.in_use
    assert neighbour_model_in_use() == model
    site_rows = rows_of("dfe-2025")
    assert len(site_rows) == councils * 10
    imported = AuditEntry.objects.get(verb=services.NEIGHBOURS_IMPORTED)
    assert imported.actor == administrator
    chosen = AuditEntry.objects.get(verb=services.NEIGHBOURS_CHOSEN)
    assert (chosen.actor, chosen.after["in_use"]) == (administrator, "dfe-2025")

    services.statistical_neighbours_import(path=path, model_code="command-2025")
    assert {(c, r, n, b) for c, r, n, b in rows_of("command-2025")} == site_rows

    page = admin_client.get(LIST_URL).content.decode()
    assert "DfE statistical neighbours, May 2025" in page
    assert path.name in page
    assert f">{councils}<" in page
    assert "In use" in page


def test_the_model_code_and_title_given_on_the_page_are_used(
    admin_client, tmp_path, loaded_councils
):
    """Issue 22 §5: the code and title fields do what the command's --model and --title do;
    left empty, the code comes from the file name. Without "use", the choice is left alone."""
    path = write(tmp_path, "wide.csv", sample_rows(), name="neighbours_for_tests_2030")

    admin_client.post(
        UPLOAD_URL, {"file": upload(path), "model_code": "local-2030", "title_text": "Ours"}
    )
    admin_client.post(UPLOAD_URL, {"file": upload(path)})

    model = StatisticalNeighbourModel.objects.get(code="local-2030")
    assert (model.title, model.in_use) == ("Ours", False)
    assert StatisticalNeighbourModel.objects.get(code="dfe-2030").neighbours.count() == 30
    assert not AuditEntry.objects.filter(verb=services.NEIGHBOURS_CHOSEN).exists()


def test_a_bad_file_is_refused_with_every_problem_listed_and_nothing_stored(
    admin_client, tmp_path, loaded_councils
):
    """Issue 22 §5: refusals as a GOV.UK error summary listing each problem with its row,
    column, value and reason, as the command lists them; nothing is stored or audited."""
    rows = sample_rows()
    rows[0][0] = "944"
    rows[1][2][2][1] = "Nearby"
    path = write(tmp_path, "groups.xlsx", rows)

    response = admin_client.post(UPLOAD_URL, {"file": upload(path), "use": "on"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Nothing was stored: put right the 2 problems below" in page
    unknown = nf.UNKNOWN_COUNCIL.format(name="Leicestershire")
    assert f"Row {data_row('groups.xlsx', 0)}, {column('groups.xlsx')}: {escape(unknown)}" in page
    band = column("groups.xlsx", 3, band=True)
    assert f"Row {data_row('groups.xlsx', 1)}, {band}" in page
    assert ">Nearby<" in page and ">944<" in page
    assert not StatisticalNeighbourModel.objects.exists()
    assert not AuditEntry.objects.filter(verb__startswith="statistical_neighbours.").exists()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("sn_may_2025.xlsx", b"%PDF-1.4 not a workbook", tables.A_PDF),
        ("sn_may_2025.xlsx", b"LA num,SN1,SNP\n855,856,Close\n", nf.NOT_A_WORKBOOK),
        ("sn_may_2025.xls", b"\xd0\xcf\x11\xe0 old excel", nf.UNSUPPORTED_FILE),
        ("sn_2025.csv", "LA num,SN1\n".encode("utf-16"), tables.UTF16),
        ("neighbours.csv", b"old_la_code,SN_1,SN_1P\n855,856,Close\n", nf.NO_MODEL_CODE),
    ],
)
def test_a_whole_file_problem_says_so_in_words(
    admin_client, loaded_councils, name, content, reason
):
    """Issue 22 §5 and issue 21 §1: the upload is untrusted: its kind is told from its bytes
    (a PDF named .xlsx, UTF-16 text), a name the command would refuse is refused, and a file
    whose name gives no year asks for the model code; each as a problem of the whole file."""
    response = admin_client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    page = response.content.decode()
    assert "The whole file" in page
    assert escape(reason) in page
    assert not StatisticalNeighbourModel.objects.exists()


@override_settings(IMPORT_LIST_MAX_BYTES=1000)
def test_a_file_over_the_size_cap_is_refused_before_it_is_read(admin_client, loaded_councils):
    """Issue 22 §5 (issue 21 §1): the lists' byte cap holds for the upload as for the command;
    the form says so on its field."""
    response = admin_client.post(
        UPLOAD_URL, {"file": SimpleUploadedFile("sn_2025.csv", b"x" * 2000)}
    )

    assert response.status_code == 400
    assert f"The file is over {tables.size_words(1000)}" in response.content.decode()
    assert not StatisticalNeighbourModel.objects.exists()


def test_no_file_is_a_form_error(admin_client):
    response = admin_client.post(UPLOAD_URL, {})

    assert response.status_code == 400
    assert authority_forms.NO_FILE in response.content.decode()


@pytest.mark.parametrize("role", [Role.HMI, Role.BRM, Role.MODERATOR, Role.LINK_OFFICER])
def test_only_administrators_reach_the_neighbour_pages(
    client, make_user, loaded_councils, tmp_path, role
):
    """Issue 22 §5: the upload and the choice are for those who import data (programme
    administrators); anyone else gets 404 for the pages and their POSTs, and nothing changes."""
    council = loaded_councils["855"] if role == Role.LINK_OFFICER else None
    client.force_login(make_user(role, council=council))
    model = StatisticalNeighbourModelFactory(code="dfe-2021")
    path = write(tmp_path, "wide.csv", sample_rows(), name="sn_2030")

    for url in (LIST_URL, UPLOAD_URL, USE_URL):
        assert client.get(url).status_code == 404
    assert client.post(UPLOAD_URL, {"file": upload(path)}).status_code == 404
    assert client.post(USE_URL, {"model": "dfe-2021", "reason": "x"}).status_code == 404

    model.refresh_from_db()
    assert not model.in_use
    assert StatisticalNeighbourModel.objects.count() == 1


def test_an_administrator_chooses_the_model_in_use_with_a_reason(
    admin_client, administrator, loaded_councils
):
    """Issue 22 §5 (decision 0040): the choice is stored as data (one model `in_use`), beats
    the newest model, and is audited with its reason."""
    old = StatisticalNeighbourModelFactory(
        code="dfe-2021", title="April 2021", published_on=date(2021, 4, 1)
    )
    StatisticalNeighbourModelFactory(code="dfe-2025", title="May 2025")

    response = admin_client.post(USE_URL, {"model": "dfe-2021", "reason": "As in 2024's letters"})

    assert response.status_code == 302
    assert neighbour_model_in_use() == old
    assert list(StatisticalNeighbourModel.objects.filter(in_use=True)) == [old]
    entry = AuditEntry.objects.get(verb=services.NEIGHBOURS_CHOSEN)
    assert (entry.actor, entry.reason) == (administrator, "As in 2024's letters")
    assert entry.after["in_use"] == "dfe-2021"
    assert "Every council&#x27;s comparisons now use April 2021" in (
        admin_client.get(LIST_URL).content.decode()
    )


def test_a_choice_without_a_reason_is_refused(admin_client, loaded_councils):
    StatisticalNeighbourModelFactory(code="dfe-2021")

    response = admin_client.post(USE_URL, {"model": "dfe-2021", "reason": "  "})

    assert response.status_code == 400
    assert escape(services.NO_REASON) in response.content.decode()
    assert not StatisticalNeighbourModel.objects.filter(in_use=True).exists()


@override_settings(DEMO_MODE=False)
def test_the_invented_model_cannot_be_chosen_outside_the_demo(admin_client, loaded_councils):
    """Issue 22 §5 (decision 0040): outside the demo the invented model is neither offered nor
    accepted, and the service refuses it too."""
    invented = StatisticalNeighbourModelFactory(code="demo-computed", is_invented=True)
    StatisticalNeighbourModelFactory(code="dfe-2025")

    page = admin_client.get(USE_URL).content.decode()
    assert 'value="demo-computed"' not in page
    response = admin_client.post(USE_URL, {"model": "demo-computed", "reason": "try"})

    assert response.status_code == 400
    assert not StatisticalNeighbourModel.objects.filter(in_use=True).exists()
    with pytest.raises(ValidationError):
        services.neighbour_model_choose(model=invented, actor=None, reason="try")


def test_the_list_says_when_the_comparisons_use_invented_neighbours(admin_client, loaded_councils):
    """Issue 22 §5: with the demo running and only its invented model held, the list says the
    comparisons use it and how to put that right; with DfE's held, it offers DfE's."""
    StatisticalNeighbourModelFactory(code="demo-computed", title="Demo model", is_invented=True)
    admin_client.post(USE_URL, {"model": "demo-computed", "reason": "the demo"})

    page = admin_client.get(LIST_URL).content.decode()
    assert "Invented for the demo" in page
    assert "which was invented for the demo" in page
    assert "Upload the DfE's statistical neighbour file" in page

    StatisticalNeighbourModelFactory(code="dfe-2025", title="May 2025")
    page = admin_client.get(LIST_URL).content.decode()
    assert "Use May 2025" in page
    assert 'name="model" value="dfe-2025"' in page


def test_the_council_page_says_which_model_the_comparisons_use(admin_client, loaded_councils):
    leicestershire = loaded_councils["855"]
    model = StatisticalNeighbourModelFactory(code="dfe-2025", title="May 2025")
    StatisticalNeighbourFactory(
        model=model, council=leicestershire, neighbour=loaded_councils["856"], rank=1
    )

    page = admin_client.get(reverse("authorities:council-detail", args=["855"])).content.decode()

    assert "Used for comparisons" in page
