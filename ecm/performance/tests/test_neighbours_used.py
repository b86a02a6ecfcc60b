"""Real figures, real neighbours (issue 22 §5 and its "Done when": the profile compares each
council with its real DfE statistical neighbours; decision 0040).

The world reproduces what issue 22 saw: the demo's performance data (its invented neighbour
model and its made-up indicators, through the demo's own code), then real figures imported from
a file by an administrator, for Leicestershire (855), its ten DfE 2025 neighbours and three
councils that are not among them.
"""

from statistics import mean

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.authorities.models import StatisticalNeighbourModel
from ecm.authorities.services import NEIGHBOURS_CHOSEN, neighbour_model_choose
from ecm.demo.performance_data import demo_files
from ecm.demo.services import DEMO_NEIGHBOURS, DemoResult, _performance_data
from ecm.performance.models import AreaKind, Comparison, DataImport, Observation
from ecm.performance.neighbours_used import (
    DEMO_IMPORT_FILES,
    council_has_real_figures,
    demo_imports,
)
from ecm.performance.services import comparisons_refresh
from ecm.performance.services.comparisons import neighbour_model_current
from ecm.performance.tests.conftest import build_world

pytestmark = pytest.mark.django_db

SN_2025 = "lait/sn_may_2025.xlsx"
NOT_NEIGHBOURS = ["856", "857", "330"]  # Leicester, Rutland, Birmingham
INVENTED = "invented for the demo"


def dfe_neighbours_of(path, la_number: str) -> list[str]:
    """The council's ten neighbours as DfE's workbook lists them, read with openpyxl alone
    (not with the project's reader): columns SN1, SN2, ... of sheet 'LA SN Groups'."""
    sheet = load_workbook(path, read_only=True)["LA SN Groups"]
    rows = sheet.iter_rows(values_only=True)
    header = next(r for r in rows if r and r[0] == "LA num")
    for row in rows:
        if str(row[header.index("LA number")]) == la_number:
            return [str(row[i]) for i, name in enumerate(header) if str(name).startswith("SN")
                    and name != "SNP"]  # fmt: skip
    raise AssertionError(f"LA {la_number} is not in {path}")


@pytest.fixture
def leicestershire_2025(shared_data) -> list[str]:
    return dfe_neighbours_of(shared_data / SN_2025, "855")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def demo_then_real(real_councils, leicestershire_2025, administrator, tmp_path):
    """The demo's data for these councils, then real figures imported by an administrator."""
    councils = ["855", *leicestershire_2025, *NOT_NEIGHBOURS]
    _performance_data(DemoResult(), councils=councils)
    codes = build_world(
        tmp_path, councils=councils, indicators=2, years=[2024, 2025], actor=administrator
    )
    real_import = DataImport.objects.filter(file_name="values.csv").get()
    return {"councils": real_councils, "codes": codes, "import": real_import}


def profile(client, la_number: str = "855") -> str:
    return client.get(reverse("performance:profile", args=[la_number])).content.decode()


def neighbours_mean(code: str, la_number: str, period: str = "2025") -> float | None:
    return Comparison.objects.get(
        indicator__code=code, council__la_number=la_number, period=period
    ).neighbours_mean


def mean_of(code: str, councils: list[str], period: str = "2025") -> float:
    values = Observation.objects.filter(
        indicator__code=code,
        period=period,
        is_current=True,
        area_kind=AreaKind.COUNCIL,
        council__la_number__in=councils,
    ).values_list("value", flat=True)
    assert len(values) == len(councils)
    return mean(values)


def upload_dfe_2025(client, shared_data, capture, *, use: bool = True):
    path = shared_data / SN_2025
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    if use:
        data["use"] = "on"
    with capture(execute=True):
        response = client.post(reverse("authorities:neighbour-upload"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def test_the_demo_marks_its_model_invented_and_its_imports_as_its_own(demo_then_real, tmp_path):
    """Issue 22 §5: the demo's own code path makes the invented model and the files the pages
    tell apart from real ones; a real import is not the demo's."""
    assert StatisticalNeighbourModel.objects.get(code=DEMO_NEIGHBOURS).is_invented
    definitions, values = demo_files(folder=tmp_path / "demo", councils=["855"])
    assert (definitions.name, values.name) == DEMO_IMPORT_FILES
    assert set(demo_imports().values_list("file_name", flat=True)) == set(DEMO_IMPORT_FILES)
    assert demo_then_real["import"] not in demo_imports()
    demo_ids = list(
        Comparison.objects.filter(indicator__code__startswith="DEMO-").values_list(
            "indicator_id", flat=True
        )
    )
    council = demo_then_real["councils"]["855"]
    assert not council_has_real_figures(council=council, indicator_ids=demo_ids)


def test_real_figures_compared_with_invented_neighbours_say_so_on_the_profile(
    demo_then_real, admin_client, client, make_user
):
    """Issue 22 §5 "never silently": while the demo runs with only its invented model held,
    real figures are compared with its neighbours, and the profile says so in a banner that
    leads the administrator to the upload, and tells a council's user whom to ask."""
    assert neighbour_model_current().code == DEMO_NEIGHBOURS
    assert neighbours_mean(demo_then_real["codes"][0], "855") is not None

    page = profile(admin_client)
    assert 'id="neighbours-warning"' in page
    assert f"These real figures are compared with statistical neighbours {INVENTED}" in page
    assert reverse("authorities:neighbour-models") in page

    client.force_login(make_user(Role.LINK_OFFICER, council=demo_then_real["councils"]["855"]))
    page = profile(client)
    assert 'id="neighbours-warning"' in page
    assert "Ask the programme administrator to upload" in page
    assert reverse("authorities:neighbour-models") not in page


def test_the_demo_alone_names_its_invented_model_without_the_warning(real_councils, admin_client):
    """The demo's made-up figures with its made-up neighbours: the profile names the model and
    marks it invented, but there is no real figure to warn about."""
    _performance_data(DemoResult(), councils=[*NOT_NEIGHBOURS, "855", "331", "332", "802", "803",
                                              "850", "865", "891", "916"])  # fmt: skip

    page = profile(admin_client)

    assert "Demo neighbours computed from made-up context data" in page
    assert "Invented for the demo" in page
    assert 'id="neighbours-warning"' not in page


def test_outside_the_demo_real_figures_are_never_compared_with_invented_neighbours(
    demo_then_real, admin_client, tmp_path, administrator
):
    """Issue 22 §5 (decision 0040): with DEMO_MODE off, the invented model is not used. Until
    the comparisons are made again the profile still names the model they were made with (and
    warns); the next import makes all of them again, with no neighbours rather than invented
    ones, and the profile says there are none."""
    code = demo_then_real["codes"][0]
    with override_settings(DEMO_MODE=False):
        assert neighbour_model_current() is None
        page = profile(admin_client)
        assert 'id="neighbours-warning"' in page  # what the stored comparisons used

        build_world(
            tmp_path / "more", councils=["855", "856"], indicators=3, years=[2026],
            actor=administrator,
        )  # fmt: skip

        assert neighbours_mean(code, "855") is None
        assert not Comparison.objects.filter(neighbours_count__gt=0).exists()
        assert not StatisticalNeighbourModel.objects.filter(compared=True).exists()
        page = profile(admin_client)
        assert 'id="neighbours-warning"' not in page
        assert "no neighbour model is in use" in page
        assert reverse("authorities:neighbour-upload") in page


def test_leicestershire_is_compared_with_its_real_dfe_2025_neighbours(
    demo_then_real,
    admin_client,
    shared_data,
    leicestershire_2025,
    django_capture_on_commit_callbacks,
):
    """Issue 22 "Done when": after DfE's 2025 workbook is uploaded through the site and used,
    Leicestershire's neighbours' figures are the mean of its ten DfE neighbours (as the file
    lists them, read independently), never of the demo's; the profile names the model, when it
    was published and imported, and lists the ten in DfE's order."""
    code = demo_then_real["codes"][0]
    invented_mean = neighbours_mean(code, "855")

    upload_dfe_2025(admin_client, shared_data, django_capture_on_commit_callbacks)

    assert neighbour_model_current().code == "dfe-2025"
    row = Comparison.objects.get(indicator__code=code, council__la_number="855", period="2025")
    assert row.neighbours_count == 10
    assert row.neighbours_mean == pytest.approx(mean_of(code, leicestershire_2025))
    assert row.neighbours_mean != pytest.approx(invented_mean)
    page = profile(admin_client)
    assert 'id="neighbours-warning"' not in page
    assert "DfE statistical neighbours, May 2025</strong> (dfe-2025), published May 2025" in page
    assert "(source: sn_may_2025.xlsx)" in page
    listed = page.split('id="neighbour-list"')[1].split("</ol>")[0]
    model = StatisticalNeighbourModel.objects.get(code="dfe-2025")
    rows = model.neighbours.filter(council__la_number="855")
    names = dict(rows.values_list("neighbour__la_number", "neighbour__name"))
    positions = [listed.index(f"(LA {la})") for la in leicestershire_2025]
    assert positions == sorted(positions)
    assert all(names[la] in listed for la in leicestershire_2025)
    for la in NOT_NEIGHBOURS:
        assert f"(LA {la})" not in listed


def test_the_import_page_offers_the_latest_real_model(
    demo_then_real,
    admin_client,
    administrator,
    shared_data,
    leicestershire_2025,
    django_capture_on_commit_callbacks,
):
    """Issue 22 §5: after real figures are imported, the import's page says the comparisons use
    the invented model; with no real model held it says how to upload DfE's file; once one is
    held (but the invented one was chosen) it offers a button that uses it, audited."""
    url = reverse("performance:import-detail", args=[demo_then_real["import"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        neighbour_model_choose(
            model=StatisticalNeighbourModel.objects.get(code=DEMO_NEIGHBOURS),
            actor=administrator,
            reason="the demo",
        )

    page = admin_client.get(url).content.decode()
    assert 'id="neighbour-offer"' in page
    assert "which were invented for the demo" in page
    assert "No DfE statistical neighbour model is held" in page
    assert reverse("authorities:neighbour-upload") in page

    upload_dfe_2025(admin_client, shared_data, django_capture_on_commit_callbacks, use=False)
    assert neighbour_model_current().code == DEMO_NEIGHBOURS  # the choice stands
    page = admin_client.get(url).content.decode()
    assert "Use DfE statistical neighbours, May 2025" in page
    assert 'name="model" value="dfe-2025"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("authorities:neighbour-use"),
            {"model": "dfe-2025", "reason": "Real figures imported from values.csv"},
        )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(verb=NEIGHBOURS_CHOSEN).latest("pk")
    assert (entry.actor, entry.after["in_use"]) == (administrator, "dfe-2025")
    code = demo_then_real["codes"][0]
    assert neighbours_mean(code, "855") == pytest.approx(mean_of(code, leicestershire_2025))
    assert 'id="neighbour-offer"' not in admin_client.get(url).content.decode()


def test_a_demo_import_or_a_refused_one_offers_nothing(demo_then_real, admin_client):
    for data_import in DataImport.objects.filter(file_name__in=DEMO_IMPORT_FILES):
        url = reverse("performance:import-detail", args=[data_import.pk])
        assert 'id="neighbour-offer"' not in admin_client.get(url).content.decode()


def test_the_profile_names_the_model_its_comparisons_used(real_councils, admin_client, tmp_path):
    """Issue 22 §5: the profile names the model the stored comparisons were made with, and
    says when there is none."""
    build_world(tmp_path, councils=["855", "856"], indicators=1, years=[2025])
    assert "no neighbour model is in use" in profile(admin_client)

    model = StatisticalNeighbourModel.objects.create(code="dfe-2021", title="April 2021 model")
    comparisons_refresh()

    page = profile(admin_client)
    assert "April 2021 model</strong> (dfe-2021)" in page
    assert f"imported {model.imported_at:%-d %B %Y}" in page
    assert "This model gives Leicestershire no neighbours" in page
