"""Setting up a round from its plan (issue 8 §1; 002 §B item 1): blocks and their windows,
meeting dates with timing requests, the HMI and BRM with the Lead, the readers and the council
contacts, imported all or nothing from CSV or Excel and exported back."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from ecm.apa.models import Assessment, Assignment, AssignmentRole
from ecm.audit.models import AuditEntry
from ecm.authorities.imports.problems import DataFileError
from ecm.core.spreadsheets import rows_csv, rows_xlsx
from ecm.programme import plan_file
from ecm.programme.models import Block, CouncilPlan
from ecm.programme.plan_file import read_plan
from ecm.programme.services import plan as plan_services
from ecm.programme.services.plan import plan_import, plan_rows

pytestmark = pytest.mark.django_db


def good_row(assessment, hmi, brm, reader, **extra) -> dict:
    return {
        "la_number": assessment.council.la_number,
        "council": assessment.council.name,
        "block": 2,
        "analysis_starts": "2007-06-11",
        "analysis_ends": "06/07/2007",
        "meeting_date": "2007-07-10",
        "timing_request": "Not on a Monday",
        "hmi_email": hmi.email,
        "brm_email": brm.email,
        "lead": "brm",
        "management_reader_email": reader.email,
        "link_officer_name": "Lesley Link",
        "link_officer_email": "lesley@council.example",
        "link_officer_telephone": "0114 000 0000",
        "director_name": "Dana Director",
        **extra,
    }


def test_a_plan_sets_blocks_meetings_people_and_contacts_002_B_1(
    assessment, hmi, brm, reader, administrator, plan_of
):
    plan = plan_of([good_row(assessment, hmi, brm, reader)])
    assert not plan.problems
    result = plan_import(actor=administrator, assessment_round=assessment.round, plan=plan)
    assert result.changed and result.plans_changed == 1 and result.blocks_changed == 1
    block = Block.objects.get(round=assessment.round, number=2)
    assert (block.analysis_starts, block.analysis_ends) == (date(2007, 6, 11), date(2007, 7, 6))
    line = CouncilPlan.objects.get(assessment=assessment)
    assert line.block == block and line.meeting_on == date(2007, 7, 10)
    assert line.timing_request == "Not on a Monday" and line.director_name == "Dana Director"
    roles = {a.role: a for a in Assignment.objects.filter(assessment=assessment)}
    assert roles[AssignmentRole.BRM].is_lead and not roles[AssignmentRole.HMI].is_lead
    assert roles[AssignmentRole.MANAGEMENT_READER].user == reader
    assert AuditEntry.objects.filter(verb="round.plan_imported").count() == 1
    assert AuditEntry.objects.filter(verb="plan.changed", target_id=str(assessment.pk)).exists()


def test_the_same_plan_imported_again_changes_nothing(
    assessment, hmi, brm, reader, administrator, plan_of
):
    rows = [good_row(assessment, hmi, brm, reader)]
    plan_import(actor=administrator, assessment_round=assessment.round, plan=plan_of(rows))
    audits = AuditEntry.objects.count()
    again = plan_import(actor=administrator, assessment_round=assessment.round, plan=plan_of(rows))
    assert not again.changed
    assert AuditEntry.objects.count() == audits + 1  # the import itself, and nothing else


def test_a_council_not_yet_in_the_round_is_added(assessment, other_council, administrator, plan_of):
    plan = plan_of([{"la_number": other_council.la_number}])
    result = plan_import(actor=administrator, assessment_round=assessment.round, plan=plan)
    assert result.added_to_round == 1
    assert Assessment.objects.filter(round=assessment.round, council=other_council).exists()


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"la_number": "999"}, "la_number", plan_services.UNKNOWN_COUNCIL),
        ({"meeting_date": "2007-07-14"}, "meeting_date", "not a working day (Saturday)"),
        ({"meeting_date": "2007-08-27"}, "meeting_date", "Summer Bank Holiday"),
        ({"meeting_date": "2007-06-04"}, "meeting_date", "before the council's analysis starts"),
        (
            {"meeting_date": "2007-08-02", "timing_request": ""},
            "meeting_date",
            "give the timing request",
        ),
        ({"hmi_email": "nobody@ofsted.example"}, "hmi_email", plan_services.NO_PERSON),
        ({"lead": "boss"}, "lead", plan_file.BAD_LEAD),
        ({"meeting_date": "10th July"}, "meeting_date", plan_file.BAD_DATE),
        ({"block": "two"}, "block", plan_file.BAD_BLOCK),
        ({"analysis_ends": "2007-06-01"}, "analysis_ends", plan_file.WINDOW_ORDER),
        ({"link_officer_email": "lesley at council"}, "link_officer_email", plan_file.BAD_EMAIL),
    ],
)
def test_a_bad_plan_is_refused_whole_with_row_column_value_and_reason(
    assessment, hmi, brm, reader, administrator, plan_of, change, column, reason
):
    """Quality bar: imports are all or nothing and report row, column, value and reason."""
    rows = [good_row(assessment, hmi, brm, reader, **change)]
    with pytest.raises(DataFileError) as refused:
        plan_import(actor=administrator, assessment_round=assessment.round, plan=plan_of(rows))
    found = [p for p in refused.value.problems if p.column == column]
    assert found, refused.value.problems
    assert found[0].row == 2 and reason in found[0].reason
    assert not CouncilPlan.objects.exists() and not Block.objects.exists()
    assert not AuditEntry.objects.filter(verb="round.plan_imported").exists()


def test_a_person_without_the_role_is_refused_with_what_to_do(
    assessment, hmi, brm, reader, administrator, plan_of
):
    rows = [good_row(assessment, hmi, brm, reader, hmi_email=brm.email, brm_email=hmi.email)]
    with pytest.raises(DataFileError) as refused:
        plan_import(actor=administrator, assessment_round=assessment.round, plan=plan_of(rows))
    reasons = {p.column: p.reason for p in refused.value.problems}
    assert "is not Ofsted inspector (HMI)" in reasons["hmi_email"]
    assert "People and roles" in reasons["hmi_email"]


def test_one_bad_row_among_good_ones_writes_nothing(
    assessment, other_assessment, hmi, brm, reader, administrator, plan_of
):
    rows = [
        good_row(assessment, hmi, brm, reader),
        good_row(other_assessment, hmi, brm, reader, meeting_date="2007-07-15"),
    ]
    with pytest.raises(DataFileError) as refused:
        plan_import(actor=administrator, assessment_round=assessment.round, plan=plan_of(rows))
    assert [p.row for p in refused.value.problems] == [3]
    assert not CouncilPlan.objects.exists()
    assert not Assignment.objects.filter(role=AssignmentRole.MANAGEMENT_READER).exists()


def test_a_block_with_two_windows_or_none_is_refused(
    assessment, other_assessment, hmi, brm, reader, plan_of
):
    rows = [
        good_row(assessment, hmi, brm, reader),
        good_row(other_assessment, hmi, brm, reader, analysis_starts="2007-06-12"),
        {"la_number": "123", "block": 5},
    ]
    plan = plan_of(rows)
    reasons = [(p.row, p.reason) for p in plan.problems]
    assert any(r == 3 and "every council of a block shares one window" in t for r, t in reasons)
    assert any(r == 4 and "Give block 5's analysis window" in t for r, t in reasons)


def test_the_same_council_twice_and_unknown_columns_are_refused(plan_of, assessment):
    columns = (*plan_file.COLUMNS, "favourite_colour")
    plan = plan_of(
        [{"la_number": assessment.council.la_number}, {"la_number": assessment.council.la_number}],
        columns=columns,
    )
    reasons = {(p.row, p.column): p.reason for p in plan.problems}
    assert "favourite_colour" in str(plan.problems[0]) or (1, "favourite_colour") in reasons
    assert "twice (first at row 2)" in reasons[(3, "la_number")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary", "control character (NUL)"),
        (b"PK\x03\x04not really a workbook", plan_file.NOT_A_PLAN),
        (b"council,block\nX,1\n", "lacks the columns la_number"),
        (b"x" * (2 * 1024 * 1024 + 1), "The file is over 2 MB"),
    ],
    ids=["binary", "fake-xlsx", "no-la-number", "too-big"],
)
def test_a_file_that_is_not_a_plan_is_refused_by_its_content(data, reason):
    """Quality bar: uploads are checked by content and size."""
    plan = read_plan("upload.csv", data)
    assert plan.problems and reason in plan.problems[0].reason


def test_an_excel_plan_with_real_date_cells_imports(assessment, hmi, brm, reader, administrator):
    book = Workbook()
    sheet = book.active
    sheet.append(list(plan_file.COLUMNS))
    row = good_row(assessment, hmi, brm, reader)
    row.update(analysis_starts=date(2007, 6, 11), analysis_ends=date(2007, 7, 6))
    row.update(meeting_date=date(2007, 7, 10), block=2.0)  # Excel numbers are floats
    sheet.append([row.get(c, None) for c in plan_file.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = read_plan("plan.xlsx", buffer.getvalue())
    assert not plan.problems, plan.problems
    plan_import(actor=administrator, assessment_round=assessment.round, plan=plan)
    assert CouncilPlan.objects.get(assessment=assessment).meeting_on == date(2007, 7, 10)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exported_plan_imports_back_unchanged(
    fmt, assessment, other_assessment, hmi, brm, reader, administrator, plan_of
):
    """002 §B item 1: the plan goes out as a spreadsheet and comes back in the same columns."""
    plan_import(
        actor=administrator,
        assessment_round=assessment.round,
        plan=plan_of([good_row(assessment, hmi, brm, reader)]),
    )
    rows = plan_rows(assessment_round=assessment.round)
    assert rows[0] == list(plan_file.COLUMNS)
    data = rows_csv(rows) if fmt == "csv" else rows_xlsx(rows, title="plan")
    again = read_plan(f"plan.{fmt}", data)
    assert not again.problems, again.problems
    result = plan_import(actor=administrator, assessment_round=assessment.round, plan=again)
    assert not result.changed


def test_only_the_programme_administrator_imports(assessment, hmi, plan_of):
    with pytest.raises(Exception, match="Only a programme administrator"):
        plan_import(
            actor=hmi,
            assessment_round=assessment.round,
            plan=plan_of([{"la_number": assessment.council.la_number}]),
        )
