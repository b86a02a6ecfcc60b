"""The self-assessment's documents: the council's evidence uploads and their downloads, and a
submitted version as PDF or DOCX (000 §10; issue 4 §4)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.documents import document_download as download_in_format
from ecm.core.forms import call_service
from ecm.core.search_input import search_query
from ecm.core.uploads.documents import stored_document_response
from ecm.self_assessment import exports, selectors, services
from ecm.self_assessment.forms import (
    DocumentForm,
)
from ecm.self_assessment.models import EvidenceDocument, TextStatus, Version
from ecm.self_assessment.views_common import (
    EDIT,
    VIEW,
    assessment_or_404,
    self_assessment_or_404,
    url_of,
)


def documents(request, pk: int):
    assessment = assessment_or_404(request, pk, VIEW)
    self_assessment = self_assessment_or_404(assessment)
    can_edit = request.user.has_perm(EDIT, assessment)
    form = DocumentForm(request.POST or None, request.FILES or None) if can_edit else None
    query, problem = search_query(request.GET.get("q"))
    if request.method == "POST":
        if not can_edit:
            raise Http404(NOT_FOUND_MESSAGE)
        if form.is_valid() and call_service(
            form,
            services.document_upload,
            self_assessment=self_assessment,
            actor=request.user,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["document_title"],
            kind=form.cleaned_data["kind"],
        ):
            messages.success(request, "The document has been uploaded")
            return redirect(url_of("documents", assessment))
    documents = list(self_assessment.documents.select_related("uploaded_by"))
    return render(
        request,
        "self_assessment/documents.html",
        {
            "assessment": assessment,
            "documents": documents,
            "template": services.template_of(self_assessment),
            # Issue 21 §1: the text is read by a task; until then a search cannot find it.
            "still_reading": sum(d.text_status == TextStatus.READING for d in documents),
            "form": form,
            "query": query,
            "problem": problem,
            "found": selectors.documents_search(self_assessment=self_assessment, query=query)
            if query
            else None,
        },
        status=400 if problem else 200,
    )


def document_download(request, pk: int, document_pk: int):
    assessment = assessment_or_404(request, pk, VIEW)
    document = get_object_or_404(
        EvidenceDocument, pk=document_pk, self_assessment__assessment=assessment
    )
    return stored_document_response(document)


def _version(self_assessment, number: int) -> Version:
    return get_object_or_404(Version, self_assessment=self_assessment, number=number)


def version_document(request, pk: int, number: int, fmt: str):
    """The self-assessment as DOCX or PDF, in the template's order (issue 4 §5)."""
    assessment = assessment_or_404(request, pk, VIEW)
    version = _version(self_assessment_or_404(assessment), number)
    name = f"self-assessment-{assessment.council.la_number}-v{version.number}"
    # Either from the cache or the task queue (issue 25 §3; decisions 0051 and 0054); another
    # format is 404.
    return download_in_format(
        request,
        fmt,
        name=name,
        context=version,
        docx=exports.version_docx,
        pdf=exports.version_pdf,
    )
