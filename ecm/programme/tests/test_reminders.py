"""Reminders and weekly summaries (issue 8 §6, §4): a reminder before each deadline and one
when overdue, sent by the scheduled job, never twice for the same deadline, whatever restarts
or runs twice, and each recorded; a moved date is a new deadline."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django_q.models import Schedule
from django_q.tasks import async_task

from ecm.apa import services as apa_services
from ecm.apa.workflow import AssessmentStatus
from ecm.programme import tasks as programme_tasks
from ecm.programme.models import CouncilPlan, Reminder, ReminderKind, WeeklySummary
from ecm.programme.services.reminders import reminders_send, weekly_summaries_send

pytestmark = pytest.mark.django_db
S = AssessmentStatus


@pytest.fixture
def in_analysis(assessment, link_officer):
    for status in (S.SELF_ASSESSMENT, S.ANALYSIS):
        apa_services.assessment_change_status(actor=None, assessment=assessment, to=status)
    CouncilPlan.objects.create(assessment=assessment, meeting_on=date(2007, 7, 10))
    return assessment


def _to(user):
    return [m for m in mail.outbox if user.email in m.to]


def test_a_reminder_goes_before_the_deadline_and_once_only_issue_8_6(in_analysis, hmi, brm):
    """The analysis ends 31 July 2007; three working days before, each inspector is reminded
    once, however often the job runs."""
    assert reminders_send(today=date(2007, 7, 20)).before == 0  # too early: 7 working days
    first = reminders_send(today=date(2007, 7, 26))
    assert first.before >= 2
    for person in (hmi, brm):
        (sent,) = [m for m in _to(person) if "Complete the analysis" in m.subject]
        assert sent.subject.startswith("Due 31 July")
        assert "last working day" not in sent.subject and "Rule:" in sent.body
    count = len(mail.outbox)
    again = reminders_send(today=date(2007, 7, 27))
    assert again.before == 0 and len(mail.outbox) == count
    recorded = Reminder.objects.filter(task="analysis_complete", kind=ReminderKind.BEFORE)
    assert recorded.count() == 2 and all(r.sent_at for r in recorded)


def test_no_duplicates_after_a_restart_issue_8_6(in_analysis, hmi):
    """A restart mid-run: the job runs again from nothing held in memory; the database's
    record of what was sent stops every second email, and the overdue one goes once too."""
    reminders_send(today=date(2007, 7, 26))
    sent = len(mail.outbox)
    for _ in range(3):  # three "restarts", each a fresh run of the job
        reminders_send(today=date(2007, 7, 26))
    assert len(mail.outbox) == sent
    overdue = reminders_send(today=date(2007, 8, 1))
    assert overdue.overdue >= 1
    assert reminders_send(today=date(2007, 8, 2)).overdue == 0
    assert [m for m in _to(hmi) if m.subject.startswith("Overdue: Complete the analysis")]


def test_a_second_record_of_the_same_deadline_is_refused_by_the_database(in_analysis, hmi):
    key = {
        "recipient": hmi,
        "task": "analysis_complete",
        "subject_key": f"a:{in_analysis.pk}",
        "due_on": date(2007, 7, 31),
        "kind": ReminderKind.BEFORE,
    }
    Reminder.objects.create(**key)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(**key)


def test_a_moved_deadline_is_reminded_again(in_analysis, hmi):
    """A changed date is a new deadline (issue 8 §3): the meeting moved, so the Lead is
    reminded of the new date."""
    reminders_send(today=date(2007, 7, 5))
    first = [m for m in _to(hmi) if "Agree the APA meeting" in m.subject]
    assert len(first) == 1 and "10 July" in first[0].subject
    CouncilPlan.objects.filter(assessment=in_analysis).update(meeting_on=date(2007, 7, 12))
    reminders_send(today=date(2007, 7, 9))
    moved = [m for m in _to(hmi) if "Agree the APA meeting" in m.subject]
    assert len(moved) == 2 and "12 July" in moved[1].subject


def test_the_weekly_summary_goes_once_a_week_with_overdue_first(in_analysis, hmi, link_officer):
    # 18 July 2007: the meeting (10 July) is overdue, the analysis (31 July) still due.
    result = weekly_summaries_send(today=date(2007, 7, 18))
    assert result.summaries >= 1
    (summary,) = [m for m in _to(hmi) if m.subject.startswith("What is due")]
    assert "week of 16 July 2007" in summary.subject and "1 overdue" in summary.subject
    assert summary.body.index("Overdue:") < summary.body.index("Due:")
    assert weekly_summaries_send(today=date(2007, 7, 20)).summaries == 0  # same week
    assert WeeklySummary.objects.filter(recipient=hmi).count() == 1
    assert weekly_summaries_send(today=date(2007, 7, 23)).summaries >= 1  # the next week


def test_the_scheduled_job_runs_on_the_task_queue_and_stays_once(in_analysis, hmi, settings):
    """The job as django-q2 runs it (synchronously in tests): twice, one set of emails."""
    async_task(programme_tasks.send_reminders)
    first = len(mail.outbox)
    async_task(programme_tasks.send_reminders)
    assert len(mail.outbox) == first


def test_the_schedules_exist_after_migrate_and_are_not_doubled():
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {programme_tasks.REMINDERS, programme_tasks.WEEKLY} <= names
    programme_tasks.schedules_ensure()
    assert Schedule.objects.filter(name=programme_tasks.REMINDERS).count() == 1
    daily = Schedule.objects.get(name=programme_tasks.REMINDERS)
    assert daily.schedule_type == Schedule.DAILY and daily.repeats == -1


def test_the_command_sends_them_too(in_analysis, capsys):
    call_command("send_reminders", "--weekly")
    assert "Reminders:" in capsys.readouterr().out
