"""After the final letter (the handbook, sections I and J): the council's record of presenting,
publishing and copying its letter, and the programme administrator's archive of a closed
round. The services own the rules; a page the user may not open is a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.apa.models import AssessmentRound
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.archive import archived_message
from ecm.core.forms import call_service
from ecm.letters import selectors
from ecm.letters.archive import round_archived
from ecm.letters.due import PUBLICATION_TITLES, publication_deadline_of, publication_outstanding
from ecm.letters.forms import ArchiveForm, PublicationStepForm
from ecm.letters.models import PublicationStepKind, RoundArchive
from ecm.letters.services.archive import open_assessments_of, round_archive
from ecm.letters.services.factual_accuracy import is_council_of
from ecm.letters.services.publication import latest_steps, publication_step_record
from ecm.letters.settings import archive_retention_years
from ecm.letters.views.common import assessment_for, caption, url
from ecm.letters.workflow import LetterStage

RECORDED = "Recorded: {what}"
ARCHIVED = "{round} is archived; its records are kept read-only until {until}"


def publication(request, pk: int):
    """The council's steps with its published final letter: each with when and the details,
    what is still to do and by when; the council's link officer or director records them."""
    assessment = assessment_for(request, pk, "letters.publication_read")
    letter = selectors.letter_of(assessment=assessment)
    if letter is None or letter.stage != LetterStage.PUBLISHED:
        raise Http404(NOT_FOUND_MESSAGE)
    archived = round_archived(assessment.round_id)
    may_record = is_council_of(request.user, assessment) and archived is None
    form = PublicationStepForm(request.POST or None) if may_record else None
    if request.method == "POST" and form is None:
        raise Http404(NOT_FOUND_MESSAGE)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            publication_step_record,
            actor=request.user,
            letter=letter,
            kind=form.cleaned_data["kind"],
            done_on=form.cleaned_data["done_on"],
            details=form.cleaned_data["details"],
        )
    ):
        what = PublicationStepKind(form.cleaned_data["kind"]).label.lower()
        messages.success(request, RECORDED.format(what=what))
        return redirect(url("publication", assessment))
    done = latest_steps(letter)
    context = {
        "assessment": assessment,
        "caption": caption(assessment),
        "steps": [
            {"kind": kind, "title": PUBLICATION_TITLES[kind], "done": done.get(kind)}
            for kind in PublicationStepKind
        ],
        "outstanding": publication_outstanding(letter),
        "deadline": publication_deadline_of(letter),
        "form": form,
        "archived": archived_message(archived, what="the council's record") if archived else "",
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "letters/publication.html", context, status=status)


def archive(request, pk: int):
    """A closed round's archive: what keeps it open, or the button; once archived, when, by
    whom and until when its records are kept."""
    assessment_round = access_object(request.user, AssessmentRound, "letters.archive", pk=pk)
    found = RoundArchive.objects.filter(round=assessment_round).select_related("archived_by")
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        archived = call_service(
            form, round_archive, actor=request.user, assessment_round=assessment_round
        )
        if archived:
            messages.success(
                request,
                ARCHIVED.format(round=assessment_round, until=f"{archived.retain_until:%-d %B %Y}"),
            )
            return redirect(reverse("letters:archive", kwargs={"pk": assessment_round.pk}))
    context = {
        "round": assessment_round,
        "caption": assessment_round.title,
        "done": found.first(),
        "still_open": open_assessments_of(assessment_round),
        "years": archive_retention_years(),
        "form": form,
    }
    return render(request, "letters/archive.html", context, status=400 if form.errors else 200)
