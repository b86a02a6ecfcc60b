"""Writes of the full inspection of safeguarding and looked after children (issue 10 §4; 004
"Full inspection of local area safeguarding and services for looked after children"; DOMAIN.md
§5): notification with two weeks' notice and the documents requested, the visit of at most five
days on site (counted one by one, issue 24 §1), and the lead inspector and team with their
inspectorates (issue 24 §3). The evidence is in services_evidence.py; the judgements,
recommendations and the report's publication in services_report.py. Every change is audited
with who, when and why."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.inspectorates import inspectorate_named
from ecm.accounts.roles import TEAM_ROLES
from ecm.audit.services import audit_record
from ecm.authorities.models import Council
from ecm.caa.safeguarding.framework import SafeguardingFramework, safeguarding_framework
from ecm.caa.safeguarding.models import FullInspection, InspectionStatus
from ecm.caa.unannounced.services.visit import council_problem, inspectorate_problem
from ecm.caa.unannounced.site_days import duplicates, every_day, site_days, stored
from ecm.core.access import NotYourRole
from ecm.core.locking import refuse_if_stale

NOT_A_NOTIFIER = "Only an inspector (HMI or BRM) or the programme administrator notifies a council"
NOT_ON_THE_TEAM = "Only the inspection's lead inspector and team record its visit and judge it"
PUBLISHED_NO_CHANGE = "The report is published: the inspection no longer changes"
UNDER_WAY = (
    "{council} already has a full inspection under way (notified on {notified:%-d %B %Y}): "
    "publish its report before notifying another"
)
NO_NOTIFIED_ON = "Enter the date the council is notified"
NO_FIRST_DAY = "Enter the first day on site"
NO_LAST_DAY = "Enter the last day on site"
BEFORE_THE_PROGRAMME = (
    "The full inspections begin on {starts:%-d %B %Y} (004): choose a later first day on site"
)
TOO_LITTLE_NOTICE = (
    "The inspection carries two weeks' notice (004): the first day on site must be on or after "
    "{earliest:%-d %B %Y}, {days} days after the notification"
)
LAST_BEFORE_FIRST = "The last day on site must be the same as or after the first day on site"
TOO_MANY_DAYS = (
    "Inspectors are on site for no more than {days} days (004): the last day on site must be on "
    "or before {latest:%-d %B %Y}"
)
NO_DOCUMENTS = "Choose the documents the inspectors want at notification"
UNKNOWN_DOCUMENT = "Choose documents from 004's list"
NO_DOCUMENTS_DUE = "Enter the date the documents are due"
DOCUMENTS_DUE_OUTSIDE = (
    "The documents are due between the notification ({notified:%-d %B %Y}) and the first day "
    "on site ({first:%-d %B %Y})"
)
NO_LEAD = "Choose the lead inspector"
NOT_AN_INSPECTOR = "The lead inspector and the team must be inspectors (HMI or BRM)"
NO_DAYS = "Enter the days on site, at least the first"
DUPLICATE_DAY = "Enter each day on site once: {day:%-d %B %Y} is given twice"
TOO_MANY_LISTED = (
    "Inspectors are on site for no more than {days} days (the 2009 briefing): {given} days are "
    "given, so leave out the days they were not on site"
)
NOT_THIS_INSPECTORATE = (
    "{name} worked for the {body}: the full inspections are carried out by inspectors from "
    "{allowed} (the 2009 briefing), so choose one of theirs"
)


def _is_inspector(user) -> bool:
    return bool(user is not None and user.is_active and user.roles & TEAM_ROLES)


def require_team(actor, inspection: FullInspection) -> None:
    if actor is not None and not actor.has_perm("caa.safeguarding_inspect", inspection):
        raise NotYourRole(NOT_ON_THE_TEAM)


def locked(inspection: FullInspection, expected_lock_version: int | None) -> FullInspection:
    """The inspection, locked for update; refused from a stale page or once published."""
    found = FullInspection.objects.select_for_update().get(pk=inspection.pk)
    if found.status == InspectionStatus.PUBLISHED:
        raise ValidationError(PUBLISHED_NO_CHANGE)
    refuse_if_stale(found, expected_lock_version, what="this inspection")
    return found


def earliest_first_day(notified_on: date, framework: SafeguardingFramework) -> date:
    """004: "This inspection will carry a notice period of two weeks"."""
    return notified_on + timedelta(days=framework.notice_days)


def latest_last_day(first_day: date, framework: SafeguardingFramework) -> date:
    """004: "inspectors will be on site for no more than five days" (days counted inclusive)."""
    return first_day + timedelta(days=framework.max_days_on_site - 1)


def _days(first_day, last_day, days_on_site) -> tuple[list[date] | None, str]:
    """The days on site given (`days_on_site`, or every day from the first to the last) and
    the field a refusal of their number names."""
    if days_on_site is not None:
        return site_days(days_on_site), "days_on_site"
    if first_day and last_day and last_day >= first_day:
        return every_day(first_day, last_day), "last_day_on_site"
    return None, "last_day_on_site"


def _days_errors(
    notified_on, first_day, last_day, framework, days_on_site=None, council=None
) -> dict[str, str]:
    """The days on site against 004: after the programme begins, two weeks' notice, and "no
    more than five days" counted one by one (issue 24 §1: Wednesday to the Tuesday after is
    five days); the council existing on the first day (issue 24 §3)."""
    errors = {}
    if notified_on is None:
        errors["notified_on"] = NO_NOTIFIED_ON
    days, count_key = _days(first_day, last_day, days_on_site)
    if days_on_site is not None:
        if not days:
            errors["first_day_on_site"] = NO_DAYS
        elif duplicates(days):
            errors[count_key] = DUPLICATE_DAY.format(day=duplicates(days)[0])
        first_day = days[0] if days else None
    else:
        if first_day is None:
            errors["first_day_on_site"] = NO_FIRST_DAY
        if last_day is None:
            errors["last_day_on_site"] = NO_LAST_DAY
    if errors:
        return errors
    if first_day < framework.starts_on:
        errors["first_day_on_site"] = BEFORE_THE_PROGRAMME.format(starts=framework.starts_on)
    elif first_day < earliest_first_day(notified_on, framework):
        errors["first_day_on_site"] = TOO_LITTLE_NOTICE.format(
            earliest=earliest_first_day(notified_on, framework), days=framework.notice_days
        )
    elif council is not None and council_problem(council, first_day):
        errors["first_day_on_site"] = council_problem(council, first_day)
    if days_on_site is None and last_day < first_day:
        errors["last_day_on_site"] = LAST_BEFORE_FIRST
    elif days_on_site is None and last_day > latest_last_day(first_day, framework):
        errors["last_day_on_site"] = TOO_MANY_DAYS.format(
            days=framework.max_days_on_site, latest=latest_last_day(first_day, framework)
        )
    elif len(days) > framework.max_days_on_site:
        errors[count_key] = TOO_MANY_LISTED.format(days=framework.max_days_on_site, given=len(days))
    return errors


def team_problems(people: list, days: list[date], framework: SafeguardingFramework) -> list[str]:
    """Why any of `people` cannot be on the team (issue 24 §3): their inspectorate did not
    exist on the days on site (no CSCI manager for 2009), or is not one of those 004 names
    ("inspectors from Ofsted and the new Care Quality Commission", HMIC "considering its
    capacity"). An account naming no inspectorate is kept: the list cannot tell."""
    allowed = framework.team_inspectorate_codes
    names = [inspectorate_named(code) for code in allowed]
    words = ", ".join(b.name for b in names if b)
    problems = []
    for person in people:
        closed = inspectorate_problem(person, days)
        if closed:
            problems.append(closed)
        elif person.inspectorate and person.inspectorate not in allowed:
            body = inspectorate_named(person.inspectorate)
            problems.append(
                NOT_THIS_INSPECTORATE.format(
                    name=person.get_full_name() or person.email,
                    body=body.name if body else person.inspectorate,
                    allowed=words,
                )
            )
    return problems


def team_inspectorates(people: list) -> dict[str, str]:
    """Each person's inspectorate as their account gives it, to keep with the inspection."""
    return {str(p.pk): p.inspectorate for p in people if getattr(p, "inspectorate", "")}


@transaction.atomic
def inspection_notify(
    *,
    actor,
    council,
    notified_on: date | None,
    lead_inspector,
    documents: list[str],
    documents_due_on: date | None,
    team: list | tuple = (),
    days_on_site: Iterable[date | None] | None = None,
    first_day_on_site: date | None = None,
    last_day_on_site: date | None = None,
) -> FullInspection:
    """Notify a council of its full inspection: two weeks' notice before the first day on site,
    the days planned on site (`days_on_site`; or the first and last for every day between),
    at most five counted one by one (004; issue 24 §1), a council that exists then, the lead
    inspector and team, each of an inspectorate that exists then and that 004 names, kept with
    the inspection as their accounts give it (issue 24 §3), and the documents the inspectors
    want at notification from 004's list, with the date they are due (between the
    notification and the first day on site). One inspection at a time per council."""
    if actor is not None and not actor.has_perm("caa.safeguarding_notify"):
        raise NotYourRole(NOT_A_NOTIFIER)
    framework = safeguarding_framework()
    # The council's row, locked, makes "one at a time" hold against two notifications at once
    # (locking the inspections finds nothing to lock when there is none under way).
    Council.objects.select_for_update().filter(pk=council.pk).first()
    under_way = (
        FullInspection.objects.select_for_update()
        .filter(council=council)
        .exclude(status=InspectionStatus.PUBLISHED)
        .first()
    )
    if under_way:
        raise ValidationError(
            UNDER_WAY.format(council=council.name, notified=under_way.notified_on)
        )
    listed = None if days_on_site is None else list(days_on_site)
    errors = _days_errors(
        notified_on, first_day_on_site, last_day_on_site, framework, listed, council
    )
    days, _ = _days(first_day_on_site, last_day_on_site, listed)
    if lead_inspector is None:
        errors["lead_inspector"] = NO_LEAD
    elif not _is_inspector(lead_inspector):
        errors["lead_inspector"] = NOT_AN_INSPECTOR
    elif days and team_problems([lead_inspector], days, framework):
        errors["lead_inspector"] = team_problems([lead_inspector], days, framework)[0]
    if not all(_is_inspector(member) for member in team):
        errors["team"] = NOT_AN_INSPECTOR
    elif days and team_problems(list(team), days, framework):
        errors["team"] = team_problems(list(team), days, framework)
    if not documents:
        errors["documents"] = NO_DOCUMENTS
    elif any(framework.document(code) is None for code in documents):
        errors["documents"] = UNKNOWN_DOCUMENT
    first = days[0] if days else None
    if documents_due_on is None:
        errors["documents_due_on"] = NO_DOCUMENTS_DUE
    elif notified_on and first and not (notified_on <= documents_due_on <= first):
        errors["documents_due_on"] = DOCUMENTS_DUE_OUTSIDE.format(notified=notified_on, first=first)
    if errors:
        raise ValidationError(errors)
    ordered = [d.code for d in framework.documents if d.code in documents]
    members = [m for m in team if m.pk != lead_inspector.pk]
    inspection = FullInspection.objects.create(
        council=council,
        framework_version=str(framework.year),
        notified_on=notified_on,
        notified_by=actor,
        site_days=stored(days),
        first_day_on_site=days[0],
        last_day_on_site=days[-1],
        lead_inspector=lead_inspector,
        team_inspectorates=team_inspectorates([lead_inspector, *members]),
        documents_requested=ordered,
        documents_due_on=documents_due_on,
    )
    inspection.team.set(members)
    audit_record(
        actor=actor,
        verb="caa.safeguarding_notified",
        target=inspection,
        after={
            "notified_on": notified_on,
            "days_on_site": stored(days),
            "lead_inspector": str(lead_inspector),
            "team": [str(m) for m in members],
            "inspectorates": inspection.team_inspectorates,
            "documents_requested": ordered,
            "documents_due_on": documents_due_on,
        },
    )
    return inspection


@transaction.atomic
def inspection_record_visit(
    *,
    actor,
    inspection: FullInspection,
    expected_lock_version: int | None,
    days_on_site: Iterable[date | None] | None = None,
    first_day_on_site: date | None = None,
    last_day_on_site: date | None = None,
) -> FullInspection:
    """Record the days the inspectors were actually on site (`days_on_site`; or the first and
    last for every day between): still after two weeks' notice and at most five days, counted
    one by one (004; issue 24 §1). The inspection is then on site, and may be judged."""
    require_team(actor, inspection)
    found = locked(inspection, expected_lock_version)
    framework = safeguarding_framework(found.framework_version)
    listed = None if days_on_site is None else list(days_on_site)
    errors = _days_errors(
        found.notified_on, first_day_on_site, last_day_on_site, framework, listed, found.council
    )
    if errors:
        raise ValidationError(errors)
    days, _ = _days(first_day_on_site, last_day_on_site, listed)
    before = {"days_on_site": found.site_days or stored(found.on_site), "status": found.status}
    found.site_days = stored(days)
    found.first_day_on_site, found.last_day_on_site = days[0], days[-1]
    found.visit_recorded = True
    if found.status == InspectionStatus.NOTIFIED:
        found.status = InspectionStatus.ON_SITE
    found.lock_version += 1
    found.save()
    audit_record(
        actor=actor,
        verb="caa.safeguarding_visit_recorded",
        target=found,
        before=before,
        after={"days_on_site": found.site_days, "status": found.status},
    )
    return found
