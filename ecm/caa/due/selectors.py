"""The 2009 events' dates and tasks for "what is due", calendars and reminders (issue 24 §3;
004): the facts of each event read from its part of ecm.caa, the person's part in it, and the
rules of ecm.caa.due.rules applied. A council's people get only their own council's entries,
never an unannounced inspection's, and none with a grade. The programme (beside caa in the
layers) asks through ecm.core.due; `connect` answers it, from CaaConfig.ready."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.conf import settings
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.caa.due.rules import (
    ADMINISTRATOR,
    COUNCIL,
    FINALISER,
    LEAD,
    TEAM,
    Entry,
    FullInspectionFacts,
    UnannouncedFacts,
    area_deadline,
    area_entries,
    entries_for,
    full_inspection_entries,
    profile_entries,
    rating_entries,
    survey_entries,
    unannounced_entries,
)
from ecm.caa.flags.models import AreaAssessment, AreaStatus
from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.profile.quarters import FIRST_QUARTER, quarter_of
from ecm.caa.rating.models import AnnualRating, RatingStage
from ecm.caa.safeguarding.models import FullInspection
from ecm.caa.safeguarding.services_report import publication_deadline
from ecm.caa.unannounced.models import InspectionStatus, UnannouncedInspection
from ecm.core.due import DueEntry, due_entries_asked
from ecm.surveys.models import Survey, SurveyStatus


def _council_of(user) -> int | None:
    """The council whose entries the user sees as its link officer or director, or None."""
    if user.council_id and user.roles & {Role.LINK_OFFICER, Role.DIRECTOR}:
        return user.council_id
    return None


def _unannounced(user) -> list[Entry]:
    """The lead inspector's own unannounced inspections: never a council's (004)."""
    if user.council_id:
        return []
    found = []
    # Only the fields read here: the parts add fields of their own as they grow.
    found_on = (
        UnannouncedInspection.objects.filter(lead_inspector=user)
        .select_related("council")
        .only("first_day", "last_day", "status", "council__name", "council__la_number")
    )
    for u in found_on:
        facts = UnannouncedFacts(
            pk=u.pk,
            council=u.council.name,
            la_number=u.council.la_number,
            first_day=u.first_day,
            last_day=u.last_day,
            letter_sent=u.status == InspectionStatus.SENT,
        )
        found += entries_for(
            unannounced_entries(
                facts, letter_working_days=settings.UNANNOUNCED_LETTER_WORKING_DAYS
            ),
            {LEAD},
        )
    return found


def _full_inspections(user, today: date) -> list[Entry]:
    council_id = _council_of(user)
    qs = FullInspection.objects.select_related("council").only(
        "council__name",
        "council__la_number",
        "framework_version",
        "status",
        "notified_on",
        "documents_due_on",
        "first_day_on_site",
        "last_day_on_site",
        "lead_inspector_id",
        "published_on",
    )
    if council_id:
        inspections, parts_of = qs.filter(council_id=council_id), lambda i: {COUNCIL}
    elif user.council_id:
        return []
    else:
        inspections = (qs.filter(lead_inspector=user) | qs.filter(team=user)).distinct()

        def parts_of(i):
            return {TEAM, LEAD} if i.lead_inspector_id == user.pk else {TEAM}

    found = []
    for i in inspections:
        facts = FullInspectionFacts(
            pk=i.pk,
            council=i.council.name,
            la_number=i.council.la_number,
            notified_on=i.notified_on,
            documents_due_on=i.documents_due_on,
            first_day=i.first_day_on_site,
            last_day=i.last_day_on_site,
            published=i.is_published,
            publication=publication_deadline(i),
        )
        found += entries_for(full_inspection_entries(facts, today=today), parts_of(i))
    return found


def _ratings(user) -> list[Entry]:
    roles = user.roles
    council_id = _council_of(user)
    finaliser = bool(roles & {Role.PROGRAMME_ADMINISTRATOR, Role.MANAGEMENT_READER})
    if not (finaliser or council_id):
        return []
    drafts = AnnualRating.objects.filter(stage=RatingStage.DRAFT).select_related("council")
    found = []
    month = settings.CAA_RATING_BY_MONTH
    if finaliser and not user.council_id:
        for year, count in sorted(Counter(r.year for r in drafts).items()):
            found += entries_for(
                rating_entries(year=year, drafts=count, month=month, councils=[]), {FINALISER}
            )
    if council_id:
        for r in drafts.filter(council_id=council_id):
            found += entries_for(
                rating_entries(
                    year=r.year,
                    drafts=0,
                    month=month,
                    councils=[(r.council.name, r.council.la_number)],
                ),
                {COUNCIL},
            )
    return found


def _profiles(user, today: date) -> list[Entry]:
    if user.council_id or Role.PROGRAMME_ADMINISTRATOR not in user.roles:
        return []
    quarter = quarter_of(today)
    if quarter < FIRST_QUARTER:
        return []
    with_profile = set(ProfileQuarter.objects.values_list("council_id", flat=True))
    reviewed = set(
        ProfileQuarter.objects.filter(quarter=quarter.label).values_list("council_id", flat=True)
    )
    return profile_entries(
        label=quarter.label,
        months=quarter.months,
        quarter_ends=quarter.ends,
        to_review=len(with_profile - reviewed),
    )


def _surveys(user) -> list[Entry]:
    """The administrator's open annual questionnaires (004), by year."""
    if user.council_id or Role.PROGRAMME_ADMINISTRATOR not in user.roles:
        return []
    open_by_year = Counter(
        Survey.objects.filter(status=SurveyStatus.OPEN).values_list("year", flat=True)
    )
    found = []
    for year, count in sorted(open_by_year.items()):
        found += survey_entries(year=year, open_surveys=count, month=settings.CAA_RATING_BY_MONTH)
    return found


def _areas(user) -> list[Entry]:
    council_id = _council_of(user)
    administrator = Role.PROGRAMME_ADMINISTRATOR in user.roles and not user.council_id
    if not (administrator or council_id):
        return []
    by = (settings.CAA_AREA_PUBLISH_BY_MONTH, settings.CAA_AREA_PUBLISH_BY_DAY)
    found = []
    if administrator:
        drafted = Counter(
            AreaAssessment.objects.filter(status=AreaStatus.DRAFTED).values_list("year", flat=True)
        )
        for year, count in sorted(drafted.items()):
            found += entries_for(
                area_entries(
                    year=year, drafted=count, deadline=area_deadline(year, *by), councils=[]
                ),
                {ADMINISTRATOR},
            )
    if council_id:
        for a in AreaAssessment.objects.filter(council_id=council_id).select_related("council"):
            found += entries_for(
                area_entries(
                    year=a.year,
                    drafted=0,
                    deadline=area_deadline(a.year, *by),
                    councils=[(a.council.name, a.council.la_number, a.published_on)],
                ),
                {COUNCIL},
            )
    return found


def caa_entries(user, today: date) -> list[Entry]:
    """Every 2009 date and task of the person (issue 24 §3): their own council's only for a
    council's people, the inspections they lead or are on for inspectors, the programme's for
    the administrator and the readers who make ratings final."""
    return (
        _unannounced(user)
        + _full_inspections(user, today)
        + _ratings(user)
        + _profiles(user, today)
        + _surveys(user)
        + _areas(user)
    )


def due_entry(entry: Entry) -> DueEntry:
    return DueEntry(
        code=f"caa_{entry.code}",
        title=entry.title,
        council=entry.council,
        deadline=entry.deadline,
        url=reverse(entry.url_name, kwargs=entry.url_kwargs),
        source=entry.source,
        subject_key=entry.subject_key,
        task=entry.task,
        ends=entry.ends,
    )


def _answer(sender, *, user, today, **_kwargs) -> list[DueEntry]:
    return [due_entry(e) for e in caa_entries(user, today)]


def connect() -> None:
    due_entries_asked.connect(_answer, dispatch_uid="ecm-caa-due")
