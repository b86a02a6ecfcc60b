from django.core.paginator import Paginator
from django.shortcuts import render

from ecm.audit.models import AuditEntry
from ecm.core.access import require_perm

PAGE_SIZE = 50


def entry_list(request):
    """The whole trail, newest first, for programme administrators. Read only."""
    require_perm(request.user, "audit.view_trail")
    entries = AuditEntry.objects.select_related("actor")
    verb = request.GET.get("verb", "").strip()
    if verb:
        entries = entries.filter(verb__startswith=verb)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/entry_list.html", {"page": page, "verb": verb})
