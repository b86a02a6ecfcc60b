"""The council's side of a representation (002 §J): the assessment's representations and
window, stating the intention, adding grounds tied to what they dispute, and submitting; and the
page of one representation, read by the council, the inspectorate and its panel."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from ecm.analysis.models import Evidence
from ecm.core.access import refuse_unless
from ecm.core.forms import call_service, posted
from ecm.representations import selectors
from ecm.representations.forms import GroundForm, IntentionForm, SubmitForm
from ecm.representations.models import RepresentationStatus
from ecm.representations.routing import route_of
from ecm.representations.services import (
    representation_ground_add,
    representation_intend,
    representation_submit,
)
from ecm.representations.services.response import needs_response
from ecm.representations.views.common import (
    assessment_for,
    caption,
    representation_for,
    representation_moved_on,
    url_of,
)

INTENDED = (
    "The inspectorates have been told of your intention. Add your grounds and submit by {day}"
)
GROUND_ADDED = "The ground was added"
SUBMITTED = "The representation was submitted. The panel decides by {day}"
GROUNDS_CLOSED = (
    "Its grounds no longer change once it is submitted: the panel considers them as they were "
    "submitted (the handbook, section J)."
)


def _window(assessment_round) -> list[tuple[str, object]]:
    return [
        ("Intention by", assessment_round.representation_intention_by),
        ("Submission by", assessment_round.representation_submission_by),
        ("Outcome by", assessment_round.representation_outcomes_by),
    ]


def assessment(request, pk: int):
    """The assessment's representations, its window, and (for the council) making one."""
    found = assessment_for(request, pk)
    today = timezone.localdate()
    may_make = request.user.has_perm("representations.make", found)
    context = {
        "assessment": found,
        "caption": caption(found),
        "representations": selectors.representations_of(assessment=found),
        "window": _window(found.round),
        "may_intend": may_make
        and today <= found.round.representation_intention_by
        and bool(selectors.judgements_open_to(assessment=found)),
        "is_council": request.user.is_council_user,
    }
    return render(request, "representations/assessment.html", context)


def intend(request, pk: int):
    found = assessment_for(request, pk, "representations.make")
    open_to = selectors.judgements_open_to(assessment=found)
    refuse_unless(open_to)
    form = IntentionForm(posted(request), judgements=open_to)
    if form.is_bound and form.is_valid():
        made = call_service(
            form,
            representation_intend,
            actor=request.user,
            assessment=found,
            judgement=form.cleaned_data["judgement"],
        )
        if made:
            day = found.round.representation_submission_by
            messages.success(request, INTENDED.format(day=f"{day:%-d %B %Y}"))
            return redirect(url_of(made))
    return render(
        request,
        "representations/intend.html",
        {
            "form": form,
            "assessment": found,
            "caption": caption(found),
            "window": _window(found.round),
        },
        status=400 if form.errors else 200,
    )


def representation(request, pk: int):
    found = representation_for(request, pk)
    assessment = found.assessment
    user = request.user
    is_council = user.is_council_user
    grounds = selectors.grounds_described(representation=found)
    may_write = user.has_perm("representations.write", found) and (
        found.status == RepresentationStatus.INTENDED
    )
    context = {
        "representation": found,
        "assessment": assessment,
        "caption": caption(assessment),
        "grounds": grounds,
        "seats": found.seats.select_related("member__user"),
        "reviews": found.reviews.all(),
        "is_council": is_council,
        "may_write": may_write,
        "may_compose": user.has_perm("representations.administer")
        and found.status == RepresentationStatus.SUBMITTED,
        "may_decide": user.has_perm("representations.decide", found)
        and found.status == RepresentationStatus.SUBMITTED,
        "window": _window(assessment.round),
        # Where it went and whose response the panel reads (the handbook, section J).
        "route": route_of(found.judgement) if needs_response(found) else None,
        "may_respond": needs_response(found)
        and user.has_perm("representations.respond", found)
        and found.status == RepresentationStatus.SUBMITTED,
        "awaiting_response": needs_response(found) and not found.response.strip(),
    }
    return render(request, "representations/representation.html", context)


def ground_add(request, pk: int):
    """One ground, tied to a paragraph of the published letter or evidence the inspectors used.
    Any file sent with it is refused by the service: no new evidence (002 §J)."""
    found = representation_for(request, pk, "representations.write")
    if found.status != RepresentationStatus.INTENDED:
        return representation_moved_on(request, found, why=GROUNDS_CLOSED)
    assessment = found.assessment
    evidence = selectors.council_evidence(assessment=assessment)
    form = GroundForm(
        posted(request),
        paragraphs=selectors.published_paragraphs(assessment=assessment),
        evidence=[(e.pk, selectors.evidence_label(e)) for e in evidence],
    )
    if form.is_bound and form.is_valid():
        kind, _, value = form.cleaned_data["disputes"].partition(":")
        tie = {}
        if kind == "e":
            tie["evidence"] = Evidence.objects.get(pk=int(value))
        else:
            section, _, paragraph = value.partition(":")
            tie.update(section=section, paragraph=int(paragraph))
        done = call_service(
            form,
            representation_ground_add,
            actor=request.user,
            representation=found,
            kind=form.cleaned_data["kind"],
            statement=form.cleaned_data["statement"],
            attachments=list(request.FILES.values()),
            **tie,
        )
        if done:
            messages.success(request, GROUND_ADDED)
            return redirect(url_of(found))
    return render(
        request,
        "representations/ground_add.html",
        {
            "form": form,
            "representation": found,
            "caption": caption(assessment),
            "back_url": url_of(found),
        },
        status=400 if form.errors else 200,
    )


def submit(request, pk: int):
    """Check your answers: the grounds as they will go to the panel, then submit."""
    found = representation_for(request, pk, "representations.write")
    if found.status != RepresentationStatus.INTENDED:
        return representation_moved_on(request, found, why=GROUNDS_CLOSED)
    form = SubmitForm(posted(request), initial={"summary": found.summary})
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            representation_submit,
            actor=request.user,
            representation=found,
            summary=form.cleaned_data["summary"],
        )
        if done:
            day = found.assessment.round.representation_outcomes_by
            messages.success(request, SUBMITTED.format(day=f"{day:%-d %B %Y}"))
            return redirect(url_of(found))
    return render(
        request,
        "representations/submit.html",
        {
            "form": form,
            "representation": found,
            "grounds": found.grounds.all(),
            "caption": caption(found.assessment),
            "back_url": url_of(found),
        },
        status=400 if form.errors else 200,
    )
