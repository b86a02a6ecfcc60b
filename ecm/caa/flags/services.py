"""Writes of the CAA's area assessment (issue 10 §5; 004 "Comprehensive Area Assessment";
DOMAIN.md §5): the narrative on three questions and four themes, red and green flags with
their reasons and the organisations they concern, the organisational assessments the flags
inform, and publication. Every change is audited with who, when and why."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.caa.flags.framework import area_framework
from ecm.caa.flags.models import (
    FIRST_YEAR,
    AreaAssessment,
    AreaStatus,
    Flag,
    FlagColour,
    OrganisationalAssessment,
    OrganisationKind,
)
from ecm.caa.flags.selectors import council_rating
from ecm.core.access import NotYourRole
from ecm.core.locking import stale

NOT_A_WRITER = "Only inspectors and the programme administrator write the area assessment"
BEFORE_CAA = "Comprehensive Area Assessment began in 2009: choose 2009 or a later year"
PUBLISHED_NO_CHANGE = (
    "The area assessment is published and no longer changes: reopen it, with your reason, "
    "before you change it"
)
ALREADY_PUBLISHED = "The area assessment is already published"
NOT_PUBLISHED = "The area assessment is not published, so there is nothing to reopen"
NO_REOPEN_REASON = "Enter why you are reopening the published area assessment"
NARRATIVE_MISSING = (
    "Write the narrative for each of the three questions before publishing: {missing}"
)
NO_PUBLISHED_ON = "Enter the date the area assessment is published"
NO_COLOUR = "Choose red (unlikely to deliver) or green (exceptional performance or improvement)"
NO_QUESTION_OR_THEME = "Choose the question or the theme the flag concerns, or both"
UNKNOWN_QUESTION = "Choose one of the area assessment's three questions"
UNKNOWN_THEME = "Choose one of the area assessment's four themes"
NO_REASON = "Enter the reason for the flag"
NO_ORGANISATION_KIND = "Choose the kind of organisation the flag concerns"
NO_ORGANISATION_NAME = "Enter the name of the organisation the flag concerns"
A_SCORE = "A flag is not a score: give the reason in words, without a number as a score or grade"
NO_WITHDRAWAL_REASON = "Enter why you are withdrawing the flag"
ALREADY_WITHDRAWN = "The flag was already withdrawn"
ORGANISATION_EXISTS = "This area already has an organisational assessment for {name} in {year}"
NOT_A_SCORE = "Choose the organisation's overall score from the list"
STATEMENT_COUNCIL_ONLY = (
    "Only the council's organisational assessment has a statement on key council services: "
    "write about this organisation in its narrative"
)
NO_SCORE = (
    "Give each organisation's overall score before publishing: the single report includes an "
    "overall score for each organisation. Missing: {names}"
)
NO_STATEMENT = (
    "Write the council's explicit statement on the performance of key council services, "
    "including children and young people's services, before publishing"
)
RATING_NOT_FINAL = (
    "The council's organisational assessment reports the results of Ofsted's assessment of "
    "children's services: Ofsted's annual rating of {council} for {year} {state}. Publish the "
    "area assessment once the rating is final"
)
RATING_MISSING = "has not been drafted"
RATING_DRAFT = "is still a draft"

# "3/4", "3 out of 4", "score 3", "graded 2": numbers standing for a judgement.
_SCORE = re.compile(
    r"\b\d+\s*(?:/|out of)\s*\d+\b|\b(?:score[sd]?|grade[sd]?|rated)\s*(?:of|at|as)?\s*\d",
    re.IGNORECASE,
)
QUESTION_FIELDS = ("priorities", "delivery", "prospects")
POINTS_FIELD = "priorities_points"
TEXT_FIELDS = (
    "priorities",
    "delivery",
    "delivery_variation",
    "prospects",
    "sustainability_notes",
    "inequality_notes",
    "vulnerable_notes",
    "value_for_money_notes",
)


def _points(points: dict[str, str]) -> dict[str, str]:
    """The sub-points' narratives by code, only those of the file's questions, blanks left out."""
    codes = {p.code for _, p in area_framework().points}
    return {
        code: text.strip()
        for code, text in points.items()
        if code in codes and text and text.strip()
    }


OA_FIELDS = ("narrative", "overall_score", "services_statement")


def _require_writer(actor) -> None:
    if actor is not None and not actor.has_perm("caa.write_area"):
        raise NotYourRole(NOT_A_WRITER)


def _unpublished(area_assessment: AreaAssessment) -> None:
    if area_assessment.status == AreaStatus.PUBLISHED:
        raise ValidationError(PUBLISHED_NO_CHANGE)


def _published_in(council, year: int) -> bool:
    return AreaAssessment.objects.filter(
        council=council, year=year, status=AreaStatus.PUBLISHED
    ).exists()


@transaction.atomic
def area_assessment_save(
    *,
    actor,
    council,
    year: int,
    texts: dict[str, str],
    expected_lock_version: int | None,
    points: dict[str, str] | None = None,
) -> AreaAssessment:
    """Draft the year's area assessment of a council's area: the narrative for each of the
    three questions (with geographical and group variation for the second) and notes per
    theme (004). `texts` holds every field's text (a missing one is saved blank). `points`
    holds the narrative of each of question 1's sub-points by its code (004's bullets under
    "How well do local priorities express community needs and aspirations?"); None keeps them
    as they are. Created on first save; refused once published, and from a stale page."""
    _require_writer(actor)
    if year < FIRST_YEAR:
        raise ValidationError({"year": BEFORE_CAA})
    found = AreaAssessment.objects.select_for_update().filter(council=council, year=year).first()
    if found is None:
        if expected_lock_version not in (None, 0):
            raise stale(what="this page")
        found = AreaAssessment(council=council, year=year)
    else:
        _unpublished(found)
        if expected_lock_version != found.lock_version:
            raise stale(what="this page")
    fields = (*TEXT_FIELDS, POINTS_FIELD)
    before = {f: getattr(found, f) for f in fields} if found.pk else None
    for field in TEXT_FIELDS:
        setattr(found, field, (texts.get(field) or "").strip())
    if points is not None:
        found.priorities_points = _points(points)
    found.lock_version += 1 if found.pk else 0
    found.save()
    after = {f: getattr(found, f) for f in fields}
    audit_record(
        actor=actor,
        verb="caa.area_saved",
        target=found,
        before={f: v for f, v in before.items() if after[f] != v} if before else None,
        after={f: v for f, v in after.items() if not before or before[f] != v},
    )
    return found


@transaction.atomic
def area_assessment_publish(
    *, actor, area_assessment: AreaAssessment, published_on: date | None
) -> AreaAssessment:
    """Publish the area assessment with its flags and organisational assessments: from then
    the council sees them (004: "A single report will be published"), and they no longer
    change without reopening. The three questions must each have their narrative (004: "reported
    as a narrative")."""
    _require_writer(actor)
    found = AreaAssessment.objects.select_for_update().get(pk=area_assessment.pk)
    if found.status == AreaStatus.PUBLISHED:
        raise ValidationError(ALREADY_PUBLISHED)
    if published_on is None:
        raise ValidationError({"published_on": NO_PUBLISHED_ON})
    framework = area_framework()
    missing = [q.text for q in framework.questions if not getattr(found, q.code).strip()]
    if missing:
        raise ValidationError(NARRATIVE_MISSING.format(missing=" ".join(missing)))
    _organisations_ready(found)
    found.status = AreaStatus.PUBLISHED
    found.published_on = published_on
    found.published_by = actor
    found.lock_version += 1
    found.save(update_fields=["status", "published_on", "published_by", "lock_version"])
    flags = found.flags.filter(withdrawn_at__isnull=True)
    audit_record(
        actor=actor,
        verb="caa.area_published",
        target=found,
        before={"status": AreaStatus.DRAFTED},
        after={
            "status": AreaStatus.PUBLISHED,
            "published_on": published_on,
            "red_flags": flags.filter(colour=FlagColour.RED).count(),
            "green_flags": flags.filter(colour=FlagColour.GREEN).count(),
        },
    )
    return found


def _organisations_ready(area_assessment: AreaAssessment) -> None:
    """What the single report needs of its organisational assessments (004: "A single report
    will be published that includes an overall score for each organisation alongside the area
    assessment"): each one's overall score; the council's, its explicit statement on key
    council services and Ofsted's annual rating made final (004: "The results of the OfSTED
    assessment of children's services will be reported in the organisational assessment for
    councils")."""
    organisations = list(
        OrganisationalAssessment.objects.filter(
            area_id=area_assessment.council_id, year=area_assessment.year
        )
    )
    unscored = [o.organisation_name for o in organisations if o.overall_score is None]
    if unscored:
        raise ValidationError(NO_SCORE.format(names=", ".join(unscored)))
    council = next((o for o in organisations if o.is_the_council), None)
    if council is None:
        return
    if not council.services_statement.strip():
        raise ValidationError(NO_STATEMENT)
    rating = council_rating(council=area_assessment.council, year=area_assessment.year)
    if rating["state"] != "final":
        raise ValidationError(
            RATING_NOT_FINAL.format(
                council=area_assessment.council.name,
                year=area_assessment.year,
                state=RATING_MISSING if rating["state"] == "missing" else RATING_DRAFT,
            )
        )


@transaction.atomic
def area_assessment_reopen(*, actor, area_assessment: AreaAssessment, reason: str):
    """Take a published area assessment back to drafted so it may change; only with a reason,
    which the audit keeps. The council no longer sees it until it is published again."""
    _require_writer(actor)
    found = AreaAssessment.objects.select_for_update().get(pk=area_assessment.pk)
    if found.status != AreaStatus.PUBLISHED:
        raise ValidationError(NOT_PUBLISHED)
    if not reason.strip():
        raise ValidationError({"reason": NO_REOPEN_REASON})
    before = {"status": found.status, "published_on": found.published_on}
    found.status = AreaStatus.DRAFTED
    found.published_on = None
    found.published_by = None
    found.lock_version += 1
    found.save(update_fields=["status", "published_on", "published_by", "lock_version"])
    audit_record(
        actor=actor,
        verb="caa.area_reopened",
        target=found,
        before=before,
        after={"status": found.status},
        reason=reason.strip(),
    )
    return found


def _organisation(area_assessment, kind: str, name: str) -> tuple[dict, str]:
    errors = {}
    if kind not in OrganisationKind.values:
        errors["organisation_kind"] = NO_ORGANISATION_KIND
    if kind == OrganisationKind.COUNCIL:
        name = area_assessment.council.name
    elif not name.strip():
        errors["organisation_name"] = NO_ORGANISATION_NAME
    return errors, name.strip()


@transaction.atomic
def flag_raise(
    *,
    actor,
    area_assessment: AreaAssessment,
    colour: str,
    question: str,
    theme: str,
    organisation_kind: str,
    organisation_name: str,
    reason: str,
) -> Flag:
    """Raise a red flag (unlikely to deliver the improvement sought) or a green flag
    (exceptional performance or improvement) on a question, a theme or both, about one
    organisation, with its reason (004). Not a score: no number stands for it. A flag about
    the council is reported in the council's organisational assessment, made if missing (004:
    "this will be reported in more depth in the relevant organisational assessment")."""
    _require_writer(actor)
    found = AreaAssessment.objects.select_for_update().get(pk=area_assessment.pk)
    _unpublished(found)
    framework = area_framework()
    errors, name = _organisation(found, organisation_kind, organisation_name)
    if colour not in FlagColour.values:
        errors["colour"] = NO_COLOUR
    if not question and not theme:
        errors["question"] = NO_QUESTION_OR_THEME
    if question and framework.question(question) is None:
        errors["question"] = UNKNOWN_QUESTION
    if theme and framework.theme(theme) is None:
        errors["theme"] = UNKNOWN_THEME
    if not reason.strip():
        errors["reason"] = NO_REASON
    elif _SCORE.search(reason):
        errors["reason"] = A_SCORE
    if errors:
        raise ValidationError(errors)
    flag = Flag.objects.create(
        area_assessment=found,
        colour=colour,
        question=question,
        theme=theme,
        organisation_kind=organisation_kind,
        organisation_name=name,
        reason=reason.strip(),
        raised_by=actor,
        raised_at=timezone.now(),
    )
    if flag.is_about_the_council:
        _council_assessment(actor=actor, area=found.council, year=found.year)
    audit_record(
        actor=actor,
        verb="caa.flag_raised",
        target=found,
        after={
            "flag": flag.pk,
            "colour": colour,
            "question": question,
            "theme": theme,
            "organisation": f"{name} ({flag.get_organisation_kind_display()})",
        },
        reason=flag.reason,
    )
    return flag


@transaction.atomic
def flag_withdraw(*, actor, flag: Flag, reason: str) -> Flag:
    """Withdraw a flag with a reason; it stays in the assessment's history, marked withdrawn
    (nothing the audit needs is deleted)."""
    _require_writer(actor)
    found = Flag.objects.select_for_update().select_related("area_assessment").get(pk=flag.pk)
    _unpublished(found.area_assessment)
    if found.is_withdrawn:
        raise ValidationError(ALREADY_WITHDRAWN)
    if not reason.strip():
        raise ValidationError({"reason": NO_WITHDRAWAL_REASON})
    found.withdrawn_at = timezone.now()
    found.withdrawn_by = actor
    found.withdrawal_reason = reason.strip()
    found.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit_record(
        actor=actor,
        verb="caa.flag_withdrawn",
        target=found.area_assessment,
        before={"flag": found.pk, "withdrawn": False},
        after={"flag": found.pk, "withdrawn": True},
        reason=found.withdrawal_reason,
    )
    return found


def _council_assessment(*, actor, area, year: int) -> OrganisationalAssessment:
    found = OrganisationalAssessment.objects.filter(
        area=area, year=year, organisation_kind=OrganisationKind.COUNCIL
    ).first()
    if found:
        return found
    found = OrganisationalAssessment.objects.create(
        area=area,
        year=year,
        organisation_kind=OrganisationKind.COUNCIL,
        organisation_name=area.name,
        council=area,
    )
    audit_record(
        actor=actor,
        verb="caa.organisational_started",
        target=found,
        after={"organisation": found.organisation_name, "year": year},
    )
    return found


@transaction.atomic
def organisational_assessment_save(
    *,
    actor,
    area,
    year: int,
    organisation_kind: str,
    organisation_name: str,
    narrative: str,
    organisational_assessment: OrganisationalAssessment | None = None,
    expected_lock_version: int | None = None,
    overall_score: int | None = None,
    services_statement: str | None = None,
) -> OrganisationalAssessment:
    """Start or change an organisation's assessment in the area for a year: a short narrative
    (004: "the contribution of each organisation ... directly reflected in its organisational
    assessment"), its overall score (004: "an overall score for each organisation", on the
    scale of settings.CAA_ORGANISATIONAL_SCORES, ours) and, for the council only, its explicit
    statement on key council services (004: "This will include Children and Young People's
    Services"). `overall_score` and `services_statement` None keep what is there. When the
    organisation is the council, it is the area's own council. Refused once the year's area
    assessment is published (they are published as one report)."""
    _require_writer(actor)
    if year < FIRST_YEAR:
        raise ValidationError({"year": BEFORE_CAA})
    if _published_in(area, year):
        raise ValidationError(PUBLISHED_NO_CHANGE)
    existing = organisational_assessment
    kind = existing.organisation_kind if existing else organisation_kind
    errors = {}
    if overall_score is not None and overall_score not in settings.CAA_ORGANISATIONAL_SCORES:
        errors["overall_score"] = NOT_A_SCORE
    if (services_statement or "").strip() and kind != OrganisationKind.COUNCIL:
        errors["services_statement"] = STATEMENT_COUNCIL_ONLY
    if errors:
        raise ValidationError(errors)
    if organisational_assessment is None:
        holder = AreaAssessment(council=area, year=year)
        errors, name = _organisation(holder, organisation_kind, organisation_name)
        if errors:
            raise ValidationError(errors)
        duplicate = OrganisationalAssessment.objects.filter(area=area, year=year)
        duplicate = (
            duplicate.filter(organisation_kind=OrganisationKind.COUNCIL)
            if organisation_kind == OrganisationKind.COUNCIL
            else duplicate.filter(organisation_kind=organisation_kind, organisation_name=name)
        )
        if duplicate.exists():
            raise ValidationError(ORGANISATION_EXISTS.format(name=name, year=year))
        found = OrganisationalAssessment.objects.create(
            area=area,
            year=year,
            organisation_kind=organisation_kind,
            organisation_name=name,
            council=area if organisation_kind == OrganisationKind.COUNCIL else None,
            narrative=narrative.strip(),
            overall_score=overall_score,
            services_statement=(services_statement or "").strip(),
        )
        before = None
    else:
        found = OrganisationalAssessment.objects.select_for_update().get(
            pk=organisational_assessment.pk
        )
        if expected_lock_version != found.lock_version:
            raise stale(what="this page")
        before = {f: getattr(found, f) for f in OA_FIELDS}
        found.narrative = narrative.strip()
        if overall_score is not None:
            found.overall_score = overall_score
        if services_statement is not None:
            found.services_statement = services_statement.strip()
        found.lock_version += 1
        found.save(update_fields=[*OA_FIELDS, "lock_version", "updated_at"])
    after = {f: getattr(found, f) for f in OA_FIELDS}
    audit_record(
        actor=actor,
        verb="caa.organisational_saved",
        target=found,
        before={f: v for f, v in before.items() if after[f] != v} if before else None,
        after={"organisation": found.organisation_name}
        | {f: v for f, v in after.items() if not before or before[f] != v},
    )
    return found
