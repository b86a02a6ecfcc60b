"""Pages of the full inspection's findings (issue 10 §4; 004): judging each section, adding
recommendations, and publishing the report (check your answers, then confirm). The services
own the rules; a refused object is a 404, as a missing one. Once the report is published, these
pages say when and by whom (issue 20 §3)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.text import Truncator

from ecm.caa.safeguarding import selectors, services_evidence, services_report
from ecm.caa.safeguarding.forms import JudgementsForm, PublishForm, RecommendationForm
from ecm.caa.safeguarding.framework import safeguarding_framework
from ecm.caa.safeguarding.views import form_page, inspection_of, published_page
from ecm.core.access import refuse_unless
from ecm.core.forms import call_service, posted

JUDGED = "The judgements of {section} were saved"
NO_EVIDENCE_YET = (
    "No evidence is recorded yet: record it from the inspection's page, then cite it here."
)


def evidence_choices(inspection) -> list[tuple[int, str]]:
    """The inspection's evidence records as a judgement's choices: kind, then what was found."""
    kinds = {
        k.code: k.title for k in safeguarding_framework(inspection.framework_version).evidence_kinds
    }
    return [
        (r.pk, f"{kinds.get(r.kind, r.kind)}: {Truncator(r.summary).chars(120)}")
        for r in inspection.evidence.all()
    ]


RECOMMENDED = "The recommendation was added"
PUBLISHED = "The report was published: the council can now read its judgements"
CONFIRM = "confirm"
CHANGE = "change"


def judgements(request, la_number: str, pk: int, section: str):
    found = inspection_of(request, la_number, pk, "caa.safeguarding_inspect")
    the_section = safeguarding_framework(found.framework_version).section(section)
    refuse_unless(the_section)
    published = published_page(request, found)
    if published:
        return published
    made = {j.code: j for j in found.judgements.filter(section=section)}
    initial = {
        "lock_version": found.lock_version,
        "findings": getattr(found, f"{section}_findings"),
    }
    for code, judgement in made.items():
        initial |= {
            f"grade_{code}": judgement.grade,
            f"rationale_{code}": judgement.rationale,
            f"evidence_{code}": [e.pk for e in judgement.evidence.all()],
        }
    form = JudgementsForm(
        posted(request), initial=initial, section=the_section, records=evidence_choices(found)
    )
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            services_report.inspection_judge_section,
            actor=request.user,
            inspection=found,
            section=section,
            grades=form.grades(),
            rationales=form.rationales(),
            findings=form.cleaned_data["findings"],
            evidence=form.evidence(),
            expected_lock_version=form.cleaned_data["lock_version"] or 0,
        )
        if done:
            messages.success(request, JUDGED.format(section=the_section.title.lower()))
            return redirect(selectors.inspection_url(found))
    if not found.visit_recorded:
        intro = services_report.NOT_VISITED
    else:
        intro = (
            "Each judgement on the four-point scale (004), with its rationale and the evidence "
            "it cites. The council sees none of them until the report is published."
        )
        if not form.records:
            intro += " " + NO_EVIDENCE_YET
        # 004: "Inspectors will always talk to children and young people": warned, not refused.
        warning = services_evidence.children_warning(found)
        if warning:
            messages.warning(request, warning)
    return form_page(request, form, found, intro=intro, back=selectors.inspection_url(found))


def recommendation_add(request, la_number: str, pk: int):
    found = inspection_of(request, la_number, pk, "caa.safeguarding_inspect")
    published = published_page(request, found)
    if published:
        return published
    form = RecommendationForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services_report.recommendation_add,
            actor=request.user,
            inspection=found,
            section=data["section"],
            text=data["text"],
            timescale=data["timescale"],
        )
        if done:
            messages.success(request, RECOMMENDED)
            return redirect(selectors.inspection_url(found))
    intro = (
        "004: when evaluating overall effectiveness, recommendations for action will be "
        "included in each section."
    )
    return form_page(request, form, found, intro=intro, back=selectors.inspection_url(found))


def publish(request, la_number: str, pk: int):
    """Publish the report: first the date (and the reason for lateness, if late), then check
    the answers, with both sections' judgements and recommendations, and confirm."""
    found = inspection_of(request, la_number, pk, "caa.safeguarding_publish")
    published = published_page(request, found)
    if published:
        return published
    action = request.POST.get("action", "") if request.method == "POST" else ""
    # Back from checking (CHANGE), the form is shown again filled in, and nothing is published.
    form = PublishForm(posted(request), initial={"lock_version": found.lock_version})
    deadline = services_report.publication_deadline(found)
    if action != CHANGE and form.is_bound and form.is_valid():
        data = form.cleaned_data
        if action == CONFIRM:
            done = call_service(
                form,
                services_report.inspection_publish,
                actor=request.user,
                inspection=found,
                published_on=data["published_on"],
                late_reason=data["late_reason"],
                expected_lock_version=data["lock_version"] or 0,
            )
            if done:
                messages.success(request, PUBLISHED)
                return redirect(selectors.inspection_url(found, "safeguarding-report"))
        else:
            return render(
                request,
                "caa/safeguarding/publish_check.html",
                {
                    "council": found.council,
                    "inspection": found,
                    "sections": selectors.sections_of(found),
                    "deadline": deadline,
                    "data": data,
                    "late": bool(data["published_on"]) and data["published_on"] > deadline.date,
                    "missing": services_report.missing_judgements(found),
                    "without": services_report.missing_recommendations(found),
                    "posted": request.POST,
                },
            )
    intro = (
        f"The report is due by {deadline.date:%A %-d %B %Y} ({deadline.rule}, "
        f"{deadline.calendar}; {deadline.source}). You check both sections before publishing."
    )
    return form_page(request, form, found, intro=intro, back=selectors.inspection_url(found))
