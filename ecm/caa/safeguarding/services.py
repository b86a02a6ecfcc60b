"""Writes of the full inspection of safeguarding and looked after children (issue 10 §4; 004
"Full inspection of local area safeguarding and services for looked after children"; DOMAIN.md
§5): notification with two weeks' notice and the documents requested, the visit of at most five
days, and the lead inspector and team. The judgements, recommendations and the report's
publication are in services_report.py. Every change is audited with who, when and why."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.roles import INSPECTOR_ROLES
from ecm.audit.services import audit_record
from ecm.authorities.models import Council
from ecm.caa.safeguarding.framework import SafeguardingFramework, safeguarding_framework
from ecm.caa.safeguarding.models import FullInspection, InspectionStatus
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


def _is_inspector(user) -> bool:
    return bool(user is not None and user.is_active and user.roles & INSPECTOR_ROLES)


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


def _days_errors(notified_on, first_day, last_day, framework) -> dict[str, str]:
    errors = {}
    if notified_on is None:
        errors["notified_on"] = NO_NOTIFIED_ON
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
    if last_day < first_day:
        errors["last_day_on_site"] = LAST_BEFORE_FIRST
    elif last_day > latest_last_day(first_day, framework):
        errors["last_day_on_site"] = TOO_MANY_DAYS.format(
            days=framework.max_days_on_site, latest=latest_last_day(first_day, framework)
        )
    return errors


@transaction.atomic
def inspection_notify(
    *,
    actor,
    council,
    notified_on: date | None,
    first_day_on_site: date | None,
    last_day_on_site: date | None,
    lead_inspector,
    team: list | tuple = (),
    documents: list[str],
    documents_due_on: date | None,
) -> FullInspection:
    """Notify a council of its full inspection: two weeks' notice before the first day on site,
    at most five days on site (004), the lead inspector and team, and the documents the
    inspectors want at notification from 004's list, with the date they are due (between the
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
    errors = _days_errors(notified_on, first_day_on_site, last_day_on_site, framework)
    if lead_inspector is None:
        errors["lead_inspector"] = NO_LEAD
    elif not _is_inspector(lead_inspector):
        errors["lead_inspector"] = NOT_AN_INSPECTOR
    if not all(_is_inspector(member) for member in team):
        errors["team"] = NOT_AN_INSPECTOR
    if not documents:
        errors["documents"] = NO_DOCUMENTS
    elif any(framework.document(code) is None for code in documents):
        errors["documents"] = UNKNOWN_DOCUMENT
    if documents_due_on is None:
        errors["documents_due_on"] = NO_DOCUMENTS_DUE
    elif (
        notified_on
        and first_day_on_site
        and not (notified_on <= documents_due_on <= first_day_on_site)
    ):
        errors["documents_due_on"] = DOCUMENTS_DUE_OUTSIDE.format(
            notified=notified_on, first=first_day_on_site
        )
    if errors:
        raise ValidationError(errors)
    ordered = [d.code for d in framework.documents if d.code in documents]
    inspection = FullInspection.objects.create(
        council=council,
        framework_version=str(framework.year),
        notified_on=notified_on,
        notified_by=actor,
        first_day_on_site=first_day_on_site,
        last_day_on_site=last_day_on_site,
        lead_inspector=lead_inspector,
        documents_requested=ordered,
        documents_due_on=documents_due_on,
    )
    members = [m for m in team if m.pk != lead_inspector.pk]
    inspection.team.set(members)
    audit_record(
        actor=actor,
        verb="caa.safeguarding_notified",
        target=inspection,
        after={
            "notified_on": notified_on,
            "first_day_on_site": first_day_on_site,
            "last_day_on_site": last_day_on_site,
            "lead_inspector": str(lead_inspector),
            "team": [str(m) for m in members],
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
    first_day_on_site: date | None,
    last_day_on_site: date | None,
    expected_lock_version: int | None,
) -> FullInspection:
    """Record the days the inspectors were on site: still after two weeks' notice and at most
    five days (004). The inspection is then on site, and may be judged."""
    require_team(actor, inspection)
    found = locked(inspection, expected_lock_version)
    framework = safeguarding_framework(found.framework_version)
    errors = _days_errors(found.notified_on, first_day_on_site, last_day_on_site, framework)
    if errors:
        raise ValidationError(errors)
    before = {
        "first_day_on_site": found.first_day_on_site,
        "last_day_on_site": found.last_day_on_site,
        "status": found.status,
    }
    found.first_day_on_site = first_day_on_site
    found.last_day_on_site = last_day_on_site
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
        after={
            "first_day_on_site": first_day_on_site,
            "last_day_on_site": last_day_on_site,
            "status": found.status,
        },
    )
    return found
