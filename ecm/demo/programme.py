"""The demo round's plan (issue 8 §1): its councils in four blocks by region, each block with
its analysis window in June and July 2007 and each council a meeting date after its window and
by the end of July, and the council contacts the demo knows. Made by the same path an
administrator's spreadsheet takes (read, checked, imported all or nothing), once."""

from __future__ import annotations

from datetime import date

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.apa.models import Assessment
from ecm.programme.models import Block
from ecm.programme.plan_file import PlanFile, PlanRow
from ecm.programme.services.plan import plan_import
from ecm.workdays.calendar import add_working_days

# 002 §B: analysis in blocks through June and July; the last block's meetings fall on the last
# days of July.
BLOCK_WINDOWS = {
    1: (date(2007, 6, 1), date(2007, 6, 22)),
    2: (date(2007, 6, 11), date(2007, 7, 6)),
    3: (date(2007, 6, 25), date(2007, 7, 20)),
    4: (date(2007, 7, 2), date(2007, 7, 25)),
}


def demo_plan(demo_round) -> PlanFile:
    """The plan, as the rows a spreadsheet of it would hold."""
    assessments = list(
        Assessment.objects.filter(round=demo_round)
        .select_related("council__region")
        .order_by("council__region__name", "council__name")
    )
    regions = sorted({a.council.region.name for a in assessments})
    officers = {
        u.council_id: u
        for u in User.objects.filter(council__isnull=False, role_grants__role=Role.LINK_OFFICER)
    }
    directors = {
        u.council_id: u
        for u in User.objects.filter(council__isnull=False, role_grants__role=Role.DIRECTOR)
    }
    plan = PlanFile(name="demo-plan.csv", blocks=dict(BLOCK_WINDOWS))
    for n, a in enumerate(assessments):
        block = 1 + regions.index(a.council.region.name) * len(BLOCK_WINDOWS) // len(regions)
        ends = BLOCK_WINDOWS[block][1]
        meeting = min(add_working_days(ends, 1 + n % 4), demo_round.meeting_by)
        officer, director = officers.get(a.council_id), directors.get(a.council_id)
        plan.rows.append(
            PlanRow(
                row=n + 2,
                la_number=a.council.la_number,
                council=a.council.name,
                block=block,
                analysis_starts=BLOCK_WINDOWS[block][0],
                analysis_ends=ends,
                meeting_date=meeting,
                timing_request="Mornings, please" if n % 7 == 0 else "",
                link_officer_name=officer.get_full_name() if officer else "",
                link_officer_email=officer.email if officer else "",
                director_name=director.get_full_name() if director else "",
            )
        )
    return plan


def demo_programme_load(demo_round, administrator) -> bool:
    """Import the demo plan once; False when the round already has its blocks."""
    if Block.objects.filter(round=demo_round).exists():
        return False
    plan_import(actor=administrator, assessment_round=demo_round, plan=demo_plan(demo_round))
    return True
