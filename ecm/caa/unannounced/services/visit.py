"""Writes of an unannounced inspection's visit and its nine aspects' evaluations (issue 10 §3;
004 "Annual, unannounced inspection of local authority contact, assessment and referral
centres"; DOMAIN.md §5). Every change audited; a stale page refused; a sent letter frozen."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import INSPECTOR_ROLES
from ecm.audit.services import audit_record
from ecm.authorities.models import Council
from ecm.caa.unannounced.framework import (
    inspection_year_label,
    inspection_year_of,
    unannounced_rules,
)
from ecm.caa.unannounced.models import AspectEvaluation, UnannouncedInspection
from ecm.caa.unannounced.services.messages import (
    A_SCORE,
    BEFORE_START,
    DAYS_OUT_OF_ORDER,
    DUPLICATE_CENTRE,
    INSPECTION,
    LEAD_NOT_INSPECTOR,
    MORE_VISITED_THAN_CENTRES,
    NEGATIVE,
    NO_CASE_FILES,
    NO_CENTRES_COUNT,
    NO_EXCEPTIONAL_REASON,
    NO_FIRST_DAY,
    NO_LAST_DAY,
    NO_LEAD,
    NO_STAFF,
    NOT_A_RECORDER,
    ONE_PER_YEAR,
    SCORE,
    SENT_NO_CHANGE,
    TOO_FEW_CENTRES,
    TOO_MANY_DAYS,
    UNKNOWN_ASPECT,
)
from ecm.core.access import NotYourRole
from ecm.core.locking import stale

VISIT_FIELDS = (
    "lead_inspector_id",
    "first_day",
    "last_day",
    "exceptional",
    "exceptional_reason",
    "centres_count",
    "centres_visited",
    "case_files",
    "staff_spoken",
)


def _require_recorder(actor) -> None:
    if actor is not None and not actor.has_perm("caa.unannounced_record"):
        raise NotYourRole(NOT_A_RECORDER)


def _locked(inspection: UnannouncedInspection, expected_lock_version) -> UnannouncedInspection:
    found = UnannouncedInspection.objects.select_for_update().get(pk=inspection.pk)
    if found.is_sent:
        raise ValidationError(SENT_NO_CHANGE)
    if expected_lock_version != found.lock_version:
        raise stale(what=INSPECTION)
    return found


def _changes(before: dict | None, after: dict) -> tuple[dict | None, dict]:
    if before is None:
        return None, after
    changed = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def centre_names(names) -> list[str]:
    """The centres' names as given, one a line or a list, without blanks."""
    if isinstance(names, str):
        names = names.splitlines()
    return [" ".join(n.split()) for n in names if n and n.strip()]


def _check_visit(*, council, inspection, values: dict) -> dict:
    rules = unannounced_rules(inspection.version if inspection else "2009")
    errors = {}
    lead = values["lead_inspector"]
    if lead is None:
        errors["lead_inspector"] = NO_LEAD
    elif not (lead.is_active and lead.roles & INSPECTOR_ROLES):
        errors["lead_inspector"] = LEAD_NOT_INSPECTOR
    first, last = values["first_day"], values["last_day"]
    if first is None:
        errors["first_day"] = NO_FIRST_DAY
    elif first < rules.starts_on:
        errors["first_day"] = BEFORE_START
    if last is None:
        errors["last_day"] = NO_LAST_DAY
    elif first is not None and last < first:
        errors["last_day"] = DAYS_OUT_OF_ORDER
    elif (
        first is not None
        and (last - first).days + 1 > rules.max_days_on_site
        and not values["exceptional"]
    ):
        errors["last_day"] = TOO_MANY_DAYS.format(days=rules.max_days_on_site)
    if values["exceptional"] and not values["exceptional_reason"]:
        errors["exceptional_reason"] = NO_EXCEPTIONAL_REASON
    count, visited = values["centres_count"], values["centres_visited"]
    if count is None or count < 1:
        errors["centres_count"] = NO_CENTRES_COUNT
    elif len({v.casefold() for v in visited}) != len(visited):
        errors["centres_visited"] = DUPLICATE_CENTRE
    elif len(visited) < rules.centres_required(count):
        required = rules.centres_required(count)
        errors["centres_visited"] = TOO_FEW_CENTRES.format(
            required=required, s="" if required == 1 else "s", count=count
        )
    elif len(visited) > count:
        errors["centres_visited"] = MORE_VISITED_THAN_CENTRES.format(
            visited=len(visited), count=count
        )
    for field, missing in (("case_files", NO_CASE_FILES), ("staff_spoken", NO_STAFF)):
        if values[field] is None:
            errors[field] = missing
        elif values[field] < 0:
            errors[field] = NEGATIVE
    if first is not None and "first_day" not in errors:
        year = inspection_year_of(first)
        others = UnannouncedInspection.objects.filter(council=council, inspection_year=year)
        if inspection is not None:
            others = others.exclude(pk=inspection.pk)
        if others.exists():
            errors["first_day"] = ONE_PER_YEAR.format(
                council=council.name, year=inspection_year_label(year)
            )
    return errors


@transaction.atomic
def unannounced_save(
    *,
    actor,
    council,
    lead_inspector,
    first_day: date | None,
    last_day: date | None,
    exceptional: bool,
    exceptional_reason: str,
    centres_count: int | None,
    centres_visited: list[str] | str,
    case_files: int | None,
    staff_spoken: int | None,
    inspection: UnannouncedInspection | None = None,
    expected_lock_version: int | None = None,
) -> UnannouncedInspection:
    """Record an unannounced inspection's visit, or change it while its letter is a draft (004):
    from 1 April 2009; annual, so one per council per inspection year (April to March, from
    the first day on site); at most two days on site, counted inclusive, unless exceptional
    with the reason written; one or more centres visited, at least two where the council has
    more than five; the case files scrutinised and the staff and managers spoken to."""
    _require_recorder(actor)
    # The council's row, locked, makes "one per year" hold against two saves at once.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    if inspection is not None:
        inspection = _locked(inspection, expected_lock_version)
    elif expected_lock_version not in (None, 0):
        raise stale(what=INSPECTION)
    values = {
        "lead_inspector": lead_inspector,
        "first_day": first_day,
        "last_day": last_day,
        "exceptional": bool(exceptional),
        "exceptional_reason": (exceptional_reason or "").strip() if exceptional else "",
        "centres_count": centres_count,
        "centres_visited": centre_names(centres_visited),
        "case_files": case_files,
        "staff_spoken": staff_spoken,
    }
    errors = _check_visit(council=council, inspection=inspection, values=values)
    if errors:
        raise ValidationError(errors)
    found = inspection or UnannouncedInspection(council=council)
    before = {f: getattr(found, f) for f in VISIT_FIELDS} if found.pk else None
    for field, value in values.items():
        setattr(found, field, value)
    found.inspection_year = inspection_year_of(first_day)
    found.lock_version += 1 if found.pk else 0
    found.save()
    before, after = _changes(before, {f: getattr(found, f) for f in VISIT_FIELDS})
    audit_record(
        actor=actor,
        verb="caa.unannounced_recorded" if before is None else "caa.unannounced_visit_changed",
        target=found,
        before=before,
        after=after,
        reason=found.exceptional_reason,
    )
    return found


@transaction.atomic
def unannounced_aspects_save(
    *,
    actor,
    inspection: UnannouncedInspection,
    findings: dict[str, str],
    expected_lock_version: int | None,
) -> UnannouncedInspection:
    """Save the inspectors' evaluation of any of the nine aspects 004 names, in words (the
    inspection is not scored); an aspect left blank is not evaluated yet."""
    _require_recorder(actor)
    found = _locked(inspection, expected_lock_version)
    rules = unannounced_rules(found.version)
    errors = {}
    for code, text in findings.items():
        if rules.aspect(code) is None:
            errors[code] = UNKNOWN_ASPECT.format(code=code)
        elif SCORE.search(text or ""):
            errors[code] = A_SCORE
    if errors:
        raise ValidationError(errors)
    existing = {e.aspect: e for e in found.evaluations.all()}
    before, after = {}, {}
    now = timezone.now()
    for code, text in findings.items():
        text = (text or "").strip()
        current = existing.get(code)
        if (current.finding if current else "") == text:
            continue
        before[code] = current.finding if current else ""
        after[code] = text
        if current is None:
            AspectEvaluation.objects.create(
                inspection=found, aspect=code, finding=text, evaluated_by=actor, evaluated_at=now
            )
        else:
            current.finding, current.evaluated_by, current.evaluated_at = text, actor, now
            current.save(update_fields=["finding", "evaluated_by", "evaluated_at"])
    if after:
        found.lock_version += 1
        found.save(update_fields=["lock_version", "updated_at"])
        audit_record(
            actor=actor, verb="caa.unannounced_evaluated", target=found, before=before, after=after
        )
    return found
