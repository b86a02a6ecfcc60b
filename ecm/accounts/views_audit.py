"""The audit viewer (issue 21 §6): the whole trail for programme administrators, filtered by
council, person, kind of thing, action and dates, page by page or as a CSV download. Read only.

The trail itself is `ecm.audit`, the lowest layer, which knows no councils or people: this page
gives its filter form their names. Nobody else reads the whole trail, a council's link officer
included (ADR 0036: entries hold judgements before they are published).
"""

import codecs
from itertools import islice

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.forms import AuditTrailFilterForm
from ecm.audit.selectors import audit_csv_rows, audit_entries
from ecm.authorities.selectors import council_list
from ecm.core.access import require_perm
from ecm.core.spreadsheets import rows_csv

VIEW_TRAIL = "audit.view_trail"
AUDIT_PAGE_SIZE = 50
CSV_ROWS_AT_ONCE = 500  # rows written per chunk of the streamed download


def _filter_form(request) -> tuple[AuditTrailFilterForm, dict[int, str]]:
    """The filters read from the address, with every council and person to choose from, and
    the councils' names by number for the entries' council column."""
    councils = dict(council_list().values_list("pk", "name"))
    people = [
        (person.pk, f"{person.get_full_name() or person.email} ({person.email})")
        for person in User.objects.order_by("last_name", "first_name", "email")
    ]
    form = AuditTrailFilterForm(request.GET or None, councils=councils.items(), people=people)
    return form, councils


def audit_trail(request):
    """The trail, newest first, a page at a time; the filters stay in the page links."""
    require_perm(request.user, VIEW_TRAIL)
    form, councils = _filter_form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/entry_list.html", {"form": form, "page": None})
    entries = audit_entries(**form.filters()) if form.is_bound else audit_entries()
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.council_name = councils.get(entry.council_id, "")
    return render(request, "audit/entry_list.html", {"form": form, "page": page})


def _csv_chunks(rows):
    """The CSV written a few hundred rows at a time, so a long trail is never held whole; one
    byte order mark, at the start (rows_csv puts one on each chunk)."""
    first = True
    rows = iter(rows)
    while chunk := list(islice(rows, CSV_ROWS_AT_ONCE)):
        data = rows_csv(chunk)
        yield data if first else data.removeprefix(codecs.BOM_UTF8)
        first = False


def audit_trail_csv(request):
    """The filtered entries as CSV, every one, not only a page (cells that a spreadsheet would
    run as a formula are quoted by rows_csv). Filters that are wrong go back to the page, which
    says what to put right."""
    require_perm(request.user, VIEW_TRAIL)
    form, councils = _filter_form(request)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('accounts:audit-trail')}?{request.GET.urlencode()}")
    entries = audit_entries(**form.filters()) if form.is_bound else audit_entries()
    response = StreamingHttpResponse(
        _csv_chunks(audit_csv_rows(entries, council_names=councils)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"audit-trail-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
