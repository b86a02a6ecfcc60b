"""Reads of the annual rating (issue 10 §2): the limits in force for a council's year from the
other parts' findings, the year's key areas (issue 24 §1), the annual questionnaires' results
it may cite (issue 24 §3), and the rating as a reader may see it."""

from dataclasses import dataclass
from datetime import datetime

from ecm.caa.rating.limits import (
    OUTCOMES,
    AppliedLimit,
    applied_limits,
    highest_allowed,
    rules_for,
)
from ecm.caa.rating.models import RATING_YEAR, AnnualRating, RatingKeyAreas, RatingStage
from ecm.caa.safeguarding.selectors import findings_for_rating
from ecm.caa.unannounced.selectors import outcome_for_rating
from ecm.framework.models import Grade
from ecm.surveys.selectors import SurveyResults, survey_results


@dataclass(frozen=True)
class KeyAreas:
    """The year's key areas: the administrator's choice, or the rules file's default (the two
    004 names after its "e.g.")."""

    codes: tuple[str, ...]
    chosen: bool
    by: str = ""
    at: datetime | None = None
    reason: str = ""
    lock_version: int = 0
    source_text: str = ""

    @property
    def titles(self) -> list[str]:
        labels = dict(OUTCOMES)
        return [labels[c] for c in self.codes if c in labels]


def key_areas_for(year: int) -> KeyAreas:
    """004: "Where performance in a key area, e.g. Staying Safe or Enjoying and Achieving is
    inadequate, this will limit the overall grade given": the year's setting."""
    rules = rules_for(year)
    found = RatingKeyAreas.objects.select_related("chosen_by").filter(year=year).first()
    if found is None:
        return KeyAreas(rules.key_areas, False, source_text=rules.key_areas_source_text)
    return KeyAreas(
        tuple(found.key_areas),
        True,
        by=found.chosen_by.get_full_name() or found.chosen_by.email,
        at=found.chosen_at,
        reason=found.reason,
        lock_version=found.lock_version,
        source_text=rules.key_areas_source_text,
    )


def surveys_to_cite(*, council, year: int) -> list[SurveyResults]:
    """The council's annual questionnaires of the year whose results are frozen (closed): what
    the rating may cite as "the views of service users and relevant stakeholders gathered
    through questionnaires" (004)."""
    return [r for r in survey_results(council=council, year=year) if r.closed]


def limits_for(*, council, year: int, outcome_grades: dict[str, int]) -> list[AppliedLimit]:
    """The limits that apply now: the inspectors' outcome judgements, the unannounced
    inspection's letter and the published safeguarding inspections of the year."""
    return applied_limits(
        rules_for(year),
        outcome_grades=outcome_grades,
        unannounced=outcome_for_rating(council=council, year=year),
        safeguarding=findings_for_rating(council=council, year=year),
        key_areas=key_areas_for(year).codes,
    )


def rating_of(*, council, year: int) -> AnnualRating | None:
    return AnnualRating.objects.filter(council=council, year=year).first()


def rating_visible(rating, user) -> bool:
    """The inspectorate sees the draft; the council only the final rating (as the APA letter's
    grades reach it only when published, 002 §A)."""
    return rating is not None and (not user.is_council_user or rating.stage == RatingStage.FINAL)


def council_panel(*, council, user) -> dict:
    rating = rating_of(council=council, year=RATING_YEAR)
    shown = rating_visible(rating, user)
    label = ""
    if shown:
        label = Grade.objects.filter(scale__code="annual_rating", value=rating.rating).values_list(
            "label", flat=True
        ).first() or str(rating.rating)
    return {
        "rating": rating if shown else None,
        "label": label,
        "year": RATING_YEAR,
        "exists": rating is not None,
    }


__all__ = [
    "council_panel",
    "highest_allowed",
    "key_areas_for",
    "limits_for",
    "rating_of",
    "rating_visible",
    "surveys_to_cite",
]
