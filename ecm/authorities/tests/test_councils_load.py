"""councils_load: the project's council list into the database (decision 0006)."""

import csv
from datetime import date
from pathlib import Path

import pytest

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.audit.models import AuditEntry
from ecm.audit.services import SYSTEM_ACTOR_NAME
from ecm.authorities import services
from ecm.authorities.imports import council_files as files
from ecm.authorities.imports.problems import DataFileError
from ecm.authorities.models import Council, CouncilCode, CouncilSuccession, Region
from ecm.authorities.selectors import council_get_by_code, councils_active_on
from ecm.authorities.services import COUNCILS_LOADED, councils_load
from ecm.authorities.tests.factories import CouncilFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_loads_regions_councils_successions_and_former_codes():
    result = councils_load()
    assert (result.regions.created, result.councils.created) == (9, 160)
    assert (result.successions.created, result.former_codes.created) == (12, 3)
    assert result.source == "ecm/authorities/data"
    assert (Region.objects.count(), Council.objects.count()) == (9, 160)
    assert CouncilSuccession.objects.count() == 12
    assert CouncilCode.objects.count() == 3


def test_loading_again_changes_nothing_and_only_a_change_is_audited():
    """Idempotent upsert; a run that changes something is one audit entry by the system, a
    run that changes nothing leaves none (so load_demo can run at every make run)."""
    councils_load()
    result = councils_load()
    assert not result.changed
    assert result.councils.unchanged == 160
    entry = AuditEntry.objects.get(verb=COUNCILS_LOADED)
    assert entry.actor is None and entry.actor_name == SYSTEM_ACTOR_NAME
    assert entry.target_repr == "North East"
    assert entry.after["councils"] == {"created": 160, "updated": 0, "unchanged": 0}


def test_the_actor_is_recorded():
    person = UserFactory(roles=[Role.PROGRAMME_ADMINISTRATOR])
    councils_load(actor=person)
    assert AuditEntry.objects.get(verb=COUNCILS_LOADED).actor == person


def test_a_changed_row_updates_the_council(data_copy):
    councils_load(path=data_copy)
    row = edit(data_copy / files.COUNCILS_FILE, "855", "name", "Leicestershire County Council")
    assert row == 106
    result = councils_load(path=data_copy / files.COUNCILS_FILE)
    assert (result.councils.updated, result.councils.unchanged) == (1, 159)
    assert Council.objects.get(la_number="855").name == "Leicestershire County Council"


def test_leicestershire_is_855_e10000018_in_the_east_midlands(loaded_councils):
    """data/README.md "Facts for a worked check"."""
    council = loaded_councils["855"]
    assert (council.ons_code, council.name, council.region.name) == (
        "E10000018",
        "Leicestershire",
        "East Midlands",
    )
    assert council.region.ons_code == "E12000004"
    assert council.get_council_type_display() == "Shire county"


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (date(2005, 4, 1), 150),  # the first APA year
        (date(2009, 3, 31), 150),  # the day before Bedfordshire and Cheshire were split
        (date(2009, 4, 1), 152),  # DOMAIN.md: 152 councils in 2009
        (date(2019, 3, 31), 152),
        (date(2019, 4, 1), 151),  # Dorset, Bournemouth and Poole became two
        (date(2021, 4, 1), 152),  # Northamptonshire became two
        (date(2023, 4, 1), 153),  # Cumbria became two
        (date(2025, 3, 31), 153),  # the DfE list today
    ],
)
def test_councils_active_on(loaded_councils, day, count):
    """DOMAIN.md: 152 councils in 2009 (City of London and the Isles of Scilly included); a
    reorganisation takes effect on its day, 1 April."""
    assert councils_active_on(day).count() == count


@pytest.mark.parametrize(
    ("predecessor", "successors", "effective_on"),
    [
        ("820", {"822", "823"}, date(2009, 4, 1)),  # Bedfordshire
        ("875", {"895", "896"}, date(2009, 4, 1)),  # Cheshire
        ("836", {"839"}, date(2019, 4, 1)),  # Poole
        ("837", {"839"}, date(2019, 4, 1)),  # Bournemouth
        ("835", {"838", "839"}, date(2019, 4, 1)),  # Dorset; Christchurch went to BCP
        ("928", {"940", "941"}, date(2021, 4, 1)),  # Northamptonshire
        ("909", {"942", "943"}, date(2023, 4, 1)),  # Cumbria
    ],
)
def test_reorganisations(loaded_councils, predecessor, successors, effective_on):
    old = loaded_councils[predecessor]
    assert old.abolished_on == effective_on
    assert {c.la_number for c in old.successors.all()} == successors
    for succession in CouncilSuccession.objects.filter(predecessor=old):
        assert succession.effective_on == effective_on
        assert succession.successor.established_on == effective_on


def test_northamptonshires_successors(loaded_councils):
    """The 2021 split: North Northamptonshire (940) and West Northamptonshire (941)."""
    names = sorted(c.name for c in loaded_councils["928"].successors.all())
    assert names == ["North Northamptonshire", "West Northamptonshire"]
    assert list(loaded_councils["940"].predecessors.all()) == [loaded_councils["928"]]


@pytest.mark.parametrize(
    ("code", "la_number"),
    [("E10000002", "825"), ("E06000060", "825"), ("E10000023", "815"), ("E10000027", "933")],
)
def test_an_old_ons_code_finds_the_council_that_kept_its_la_number(
    loaded_councils, code, la_number
):
    """data/README.md trap: Buckinghamshire (2020), North Yorkshire and Somerset (2023)
    changed ONS code but not LA number."""
    assert council_get_by_code(code) == loaded_councils[la_number]


def edit(path: Path, la_number: str, column: str, value: str, *, key: str = "la_number") -> int:
    """Set one cell of a CSV copy; return the row number a spreadsheet would show."""
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
        header = list(table[0].keys())
    for number, row in enumerate(table, start=2):
        if row[key] == la_number:
            row[column] = value
            found = number
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    return found


C, R, F = files.COUNCILS_FILE, files.REGIONS_FILE, files.FORMER_CODES_FILE


@pytest.mark.parametrize(
    ("file", "la_number", "column", "value", "reason"),
    [
        (C, "855", "la_number", "85", files.BAD_LA_NUMBER),
        (C, "855", "ons_code", "X10000018", files.BAD_ONS_CODE),
        (C, "855", "name", "", files.REQUIRED),
        (C, "855", "region_ons_code", "E12000010", files.UNKNOWN_REGION),
        (
            C,
            "855",
            "council_type",
            "County",
            files.BAD_COUNCIL_TYPE.format(types="SC, MD, UA, ILB, OLB"),
        ),
        (C, "820", "abolished_on", "1/4/2009", files.BAD_DATE),
        (C, "822", "abolished_on", "2009-01-01", files.NOT_AFTER_ESTABLISHED),
        (C, "856", "la_number", "855", files.DUPLICATE.format(what="This LA number", row=106)),
        (C, "856", "ons_code", "E10000018", files.DUPLICATE.format(what="This ONS code", row=106)),
        (C, "855", "predecessor_la_numbers", "999", files.UNKNOWN_PREDECESSOR),
        (C, "855", "predecessor_la_numbers", "855", files.OWN_PREDECESSOR),
        (C, "855", "predecessor_la_numbers", "856", files.PREDECESSOR_NOT_ABOLISHED),
        (F, "825", "ons_code", "E10000018", files.CODE_IS_CURRENT.format(la_number="855")),
        (F, "825", "la_number", "999", files.UNKNOWN_COUNCIL),
        (F, "825", "valid_until", "", files.REQUIRED),
    ],
)
def test_a_bad_row_stores_nothing_and_names_file_row_column_value_and_reason(
    data_copy, file, la_number, column, value, reason
):
    """All-or-nothing (DESIGN.md example 4); error wording from module constants (example 2)."""
    row = edit(data_copy / file, la_number, column, value)
    with pytest.raises(DataFileError) as caught:
        councils_load(path=data_copy)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value, problem.reason) == (
        file,
        row,
        column,
        value,
        reason,
    )
    assert f"{file}, row {row}, column {column}" in str(caught.value)
    assert_nothing_stored()


def test_a_missing_column_or_file_stores_nothing(data_copy):
    (data_copy / R).write_text("code,name\nE12000001,North East\n", encoding="utf-8")
    (data_copy / F).unlink()
    with pytest.raises(DataFileError) as caught:
        councils_load(path=data_copy)
    reasons = [(p.file, p.row, p.column, p.reason) for p in caught.value.problems]
    assert reasons == [
        (
            R,
            1,
            "ons_code",
            files.COLUMN_MISSING.format(column="ons_code", columns="ons_code, name"),
        ),
        (F, None, "", files.FILE_MISSING.format(files=f"{R}, {C}, {F}")),
    ]
    assert_nothing_stored()


def test_every_problem_is_reported_at_once(data_copy):
    edit(data_copy / C, "855", "council_type", "XX")
    edit(data_copy / C, "856", "la_number", "ABC")
    with pytest.raises(DataFileError) as caught:
        councils_load(path=data_copy)
    assert [p.value for p in caught.value.problems] == ["XX", "ABC"]


def test_a_demo_council_is_never_overwritten():
    # A region of its own: the factory's sequence names its first region E12000001, the code
    # whose absence the test asserts (the test failed when it ran first on its worker).
    region = RegionFactory(ons_code="E12000099", name="Demo region")
    CouncilFactory(la_number="855", name="Sharpston", is_demo=True, region=region)
    with pytest.raises(DataFileError) as caught:
        councils_load()
    (problem,) = caught.value.problems
    assert problem.reason == services.DEMO_COUNCIL_CLASH.format(name="Sharpston")
    assert Council.objects.get().name == "Sharpston"
    assert not Region.objects.filter(ons_code="E12000001").exists()


def test_an_ons_code_held_by_another_council_is_refused():
    CouncilFactory(la_number="999", ons_code="E10000018", name="Elsewhere")
    with pytest.raises(DataFileError) as caught:
        councils_load()
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (106, "ons_code")
    assert problem.reason == services.CODE_CLASH.format(name="Elsewhere", la_number="999")


def test_a_failure_after_writing_began_rolls_everything_back(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(services, "audit_record", fail)
    with pytest.raises(RuntimeError):
        councils_load()
    assert_nothing_stored()


def assert_nothing_stored():
    assert Region.objects.count() == 0
    assert Council.objects.filter(is_demo=False).count() == 0
    assert CouncilSuccession.objects.count() == 0
    assert CouncilCode.objects.count() == 0
    assert not AuditEntry.objects.filter(verb=COUNCILS_LOADED).exists()
