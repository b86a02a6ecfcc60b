"""Performance pages: a council's profile, an indicator across councils, downloads, imports."""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ecm.authorities.models import Council
from ecm.core.access import NOT_FOUND_MESSAGE, access_object, require_perm
from ecm.core.spreadsheets import spreadsheet_safe
from ecm.performance import selectors
from ecm.performance.charts import Line, absent_years, axis_unit, column_chart, line_chart
from ecm.performance.forms import DataImportForm
from ecm.performance.models import DataImport, ImportStatus, Indicator, ValueType
from ecm.performance.neighbours_used import import_neighbour_offer, profile_neighbours
from ecm.performance.presentation import (
    RECORD_FIELDS,
    comparison_finding,
    indicator_text,
    profile_groups_written,
    profile_records,
)
from ecm.performance.services import data_import_start, data_imports_lost_settle

VIEW_INDICATORS = "performance.view_indicators"
VIEW_PROFILE = "performance.view_profile"
IMPORT_DATA = "performance.import_data"
MANAGE_NEIGHBOURS = "authorities.manage_neighbours"
DOWNLOAD_FORMATS = ("csv", "xlsx")


def _council(request, la_number: str) -> Council:
    return access_object(
        request.user, Council.objects.select_related("region"), VIEW_PROFILE, la_number=la_number
    )


def _year(request, years: list[int]) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0] if years else None
    return year if year in years else (years[0] if years else None)


def index(request):
    """Indicators under the outcomes, and the councils whose profiles an inspector can open."""
    require_perm(request.user, VIEW_INDICATORS)
    chosen = request.GET.get("council", "")
    if chosen and Council.objects.filter(la_number=chosen).exists():
        return redirect("performance:profile", la_number=chosen)
    return render(
        request,
        "performance/index.html",
        {
            "groups": selectors.indicators_by_outcome(),
            "councils": Council.objects.filter(abolished_on__isnull=True).order_by("name"),
            "can_import": request.user.has_perm(IMPORT_DATA),
        },
    )


def profile(request, la_number: str):
    """A council's profile under the five outcomes and service management (issue 3 §5)."""
    council = _council(request, la_number)
    years = selectors.profile_years(council=council)
    year = _year(request, years)
    groups = profile_groups_written(
        selectors.profile_groups(council=council, year=year), council=council
    )
    # Which neighbour model the comparisons used, and a warning when real figures were
    # compared with the demo's invented neighbours (issue 22 §5; decision 0040).
    shown_indicators = [c.indicator_id for group in groups for c in group.comparisons]
    return render(
        request,
        "performance/profile.html",
        {
            "council": council,
            "groups": groups,
            "years": years,
            "year": year,
            "can_view_indicators": request.user.has_perm(VIEW_INDICATORS),
            "neighbours": profile_neighbours(council=council, indicator_ids=shown_indicators),
            "can_manage_neighbours": request.user.has_perm(MANAGE_NEIGHBOURS),
        },
    )


def profile_download(request, la_number: str, fmt: str):
    council = _council(request, la_number)
    if fmt not in DOWNLOAD_FORMATS:
        return render(request, "404.html", {"message": NOT_FOUND_MESSAGE}, status=404)
    years = selectors.profile_years(council=council)
    year = _year(request, years)
    records = profile_records(selectors.profile_comparisons(council=council, year=year))
    name = f"profile-{council.la_number}-{year or 'latest'}"
    return _download(records, RECORD_FIELDS, name, fmt)


def council_indicator(request, la_number: str, code: str):
    """One council's time series for one indicator, beside England and its neighbours."""
    council = _council(request, la_number)
    indicator = get_object_or_404(Indicator, code=code)
    series = selectors.indicator_series(indicator=indicator, council=council)
    for comparison in series:
        comparison.finding = comparison_finding(comparison)
    labels = [c.period for c in series]
    percentage = indicator.value_type == ValueType.PERCENTAGE
    chart = line_chart(
        title=f"{indicator.title}: {council.name}, England and statistical neighbours",
        description=f"Line chart over {len(series)} periods; the table below gives the figures.",
        labels=labels,
        lines=[
            Line(council.name, [c.value for c in series]),
            Line("England", [c.england for c in series]),
            Line("Neighbours' mean", [c.neighbours_mean for c in series]),
        ],
        unit=axis_unit(unit=indicator.unit, percentage=percentage),
        percentage=percentage,
        years=[c.end_year for c in series],
        chart_id="series",
    )
    return render(
        request,
        "performance/council_indicator.html",
        {
            "council": council,
            "indicator": indicator,
            "series": series,
            "latest": series[-1] if series else None,
            "chart": chart,
            "unpublished_years": absent_years([c.end_year for c in series]),
            "can_view_indicators": request.user.has_perm(VIEW_INDICATORS),
        },
    )


def indicator_detail(request, code: str):
    """Every council's figure for one indicator and period (inspectorate only)."""
    require_perm(request.user, VIEW_INDICATORS)
    indicator = get_object_or_404(Indicator, code=code)
    periods, period, rows = _period_rows(request, indicator)
    chosen = request.GET.get("council", "")
    england = next((r.england for r in rows if r.england is not None), None)
    ordered = sorted(rows, key=lambda r: (r.value is None, r.value or 0))
    percentage = indicator.value_type == ValueType.PERCENTAGE
    chart = column_chart(
        title=f"{indicator.title}, {period}: every council",
        description=f"Column chart of {len(rows)} councils from lowest to highest value; "
        "the table below gives the figures.",
        bars=[(r.council.name, r.value, r.council.la_number == chosen) for r in ordered],
        reference=("England", england) if england is not None else None,
        unit=axis_unit(unit=indicator.unit, percentage=percentage),
        percentage=percentage,
    )
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "indicator": indicator,
            "periods": periods,
            "period": period,
            "rows": rows,
            "england": england,
            "chart": chart,
            "text": indicator_text(indicator),
        },
    )


def _period_rows(request, indicator: Indicator):
    """The indicator's periods, the one asked for (else the latest), and every council's row."""
    periods = selectors.indicator_periods(indicator=indicator)
    asked = request.GET.get("period")
    period = asked if asked in periods else (periods[0] if periods else None)
    rows = selectors.indicator_all_councils(indicator=indicator, period=period) if period else []
    return periods, period, rows


def indicator_download(request, code: str, fmt: str):
    require_perm(request.user, VIEW_INDICATORS)
    indicator = get_object_or_404(Indicator, code=code)
    if fmt not in DOWNLOAD_FORMATS:
        return render(request, "404.html", {"message": NOT_FOUND_MESSAGE}, status=404)
    _periods, period, rows = _period_rows(request, indicator)
    return _download(profile_records(rows), RECORD_FIELDS, f"{indicator.code}-{period}", fmt)


def _download(records: list[dict], fields: list[str], name: str, fmt: str) -> HttpResponse:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        for record in records:
            writer.writerow({k: spreadsheet_safe(v) for k, v in record.items()})
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        # openpyxl when a workbook is asked for, not when the URLconf imports this module
        # (issue 25 §2: django.setup() and every command stay without it).
        from openpyxl import Workbook  # noqa: PLC0415 - see above

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Profile")
        sheet.append(fields)
        for record in records:
            sheet.append([spreadsheet_safe(record[f]) for f in fields])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response


def import_list(request):
    require_perm(request.user, IMPORT_DATA)
    data_imports_lost_settle()
    return render(
        request, "performance/import_list.html", {"imports": selectors.data_imports()[:100]}
    )


def import_add(request):
    require_perm(request.user, IMPORT_DATA)
    form = DataImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = form.project_mapping
        data_import = data_import_start(
            actor=request.user,
            file_format=data["file_format"],
            data_file=data["data_file"],
            companion_file=data.get("companion_file"),
            companion_path=chosen.path if chosen else None,
            beside=[data["denominator_file"]] if data.get("denominator_file") else [],
            options=form.options,
        )
        if getattr(data_import, "already_imported", False):
            messages.info(request, data_import.already_message)
        return redirect(reverse("performance:import-detail", kwargs={"pk": data_import.pk}))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "back_url": reverse("performance:import-list"),
            "intro": "The whole file is checked first; if any row is wrong, nothing is "
            "imported and every problem is listed with its row and column.",
        },
    )


def import_progress(request, pk: int):
    """The import's phase and counts as JSON, for the detail page's script to ask every 2
    seconds instead of the page reloading itself (issue 22 §6). Same permission as the page."""
    require_perm(request.user, IMPORT_DATA)
    data_imports_lost_settle()
    data_import = get_object_or_404(DataImport, pk=pk)
    running = data_import.status == ImportStatus.RUNNING
    return JsonResponse(
        {
            "status": data_import.status,
            "finished": not running,
            "phase": data_import.stage if running else "",
            "done": data_import.rows_done if running else 0,
            "total": data_import.rows_total if running else 0,
            "unit": data_import.phase_unit,
            "percent": data_import.percent_done if running else 0,
            "phases": data_import.phases if running else [],
            "problems": len(data_import.problems),
        }
    )


def import_detail(request, pk: int):
    require_perm(request.user, IMPORT_DATA)
    data_imports_lost_settle()
    data_import = get_object_or_404(DataImport.objects.select_related("imported_by"), pk=pk)
    return render(
        request,
        "performance/import_detail.html",
        {
            "data_import": data_import,
            "running": data_import.status == ImportStatus.RUNNING,
            "problems": data_import.problems[:500],
            # Issue 22 §5: real figures in, the latest real neighbour model offered.
            "neighbour_offer": import_neighbour_offer(data_import=data_import),
            "can_manage_neighbours": request.user.has_perm(MANAGE_NEIGHBOURS),
        },
    )
