"""The import service (ecm.performance.services.imports.observations_import) against issue 3 §2:
all or nothing, every problem located, idempotent, history and provenance, councils found by
any of their codes, comparators published or computed, and all of it audited."""

import hashlib
from pathlib import Path

import pytest

from ecm.audit.models import AuditEntry
from ecm.performance.importers.common import NOT_A_NUMBER
from ecm.performance.models import Comparison, DataImport, Indicator, Observation
from ecm.performance.services import imports, resolve
from ecm.performance.services.imports import observations_import
from ecm.performance.tests.conftest import (
    DEFINITIONS_HEADER,
    LONG_HEADER,
    csv_text,
    import_definitions,
    import_long,
)

FINGERTIPS_SAMPLE = Path(__file__).parent / "importers" / "fixtures" / "fingertips_sample.csv"
EES_CLA_MAPPING = Path(__file__).resolve().parents[1] / "data" / "ees" / "cla_rate.yaml"

DEFINITIONS = csv_text(
    DEFINITIONS_HEADER,
    [
        ("T-PCT", "Percentage of reviews held on time", "staying_safe", "high", "percentage",
         100, 1),
        ("T-RATE", "Rate of referrals per 10000 children", "staying_safe", "none", "rate",
         10000, 0),
    ],
)  # fmt: skip
# Three East Midlands councils, the region and England, for one percentage indicator.
GOOD_ROWS = [
    ("855", "T-PCT", "2025", "80.0", "80", "100"),
    ("856", "T-PCT", "2025", "60.0", "30", "50"),
    ("857", "T-PCT", "2025", "c", "", ""),
    ("E12000004", "T-PCT", "2025", "72.0", "", ""),
    ("E92000001", "T-PCT", "2025", "70.0", "", ""),
]


@pytest.fixture
def defined(real_councils, write_file):
    """The real councils and the two test indicators' definitions."""
    import_definitions(write_file("definitions.csv", DEFINITIONS))
    return real_councils


def _nothing_written(indicators: int = 2) -> None:
    """No value, no comparison, and no indicator beyond the `indicators` defined before."""
    assert Observation.objects.count() == 0
    assert Comparison.objects.count() == 0
    assert Indicator.objects.count() == indicators


def _problem(data_import: DataImport) -> dict:
    assert data_import.status == "failed"
    assert len(data_import.problems) == 1, data_import.problems
    return data_import.problems[0]


# --- a good file -----------------------------------------------------------------------------


def test_long_file_is_stored_with_provenance_on_every_value(defined, write_file, administrator):
    """Issue 3 §2: provenance (file, checksum, who, when) on every value; England and regions
    kept as the published comparators."""
    path = write_file("values-2025.csv", csv_text(LONG_HEADER, GOOD_ROWS))
    data_import = import_long(path, actor=administrator)

    assert data_import.status == "done", data_import.problems
    assert (data_import.values_created, data_import.values_revised) == (5, 0)
    assert data_import.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    assert data_import.finished_at is not None
    values = Observation.objects.select_related("data_import", "council", "region")
    assert values.count() == 5
    for value in values:
        assert value.is_current and value.superseded_by_id is None
        assert value.data_import.file_name == "values-2025.csv"
        assert value.data_import.checksum == data_import.checksum
        assert value.data_import.imported_by == administrator
    kinds = sorted(values.values_list("area_kind", flat=True))
    assert kinds == ["council", "council", "council", "england", "region"]
    assert values.get(area_kind="region").region.name == "East Midlands"
    leicestershire = Comparison.objects.get(council__la_number="855")
    assert (leicestershire.england, leicestershire.england_computed) == (70.0, False)
    assert (leicestershire.region, leicestershire.region_computed) == (72.0, False)


def test_suppressed_values_are_kept_as_suppressed_never_zero(defined, write_file):
    """Issue 3 §2: suppressed values (x, c, z, ...) are kept as suppressed, never as zero."""
    import_long(write_file("values.csv", csv_text(LONG_HEADER, GOOD_ROWS)))

    rutland = Observation.objects.get(council__la_number="857")
    assert (rutland.value, rutland.suppression) == (None, "c")
    comparison = Comparison.objects.get(council__la_number="857")
    assert comparison.value is None and comparison.suppressed
    assert "suppressed" in comparison.flag_list
    assert comparison.rank is None  # not ranked as a zero
    assert Comparison.objects.get(council__la_number="856").rank_of == 2


# --- one bad row fails the whole import -------------------------------------------------------


def test_unknown_indicator_is_refused_and_nothing_is_written(real_councils, write_file):
    """Issue 3 §2: one bad row (an indicator with no definition) fails the whole import and
    writes nothing: no value, no indicator, no comparison."""
    path = write_file("values.csv", csv_text(LONG_HEADER, [*GOOD_ROWS[:2]]))

    data_import = import_long(path)

    problem = _problem(data_import)
    assert problem == {
        "row": 2,
        "column": "indicator",
        "value": "T-PCT",
        "reason": resolve.UNKNOWN_INDICATOR,
    }
    _nothing_written(indicators=0)


@pytest.mark.parametrize(
    ("authority", "column_value"),
    [("999", "999"), ("E06009999", "E06009999"), ("E10000099", "E10000099")],
)
def test_unknown_council_code_is_refused_and_nothing_is_written(
    defined, write_file, authority, column_value
):
    """Issue 3 §2: every bad row is reported with row, column, value and reason, and one bad
    row (a council we do not know) fails the whole import."""
    rows = [*GOOD_ROWS, (authority, "T-PCT", "2025", "50.0", "", "")]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert _problem(data_import) == {
        "row": 7,
        "column": "authority",
        "value": column_value,
        "reason": resolve.UNKNOWN_COUNCIL,
    }
    _nothing_written()


def test_a_value_that_is_not_a_number_is_refused(defined, write_file):
    """Issue 3 §2: a bad value fails the whole import; the problem names row, column, value."""
    rows = [*GOOD_ROWS[:2], ("857", "T-PCT", "2025", "7O.5", "", "")]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert _problem(data_import) == {
        "row": 4,
        "column": "value",
        "value": "7O.5",
        "reason": NOT_A_NUMBER,
    }
    _nothing_written()


def test_an_unreadable_period_with_a_value_is_refused(defined, write_file):
    """Issue 3 §2: a period we cannot read, on a row with a value, fails the import."""
    rows = [*GOOD_ROWS[:2], ("857", "T-PCT", "Spring 2025", "50.0", "", "")]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert _problem(data_import) == {
        "row": 4,
        "column": "period",
        "value": "Spring 2025",
        "reason": resolve.BAD_PERIOD,
    }
    _nothing_written()


def test_an_unreadable_period_without_a_value_is_left_out_with_a_note(defined, write_file):
    """LAIT carries rows of period "0" with no value: they carry nothing, so they are left out,
    counted and said so, rather than refusing the file."""
    rows = [*GOOD_ROWS[:2], ("857", "T-PCT", "0", "", "", "")]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert data_import.status == "done", data_import.problems
    assert data_import.rows_skipped == 1
    assert resolve.UNREADABLE_EMPTY_LEFT_OUT.format(count=1) in data_import.notes
    assert Observation.objects.count() == 2


def test_a_numerator_above_its_denominator_is_refused_for_a_percentage(defined, write_file):
    """Issue 3 §2: a percentage's numerator cannot exceed its denominator; the row is refused
    (a rate's may, so the same counts pass for T-RATE)."""
    rows = [
        ("855", "T-PCT", "2025", "80.0", "120", "100"),
        ("855", "T-RATE", "2025", "12000", "120", "100"),
    ]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert _problem(data_import) == {
        "row": 2,
        "column": "numerator",
        "value": "120",
        "reason": resolve.NUMERATOR_OVER_DENOMINATOR,
    }
    _nothing_written()


def test_every_bad_row_is_reported_not_only_the_first(defined, write_file):
    """Issue 3 §2: every bad row is reported (with row, column, value and reason)."""
    rows = [
        ("999", "T-PCT", "2025", "50.0", "", ""),
        ("855", "NOPE", "2025", "50.0", "", ""),
        ("856", "T-PCT", "Spring", "50.0", "", ""),
    ]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert data_import.status == "failed"
    found = [(p["row"], p["column"], p["value"]) for p in data_import.problems]
    assert found == [(2, "authority", "999"), (3, "indicator", "NOPE"), (4, "period", "Spring")]
    assert all(p["reason"] for p in data_import.problems)
    _nothing_written()


def test_a_refused_revision_leaves_the_earlier_values_as_they_were(defined, write_file):
    """Issue 3 §2: one bad row in a revised release fails it whole: nothing is superseded."""
    import_long(write_file("v1.csv", csv_text(LONG_HEADER, GOOD_ROWS)))
    before = list(Observation.objects.order_by("pk").values_list("pk", "value", "is_current"))
    comparisons = list(Comparison.objects.order_by("pk").values_list("pk", "value"))

    rows = [("855", "T-PCT", "2025", "90.0", "90", "100"), *GOOD_ROWS[1:]]
    rows.append(("855", "T-PCT", "2024", "not known", "", ""))
    data_import = import_long(write_file("v2.csv", csv_text(LONG_HEADER, rows)))

    assert data_import.status == "failed"
    after = list(Observation.objects.order_by("pk").values_list("pk", "value", "is_current"))
    assert after == before
    assert list(Comparison.objects.order_by("pk").values_list("pk", "value")) == comparisons


def test_a_file_refused_after_its_definitions_were_read_leaves_no_indicator(
    real_councils, tmp_path
):
    """Issue 3 §2: a Fingertips export defines its own indicators; when one row names an
    unknown area the whole file is refused and no indicator is left behind either."""
    text = FINGERTIPS_SAMPLE.read_text(encoding="utf-8").replace("E06000017", "E06009999")
    path = tmp_path / "fingertips.csv"
    path.write_text(text, encoding="utf-8")

    data_import = observations_import(actor=None, path=path, file_format="fingertips")

    assert data_import.status == "failed"
    assert {p["value"] for p in data_import.problems} == {"E06009999"}
    assert {p["column"] for p in data_import.problems} == {"Area Code"}
    _nothing_written(indicators=0)
    assert not AuditEntry.objects.filter(verb="performance.indicators_defined").exists()


def test_the_fingertips_sample_imports_one_indicator_per_breakdown(real_councils):
    """Issue 3 §2: a Fingertips export with several sexes or ages becomes one indicator per
    breakdown; England and the region are kept as published comparators."""
    data_import = observations_import(actor=None, path=FINGERTIPS_SAMPLE, file_format="fingertips")

    assert data_import.status == "done", data_import.problems
    assert data_import.indicators_created == Indicator.objects.count() == 3
    assert Observation.objects.filter(area_kind="england").count() == 6
    assert not Comparison.objects.filter(england_computed=True).exists()


# --- re-imports and revisions -----------------------------------------------------------------


def test_re_importing_the_same_file_changes_nothing(defined, write_file):
    """Issue 3 §2: re-importing the same file changes nothing."""
    path = write_file("values.csv", csv_text(LONG_HEADER, GOOD_ROWS))
    first = import_long(path)
    rows = list(Observation.objects.order_by("pk").values_list())
    comparisons = list(Comparison.objects.order_by("pk").values_list())
    imports_before, audit_before = DataImport.objects.count(), AuditEntry.objects.count()

    again = import_long(path)

    assert again.pk == first.pk
    assert again.already_imported
    assert "imported before" in again.already_message
    assert list(Observation.objects.order_by("pk").values_list()) == rows
    assert list(Comparison.objects.order_by("pk").values_list()) == comparisons
    assert DataImport.objects.count() == imports_before
    assert AuditEntry.objects.count() == audit_before


def test_a_revised_release_replaces_a_value_and_keeps_the_old_one_as_history(
    defined, write_file, administrator, hmi
):
    """Issue 3 §2: a revised release replaces values but keeps the earlier ones as history,
    with provenance (file, checksum, who, when) on every value."""
    first = import_long(write_file("v1.csv", csv_text(LONG_HEADER, GOOD_ROWS)), actor=hmi)
    old = Observation.objects.get(council__la_number="856")
    revised_rows = [GOOD_ROWS[0], ("856", "T-PCT", "2025", "64.0", "32", "50"), *GOOD_ROWS[2:]]

    second = import_long(
        write_file("v2.csv", csv_text(LONG_HEADER, revised_rows)), actor=administrator
    )

    assert second.status == "done", second.problems
    assert (second.values_created, second.values_revised, second.values_unchanged) == (0, 1, 4)
    old.refresh_from_db()
    assert (old.value, old.is_current) == (60.0, False)
    assert old.superseded_by == second
    assert old.data_import == first
    new = Observation.objects.get(council__la_number="856", is_current=True)
    assert (new.value, new.numerator, new.denominator) == (64.0, 32.0, 50.0)
    assert new.data_import == second
    assert new.data_import.imported_by == administrator
    assert new.data_import.file_name == "v2.csv"
    assert Observation.objects.count() == 6
    # The other four values keep the first file as their provenance.
    assert set(
        Observation.objects.filter(is_current=True)
        .exclude(pk=new.pk)
        .values_list("data_import", flat=True)
    ) == {first.pk}
    assert Comparison.objects.get(council__la_number="856").value == 64.0


# --- councils by any of their codes -----------------------------------------------------------


def test_councils_are_matched_by_la_number_current_and_former_ons_code(defined, write_file):
    """Issue 3 §2: councils are matched by LA number or ONS code, including former codes
    (Buckinghamshire used E10000002 until it became a unitary, E06000060, LA 825)."""
    rows = [
        ("E10000002", "T-PCT", "2019", "50.0", "", ""),  # former county code
        ("E06000060", "T-PCT", "2021", "52.0", "", ""),  # current code
        ("825", "T-PCT", "2022", "54.0", "", ""),  # LA number
        ("E10000018", "T-PCT", "2022", "61.0", "", ""),  # Leicestershire's ONS code
    ]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert data_import.status == "done", data_import.problems
    found = dict(
        Observation.objects.values_list("period", "council__la_number").filter(
            council__la_number="825"
        )
    )
    assert found == {"2019": "825", "2021": "825", "2022": "825"}
    assert Observation.objects.get(council__la_number="855").value == 61.0


# --- England computed where the file has none -------------------------------------------------


def test_england_is_computed_from_counts_when_the_file_has_none_and_says_so(defined, write_file):
    """Issue 3 §2: where a file has no England or regional rows, England's and the regions'
    figures are computed from the councils' numerators and denominators, and say so."""
    rows = [
        ("855", "T-PCT", "2025", "80.0", "80", "100"),
        ("856", "T-PCT", "2025", "60.0", "30", "50"),
        ("330", "T-PCT", "2025", "25.0", "50", "200"),  # West Midlands
        ("331", "T-PCT", "2025", "40.0", "", ""),  # no counts: left out of the sums
    ]
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert data_import.status == "done", data_import.problems
    assert resolve.NO_PUBLISHED_COMPARATORS.format(count=1) in data_import.notes
    assert not Observation.objects.exclude(area_kind="council").exists()
    leicestershire = Comparison.objects.get(council__la_number="855")
    # England: (80 + 30 + 50) / (100 + 50 + 200) = 160 / 350 = 45.714...%
    assert leicestershire.england == pytest.approx(100 * 160 / 350)
    assert leicestershire.england_computed
    # East Midlands: (80 + 30) / (100 + 50) = 73.33...%
    assert leicestershire.region == pytest.approx(100 * 110 / 150)
    assert leicestershire.region_computed
    coventry = Comparison.objects.get(council__la_number="331")
    assert coventry.region == pytest.approx(25.0) and coventry.region_computed


# --- the real Explore Education Statistics file -----------------------------------------------


def test_real_ees_file_with_its_mapping_gives_leicestershire_47_per_10000(
    real_councils, shared_data
):
    """Issue 3 §2 and the worked check of ../shared/data/README.md: Leicestershire (855),
    children looked after at 31 March 2025: 694 in a 0-17 population of 147,439, a rate of
    694 / 147,439 x 10,000 = 47.07, published as 47 per 10,000."""
    path = shared_data / "ees" / "cla_number_and_rate_per_10k_children.csv"

    data_import = observations_import(
        actor=None, path=path, file_format="ees", companion=EES_CLA_MAPPING
    )

    assert data_import.status == "done", data_import.problems[:5]
    assert data_import.indicators_created == 3
    value = Observation.objects.get(
        indicator__code="ees-cla-rate", council__la_number="855", period="2025"
    )
    assert (value.value, value.numerator, value.denominator) == (47.0, 694.0, 147439.0)
    assert round(694 / 147439 * 10000) == 47
    comparison = Comparison.objects.get(
        indicator__code="ees-cla-rate", council__la_number="855", period="2025"
    )
    assert comparison.england == 67.0 and not comparison.england_computed
    assert comparison.region is not None and not comparison.region_computed
    # Byar's interval around 694 / 147,439 x 10,000 lies either side of the value.
    assert comparison.ci95_lower < 694 / 147439 * 10000 < comparison.ci95_upper
    assert comparison.vs_england == "lower"  # polarity "none": lower, not "better"
    # Inner and Outer London, published at EES's regional level, are not regions.
    assert any("Inner and Outer London" in note for note in data_import.notes)


# --- the audit trail --------------------------------------------------------------------------


def test_every_import_and_every_refusal_is_in_the_audit_trail(defined, write_file, administrator):
    """Issue 3 §2 with the quality bar's audit trail: an entry for each import (who, file,
    checksum) and for each refusal."""
    good = import_long(
        write_file("good.csv", csv_text(LONG_HEADER, GOOD_ROWS)), actor=administrator
    )
    bad = import_long(
        write_file("bad.csv", csv_text(LONG_HEADER, [("999", "T-PCT", "2025", "1", "", "")])),
        actor=administrator,
    )

    imported = AuditEntry.objects.get(verb="performance.data_imported", target_id=str(good.pk))
    assert imported.actor == administrator
    assert imported.after["file"] == "good.csv"
    assert imported.after["checksum"] == good.checksum
    assert imported.after["created"] == 5
    refused = AuditEntry.objects.get(verb="performance.data_refused", target_id=str(bad.pk))
    assert refused.actor == administrator
    assert refused.after == {"problems": 1, "file": "bad.csv"}
    # The definitions file before them is audited too (the indicators it added).
    defined_entry = AuditEntry.objects.get(verb="performance.indicators_defined")
    assert defined_entry.after["codes"] == ["T-PCT", "T-RATE"]
    assert AuditEntry.objects.filter(verb="performance.data_imported").count() == 2


# --- revised definitions ----------------------------------------------------------------------


def test_a_revised_definition_recomputes_the_stored_comparisons(defined, write_file):
    """Issue 3 §1-§3: a definitions file changes known indicators (audited), and the
    comparisons that rest on the definition (rank and band by polarity) follow at once."""
    import_long(write_file("values.csv", csv_text(LONG_HEADER, GOOD_ROWS)))
    assert Comparison.objects.get(council__la_number="855").rank == 1  # 80% is best, high

    revised = DEFINITIONS.replace("staying_safe,high,percentage", "staying_safe,low,percentage")
    data_import = import_definitions(write_file("definitions-v2.csv", revised))

    assert data_import.status == "done"
    assert Indicator.objects.get(code="T-PCT").polarity == "low"
    change = AuditEntry.objects.get(verb="performance.indicator_changed")
    assert (change.before, change.after) == ({"polarity": "high"}, {"polarity": "low"})
    ranks = dict(Comparison.objects.values_list("council__la_number", "rank"))
    assert ranks == {"855": 2, "856": 1, "857": None}  # 60% is now the better value


@pytest.mark.xfail(
    strict=True,
    reason="importers/long.py refuses a file on its own problems (a value that is not a "
    "number) before the Django side can look up councils and indicators, so a file with both "
    "kinds reports only the first kind: the user learns of the unknown council only after "
    "correcting the value and importing again",
)
def test_problems_of_both_kinds_are_reported_together(defined, write_file):
    """Issue 3 §2: every bad row is reported, whichever check finds it."""
    rows = [*GOOD_ROWS, ("999", "T-PCT", "2025", "50.0", "", ""),
            ("855", "T-PCT", "2024", "lots", "", "")]  # fmt: skip
    data_import = import_long(write_file("values.csv", csv_text(LONG_HEADER, rows)))

    assert [(p["row"], p["column"]) for p in data_import.problems] == [
        (7, "authority"),
        (8, "value"),
    ]


# --- what the database would refuse -----------------------------------------------------------


def test_a_definition_longer_than_its_column_is_refused_not_crashed(real_councils, write_file):
    """Issue 3 §2: a bad row is a reported problem. An indicator code longer than its column
    (80 characters) would be cut short by SQLite and refused by PostgreSQL mid-import."""
    code = "X" * 81
    path = write_file(
        "definitions.csv",
        csv_text(DEFINITIONS_HEADER, [(code, "Long code", "staying_safe", "high", "percentage",
                                       100, 1)]),
    )  # fmt: skip

    data_import = observations_import(actor=None, path=path, file_format="definitions")

    assert data_import.status == "failed"
    assert data_import.problems == [
        {"row": None, "column": "code", "value": code,
         "reason": "is longer than 80 characters."}
    ]  # fmt: skip
    assert Indicator.objects.count() == 0


def test_an_unexpected_error_marks_the_import_failed_not_running_for_ever(
    defined, write_file, monkeypatch
):
    """Issue 3 §2: the import page shows progress while an import runs; an import that stops
    on an unexpected error must say so rather than show "Importing" for ever, and write
    nothing."""

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "comparisons_plan_read", broken)
    path = write_file("values.csv", csv_text(LONG_HEADER, GOOD_ROWS))

    with pytest.raises(RuntimeError, match="disk full"):
        import_long(path)

    data_import = DataImport.objects.get(file_name="values.csv")
    assert data_import.status == "failed"
    assert data_import.finished_at is not None
    assert data_import.problems[0]["reason"] == imports.UNEXPECTED_ERROR
    assert Observation.objects.count() == 0
    # Once the cause is mended, the same file imports (a failed import is no earlier import).
    monkeypatch.undo()
    assert import_long(path).status == "done"
