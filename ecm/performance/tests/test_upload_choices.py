"""The upload page's choices and the encodings it reads (issue 22 §1, §4, §5): the project's
EES mapping files to choose from, Fingertips breakdowns, and text in UTF-8, UTF-16 with its
byte-order mark or Windows-1252, each read; anything else refused with the encoding named."""

import codecs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecm.core.uploads import encodings
from ecm.performance.forms import DataImportForm
from ecm.performance.importers.mapping_files import project_mappings
from ecm.performance.models import DataImport, ImportFormat, Indicator, Observation
from ecm.performance.services.imports import observations_import
from ecm.performance.tests.conftest import (
    DEFINITIONS_HEADER,
    LONG_HEADER,
    csv_text,
    import_definitions,
)
from ecm.performance.tests.importers.fixtures.fingertips_export import (
    DECILE_TYPES,
    fingertips_export,
)

DEFINITIONS = csv_text(
    DEFINITIONS_HEADER,
    [("E-PCT", "Percentage of plans reviewed", "staying_safe", "high", "percentage", 100, 1)],
)
VALUES = csv_text(
    LONG_HEADER,
    [
        ("855", "E-PCT", "2025", "80.0", "80", "100"),
        ("856", "E-PCT", "2025", "60.0", "30", "50"),
        ("E92000001", "E-PCT", "2025", "70.0", "", ""),
    ],
)


@pytest.fixture
def uploads(settings, tmp_path, client, administrator, real_councils, write_file):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PERFORMANCE_IMPORT_INLINE = True
    client.force_login(administrator)
    import_definitions(write_file("definitions.csv", DEFINITIONS))
    return client


def _post(client, **fields):
    return client.post(reverse("performance:import-add"), fields)


@pytest.mark.parametrize(
    ("encoding", "data", "note"),
    [
        ("UTF-8", VALUES.encode("utf-8"), False),
        ("UTF-8 with BOM", codecs.BOM_UTF8 + VALUES.encode("utf-8"), False),
        ("UTF-16 LE with BOM", codecs.BOM_UTF16_LE + VALUES.encode("utf-16-le"), True),
        ("UTF-16 BE with BOM", codecs.BOM_UTF16_BE + VALUES.encode("utf-16-be"), True),
    ],
)
def test_a_file_in_any_encoding_spreadsheets_save_imports_issue_22_4(uploads, encoding, data, note):
    """Issue 22 §4: encodings detected (UTF-8 with or without BOM, UTF-16 with BOM,
    Windows-1252); a file not in UTF-8 is read and its import page says how it was read."""
    response = _post(
        uploads, file_format=ImportFormat.LONG, data_file=SimpleUploadedFile("v.csv", data)
    )
    assert response.status_code == 302, response.context["form"].errors
    data_import = DataImport.objects.get(file_name="v.csv")
    assert data_import.status == "done", data_import.problems
    assert Observation.objects.count() == 3
    said = any("was read as UTF-16" in n for n in data_import.notes)
    assert said is note


def test_windows_1252_text_is_read_and_said_so_issue_22_4(uploads, write_file):
    """A "CSV" saved by Excel on Windows: a pound sign is byte 0xa3, not UTF-8."""
    definitions = csv_text(
        DEFINITIONS_HEADER,
        [("E-SPEND", "Spend per child (£)", "service_management", "none", "count", 1, 0)],
    )
    response = _post(
        uploads,
        file_format=ImportFormat.DEFINITIONS,
        data_file=SimpleUploadedFile("d.csv", definitions.encode("cp1252")),
    )
    assert response.status_code == 302, response.context["form"].errors
    data_import = DataImport.objects.get(file_name="d.csv")
    assert data_import.status == "done", data_import.problems
    assert "Windows-1252" in data_import.notes[0]
    assert Indicator.objects.get(code="E-SPEND").title == "Spend per child (£)"


def test_utf16_without_a_byte_order_mark_is_refused_with_its_name_issue_22_4(uploads):
    """Issue 22 §4: "a UTF-16LE file without a BOM is reported as ragged rows rather than as
    an encoding"."""
    response = _post(
        uploads,
        file_format=ImportFormat.LONG,
        data_file=SimpleUploadedFile("v.csv", VALUES.encode("utf-16-le")),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["data_file"] == [encodings.UTF16_WITHOUT_BOM]
    assert not DataImport.objects.filter(file_name="v.csv").exists()


def test_the_command_line_refuses_utf16_without_a_byte_order_mark_by_name(write_file, db):
    """The same file through the import service: one whole-file problem naming the encoding,
    never rows said to be ragged."""
    path = write_file("v.csv", "")
    path.write_bytes(VALUES.encode("utf-16-le"))
    data_import = observations_import(actor=None, path=path, file_format="long")
    assert data_import.status == "failed"
    assert [p["reason"] for p in data_import.problems] == [encodings.UTF16_WITHOUT_BOM]


def test_bytes_no_encoding_reads_are_refused_naming_the_byte_and_line():
    data = b"authority,indicator\n855,\x81\x8d\n"
    with pytest.raises(encodings.EncodingRefused) as refused:
        encodings.as_utf8(data)
    assert "byte 0x81 on line 2" in str(refused.value)


def test_the_ees_page_lists_the_projects_mapping_files_issue_22_5(uploads):
    """Issue 22 §5: "the EES upload page demands a mapping file that exists only in the
    source tree, and does not say where"; now it lists them, by the EES file each reads."""
    page = uploads.get(reverse("performance:import-add"))
    for mapping in project_mappings():
        assert mapping.data_file in page.text
        assert mapping.name in page.text
    assert len(project_mappings()) >= 9


def test_a_real_ees_file_imports_with_a_mapping_chosen_from_the_list(uploads, shared_data):
    """Issue 22 "Done when": an EES file exactly as downloaded, through the site, with the
    project's own mapping file chosen rather than uploaded. Leicestershire 2025: 47."""
    data = shared_data / "ees" / "cla_number_and_rate_per_10k_children.csv"
    response = _post(
        uploads,
        file_format=ImportFormat.EES,
        data_file=SimpleUploadedFile(data.name, data.read_bytes()),
        mapping="cla_rate.yaml",
    )
    assert response.status_code == 302, response.context["form"].errors
    value = Observation.objects.get(
        indicator__code="ees-cla-rate", council__la_number="855", period="2025"
    )
    assert value.value == 47.0


def test_choosing_a_listed_mapping_and_uploading_one_is_refused(uploads):
    response = _post(
        uploads,
        file_format=ImportFormat.EES,
        data_file=SimpleUploadedFile("x.csv", b"time_period\n2025\n"),
        mapping="cla_rate.yaml",
        companion_file=SimpleUploadedFile("m.yaml", b"file: x.csv\n"),
    )
    assert response.status_code == 200
    assert "not both" in response.context["form"].errors["mapping"][0]


def test_an_ees_file_without_any_mapping_is_refused_saying_what_to_choose(uploads):
    response = _post(
        uploads,
        file_format=ImportFormat.EES,
        data_file=SimpleUploadedFile("x.csv", b"time_period\n2025\n"),
    )
    assert response.status_code == 200
    assert "mapping" in response.context["form"].errors


def test_a_mapping_name_not_in_the_list_is_refused(uploads):
    """Only the listed files: a path in the post is not a choice."""
    response = _post(
        uploads,
        file_format=ImportFormat.EES,
        data_file=SimpleUploadedFile("x.csv", b"time_period\n2025\n"),
        mapping="../../../etc/passwd",
    )
    assert response.status_code == 200
    assert "mapping" in response.context["form"].errors


@pytest.mark.parametrize(
    ("choice", "names", "options"),
    [
        ("all", "", {}),
        ("none", "", {"breakdowns": ["none"]}),
        (
            "chosen",
            "Sex\n  County & UA  deciles \n",
            {"breakdowns": ["Sex", "County & UA deciles"]},
        ),
    ],
)
def test_fingertips_breakdowns_are_chosen_on_the_page_issue_22_1(db, choice, names, options):
    """Issue 22 §1: "a choice of breakdowns to import, by default all, from the command and the
    site"; the form's choice becomes the import's options."""
    form = DataImportForm(
        data={
            "file_format": ImportFormat.FINGERTIPS,
            "breakdowns": choice,
            "category_types": names,
        },
        files={"data_file": SimpleUploadedFile("ft.csv", b"Indicator ID\n1\n")},
    )
    assert form.is_valid(), form.errors
    assert form.options == options


def test_breakdowns_are_refused_for_other_formats_and_need_names_when_chosen(db):
    files = {"data_file": SimpleUploadedFile("v.csv", VALUES.encode())}
    form = DataImportForm(
        data={"file_format": ImportFormat.LONG, "breakdowns": "none"}, files=files
    )
    assert "breakdowns" in form.errors
    files = {"data_file": SimpleUploadedFile("ft.csv", b"Indicator ID\n1\n")}
    form = DataImportForm(
        data={"file_format": ImportFormat.FINGERTIPS, "breakdowns": "chosen"}, files=files
    )
    assert "category_types" in form.errors


def test_a_whole_file_problem_says_so_in_words_on_the_import_page_issue_22_4(uploads, write_file):
    """Issue 22 §4: whole-file problems printed as `Row -, column "": ""`; the page's table
    says "The whole file" where a row would be."""
    path = write_file("v.csv", "")
    path.write_bytes(VALUES.encode("utf-16-le"))
    data_import = observations_import(actor=None, path=path, file_format="long")
    page = uploads.get(reverse("performance:import-detail", args=[data_import.pk]))
    assert '<td class="govuk-table__cell">The whole file</td>' in page.text
    assert "Row -" not in page.text


def test_the_breakdowns_chosen_are_shown_with_the_import(uploads, db):
    data_import = DataImport.objects.create(
        file_name="ft.csv", checksum="x", file_format="fingertips", status="failed",
        options={"breakdowns": ["none", "County & UA deprivation deciles"]},
    )  # fmt: skip
    page = uploads.get(reverse("performance:import-detail", args=[data_import.pk]))
    assert "Breakdowns imported" in page.text
    assert "The whole population (rows with no Category Type)" in page.text
    assert "County &amp; UA deprivation deciles" in page.text


def test_a_fingertips_export_as_published_imports_through_the_site_issue_22_done_when(uploads):
    """Issue 22 "Done when": a Fingertips export exactly as downloaded (repeats of England's row
    per area type, deciles under three Category Types sharing their names, suppressed values,
    BOM; ecm/performance/tests/importers/fixtures/fingertips_export.py, as no real export is in
    ../shared/data) imports through the page: whole population only, then one Category Type."""
    export = fingertips_export()
    response = _post(
        uploads,
        file_format=ImportFormat.FINGERTIPS,
        data_file=SimpleUploadedFile("fingertips.csv", export.data),
        breakdowns="none",
    )
    assert response.status_code == 302, response.context["form"].errors
    data_import = DataImport.objects.get(file_name="fingertips.csv")
    assert data_import.status == "done", data_import.problems[:5]
    assert data_import.options == {"breakdowns": ["none"]}
    assert any("repeated another row's figures exactly" in n for n in data_import.notes)
    assert any("breakdowns not chosen were left out" in n for n in data_import.notes)
    assert not Indicator.objects.filter(code__contains="decile").exists()

    response = _post(
        uploads,
        file_format=ImportFormat.FINGERTIPS,
        data_file=SimpleUploadedFile("fingertips.csv", export.data),
        breakdowns="chosen",
        category_types=DECILE_TYPES[1],
    )
    assert response.status_code == 302, response.context["form"].errors
    second = DataImport.objects.filter(file_name="fingertips.csv").latest("pk")
    assert second.pk != data_import.pk, "another choice is another import, not 'imported before'"
    assert second.status == "done", second.problems[:5]
    titles = Indicator.objects.filter(code__contains="decile").values_list("title", flat=True)
    assert titles and all(DECILE_TYPES[1] in t for t in titles)
    page = uploads.get(reverse("performance:import-detail", args=[second.pk]))
    assert "Breakdowns imported" in page.text
