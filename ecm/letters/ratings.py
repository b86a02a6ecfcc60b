"""A round's final ratings for the Audit Commission (issue 7 §4; 002 §J): every council's
published judgements, with any rating changed after a representation, and their CSV and XLSX
exports for the CPA.

A council's grades come only from the final rendition of a published letter (002 §A: grades
are not published until the final stage); a council whose letter is not published is listed
with no grade at all, so neither the round page nor an export can leak one.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ecm.apa.models import Assessment
from ecm.apa.workflow import GRADES_VISIBLE_TO_COUNCIL, statuses_in_group
from ecm.core.spreadsheets import rows_csv, rows_xlsx, spreadsheet_safe
from ecm.framework.selectors import judgement_set_for
from ecm.letters.models import Letter, LetterSending, Rendition, SendingKind
from ecm.letters.signals import rating_changes
from ecm.letters.workflow import LetterStage

NOT_PUBLISHED = "not published"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class JudgementColumn:
    """One judgement of the round's judgement set (2005: four; 2006: three; 2007-08: seven)."""

    urn: str
    title: str


@dataclass(frozen=True)
class RatingChangeMark:
    """A grade changed after a representation or review (002 §J)."""

    grade_before: int
    changed_on: date


@dataclass(frozen=True)
class Rating:
    """One published judgement: the grade as it stands and its words."""

    urn: str
    title: str
    grade: int
    words: str
    change: RatingChangeMark | None = None


@dataclass(frozen=True)
class CouncilRatings:
    la_number: str
    ons_code: str
    council: str
    region: str
    published_on: date | None
    # In the order of the round's judgement set; None where the final letter has no grade.
    ratings: tuple[Rating | None, ...] = ()

    @property
    def published(self) -> bool:
        return self.published_on is not None

    @property
    def changes(self) -> list[Rating]:
        return [r for r in self.ratings if r is not None and r.change is not None]

    @property
    def changed_on(self) -> date | None:
        """The latest day a rating of this council was changed after a representation."""
        return max((r.change.changed_on for r in self.changes), default=None)


@dataclass(frozen=True)
class RoundRatings:
    assessment_round: object
    judgements: tuple[JudgementColumn, ...]
    councils: tuple[CouncilRatings, ...]

    @property
    def published_count(self) -> int:
        return sum(1 for c in self.councils if c.published)

    @property
    def complete(self) -> bool:
        """Every council's letter of the round is published."""
        return bool(self.councils) and all(c.published for c in self.councils)


def _judgements(assessment_round) -> list:
    """The round's judgement set with each scale's grades (three queries)."""
    judgement_set = judgement_set_for(
        version=assessment_round.framework_version,
        regime=assessment_round.regime,
        year=assessment_round.year,
    )
    if judgement_set is None:
        return []
    return list(
        judgement_set.judgements.select_related("scale")
        .prefetch_related("scale__grades")
        .order_by("order")
    )


def _published_finals(assessment_round) -> dict[int, dict]:
    """{assessment id: {"grades": [...], "published_at": datetime}} for every published letter
    of the round, from the rendition its latest publication sent (one query). The assessment
    must also be at a status whose grades the council sees: both the letter and the APA
    workflow have to agree before a grade is shown."""
    publication = LetterSending.objects.filter(
        letter=OuterRef("letter"), kind=SendingKind.PUBLICATION
    ).order_by("-sent_at", "-pk")
    rows = (
        Rendition.objects.filter(
            letter__assessment__round=assessment_round,
            letter__stage=LetterStage.PUBLISHED,
            letter__assessment__status__in=statuses_in_group(GRADES_VISIBLE_TO_COUNCIL),
        )
        .annotate(published_at=Subquery(publication.values("sent_at")[:1]))
        .filter(number=Subquery(publication.values("rendition_number")[:1]))
        .values("letter__assessment_id", "content__grades", "published_at")
    )
    return {
        row["letter__assessment_id"]: {
            "grades": row["content__grades"] or [],
            "published_at": row["published_at"],
        }
        for row in rows
        if row["published_at"] is not None
    }


def _changes(**lookup) -> list:
    """The rating changes after representations (ecm.letters.signals), oldest first."""
    answers = rating_changes.send(sender=None, **lookup)
    return sorted(
        (change for _, changes in answers for change in changes),
        key=lambda change: (change.recorded_at, change.pk),
    )


def _latest_changes(assessment_round) -> dict[tuple[int, str], object]:
    """{(assessment id, judgement urn): the latest rating change} of the round (one query)."""
    latest = {}
    for change in _changes(assessment_round=assessment_round):
        latest[(change.assessment_id, change.judgement_urn)] = change
    return latest


def _words(judgement, grade: int) -> str:
    for scale_grade in judgement.scale.grades.all():
        if scale_grade.value == grade:
            return scale_grade.wording or scale_grade.label
    return ""


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _rating(judgement, published_grade: dict | None, change) -> Rating | None:
    if change is not None:
        first = published_grade["grade"] if published_grade else change.grade_before
        return Rating(
            urn=judgement.urn,
            title=judgement.title,
            grade=change.grade_after,
            words=_words(judgement, change.grade_after),
            change=RatingChangeMark(grade_before=first, changed_on=_local_date(change.recorded_at)),
        )
    if published_grade is None:
        return None
    return Rating(
        urn=judgement.urn,
        title=judgement.title,
        grade=published_grade["grade"],
        words=published_grade.get("words") or _words(judgement, published_grade["grade"]),
    )


def round_ratings(*, assessment_round) -> RoundRatings:
    """Every council of the round with its published judgements, in the order of the round's
    judgement set, any later rating change applied and marked (002 §J); councils whose letter
    is not published carry no grade. A fixed number of queries, however many councils."""
    judgements = _judgements(assessment_round)
    assessments = list(
        Assessment.objects.filter(round=assessment_round)
        .select_related("council__region")
        .order_by("council__name", "pk")
    )
    finals = _published_finals(assessment_round)
    changes = _latest_changes(assessment_round) if finals else {}
    councils = []
    for assessment in assessments:
        council = assessment.council
        final = finals.get(assessment.pk)
        ratings: tuple[Rating | None, ...] = ()
        if final is not None:
            by_urn = {g["urn"]: g for g in final["grades"]}
            ratings = tuple(
                _rating(j, by_urn.get(j.urn), changes.get((assessment.pk, j.urn)))
                for j in judgements
            )
        councils.append(
            CouncilRatings(
                la_number=council.la_number,
                ons_code=council.ons_code,
                council=council.name,
                region=council.region.name,
                published_on=_local_date(final["published_at"]) if final else None,
                ratings=ratings,
            )
        )
    return RoundRatings(
        assessment_round=assessment_round,
        judgements=tuple(JudgementColumn(urn=j.urn, title=j.title) for j in judgements),
        councils=tuple(councils),
    )


def grades_as_they_stand(*, assessment, grades: list[dict]) -> list[dict]:
    """The published final letter's grades with any later change after a representation
    applied (002 §J: changed ratings are re-published): each grade dict as the rendition keeps
    it, and for a changed one `grade`, `label` and `words` as changed, with `changed_from` and
    `changed_on`. A fixed number of queries, whatever the number of judgements."""
    latest = {}
    for change in _changes(assessment=assessment):
        latest[change.judgement_urn] = change
    if not latest:
        return list(grades)
    scales = {j.urn: j for j in _judgements(assessment.round)}
    stood = []
    for grade in grades:
        change = latest.get(grade["urn"])
        judgement = scales.get(grade["urn"])
        if change is None or judgement is None:
            stood.append(dict(grade))
            continue
        label = next(
            (g.label for g in judgement.scale.grades.all() if g.value == change.grade_after), ""
        )
        stood.append(
            {
                **grade,
                "grade": change.grade_after,
                "label": label,
                "words": _words(judgement, change.grade_after),
                "changed_from": grade["grade"],
                "changed_on": _local_date(change.recorded_at),
            }
        )
    return stood


def published_letters_exist(assessment_round) -> bool:
    """Whether any letter of the round is published (for pages that offer the exports)."""
    return Letter.objects.filter(
        assessment__round=assessment_round, stage=LetterStage.PUBLISHED
    ).exists()


# Exports ---------------------------------------------------------------------------------


def header_row(ratings: RoundRatings) -> list[str]:
    header = ["LA number", "ONS code", "Council", "Region", "Published"]
    for judgement in ratings.judgements:
        header += [f"{judgement.title}: grade", f"{judgement.title}: in words"]
    header += ["Changed after representation", "Changed on", "Changes"]
    return header


def _change_text(rating: Rating) -> str:
    return (
        f"{rating.title}: {rating.change.grade_before} to {rating.grade} "
        f"on {rating.change.changed_on.isoformat()}"
    )


def council_row(council: CouncilRatings, judgement_count: int) -> list:
    """One council as a row: dates as dates and grades as numbers (the CSV writes them as
    text). An unpublished council's row says so and carries no grade."""
    row = [council.la_number, council.ons_code, council.council, council.region]
    if not council.published:
        return row + [NOT_PUBLISHED] + [None, None] * judgement_count + [None, None, None]
    row.append(council.published_on)
    for rating in council.ratings:
        row += [rating.grade, rating.words] if rating is not None else [None, None]
    changes = council.changes
    row += [
        "yes" if changes else "no",
        council.changed_on,
        "; ".join(_change_text(r) for r in changes) or None,
    ]
    return row


def ratings_rows(ratings: RoundRatings) -> list[list]:
    """The header and one row per council, made safe for a spreadsheet."""
    count = len(ratings.judgements)
    rows = [header_row(ratings)] + [council_row(c, count) for c in ratings.councils]
    return [[spreadsheet_safe(cell) for cell in row] for row in rows]


def ratings_csv(ratings: RoundRatings) -> bytes:
    """The round's ratings as CSV (UTF-8 with a byte order mark, for Excel)."""
    return rows_csv(ratings_rows(ratings))


def ratings_xlsx(ratings: RoundRatings) -> bytes:
    """The round's ratings as an Excel workbook: one sheet, a bold frozen header row."""
    return rows_xlsx(ratings_rows(ratings), title=f"APA {ratings.assessment_round.year} ratings")


def ratings_filename(ratings: RoundRatings, extension: str) -> str:
    r = ratings.assessment_round
    return f"{r.regime}-{r.year}-final-ratings.{extension}"
