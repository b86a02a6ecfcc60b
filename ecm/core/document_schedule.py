"""The daily clean-up of document builds nobody has downloaded for DOCUMENT_BUILDS_KEPT_DAYS
(issue 25 §3; decision 0051), made after every migrate, idempotently, by name (as the
programme's jobs are, ecm.programme.tasks)."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_q.models import Schedule

CLEAN = "ECM: remove old document builds"


def schedule_ensure(**_kwargs) -> None:
    """Every day at 03:00 local time, when nobody is downloading."""
    if Schedule.objects.filter(name=CLEAN).exists():
        return
    now = timezone.localtime()
    first = datetime.combine(now.date(), time(3, 0), tzinfo=now.tzinfo)
    if first <= now:
        first += timedelta(days=1)
    Schedule.objects.create(
        name=CLEAN,
        func="ecm.core.document_builds.builds_clean_task",
        schedule_type=Schedule.DAILY,
        repeats=-1,
        next_run=first,
    )
