"""The performance pages through Django's test client (issue 3 §5 and §2's upload page): who
sees what, what the pages show, the downloads, and the upload form's refusals."""

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from ecm.accounts.roles import Role
from ecm.performance import forms
from ecm.performance.models import DataImport, ImportFormat, Observation, Outcome
from ecm.performance.presentation import comparison_finding
from ecm.performance.services import resolve
from ecm.performance.tests.conftest import (
    DEFINITIONS_HEADER,
    LONG_HEADER,
    build_world,
    csv_text,
)
from ecm.performance.tests.factories import DataImportFactory

COUNCILS = ["855", "856", "857", "330"]
PROFILE_FIELDS = [
    "authority",
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "england",
    "region",
    "neighbours_mean",
    "neighbours_median",
    "rank",
    "quartile_band",
    "ci95_lower",
    "ci95_upper",
    "vs_england",
    "trend",
    "flags",
    "sentence",
]
EES_CLA_MAPPING = Path(__file__).resolve().parents[1] / "data" / "ees" / "cla_rate.yaml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def world(real_councils, tmp_path):
    """Four councils, three indicators (staying safe, being healthy, service management... in
    turn) over three years."""
    codes = build_world(tmp_path, councils=COUNCILS, indicators=3, years=[2023, 2024, 2025])
    return {"councils": real_councils, "codes": codes}


@pytest.fixture
def officer_855(world, make_user):
    """A link officer of Leicestershire (855)."""
    return make_user(Role.LINK_OFFICER, council=world["councils"]["855"])


def profile_url(la_number: str) -> str:
    return reverse("performance:profile", args=[la_number])


# --- the profile -----------------------------------------------------------------------------


def test_a_council_user_sees_their_own_profile_under_the_outcomes(client, officer_855):
    """Issue 3 §5: a council's profile grouped under the five outcomes and service
    management, with sentences an inspector can paste (§4); council users see their own."""
    client.force_login(officer_855)

    response = client.get(profile_url("855"))

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.outcome for g in groups] == [
        Outcome.BEING_HEALTHY,
        Outcome.STAYING_SAFE,
        Outcome.ENJOYING_ACHIEVING,
    ]
    for group in groups:
        assert f'id="{group.outcome.value}">{group.outcome.label}</h2>' in response.text
        for sentence in group.summary:
            assert escape(sentence) in response.text
        for comparison in group.comparisons:
            assert comparison.period == "2025"
            sentence = comparison_finding(comparison).text
            assert sentence.startswith("The percentage of test measure")
            assert escape(sentence) in response.text


def test_a_council_user_cannot_see_another_councils_profile(client, officer_855):
    """Issue 3 §5: council users see their own council's profile only (a refusal is a 404)."""
    client.force_login(officer_855)
    for url in (
        profile_url("856"),
        reverse("performance:profile-download", args=["856", "csv"]),
        reverse("performance:council-indicator", args=["856", "W00"]),
        reverse("performance:indicator-detail", args=["W00"]),
        reverse("performance:import-add"),
    ):
        assert client.get(url).status_code == 404, url


def test_an_inspector_sees_every_councils_profile(client, world, hmi):
    """Issue 3 §5: inspectors see all."""
    client.force_login(hmi)
    for la_number in COUNCILS:
        response = client.get(profile_url(la_number))
        assert response.status_code == 200
        assert world["councils"][la_number].name in response.text


def test_an_earlier_year_shows_the_figures_of_that_year(client, officer_855):
    client.force_login(officer_855)
    response = client.get(profile_url("855"), {"year": "2024"})
    periods = {c.period for g in response.context["groups"] for c in g.comparisons}
    assert periods == {"2024"}


def test_the_index_lists_the_indicators_and_opens_a_councils_profile(client, world, hmi):
    """Issue 3 §5: inspectors reach every council's profile from the performance page."""
    client.force_login(hmi)
    index = client.get(reverse("performance:index"))
    assert index.status_code == 200
    for code in world["codes"]:
        assert reverse("performance:indicator-detail", args=[code]) in index.text

    response = client.get(reverse("performance:index"), {"council": "855"})
    assert response.status_code == 302
    assert response["Location"] == profile_url("855")


# --- downloads -------------------------------------------------------------------------------


def test_the_profile_downloads_as_csv(client, officer_855):
    """Issue 3 §5: downloads as CSV, with the fields of §6."""
    client.force_login(officer_855)

    response = client.get(reverse("performance:profile-download", args=["855", "csv"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="profile-855-2025.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == PROFILE_FIELDS
    assert len(rows) == 1 + 3
    first = dict(zip(rows[0], rows[1], strict=True))
    expected = Observation.objects.get(
        council__la_number="855", indicator__code=first["indicator"], period="2025"
    )
    assert (first["authority"], first["period"]) == ("855", "2025")
    assert float(first["value"]) == expected.value
    assert first["sentence"].startswith("The percentage of test measure")


def test_the_profile_downloads_as_xlsx_that_openpyxl_reads(client, officer_855):
    """Issue 3 §5: downloads as XLSX."""
    client.force_login(officer_855)

    response = client.get(reverse("performance:profile-download", args=["855", "xlsx"]))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == PROFILE_FIELDS
    assert len(rows) == 1 + 3
    first = dict(zip(rows[0], rows[1], strict=True))
    expected = Observation.objects.get(
        council__la_number="855", indicator__code=first["indicator"], period="2025"
    )
    assert first["authority"] == "855"
    assert first["value"] == expected.value


def test_an_unknown_download_format_is_not_found(client, officer_855):
    client.force_login(officer_855)
    url = reverse("performance:profile-download", args=["855", "pdf"])
    assert client.get(url).status_code == 404


def test_the_indicator_download_has_every_council(client, world, hmi):
    """Issue 3 §5: the indicator's figures for every council download as CSV."""
    client.force_login(hmi)
    response = client.get(reverse("performance:indicator-download", args=["W00", "csv"]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert sorted(r["authority"] for r in rows) == sorted(COUNCILS)
    assert {r["period"] for r in rows} == {"2025"}


# --- the indicator pages ---------------------------------------------------------------------


def test_the_indicator_page_lists_every_council_and_its_chart_has_a_data_table(client, world, hmi):
    """Issue 3 §5: an indicator page with a chart of all councils, each chart with a table of
    its data."""
    client.force_login(hmi)

    response = client.get(reverse("performance:indicator-detail", args=["W00"]))

    assert response.status_code == 200
    assert response.context["period"] == "2025"
    rows = response.context["rows"]
    assert sorted(r.council.la_number for r in rows) == sorted(COUNCILS)
    html = response.text
    assert '<svg class="ecm-chart"' in html and 'role="img"' in html
    table = html[html.index('<table class="govuk-table">') :]
    for la_number in COUNCILS:
        name = escape(world["councils"][la_number].name)
        assert f">{name}</a></th>" in table
        value = Observation.objects.get(
            council__la_number=la_number, indicator__code="W00", period="2025"
        ).value
        assert f"{value:.1f}%" in table


def test_a_councils_time_series_page_has_its_chart_and_table(client, officer_855):
    """Issue 3 §5: a time series chart (council, England, neighbours) with a table."""
    client.force_login(officer_855)

    response = client.get(reverse("performance:council-indicator", args=["855", "W00"]))

    assert response.status_code == 200
    assert [c.period for c in response.context["series"]] == ["2023", "2024", "2025"]
    assert '<svg class="ecm-chart"' in response.text
    assert "<table" in response.text


# --- the upload page -------------------------------------------------------------------------

DEFINITIONS = csv_text(
    DEFINITIONS_HEADER,
    [("U-PCT", "Percentage of plans reviewed", "staying_safe", "high", "percentage", 100, 1)],
)
VALUES = csv_text(
    LONG_HEADER,
    [
        ("855", "U-PCT", "2025", "80.0", "80", "100"),
        ("856", "U-PCT", "2025", "60.0", "30", "50"),
        ("E92000001", "U-PCT", "2025", "70.0", "", ""),
    ],
)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PERFORMANCE_IMPORT_INLINE = True


def upload(client, file_format: str, name: str, content: bytes, companion=None):
    data = {"file_format": file_format, "data_file": SimpleUploadedFile(name, content)}
    if companion is not None:
        data["companion_file"] = SimpleUploadedFile(*companion)
    return client.post(reverse("performance:import-add"), data)


def test_an_administrator_uploads_definitions_then_a_long_file(
    client, real_councils, administrator, uploads
):
    """Issue 3 §2: the same imports through an upload page for administrators; the import's
    page shows the result."""
    client.force_login(administrator)
    assert client.get(reverse("performance:import-add")).status_code == 200

    response = upload(client, ImportFormat.DEFINITIONS, "definitions.csv", DEFINITIONS.encode())
    assert response.status_code == 302
    response = upload(client, ImportFormat.LONG, "values.csv", VALUES.encode())

    data_import = DataImport.objects.get(file_name="values.csv")
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:import-detail", args=[data_import.pk])
    assert data_import.status == "done"
    assert data_import.imported_by == administrator
    page = client.get(response["Location"])
    assert "Success" in page.text
    assert "3 values added, 0 revised, 0 unchanged." in page.text
    assert data_import.checksum in page.text
    assert Observation.objects.filter(data_import=data_import).count() == 3


def test_a_bad_upload_shows_its_problems_table(client, real_councils, administrator, uploads):
    """Issue 3 §2: every bad row is reported with row, column, value and reason, and nothing
    is written."""
    client.force_login(administrator)
    upload(client, ImportFormat.DEFINITIONS, "definitions.csv", DEFINITIONS.encode())
    bad = VALUES + "\n999,U-PCT,2025,50.0,,\n855,NOPE,2024,50.0,,"

    response = upload(client, ImportFormat.LONG, "values.csv", bad.encode())

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "The file was not imported: 2 problems to put right" in page.text
    assert "Nothing from this file has been saved." in page.text
    cells = '<td class="govuk-table__cell">{}</td>'
    for row, column, value in (("5", "authority", "999"), ("6", "indicator", "NOPE")):
        assert (cells.format(row) + cells.format(column) + cells.format(value)) in page.text
    assert escape(resolve.UNKNOWN_COUNCIL) in page.text
    assert escape(resolve.UNKNOWN_INDICATOR) in page.text
    assert not Observation.objects.exists()


def test_uploading_the_same_file_again_says_it_was_imported_before(
    client, real_councils, administrator, uploads
):
    """Issue 3 §2: re-importing the same file changes nothing, and the page says so."""
    client.force_login(administrator)
    upload(client, ImportFormat.DEFINITIONS, "definitions.csv", DEFINITIONS.encode())
    upload(client, ImportFormat.LONG, "values.csv", VALUES.encode())
    values = list(Observation.objects.values_list("pk", "value"))

    response = upload(client, ImportFormat.LONG, "values.csv", VALUES.encode())

    page = client.get(response["Location"])
    assert "This file was imported before" in page.text
    assert list(Observation.objects.values_list("pk", "value")) == values


def test_the_real_ees_file_imports_through_the_page(
    client, real_councils, administrator, uploads, shared_data
):
    """Issue 3 "Done when": the real EES file imports through the page, with its mapping;
    Leicestershire (855) 2025: 694 / 147,439 = 47 per 10,000."""
    client.force_login(administrator)
    data = shared_data / "ees" / "cla_number_and_rate_per_10k_children.csv"

    response = upload(
        client,
        ImportFormat.EES,
        data.name,
        data.read_bytes(),
        ("cla_rate.yaml", EES_CLA_MAPPING.read_bytes()),
    )

    page = client.get(response["Location"])
    assert "Success" in page.text
    value = Observation.objects.get(
        indicator__code="ees-cla-rate", council__la_number="855", period="2025"
    )
    assert (value.value, value.numerator, value.denominator) == (47.0, 694.0, 147439.0)
    assert value.data_import.file_name == data.name


@pytest.fixture
def running_import(db):
    return DataImportFactory(
        file_name="big.parquet", file_format="lait", status="running",
        stage="Reading the file", rows_done=250, rows_total=1000,
    )  # fmt: skip


def test_the_import_list_and_a_running_imports_progress(client, administrator, running_import):
    """Issue 3 §2: long imports show progress on the page."""
    client.force_login(administrator)

    listing = client.get(reverse("performance:import-list"))
    page = client.get(reverse("performance:import-detail", args=[running_import.pk]))

    assert listing.status_code == 200 and "big.parquet" in listing.text
    assert "Reading the file: 250 of 1000 rows (25%)" in page.text
    assert "Refresh to see the progress" in page.text


def test_a_running_imports_page_asks_for_its_progress(client, administrator, running_import):
    """Issue 3 §2 and issue 22 §6: the progress is kept fresh by a script that asks for it,
    not by a meta refresh."""
    client.force_login(administrator)
    page = client.get(reverse("performance:import-detail", args=[running_import.pk]))
    assert 'http-equiv="refresh"' not in page.text
    assert "ecm/import-progress.js" in page.text


def test_an_inspector_who_is_not_an_administrator_cannot_upload(client, hmi, uploads):
    """Imports are for programme administrators (ecm/performance/rules.py)."""
    client.force_login(hmi)
    assert client.get(reverse("performance:import-add")).status_code == 404
    assert client.get(reverse("performance:import-list")).status_code == 404


def _form_errors(response) -> list[str]:
    assert response.status_code == 200  # the form again, with its errors
    return [m for messages in response.context["form"].errors.values() for m in messages]


def test_the_upload_form_refuses_an_empty_file(client, administrator, uploads):
    """Quality bar: uploads are checked by content and size before anything is read."""
    client.force_login(administrator)
    response = upload(client, ImportFormat.LONG, "values.csv", b"")
    assert _form_errors(response) == [forms.EMPTY]
    assert not DataImport.objects.exists()


def test_the_upload_form_refuses_an_empty_file_in_some_words(client, administrator, uploads):
    """The empty file is refused (whatever the words) and nothing is imported."""
    client.force_login(administrator)
    response = upload(client, ImportFormat.LONG, "values.csv", b"")
    assert len(_form_errors(response)) == 1
    assert not DataImport.objects.exists()


def test_the_upload_form_refuses_a_binary_file_for_a_csv_format(client, administrator, uploads):
    client.force_login(administrator)
    response = upload(client, ImportFormat.LONG, "values.csv", b"PK\x03\x04\x00\x00binary\xff")
    assert _form_errors(response) == [forms.NOT_TEXT]
    assert not DataImport.objects.exists()


def test_the_upload_form_asks_for_the_lait_dictionary(client, administrator, uploads):
    client.force_login(administrator)
    # A real (tiny) Parquet file: the form reads a Parquet file's footer, so a damaged one is
    # refused for that (issue 21 §1) before the dictionary is asked for.
    sink = io.BytesIO()
    pq.write_table(pa.table({"value": [1.5]}), sink)
    response = upload(client, ImportFormat.LAIT, "bds_long_0.parquet", sink.getvalue())
    assert _form_errors(response) == [forms.NEEDS_COMPANION[ImportFormat.LAIT]]
    assert not DataImport.objects.exists()


def test_the_upload_form_refuses_a_companion_for_a_long_file(client, administrator, uploads):
    client.force_login(administrator)
    response = upload(
        client, ImportFormat.LONG, "values.csv", VALUES.encode(), ("map.yaml", b"a: 1\n")
    )
    assert _form_errors(response) == [forms.NO_COMPANION_NEEDED]


def test_the_upload_form_refuses_an_over_size_file(client, administrator, uploads, settings):
    settings.IMPORT_DATA_MAX_BYTES = 2**20  # 1 MB
    client.force_login(administrator)
    content = (VALUES + "\n") * (2**20 // len(VALUES) + 2000)  # a little over 1 MB

    response = upload(client, ImportFormat.LONG, "values.csv", content.encode())

    size = round(len(content.encode()) / 2**20, 1)
    assert _form_errors(response) == [forms.TOO_BIG.format(limit=1, size=size)]
    assert not DataImport.objects.exists()
