"""The council list is the project's own data (decision 0006): these tests check the committed
files against the DfE and ONS sources they were built from."""

import csv
from datetime import date

from openpyxl import load_workbook

from ecm.authorities.imports.council_files import (
    COUNCILS_FILE,
    DATA_DIR,
    FORMER_CODES_FILE,
    REGIONS_FILE,
)


def rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def current_councils() -> list[dict]:
    return [r for r in rows(COUNCILS_FILE) if not r["abolished_on"]]


def test_the_nine_regions_of_england():
    assert [(r["ons_code"], r["name"]) for r in rows(REGIONS_FILE)] == [
        ("E12000001", "North East"),
        ("E12000002", "North West"),
        ("E12000003", "Yorkshire and The Humber"),
        ("E12000004", "East Midlands"),
        ("E12000005", "West Midlands"),
        ("E12000006", "East of England"),
        ("E12000007", "London"),
        ("E12000008", "South East"),
        ("E12000009", "South West"),
    ]


def test_153_current_councils_and_7_abolished_since_2005():
    """153 today, City of London and the Isles of Scilly included; seven abolished councils are
    kept for the 2005-2009 assessments and the series before each reorganisation."""
    councils = rows(COUNCILS_FILE)
    assert len(current_councils()) == 153
    abolished = {r["la_number"]: r["abolished_on"] for r in councils if r["abolished_on"]}
    assert abolished == {
        "820": "2009-04-01",  # Bedfordshire
        "875": "2009-04-01",  # Cheshire
        "835": "2019-04-01",  # Dorset (county)
        "836": "2019-04-01",  # Poole
        "837": "2019-04-01",  # Bournemouth
        "928": "2021-04-01",  # Northamptonshire
        "909": "2023-04-01",  # Cumbria
    }
    numbers = {r["la_number"] for r in current_councils()}
    assert {"201", "420"} <= numbers  # City of London, Isles of Scilly


def test_leicestershire_is_855_e10000018_in_the_east_midlands():
    """data/README.md "Facts for a worked check"."""
    (row,) = [r for r in rows(COUNCILS_FILE) if r["la_number"] == "855"]
    assert (row["ons_code"], row["name"], row["region_ons_code"], row["council_type"]) == (
        "E10000018",
        "Leicestershire",
        "E12000004",
        "SC",
    )


def test_former_ons_codes_of_councils_that_kept_their_la_number():
    assert rows(FORMER_CODES_FILE) == [
        {"la_number": "815", "ons_code": "E10000023", "valid_until": "2023-04-01"},
        {"la_number": "825", "ons_code": "E10000002", "valid_until": "2020-04-01"},
        {"la_number": "933", "ons_code": "E10000027", "valid_until": "2023-04-01"},
    ]


def test_dates_are_iso_and_reorganisations_take_effect_on_1_april():
    for row in rows(COUNCILS_FILE):
        for column in ("established_on", "abolished_on"):
            if row[column]:
                day = date.fromisoformat(row[column])
                assert (day.month, day.day) == (4, 1), row


def test_our_file_names_differ_from_the_shared_source_files(shared_data):
    """Decision 0006: the project keeps its own facts; it never ships the source files."""
    ours = {p.name for p in DATA_DIR.iterdir()}
    theirs = {p.name for p in shared_data.rglob("*") if p.is_file()}
    assert ours == {COUNCILS_FILE, REGIONS_FILE, FORMER_CODES_FILE}
    assert not ours & theirs


def test_current_councils_match_the_dfe_la_code_list(shared_data):
    """The DfE list holds 158 councils: the 153 current ones and five "Pre LG" or abolished
    ones (Dorset, Poole, Bournemouth, Northamptonshire, Cumbria). Bedfordshire and Cheshire,
    abolished in 2009, are older than the list."""
    sheet = load_workbook(shared_data / "lait" / "la_code_list.xlsx", read_only=True).worksheets[0]
    dfe = {
        f"{number:03d}"
        for number, _name, region, _type in list(sheet.iter_rows(values_only=True))[1:]
        if region != "NA"
    }
    ours = {r["la_number"] for r in rows(COUNCILS_FILE)}
    current = {r["la_number"] for r in current_councils()}
    assert len(dfe) == 158
    assert current <= dfe
    assert dfe - current == {"835", "836", "837", "909", "928"}
    assert ours - dfe == {"820", "875"}


def test_current_ons_codes_match_the_ons_upper_tier_lookup(shared_data):
    """England's 153 upper-tier local authorities of April 2023, by ONS code and name."""
    path = shared_data / "ees" / "LTLA-UTLA_Apr23_Lookup_England-Wales.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        ons = {r["UTLA23CD"]: r["UTLA23NM"] for r in csv.DictReader(fh)}
    ours = {r["ons_code"]: r["name"] for r in current_councils()}
    assert ours == {code: name for code, name in ons.items() if code.startswith("E")}


def test_la_numbers_pair_with_the_ons_codes_in_dfe_statistics(shared_data):
    """Every old_la_code/new_la_code pair in the EES files is a council's current or former
    code in our list (the Buckinghamshire, North Yorkshire and Somerset code changes)."""
    ours = {(r["la_number"], r["ons_code"]) for r in rows(COUNCILS_FILE)}
    ours |= {(r["la_number"], r["ons_code"]) for r in rows(FORMER_CODES_FILE)}
    path = shared_data / "ees" / "ons_mid-year_population_estimates_2012_to_2024.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        pairs = {
            (r["old_la_code"], r["new_la_code"])
            for r in csv.DictReader(fh)
            if r["geographic_level"] == "Local authority"
        }
    assert len(pairs) == 161  # 158 councils, three with two codes
    assert pairs <= ours
