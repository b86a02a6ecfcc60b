"""The letter as an HTML preview, a PDF or a DOCX (issue 7 §3), from one content builder
(ecm.letters.documents). Any kept rendition may be output (?rendition=N); without one, the
latest. Who may read the letter may read its documents; anyone else gets 404."""

from django.http import Http404, HttpResponse

from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.documents import DOCUMENT_TYPES, document_download
from ecm.letters import documents, selectors
from ecm.letters.views.common import assessment_for, url

FORMATS = DOCUMENT_TYPES


def _context(request, pk: int) -> tuple[dict, object]:
    assessment = assessment_for(request, pk)
    letter = selectors.letter_of(assessment=assessment)
    if letter is None:
        raise Http404(NOT_FOUND_MESSAGE)
    number = request.GET.get("rendition")
    if number:
        rendition = selectors.rendition_numbered(letter=letter, number=number)
    else:
        rendition = letter.renditions.select_related("made_by").order_by("-number").first()
    if rendition is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return documents.letter_context(assessment=assessment, rendition=rendition), assessment


def preview(request, pk: int):
    """The letter as it will look, in the browser, with a back link on screen only."""
    context, assessment = _context(request, pk)
    return HttpResponse(documents.letter_html(context, back_url=url("letter", assessment)))


def letter_download(request, context: dict, *, fmt: str, name: str) -> HttpResponse:
    """The letter of `context` as a PDF or a Word document, to save as `name`.`fmt`; the one
    rendering behind the inspectors' and the council's downloads. Either comes from the cache
    or the task queue (issue 25 §3; decisions 0051 and 0054)."""
    return document_download(
        request,
        fmt,
        name=name,
        context=context,
        docx=documents.letter_docx,
        pdf=documents.letter_pdf,
    )


def download(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404(NOT_FOUND_MESSAGE)
    context, assessment = _context(request, pk)
    name = f"apa-letter-{assessment.council.la_number}-r{context['rendition_number']}"
    return letter_download(request, context, fmt=fmt, name=name)
