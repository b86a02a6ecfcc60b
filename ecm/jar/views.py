"""The JAR's pages (issue 9 §1, §2): the reviews, notifying a council, a review with its
timeline, lines of enquiry, team and warnings, and its case tracking: the council's list of
100 by reference, the draw of ten and swaps. The services own the rules; a refusal is 404."""

from datetime import date
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ecm.accounts.inspectorates import inspectorate_choices
from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.core.access import NOT_FOUND_MESSAGE, access_object, require_perm
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.frozen import Since, frozen_page
from ecm.jar import cases as case_rules
from ecm.jar import services
from ecm.jar.forms import (
    CaseListForm,
    ContactForm,
    LineForm,
    NotifyForm,
    QuestionnaireForm,
    SwapForm,
    TeamMemberForm,
)
from ecm.jar.models import CaseDraw, JointAreaReview
from ecm.jar.parts import PARTS
from ecm.jar.selectors import ProgrammeStatus, programme, team_candidates
from ecm.jar.timeline import review_timeline, step_of

NOTIFIED = "{council} was notified of its joint area review"
LISTED = "The 100 case files were sent to the lead inspector"
DRAWN = "Ten cases to track were drawn, stratified by category"
SWAPPED = "The case was swapped; the reason is in the audit trail"
CARRIED = "The line of enquiry was carried into the review, saying where it came from"
MEMBER_ADDED = "{name} was added to the team"
CASES_DRAWN = (
    'The list can no longer change once the cases to track are drawn from it (001 "Case '
    'tracking"): ask the lead inspector to swap a case, with a reason, instead.'
)


def _review(request, pk: int, perm: str = "jar.read") -> JointAreaReview:
    return access_object(
        request.user, JointAreaReview.objects.select_related("council"), perm, pk=pk
    )


def _url(review) -> str:
    return reverse("jar:review", kwargs={"pk": review.pk})


def review_list(request):
    require_perm(request.user, "jar.view_list")
    user = request.user
    reviews = JointAreaReview.objects.select_related("council").order_by("-setup_meeting")
    if not user.has_perm("apa.view_round"):
        reviews = reviews.filter(Q(team__user=user) | Q(council_id=user.council_id or 0))
    return render(
        request,
        "jar/review_list.html",
        {
            "reviews": reviews.distinct(),
            "may_notify": user.has_perm("jar.administer"),
            "may_programme": user.has_perm("jar.view_programme"),
        },
    )


def programme_page(request):
    """Which areas are done, scheduled, not yet scheduled and overdue (issue 24 §2; 003), as
    on a day (`?on=2007-09-01`, today by default)."""
    require_perm(request.user, "jar.view_programme")
    try:
        on = date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = timezone.localdate()
    rows = programme(on)
    counts = {status: sum(1 for r in rows if r.status == status) for status in ProgrammeStatus}
    chosen = request.GET.get("status", "")
    shown = [r for r in rows if r.status == chosen] if chosen in ProgrammeStatus.values else rows
    return render(
        request,
        "jar/programme.html",
        {
            "on": on,
            "rows": shown,
            "counts": [(s, counts[s]) for s in ProgrammeStatus],
            "chosen": chosen,
            "starts": settings.JAR_PROGRAMME_STARTS,
            "ends": settings.JAR_PROGRAMME_ENDS,
            "days": [
                (date(2006, 9, 1), "1 September 2006"),
                (date(2007, 9, 1), "1 September 2007"),
                (settings.JAR_PROGRAMME_ENDS, "the end of the three years"),
            ],
        },
    )


def notify(request):
    require_perm(request.user, "jar.administer")
    form = NotifyForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        made = call_service(
            form,
            services.review_notify,
            actor=request.user,
            council=data["council"],
            notified_on=data["notified_on"],
            setup_meeting=data["setup_meeting"],
            analysis_starts=data["analysis_starts"],
            fieldwork_starts=data["fieldwork_starts"],
        )
        if made:
            messages.success(request, NOTIFIED.format(council=made.council.name))
            return redirect(_url(made))
    context = {"form": form, "back_url": reverse("jar:list")}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def review(request, pk: int):
    found = _review(request, pk)
    user = request.user
    steps = review_timeline(found)
    is_council = user.has_perm("jar.list_cases", found)
    may_lead = user.has_perm("jar.lead", found)
    return render(
        request,
        "jar/review.html",
        {
            "review": found,
            "steps": steps,
            "lines": found.lines_of_enquiry.all(),
            "proposals": services.proposed_lines(found) if may_lead else [],
            "team": [
                (m, services.member_inspectorate(m)) for m in found.team.select_related("user")
            ],
            "warnings": [] if is_council else services.setup_warnings(found),
            "listed": found.cases.count(),
            "tracked": found.cases.filter(tracked=True),
            "is_council": is_council,
            "may_administer": user.has_perm("jar.administer"),
            "may_lead": may_lead,
            "inspectorates": inspectorate_choices(),
            "parts": _parts(found, user),
        },
    )


def _parts(review, user) -> list[tuple[str, dict]]:
    """Each part's panel on the review's page (issue 9 §3-§6): its partial template
    `jar/<part>/_on_review.html` and what its selector `review_panel` gives it."""
    return [
        (f"jar/{part}/_on_review.html", import_module(f"ecm.jar.{part}.selectors").review_panel(
            review=review, user=user
        ))
        for part in PARTS
    ]  # fmt: skip


def team_add(request, pk: int):
    """Add an inspector's account to the team: only people whose inspectorate existed for the
    whole review are offered (issue 24 §2-§3); their inspectorate is their account's."""
    found = _review(request, pk, "jar.administer")
    form = TeamMemberForm(posted(request), people=team_candidates(found))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        added = call_service(
            form,
            services.team_member_add,
            actor=request.user,
            review=found,
            user=data["user"],
            is_lead=data["is_lead"],
        )
        if added:
            messages.success(request, MEMBER_ADDED.format(name=added.name))
            return redirect(_url(found))
    context = {"form": form, "caption": str(found), "back_url": _url(found)}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def line_add(request, pk: int):
    found = _review(request, pk, "jar.lead")
    form = LineForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        code = f"line_{found.lines_of_enquiry.count() + 1}"
        if call_service(
            form,
            services.line_of_enquiry_add,
            actor=request.user,
            review=found,
            code=code,
            title=data["title_text"],
            reason=data["reason"],
        ):
            return redirect(_url(found))
    context = {"form": form, "caption": str(found), "back_url": _url(found)}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


@require_POST
def line_carry(request, pk: int):
    """Carry a proposed line (the latest APA's weak area or a hypothesis for JAR fieldwork)
    into the review; the review page lists what is proposed (issue 24 §2; 001)."""
    found = _review(request, pk, "jar.lead")
    try:
        services.line_of_enquiry_carry(
            actor=request.user, review=found, key=request.POST.get("key", "")
        )
    except ValidationError as error:  # the refusal is shown on the review page
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, CARRIED)
    return redirect(_url(found) + "#lines")


def cases_list(request, pk: int):
    """The council sends its 100 case files as CSV (reference, category), all or nothing."""
    found = _review(request, pk, "jar.list_cases")
    drawn = CaseDraw.objects.filter(review=found).select_related("drawn_by").first()
    if drawn is not None:
        # A stale tab or bookmark: the cases were drawn from the list since.
        return frozen_page(
            request,
            what="the ten cases to track",
            happened="were drawn from this list",
            since=Since.of(drawn.drawn_at, drawn.drawn_by),
            why=CASES_DRAWN,
            back_url=_url(found),
            back_text="Go to the review",
            caption=str(found),
            title="The list of case files can no longer be changed",
        )
    form = CaseListForm(posted(request), request.FILES or None)
    problems: list[Problem] = []
    if form.is_bound and form.is_valid():
        lines, unreadable = case_rules.read_case_list(form.cleaned_data["file"].read())
        if unreadable:
            form.add_error("file", unreadable)
        else:
            try:
                done = call_service(
                    form, services.case_files_submit, actor=request.user, review=found,
                    lines=lines, file=form.cleaned_data["file"].name,
                )  # fmt: skip
            except DataFileError as error:
                problems, done = error.problems, None
            if done:
                messages.success(request, LISTED)
                return redirect(_url(found))
    return render(
        request,
        "jar/cases_list.html",
        {
            "form": form,
            "review": found,
            "problems": problems,
            "caption": str(found),
            "back_url": _url(found),
            "due": step_of(found, "cases_due").deadline,
        },
        status=400 if (form.errors or problems) else 200,
    )


@require_POST
def cases_draw(request, pk: int):
    found = _review(request, pk, "jar.lead")
    try:
        services.cases_draw(actor=request.user, review=found)
    except ValidationError as error:  # the refusal is shown on the review page
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DRAWN)
    return redirect(_url(found))


def case_swap(request, pk: int):
    found = _review(request, pk, "jar.lead")
    tracked = list(found.cases.filter(tracked=True))
    untracked = list(found.cases.filter(tracked=False))
    form = SwapForm(posted(request), tracked=tracked, untracked=untracked)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.case_swap,
            actor=request.user,
            review=found,
            out_reference=data["out_reference"],
            in_reference=data["in_reference"],
            reason=data["reason"],
        ):
            messages.success(request, SWAPPED)
            return redirect(_url(found))
    context = {"form": form, "caption": str(found), "back_url": _url(found)}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def tracked_case(request, pk: int, case_pk: int):
    """One tracked case: its consents and questionnaires with what is missing in words; the
    council records them here (001 "Case tracking")."""
    found = _review(request, pk)
    case = get_object_or_404(found.cases.filter(tracked=True), pk=case_pk)
    is_council = request.user.has_perm("jar.list_cases", found)
    # Two small forms on one page, told apart by their prefixes.
    posted_to = {k.split("-", 1)[0] for k in request.POST}
    contact_form = ContactForm(request.POST if "contact" in posted_to else None, prefix="contact")
    questionnaire_form = QuestionnaireForm(
        request.POST if "questionnaire" in posted_to else None, prefix="questionnaire"
    )
    if request.method == "POST" and not is_council:
        raise Http404(NOT_FOUND_MESSAGE)
    here = reverse("jar:case", kwargs={"pk": found.pk, "case_pk": case.pk})
    if contact_form.is_bound and contact_form.is_valid():
        data = contact_form.cleaned_data
        if call_service(
            contact_form, services.case_contact_record, actor=request.user, case=case,
            kind=data["kind"], leaflet_sent_on=data["leaflet_sent_on"],
            consent_sent_on=data["consent_sent_on"],
            consent_returned_on=data["consent_returned_on"], once=once_token(contact_form),
        ):  # fmt: skip
            return redirect(here)
    if questionnaire_form.is_bound and questionnaire_form.is_valid():
        data = questionnaire_form.cleaned_data
        if call_service(
            questionnaire_form, services.questionnaire_send, actor=request.user, case=case,
            agency=data["agency"], lead_professional=data["lead_professional"],
            sent_on=data["sent_on"], once=once_token(questionnaire_form),
        ):  # fmt: skip
            return redirect(here)
    for form in (contact_form, questionnaire_form):
        already = already_done_redirect(request, form, here)
        if already:
            return already
    bound = contact_form.is_bound or questionnaire_form.is_bound
    return render(
        request,
        "jar/case.html",
        {
            "review": found,
            "case": case,
            "gaps": services.case_gaps_of(case, timezone.localdate()),
            "contacts": case.contacts.all(),
            "questionnaires": case.questionnaires.all(),
            "is_council": is_council,
            "contact_form": contact_form,
            "questionnaire_form": questionnaire_form,
        },
        status=400 if bound else 200,
    )
