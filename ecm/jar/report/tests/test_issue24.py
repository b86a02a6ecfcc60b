"""Issue 24 §2's gaps in the JAR's report, each with the seed's words: evidence from case
tracking names a tracked case, never a person (001 "Case tracking"); the council is told its
comment was sent and the lead that the answer was saved; an answer that "the report changes"
changes the report (001 appendix: "10 working days to make written comments"); an action of the
plan is dated after the report it answers (003: "write an action plan showing how it will
address the issues identified in the report")."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.jar.cases import NOT_PSEUDONYMOUS, draw
from ecm.jar.report import services
from ecm.jar.report.models import JarEvidence, JarJudgement, ReportComment
from ecm.jar.report.services import after
from ecm.jar.report.tests.conftest import DRAFT_SENT, grade_all, publish

pytestmark = pytest.mark.django_db


def _url(name, review, **kwargs):
    return reverse(f"jar:{name}", kwargs={"pk": review.pk, **kwargs})


def _draft_sent(review, lead, evidence):
    grade_all(review, lead, evidence)
    services.report_edit(
        actor=lead,
        review=review,
        summary="Services work well together.",
        recommendations="Improve the timeliness of assessments",
    )
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)


# ------------------------------------------------------------ 001 "Case tracking": evidence


def test_case_evidence_refuses_a_name_as_the_case_list_does_001_case_tracking(
    review, lead, tracked, framework
):
    """001 "Case tracking": cases are listed by pseudonymous reference; evidence that names
    "John Smith" as a case is refused with the case list's own rule."""
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(
            actor=lead, review=review, source="case", reference="John Smith", finding="Seen"
        )
    assert refused.value.message_dict["reference"] == [NOT_PSEUDONYMOUS]
    assert not JarEvidence.objects.exists()


def test_case_evidence_names_one_of_the_ten_tracked_cases_001_case_tracking(
    review, lead, tracked, framework
):
    """001: "Inspectors will select 10 cases from the 100 to be tracked": a case that is
    listed but not tracked, or not listed at all, cannot be cited; a tracked one can, in any
    letter case, stored as the council wrote it."""
    untracked = review.cases.filter(tracked=False).first().reference
    for reference in (untracked, "LAC-9999"):
        with pytest.raises(ValidationError) as refused:
            services.evidence_add(
                actor=lead, review=review, source="case", reference=reference, finding="Seen"
            )
        (message,) = refused.value.message_dict["reference"]
        assert f"{reference} is not one of the review's tracked cases" in message
        assert tracked[0] in message  # says which it may cite
    made = services.evidence_add(
        actor=lead, review=review, source="case", reference=tracked[1].lower(), finding="Seen"
    )
    assert made.reference == tracked[1]
    # A meeting or a document is named as it is: the rule is the case's.
    services.evidence_add(
        actor=lead, review=review, source="meeting", reference="Young carers, 16 Oct", finding="x"
    )


def test_the_evidence_page_refuses_a_name_for_a_case_001_case_tracking(
    client, review, lead, tracked, framework
):
    client.force_login(lead)
    refused = client.post(
        _url("evidence-add", review),
        {"source": "case", "reference": "John Smith", "finding": "Seen"},
    )
    assert refused.status_code == 400
    assert "never a name or a date of birth" in refused.content.decode()


def test_the_demo_cites_only_tracked_cases_001_case_tracking():
    """The demo's evidence from case tracking cites cases its draw tracks."""
    from ecm.demo import jar as demo  # noqa: PLC0415

    pools: dict[str, list[str]] = {}
    for line in demo._hundred():
        pools.setdefault(line.category, []).append(line.reference)
    tracked = set(draw(pools, demo.DEMO_SEED))
    cited = {reference for source, reference, _ in demo.EVIDENCE if source == "case"}
    assert cited and cited <= tracked, cited - tracked


# ------------------------------------------------------- Comments: sent, answered, changed


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_council_is_told_its_comment_was_sent_001_appendix(
    client, review, lead, evidence, framework, link_officer
):
    """001 appendix: "10 working days to make written comments": sent, the council is told."""
    _draft_sent(review, lead, evidence)
    client.force_login(link_officer)
    sent = client.post(
        _url("report-comment", review),
        {"about": "Paragraph 4", "comment": "The rate is 84%"},
        follow=True,
    )
    assert "Your comment on Paragraph 4 was sent to the review team" in sent.content.decode()


def test_the_lead_is_told_the_answer_was_saved_001_appendix(
    client, review, lead, evidence, framework, link_officer
):
    _draft_sent(review, lead, evidence)
    comment = services.comment_add(
        actor=link_officer, review=review, about="Paragraph 4", comment="The rate is 84%"
    )
    client.force_login(lead)
    answered = client.post(
        _url("report-answer", review, comment_pk=comment.pk),
        {"accepted": "no", "response": "The rate is as the data says"},
        follow=True,
    )
    assert "Your answer to the comment on Paragraph 4 was saved" in answered.content.decode()


def test_the_report_changes_as_the_answer_says_001_appendix(
    client, review, lead, evidence, framework, link_officer
):
    """An answer "the report changes" names the part and its new wording: the report reads
    it, the comment keeps what it read before, and the audit trail has both."""
    _draft_sent(review, lead, evidence)
    comment = services.comment_add(
        actor=link_officer, review=review, about="Summary", comment="Say health partners too"
    )
    client.force_login(lead)
    url = _url("report-answer", review, comment_pk=comment.pk)
    refused = client.post(url, {"accepted": "yes", "response": "Agreed"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Choose the part of the report that changes" in body
    assert "Write the part&#x27;s new wording in full" in body
    same = client.post(
        url,
        {
            "accepted": "yes",
            "response": "Agreed",
            "part": "summary",
            "wording": "Services work well together.",
        },
    )
    assert "The new wording is the same as the report" in same.content.decode()
    new = "Services, with health partners, work well together."
    done = client.post(
        url, {"accepted": "yes", "response": "Agreed", "part": "summary", "wording": new}
    )
    assert done.status_code == 302
    review.report.refresh_from_db()
    assert review.report.summary == new
    comment.refresh_from_db()
    assert (comment.changed_part, comment.changed_from, comment.changed_to) == (
        "summary",
        "Services work well together.",
        new,
    )
    entry = AuditEntry.objects.get(verb="jar.report_changed_by_comment")
    assert entry.before["text"] == "Services work well together." and entry.after["text"] == new
    client.force_login(link_officer)
    page = client.get(_url("report", review)).content.decode()
    assert "The report changes" in page and f"Summary now reads: “{new}”" in page


def test_an_accepted_comment_may_change_a_judgements_text_001_appendix(
    review, lead, evidence, framework, link_officer
):
    _draft_sent(review, lead, evidence)
    comment = services.comment_add(
        actor=link_officer, review=review, about="Safeguarding", comment="Name the LSCB audit"
    )
    services.comment_respond(
        actor=lead,
        review=review,
        comment=comment,
        accepted=True,
        response="Added",
        part="safeguarding",
        wording="As the evidence and the LSCB's audit show",
    )
    judgement = JarJudgement.objects.get(review=review, judgement__code="safeguarding")
    assert judgement.rationale == "As the evidence and the LSCB's audit show"
    assert ReportComment.objects.get().changed_part == "safeguarding"


# ----------------------------------------------------------- 003: the action plan's dates


def test_an_action_dated_before_the_report_is_refused_003(
    review, lead, evidence, framework, link_officer
):
    """003: the action plan shows "how it will address the issues identified in the report":
    an action of a report published on 29 January 2008 is not dated 2006, and the refusal
    says why and what to give."""
    publish(review, lead, evidence)
    with pytest.raises(ValidationError) as refused:
        services.action_add(
            actor=link_officer,
            review=review,
            recommendation="Publish the LDD strategy",
            action="Publish it",
            partners="PCT",
            lead="Head of service",
            by_when=date(2006, 3, 1),
        )
    (message,) = refused.value.message_dict["by_when"]
    assert message == after.BEFORE_THE_REPORT.format(
        day=date(2006, 3, 1), published=date(2008, 1, 29)
    )
    assert "after 29 January 2008" in message
    services.action_add(
        actor=link_officer,
        review=review,
        recommendation="Publish the LDD strategy",
        action="Publish it",
        partners="PCT",
        lead="Head of service",
        by_when=date(2008, 6, 30),
    )
