"""Writes of the annual rating (issue 10 §2; 004 "Annual Rating of Children's Services";
DOMAIN.md §5, §7), each audited. An inspector drafts the rating with its evidence and the
inspectors' judgement of each outcome; the limits are worked out from those judgements and the
inspections' findings, and a rating above a limit is refused with every reason. The programme
administrator or a management reader makes it final, when the limits are checked again (a
letter of serious concerns may have come since the draft)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.caa.rating.limits import OUTCOMES, highest_allowed, rules_for
from ecm.caa.rating.models import (
    RATING_YEAR,
    AnnualRating,
    RatingEvidence,
    RatingKeyAreas,
    RatingStage,
)
from ecm.caa.rating.selectors import key_areas_for, limits_for, surveys_to_cite
from ecm.core.access import NotYourRole
from ecm.core.locking import refuse_if_stale, stale
from ecm.framework.models import Grade

NOT_AN_INSPECTOR = "Only an inspector or the programme administrator drafts the annual rating"
NOT_A_FINALISER = "Only the programme administrator or a management reader makes a rating final"
SAME_PERSON = "The rating is made final by someone other than the inspector who drafted it"
ABOVE_LIMIT = (
    "The rating cannot be above {allowed} ({label}) because: {why}. Choose {allowed} or lower"
)
OUTCOME_MISSING = "Judge each of the five outcomes: {missing}"
NO_EVIDENCE = (
    "Record the evidence the rating rests on: at least one of 004's sources, or cite the annual "
    "questionnaires' results"
)
SURVEY_NOT_CITABLE = (
    "Only a closed annual questionnaire of this council and year can be cited (its results are "
    "then frozen): close the survey first, or leave it out"
)
NOT_THE_ADMINISTRATOR = "Only the programme administrator chooses the year's key areas"
NO_KEY_AREA = "Choose at least one key area: 004 names staying safe and enjoying and achieving"
NOT_AN_OUTCOME = "{code} is not one of the five outcomes"
NO_KEY_AREA_REASON = "Say why these are the year's key areas"
KEY_AREAS_UNCHANGED = "These are already the year's key areas: nothing changed"
KEY_AREAS = "the year's key areas"
UNKNOWN_SOURCE = "{code} is not one of the rating's sources of evidence"
NO_RATIONALE = "Say why the evidence, weighed for significance, gives this rating (004)"
ALREADY_FINAL = "The rating was made final on {day:%-d %B %Y}: it no longer changes"
NOT_ON_SCALE = "Choose a rating from 1 (performs poorly) to 4 (performs excellently)"

RATING = "this rating"  # what a stale save's refusal names


def _label(value: int) -> str:
    found = Grade.objects.filter(scale__code="annual_rating", value=value).first()
    return found.label.lower() if found else str(value)


def _check_limits(*, council, year: int, rating: int, outcome_grades: dict) -> list[dict]:
    limits = limits_for(council=council, year=year, outcome_grades=outcome_grades)
    allowed = highest_allowed(limits)
    if rating > allowed:
        why = "; ".join(f"{limit.why} ({limit.rule.source})" for limit in limits)
        raise ValidationError(
            {"rating": ABOVE_LIMIT.format(allowed=allowed, label=_label(allowed), why=why)}
        )
    return [
        {
            "code": limit.rule.code,
            "cap": limit.rule.cap,
            "why": limit.why,
            "source": limit.rule.source,
            "url": limit.url,
        }
        for limit in limits
    ]


@transaction.atomic
def rating_draft(
    *,
    actor,
    council,
    rating: int,
    outcome_grades: dict[str, int],
    rationale: str,
    evidence: dict[str, str],
    surveys_cited: list[int] | tuple[int, ...] = (),
    year: int = RATING_YEAR,
    expected_lock_version: int | None = None,
) -> AnnualRating:
    """Draft (or redraft) the council's rating for the year. `evidence` maps 004's sources to
    what the inspector found in each; empty notes are left out. `surveys_cited`: the closed
    annual questionnaires of the council's year whose results the rating cites (004: "The
    views of service users and relevant stakeholders gathered through questionnaires"), kept
    as they stood."""
    if not actor.roles & {Role.HMI, Role.BRM, Role.PROGRAMME_ADMINISTRATOR}:
        raise NotYourRole(NOT_AN_INSPECTOR)
    rules = rules_for(year)
    errors = {}
    if rating not in (1, 2, 3, 4):
        errors["rating"] = NOT_ON_SCALE
    missing = [title for code, title in OUTCOMES if outcome_grades.get(code) not in (1, 2, 3, 4)]
    if missing:
        errors["outcome_grades"] = OUTCOME_MISSING.format(missing="; ".join(missing))
    known = {s.code for s in rules.evidence_sources}
    notes = {code: note.strip() for code, note in evidence.items() if note and note.strip()}
    for code in notes:
        if code not in known:
            errors["evidence"] = UNKNOWN_SOURCE.format(code=code)
    citable = {r.pk: r for r in surveys_to_cite(council=council, year=year)}
    if any(pk not in citable for pk in surveys_cited):
        errors["surveys"] = SURVEY_NOT_CITABLE
    if not notes and not surveys_cited:
        errors["evidence"] = NO_EVIDENCE
    if not rationale.strip():
        errors["rationale"] = NO_RATIONALE
    if errors:
        raise ValidationError(errors)
    limits = _check_limits(council=council, year=year, rating=rating, outcome_grades=outcome_grades)
    existing = AnnualRating.objects.select_for_update().filter(council=council, year=year).first()
    before = None
    if existing:
        if existing.stage == RatingStage.FINAL:
            raise ValidationError(ALREADY_FINAL.format(day=existing.finalised_on))
        refuse_if_stale(existing, expected_lock_version, what=RATING)
        before = {"rating": existing.rating, "outcome_grades": existing.outcome_grades}
        record = existing
        record.lock_version += 1
    else:
        if expected_lock_version:  # the page showed a rating that is no longer there
            raise stale(what=RATING)
        record = AnnualRating(council=council, year=year)
    record.rating = rating
    record.outcome_grades = {code: outcome_grades[code] for code, _ in OUTCOMES}
    record.rationale = rationale.strip()
    record.limits = limits
    record.key_areas = list(key_areas_for(year).codes)
    record.surveys_cited = [citable[pk].cited() for pk in sorted(set(surveys_cited))]
    record.drafted_by = actor
    record.save()
    record.evidence.all().delete()
    RatingEvidence.objects.bulk_create(
        RatingEvidence(rating=record, source=code, note=note) for code, note in notes.items()
    )
    audit_record(
        actor=actor,
        verb="caa.rating_drafted",
        target=record,
        before=before,
        after={
            "rating": rating,
            "outcome_grades": record.outcome_grades,
            "limits": [limit["code"] for limit in limits],
            "sources": sorted(notes),
            "key_areas": record.key_areas,
            "surveys_cited": [cited["pk"] for cited in record.surveys_cited],
        },
        reason=record.rationale,
    )
    return record


@transaction.atomic
def rating_finalise(
    *, actor, rating: AnnualRating, on: date | None = None, expected_lock_version: int | None = None
) -> AnnualRating:
    """Make the draft final, checking the limits again against what is known today."""
    if not actor.roles & {Role.PROGRAMME_ADMINISTRATOR, Role.MANAGEMENT_READER}:
        raise NotYourRole(NOT_A_FINALISER)
    record = AnnualRating.objects.select_for_update().get(pk=rating.pk)
    if record.stage == RatingStage.FINAL:
        raise ValidationError(ALREADY_FINAL.format(day=record.finalised_on))
    refuse_if_stale(record, expected_lock_version, what=RATING)
    if record.drafted_by_id == actor.pk:
        raise ValidationError(SAME_PERSON)
    record.limits = _check_limits(
        council=record.council,
        year=record.year,
        rating=record.rating,
        outcome_grades=record.outcome_grades,
    )
    record.key_areas = list(key_areas_for(record.year).codes)
    record.stage = RatingStage.FINAL
    record.finalised_by = actor
    record.finalised_on = on or timezone.localdate()
    record.lock_version += 1
    record.save()
    audit_record(
        actor=actor,
        verb="caa.rating_finalised",
        target=record,
        before={"stage": RatingStage.DRAFT.value},
        after={"stage": RatingStage.FINAL.value, "rating": record.rating},
    )
    return record


@transaction.atomic
def key_areas_choose(
    *,
    actor,
    year: int,
    key_areas: list[str],
    reason: str,
    expected_lock_version: int | None = None,
) -> RatingKeyAreas:
    """Choose the year's key areas (004: "Where performance in a key area, e.g. Staying Safe or
    Enjoying and Achieving is inadequate, this will limit the overall grade given": the seed's
    "e.g." names two, the default; the administrator may choose others). Ratings saved since
    are limited by the new choice; a rating keeps the key areas it was saved with."""
    if not (actor is not None and Role.PROGRAMME_ADMINISTRATOR in actor.roles):
        raise NotYourRole(NOT_THE_ADMINISTRATOR)
    rules_for(year)
    known = [code for code, _ in OUTCOMES]
    errors = {}
    unknown = [code for code in key_areas if code not in known]
    if unknown:
        errors["key_areas"] = NOT_AN_OUTCOME.format(code=unknown[0])
    elif not key_areas:
        errors["key_areas"] = NO_KEY_AREA
    if not reason.strip():
        errors["reason"] = NO_KEY_AREA_REASON
    if errors:
        raise ValidationError(errors)
    chosen = [code for code in known if code in key_areas]  # in the outcomes' order
    before = key_areas_for(year)
    record = RatingKeyAreas.objects.select_for_update().filter(year=year).first()
    if record is not None:
        refuse_if_stale(record, expected_lock_version, what=KEY_AREAS)
    elif expected_lock_version:
        raise stale(what=KEY_AREAS)
    if list(before.codes) == chosen:
        raise ValidationError({"key_areas": KEY_AREAS_UNCHANGED})
    if record is None:
        record = RatingKeyAreas(year=year)
    else:
        record.lock_version += 1
    record.key_areas = chosen
    record.chosen_by = actor
    record.chosen_at = timezone.now()
    record.reason = reason.strip()
    record.save()
    audit_record(
        actor=actor,
        verb="caa.rating_key_areas_chosen",
        target=record,
        before={"key_areas": list(before.codes), "default": not before.chosen},
        after={"key_areas": chosen},
        reason=record.reason,
    )
    return record
