"""Pages of the JAR's documents part (issue 9 §3; 001 "Documents Evidence"): the checklist the
council uploads against, seen alike by the council and the inspectors, each document with its
files, the upload and "not held locally" forms, the lead inspector's extra request and
acceptance, and the download of a file. The services own the rules; a refusal is 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.forms import call_service, posted
from ecm.core.uploads.documents import stored_document_response
from ecm.jar.documents import selectors, services
from ecm.jar.documents.forms import AcceptForm, ExtraDocumentForm, NotHeldForm, UploadForm
from ecm.jar.documents.models import DocumentUpload, RequestedDocument
from ecm.jar.models import JointAreaReview

UPLOADED = "{file} was uploaded for {title}"
NOT_HELD = "{title} is recorded as not held locally"
ADDED = "The council has been asked for {title}"
ACCEPTED = "{title} was accepted"


def _review(request, pk: int, perm: str = "jar.read_documents") -> JointAreaReview:
    return access_object(
        request.user, JointAreaReview.objects.select_related("council"), perm, pk=pk
    )


def _document(review, document_pk: int) -> RequestedDocument:
    try:
        return review.requested_documents.get(pk=document_pk)
    except RequestedDocument.DoesNotExist as exc:
        raise Http404(NOT_FOUND_MESSAGE) from exc


def _checklist_url(review) -> str:
    return reverse("jar:documents", kwargs={"pk": review.pk})


def _document_url(document) -> str:
    return reverse("jar:document", kwargs={"pk": document.review_id, "document_pk": document.pk})


def documents(request, pk: int):
    """The checklist (GOV.UK task list): each document Received, Missing or Not held locally.
    The first visit asks the council for the list's documents (idempotent)."""
    review = _review(request, pk)
    if not services.documents_all_requested(review):
        services.documents_request(review=review, actor=request.user)
    rows, youth = selectors.split_rows(selectors.document_rows(review=review))
    return render(
        request,
        "jar/documents/checklist.html",
        {
            "review": review,
            "rows": rows,
            "tally": selectors.documents_tally(rows),
            "missing": [r for r in rows if r.status == "missing"],
            "youth": youth,
            "youth_tally": selectors.documents_tally(youth),
            "may_supply": request.user.has_perm("jar.supply_documents", review),
            "may_request": request.user.has_perm("jar.request_documents", review),
        },
    )


def document(request, pk: int, document_pk: int):
    review = _review(request, pk)
    found = _document(review, document_pk)
    uploads = found.uploads.select_related("uploaded_by").order_by("-uploaded_at", "-pk")
    status = selectors.document_status(found, list(uploads))
    may_request = request.user.has_perm("jar.request_documents", review)
    return render(
        request,
        "jar/documents/document.html",
        {
            "review": review,
            "document": found,
            "uploads": uploads,
            "status": status,
            "may_supply": request.user.has_perm("jar.supply_documents", review),
            "may_accept": may_request
            and found.accepted_at is None
            and status != selectors.DocumentStatus.MISSING,
        },
    )


def document_upload(request, pk: int, document_pk: int):
    review = _review(request, pk, "jar.supply_documents")
    found = _document(review, document_pk)
    limit = services.max_bytes_words()
    form = UploadForm(posted(request), request.FILES or None, limit=limit)
    if form.is_bound and form.is_valid():
        stored = call_service(
            form,
            services.document_upload,
            document=found,
            actor=request.user,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        )
        if stored:
            messages.success(request, UPLOADED.format(file=stored.file_name, title=found.title))
            return redirect(_checklist_url(review))
    context = {
        "form": form,
        "title": "Upload the document",
        "caption": found.title,
        "back_url": _document_url(found),
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def document_not_held(request, pk: int, document_pk: int):
    review = _review(request, pk, "jar.supply_documents")
    found = _document(review, document_pk)
    form = NotHeldForm(posted(request), initial={"reason": found.not_held_reason})
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            services.document_not_held,
            document=found,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        if done:
            messages.success(request, NOT_HELD.format(title=found.title))
            return redirect(_checklist_url(review))
    context = {"form": form, "caption": found.title, "back_url": _document_url(found)}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def document_add(request, pk: int):
    review = _review(request, pk, "jar.request_documents")
    form = ExtraDocumentForm(posted(request))
    if form.is_bound and form.is_valid():
        made = call_service(
            form,
            services.document_request_extra,
            review=review,
            actor=request.user,
            title=form.cleaned_data["name"],
            hint=form.cleaned_data["hint"],
        )
        if made:
            messages.success(request, ADDED.format(title=made.title))
            return redirect(_checklist_url(review))
    context = {
        "form": form,
        "caption": review.council.name,
        "intro": 'The 2007 briefing asks for "over 30 documents including" those it names: add '
        "any other document the review needs. The council sees it on its checklist.",
        "back_url": _checklist_url(review),
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


@require_POST
def document_accept(request, pk: int, document_pk: int):
    review = _review(request, pk, "jar.request_documents")
    found = _document(review, document_pk)
    form = AcceptForm(request.POST)
    if call_service(form, services.document_accept, document=found, actor=request.user):
        messages.success(request, ACCEPTED.format(title=found.title))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(_document_url(found))


def document_download(request, pk: int, file_pk: int):
    """A file the council uploaded, as an attachment, to whoever may read the checklist."""
    review = _review(request, pk)
    stored = _upload(review, file_pk)
    return stored_document_response(stored)


def _upload(review, file_pk: int) -> DocumentUpload:
    try:
        return DocumentUpload.objects.get(pk=file_pk, document__review=review)
    except DocumentUpload.DoesNotExist as exc:
        raise Http404(NOT_FOUND_MESSAGE) from exc
