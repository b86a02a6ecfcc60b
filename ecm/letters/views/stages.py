"""The letter's stages for the inspectorate (issue 7 §2): confirming a move, the management
readers' Moderation Form 2, the inspectors' responses to the council's comments, and the
round's social care validation. The services own the rules; a page the user may not use is
a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ecm.apa.models import AssessmentRound
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.forms import already_done_redirect, call_service, once_token
from ecm.core.once import ONCE_FIELD
from ecm.letters import selectors
from ecm.letters.forms import ReaderAnswerForm, ResponseForm, SocialCareValidationForm, StageForm
from ecm.letters.models import CouncilComment, ReaderOrganisation, RoundSocialCareValidation
from ecm.letters.services.factual_accuracy import council_comment_respond
from ecm.letters.services.final import round_social_care_validate
from ecm.letters.services.reader_answers import NOT_WITH_READERS, reader_answer_record
from ecm.letters.services.readers import READER_ROLES
from ecm.letters.services.stages import letter_change_stage, letter_stage_already
from ecm.letters.template import template_by_urn
from ecm.letters.views.common import (
    ORDER,
    WORK,
    assessment_for,
    letter_moved_on,
    reached,
    url,
)
from ecm.letters.workflow import (
    READERS_MAY_ANSWER,
    RESPONSES_MAY_BE_RECORDED,
    STAGES,
    LetterStage,
)

MOVED = "The letter is now: {stage}"
ANSWERED = "Your answer on Moderation Form 2 was signed and recorded"
RESPONDED = "The response was saved"
VALIDATED = "The social care data of {round} are recorded as validated"
# What a stale page of the letter's stages says (issue 20 §3).
MOVE_MADE = "The move to “{target}” is no longer offered: the letter is now at “{now}”."
READERS_CLOSED = (
    "Moderation Form 2 is answered while the letter is with the management readers: it is now "
    "at “{now}”, so the form is closed."
)
RESPONSES_CLOSED = (
    "The council's comments are answered until the council is told what was done: the letter "
    "is now at “{now}”, so responses no longer change."
)


def _letter_or_404(assessment):
    letter = selectors.letter_of(assessment=assessment)
    if letter is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return letter


def _caption(assessment) -> str:
    return f"{assessment.council.name} \N{MIDDLE DOT} APA letter"


def stage(request, pk: int, to: str):
    """Check, then confirm, one move of the letter allowed to the user now; a move back asks
    why. The service's refusal (what must be done first) is shown in the error summary."""
    assessment = assessment_for(request, pk)
    letter = _letter_or_404(assessment)
    move = next(
        (m for m in selectors.moves_for(user=request.user, letter=letter) if m.to == to), None
    )
    if move is None:
        # Posted again once made (Back, a second tab), the move is no longer offered: say it
        # was made, when, by whom and what was sent (issue 20 §4).
        if request.method == "POST":
            already = letter_stage_already(letter=letter, to=to, once=request.POST.get(ONCE_FIELD))
            if already is not None:
                messages.success(request, already.messages[0])
                return redirect(url("letter", assessment))
        if assessment.can_work and to in ORDER and reached(letter, LetterStage(to)):
            # A stale tab: this move, or one past it, was made since the page was opened.
            why = MOVE_MADE.format(target=LetterStage(to).label, now=letter.get_stage_display())
            return letter_moved_on(
                request, assessment, letter, why=why, title="This letter has moved on"
            )
        raise Http404(NOT_FOUND_MESSAGE)
    target = STAGES[LetterStage(to)]
    verb = "Move the letter back to" if move.backward else "Move the letter to"
    form = StageForm(
        request.POST or None,
        initial={"lock_version": letter.lock_version},
        backward=move.backward,
        title=f"{verb}: {target.stage.label.lower()}",
        submit_label=f"{verb} {target.stage.label.lower()}",
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            letter_change_stage,
            actor=request.user,
            letter=letter,
            to=to,
            reason=form.cleaned_data.get("reason", ""),
            expected_lock_version=form.cleaned_data["lock_version"],
            once=once_token(form),
        )
    ):
        messages.success(request, MOVED.format(stage=target.stage.label.lower()))
        return redirect(url("letter", assessment))
    already = already_done_redirect(request, form, url("letter", assessment))
    if already:
        return already
    context = {
        "assessment": assessment,
        "letter": letter,
        "form": form,
        "move": move,
        "target": target,
        "current": STAGES[LetterStage(letter.stage)],
        "caption": _caption(assessment),
        "back_url": url("letter", assessment),
    }
    return render(request, "letters/stage.html", context, status=400 if form.errors else 200)


def reader_answer(request, pk: int):
    """Moderation Form 2 (Appendix A "Moderation Draft APA Letter") for the CSCI manager or the
    Ofsted management reader assigned to the assessment: signed by the user and dated now."""
    assessment = assessment_for(request, pk, "letters.answer_as_reader")
    letter = _letter_or_404(assessment)
    if reached(letter, LetterStage.WITH_COUNCIL):
        why = READERS_CLOSED.format(now=letter.get_stage_display())
        return letter_moved_on(
            request, assessment, letter, why=why, title="Moderation Form 2 is closed"
        )
    form = ReaderAnswerForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            reader_answer_record,
            actor=request.user,
            letter=letter,
            action=form.cleaned_data["action"],
            can_send=form.cleaned_data["can_send"] == "yes",
        )
    ):
        messages.success(request, ANSWERED)
        return redirect(url("letter", assessment))
    role = next(
        a.role
        for a in assessment.assignments.all()
        if a.user_id == request.user.pk and a.role in READER_ROLES
    )
    context = {
        "assessment": assessment,
        "letter": letter,
        "form": form,
        "organisation": ReaderOrganisation(READER_ROLES[role]).label,
        "now": timezone.now(),
        "sent": selectors.latest_readers_sending(letter=letter),
        "steps_url": reverse(
            "analysis:export", kwargs={"pk": assessment.pk, "steps": "2-4", "fmt": "pdf"}
        ),
        "caption": _caption(assessment),
        "back_url": url("letter", assessment),
        # Outside the readers' stage the form is not offered; the page says why and when.
        "may_answer": letter.stage in READERS_MAY_ANSWER,
        "not_now": NOT_WITH_READERS.format(stage=letter.get_stage_display().lower()),
    }
    return render(
        request, "letters/reader_answer.html", context, status=400 if form.errors else 200
    )


def responses(request, pk: int):
    """The council's comments, each with its response and any change, and for the HMI and the
    BRM a link to respond (002 §I stage 3)."""
    assessment = assessment_for(request, pk)
    letter = _letter_or_404(assessment)
    context = {
        "assessment": assessment,
        "letter": letter,
        "comments": selectors.council_comments_of(letter=letter),
        "can_respond": assessment.can_work and letter.stage in RESPONSES_MAY_BE_RECORDED,
        "sending": selectors.council_sending(letter=letter),
    }
    return render(request, "letters/responses.html", context)


def _section_title(letter, code: str) -> str:
    """A section's name as the letter gives it (issue 20: never its code)."""
    sections = {s.code: s.title for s in template_by_urn(letter.template_urn).sections}
    return sections.get(code, code)


def respond(request, pk: int, comment: int):
    """One response: what was done, and the rendition that made any change."""
    assessment = assessment_for(request, pk, WORK)
    letter = _letter_or_404(assessment)
    found = CouncilComment.objects.filter(letter=letter, pk=comment).first()
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    back_url = url("responses", assessment) + f"#comment-{found.pk}"
    if reached(letter, LetterStage.RESPONSES_GIVEN):
        why = RESPONSES_CLOSED.format(now=letter.get_stage_display())
        return letter_moved_on(
            request,
            assessment,
            letter,
            why=why,
            back_url=back_url,
            title="Responses to the council's comments are closed",
        )
    form = ResponseForm(
        request.POST or None,
        initial={
            "response": found.response,
            "change_rendition_number": found.change_rendition_number,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            council_comment_respond,
            actor=request.user,
            comment=found,
            response=form.cleaned_data["response"],
            change_rendition_number=form.cleaned_data["change_rendition_number"],
        )
    ):
        messages.success(request, RESPONDED)
        return redirect(url("responses", assessment) + f"#comment-{found.pk}")
    context = {
        "assessment": assessment,
        "form": form,
        "comment": found,
        "section_title": _section_title(letter, found.section),
        "caption": _caption(assessment),
        "back_url": url("responses", assessment) + f"#comment-{found.pk}",
    }
    return render(request, "letters/respond.html", context, status=400 if form.errors else 200)


def validation(request, pk: int):
    """The round's social care data validated, which every final letter of the round waits for
    (DOMAIN.md §3); a programme administrator records it once."""
    assessment_round = access_object(
        request.user, AssessmentRound, "letters.validate_social_care", pk=pk
    )
    done = (
        RoundSocialCareValidation.objects.filter(round=assessment_round)
        .select_related("validated_by")
        .first()
    )
    form = SocialCareValidationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            round_social_care_validate,
            actor=request.user,
            assessment_round=assessment_round,
            note=form.cleaned_data["note"],
        )
    ):
        messages.success(request, VALIDATED.format(round=assessment_round))
        return redirect(reverse("letters:validation", kwargs={"pk": assessment_round.pk}))
    context = {
        "round": assessment_round,
        "done": done,
        "form": form,
        "caption": assessment_round.title,
    }
    return render(request, "letters/validation.html", context, status=400 if form.errors else 200)
