"""Reads of the annual rating (issue 10 §2): the limits in force for a council's year from the
other parts' findings, and the rating as a reader may see it."""

from ecm.caa.rating.limits import AppliedLimit, applied_limits, highest_allowed, rules_for
from ecm.caa.rating.models import RATING_YEAR, AnnualRating, RatingStage
from ecm.caa.safeguarding.selectors import findings_for_rating
from ecm.caa.unannounced.selectors import outcome_for_rating
from ecm.framework.models import Grade


def limits_for(*, council, year: int, outcome_grades: dict[str, int]) -> list[AppliedLimit]:
    """The limits that apply now: the inspectors' outcome judgements, the unannounced
    inspection's letter and the published safeguarding inspections of the year."""
    return applied_limits(
        rules_for(year),
        outcome_grades=outcome_grades,
        unannounced=outcome_for_rating(council=council, year=year),
        safeguarding=findings_for_rating(council=council, year=year),
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


__all__ = ["council_panel", "highest_allowed", "limits_for", "rating_of", "rating_visible"]
