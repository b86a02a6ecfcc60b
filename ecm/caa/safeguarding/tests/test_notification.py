"""The full inspection's notification and visit (issue 10 §4; 004 "Full inspection of local area
safeguarding and services for looked after children"; DOMAIN.md §5, §6), each test naming its
source."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.caa.safeguarding import selectors, services
from ecm.caa.safeguarding.models import FullInspection
from ecm.core.access import NotYourRole
from ecm.core.locking import stale_message

pytestmark = pytest.mark.django_db


def _field(error: ValidationError, field: str) -> list[str]:
    return error.message_dict[field]


# ------------------------------------------------------------------------------ Notification


@pytest.mark.parametrize(
    "first_day, refused",
    [(date(2009, 9, 27), True), (date(2009, 9, 28), False), (date(2009, 10, 12), False)],
)
def test_004_two_weeks_notice_before_the_first_day_on_site(notify, council, first_day, refused):
    """004: "This inspection will carry a notice period of two weeks": notified on 14 September,
    on site from 28 September at the earliest."""
    last = first_day
    if refused:
        with pytest.raises(ValidationError) as error:
            notify(council, first_day_on_site=first_day, last_day_on_site=last)
        assert _field(error.value, "first_day_on_site") == [
            services.TOO_LITTLE_NOTICE.format(earliest=date(2009, 9, 28), days=14)
        ]
        assert not FullInspection.objects.exists()
    else:
        done = notify(council, first_day_on_site=first_day, last_day_on_site=last)
        assert done.first_day_on_site == first_day


@pytest.mark.parametrize(
    "last_day, refused", [(date(2009, 10, 2), False), (date(2009, 10, 3), True)]
)
def test_004_at_most_five_days_on_site(notify, council, last_day, refused):
    """004: "inspectors will be on site for no more than five days" (counted inclusive: 28
    September to 2 October is five)."""
    if not refused:
        assert notify(council, last_day_on_site=last_day).last_day_on_site == last_day
        return
    with pytest.raises(ValidationError) as error:
        notify(council, last_day_on_site=last_day)
    assert _field(error.value, "last_day_on_site") == [
        services.TOO_MANY_DAYS.format(days=5, latest=date(2009, 10, 2))
    ]


def test_004_the_programme_begins_on_1_april_2009(notify, council):
    with pytest.raises(ValidationError) as error:
        notify(
            council,
            notified_on=date(2009, 3, 1),
            first_day_on_site=date(2009, 3, 30),
            last_day_on_site=date(2009, 3, 31),
            documents_due_on=date(2009, 3, 20),
        )
    assert _field(error.value, "first_day_on_site") == [
        services.BEFORE_THE_PROGRAMME.format(starts=date(2009, 4, 1))
    ]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"documents": []}, "documents", services.NO_DOCUMENTS),
        ({"documents": ["cypp", "diaries"]}, "documents", services.UNKNOWN_DOCUMENT),
        ({"documents_due_on": None}, "documents_due_on", services.NO_DOCUMENTS_DUE),
        (
            {"documents_due_on": date(2009, 9, 29)},
            "documents_due_on",
            services.DOCUMENTS_DUE_OUTSIDE.format(
                notified=date(2009, 9, 14), first=date(2009, 9, 28)
            ),
        ),
        ({"lead_inspector": None}, "lead_inspector", services.NO_LEAD),
        ({"notified_on": None}, "notified_on", services.NO_NOTIFIED_ON),
        (
            {"last_day_on_site": date(2009, 9, 27)},
            "last_day_on_site",
            services.LAST_BEFORE_FIRST,
        ),
    ],
)
def test_004_notification_needs_the_documents_requested_and_a_lead(
    notify, council, overrides, field, message
):
    """004 "Before inspection": "At the time of notification, inspectors will want further
    documentary evidence": chosen from 004's list, with the date they are due."""
    with pytest.raises(ValidationError) as error:
        notify(council, **overrides)
    assert _field(error.value, field) == [message]


def test_the_documents_are_kept_in_004s_order_and_words(notify, council):
    inspection = notify(council, documents=["jsna", "cypp"])
    assert inspection.documents_requested == ["cypp", "jsna"]
    assert selectors.documents_of(inspection) == [
        "Children and Young People\u2019s Plan",
        "Joint Strategic Needs Assessment",
    ]


def test_the_lead_and_team_are_inspectors(notify, council, make_user, link_officer, brm):
    with pytest.raises(ValidationError) as error:
        notify(council, lead_inspector=make_user(Role.MODERATOR))
    assert _field(error.value, "lead_inspector") == [services.NOT_AN_INSPECTOR]
    with pytest.raises(ValidationError) as error:
        notify(council, team=[link_officer])
    assert _field(error.value, "team") == [services.NOT_AN_INSPECTOR]
    inspection = notify(council, team=[brm])
    assert list(inspection.team.all()) == [brm]


@pytest.mark.parametrize("role", [Role.HMI, Role.BRM, Role.PROGRAMME_ADMINISTRATOR])
def test_inspectors_and_the_programme_administrator_notify(notify, council, make_user, role):
    actor = make_user(role)
    assert notify(council, actor=actor).notified_by == actor


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.MANAGEMENT_READER, Role.LINK_OFFICER])
def test_others_may_not_notify(notify, council, make_user, role):
    actor = make_user(role, council=council if role == Role.LINK_OFFICER else None)
    with pytest.raises(NotYourRole):
        notify(council, actor=actor)


def test_one_inspection_under_way_at_a_time(notified, notify, council):
    with pytest.raises(ValidationError) as error:
        notify(council)
    assert error.value.messages == [
        services.UNDER_WAY.format(council=council.name, notified=date(2009, 9, 14))
    ]


def test_notification_is_audited(notified, hmi):
    entry = AuditEntry.objects.get(verb="caa.safeguarding_notified")
    assert entry.actor == hmi and entry.after["documents_requested"] == [
        "cypp",
        "case_files",
        "lscb_minutes",
    ]


# ------------------------------------------------------------------------------------ Visit


def test_004_the_visit_is_five_days_at_most_and_after_the_notice(notified, visit):
    with pytest.raises(ValidationError) as error:
        visit(notified, first=date(2009, 9, 21), last=date(2009, 9, 25))
    assert "first_day_on_site" in error.value.message_dict
    notified.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        visit(notified, first=date(2009, 9, 28), last=date(2009, 10, 5))
    assert "last_day_on_site" in error.value.message_dict
    notified.refresh_from_db()
    done = visit(notified, first=date(2009, 9, 29), last=date(2009, 10, 2))
    assert (done.status, done.visit_recorded) == ("on_site", True)
    assert AuditEntry.objects.filter(verb="caa.safeguarding_visit_recorded").exists()


def test_only_the_team_records_the_visit(notified, visit, make_user):
    with pytest.raises(NotYourRole):
        visit(notified, actor=make_user(Role.HMI))


def test_a_stale_page_is_refused(notified, hmi):
    with pytest.raises(ValidationError) as error:
        services.inspection_record_visit(
            actor=hmi,
            inspection=notified,
            first_day_on_site=notified.first_day_on_site,
            last_day_on_site=notified.last_day_on_site,
            expected_lock_version=notified.lock_version + 1,
        )
    assert error.value.messages == [stale_message(what="this inspection")]
