"""The round's final ratings for the Audit Commission (issue 7 §4; 002 §A, §J; DOMAIN.md §7):
grades only from published final letters, rating changes after a representation applied and
marked, columns that follow the round's judgement set, and CSV and XLSX exports that hold the
same rows and cannot run as formulas."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from ecm.accounts.roles import Role
from ecm.analysis.selectors import required_judgements
from ecm.apa import services as apa_services
from ecm.apa.models import AssessmentRound, AssignmentRole
from ecm.authorities.tests.factories import CouncilFactory
from ecm.letters.models import RoundSocialCareValidation
from ecm.letters.ratings import (
    NOT_PUBLISHED,
    ratings_csv,
    ratings_xlsx,
    round_ratings,
)
from ecm.letters.services import letter_assemble
from ecm.letters.services.final import round_social_care_validate
from ecm.letters.services.reader_answers import reader_answer_record
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.tests.fixtures import placeholders_fill
from ecm.letters.tests.stage_fixtures import TO_DRAFT_LETTER
from ecm.letters.workflow import LetterStage
from ecm.representations.models import (
    RatingChange,
    Representation,
    RepresentationStatus,
    RepresentedJudgement,
)

FIXED_COLUMNS = 5  # LA number, ONS code, council, region, published
CHANGE_COLUMNS = 3  # changed after representation, changed on, changes


@pytest.fixture
def published_letter(letter, advance):
    """The 2007 letter of `council`, every Step 4 judgement at grade 3, taken through every
    stage to publication (002 §I)."""
    advance(letter, LetterStage.PUBLISHED)
    letter.assessment.refresh_from_db()
    return letter


@pytest.fixture
def publish(hmi, brm, management_reader, csci_manager, administrator, write_notebook, make_user):
    """Take a further council's assessment from its notebook to a published letter, each move
    by the right person (as `advance`, with that council's own link officer)."""
    order = list(LetterStage)

    def run(assessment, **notebook):
        officer = make_user(Role.LINK_OFFICER, council=assessment.council)
        write_notebook(assessment, **notebook)
        letter = letter_assemble(actor=hmi, assessment=assessment)
        for status in TO_DRAFT_LETTER:
            apa_services.assessment_change_status(actor=None, assessment=assessment, to=status)
        for user, role in (
            (management_reader, AssignmentRole.MANAGEMENT_READER),
            (csci_manager, AssignmentRole.CSCI_MANAGER),
        ):
            apa_services.assessment_assign(actor=None, assessment=assessment, user=user, role=role)
        placeholders_fill(letter, hmi)
        letter.refresh_from_db()
        while letter.stage != LetterStage.PUBLISHED:
            stage = LetterStage(letter.stage)
            following = order[order.index(stage) + 1]
            if stage == LetterStage.ASSEMBLED:
                letter_change_stage(actor=brm, letter=letter, to=following)
            elif stage == LetterStage.WITH_READERS:
                for reader in (management_reader, csci_manager):
                    reader_answer_record(actor=reader, letter=letter, action="", can_send=True)
            elif stage == LetterStage.WITH_COUNCIL:
                letter_change_stage(actor=officer, letter=letter, to=following)
            elif stage == LetterStage.FINAL:
                letter_change_stage(actor=administrator, letter=letter, to=following)
            elif stage == LetterStage.PROOF_READ:
                letter_change_stage(actor=csci_manager, letter=letter, to=following)
            else:
                if following == LetterStage.FINAL and not (
                    RoundSocialCareValidation.objects.filter(round_id=assessment.round_id).exists()
                ):
                    round_social_care_validate(
                        actor=administrator, assessment_round=assessment.round
                    )
                letter_change_stage(actor=hmi, letter=letter, to=following)
            letter.refresh_from_db()
        return letter

    return run


def change_rating(on, *, code: str, before: int, after: int, by) -> RatingChange:
    """A decided representation against one judgement and the rating change it recorded, as
    ecm.representations.services.representation_decide records them (002 §J)."""
    judgement = next(j for j in required_judgements(on) if j.code == code)
    representation = Representation.objects.create(
        assessment=on,
        judgement=RepresentedJudgement.CHILDREN_SERVICES,
        judgement_urn=judgement.urn,
        judgement_title=judgement.title,
        status=RepresentationStatus.DECIDED,
        upheld=True,
        grade_before=before,
        grade_after=after,
        justification="Strengths under-weighted",
        decided_by=by,
        decided_on=timezone.localdate(),
    )
    return RatingChange.objects.create(
        assessment=on,
        representation=representation,
        judgement_urn=judgement.urn,
        judgement_title=judgement.title,
        grade_before=before,
        grade_after=after,
        recorded_by=by,
    )


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_rows(data: bytes) -> list[list[str]]:
    """The workbook's cells as the CSV writes them: dates in ISO form, numbers as text."""
    sheet = load_workbook(io.BytesIO(data)).active
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(
            [
                ""
                if v is None
                else v.date().isoformat()
                if hasattr(v, "date")
                else v.isoformat()
                if hasattr(v, "isoformat")
                else str(v)
                for v in row
            ]
        )
    return rows


def by_council(ratings, name):
    return next(c for c in ratings.councils if c.council == name)


# Grades only from publication (002 §A) ------------------------------------------------------


def test_grades_only_for_published_letters_002_A(
    published_letter,
    make_assessment,
    other_council,
    council,
):
    """002 §A: grades are published only with the final letter. The published council carries
    the final rendition's seven grades in order; a council whose letter is not published is
    listed as not published with no grade, in the round page's data and in both exports."""
    make_assessment(council=other_council)  # in the same 2007 round, no letter yet
    ratings = round_ratings(assessment_round=published_letter.assessment.round)

    published = by_council(ratings, council.name)
    final = published_letter.renditions.order_by("-number").first().content["grades"]
    assert published.published_on == timezone.localdate()
    assert [(r.urn, r.grade, r.words) for r in published.ratings] == [
        (g["urn"], g["grade"], g["words"]) for g in final
    ]
    assert {r.grade for r in published.ratings} == {3}
    assert all(r.change is None for r in published.ratings)

    waiting = by_council(ratings, other_council.name)
    assert not waiting.published
    assert waiting.ratings == ()
    assert not ratings.complete
    assert ratings.published_count == 1

    for rows in (csv_rows(ratings_csv(ratings)), xlsx_rows(ratings_xlsx(ratings))):
        row = next(r for r in rows if r[2] == other_council.name)
        assert row[4] == NOT_PUBLISHED
        assert set(row[FIXED_COLUMNS:]) == {""}
        published_row = next(r for r in rows if r[2] == council.name)
        assert published_row[FIXED_COLUMNS::2][:7] == ["3"] * 7


def test_final_letter_not_yet_published_leaks_no_grade_002_A(letter, advance, council):
    """002 §I stage 3: the final letter carries the grades before it is published; until it is
    published to the council the ratings show none."""
    advance(letter, LetterStage.FINAL)
    assert letter.renditions.order_by("-number").first().content["grades"]
    ratings = round_ratings(assessment_round=letter.assessment.round)
    only = by_council(ratings, council.name)
    assert (only.published, only.ratings) == (False, ())
    assert "3" not in csv_rows(ratings_csv(ratings))[1][FIXED_COLUMNS:]


def test_round_complete_once_every_letter_is_published_issue_7_4(published_letter):
    """Issue 7 §4: the round's ratings publish once its letters are final and published."""
    ratings = round_ratings(assessment_round=published_letter.assessment.round)
    assert ratings.complete
    assert [c.published for c in ratings.councils] == [True]


# Representations (002 §J) -------------------------------------------------------------------


def test_rating_changed_after_representation_applied_and_marked_002_J(
    published_letter, administrator, council
):
    """002 §J: changed ratings are re-published and the change recorded for the Audit
    Commission; the export shows the grade as it stands, its words, and when it changed."""
    graded = published_letter.assessment
    change_rating(graded, code="overall_effectiveness", before=3, after=4, by=administrator)
    ratings = round_ratings(assessment_round=graded.round)
    row = by_council(ratings, council.name)
    changed = [r for r in row.ratings if r.change is not None]
    assert len(changed) == 1
    (rating,) = changed
    assert rating.urn.endswith("overall-effectiveness")
    assert (rating.change.grade_before, rating.grade) == (3, 4)
    assert rating.words and rating.words != next(r.words for r in row.ratings if r.grade == 3)
    assert rating.change.changed_on == timezone.localdate() == row.changed_on

    (csv_row,) = csv_rows(ratings_csv(ratings))[1:]
    header = csv_rows(ratings_csv(ratings))[0]
    column = header.index(f"{rating.title}: grade")
    assert csv_row[column] == "4"
    assert csv_row[-3:] == [
        "yes",
        timezone.localdate().isoformat(),
        f"{rating.title}: 3 to 4 on {timezone.localdate().isoformat()}",
    ]


def test_latest_of_several_changes_counts_002_J(published_letter, administrator):
    """002 §J: a review may change a judgement again; the latest change is the rating."""
    graded = published_letter.assessment
    change_rating(graded, code="overall_effectiveness", before=3, after=2, by=administrator)
    change_rating(graded, code="overall_effectiveness", before=2, after=4, by=administrator)
    (row,) = round_ratings(assessment_round=graded.round).councils
    (rating,) = row.changes
    assert (rating.change.grade_before, rating.grade) == (3, 4)


# Columns follow the round's judgement set (DOMAIN.md §7) ------------------------------------


def test_2007_columns_are_the_seven_judgements_DOMAIN_7(published_letter):
    ratings = round_ratings(assessment_round=published_letter.assessment.round)
    assert len(ratings.judgements) == 7
    header = csv_rows(ratings_csv(ratings))[0]
    assert len(header) == FIXED_COLUMNS + 2 * 7 + CHANGE_COLUMNS
    assert header[:FIXED_COLUMNS] == ["LA number", "ONS code", "Council", "Region", "Published"]
    assert header[FIXED_COLUMNS] == f"{ratings.judgements[0].title}: grade"


def test_2005_columns_are_the_four_judgements_DOMAIN_7(make_assessment, other_council, publish):
    """DOMAIN.md §7: the 2005 set has four judgements (overall, education, social care,
    capacity to improve); the published 2005 letter's four grades fill them in order."""
    on = make_assessment(council=other_council, year=2005)
    publish(on, grades={"overall": 2, "education": 3, "social_care": 2})
    ratings = round_ratings(assessment_round=on.round)
    assert [j.urn.rsplit(":", 1)[1] for j in ratings.judgements] == [
        "overall",
        "education",
        "social-care",
        "capacity-to-improve",
    ]
    (row,) = ratings.councils
    assert [r.grade for r in row.ratings] == [2, 3, 2, 3]
    assert row.ratings[0].words == "delivers only minimum requirements"
    header, data = csv_rows(ratings_csv(ratings))
    assert len(header) == len(data) == FIXED_COLUMNS + 2 * 4 + CHANGE_COLUMNS


# Exports ------------------------------------------------------------------------------------


def test_csv_and_xlsx_hold_the_same_rows_issue_7_4(
    published_letter,
    make_assessment,
    other_council,
    administrator,
):
    """Issue 7 §4: a CSV and an XLSX export of every council's judgements, one row each."""
    make_assessment(council=other_council)
    change_rating(
        published_letter.assessment,
        code="overall_effectiveness",
        before=3,
        after=2,
        by=administrator,
    )
    ratings = round_ratings(assessment_round=published_letter.assessment.round)
    from_csv = csv_rows(ratings_csv(ratings))
    from_xlsx = xlsx_rows(ratings_xlsx(ratings))
    assert from_csv == from_xlsx
    assert len(from_csv) == 1 + 2
    assert {r[2] for r in from_csv[1:]} == {
        c.name for c in (other_council, published_letter.assessment.council)
    }


def test_formula_injection_neutralised_in_both_exports_OWASP(make_assessment):
    """A council name or region a spreadsheet would run as a formula is written as text."""
    hostile = CouncilFactory(name='=HYPERLINK("http://x","y")', region__name="@SUM(A1)")
    make_assessment(council=hostile)
    ratings = round_ratings(assessment_round=hostile.assessments.get().round)
    (row,) = csv_rows(ratings_csv(ratings))[1:]
    assert row[2] == '\'=HYPERLINK("http://x","y")'
    assert row[3] == "'@SUM(A1)"
    sheet = load_workbook(io.BytesIO(ratings_xlsx(ratings))).active
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value.startswith("'=")
    assert sheet["D2"].value.startswith("'@")


# Queries ------------------------------------------------------------------------------------


def test_fixed_number_of_queries_whatever_the_number_of_councils(
    published_letter,
    make_assessment,
    other_council,
    publish,
    administrator,
):
    """The round page and the exports read every council at once: adding councils, published
    or not, and rating changes adds no query."""
    round_id = published_letter.assessment.round_id
    make_assessment(council=other_council)
    with CaptureQueriesContext(connection) as few:
        round_ratings(assessment_round=AssessmentRound.objects.get(pk=round_id))

    publish(make_assessment(council=CouncilFactory()))
    for _ in range(3):
        make_assessment(council=CouncilFactory())
    change_rating(
        published_letter.assessment,
        code="overall_effectiveness",
        before=3,
        after=4,
        by=administrator,
    )
    with CaptureQueriesContext(connection) as many:
        ratings = round_ratings(assessment_round=AssessmentRound.objects.get(pk=round_id))
    assert ratings.published_count == 2
    assert len(ratings.councils) == 6
    assert len(many.captured_queries) == len(few.captured_queries) <= 8


def test_the_round_page_and_downloads_show_published_grades_to_those_who_read_across_councils(
    client, published_letter, make_user, link_officer
):
    """Issue 7 §4: a round page of the published grades and the CSV/XLSX for the Audit
    Commission (002 §A), for the programme and cross-council readers; a council user gets 404
    (it sees its own grades on its assessment, never the round's table)."""
    assessment_round = published_letter.assessment.round
    reader = make_user(Role.MANAGEMENT_READER)
    client.force_login(reader)
    page = client.get(f"/rounds/{assessment_round.pk}/ratings/")
    assert page.status_code == 200
    text = page.content.decode()
    assert published_letter.assessment.council.name in text
    assert "Every council's final letter" in text
    download = client.get(f"/rounds/{assessment_round.pk}/ratings.csv")
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[1][2] == published_letter.assessment.council.name
    assert client.get(f"/rounds/{assessment_round.pk}/ratings.xlsx").status_code == 200
    assert client.get(f"/rounds/{assessment_round.pk}/ratings.pdf").status_code == 404
    client.force_login(link_officer)
    assert client.get(f"/rounds/{assessment_round.pk}/ratings/").status_code == 404
    assert client.get(f"/rounds/{assessment_round.pk}/ratings.csv").status_code == 404
