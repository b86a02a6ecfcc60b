"""The scheduled jobs (issue 8 §6; decision 0023): django-q2 keeps its queue and schedules in
the project's own database (its ORM broker), so the default set-up needs no other server; a
`qcluster` process runs them (started by `make run`). The schedules are made after every
migrate, idempotently, by name."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.apps import apps
from django.db.models.signals import post_migrate
from django.utils import timezone
from django_q.models import Schedule

from ecm.programme.services.reminders import reminders_send, weekly_summaries_send

REMINDERS = "ECM: reminders of deadlines"
WEEKLY = "ECM: weekly summary of what is due"


def send_reminders() -> str:
    result = reminders_send()
    return f"{result.before} before, {result.overdue} overdue"


def send_weekly_summaries() -> str:
    return f"{weekly_summaries_send().summaries} summaries"


def _next(at: time, weekday: int | None = None) -> datetime:
    now = timezone.localtime()
    moment = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    while moment <= now or (weekday is not None and moment.weekday() != weekday):
        moment += timedelta(days=1)
    return moment


def schedules_ensure(**_kwargs) -> None:
    """Daily reminders at 07:00 and the weekly summary on Monday at 07:30 (local time)."""
    wanted = {
        REMINDERS: ("ecm.programme.tasks.send_reminders", Schedule.DAILY, _next(time(7, 0))),
        WEEKLY: (
            "ecm.programme.tasks.send_weekly_summaries",
            Schedule.WEEKLY,
            _next(time(7, 30), weekday=0),
        ),
    }
    for name, (func, kind, first) in wanted.items():
        if not Schedule.objects.filter(name=name).exists():
            Schedule.objects.create(
                name=name, func=func, schedule_type=kind, repeats=-1, next_run=first
            )


def connect() -> None:
    post_migrate.connect(
        schedules_ensure, sender=apps.get_app_config("programme"), dispatch_uid="ecm-schedules"
    )
