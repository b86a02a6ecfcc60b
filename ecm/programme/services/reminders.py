"""Reminders and weekly summaries (issue 8 §4, §6): an email a few working days before each
deadline of a person's task and one when it is overdue, and once a week a summary of what is
due and overdue. Each is recorded in a row whose unique key (person, task, subject, date, kind;
person and week) the database enforces, and the row is claimed before the email is sent, so
however often the job runs or restarts, and even with two workers at once, nobody is reminded
twice of the same deadline. A moved date is a new deadline and is reminded again.

The job runs on the project's own database through django-q2 (ecm.programme.tasks; decision
0023), or by `manage.py send_reminders` from cron."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecm.core.citations import cited
from ecm.programme.models import Reminder, ReminderKind, WeeklySummary
from ecm.programme.selectors import DueItem, due_for, people_with_parts

# A reminder goes this many working days before the deadline, or fewer when the task appears
# later than that.
REMIND_BEFORE_WORKING_DAYS = 3


@dataclass
class SendResult:
    before: int = 0
    overdue: int = 0
    summaries: int = 0


def _claim(**key) -> Reminder | None:
    """Record the reminder, or None when it was already recorded (by any run, ever)."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(**key)
    except IntegrityError:
        return None


def _site(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def _why(item: DueItem) -> str:
    return f"{cited(item.deadline.rule)} ({cited(item.deadline.source)})"


def _line(item: DueItem) -> str:
    when = f"{item.due_on:%A %-d %B %Y}"
    late = " (OVERDUE)" if item.overdue else ""
    where = f"{item.council}: " if item.council else ""
    return f"- {where}{item.title}, by {when}{late}.\n  Rule: {_why(item)}.\n  {_site(item.url)}"


def _message(item: DueItem, kind: str) -> str:
    """One reminder in the plain words of a GOV.UK Notify email: what, for whom, by when and
    why, then the link to do it (issue 24 §3: as for the APA, for the JAR and 2009 too)."""
    when = f"{item.due_on:%A %-d %B %Y}"
    if item.ends and item.ends != item.due_on:
        status = f"This starts on {when} and ends on {item.ends:%A %-d %B %Y}."
    elif kind == ReminderKind.OVERDUE:
        status = f"This was due on {when} and is not done yet."
    elif item.working_days == 0:
        status = f"This is due today, {when}."
    else:
        days = f"{item.working_days} working day{'s' if item.working_days != 1 else ''}"
        status = f"This is due on {when}, in {days}."
    council = f"Council: {item.council}\n" if item.council else ""
    return (
        f"{item.title}\n\n{council}{status}\n\n"
        f"Rule: {_why(item)}.\n\n"
        f"Do it here:\n{_site(item.url)}\n\n"
        f"Everything you have to do is on your list:\n{_site('/due/')}\n\n"
        "ECM Assess sends one reminder before each deadline and one if it is missed.\n"
    )


def _remind(person, item: DueItem, kind: str, now) -> bool:
    claimed = _claim(
        recipient=person,
        task=item.task,
        assessment_id=item.assessment_id,
        subject_key=item.subject_key,
        due_on=item.due_on,
        kind=kind,
    )
    if claimed is None:
        return False
    about = f" ({item.council})" if item.council else ""
    if kind == ReminderKind.OVERDUE:
        subject = f"Overdue: {item.title}{about}"
    else:
        subject = f"Due {item.due_on:%-d %B}: {item.title}{about}"
    send_mail(
        subject=subject,
        message=_message(item, kind),
        from_email=None,
        recipient_list=[person.email],
    )
    claimed.sent_at = now
    claimed.save(update_fields=["sent_at"])
    return True


def reminders_send(*, today: date | None = None) -> SendResult:
    """Send every reminder due today that has not been sent before."""
    today = today or timezone.localdate()
    now = timezone.now()
    result = SendResult()
    for person in people_with_parts():
        for item in due_for(user=person, today=today):
            if item.overdue:
                result.overdue += _remind(person, item, ReminderKind.OVERDUE, now)
            elif item.working_days <= REMIND_BEFORE_WORKING_DAYS:
                result.before += _remind(person, item, ReminderKind.BEFORE, now)
    return result


def week_starting(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_summaries_send(*, today: date | None = None) -> SendResult:
    """Send each person with anything due their summary of the week, once a week."""
    today = today or timezone.localdate()
    monday = week_starting(today)
    result = SendResult()
    for person in people_with_parts():
        items = due_for(user=person, today=today)
        if not items:
            continue
        overdue = [i for i in items if i.overdue]
        try:
            with transaction.atomic():
                summary = WeeklySummary.objects.create(
                    recipient=person,
                    week_starting=monday,
                    items=len(items),
                    overdue=len(overdue),
                )
        except IntegrityError:
            continue
        parts = []
        if overdue:
            parts.append("Overdue:\n" + "\n".join(_line(i) for i in overdue))
        coming = [i for i in items if not i.overdue]
        if coming:
            parts.append("Due:\n" + "\n".join(_line(i) for i in coming))
        send_mail(
            subject=f"What is due, week of {monday:%-d %B %Y}: {len(items)} to do, "
            f"{len(overdue)} overdue",
            message="\n\n".join(parts) + f"\n\nYour list is at {_site('/due/')}\n",
            from_email=None,
            recipient_list=[person.email],
        )
        summary.sent_at = timezone.now()
        summary.save(update_fields=["sent_at"])
        result.summaries += 1
    return result
