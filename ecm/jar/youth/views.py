"""Pages of the enhanced youth inspection (issue 9 §5; 001 "Enhanced Youth Inspection"): the
youth part's overview, the council's self-assessment with its check-your-answers page and its
activity list for fieldwork week one, the team's observations, and the youth report with its
printable page. The services own the rules; a refused object is a 404. The inspectors' grades
reach the council only once the review's report is published. An edit page opened again after
the self-assessment was submitted or the report finalised says when and by whom (issue 20 §3)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ecm.core.access import access_object
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since, frozen_notice, frozen_page
from ecm.jar.models import JointAreaReview
from ecm.jar.youth import selectors, services
from ecm.jar.youth.forms import (
    ActivityForm,
    FinaliseForm,
    ObservationForm,
    ReportForm,
    SelfAssessmentForm,
    SubmitForm,
)
from ecm.jar.youth.models import AREA_CODES, GRADE_FIELDS, YouthObservation

SAVED = "Your answers are saved. Check them, then submit the self-assessment"
SUBMITTED = "The youth service self-assessment was submitted to the inspectors"
ADDED = "The activity was added to the list for fieldwork week one"
RECORDED = "The observation was recorded ({count} of a block of 16 to 20)"
REPORT_SAVED = "The youth report was saved"
FINALISED = "The youth report was finalised"
SUBMITTED_STANDS = "The inspectors read it as it was submitted: it no longer changes (001)."
FINAL_STANDS = "The report, its grades and its observations no longer change (001)."


def _review(request, pk: int, perm: str = "jar.youth_read") -> JointAreaReview:
    return access_object(
        request.user, JointAreaReview.objects.select_related("council"), perm, pk=pk
    )


def _url(name: str, review, **kwargs) -> str:
    return reverse(f"jar:{name}", kwargs={"pk": review.pk, **kwargs})


def _status(form) -> int:
    return 400 if form.errors else 200


def _submitted(sa) -> dict:
    return {
        "what": "the youth service self-assessment",
        "happened": "was submitted",
        "since": Since.of(sa.submitted_at, sa.submitted_by),
        "why": SUBMITTED_STANDS,
    }


def _finalised(report) -> dict:
    return {
        "what": "the youth report",
        "happened": "was finalised",
        "since": Since.of(report.finalised_at, report.finalised_by),
        "why": FINAL_STANDS,
    }


def _frozen_page(request, found, words: dict, *, back: str):
    return frozen_page(
        request,
        **words,
        back_url=_url(back, found),
        back_text="Go back",
        caption=str(found),
    )


def _report_final(request, found):
    """The youth report's edit pages once it is final."""
    report = selectors.report_of(found)
    if report is None or not report.finalised_at:
        return None
    return _frozen_page(request, found, _finalised(report), back="youth-report")


def overview(request, pk: int):
    found = _review(request, pk)
    user = request.user
    sa = selectors.self_assessment_of(found)
    report = selectors.report_of(found)
    first, last = services.week_one(found)
    return render(
        request,
        "jar/youth/overview.html",
        {
            "review": found,
            "sa": sa,
            "report": report,
            "first": first,
            "last": last,
            "activities": found.youth_activities.all(),
            "observations": found.youth_observations.select_related("activity", "observer"),
            "warning": services.observations_warning(found),
            "see_grades": selectors.may_see_inspectors_grades(user, found),
            "may_write_council": user.has_perm("jar.youth_council_write", found),
            "may_observe": user.has_perm("jar.youth_observe", found),
            "documents": selectors.youth_documents(found, user),
        },
    )


def self_assessment(request, pk: int):
    """The council drafts its self-assessment here; everyone else reads what it submitted."""
    found = _review(request, pk)
    sa = selectors.self_assessment_of(found)
    is_council = request.user.has_perm("jar.youth_council_write", found)
    editable = is_council and not (sa and sa.submitted_at)
    if not editable:
        if is_council and sa and request.method == "POST":
            return _frozen_page(request, found, _submitted(sa), back="youth-self-assessment")
        return render(
            request,
            "jar/youth/self_assessment.html",
            {
                "review": found,
                "sa": sa,
                "shown": bool(
                    sa
                    and (sa.submitted_at or request.user.has_perm("jar.youth_council_write", found))
                ),
                "areas": selectors.graded_rows(sa, "commentary"),
                "outcomes": selectors.outcome_rows(sa),
                "frozen": frozen_notice(**_submitted(sa)) if is_council and sa else None,
            },
        )
    initial = {"lock_version": sa.lock_version if sa else None}
    if sa:
        initial |= {f: getattr(sa, f) for f in services.SELF_ASSESSMENT_FIELDS}
    form = SelfAssessmentForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.youth_self_assessment_save,
            actor=request.user,
            review=found,
            answers={f: data[f] if f in services.SELF_GRADE_FIELDS else data[f] or ""
                     for f in services.SELF_ASSESSMENT_FIELDS},
            expected_lock_version=data["lock_version"],
        ):  # fmt: skip
            messages.success(request, SAVED)
            return redirect(_url("youth-self-assessment-check", found))
    context = {
        "form": form,
        "caption": str(found),
        "back_url": _url("youth", found),
        "intro": (
            "Grade the youth service on achievement, curriculum and resources, and management, "
            "with an evaluative commentary on each, and grade and say how it contributes to "
            'each of the five outcomes (the 2007 briefing on the APA and the JAR, "Enhanced '
            'Youth Inspection"). You can save a draft and come back.'
        ),
    }
    return render(request, "core/form_page.html", context, status=_status(form))


def self_assessment_check(request, pk: int):
    """Check your answers, then submit (001; refused with what is missing)."""
    found = _review(request, pk, "jar.youth_council_write")
    sa = selectors.self_assessment_of(found)
    if sa and sa.submitted_at:
        return _frozen_page(request, found, _submitted(sa), back="youth-self-assessment")
    form = SubmitForm(posted(request))
    if (
        form.is_bound
        and form.is_valid()
        and call_service(
            form, services.youth_self_assessment_submit, actor=request.user, review=found
        )
    ):
        messages.success(request, SUBMITTED)
        return redirect(_url("youth", found))
    return render(
        request,
        "jar/youth/check.html",
        {
            "form": form,
            "review": found,
            "sa": sa,
            "missing": services.self_assessment_missing(sa) if sa else ["every answer"],
            "areas": selectors.graded_rows(sa, "commentary"),
            "outcomes": selectors.outcome_rows(sa),
        },
        status=_status(form),
    )


def activity_add(request, pk: int):
    found = _review(request, pk, "jar.youth_council_write")
    form = ActivityForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.youth_activity_add,
            actor=request.user,
            review=found,
            day=data["day"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue=data["venue"],
            what=data["what"],
            outcomes=data["outcomes"],
            good_practice=data["good_practice"],
        ):
            messages.success(request, ADDED)
            return redirect(_url("youth", found))
    first, last = services.week_one(found)
    context = {
        "form": form,
        "caption": str(found),
        "back_url": _url("youth", found),
        "intro": (
            f"List all the youth service activity from {first:%A %-d %B} to {last:%A %-d %B %Y}"
            ", highlighting work representative of good practice and which outcomes it links "
            "to (001)."
        ),
    }
    return render(request, "core/form_page.html", context, status=_status(form))


def observation_add(request, pk: int):
    found = _review(request, pk, "jar.youth_observe")
    final = _report_final(request, found)
    if final:
        return final
    form = ObservationForm(posted(request), activities=found.youth_activities.all())
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        made = call_service(
            form,
            services.youth_observation_record,
            actor=request.user,
            review=found,
            activity=data["activity"],
            session=data["session"],
            observed_on=data["observed_on"],
            young_people_present=data["young_people_present"],
            grades={c: data[f"{c}_grade"] for c in AREA_CODES},
            notes={c: data[f"{c}_notes"] for c in AREA_CODES},
        )
        if made:
            messages.success(request, RECORDED.format(count=found.youth_observations.count()))
            warning = services.observations_warning(found)
            if warning:
                messages.warning(request, warning)
            return redirect(_url("youth", found))
    context = {
        "form": form,
        "caption": str(found),
        "back_url": _url("youth", found),
        "intro": services.observations_warning(found),
    }
    return render(request, "core/form_page.html", context, status=_status(form))


def observation(request, pk: int, observation_pk: int):
    found = _review(request, pk)
    record = get_object_or_404(
        YouthObservation.objects.select_related("activity", "observer"),
        review=found,
        pk=observation_pk,
    )
    return render(
        request,
        "jar/youth/observation.html",
        {
            "review": found,
            "observation": record,
            "see_grades": selectors.may_see_inspectors_grades(request.user, found),
            "areas": selectors.graded_rows(record, "notes"),
        },
    )


def _report_context(request, found) -> dict:
    report = selectors.report_of(found)
    user = request.user
    is_inspectorate = selectors.may_see_inspectors_grades(user, found) and not user.has_perm(
        "jar.youth_council_write", found
    )
    return {
        "review": found,
        "report": report,
        # The council reads the report once it is final; the inspectorate reads its drafts.
        "shown": bool(report and (report.finalised_at or is_inspectorate)),
        "see_grades": selectors.may_see_inspectors_grades(user, found),
        "areas": selectors.graded_rows(report),
        "observations": found.youth_observations.count(),
        "missing": services.report_missing(report) if report else [],
        "may_finalise": user.has_perm("jar.youth_report_finalise", found),
    }


def report(request, pk: int):
    found = _review(request, pk)
    context = _report_context(request, found)
    current = context["report"]
    form = None
    may_write = request.user.has_perm("jar.youth_report_write", found)
    if may_write and current and current.finalised_at:
        if request.method == "POST":
            return _frozen_page(request, found, _finalised(current), back="youth-report")
        context["frozen"] = frozen_notice(**_finalised(current))
    if may_write and not (current and current.finalised_at):
        initial = {"lock_version": current.lock_version if current else None}
        if current:
            initial |= {f: getattr(current, f) for f in GRADE_FIELDS}
            initial |= {t: getattr(current, t) for t in services.REPORT_TEXTS}
        form = ReportForm(posted(request), initial=initial)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if call_service(
                form,
                services.youth_report_save,
                actor=request.user,
                review=found,
                grades={c: data[f"{c}_grade"] for c in AREA_CODES},
                strengths=data["strengths"],
                weaknesses=data["weaknesses"],
                recommendations=data["recommendations"],
                expected_lock_version=data["lock_version"],
            ):
                messages.success(request, REPORT_SAVED)
                return redirect(_url("youth-report", found))
    context["form"] = form
    return render(request, "jar/youth/report.html", context, status=_status(form) if form else 200)


def report_print(request, pk: int):
    """The youth report as a printable page (the project's print stylesheet)."""
    found = _review(request, pk)
    return render(request, "jar/youth/report_print.html", _report_context(request, found))


def report_finalise(request, pk: int):
    found = _review(request, pk, "jar.youth_report_finalise")
    final = _report_final(request, found)
    if final:
        return final
    form = FinaliseForm(posted(request))
    if (
        form.is_bound
        and form.is_valid()
        and call_service(form, services.youth_report_finalise, actor=request.user, review=found)
    ):
        messages.success(request, FINALISED)
        return redirect(_url("youth-report", found))
    report = selectors.report_of(found)
    return render(
        request,
        "jar/youth/finalise.html",
        {
            "form": form,
            "review": found,
            "missing": services.report_missing(report) if report else ["the report itself"],
        },
        status=_status(form),
    )
