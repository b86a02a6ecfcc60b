"""statistical_neighbours_import with DfE's real files (data/README.md: lait/ and ees/)."""

from datetime import date

import pytest

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.audit.models import AuditEntry
from ecm.authorities.models import Closeness, StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.services import NEIGHBOURS_IMPORTED, statistical_neighbours_import
from ecm.authorities.tests.neighbour_files import sample_rows, write

pytestmark = pytest.mark.django_db

XLSX_2021 = "lait/sn_april_2021.xlsx"
XLSX_2025 = "lait/sn_may_2025.xlsx"
CSV_2021 = "ees/New_Statistical_Neighbour_Groupings_April_2021.csv"
CSV_2025 = "ees/sn_model_2025_wide.csv"


def neighbours(code: str, la_number: str) -> list[tuple[str, str]]:
    rows = StatisticalNeighbour.objects.filter(model__code=code, council__la_number=la_number)
    return [(r.neighbour.la_number, r.closeness) for r in rows.order_by("rank")]


@pytest.mark.parametrize(
    ("file", "code", "councils", "without"),
    [
        # 152 councils of April 2021 (Cumbria still one) and the "Old SNs:" section: Dorset,
        # Poole, Bournemouth, Northamptonshire. Cumberland and Westmorland: '-' in every cell.
        (XLSX_2021, "dfe-2021", 156, ["942", "943"]),
        (CSV_2021, "dfe-2021", 156, []),
        # 153 councils of 2025 and an "Old SNs:" section that adds Cumbria.
        (XLSX_2025, "dfe-2025", 158, []),
        (CSV_2025, "dfe-2025", 153, []),
    ],
)
def test_the_real_files_import_with_no_error(
    shared_data, loaded_councils, file, code, councils, without
):
    """Each of DfE's four files imports cleanly against the project's council list: ten
    neighbours per council, ranked 1 to 10, model code taken from the file name."""
    result = statistical_neighbours_import(path=shared_data / file)
    assert (result.model.code, result.councils, result.neighbours) == (
        code,
        councils,
        councils * 10,
    )
    assert result.councils_without_neighbours == without
    assert (
        result.model.published_on
        == {"dfe-2021": date(2021, 4, 1), "dfe-2025": date(2025, 5, 1)}[code]
    )
    assert result.model.source == file.split("/")[1]
    ranks = StatisticalNeighbour.objects.filter(model=result.model).values_list("rank", flat=True)
    assert sorted(set(ranks)) == list(range(1, 11))


def test_a_byte_order_mark_before_the_header(shared_data, loaded_councils):
    """data/README.md trap: sn_model_2025_wide.csv starts with a BOM; its first column is still
    old_la_code, so its first council, Barking and Dagenham, is imported."""
    assert (shared_data / CSV_2025).read_bytes().startswith(b"\xef\xbb\xbf")
    statistical_neighbours_import(path=shared_data / CSV_2025)
    assert neighbours("dfe-2025", "301")[0] == ("308", Closeness.CLOSE)  # Enfield, "Close "


def test_closeness_bands_with_trailing_spaces(shared_data, loaded_councils):
    """data/README.md trap: "Close " with a trailing space is the band Close."""
    assert b",Close ," in (shared_data / CSV_2025).read_bytes()
    statistical_neighbours_import(path=shared_data / CSV_2025)
    barnet = neighbours("dfe-2025", "302")
    assert barnet[0] == ("320", Closeness.CLOSE)  # Waltham Forest
    assert {band for _, band in barnet} == {Closeness.CLOSE}


def test_closeness_bands_in_mixed_case(shared_data, loaded_councils):
    """ "Very Close", "Somewhat close", "Not Close" (2021) and "Extremely Close" beside
    "Extremely close" (2025 workbook) are the same five bands."""
    statistical_neighbours_import(path=shared_data / CSV_2021)
    camden = neighbours("dfe-2021", "202")
    assert camden[0] == ("213", Closeness.VERY_CLOSE)
    assert camden[4] == ("212", Closeness.SOMEWHAT_CLOSE)
    assert camden[5] == ("352", Closeness.NOT_CLOSE)
    statistical_neighbours_import(path=shared_data / XLSX_2025)
    extremely = StatisticalNeighbour.objects.filter(
        model__code="dfe-2025", closeness=Closeness.EXTREMELY_CLOSE
    )
    assert extremely.count() == 16  # 12 written "Extremely close", 4 "Extremely Close"


def test_the_old_sns_section_gives_abolished_councils_their_neighbours(
    shared_data, loaded_councils
):
    """The workbooks list pre-reorganisation councils under "Old SNs:"; Dorset (county, 835)
    keeps its neighbours for the years before 2019."""
    statistical_neighbours_import(path=shared_data / XLSX_2021)
    assert neighbours("dfe-2021", "835")[:2] == [
        ("893", Closeness.EXTREMELY_CLOSE),  # Shropshire
        ("878", Closeness.EXTREMELY_CLOSE),  # Devon
    ]


def test_the_workbook_and_the_csv_of_2021_agree(shared_data, loaded_councils):
    statistical_neighbours_import(path=shared_data / XLSX_2021)
    from_workbook = set(
        StatisticalNeighbour.objects.values_list("council", "rank", "neighbour", "closeness")
    )
    statistical_neighbours_import(path=shared_data / CSV_2021)
    from_csv = set(
        StatisticalNeighbour.objects.values_list("council", "rank", "neighbour", "closeness")
    )
    assert from_workbook == from_csv


def test_reimporting_a_model_replaces_its_rows_and_is_audited(shared_data, loaded_councils):
    """Re-import replaces in one transaction; each import is one audit entry with the state
    before and after (DESIGN.md example 4)."""
    person = UserFactory(roles=[Role.PROGRAMME_ADMINISTRATOR])
    statistical_neighbours_import(path=shared_data / XLSX_2025, actor=person)
    result = statistical_neighbours_import(path=shared_data / CSV_2025, actor=person)
    assert result.replaced == 1580
    assert StatisticalNeighbourModel.objects.get().neighbours.count() == 1530
    assert neighbours("dfe-2025", "835") == []  # the CSV has no "Old SNs:" section
    entry = AuditEntry.objects.filter(verb=NEIGHBOURS_IMPORTED).first()
    assert entry.actor == person
    assert entry.before == {
        "title": "DfE statistical neighbours, May 2025",
        "source": "sn_may_2025.xlsx",
        "neighbours": 1580,
    }
    assert entry.after["neighbours"] == 1530
    assert AuditEntry.objects.filter(verb=NEIGHBOURS_IMPORTED).count() == 2


def test_model_code_and_title_given_by_the_importer(loaded_councils, tmp_path):
    path = write(tmp_path, "groups.xlsx", sample_rows(), name="neighbours")
    result = statistical_neighbours_import(
        path=path, model_code="local-2030", title="Local model 2030"
    )
    model = StatisticalNeighbourModel.objects.get(code="local-2030")
    assert (model.title, model.source, model.published_on) == (
        "Local model 2030",
        "neighbours.xlsx",
        None,
    )
    assert result.neighbours == 30
