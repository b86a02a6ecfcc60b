"""Issue 6: choosing whom to moderate across a whole round, and the moderation pages with a
full day of ten councils. The demo's ten signed notebooks go on one day, in three groups kept
by Lead (002 §H); the round's other councils have no notebook, as early in a real round."""

import statistics
import time
from datetime import date

from bench.pages import page_figures
from ecm.demo.services import DEMO_MODERATION_COUNCILS
from ecm.meetings.services.moderation import (
    moderation_choose,
    moderation_day_add,
    moderation_place,
    moderation_propose,
)

DAY = date(2007, 9, 12)


def _propose(admin, demo_round) -> float:
    times = []
    for n in range(3):
        start = time.perf_counter()
        moderation_propose(actor=admin, assessment_round=demo_round, seed=f"bench-{n}")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _plan_day(admin, demo_round):
    day = moderation_day_add(actor=admin, assessment_round=demo_round, day=DAY, groups=3)
    groups = list(day.groups.all())
    by_lead: dict[int, object] = {}
    for la_number in DEMO_MODERATION_COUNCILS:
        assessment = demo_round.assessments.get(council__la_number=la_number)
        moderation = getattr(assessment, "moderation", None)
        if moderation is None or not moderation.selected:
            moderation_choose(
                actor=admin, assessment=assessment, selected=True, reason="Benchmark day"
            )
        lead = assessment.assignments.get(is_lead=True).user_id
        group = by_lead.setdefault(lead, groups[len(by_lead) % len(groups)])
        moderation_place(actor=admin, assessment=assessment, group=group)
    return day


def run(client, *, admin, moderator, demo_round) -> list[tuple[str, float]]:
    count = demo_round.assessments.count()
    rows = [(f"moderation_propose over the round ({count} councils)", _propose(admin, demo_round))]
    day = _plan_day(admin, demo_round)
    rows += page_figures(
        client, admin, f"/rounds/{demo_round.pk}/moderation/", f"moderation, {count} councils"
    )
    rows += page_figures(client, moderator, f"/moderation/days/{day.pk}/", "a day of 10 councils")
    rows += page_figures(
        client, moderator, f"/moderation/days/{day.pk}/benchmark/", "benchmarking 10 councils"
    )
    return rows
