"""Writes of an unannounced inspection's visit and its nine aspects' evaluations (issue 10 §3;
004 "Annual, unannounced inspection of local authority contact, assessment and referral
centres"; DOMAIN.md §5). Every change audited; a stale page refused; a sent letter frozen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.inspectorates import inspectorate_named
from ecm.accounts.roles import INSPECTOR_ROLES
from ecm.audit.services import audit_record
from ecm.authorities.models import Council
from ecm.authorities.selectors import councils_active_on
from ecm.caa.unannounced.framework import (
    inspection_year_label,
    inspection_year_of,
    unannounced_rules,
)
from ecm.caa.unannounced.models import AspectEvaluation, UnannouncedInspection
from ecm.caa.unannounced.services.messages import (
    A_SCORE,
    BEFORE_START,
    COUNCIL_NOT_THEN,
    DAYS_OUT_OF_ORDER,
    DUPLICATE_CENTRE,
    DUPLICATE_DAY,
    INSPECTION,
    INSPECTORATE_CLOSED,
    LEAD_NOT_INSPECTOR,
    MORE_VISITED_THAN_CENTRES,
    NEGATIVE,
    NO_CASE_FILES,
    NO_CENTRES_COUNT,
    NO_DAYS,
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
from ecm.caa.unannounced.site_days import duplicates, every_day, site_days, stored
from ecm.core.access import NotYourRole
from ecm.core.locking import stale

VISIT_FIELDS = (
    "lead_inspector_id",
    "lead_inspectorate",
    "site_days",
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


def inspectorate_problem(person, days: list[date]) -> str:
    """Why `person` cannot work on a visit on `days` (issue 24 §3: no CSCI manager for 2009):
    the inspectorate their account names did not exist on one of the days; "" when it did or
    the account names none (the list cannot tell, ecm.accounts.selectors)."""
    body = inspectorate_named(getattr(person, "inspectorate", "") or "")
    closed = next((d for d in days if body and not body.existed_on(d)), None)
    if closed is None:
        return ""
    return INSPECTORATE_CLOSED.format(
        name=person.get_full_name() or person.email, body=body.name, day=closed
    )


def council_problem(council, day: date | None) -> str:
    """Why `council` cannot be inspected on `day` (issue 24 §3: councils valid for the date)."""
    if day is None or councils_active_on(day).filter(pk=council.pk).exists():
        return ""
    return COUNCIL_NOT_THEN.format(council=council.name, day=day)


def _days(values: dict) -> tuple[list[date], str, str]:
    """The days on site and the fields a refusal names: the listed days (first_day for the
    first, days_on_site for the rest), or every day from the first to the last."""
    if values["days_on_site"] is not None:
        return site_days(values["days_on_site"]), "first_day", "days_on_site"
    first, last = values["first_day"], values["last_day"]
    days = every_day(first, last) if first and last and last >= first else []
    return days, "first_day", "last_day"


def _check_visit(*, council, inspection, values: dict) -> dict:
    rules = unannounced_rules(inspection.version if inspection else "2009")
    errors = {}
    days, first_key, count_key = _days(values)
    first = days[0] if days else None
    if values["days_on_site"] is not None:
        if not days:
            errors[first_key] = NO_DAYS
        elif duplicates(days):
            errors[count_key] = DUPLICATE_DAY.format(day=duplicates(days)[0])
    else:
        first, last = values["first_day"], values["last_day"]
        if first is None:
            errors["first_day"] = NO_FIRST_DAY
        if last is None:
            errors["last_day"] = NO_LAST_DAY
        elif first is not None and last < first:
            errors["last_day"] = DAYS_OUT_OF_ORDER
    if first is not None and first < rules.starts_on:
        errors[first_key] = BEFORE_START
    elif first is not None and council_problem(council, first):
        errors[first_key] = council_problem(council, first)
    # 004: "not usually ... more than two days, except in exceptional circumstances": the
    # days counted one by one, so a Friday and the Monday after are two.
    too_many = len(set(days)) > rules.max_days_on_site
    if count_key not in errors and too_many and not values["exceptional"]:
        errors[count_key] = TOO_MANY_DAYS.format(days=rules.max_days_on_site)
    if values["exceptional"] and not values["exceptional_reason"]:
        errors["exceptional_reason"] = NO_EXCEPTIONAL_REASON
    lead = values["lead_inspector"]
    if lead is None:
        errors["lead_inspector"] = NO_LEAD
    elif not (lead.is_active and lead.roles & INSPECTOR_ROLES):
        errors["lead_inspector"] = LEAD_NOT_INSPECTOR
    elif inspectorate_problem(lead, days):
        errors["lead_inspector"] = inspectorate_problem(lead, days)
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
    if first is not None and first_key not in errors:
        year = inspection_year_of(first)
        others = UnannouncedInspection.objects.filter(council=council, inspection_year=year)
        if inspection is not None:
            others = others.exclude(pk=inspection.pk)
        if others.exists():
            errors[first_key] = ONE_PER_YEAR.format(
                council=council.name, year=inspection_year_label(year)
            )
    return errors


@transaction.atomic
def unannounced_save(
    *,
    actor,
    council,
    lead_inspector,
    exceptional: bool,
    exceptional_reason: str,
    centres_count: int | None,
    centres_visited: list[str] | str,
    case_files: int | None,
    staff_spoken: int | None,
    days_on_site: Iterable[date | None] | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
    inspection: UnannouncedInspection | None = None,
    expected_lock_version: int | None = None,
) -> UnannouncedInspection:
    """Record an unannounced inspection's visit, or change it while its letter is a draft (004):
    from 1 April 2009; annual, so one per council per inspection year (April to March, from
    the first day on site); the days actually on site (`days_on_site`; or `first_day` and
    `last_day` for a visit on every day between them), counted one by one, not usually more
    than two unless exceptional with the reason written (a Friday and a Monday are two, issue
    24 §1); a council that existed then; a lead inspector whose inspectorate existed on the
    days (issue 24 §3), kept with the inspection; one or more centres visited, at least two
    where the council has more than five; the case files scrutinised and the staff and
    managers spoken to."""
    _require_recorder(actor)
    # The council's row, locked, makes "one per year" hold against two saves at once.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    if inspection is not None:
        inspection = _locked(inspection, expected_lock_version)
    elif expected_lock_version not in (None, 0):
        raise stale(what=INSPECTION)
    values = {
        "lead_inspector": lead_inspector,
        "days_on_site": None if days_on_site is None else list(days_on_site),
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
    days, _, _ = _days(values)
    found = inspection or UnannouncedInspection(council=council)
    before = {f: getattr(found, f) for f in VISIT_FIELDS} if found.pk else None
    for field in ("exceptional", "exceptional_reason", "centres_count", "centres_visited"):
        setattr(found, field, values[field])
    found.case_files, found.staff_spoken = values["case_files"], values["staff_spoken"]
    found.lead_inspector = lead_inspector
    found.lead_inspectorate = getattr(lead_inspector, "inspectorate", "") or ""
    found.site_days = stored(days)
    found.first_day, found.last_day = days[0], days[-1]
    found.inspection_year = inspection_year_of(found.first_day)
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
