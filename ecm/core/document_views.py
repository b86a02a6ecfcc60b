"""The pages of a document being prepared off the request (issue 25 §3; decision 0051): how
it stands (a page, and the same as JSON for its script), and the file when it is ready. Only
the person who asked reaches them; anyone else gets 404, as for a page that does not exist."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect

from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.document_builds import (
    Status,
    being_prepared_response,
    build_body,
    build_lost,
    progress_of,
    request_of,
)
from ecm.core.documents import document_file_response


def _request_or_404(request, token):
    row = request_of(user=request.user, token=token)
    if row is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return row


def build(request, token):
    """How the document stands: waiting (with its place in the queue), being made, ready (a
    download link) or failed (what to do). Its script asks `build_status` every 2 seconds;
    without JavaScript, a link refreshes it."""
    return being_prepared_response(request, _request_or_404(request, token))


def build_status(request, token):
    """The same as JSON, for the page's script."""
    return JsonResponse(progress_of(_request_or_404(request, token)))


def build_file(request, token):
    """The file, once ready, to save under the name the download page gave it; before then
    (or if the store lost it), the page that says how it stands."""
    row = _request_or_404(request, token)
    if row.build.status == Status.READY:
        body = build_body(row.build)
        if body is not None:
            return document_file_response(body, fmt=row.build.fmt, file_name=row.file_name)
        build_lost(row.build)
    return redirect("documents:build", token=row.token)
