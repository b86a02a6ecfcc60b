"""Sends and adds done once (issue 20 §4): a form's token claimed in the service's transaction,
answered AlreadyDone with what was done, when and by whom when posted again; a refused
submission leaves its token free to try again."""

import threading
import time
from datetime import datetime
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from ecm.core.forms import GovUKForm, call_service, once_token
from ecm.core.models import FormSubmission
from ecm.core.once import (
    ALREADY_DONE,
    DONE_BEFORE,
    NOT_AGAIN,
    ONCE_FIELD,
    AlreadyDone,
    once_already,
    once_claim,
    once_done,
    when_text,
)

pytestmark = pytest.mark.django_db

AT = timezone.make_aware(datetime(2007, 6, 5, 10, 14))


def send(*, actor, token, fail: bool = False) -> str:
    """A service as the apps write one: claim first, refuse or do, then say what was done."""
    with transaction.atomic():
        claim = once_claim(token=token, actor=actor, what="test.send")
        if fail:
            raise ValidationError("Refused")
        once_done(claim, done="The thing was already sent to the council")
        return "sent"


def test_the_answer_says_what_when_and_who_issue_20_s4(make_user):
    who = make_user(first_name="Hilary", last_name="Inspector")
    already = AlreadyDone(done="Agenda 1 was already sent to a@example.org", at=AT, by=who)
    assert already.code == "already_done"
    assert already.messages == [
        "Agenda 1 was already sent to a@example.org on 5 June 2007 at 10:14 by Hilary "
        f"Inspector. {NOT_AGAIN}"
    ]
    assert when_text(AT) == "5 June 2007 at 10:14"
    assert isinstance(already, ValidationError)  # whatever refuses on a refusal does nothing


def test_a_token_posted_again_is_answered_with_what_was_done_issue_20_s4(make_user):
    who = make_user()
    token = uuid4()
    assert send(actor=who, token=token) == "sent"
    with pytest.raises(AlreadyDone) as excinfo:
        send(actor=who, token=token)
    assert excinfo.value.messages == [
        ALREADY_DONE.format(
            done="The thing was already sent to the council",
            when=when_text(FormSubmission.objects.get().done_at),
            who=str(who),
            again=NOT_AGAIN,
        )
    ]
    assert FormSubmission.objects.count() == 1
    assert once_already(token).messages == excinfo.value.messages
    assert once_already(str(token)).messages == excinfo.value.messages


def test_a_refused_submission_frees_its_token_to_try_again_issue_20_s4(make_user):
    who = make_user()
    token = uuid4()
    with pytest.raises(ValidationError) as excinfo:
        send(actor=who, token=token, fail=True)
    assert not isinstance(excinfo.value, AlreadyDone)
    assert not FormSubmission.objects.exists()
    assert send(actor=who, token=token) == "sent"


def test_no_token_claims_nothing_and_unknown_tokens_are_not_done(make_user):
    who = make_user()
    assert send(actor=who, token=None) == "sent"
    assert send(actor=who, token=None) == "sent"  # the thing's own key guards these
    assert not FormSubmission.objects.exists()
    assert once_already(None) is None
    assert once_already("not a token") is None
    assert once_already(uuid4()) is None


def test_a_claim_never_recorded_still_answers_already_done(make_user):
    token = uuid4()
    FormSubmission.objects.create(token=token, what="test.send", actor=make_user())
    assert once_already(token).messages[0].startswith(DONE_BEFORE)


class SendForm(GovUKForm):
    once = True


class PlainForm(GovUKForm):
    pass


def test_a_once_form_carries_a_fresh_token_and_call_service_keeps_the_answer(make_user):
    first, second = SendForm(), SendForm()
    assert ONCE_FIELD in first.fields and ONCE_FIELD not in PlainForm().fields
    tokens = {str(f[ONCE_FIELD].value()) for f in (first, second)}
    assert len(tokens) == 2  # each page its own token
    token = tokens.pop()
    posted = SendForm({ONCE_FIELD: token})
    assert posted.is_valid() and str(once_token(posted)) == token
    assert f'value="{token}"' in str(posted[ONCE_FIELD])

    who = make_user()
    assert call_service(posted, send, actor=who, token=once_token(posted)) == "sent"
    again = SendForm({ONCE_FIELD: token})
    assert again.is_valid()
    assert call_service(again, send, actor=who, token=once_token(again)) is None
    assert not again.errors  # not a refusal: the page shows it as done
    assert again.already_done.messages[0].startswith("The thing was already sent")


# --- Two posts of one form at once (PostgreSQL only: SQLite writes one at a time) ------------


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_form_at_once_do_it_once_issue_20_s4(make_user):
    """The second insert of the token waits for the first transaction, then finds the row."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    who = make_user()
    token = uuid4()
    first_holds_its_claim = threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                claim = once_claim(token=token, actor=who, what="test.send")
                first_holds_its_claim.set()
                time.sleep(0.5)  # the second post arrives, and must wait for this commit
                once_done(claim, done="The thing was already sent to the council")
            outcome["first"] = "sent"
        finally:
            connections.close_all()

    def second():
        first_holds_its_claim.wait(5)
        try:
            outcome["second"] = send(actor=who, token=token)
        except AlreadyDone as already:
            outcome["second"] = already.done
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome == {"first": "sent", "second": "The thing was already sent to the council"}
    assert FormSubmission.objects.count() == 1
