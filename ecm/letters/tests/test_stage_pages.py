"""The pages of the letter's stages (issue 7 §2; 002 §I "Letter writing stages"; Appendix A
"Moderation Draft APA Letter"; 002 §A five working days and grades only from publication):
who may open and do what (404 otherwise), a full pass from assembled to published through the
test client, and no grade on any council page before publication."""

import html
import re
from datetime import date
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.core.grade_numbers import states_a_grade
from ecm.letters.models import CouncilComment, Letter, ReaderAnswer, RoundSocialCareValidation
from ecm.letters.services.final import final_grades
from ecm.letters.workflow import LetterStage

pytestmark = pytest.mark.django_db

S = LetterStage


def _url(name, letter, **kwargs):
    return reverse(f"letters:{name}", kwargs={"pk": letter.assessment_id, **kwargs})


def _lock(letter) -> int:
    return Letter.objects.get(pk=letter.pk).lock_version


def _as(client, user):
    client.force_login(user)
    return client


def _move(client, user, letter, to, **data):
    response = _as(client, user).post(
        _url("stage", letter, to=to), {"lock_version": _lock(letter), **data}
    )
    return response


def _stage(letter) -> str:
    return Letter.objects.get(pk=letter.pk).stage


def _text(response) -> str:
    """The page's text without its markup, as a reader would read it."""
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def _assert_no_grade(response, letter):
    """002 §A: "Actual grades will not be published until a later stage": no grade as a
    number ("grade 3", "3/4", "Grade 3: Good") and no judgement shown with its Step 4 grade
    label. The 2007 framework's words for a grade are its label in lower case ("good"), which
    the draft may use (words, not a grade); the label itself ("Good") beside the judgement is
    the grade."""
    text = " ".join(_text(response).split())
    assert not states_a_grade(text), text
    grades, _ = final_grades(letter.assessment)
    assert grades, "Step 4 has grades that could leak"
    for g in grades:
        assert not re.search(rf"grade\s*{g['grade']}\b", text, re.IGNORECASE), g
        assert f"{g['title']} {g['label']}" not in text, g


# ------------------------------------------------------------------ A full pass, by the client


def test_a_full_pass_from_assembled_to_published_each_step_by_the_right_role_002_i(
    client,
    letter,
    hmi,
    brm,
    management_reader,
    csci_manager,
    link_officer,
    administrator,
    django_capture_on_commit_callbacks,
):
    """002 §I stages 1-3: the partner agrees, the Lead sends to both readers, who answer on
    Moderation Form 2, the Lead amends and sends to the council, the council comments and
    closes, the inspectors respond and tell the council, the round's social care data are
    validated and the Lead makes and publishes the final letter. The council sees no grade
    until publication."""
    # Assembled: only the partner (the BRM, not the Lead) may agree.
    page = _as(client, brm).get(_url("letter", letter)).content.decode()
    assert _url("stage", letter, to=S.AGREED) in page
    # Users read the handbook's section, never the project's own citation (issue 23 §3).
    assert "the handbook, section I stage 1" in page and "002 §" not in page
    assert _as(client, hmi).get(_url("stage", letter, to=S.AGREED)).status_code == 404
    assert _move(client, brm, letter, S.AGREED).status_code == 302
    assert _stage(letter) == S.AGREED

    with django_capture_on_commit_callbacks(execute=True):
        assert _move(client, hmi, letter, S.WITH_READERS).status_code == 302
    assert _stage(letter) == S.WITH_READERS
    assert _url("reader-answer", letter) in mail.outbox[-1].body

    # Moderation Form 2: each reader, signed by them and dated now.
    for reader in (management_reader, csci_manager):
        form = _as(client, reader).get(_url("reader-answer", letter))
        assert form.status_code == 200
        assert "Can the draft letter be sent to the council" in form.content.decode()
        assert "steps-2-4.pdf" in form.content.decode()
        response = client.post(
            _url("reader-answer", letter), {"action": "Tighten staying safe", "can_send": "yes"}
        )
        assert response.status_code == 302
    assert ReaderAnswer.objects.filter(letter=letter, signed_by=csci_manager).exists()
    assert _stage(letter) == S.READERS_ANSWERED
    page = _as(client, hmi).get(_url("letter", letter)).content.decode()
    assert "Moderation Form 2 answers" in page and "Tighten staying safe" in page

    # The council has no page before the draft is sent to it.
    assert _as(client, link_officer).get(_url("council", letter)).status_code == 404

    assert _move(client, hmi, letter, S.AMENDED).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert _move(client, hmi, letter, S.WITH_COUNCIL).status_code == 302
    assert _url("council", letter) in mail.outbox[-1].body
    page = _as(client, hmi).get(_url("letter", letter)).content.decode()
    assert "Factual accuracy deadline" in page and "5 working days" in page

    # The council comments on a paragraph, then says it has no more comments.
    page = _as(client, link_officer).get(_url("council", letter))
    assert page.status_code == 200
    _assert_no_grade(page, letter)
    comment_url = _url("council-comment", letter, code="staying_safe", paragraph=1)
    assert comment_url in page.content.decode()
    assert client.get(comment_url).status_code == 200
    assert client.post(comment_url, {"comment": "The date is wrong"}).status_code == 302
    close = client.get(_url("council-close", letter))
    assert close.status_code == 200
    response = client.post(_url("council-close", letter), {"lock_version": _lock(letter)})
    assert response.status_code == 302
    assert _stage(letter) == S.COUNCIL_COMMENTED
    _assert_no_grade(client.get(_url("council", letter)), letter)

    # The inspectors respond to each comment, then tell the council.
    comment = CouncilComment.objects.get(letter=letter)
    listed = _as(client, hmi).get(_url("responses", letter)).content.decode()
    assert "The date is wrong" in listed and _url("respond", letter, comment=comment.pk) in listed
    response = client.post(
        _url("respond", letter, comment=comment.pk), {"response": "Corrected the date"}
    )
    assert response.status_code == 302
    assert _move(client, hmi, letter, S.RESPONSES_GIVEN).status_code == 302
    told = _as(client, link_officer).get(_url("council", letter))
    assert "Corrected the date" in told.content.decode()
    assert "No change to the letter" in told.content.decode()
    _assert_no_grade(told, letter)

    # The final letter waits for the round's social care validation: the refusal is shown.
    refused = _move(client, hmi, letter, S.FINAL)
    assert refused.status_code == 400
    assert "not validated yet" in refused.content.decode()
    validation = reverse("letters:validation", kwargs={"pk": letter.assessment.round_id})
    assert _as(client, administrator).post(validation, {"note": "Checked"}).status_code == 302
    assert RoundSocialCareValidation.objects.filter(round=letter.assessment.round).exists()
    assert _move(client, hmi, letter, S.FINAL).status_code == 302
    assert _stage(letter) == S.FINAL
    # Final, but not published: the council still sees the draft sent, without grades.
    _assert_no_grade(_as(client, link_officer).get(_url("council", letter)), letter)

    # Proof read by the administrative staff and cleared by a manager before it is published
    # (the handbook, section I stage 3); the council still sees no grade meanwhile.
    assert _move(client, hmi, letter, S.PROOF_READ).status_code == 404
    assert _move(client, administrator, letter, S.PROOF_READ).status_code == 302
    assert _move(client, csci_manager, letter, S.CLEARED).status_code == 302
    _assert_no_grade(_as(client, link_officer).get(_url("council", letter)), letter)
    assert _move(client, hmi, letter, S.PUBLISHED).status_code == 302
    assert _stage(letter) == S.PUBLISHED
    response = _as(client, link_officer).get(_url("council", letter))
    with pytest.raises(AssertionError):  # the check sees the grades once they are published
        _assert_no_grade(response, letter)
    published = response.content.decode()
    grades, _ = final_grades(letter.assessment)
    assert grades and all(f"Grade {g['grade']}: {g['label']}" in published for g in grades)


# ---------------------------------------------------------------------------- Who may do what


def test_a_move_back_asks_for_a_reason_and_only_the_inspectors_may_make_it_adr_0021(
    client, letter, advance, hmi, brm, management_reader
):
    """ADR 0021 / 002 §I: a move back needs a reason, by the HMI or the BRM; the refusal is in
    the error summary. Readers across councils see no move at all."""
    advance(letter, S.AGREED)
    page = _as(client, hmi).get(_url("stage", letter, to=S.ASSEMBLED))
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    refused = _move(client, hmi, letter, S.ASSEMBLED, reason="")
    assert refused.status_code == 400
    assert "Enter why the letter is going back" in refused.content.decode()
    assert _move(client, hmi, letter, S.ASSEMBLED, reason="Redraft staying safe").status_code == 302
    assert _stage(letter) == S.ASSEMBLED
    assert _as(client, management_reader).get(_url("stage", letter, to=S.AGREED)).status_code == 404
    assert _url("stage", letter, to=S.AGREED) not in (
        client.get(_url("letter", letter)).content.decode()
    )


def test_a_stale_confirm_page_is_refused_with_the_services_message(client, letter, brm):
    """Optimistic lock: a move from a page shown before someone else's change saves nothing."""
    response = _as(client, brm).post(
        _url("stage", letter, to=S.AGREED), {"lock_version": _lock(letter) - 1}
    )
    assert response.status_code == 400
    assert "Someone else changed this letter" in response.content.decode()
    assert _stage(letter) == S.ASSEMBLED


def test_moderation_form_2_is_only_for_the_assigned_readers_appendix_a(
    client, letter, advance, hmi, make_user, management_reader
):
    """Appendix A "Moderation Draft APA Letter": the assessment's CSCI manager and Ofsted
    management reader answer; another reader, or the inspectors, get 404. A "no" needs the
    action that would change it."""
    advance(letter, S.WITH_READERS)
    other_reader = make_user(Role.MANAGEMENT_READER)
    for user in (other_reader, hmi):
        assert _as(client, user).get(_url("reader-answer", letter)).status_code == 404
    response = _as(client, management_reader).post(
        _url("reader-answer", letter), {"action": "", "can_send": "no"}
    )
    assert response.status_code == 400
    assert "Say what action is required" in response.content.decode()
    assert not ReaderAnswer.objects.filter(letter=letter).exists()


def test_moderation_form_2_is_offered_only_while_readers_may_answer_002_i(
    client, letter, advance, management_reader
):
    """002 §I stage 1: readers answer once the Lead has sent them the draft and until it goes
    to the council. Before and after, their page says so, with no form to fill in; after, as
    every stale edit page does (issue 20 §3): when the letter went on and by whom."""
    for stage, offered in ((S.ASSEMBLED, False), (S.WITH_READERS, True)):
        advance(letter, stage)
        page = _as(client, management_reader).get(_url("reader-answer", letter))
        text = page.content.decode()
        assert page.status_code == 200
        assert ("Can the draft letter be sent to the council" in text) is offered, stage
        assert ("readers answer once the Lead has sent it" in text) is not offered, stage
    advance(letter, S.WITH_COUNCIL)
    page = _as(client, management_reader).get(_url("reader-answer", letter))
    text = html.unescape(page.content.decode())
    assert page.status_code == 200
    assert "Can the draft letter be sent to the council" not in text
    assert "Moderation Form 2 is closed" in text
    assert "This letter was sent to the council for factual accuracy on" in text


def test_council_pages_are_for_that_council_only_and_only_once_sent_002_i(
    client, letter, advance, make_user, council, hmi, link_officer
):
    """002 §I stage 2: the council sees the draft only when it is sent for factual accuracy,
    and only its own; inspectors and other councils get 404 on the council's pages."""
    director = make_user(Role.DIRECTOR, council=council)
    other = make_user(Role.LINK_OFFICER, council=CouncilFactory())
    council_urls = [
        _url("council", letter),
        _url("council-comment", letter, code="staying_safe", paragraph=1),
        _url("council-close", letter),
    ]
    advance(letter, S.AMENDED)
    for user in (link_officer, director, other, hmi):
        for page in council_urls:
            assert _as(client, user).get(page).status_code == 404, (user, page)
    advance(letter, S.WITH_COUNCIL)
    for page in council_urls:
        assert _as(client, director).get(page).status_code == 200, page
        assert _as(client, other).get(page).status_code == 404, page
        assert _as(client, hmi).get(page).status_code == 404, page
    # An unknown paragraph is no page.
    unknown = _url("council-comment", letter, code="staying_safe", paragraph=999)
    assert _as(client, link_officer).get(unknown).status_code == 404
    # Inspectors' pages stay closed to the council.
    for name in ("letter", "responses", "preview"):
        assert _as(client, link_officer).get(_url(name, letter)).status_code == 404, name


def test_a_comment_after_the_deadline_is_refused_with_the_date_002_a(
    client, letter, advance, link_officer
):
    """002 §A: five working days; after them the comment page says when they ended (issue 20
    §3) and a comment posted is refused."""
    advance(letter, S.WITH_COUNCIL)
    comment_url = _url("council-comment", letter, code="staying_safe", paragraph=1)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2099, 1, 1)):
        page = _as(client, link_officer).get(_url("council", letter)).content.decode()
        assert "The time for comments ended" in page and comment_url not in page
        response = client.post(comment_url, {"comment": "Too late"})
    assert response.status_code == 409
    text = html.unescape(response.content.decode())
    assert "The time for comments on the draft letter ended on" in text
    assert "Nothing you entered was saved" in text
    assert not CouncilComment.objects.filter(letter=letter).exists()


def test_responses_are_recorded_only_by_the_inspectors_002_i_stage_3(
    client, letter, advance, hmi, brm, management_reader, link_officer
):
    """002 §I stage 3: the HMI or the BRM responds to each comment with any change; readers
    may read the list but not respond; a rendition number that made no change is refused."""
    advance(letter, S.WITH_COUNCIL)
    _as(client, link_officer).post(
        _url("council-comment", letter, code="staying_safe", paragraph=1), {"comment": "Wrong"}
    )
    comment = CouncilComment.objects.get(letter=letter)
    respond = _url("respond", letter, comment=comment.pk)
    assert _as(client, management_reader).get(_url("responses", letter)).status_code == 200
    assert client.get(respond).status_code == 404
    response = _as(client, brm).post(
        respond, {"response": "Changed", "change_rendition_number": 99}
    )
    assert response.status_code == 400
    assert "has no rendition 99" in response.content.decode()
    assert _as(client, brm).post(respond, {"response": "Changed"}).status_code == 302
    comment.refresh_from_db()
    assert comment.response == "Changed" and comment.responded_by == brm


def test_the_round_validation_page_is_for_the_programme_administrator_dom_3(
    client, letter, administrator, hmi, management_reader
):
    """DOMAIN.md §3: the final letters wait for the round's social care validation, which a
    programme administrator records once."""
    validation = reverse("letters:validation", kwargs={"pk": letter.assessment.round_id})
    for user in (hmi, management_reader):
        assert _as(client, user).get(validation).status_code == 404
    assert _as(client, administrator).get(validation).status_code == 200
    assert client.post(validation, {"note": ""}).status_code == 302
    page = client.get(validation).content.decode()
    assert "Validated" in page and 'name="note"' not in page
