"""Pages of the full inspection of safeguarding and looked after children (issue 10 §4; 004):
the programme of every council's next inspection, notifying a council, the inspection with
its notification and documents requested, the visit, and the report as a printable page and
as a PDF or DOCX. The judging pages are in views_judging.py. The services own the rules; a
refused object is a 404, as a missing one. The council reads the judgements and the report
(page and documents) only once published. An edit page opened again once the report is
published says when and by whom (issue 20 §3)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.authorities.models import Council
from ecm.caa.safeguarding import documents, selectors, services, services_evidence
from ecm.caa.safeguarding.forms import EvidenceForm, NotifyForm, VisitForm
from ecm.caa.safeguarding.framework import safeguarding_framework
from ecm.caa.safeguarding.models import FullInspection
from ecm.caa.safeguarding.services import earliest_first_day
from ecm.caa.safeguarding.services_report import missing_judgements, publication_deadline
from ecm.core.access import access_object, require_perm
from ecm.core.documents import document_download
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since, frozen_page

NOTIFIED = "The council was notified of its full inspection"
VISIT_SAVED = "The days on site were saved"
EVIDENCE_SAVED = "The evidence was recorded"
PUBLISHED_STANDS = (
    "The council reads the published report and its judgements: the inspection, its visit, "
    "judgements and recommendations no longer change (004)."
)


def council_of(request, la_number: str) -> Council:
    return access_object(request.user, Council, "caa.read_council", la_number=la_number)


def inspection_of(request, la_number: str, pk: int, perm: str) -> FullInspection:
    """The council's inspection if the user holds `perm` on it; otherwise 404."""
    council = council_of(request, la_number)
    queryset = FullInspection.objects.filter(council=council).select_related(
        "council", "lead_inspector", "notified_by", "published_by"
    )
    return access_object(request.user, queryset, perm, pk=pk)


def published_page(request, found: FullInspection):
    """An edit page of the inspection once its report is published; None before."""
    if not found.is_published:
        return None
    return frozen_page(
        request,
        what="the report of this inspection",
        happened="was published",
        since=Since.of(found.published_on, found.published_by),
        why=PUBLISHED_STANDS,
        back_url=selectors.inspection_url(found),
        back_text="Go to the inspection",
        caption=f"{found.council.name}: full inspection of safeguarding and looked after children",
        title="This inspection can no longer be changed",
    )


def form_page(request, form, inspection_or_council, *, intro="", back=None, caption=""):
    council = getattr(inspection_or_council, "council", inspection_or_council)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": caption
            or f"{council.name}: full inspection of safeguarding and looked after children",
            "intro": intro,
            "back_url": back,
        },
        status=400 if form.errors else 200,
    )


def programme(request):
    require_perm(request.user, "caa.safeguarding_programme")
    framework = safeguarding_framework()
    return render(
        request,
        "caa/safeguarding/programme.html",
        {"schedules": selectors.programme(), "framework": framework},
    )


def notify(request, la_number: str):
    council = council_of(request, la_number)
    require_perm(request.user, "caa.safeguarding_notify")
    form = NotifyForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        inspection = call_service(
            form,
            services.inspection_notify,
            actor=request.user,
            council=council,
            notified_on=data["notified_on"],
            days_on_site=form.days(),
            lead_inspector=data["lead_inspector"],
            team=list(data["team"]),
            documents=data["documents"],
            documents_due_on=data["documents_due_on"],
        )
        if inspection:
            messages.success(request, NOTIFIED)
            return redirect(selectors.inspection_url(inspection))
    schedule = selectors.schedule_for(council=council)
    intro = (
        f"Next inspection due by {schedule['due_on']:%-d %B %Y}: {schedule['deciding']['why']}. "
        "The inspection carries two weeks' notice and at most five days on site (004), "
        "counted day by day. The lead and team offered are those whose inspectorate existed on "
        "the first day on site (today's, until a first day is entered)."
    )
    back = reverse("caa:council", kwargs={"la_number": council.la_number})
    return form_page(request, form, council, intro=intro, back=back)


def inspection(request, la_number: str, pk: int):
    found = inspection_of(request, la_number, pk, "caa.safeguarding_read")
    user = request.user
    findings = user.has_perm("caa.safeguarding_read_findings", found)
    framework = safeguarding_framework(found.framework_version)
    may_inspect = user.has_perm("caa.safeguarding_inspect", found) and not found.is_published
    return render(
        request,
        "caa/safeguarding/inspection.html",
        {
            "council": found.council,
            "inspection": found,
            "team": list(found.team.all()),
            "documents": selectors.documents_of(found),
            "deadline": publication_deadline(found),
            "earliest_first_day": earliest_first_day(found.notified_on, framework),
            "framework": framework,
            "team_rows": selectors.team_of(found),
            "team_warning": selectors.team_warning(found),
            "sections": selectors.sections_of(found) if findings else [],
            "shows_findings": findings,
            "evidence": services_evidence.evidence_rows(found) if findings else [],
            "coverage": services_evidence.coverage(found) if findings else {},
            "children_warning": services_evidence.children_warning(found) if may_inspect else "",
            "missing": missing_judgements(found) if findings and not found.is_published else [],
            "uncited": services_evidence.uncited_judgements(found) if may_inspect else [],
            "may_inspect": may_inspect,
            "may_publish": user.has_perm("caa.safeguarding_publish", found)
            and not found.is_published,
        },
    )


def visit(request, la_number: str, pk: int):
    found = inspection_of(request, la_number, pk, "caa.safeguarding_inspect")
    published = published_page(request, found)
    if published:
        return published
    initial = {"lock_version": found.lock_version}
    for n, day in enumerate(found.on_site, start=1):
        initial["first_day_on_site" if n == 1 else f"day_{n}"] = day
    form = VisitForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services.inspection_record_visit,
            actor=request.user,
            inspection=found,
            days_on_site=form.days(),
            expected_lock_version=data["lock_version"] or 0,
        )
        if done:
            messages.success(request, VISIT_SAVED)
            return redirect(selectors.inspection_url(found))
    framework = safeguarding_framework(found.framework_version)
    intro = (
        f"Notified on {found.notified_on:%-d %B %Y}, so the first day on site is on or after "
        f"{earliest_first_day(found.notified_on, framework):%-d %B %Y} (two weeks' notice), "
        f"and the inspectors are on site for no more than {framework.max_days_on_site} days "
        "(004), counted day by day: enter only the days they were on site."
    )
    return form_page(request, form, found, intro=intro, back=selectors.inspection_url(found))


def evidence_add(request, la_number: str, pk: int):
    """Record a piece of evidence (issue 24 §3): its kind, the points of the quality of
    practice, whose views, what was found; a survey's results cite the questionnaire."""
    found = inspection_of(request, la_number, pk, "caa.safeguarding_inspect")
    published = published_page(request, found)
    if published:
        return published
    surveys = services_evidence.surveys_to_cite(found)
    form = EvidenceForm(posted(request), surveys=surveys)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services_evidence.evidence_add,
            actor=request.user,
            inspection=found,
            kind=data["kind"],
            practice_points=data["practice_points"],
            views_of=data["views_of"],
            summary=data["summary"],
            reference=data["reference"],
            survey=data.get("survey"),
        )
        if done:
            messages.success(request, EVIDENCE_SAVED)
            return redirect(selectors.inspection_url(found) + "#evidence")
    intro = (
        "Evidence as the inspectors gather it, which the judgements cite and the report shows. "
        + (services_evidence.children_warning(found) or "")
    )
    return form_page(request, form, found, intro=intro, back=selectors.inspection_url(found))


def report(request, la_number: str, pk: int):
    found = inspection_of(request, la_number, pk, "caa.safeguarding_read_findings")
    return render(
        request,
        "caa/safeguarding/report.html",
        {
            "council": found.council,
            "inspection": found,
            "sections": selectors.sections_of(found),
            "deadline": publication_deadline(found),
            "team_rows": selectors.team_of(found),
        },
    )


def report_document(request, la_number: str, pk: int, fmt: str):
    """The report as a PDF or DOCX, to whoever may read its printable page (the same access)."""
    found = inspection_of(request, la_number, pk, "caa.safeguarding_read_findings")
    return document_download(
        request,
        fmt,
        name=f"safeguarding-report-{found.council.la_number}-{found.first_day_on_site:%Y-%m}",
        context=documents.report_context(inspection=found),
        docx=documents.report_docx,
        pdf=documents.report_pdf,
    )
