"""A round in the 2007 briefing's cycle, end to end through the services, what is due and the
pages (issue 23 §1). Each rule cites the 2007 briefing ("APA and JAR", January 2007, "APA")."""

from datetime import date
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecm.apa import services as apa_services
from ecm.apa.cycles import BRIEFING_2007, HANDBOOK_2005
from ecm.apa.models import AssessmentRound
from ecm.apa.services import cypp_review
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.models import AuditEntry
from ecm.core.access import NotYourRole
from ecm.letters.models import RoundSocialCareValidation
from ecm.meetings import conversation
from ecm.programme import selectors as programme
from ecm.programme.feeds import round_events

pytestmark = pytest.mark.django_db
S = AssessmentStatus


@pytest.fixture
def round_2008(framework):
    return apa_services.round_create(
        actor=None, year=2008, framework_version=framework, cycle=BRIEFING_2007
    )


@pytest.fixture
def assessed(round_2008, make_assessment, council):
    assessment = make_assessment(council=council, year=2008)
    apa_services.assessment_change_status(actor=None, assessment=assessment, to=S.SELF_ASSESSMENT)
    assessment.refresh_from_db()
    return assessment


def _validate(assessment_round, administrator) -> None:
    RoundSocialCareValidation.objects.create(
        round=assessment_round, validated_by=administrator, validated_at=timezone.now()
    )


def test_a_round_in_the_2007_cycle_takes_the_briefings_dates_001(round_2008):
    """001: the CYPP review "submitted to Ofsted in June"; "Inspectors will review the data in
    July and August"; the single conversation "in September or October"."""
    r = round_2008
    assert r.cycle == BRIEFING_2007 and r.the_cycle.has_single_conversation
    assert r.self_assessment_due == date(2008, 6, 30)
    assert (r.analysis_starts, r.analysis_ends) == (date(2008, 7, 1), date(2008, 8, 29))
    assert (r.meeting_from, r.meeting_by) == (date(2008, 9, 1), date(2008, 10, 31))
    entry = AuditEntry.objects.filter(verb="round.created").latest("at")
    assert entry.after["cycle"] == BRIEFING_2007


def test_a_round_keeps_the_handbooks_cycle_unless_another_is_chosen(framework):
    """Issue 23 §1: each round names its cycle; the handbook's is the default (002 §A)."""
    r = apa_services.round_create(actor=None, year=2006, framework_version=framework)
    assert r.cycle == HANDBOOK_2005 and r.meeting_from is None
    assert r.self_assessment_due == date(2006, 5, 31)
    with pytest.raises(ValidationError, match="no cycle called"):
        apa_services.round_create(actor=None, year=2005, framework_version=framework, cycle="x")


def test_the_council_publishes_and_submits_its_cypp_review_001(assessed, link_officer, hmi):
    """001: "a multi-agency review of the Children and Young People's Plan, which has to be
    published and submitted to Ofsted in June": submitting names every missing part; once
    submitted it no longer changes; only the council's own people write it."""
    with pytest.raises(ValidationError) as refused:
        cypp_review.cypp_review_submit(actor=link_officer, assessment=assessed)
    assert len(refused.value.messages) == 3
    assert "multi-agency" in " ".join(refused.value.messages)
    with pytest.raises(NotYourRole):
        cypp_review.cypp_review_save(
            actor=hmi, assessment=assessed, published_on=None, published_at="", partners=""
        )
    cypp_review.cypp_review_save(
        actor=link_officer,
        assessment=assessed,
        published_on=date(2008, 6, 20),
        published_at="https://example.org/cypp-review-2008",
        partners="Primary care trust; police; voluntary sector forum",
    )
    review = cypp_review.cypp_review_submit(actor=link_officer, assessment=assessed)
    assert review.submitted_at and review.submitted_by == link_officer
    with pytest.raises(ValidationError, match="no longer changes"):
        cypp_review.cypp_review_save(
            actor=link_officer, assessment=assessed, published_on=None, published_at="", partners=""
        )
    found = {m.code: m for m in programme.milestones_of(assessment=assessed)}
    assert found["self_assessment"].title == "CYPP review published and submitted to Ofsted"
    assert found["self_assessment"].done


def test_a_handbook_round_has_no_cypp_review_or_single_conversation(
    make_assessment, council, link_officer, hmi
):
    """002 §A: the handbook's cycle has the self-assessment and the APA meeting."""
    assessment = make_assessment(council=council, year=2007)  # the handbook's cycle
    apa_services.assessment_change_status(actor=None, assessment=assessment, to=S.SELF_ASSESSMENT)
    assessment.refresh_from_db()
    with pytest.raises(ValidationError, match="self-assessment"):
        cypp_review.cypp_review_save(
            actor=link_officer,
            assessment=assessment,
            published_on=None,
            published_at="",
            partners="",
        )
    with pytest.raises(ValidationError, match="APA meeting"):
        conversation.conversation_propose(actor=hmi, assessment=assessment, day=date(2007, 7, 3))


def test_what_is_due_follows_the_2007_cycle_001(assessed, link_officer, hmi):
    """Issue 23 §1: "Dates, checklists, what is due ... follow the round's cycle"."""
    due = {i.task: i for i in programme.due_for(user=link_officer, today=date(2008, 6, 2))}
    item = due["self_assessment_submit"]
    assert item.title.startswith("Publish the review of the Children and Young People's Plan")
    assert item.due_on == date(2008, 6, 30)
    assert "the briefing gives no day" in item.deadline.rule
    assert item.url.endswith(f"/assessments/{assessed.pk}/cypp-review/")
    for status in (S.ANALYSIS,):
        apa_services.assessment_change_status(actor=None, assessment=assessed, to=status)
    found = {m.code: m for m in programme.milestones_of(assessment=assessed)}
    assert found["analysis_ends"].title == "Data review completed"
    assert found["analysis_ends"].date == date(2008, 8, 29)
    assert found["meeting"].title == "The single conversation"
    assert found["meeting"].date == date(2008, 10, 31)
    assert "once the validated social care data is available" in found["meeting"].deadline.rule
    lead = {i.task: i for i in programme.due_for(user=hmi, today=date(2008, 8, 1))}
    arrange = lead["meeting_arrange"]
    assert "single conversation" in arrange.title
    assert arrange.url.endswith(f"/assessments/{assessed.pk}/single-conversation/")


def test_the_single_conversation_in_september_or_october_once_data_is_validated_001(
    assessed, hmi, brm, link_officer, administrator
):
    """001: "will have the 'single conversation' with local authorities and partners in
    September or October, once the validated social care data is available"."""
    with pytest.raises(ValidationError) as outside:
        conversation.conversation_propose(actor=hmi, assessment=assessed, day=date(2008, 8, 14))
    assert "September or October" in str(outside.value)
    with pytest.raises(NotYourRole):
        conversation.conversation_propose(actor=brm, assessment=assessed, day=date(2008, 10, 9))
    mail.outbox.clear()
    conversation.conversation_propose(
        actor=hmi, assessment=assessed, day=date(2008, 10, 9), venue="County Hall"
    )
    assert mail.outbox and link_officer.email in mail.outbox[0].to
    with pytest.raises(ValidationError, match="agreed"):
        conversation.conversation_record(
            actor=hmi, assessment=assessed, held_on=date(2008, 10, 9), participants="x",
            record="x", council_summary="", today=date(2008, 10, 10),
        )  # fmt: skip
    conversation.conversation_answer(actor=link_officer, assessment=assessed, agree=True)
    facts = {m.code: m for m in programme.milestones_of(assessment=assessed)}
    assert facts["meeting"].date == date(2008, 10, 9)
    assert facts["meeting"].deadline.rule == "the date agreed with the council"
    with pytest.raises(ValidationError, match="validated social care data"):
        conversation.conversation_record(
            actor=hmi, assessment=assessed, held_on=date(2008, 10, 9), participants="x",
            record="x", council_summary="", today=date(2008, 10, 10),
        )  # fmt: skip
    _validate(assessed.round, administrator)
    with pytest.raises(ValidationError) as graded:
        conversation.conversation_record(
            actor=brm, assessment=assessed, held_on=date(2008, 10, 9),
            participants="The director; the PCT", record="Discussed safeguarding",
            council_summary="Staying safe is grade 3.", today=date(2008, 10, 10),
        )  # fmt: skip
    assert "grade" in str(graded.value) and "in words" in str(graded.value)
    conversation.conversation_record(
        actor=brm, assessment=assessed, held_on=date(2008, 10, 9),
        participants="The director; the PCT", record="Discussed safeguarding in detail",
        council_summary="Safeguarding is good and improving.", today=date(2008, 10, 10),
    )  # fmt: skip
    done = {m.code: m for m in programme.milestones_of(assessment=assessed)}
    assert done["meeting"].done and done["meeting"].date == date(2008, 10, 9)
    with pytest.raises(NotYourRole):
        conversation.conversation_share(actor=brm, assessment=assessed)
    shared = conversation.conversation_share(actor=hmi, assessment=assessed)
    assert shared.shared_at
    with pytest.raises(ValidationError, match="already shared"):
        conversation.conversation_share(actor=hmi, assessment=assessed)


def test_the_council_reads_the_summary_once_shared_never_the_record(
    assessed, hmi, brm, link_officer, administrator, client
):
    """What a council may see of the single conversation before publication (issue 23 §1):
    the date and the summary in words once shared; never the inspectors' record."""
    conversation.conversation_propose(actor=hmi, assessment=assessed, day=date(2008, 10, 9))
    conversation.conversation_answer(actor=link_officer, assessment=assessed, agree=True)
    _validate(assessed.round, administrator)
    conversation.conversation_record(
        actor=hmi, assessment=assessed, held_on=date(2008, 10, 9), participants="The director",
        record="PRIVATE inspectors' record", council_summary="Outcomes are improving.",
        today=date(2008, 10, 10),
    )  # fmt: skip
    client.force_login(link_officer)
    url = f"/assessments/{assessed.pk}/single-conversation/"
    page = client.get(url).content.decode()
    assert "Thursday 9 October 2008" in page
    assert "PRIVATE" not in page and "Outcomes are improving." not in page
    conversation.conversation_share(actor=hmi, assessment=assessed)
    page = client.get(url).content.decode()
    assert "Outcomes are improving." in page and "PRIVATE" not in page
    client.force_login(hmi)
    assert "PRIVATE inspectors&#x27; record" in client.get(url).content.decode()


def test_the_round_calendar_names_the_2007_cycles_dates(round_2008):
    """Calendars follow the round's cycle (issue 23 §1)."""
    summaries = {e.summary for e in round_events(round_2008, "https://example.org")}
    assert f"{round_2008.title}: CYPP review published and submitted to Ofsted by" in summaries
    assert f"{round_2008.title}: The single conversation from" in summaries
    assert f"{round_2008.title}: Data review ends" in summaries


def test_the_round_page_and_form_offer_the_cycle(administrator, framework, client):
    """An administrator chooses the cycle when setting up a round; the round's page says it."""
    client.force_login(administrator)
    form = client.get("/rounds/add/").content.decode()
    assert "The 2007 cycle: the CYPP review in June" in form
    response = client.post(
        "/rounds/add/",
        {"year": 2008, "framework_version": framework.pk, "cycle": BRIEFING_2007},
    )
    assert response.status_code == 302
    made = AssessmentRound.objects.get(year=2008)
    assert made.cycle == BRIEFING_2007
    page = client.get(f"/rounds/{made.pk}/").content.decode()
    assert "The single conversation by" in page
    assert "the briefing gives no day, so the day is the project&#x27;s setting" in page


def test_a_date_the_briefing_does_not_give_can_be_changed_per_round_001(
    round_2008, assessed, administrator, link_officer, client
):
    """Issue 23 §1: "Where 001 gives no number (e.g. the day in June), the setting is labelled
    as the project's and can be changed per round": the administrator moves the CYPP review's
    day, with a reason; what is due follows; dates out of order are refused."""
    client.force_login(administrator)
    url = f"/rounds/{round_2008.pk}/dates/"
    page = unescape(client.get(url).content.decode())
    assert "CYPP review published and submitted to Ofsted by" in page
    assert "the day is the project's setting" in page
    data = {
        f"{name}_{part}": value
        for name, day in (
            ("self_assessment_due", date(2008, 6, 13)),
            ("analysis_starts", date(2008, 7, 1)),
            ("analysis_ends", date(2008, 8, 29)),
            ("meeting_from", date(2008, 9, 1)),
            ("meeting_by", date(2008, 10, 31)),
            ("final_letter_by", date(2008, 12, 31)),
        )
        for part, value in (("0", day.day), ("1", day.month), ("2", day.year))
    }
    refused = client.post(url, {**data, "meeting_by_0": 29, "meeting_by_1": 8, "reason": "x"})
    assert "must be on or after" in refused.content.decode()
    response = client.post(url, {**data, "reason": "Agreed with the councils of the region"})
    assert response.status_code == 302
    round_2008.refresh_from_db()
    assert round_2008.self_assessment_due == date(2008, 6, 13)
    entry = AuditEntry.objects.filter(verb="round.dates_changed").get()
    assert entry.reason == "Agreed with the councils of the region"
    due = {i.task: i for i in programme.due_for(user=link_officer, today=date(2008, 6, 2))}
    assert due["self_assessment_submit"].due_on == date(2008, 6, 13)


def test_the_councils_home_leads_to_its_cypp_review_in_the_2007_cycle(
    assessed, link_officer, client
):
    """001: the council's first step in the 2007 cycle is its review of the CYPP in June, not
    the self-assessment of May (002 §A)."""
    client.force_login(link_officer)
    page = unescape(client.get("/").content.decode())
    assert "Review of the CYPP" in page and "30 June 2008" in page
    assert f"/assessments/{assessed.pk}/cypp-review/" in page
    assert f"/assessments/{assessed.pk}/single-conversation/" in page
    assert "self-assessment/" not in page


def test_the_meeting_page_leads_to_the_single_conversation_in_the_2007_cycle(assessed, hmi, client):
    """001: the single conversation replaces the APA meeting of the handbook (002 §G)."""
    client.force_login(hmi)
    response = client.get(f"/assessments/{assessed.pk}/meeting/")
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessed.pk}/single-conversation/"
