"""The pages of a review's complaints and quality assurance (issue 24 §2; 003). The services
own the rules; a refused review or complaint answers 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ecm.core.access import access_object
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.jar.models import JointAreaReview
from ecm.jar.quality import services
from ecm.jar.quality.forms import ComplaintForm, ComplaintMoveForm, QualityAssuranceForm
from ecm.jar.quality.selectors import (
    complaint_deadlines,
    complaint_history,
    complaint_moves,
    quality_rows,
)

COMPLAINT_SENT = "Your complaint was sent to the programme administrator"
COMPLAINT_MOVED = "The complaint is now {status}"
QUALITY_RECORDED = "The quality assurance of the review was recorded"


def _review(request, pk: int, perm: str) -> JointAreaReview:
    return access_object(
        request.user, JointAreaReview.objects.select_related("council"), perm, pk=pk
    )


def complaints(request, pk: int):
    found = _review(request, pk, "jar.complaints_read")
    return render(
        request,
        "jar/quality/complaints.html",
        {
            "review": found,
            "complaints": found.complaints.select_related("made_by"),
            "may_complain": request.user.has_perm("jar.complaint_make", found),
        },
    )


def complaint_add(request, pk: int):
    found = _review(request, pk, "jar.complaint_make")
    form = ComplaintForm(posted(request))
    back = reverse("jar:complaints", kwargs={"pk": found.pk})
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        made = call_service(
            form,
            services.complaint_make,
            actor=request.user,
            review=found,
            complainant=data["complainant"],
            about=data["about"],
            received_on=data["received_on"],
            today=timezone.localdate(),
            once=once_token(form),
        )
        if made:
            messages.success(request, COMPLAINT_SENT)
            return redirect(
                reverse("jar:complaint", kwargs={"pk": found.pk, "complaint_pk": made.pk})
            )
    already = already_done_redirect(request, form, back)
    if already:
        return already
    context = {
        "form": form,
        "caption": str(found),
        "back_url": back,
        "intro": "The programme administrator acknowledges it, investigates it and sends you "
        "the response: upheld, partly upheld or not upheld.",
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def complaint(request, pk: int, complaint_pk: int):
    found = _review(request, pk, "jar.complaints_read")
    item = get_object_or_404(found.complaints.select_related("made_by"), pk=complaint_pk)
    may_handle = request.user.has_perm("jar.complaint_handle", found)
    moves = complaint_moves(item)
    form = None
    if may_handle and moves:
        form = ComplaintMoveForm(
            posted(request), moves=moves, initial={"lock_version": item.lock_version}
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            moved = call_service(
                form,
                services.complaint_move,
                actor=request.user,
                complaint=item,
                to=data["to"],
                on=timezone.localdate(),
                response=data["response"],
                reason=data["reason"],
                expected_lock_version=data["lock_version"],
            )
            if moved:
                messages.success(
                    request, COMPLAINT_MOVED.format(status=moved.get_status_display().lower())
                )
                return redirect(request.path)
        already = already_done_redirect(request, form, request.path)
        if already:
            return already
    return render(
        request,
        "jar/quality/complaint.html",
        {
            "review": found,
            "complaint": item,
            "history": complaint_history(item),
            "deadlines": complaint_deadlines(item) if moves else [],
            "form": form,
            "is_council": request.user.is_council_user,
        },
        status=400 if form is not None and form.errors else 200,
    )


def quality(request, pk: int):
    found = _review(request, pk, "jar.quality_read")
    records = [
        (record, quality_rows(record))
        for record in found.quality_assurances.select_related("reader")
    ]
    return render(
        request,
        "jar/quality/quality.html",
        {
            "review": found,
            "records": records,
            "may_assure": request.user.has_perm("jar.quality_assure", found),
        },
    )


def quality_add(request, pk: int):
    found = _review(request, pk, "jar.quality_assure")
    form = QualityAssuranceForm(posted(request))
    back = reverse("jar:quality", kwargs={"pk": found.pk})
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services.quality_assurance_record,
            actor=request.user,
            review=found,
            answers=data,
            outcome=data["outcome"],
            notes=data["notes"],
            once=once_token(form),
        )
        if done:
            messages.success(request, QUALITY_RECORDED)
            return redirect(back)
    already = already_done_redirect(request, form, back)
    if already:
        return already
    context = {
        "form": form,
        "caption": str(found),
        "back_url": back,
        "intro": "You were not on this review's team. Answer each check, then the outcome. "
        "The checks are ours: the overview of the inspection framework names the quality "
        "assurance of reviews without saying what it checks.",
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)
