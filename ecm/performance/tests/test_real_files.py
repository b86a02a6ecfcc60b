"""Every real indicator file in ../shared/data imports as published (issue 22, "Targets" and
§8: "every real file in ../shared/data imported through the command and the site").

- Each Explore Education Statistics (EES) file with its project mapping
  (ecm/performance/data/ees/*.yaml, whose `file:` names it), through `manage.py
  import_indicators --format ees --mapping` and through the upload page, the mapping posted
  as the companion file (and the ONS population file, for the mappings that divide by it, as
  the file of denominators). One test per file and route, so xdist spreads them over its workers.
- The LAIT parquet file with its dictionary through the upload page. Through the command it
  is imported once, in test_import_lait.py (a module-wide import, rolled back): it is not
  imported twice. The upload is this module's one slow test (about 50 s on SQLite: 641,070
  rows read, checked, saved and compared); the EES files take under 2 s each.

Files absent (a checkout without ../shared) skip with the reason, except on CI (CI=true)
where their absence fails (tests/shared_data.py).
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ecm.performance.importers import ees_definitions, ees_mapping, ees_observations
from ecm.performance.importers.ees import MAPPINGS_DIR
from ecm.performance.models import (
    Comparison,
    DataImport,
    ImportFormat,
    ImportStatus,
    Indicator,
    Observation,
)

MAPPINGS = sorted(MAPPINGS_DIR.glob("*.yaml"))
# The EES folder's files that are not indicator data, each with what it is for instead.
NOT_INDICATOR_FILES = {
    "ons_mid-year_population_estimates_2012_to_2024.csv": "the denominator of the rates "
    "per 10,000 (cin_rate, cpp_rate, cin_referrals), read beside the data file",
    "LTLA-UTLA_Apr23_Lookup_England-Wales.csv": "a lookup of district to upper-tier codes",
    "New_Statistical_Neighbour_Groupings_April_2021.csv": "statistical neighbours (April 2021)",
    "sn_model_2025_wide.csv": "statistical neighbours (2025 model)",
    "ofsted_region_mapping_corrections.csv": "Ofsted's corrections to councils' regions",
}
# These mappings take their denominator from the ONS population file: the upload page takes
# it as the "file the mapping takes denominators from", kept beside the data file.
NEEDS_POPULATION_FILE = {"cin_rate", "cpp_rate", "cin_referrals"}
POPULATION_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"
# Rows with a denominator of 0, by file (Isles of Scilly, City of London and once Rutland and
# Kensington and Chelsea), the share published as a symbol: stored as published. All but one:
DENOMINATOR_ZERO_ROWS = {
    "absence": 17,
    "assessment_factors": 6,
    "care_leavers_accommodation": 10,
    "cla_health_convictions": 38,
    "cla_school_moves": 17,
    "cpp_rate": 9,
}
# la_conviction_health_outcome_cla.csv row 8187: City of London 2024, SDQ "cause for
# concern" 0 (0%) of "SDQ score was received" 0, while its "normal" row is "c": DfE's own.
PUBLISHED_VALUE_OVER_ZERO = {"cla_health_convictions": [8187]}


def run(*args: str) -> str:
    """A management command as typed, and what it printed."""
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def data_file(mapping: Path, shared_data: Path) -> Path:
    """The real EES file a project mapping names (its `file:`)."""
    return shared_data / "ees" / ees_mapping(mapping).file


def expected_rows(mapping: Path, path: Path) -> int:
    """How many observations the parser gives (each either saved or left out with a note)."""
    return len(ees_observations(path, mapping=mapping))


def assert_imported_as_published(data_import: DataImport, *, mapping: Path, path: Path) -> None:
    """Done; every row saved or counted as left out; each mapped indicator created; every
    suppression symbol kept as suppressed, never zero; each council value compared."""
    assert data_import.status == ImportStatus.DONE, data_import.problems[:10]
    saved = Observation.objects.filter(data_import=data_import)
    assert data_import.values_created == saved.count() > 0
    assert data_import.values_created + data_import.rows_skipped == expected_rows(mapping, path)
    codes = {d.code for d in ees_definitions(mapping)}
    assert set(Indicator.objects.values_list("code", flat=True)) == codes
    assert data_import.indicators_created == len(codes)
    assert not saved.filter(value__isnull=True, suppression="").exists()
    assert not saved.filter(value__isnull=False).exclude(suppression="").exists()
    councils = saved.filter(area_kind="council")
    assert Comparison.objects.count() == councils.count()


def test_every_ees_file_is_mapped_or_said_not_to_be_indicator_data(shared_data):
    """Issue 22 "Targets": every file in ../shared/data imports as published; an EES file
    added there without a mapping (or a reason it needs none) fails here."""
    mapped = {ees_mapping(path).file for path in MAPPINGS}
    present = {path.name for path in (shared_data / "ees").glob("*.csv")}
    assert present - mapped == set(NOT_INDICATOR_FILES)
    assert mapped <= present


@pytest.mark.parametrize("mapping", MAPPINGS, ids=lambda path: path.stem)
def test_published_totals_of_zero(shared_data, mapping):
    """The files as published: the rows whose denominator is 0, each with its share as a
    symbol, except DfE's one row with a value (0% of 0), which the import keeps as not
    applicable and says so (resolve.py `_figures_over_zero`; issue 22 §3 "0/0 stored")."""
    path = data_file(mapping, shared_data)
    frame = ees_observations(path, mapping=mapping)
    zero = frame[(frame["denominator"] == 0) & (frame["area_kind"] != "other")]
    assert len(zero) == DENOMINATOR_ZERO_ROWS.get(mapping.stem, 0)
    with_value = zero[zero["value"].notna()]
    assert with_value["row"].tolist() == PUBLISHED_VALUE_OVER_ZERO.get(mapping.stem, [])
    assert (with_value["value"] == 0).all() and (with_value["numerator"] == 0).all()
    assert (zero.loc[zero["value"].isna(), "suppression"] != "").all()


@pytest.mark.parametrize("mapping", MAPPINGS, ids=lambda path: path.stem)
def test_ees_file_imports_through_the_command(real_councils, shared_data, mapping):
    """Issue 22 §1 and §8: `manage.py import_indicators PATH --format ees --mapping YAML` on
    the real file exactly as downloaded."""
    path = data_file(mapping, shared_data)

    out = run("import_indicators", str(path), "--format", "ees", "--mapping", str(mapping))

    data_import = DataImport.objects.get()
    assert f"Imported {path.name}" in out
    assert_imported_as_published(data_import, mapping=mapping, path=path)
    if mapping.stem in PUBLISHED_VALUE_OVER_ZERO:
        assert "gave a figure over a denominator of 0 (row 8187)" in data_import.notes[-1]


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PERFORMANCE_IMPORT_INLINE = True  # the import runs in the request, as in tests


def upload(client, file_format: str, data: Path, companion: Path, beside: Path | None = None):
    """The upload page's form, posted as a browser would, with the files as downloaded."""
    fields = {
        "file_format": file_format,
        "data_file": SimpleUploadedFile(data.name, data.read_bytes()),
        "companion_file": SimpleUploadedFile(companion.name, companion.read_bytes()),
    }
    if beside is not None:
        fields["denominator_file"] = SimpleUploadedFile(beside.name, beside.read_bytes())
    return client.post(reverse("performance:import-add"), fields)


@pytest.mark.parametrize("mapping", MAPPINGS, ids=lambda path: path.stem)
def test_ees_file_imports_through_the_site(
    client, real_councils, administrator, uploads, shared_data, mapping
):
    """Issue 22 §1 and §8: the real file and its mapping posted on the upload page by a user
    with `performance.import_data`, imported as the site imports (in the background; here in
    the request), and the import's page says it succeeded."""
    path = data_file(mapping, shared_data)
    client.force_login(administrator)

    population = shared_data / "ees" / POPULATION_FILE
    beside = population if mapping.stem in NEEDS_POPULATION_FILE else None
    response = upload(client, ImportFormat.EES, path, mapping, beside)

    assert response.status_code == 302, response.context["form"].errors
    data_import = DataImport.objects.get()
    assert response["Location"] == reverse("performance:import-detail", args=[data_import.pk])
    assert data_import.imported_by == administrator
    assert_imported_as_published(data_import, mapping=mapping, path=path)
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Success" in page.text


def test_lait_file_imports_through_the_site(
    client, real_councils, administrator, uploads, shared_data
):
    """Issue 22 "Done when": the LAIT file imports through the site exactly as downloaded,
    with its dictionary. The slow one (about 50 s): the command's import of the same file is
    test_import_lait.py's, not repeated here."""
    folder = shared_data / "lait"
    client.force_login(administrator)

    response = upload(
        client,
        ImportFormat.LAIT,
        folder / "bds_long_0.parquet",
        folder / "lait_data_dictionary.csv",
    )

    assert response.status_code == 302, response.context["form"].errors
    data_import = DataImport.objects.get()
    assert data_import.status == ImportStatus.DONE, data_import.problems[:10]
    assert data_import.values_created + data_import.rows_skipped == 641_070  # README
    assert data_import.values_created == Observation.objects.count()
    assert data_import.indicators_created == Indicator.objects.count() == 434
    assert not Observation.objects.filter(value__isnull=True, suppression="").exists()
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Success" in page.text
