"""The information pack (002 §B, §C): what the team has, the checklist, and search."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ecm.analysis import selectors
from ecm.analysis.forms import PackItemForm
from ecm.analysis.models import PackItem
from ecm.analysis.pack import (
    CHECKLIST,
    USUALLY_SHARED,
    BriefingSource,
    PackCategory,
    SupportingType,
    pack_types,
)
from ecm.analysis.search import pack_search
from ecm.analysis.services.pack import checklist_mark, pack_item_upload
from ecm.analysis.views.common import WORK, assessment_for, page_context, url
from ecm.core.access import refuse_unless
from ecm.core.forms import call_service
from ecm.core.search_input import search_query
from ecm.core.uploads.documents import stored_document_response
from ecm.core.uploads.text_task import TextStatus, text_status_said
from ecm.self_assessment.selectors import latest_submission


def pack(request, pk: int):
    """Everything the team has for the analysis, by the handbook's kinds (002 §C)."""
    assessment = assessment_for(request, pk)
    items = list(selectors.pack_items(assessment=assessment))
    briefings = [
        (
            value,
            label,
            [i for i in items if i.category == PackCategory.BRIEFING and i.source_type == value],
        )
        for value, label in BriefingSource.choices
    ]
    supporting = [i for i in items if i.category == PackCategory.SUPPORTING]
    ticks = selectors.checklist_ticks(assessment=assessment)
    checklist = [(item, ticks.get(item.code)) for item in CHECKLIST]
    # Issue 23 §1: a round in the 2007 cycle expects what the briefing says Ofsted considers
    # with the CYPP review; the page shows each as in the pack or still missing.
    cycle = assessment.round.the_cycle
    expected = selectors.cycle_sources_expected(assessment=assessment, cycle=cycle, items=items)
    context = page_context(
        assessment,
        "pack",
        briefings=briefings,
        supporting=supporting,
        supporting_types=dict(SupportingType.choices),
        checklist=checklist,
        ticked=len(ticks),
        cycle=cycle,
        expected=expected,
        expected_missing=sum(not e.present for e in expected),
        sa_version=latest_submission(assessment=assessment),
        # Issue 21 §1: each item's text is read by a task; the pack says how far it has got.
        still_reading=sum(i.text_status == TextStatus.READING for i in items),
        not_readable=sum(i.text_status == TextStatus.FAILED for i in items),
    )
    return render(request, "analysis/pack.html", context)


def upload(request, pk: int, category: str):
    assessment = assessment_for(request, pk, WORK)
    refuse_unless(category in PackCategory.values)
    # Issue 23 §1: the types on offer are the round's cycle's; none means no such page.
    types = pack_types(category=category, cycle=assessment.round.the_cycle)
    refuse_unless(bool(types))
    asked = request.GET.get("type")
    form = PackItemForm(
        request.POST or None,
        request.FILES or None,
        category=category,
        types=types,
        initial={"source_type": asked} if asked in dict(types) else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            return pack_item_upload(
                assessment=assessment,
                actor=request.user,
                upload=data["file"],
                category=category,
                source_type=data["source_type"],
                title=data["title"],
                source=data["source"],
                dated=data["dated"],
                shared_with_council=data["shared_with_council"],
            )

        item = call_service(form, save)
        if item:
            item.refresh_from_db(fields=["text_status", "text_problem"])  # the task may be done
            messages.success(
                request, f"{item.title} was added to the pack. {text_status_said(item)}"
            )
            return redirect(url("pack", assessment))
    return render(
        request,
        "analysis/pack_upload.html",
        page_context(
            assessment,
            "pack",
            form=form,
            heading=form.title,
            category=category,
            usually_shared=[str(s) for s in USUALLY_SHARED],
        ),
    )


def download(request, pk: int, item_pk: int):
    assessment = assessment_for(request, pk)
    item = get_object_or_404(PackItem, pk=item_pk, assessment=assessment)
    return stored_document_response(item)


@require_POST
def checklist(request, pk: int):
    """Tick the pre-analysis checklist (002 §B 2)."""
    assessment = assessment_for(request, pk, WORK)
    codes = {c for c in request.POST.getlist("done") if c}
    try:
        checklist_mark(assessment=assessment, actor=request.user, codes=codes)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The checklist was saved")
    return redirect(url("pack", assessment) + "#checklist")


def search(request, pk: int):
    """Full-text search across the pack: briefings, documents, the self-assessment (§1)."""
    assessment = assessment_for(request, pk)
    query, problem = search_query(request.GET.get("q"))
    hits = pack_search(assessment=assessment, query=query) if query else None
    # Issue 21 §1: a document's text is read by a task; until then a search cannot find it.
    unread = selectors.documents_not_searched(assessment=assessment) if query else []
    return render(
        request,
        "analysis/search.html",
        page_context(
            assessment, "pack", query=query, hits=hits, problem=problem, not_searched=unread
        ),
        status=400 if problem else 200,
    )
