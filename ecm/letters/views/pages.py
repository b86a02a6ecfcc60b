"""The letter's pages (issue 7 §1-2): the letter with its guides, warnings and renditions,
assembling the draft, editing one section, and comparing two renditions side by side."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ecm.apa.rules import is_lead_of
from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.forms import call_service
from ecm.letters import selectors
from ecm.letters.content import words_in
from ecm.letters.forms import AssembleForm, SectionForm
from ecm.letters.services import letter_assemble, letter_section_save, renditions_compare
from ecm.letters.services.editing import FROZEN
from ecm.letters.services.readers import standing_answers
from ecm.letters.template import template_by_urn
from ecm.letters.views.common import WORK, assessment_for, letter_moved_on, url
from ecm.letters.workflow import READERS_MAY_ANSWER, STAGES, LetterStage

ASSEMBLED = "The draft letter was assembled from the evidence notebook: rendition 1"
SAVED = "{title} was saved: rendition {number}"
NOT_NOW = "It cannot be edited at this stage: {why}."
LAC_LDD_REMINDER = (
    "Say how well the outcome is met for looked after children and for children and young "
    "people with learning difficulties and/or disabilities (the handbook, section I template 3)."
)


def _letter_or_404(assessment):
    letter = selectors.letter_of(assessment=assessment)
    if letter is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return letter


def _letter_page(request, assessment, *, assemble_form=None):
    letter = selectors.letter_of(assessment=assessment)
    context = {
        "assessment": assessment,
        "can_work": assessment.can_work,
        "letter": letter,
        "can_assemble": assessment.can_work and is_lead_of(request.user, assessment),
        "form": assemble_form or AssembleForm(),
    }
    if letter is not None:
        renditions = selectors.renditions_of(letter=letter)
        context |= {
            "shown": selectors.letter_shown(letter=letter),
            "renditions": renditions,
            "latest": renditions[-1] if renditions else None,
            "older_default": renditions[-2] if len(renditions) > 1 else None,
            "can_edit": assessment.can_work and letter.stage not in FROZEN,
            "frozen": FROZEN.get(letter.stage, ""),
        } | _stage_context(request, assessment, letter)
    status = 400 if assemble_form is not None and assemble_form.errors else 200
    return render(request, "letters/letter.html", context, status=status)


def _stage_context(request, assessment, letter) -> dict:
    """The stage with its description and source, the moves the user may make now, the
    factual accuracy deadline once sent to the council, and the readers' answers (002 §I)."""
    answers = selectors.reader_answers_of(letter=letter)
    return {
        "stage_rule": STAGES[LetterStage(letter.stage)],
        "moves": selectors.moves_for(user=request.user, letter=letter),
        "council_sending": selectors.council_sending(letter=letter),
        "reader_answers": answers,
        "standing_answers": [a.pk for a in standing_answers(letter).values()],
        "is_reader": request.user.has_perm("letters.answer_as_reader", assessment),
        "readers_may_answer": letter.stage in READERS_MAY_ANSWER,
        "council_comment_count": letter.council_comments.count(),
        "before_it_goes": selectors.before_it_goes(letter=letter),
    }


def letter(request, pk: int):
    """The letter, section by section, with its guides, warnings and renditions; or, before
    it is assembled, what assembling needs and (for the Lead) the button."""
    return _letter_page(request, assessment_for(request, pk))


@require_POST
def assemble(request, pk: int):
    """The Lead assembles the draft from the notebook (002 §I stage 1); the service checks
    that the user is the Lead and that Step 4 is graded and signed."""
    assessment = assessment_for(request, pk, WORK)
    form = AssembleForm(request.POST)
    if form.is_valid() and call_service(
        form, letter_assemble, actor=request.user, assessment=assessment
    ):
        messages.success(request, ASSEMBLED)
        return redirect(url("letter", assessment))
    return _letter_page(request, assessment, assemble_form=form)


def section(request, pk: int, code: str):
    """Edit one section: its text against its guide (topics, LAC and LDD, words), with the
    reason kept in the rendition; a stale page gets the service's message."""
    assessment = assessment_for(request, pk, WORK)
    letter = _letter_or_404(assessment)
    template = template_by_urn(letter.template_urn)
    if code not in template.codes:
        raise Http404(NOT_FOUND_MESSAGE)
    chosen = template.section(code)
    back_url = url("letter", assessment) + f"#section-{code}"
    if letter.stage in FROZEN:
        # A stale tab, a bookmark or Back: the letter has moved on since the page was opened.
        why = NOT_NOW.format(why=FROZEN[letter.stage])
        return letter_moved_on(request, assessment, letter, why=why, back_url=back_url)
    form = SectionForm(
        request.POST or None,
        initial={"text": letter.sections.get(code, ""), "lock_version": letter.lock_version},
        title=f"Edit: {chosen.title}",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            letter_section_save,
            actor=request.user,
            letter=letter,
            code=code,
            text=data["text"],
            reason=data["reason"],
            expected_lock_version=data["lock_version"],
        )
        if saved:
            number = saved.renditions.order_by("-number").values_list("number", flat=True)[0]
            messages.success(request, SAVED.format(title=chosen.title, number=number))
            return redirect(url("letter", assessment) + f"#section-{code}")
    context = {
        "assessment": assessment,
        "form": form,
        "section": chosen,
        "lac_ldd_reminder": LAC_LDD_REMINDER,
        "words": words_in(letter.sections.get(code, "")),
        "caption": f"{assessment.council.name} \N{MIDDLE DOT} APA letter",
        "back_url": back_url,
    }
    return render(request, "letters/section.html", context, status=400 if form.errors else 200)


def compare(request, pk: int):
    """Two renditions side by side, section by section, words added and removed marked;
    without a choice, the latest against the one before it. Works without JavaScript: the
    choice is a GET form."""
    assessment = assessment_for(request, pk)
    letter = _letter_or_404(assessment)
    renditions = selectors.renditions_of(letter=letter)
    by_number = {r.number: r for r in renditions}
    newer_default = renditions[-1]
    older_default = renditions[-2] if len(renditions) > 1 else newer_default

    def chosen(name: str, default):
        value = request.GET.get(name)
        if value in (None, ""):
            return default
        try:
            found = by_number.get(int(value))
        except ValueError:
            found = None
        if found is None:
            raise Http404(NOT_FOUND_MESSAGE)
        return found

    compared = renditions_compare(
        older=chosen("older", older_default), newer=chosen("newer", newer_default)
    )
    context = {
        "assessment": assessment,
        "letter": letter,
        "renditions": renditions,
        "compared": compared,
    }
    return render(request, "letters/compare.html", context)
