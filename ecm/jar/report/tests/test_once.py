"""The JAR report's comments and stage moves happen once (issue 20 §4: "a resubmitted or
concurrent send or add makes one thing and one email; the page says what was already sent and
when"): the same form posted again, the same comment from a second tab, and two or three posts
at once (PostgreSQL) each make one."""

from datetime import date

import lxml.html
import pytest
from django.db import connection
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.core.once import ONCE_FIELD, AlreadyDone, when_text
from ecm.jar.report import services
from ecm.jar.report.models import ReportComment
from ecm.jar.report.services import stages
from ecm.jar.report.tests.conftest import DRAFT_SENT, grade_all
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

COMMENT = {"about": "Paragraph 4", "comment": "The rate is 84%, not 48%"}


def _url(name, review):
    return reverse(f"jar:{name}", kwargs={"pk": review.pk})


def _form(response) -> dict:
    """The hidden fields of the page's form, as the browser posts them back."""
    html = lxml.html.fromstring(response.content.decode())
    return {i.get("name"): i.get("value", "") for i in html.xpath("//input[@type='hidden']")}


def _banner(response) -> str:
    html = lxml.html.fromstring(response.content.decode())
    nodes = html.xpath("//div[contains(@class, 'govuk-notification-banner')]")
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


def _ready(review, lead, evidence) -> None:
    grade_all(review, lead, evidence)
    services.report_edit(actor=lead, review=review, summary="S", recommendations="R")


@pytest.fixture
def draft_sent(review, lead, evidence, framework):
    _ready(review, lead, evidence)
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    return review


def test_a_comment_posted_again_is_one_comment_and_the_page_says_when_issue_20_s4(
    client, draft_sent, link_officer
):
    """Back after "Send the comment" and send again: one comment, and the page says it was
    already sent, when and by whom."""
    client.force_login(link_officer)
    form = _form(client.get(_url("report-comment", draft_sent)))
    assert form.get(ONCE_FIELD)
    first = client.post(_url("report-comment", draft_sent), form | COMMENT)
    assert first.status_code == 302
    again = client.post(_url("report-comment", draft_sent), form | COMMENT, follow=True)
    comment = ReportComment.objects.get()
    entry = AuditEntry.objects.get(verb="jar.report_comment_made")
    shown = _banner(again)
    assert "Your comment on Paragraph 4 was already sent to the team" in shown
    assert when_text(entry.at) in shown and str(link_officer) in shown
    assert comment.comment == COMMENT["comment"]


def test_the_same_comment_from_a_second_tab_is_one_comment_issue_20_s4(draft_sent, link_officer):
    """Another token, the same words on the same part by the same person: the same comment."""
    services.comment_add(actor=link_officer, review=draft_sent, **COMMENT)
    with pytest.raises(AlreadyDone) as excinfo:
        services.comment_add(
            actor=link_officer,
            review=draft_sent,
            about=" paragraph 4",
            comment="The rate is  84%, not 48% ",
        )
    assert excinfo.value.done == stages.COMMENT_ALREADY_MADE.format(about="Paragraph 4")
    assert ReportComment.objects.count() == 1
    # Other words, or another part, are another comment.
    services.comment_add(actor=link_officer, review=draft_sent, about="Paragraph 4", comment="x")
    services.comment_add(actor=link_officer, review=draft_sent, about="Paragraph 5", comment="x")
    assert ReportComment.objects.count() == 3


def test_a_stage_move_posted_again_says_it_was_already_moved_issue_20_s4(
    client, review, lead, evidence, framework
):
    """Back after moving the report and move it again: one move, answered "already moved"
    with when and by whom, not refused as stale nor as a move the table does not allow."""
    _ready(review, lead, evidence)
    client.force_login(lead)
    form = _form(client.get(_url("report-stage", review)))
    day = {"on_0": DRAFT_SENT.day, "on_1": DRAFT_SENT.month, "on_2": DRAFT_SENT.year}
    posted = form | day | {"to": "draft_sent", "reason": ""}
    assert client.post(_url("report-stage", review), posted).status_code == 302
    again = client.post(_url("report-stage", review), posted, follow=True)
    entry = AuditEntry.objects.get(verb="jar.report_stage_changed")
    shown = _banner(again)
    assert "The report was already moved to 'Draft report with the council" in shown
    assert when_text(entry.at) in shown and str(lead) in shown
    # Without the token (another tab), the report at that stage says the same.
    del posted[ONCE_FIELD]
    shown = _banner(client.post(_url("report-stage", review), posted, follow=True))
    assert "The report was already moved to 'Draft report with the council" in shown
    assert AuditEntry.objects.filter(verb="jar.report_stage_changed").count() == 1


def test_the_service_answers_a_move_already_made_before_a_stale_page(
    review, lead, evidence, framework
):
    _ready(review, lead, evidence)
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    with pytest.raises(AlreadyDone):
        services.report_change_stage(
            actor=lead, review=review, to="draft_sent", on=DRAFT_SENT, expected_lock_version=1
        )


# --- At once (PostgreSQL only: SQLite writes one at a time, so has nothing to race) ----------


@pytest.mark.django_db(transaction=True)
def test_three_comments_posted_at_once_make_one_issue_20_s4(
    review, lead, evidence, framework, link_officer
):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    _ready(review, lead, evidence)
    services.report_change_stage(actor=lead, review=review, to="draft_sent", on=DRAFT_SENT)
    outcome = at_once(
        [lambda: services.comment_add(actor=link_officer, review=review, **COMMENT)] * 3
    )
    assert sum(isinstance(o, ReportComment) for o in outcome) == 1
    assert sum(isinstance(o, AlreadyDone) for o in outcome) == 2
    assert ReportComment.objects.count() == 1
    assert AuditEntry.objects.filter(verb="jar.report_comment_made").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_moves_at_once_are_one_move_issue_20_s4(review, lead, evidence, framework):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    _ready(review, lead, evidence)
    version = services.report_of(review).lock_version
    outcome = at_once(
        [
            lambda: services.report_change_stage(
                actor=lead,
                review=review,
                to="draft_sent",
                on=date(2007, 11, 26),
                expected_lock_version=version,
            )
        ]
        * 2
    )
    assert sorted(type(o).__name__ for o in outcome) == ["AlreadyDone", "JarReport"]
    assert AuditEntry.objects.filter(verb="jar.report_stage_changed").count() == 1
