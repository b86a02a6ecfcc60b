"""The letter's moves that send, and the council's comments, happen once (issue 20 §4: "a
resubmitted or concurrent send or add (agenda, letter stages, comments ...) makes one thing and
one email; the page says what was already sent and when").

A stage move posted again (Back and submit, a second tab, two posts at once) is answered
"already moved ... and sent to ... on ... by ...", a success, never "someone changed this
letter" nor a move the table does not allow; one sending, one email."""

import lxml.html
import pytest
from django.db import connection
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.core.once import ONCE_FIELD, AlreadyDone, when_text
from ecm.letters.models import CouncilComment, Letter, LetterSending, SendingKind
from ecm.letters.services import factual_accuracy
from ecm.letters.services.factual_accuracy import council_comment_add
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.workflow import LetterStage
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

S = LetterStage


def _url(name, letter, **kwargs):
    return reverse(f"letters:{name}", kwargs={"pk": letter.assessment_id, **kwargs})


def _form(response) -> dict:
    """The page form's hidden fields, as the browser posts them back."""
    html = lxml.html.fromstring(response.content.decode())
    return {i.get("name"): i.get("value", "") for i in html.xpath("//main//input[@type='hidden']")}


def _banner(response) -> str:
    html = lxml.html.fromstring(response.content.decode())
    nodes = html.xpath("//div[contains(@class, 'govuk-notification-banner')]")
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


def _sendings(kind) -> int:
    return LetterSending.objects.filter(kind=kind).count()


def test_sending_to_the_readers_posted_again_sends_once_and_says_when_issue_20_s4(
    client, letter, advance, hmi, mailoutbox, django_capture_on_commit_callbacks
):
    """Back after "Move the letter to with the management readers" and submit again: one
    sending, one email, and the letter page says what was sent, to whom, when and by whom."""
    advance(letter, S.AGREED)
    client.force_login(hmi)
    url = _url("stage", letter, to=S.WITH_READERS)
    form = _form(client.get(url))
    assert form[ONCE_FIELD]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form).status_code == 302
        again = client.post(url, form, follow=True)
    sending = LetterSending.objects.get(kind=SendingKind.READERS)
    shown = _banner(again)
    assert "The letter was already moved to 'With the management readers'" in shown
    assert f"sent to {', '.join(sending.sent_to)}" in shown
    assert when_text(sending.sent_at) in shown and str(hmi) in shown
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(verb="letter.stage_changed", after__stage=S.WITH_READERS)
    # From a second tab, with another token (or none), the same answer and nothing sent.
    with django_capture_on_commit_callbacks(execute=True):
        other = client.post(url, {"lock_version": form["lock_version"]}, follow=True)
    assert "already moved to 'With the management readers'" in _banner(other)
    assert _sendings(SendingKind.READERS) == 1 and len(mailoutbox) == 1


def test_the_service_answers_a_move_made_before_refusing_a_stale_page(letter, advance, hmi):
    """The page's lock_version is stale once the move is made; the answer is that the move was
    made, not that someone changed the letter."""
    advance(letter, S.AGREED)
    read_at = Letter.objects.get(pk=letter.pk).lock_version
    letter_change_stage(actor=hmi, letter=letter, to=S.WITH_READERS, expected_lock_version=read_at)
    with pytest.raises(AlreadyDone) as excinfo:
        letter_change_stage(
            actor=hmi, letter=letter, to=S.WITH_READERS, expected_lock_version=read_at
        )
    assert excinfo.value.done.startswith("The letter was already moved to 'With the management")
    assert _sendings(SendingKind.READERS) == 1


def test_a_move_that_sends_nothing_says_when_it_was_made(letter, brm):
    letter_change_stage(actor=brm, letter=letter, to=S.AGREED)
    with pytest.raises(AlreadyDone) as excinfo:
        letter_change_stage(actor=brm, letter=letter, to=S.AGREED)
    entry = AuditEntry.objects.get(verb="letter.stage_changed", after__stage=S.AGREED)
    assert excinfo.value.done == "The letter was already moved to 'Agreed by the partner inspector'"
    assert excinfo.value.at == entry.at


def test_a_comment_posted_again_is_one_comment_issue_20_s4(client, letter, advance, link_officer):
    """The council's comment on a paragraph, posted again: one comment, and the page says it
    was already sent, when and by whom."""
    advance(letter, S.WITH_COUNCIL)
    client.force_login(link_officer)
    url = _url("council-comment", letter, code="staying_safe", paragraph=1)
    posted = _form(client.get(url)) | {"comment": "The date is wrong"}
    assert client.post(url, posted).status_code == 302
    again = client.post(url, posted, follow=True)
    comment = CouncilComment.objects.get()
    shown = _banner(again)
    assert factual_accuracy.COMMENT_ALREADY_MADE in shown
    assert when_text(comment.made_at) in shown and str(link_officer) in shown
    # A second tab's post (no token in common), the same words: the same comment.
    with pytest.raises(AlreadyDone):
        council_comment_add(
            actor=link_officer,
            letter=letter,
            section="staying_safe",
            paragraph=1,
            comment=" the date is  wrong",
        )
    # Other words on the same paragraph are another comment.
    council_comment_add(
        actor=link_officer, letter=letter, section="staying_safe", paragraph=1, comment="Also X"
    )
    assert CouncilComment.objects.count() == 2


# --- At once (PostgreSQL only: SQLite writes one at a time, so has nothing to race) ----------


@pytest.mark.django_db(transaction=True)
def test_two_moves_to_the_readers_at_once_send_once_issue_20_s4(letter, advance, hmi, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    advance(letter, S.AGREED)
    read_at = Letter.objects.get(pk=letter.pk).lock_version
    outcome = at_once(
        [
            lambda: letter_change_stage(
                actor=hmi, letter=letter, to=S.WITH_READERS, expected_lock_version=read_at
            )
        ]
        * 2
    )
    assert sorted(type(o).__name__ for o in outcome) == ["AlreadyDone", "Letter"]
    assert _sendings(SendingKind.READERS) == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_comments_posted_at_once_make_one_issue_20_s4(letter, advance, link_officer):
    """Bug 7: "Two concurrent posts of a ... comment made two rows"."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    advance(letter, S.WITH_COUNCIL)
    outcome = at_once(
        [
            lambda: council_comment_add(
                actor=link_officer,
                letter=letter,
                section="staying_safe",
                paragraph=1,
                comment="The date is wrong",
            )
        ]
        * 2
    )
    assert sorted(type(o).__name__ for o in outcome) == ["AlreadyDone", "CouncilComment"]
    assert CouncilComment.objects.count() == 1
