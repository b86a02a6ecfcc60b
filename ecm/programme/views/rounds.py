"""The round's programme (issue 8 §1, §2, §4): the dashboard of every council's stage with its
filters, the plan's import and export, the blocks, and the round's pre-analysis checklist."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ecm.apa.workflow import AssessmentStatus
from ecm.authorities.imports.problems import DataFileError
from ecm.authorities.models import Region
from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.forms import call_service, posted
from ecm.core.spreadsheets import rows_csv, rows_xlsx
from ecm.programme import selectors
from ecm.programme.forms import BlockForm, DashboardFilterForm, PlanImportForm
from ecm.programme.models import Block
from ecm.programme.plan_file import read_plan
from ecm.programme.services.plan import block_save, plan_import, plan_rows
from ecm.programme.views.common import round_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORTED = (
    "The plan of {councils} councils was imported: {plans} council lines, {assignments} "
    "assignments and {blocks} blocks changed, {added} councils added to the round"
)
UNCHANGED = "The plan of {councils} councils was imported: nothing had changed"
BLOCK_SAVED = "Block {number} was saved; its councils' dates follow it"


def _filters(request, assessment_round):
    blocks = list(Block.objects.filter(round=assessment_round).values_list("number", flat=True))
    form = DashboardFilterForm(request.GET or None)
    form.fields["block"].choices = [("", "All blocks")] + [(b, f"Block {b}") for b in blocks]
    form.fields["region"].choices = [("", "All regions")] + [
        (r.pk, r.name) for r in Region.objects.order_by("name")
    ]
    form.fields["status"].choices = [("", "All stages"), *list(AssessmentStatus.choices)]
    form.fields["lateness"].choices = [("", "Any"), *list(selectors.LATENESS.items())]
    return form


def dashboard(request, pk: int):
    found = round_for(request, pk)
    form = _filters(request, found)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    today = timezone.localdate()
    rows = selectors.round_dashboard(
        assessment_round=found,
        today=today,
        block=chosen.get("block"),
        region=chosen.get("region"),
        status=chosen.get("status") or "",
        lateness=chosen.get("lateness") or "",
    )
    counts = {key: sum(1 for r in rows if r.lateness == key) for key in selectors.LATENESS}
    return render(
        request,
        "programme/dashboard.html",
        {
            "round": found,
            "rows": rows,
            "form": form,
            "counts": counts,
            "today": today,
            "lateness_labels": selectors.LATENESS,
            "may_administer": request.user.has_perm("programme.administer"),
        },
    )


def plan_export(request, pk: int, fmt: str):
    found = round_for(request, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404(NOT_FOUND_MESSAGE)
    rows = plan_rows(assessment_round=found)
    if fmt == "csv":
        body, content_type = rows_csv(rows), "text/csv; charset=utf-8"
    else:
        body, content_type = rows_xlsx(rows, title=f"{found.title} plan"), XLSX
    name = f"{found.regime}-{found.year}-plan.{fmt}"
    return HttpResponse(
        body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def plan_upload(request, pk: int):
    """The plan from a spreadsheet, all or nothing: every problem listed, nothing written."""
    found = round_for(request, pk, "programme.administer")
    form = PlanImportForm(posted(request), request.FILES or None)
    problems = []
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        plan = read_plan(upload.name, upload.read())
        try:
            result = plan_import(actor=request.user, assessment_round=found, plan=plan)
        except DataFileError as error:
            problems = error.problems
        else:
            text = IMPORTED if result.changed else UNCHANGED
            messages.success(
                request,
                text.format(
                    councils=result.councils,
                    plans=result.plans_changed,
                    assignments=result.assignments_changed,
                    blocks=result.blocks_changed,
                    added=result.added_to_round,
                ),
            )
            return redirect(reverse("programme:dashboard", kwargs={"pk": found.pk}))
    return render(
        request,
        "programme/plan_upload.html",
        {
            "form": form,
            "round": found,
            "problems": problems,
            "caption": found.title,
            "back_url": reverse("programme:dashboard", kwargs={"pk": found.pk}),
        },
        status=400 if (form.errors or problems) else 200,
    )


def blocks(request, pk: int):
    found = round_for(request, pk)
    may_administer = request.user.has_perm("programme.administer")
    form = BlockForm(posted(request) if may_administer else None)
    if request.method == "POST" and not may_administer:
        raise Http404(NOT_FOUND_MESSAGE)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            block_save,
            actor=request.user,
            assessment_round=found,
            number=data["number"],
            analysis_starts=data["analysis_starts"],
            analysis_ends=data["analysis_ends"],
            reason=data["reason"],
        )
        if done:
            messages.success(request, BLOCK_SAVED.format(number=data["number"]))
            return redirect(reverse("programme:blocks", kwargs={"pk": found.pk}))
    found_blocks = selectors.blocks_of(assessment_round=found)
    return render(
        request,
        "programme/blocks.html",
        {
            "round": found,
            "blocks": found_blocks,
            "form": form if may_administer else None,
        },
        status=400 if form.errors else 200,
    )


def pre_analysis(request, pk: int):
    """The round's pre-analysis checklist (002 §B item 2): each council's items done, with the
    day its analysis starts, so the programme sees who is ready."""
    found = round_for(request, pk)
    return render(
        request,
        "programme/pre_analysis.html",
        {"round": found, "rows": selectors.pre_analysis_progress(assessment_round=found)},
    )
