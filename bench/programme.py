"""Issue 8: running a round. The round dashboard of every council (target: under 300 ms median
with a fixed number of queries), the plan of every council imported from CSV (first with a
change on every line, then again unchanged), a person's "what is due", the round's calendar
feed, and one run of the reminders over everyone."""

import statistics
import time
from datetime import date, timedelta

from bench.pages import page_figures
from ecm.core.spreadsheets import rows_csv
from ecm.programme.models import CalendarFeed
from ecm.programme.plan_file import read_plan
from ecm.programme.services.plan import plan_import, plan_rows
from ecm.programme.services.reminders import reminders_send


def _timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(client, *, admin, hmi, demo_round) -> list[tuple[str, float]]:
    count = demo_round.assessments.count()
    rows = page_figures(
        client, admin, f"/rounds/{demo_round.pk}/programme/", f"dashboard, {count} councils"
    )
    rows += page_figures(
        client,
        admin,
        f"/rounds/{demo_round.pk}/programme/?block=2&lateness=overdue",
        "dashboard filtered",
    )
    plan = plan_rows(assessment_round=demo_round)
    meeting = plan[0].index("timing_request")
    for row in plan[1:]:
        row[meeting] = "Moved by the benchmark"
    changed = rows_csv(plan)
    start = time.perf_counter()
    result = plan_import(
        actor=admin, assessment_round=demo_round, plan=read_plan("plan.csv", changed)
    )
    assert result.plans_changed == count
    rows.append(
        (f"import the plan of {count} councils, every line changed (once)",
         (time.perf_counter() - start) * 1000)
    )  # fmt: skip
    rows.append(
        (
            f"import the same plan of {count} councils again (nothing changes)",
            _timed(
                lambda: plan_import(
                    actor=admin, assessment_round=demo_round, plan=read_plan("plan.csv", changed)
                ),
                5,
            ),
        )
    )
    rows += page_figures(client, hmi, "/due/", "what is due, the demo's Lead")
    feed = CalendarFeed.objects.create(owner=admin, round=demo_round)
    rows += [
        (label.replace(feed.token, "<token>"), figure)
        for label, figure in page_figures(
            client, admin, f"/calendars/{feed.token}.ics", f"round calendar, {count} councils"
        )
    ]
    days = iter(date(2007, 7, 2) + timedelta(days=n) for n in range(10))
    rows.append(
        (
            "reminders over every person of the demo (each new day sends afresh)",
            _timed(lambda: reminders_send(today=next(days)), 3),
        )
    )
    return rows
