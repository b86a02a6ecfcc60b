"""The council's review of its Children and Young People's Plan, the 2007 cycle's submission
(issue 23 §1; the 2007 briefing, "APA"): the council writes and submits it; the inspectors and
the council read it, with what Ofsted considers together with it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.apa.cypp_review_forms import CyppReviewForm, CyppReviewSubmitForm
from ecm.apa.models import CyppReview
from ecm.apa.selectors import assessment_detail_queryset
from ecm.apa.services import cypp_review as services
from ecm.apa.workflow import EDITABLE_BY_COUNCIL, in_group
from ecm.core.access import access_object
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since, frozen_page

SUBMITTED_WHY = (
    "It is now the inspectors' to read. Ask the programme administrator to reopen the "
    "assessment if something must change."
)


def _open(request, pk: int, perm: str):
    assessment = access_object(request.user, assessment_detail_queryset(), perm, pk=pk)
    return assessment, CyppReview.objects.filter(assessment=assessment).first()


def _url(assessment) -> str:
    return reverse("apa:assessment-cypp-review", args=[assessment.pk])


def _submitted_page(request, assessment, review):
    return frozen_page(
        request,
        what="your review of the Children and Young People's Plan",
        happened="was submitted to Ofsted",
        since=Since.of(review.submitted_at, review.submitted_by),
        why=SUBMITTED_WHY,
        back_url=_url(assessment),
        back_text="Go to the review",
        caption=f"{assessment.council.name}: {assessment.round.title}",
    )


def cypp_review(request, pk: int):
    """The review: a form for the council while it may write it, else what was submitted."""
    assessment, review = _open(request, pk, "apa.view_cypp_review")
    cycle = assessment.round.the_cycle
    can_write = (
        request.user.has_perm("apa.write_cypp_review", assessment)
        and cycle.has_single_conversation
        and in_group(assessment.status, EDITABLE_BY_COUNCIL)
        and not (review and review.submitted_at)
    )
    form = None
    if can_write:
        initial = (
            {
                "published_on": review.published_on,
                "published_at": review.published_at,
                "partners": review.partners,
                "summary": review.summary,
                "lock_version": review.lock_version,
            }
            if review
            else {}
        )
        form = CyppReviewForm(posted(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            if call_service(
                form,
                services.cypp_review_save,
                actor=request.user,
                assessment=assessment,
                published_on=data["published_on"],
                published_at=data["published_at"],
                partners=data["partners"],
                summary=data["summary"],
                expected_lock_version=data["lock_version"],
            ):
                messages.success(request, "Your review is saved. Submit it to Ofsted when ready")
                return redirect(_url(assessment))
    elif request.method == "POST" and review and review.submitted_at:
        return _submitted_page(request, assessment, review)
    return render(
        request,
        "apa/cypp_review.html",
        {
            "assessment": assessment,
            "cycle": cycle,
            "review": review,
            "form": form,
        },
    )


def cypp_review_submit(request, pk: int):
    """The council submits the published review to Ofsted."""
    assessment, review = _open(request, pk, "apa.write_cypp_review")
    if review and review.submitted_at:
        return _submitted_page(request, assessment, review)
    form = CyppReviewSubmitForm(
        posted(request), initial={"lock_version": review.lock_version if review else None}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.cypp_review_submit,
            actor=request.user,
            assessment=assessment,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
    ):
        messages.success(request, "Your review has been submitted to Ofsted")
        return redirect(_url(assessment))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": f"{assessment.council.name}: {assessment.round.title}",
            "intro": (
                "Once submitted, the review is the inspectors' to read and no longer changes. "
                "It must say when and where it was published and which agencies took part."
            ),
            "back_url": _url(assessment),
        },
    )
