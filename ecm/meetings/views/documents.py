"""The APA meeting's documents and the Moderation Form as PDF or DOCX (issue 6 §7).

Who gets what: the inspectors (the assessment's HMI and BRM, and the inspectorate staff who
may see the meeting) download the working copy of the agenda and the notes; anyone who may see
the meeting, the council's own users included, downloads a version that was sent to the
council, printed from what was sent and nothing else; the Moderation Form is the
inspectorate's. Anything else answers 404, as a page that does not exist (ecm.core.access).
"""

from django.http import Http404, HttpResponse

from ecm.apa.models import Assessment, Meeting, MeetingRecord, ModerationForm
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.documents import DOCUMENT_TYPES, document_download
from ecm.meetings import documents
from ecm.meetings.moderation_form import moderation_form_context, moderation_form_docx

FORMATS = DOCUMENT_TYPES
VIEW_MEETING = "apa.view_meeting"
VIEW_FORM = "apa.view_moderation_form"
READ_NOTEBOOK = "analysis.read"


def _assessment(request, pk: int, perm: str) -> Assessment:
    return access_object(
        request.user,
        Assessment.objects.select_related("council", "round").prefetch_related("assignments__user"),
        perm,
        pk=pk,
    )


def _refuse_council_users(request) -> None:
    """The working copies and the Moderation Form are the inspectorate's, never the council's."""
    if request.user.is_council_user:
        raise Http404(NOT_FOUND_MESSAGE)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404(NOT_FOUND_MESSAGE)


def _download(request, context: dict, *, fmt: str, name: str, docx) -> HttpResponse:
    """The PDF or the DOCX from the cache or the task queue (issue 25 §3; decisions 0051 and
    0054)."""
    return document_download(
        request, fmt, name=name, context=context, docx=docx, pdf=documents.document_pdf
    )


def meeting_working(request, pk: int, kind: str, fmt: str):
    """The working copy of the agenda or the notes, as the meeting stands, for the inspectors."""
    assessment = _assessment(request, pk, VIEW_MEETING)
    _refuse_council_users(request)
    if kind not in documents.KINDS:
        raise Http404(NOT_FOUND_MESSAGE)
    _check_format(fmt)
    meeting = Meeting.objects.filter(assessment=assessment).first()
    context = documents.working_context(assessment=assessment, meeting=meeting, kind=kind)
    name = f"apa-meeting-{kind}-{assessment.council.la_number}-working-copy"
    return _download(request, context, fmt=fmt, name=name, docx=documents.meeting_docx)


def meeting_record(request, pk: int, record_pk: int, fmt: str):
    """A version of the agenda or the notes exactly as sent to the council: the council's own
    users may download what was sent to them. A record of another meeting is not found."""
    assessment = _assessment(request, pk, VIEW_MEETING)
    _check_format(fmt)
    record = (
        MeetingRecord.objects.filter(meeting__assessment=assessment, pk=record_pk)
        .select_related("sent_by")
        .first()
    )
    if record is None:
        raise Http404(NOT_FOUND_MESSAGE)
    context = documents.record_context(assessment=assessment, record=record)
    name = f"apa-meeting-{record.kind}-{assessment.council.la_number}-v{record.number}"
    return _download(request, context, fmt=fmt, name=name, docx=documents.meeting_docx)


def moderation_form(request, pk: int, fmt: str):
    """The Moderation Form (Appendix A) with the Steps 2-4 it is submitted with (002 §H)."""
    assessment = _assessment(request, pk, VIEW_FORM)
    _refuse_council_users(request)
    _check_format(fmt)
    form = (
        ModerationForm.objects.filter(assessment=assessment).select_related("submitted_by").first()
    )
    context = moderation_form_context(
        assessment=assessment,
        form=form,
        # Steps 2-4 are the notebook's: shown to those who may read it (the same people today).
        include_steps=request.user.has_perm(READ_NOTEBOOK, assessment),
    )
    name = f"moderation-form-{assessment.council.la_number}"
    return _download(request, context, fmt=fmt, name=name, docx=moderation_form_docx)
