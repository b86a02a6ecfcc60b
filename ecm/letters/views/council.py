"""The council's factual accuracy pages (002 §I stages 2-3): the draft as sent, paragraph by
paragraph, a comment on any paragraph until the deadline, closing early, and then what was done
about each comment. Only the assessment's own council, and only once the draft has been sent
to it; anyone else gets 404.

The council never sees a grade before publication: it sees only renditions sent to it, and the
sent drafts have judgements in words; the final letter's rendition (with grades) is shown only
once it is published."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.documents import DOCUMENT_TYPES
from ecm.core.forms import already_done_redirect, call_service, once_token
from ecm.core.frozen import Since, frozen_page
from ecm.letters import documents, selectors
from ecm.letters.forms import CouncilCloseForm, CouncilCommentForm
from ecm.letters.models import SendingKind
from ecm.letters.ratings import grades_as_they_stand
from ecm.letters.services.factual_accuracy import council_comment_add, deadline_passed
from ecm.letters.services.sending import latest_sending
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.views.common import assessment_for, letter_moved_on, reached, url
from ecm.letters.views.documents import letter_download
from ecm.letters.workflow import BEING_CLEARED, LetterStage

COUNCIL = "letters.council_read"
COMMENTED = "Your comment on {title}, paragraph {number}, was sent to the inspectors"
CLOSED = "You told the inspectors you have no more comments"
# Stages after which the council has been told what was done about each comment.
TOLD = (LetterStage.RESPONSES_GIVEN, *BEING_CLEARED, LetterStage.PUBLISHED)
# What a stale comment page says (issue 20 §3).
COMMENTS_CLOSED_TITLE = "Comments on the draft letter are closed"
COMMENTS_CLOSED = (
    "The council comments on the draft while it is with the council for factual accuracy: "
    "comments are now closed."
)
DEADLINE_PASSED = "Comments were accepted until the end of that day: the inspectors now respond."


def _comments_closed(request, assessment, letter, sending, *, back_url: str):
    """The council's comment pages once its comments are closed: by the stage (closed early or
    after the deadline, with who closed them and when) or, the letter still with the council,
    by the deadline."""
    if reached(letter, LetterStage.COUNCIL_COMMENTED):
        return letter_moved_on(
            request,
            assessment,
            letter,
            what="the draft letter",
            why=COMMENTS_CLOSED,
            back_url=back_url,
            back_text="Go to the draft letter",
            title=COMMENTS_CLOSED_TITLE,
        )
    if letter.stage == LetterStage.WITH_COUNCIL and deadline_passed(sending):
        return frozen_page(
            request,
            what="the time for comments on the draft letter",
            happened="ended",
            since=Since(at=sending.deadline),
            why=DEADLINE_PASSED,
            back_url=back_url,
            back_text="Go to the draft letter",
            caption=_caption(assessment),
            title=COMMENTS_CLOSED_TITLE,
        )
    return None


def _sent(request, pk: int):
    assessment = assessment_for(request, pk, COUNCIL)
    letter = selectors.letter_of(assessment=assessment)
    sending = selectors.council_sending(letter=letter) if letter else None
    if sending is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return assessment, letter, sending


def _caption(assessment) -> str:
    return f"{assessment.council.name} \N{MIDDLE DOT} draft APA letter"


def letter(request, pk: int):
    """The draft sent, paragraph by paragraph; once published, the final letter instead."""
    assessment, letter, sending = _sent(request, pk)
    published = latest_sending(letter, SendingKind.PUBLICATION)
    shown = published or sending
    rendition = letter.renditions.get(number=shown.rendition_number)
    open_for_comments = letter.stage == LetterStage.WITH_COUNCIL and not deadline_passed(sending)
    comments = selectors.council_comments_of(letter=letter)
    context = {
        "assessment": assessment,
        "letter": letter,
        "sending": sending,
        "published": published,
        "rendition": rendition,
        "sections": selectors.sections_sent(rendition=rendition),
        # Before publication the judgements in words; once published the grades as they
        # stand, with their words, and nothing older beside them (issue 20: "good" stood
        # beside "4: Outstanding" after a representation).
        "judgements": [] if published else rendition.content.get("judgements", []),
        "grades": grades_as_they_stand(
            assessment=assessment, grades=rendition.content.get("grades", [])
        )
        if published
        else [],
        "open_for_comments": open_for_comments,
        "past_deadline": letter.stage == LetterStage.WITH_COUNCIL and deadline_passed(sending),
        "comments": comments,
        "told": letter.stage in TOLD,
    }
    return render(request, "letters/council_letter.html", context)


def _published(request, pk: int):
    """The published letter's context for the council, or 404 before publication."""
    assessment, letter, _ = _sent(request, pk)
    published = latest_sending(letter, SendingKind.PUBLICATION)
    if published is None:
        raise Http404(NOT_FOUND_MESSAGE)
    rendition = letter.renditions.get(number=published.rendition_number)
    published_on = timezone.localtime(published.sent_at).date()
    context = documents.letter_context(
        assessment=assessment, rendition=rendition, published_on=published_on
    )
    return assessment, context


def published_letter(request, pk: int):
    """The published letter as the council and the public read it (issue 20 §5)."""
    assessment, context = _published(request, pk)
    return HttpResponse(documents.letter_html(context, back_url=url("council", assessment)))


def published_download(request, pk: int, fmt: str):
    """The published letter as a PDF or a Word document, for the council (issue 20 §5)."""
    if fmt not in DOCUMENT_TYPES:
        raise Http404(NOT_FOUND_MESSAGE)
    assessment, context = _published(request, pk)
    name = f"apa-letter-{assessment.council.la_number}-{assessment.round.year}"
    return letter_download(request, context, fmt=fmt, name=name)


def comment(request, pk: int, code: str, paragraph: int):
    """A comment on one paragraph of the draft sent; after the deadline the service refuses,
    saying when it was."""
    assessment, letter, sending = _sent(request, pk)
    rendition = letter.renditions.get(number=sending.rendition_number)
    found = next(
        (
            (s, p)
            for s in selectors.sections_sent(rendition=rendition)
            if s.code == code
            for p in s.paragraphs
            if p.number == paragraph
        ),
        None,
    )
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    chosen, text = found
    back_url = url("council", assessment) + f"#p-{code}-{paragraph}"
    closed = _comments_closed(request, assessment, letter, sending, back_url=back_url)
    if closed:
        return closed
    form = CouncilCommentForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            council_comment_add,
            actor=request.user,
            letter=letter,
            section=code,
            paragraph=paragraph,
            comment=form.cleaned_data["comment"],
            once=once_token(form),
        )
    ):
        messages.success(request, COMMENTED.format(title=chosen.title, number=paragraph))
        return redirect(url("council", assessment) + f"#p-{code}-{paragraph}")
    already = already_done_redirect(request, form, back_url)
    if already:
        return already
    context = {
        "assessment": assessment,
        "form": form,
        "section": chosen,
        "paragraph": text,
        "sending": sending,
        "caption": _caption(assessment),
        "back_url": url("council", assessment) + f"#p-{code}-{paragraph}",
    }
    return render(
        request, "letters/council_comment.html", context, status=400 if form.errors else 200
    )


def close(request, pk: int):
    """The council says it has no more comments, before the deadline (002 §I stage 3)."""
    assessment, letter, sending = _sent(request, pk)
    if reached(letter, LetterStage.COUNCIL_COMMENTED):
        return _comments_closed(
            request, assessment, letter, sending, back_url=url("council", assessment)
        )
    if letter.stage != LetterStage.WITH_COUNCIL:
        raise Http404(NOT_FOUND_MESSAGE)
    form = CouncilCloseForm(request.POST or None, initial={"lock_version": letter.lock_version})
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            letter_change_stage,
            actor=request.user,
            letter=letter,
            to=LetterStage.COUNCIL_COMMENTED,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
    ):
        messages.success(request, CLOSED)
        return redirect(url("council", assessment))
    context = {
        "assessment": assessment,
        "form": form,
        "comments": selectors.council_comments_of(letter=letter),
        "sending": sending,
        "caption": _caption(assessment),
        "back_url": url("council", assessment),
    }
    return render(
        request, "letters/council_close.html", context, status=400 if form.errors else 200
    )
