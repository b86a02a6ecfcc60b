"""The demo (issue 2 item 9): idempotent, with every role and Sharpston (002 Appendix B)."""

import pytest
from django.core.management import call_command

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.analysis.models import PackItem
from ecm.analysis.search import pack_search
from ecm.apa.cycles import BRIEFING_2007, HANDBOOK_2005
from ecm.apa.models import Assessment, AssessmentRound, Assignment
from ecm.audit.models import AuditEntry
from ecm.authorities.models import Council
from ecm.caa.flags.models import AreaAssessment
from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.rating.models import AnnualRating
from ecm.caa.safeguarding.models import FullInspection
from ecm.caa.unannounced.models import UnannouncedInspection
from ecm.demo.people import (
    DEMO_PEOPLE,
    HAMPSHIRE_LA_NUMBER,
    LEICESTERSHIRE_LA_NUMBER,
    SHARPSTON_LA_NUMBER,
)
from ecm.jar.models import JointAreaReview

pytestmark = pytest.mark.django_db


def _counts():
    return (
        User.objects.count(),
        Council.objects.count(),
        AssessmentRound.objects.count(),
        Assessment.objects.count(),
        Assignment.objects.count(),
        AuditEntry.objects.count(),
    )


def test_load_demo_twice_changes_nothing_the_second_time(capsys):
    call_command("load_demo")
    first = _counts()
    capsys.readouterr()
    call_command("load_demo")
    assert _counts() == first
    assert "Demo already loaded" in capsys.readouterr().out


def test_the_demo_has_every_role_and_sharpston_with_an_inspector_pair_and_a_lead():
    call_command("load_demo")
    held = {grant for user in User.objects.all() for grant in user.roles}
    assert held == set(Role.values)
    sharpston = Assessment.objects.get(council__name="Sharpston Metropolitan Council")
    roles = {a.role: a for a in sharpston.assignments.all()}
    assert {"hmi", "brm"} <= set(roles)
    assert roles["hmi"].is_lead
    assert all(User.objects.get(email=p.email).is_demo for p in DEMO_PEOPLE)


def test_the_demo_round_holds_every_council_active_in_its_year():
    call_command("load_demo")
    demo_round = AssessmentRound.objects.get(year=2007)
    councils = set(demo_round.assessments.values_list("council__la_number", flat=True))
    assert {"855", "202", "352", "908", "990"} <= councils
    assert "820" in councils  # Bedfordshire still existed in 2007
    assert "822" not in councils  # Bedford was created in 2009


def test_load_demo_prints_the_sign_ins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "demo-ecm-2007" in out
    assert all(p.email in out for p in DEMO_PEOPLE)


def test_the_demo_gives_sharpston_a_searchable_information_pack():
    """Issue 5 §1: the demo pair's council has briefings by source, searchable by content."""
    call_command("load_demo")
    sharpston = Assessment.objects.get(council__name="Sharpston Metropolitan Council")
    kinds = set(PackItem.objects.filter(assessment=sharpston).values_list("category", flat=True))
    assert kinds == {"briefing", "supporting"}
    hits = pack_search(assessment=sharpston, query="placement stability")
    assert [h.title for h in hits] == ["CSCI briefing: children's social care"]


def test_the_demo_gives_sharpston_a_joint_area_review_with_its_draft_report_issue_9():
    """Every part filled by the services (so by their rules): ten tracked cases drawn from 100,
    the documents checklist, voluntary partners, the youth inspection, the judgements of 001's
    2007 set each on evidence, and the draft report with the council."""
    call_command("load_demo")
    review = JointAreaReview.objects.get(council__la_number=SHARPSTON_LA_NUMBER)
    assert review.cases.count() == 100 and review.cases.filter(tracked=True).count() == 10
    assert review.requested_documents.exists()
    assert review.judgements.count() == 5
    assert all(j.evidence.exists() for j in review.judgements.all())
    assert review.report.stage == "draft_sent"
    assert review.draft_report_sent is not None


def test_the_demo_gives_leicestershire_its_2009_year_issue_10():
    """Issue 10 "Done when": the profile's quarters, the unannounced letter raising serious
    concerns, the full inspection published, the area assessment, and the final annual rating
    limited by the letter (004)."""
    call_command("load_demo")
    council = Council.objects.get(la_number=LEICESTERSHIRE_LA_NUMBER)
    assert ProfileQuarter.objects.filter(council=council).count() == 2
    letter = UnannouncedInspection.objects.get(council=council)
    assert letter.is_sent and letter.outcome == "serious_concerns"
    assert FullInspection.objects.get(council=council).published_on is not None
    assert AreaAssessment.objects.get(council=council, year=2009).is_published
    rating = AnnualRating.objects.get(council=council, year=2009)
    assert rating.stage == "final" and rating.rating == 2
    assert [limit["code"] for limit in rating.limits] == ["unannounced_serious_concerns"]


def test_the_demo_has_one_round_of_each_cycle():
    """Issue 23 §1: "The demo has one round of each cycle": the 2007 round in the handbook's
    (002 §A), and APA 2008 in the 2007 briefing's, Hampshire at its review of the CYPP."""
    call_command("load_demo")
    cycles = dict(AssessmentRound.objects.values_list("year", "cycle"))
    assert cycles == {2007: HANDBOOK_2005, 2008: BRIEFING_2007}
    hampshire = Assessment.objects.get(round__year=2008)
    assert hampshire.council.la_number == HAMPSHIRE_LA_NUMBER
    assert hampshire.status == "self_assessment"
    roles = {a.role: a for a in hampshire.assignments.all()}
    assert roles["hmi"].is_lead and {"brm", "management_reader", "csci_manager"} <= set(roles)
