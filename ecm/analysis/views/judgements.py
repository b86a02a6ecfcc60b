"""Steps 2-4 of the evidence notebook (002 §F), the consistency warnings (002 §E), the signatures
and the notebook's export (issue 5 §5-§7)."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ecm.analysis import exports, exports_docx, selectors
from ecm.analysis.challenge import challenge
from ecm.analysis.content import AREA_SUMMARY, OVERALL_SUMMARY, SUMMATIVE, OverallStrand, Strand
from ecm.analysis.forms import StrandsForm, SummativeForm, strand_initial, strand_values
from ecm.analysis.services import judgements as services
from ecm.analysis.views.common import WORK, assessment_for, page_context, url
from ecm.analysis.warnings import OVERALL_CODES, notebook_warnings
from ecm.core.access import NOT_FOUND_MESSAGE, refuse_unless
from ecm.core.documents import document_response
from ecm.core.forms import call_service
from ecm.framework.models import AreaKind, Outcome


def _grade(content: dict | None, strand: str) -> int | None:
    return ((content or {}).get(strand) or {}).get("grade")


def _entry_choices(entries) -> list[tuple[str, str]]:
    return [(str(e.pk), f"E{e.pk} {e.current.content['finding'][:100]}") for e in entries]


def step2(request, pk: int, code: str):
    """Step 2 for one outcome or service management (002 §F step 2)."""
    assessment = assessment_for(request, pk)
    outcome = Outcome.objects.filter(
        version=assessment.round.framework_version,
        code=code,
        kind__in=[AreaKind.OUTCOME, AreaKind.SERVICE_MANAGEMENT],
    ).first()
    refuse_unless(outcome is not None)
    summary = selectors.area_summaries(assessment=assessment).get(outcome.pk)
    content = summary.current.content if summary else None
    entries = list(selectors.entries_shared(assessment=assessment).filter(outcome=outcome))
    form = None
    if assessment.can_work:
        initial = {
            **strand_initial(content, Strand.values),
            "moderation": (content or {}).get("moderation", ""),
        }
        initial["shown"] = summary.current.number if summary else None
        form = StrandsForm(
            request.POST or None,
            initial=initial,
            strands=Strand.choices,
            entries=_entry_choices(entries),
            text_label="key points",
            closing=(
                "moderation",
                "Findings from moderation and quality assurance that could change these",
            ),
            revising=summary is not None,
        )
        form.title = f"Step 2: {outcome.title}"
    if request.method == "POST":
        refuse_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data

            def save():
                services.area_summary_save(
                    assessment=assessment,
                    outcome=outcome,
                    actor=request.user,
                    shown=data["shown"],
                    strands=strand_values(data, Strand.values),
                    moderation=data["moderation"],
                    reason=data.get("reason", ""),
                )

            if call_service(form, save):
                messages.success(request, f"The summary of {outcome.title} was saved")
                return redirect(url("notebook", assessment))
    context = page_context(
        assessment,
        "notebook",
        outcome=outcome,
        summary=summary,
        content=content,
        form=form,
        subject=AREA_SUMMARY,
        strand_rows=[(label, (content or {}).get(v) or {}) for v, label in Strand.choices],
        closing=("Moderation and quality assurance", (content or {}).get("moderation", "")),
        challenge=challenge(grade=None, area=True),
    )
    return render(request, "analysis/step2.html", context)


def step3(request, pk: int):
    """Step 3: the overall summary with indicative grades and the key trail (002 §F step 3)."""
    assessment = assessment_for(request, pk)
    summary = selectors.overall_summary(assessment=assessment)
    content = summary.current.content if summary else None
    form = None
    if assessment.can_work:
        initial = {
            **strand_initial(content, OverallStrand.values),
            "trail": (content or {}).get("trail", ""),
        }
        initial["shown"] = summary.current.number if summary else None
        form = StrandsForm(
            request.POST or None,
            initial=initial,
            strands=OverallStrand.choices,
            entries=_entry_choices(selectors.entries_shared(assessment=assessment)),
            text_label="main issues",
            closing=("trail", "The key trail of evidence that led to these judgements"),
            revising=summary is not None,
        )
        form.title = "Step 3: overall summary"
    if request.method == "POST":
        refuse_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data

            def save():
                services.overall_summary_save(
                    assessment=assessment,
                    actor=request.user,
                    shown=data["shown"],
                    strands=strand_values(data, OverallStrand.values),
                    trail=data["trail"],
                    reason=data.get("reason", ""),
                )

            if call_service(form, save):
                messages.success(request, "The overall summary was saved")
                return redirect(url("step4", assessment))
    judgements = selectors.required_judgements(assessment)
    context = page_context(
        assessment,
        "step3",
        summary=summary,
        content=content,
        form=form,
        subject=OVERALL_SUMMARY,
        strand_rows=[(label, (content or {}).get(v) or {}) for v, label in OverallStrand.choices],
        closing=("Key trail of evidence", (content or {}).get("trail", "")),
        warnings=notebook_warnings(assessment=assessment, judgements=judgements),
        challenge=challenge(grade=_grade(content, OverallStrand.CHILDREN_SERVICES)),
    )
    return render(request, "analysis/step3.html", context)


def step4(request, pk: int):
    """Step 4: the judgements the round's set requires, the warnings, and the signatures."""
    assessment = assessment_for(request, pk)
    judgements = selectors.required_judgements(assessment)
    saved = selectors.summative_judgements(assessment=assessment)
    rows = []
    for judgement in judgements:
        found = saved.get(judgement.pk)
        content = found.current.content if found else {}
        grade = next(
            (g for g in judgement.scale.grades.all() if g.value == content.get("grade")), None
        )
        rows.append({"judgement": judgement, "saved": found, "content": content, "grade": grade})
    overall = next(
        (r["content"].get("grade") for r in rows if r["judgement"].code in OVERALL_CODES), None
    )
    if overall is None:
        step3 = selectors.overall_summary(assessment=assessment)
        overall = _grade(step3.current.content if step3 else None, OverallStrand.CHILDREN_SERVICES)
    every = selectors.signatures(assessment=assessment, standing=False)
    standing = [s for s in every if s.cleared_at is None]
    signed_by_me = any(s.signed_by_id == request.user.pk for s in standing)
    context = page_context(
        assessment,
        "step4",
        rows=rows,
        signatures=standing,
        cleared=[s for s in every if s.cleared_at is not None],
        agreed=len(standing) >= 2,
        can_sign=assessment.can_work and not signed_by_me,
        warnings=notebook_warnings(assessment=assessment, judgements=judgements),
        subject=SUMMATIVE,
        challenge=challenge(grade=overall),
    )
    return render(request, "analysis/step4.html", context)


def step4_judgement(request, pk: int, code: str):
    assessment = assessment_for(request, pk, WORK)
    judgement = next((j for j in selectors.required_judgements(assessment) if j.code == code), None)
    refuse_unless(judgement is not None)
    saved = selectors.summative_judgements(assessment=assessment).get(judgement.pk)
    content = saved.current.content if saved else {}
    entries = selectors.entries_shared(assessment=assessment)
    if judgement.outcome is not None and judgement.outcome.kind == AreaKind.OUTCOME:
        entries = entries.filter(outcome=judgement.outcome)
    initial = {
        "grade": "" if content.get("grade") is None else str(content["grade"]),
        "rationale": content.get("rationale", ""),
        "entries": [str(e) for e in content.get("entries", [])],
        "shown": saved.current.number if saved else None,
    }
    form = SummativeForm(
        request.POST or None,
        initial=initial,
        grades=list(judgement.scale.grades.all()),
        entries=_entry_choices(entries),
        revising=saved is not None,
    )
    form.title = judgement.title
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.summative_save(
                assessment=assessment,
                judgement=judgement,
                actor=request.user,
                shown=data["shown"],
                grade=int(data["grade"]) if data["grade"] else None,
                rationale=data["rationale"],
                entries=[int(e) for e in data["entries"]],
                reason=data.get("reason", ""),
            )

        if call_service(form, save):
            messages.success(request, "The judgement was saved")
            return redirect(url("step4", assessment))
    context = page_context(
        assessment,
        "step4",
        form=form,
        caption=f"{assessment.council.name} · Step 4 · summative judgements",
        back_url=url("step4", assessment),
        intro=(
            "Agree it from the indicative judgements of Steps 2 and 3 (the handbook, section F, "
            "step 4)."
        ),
        challenge=challenge(
            grade=content.get("grade") if judgement.code in OVERALL_CODES else None
        ),
    )
    return render(request, "analysis/step4_judgement.html", context)


@require_POST
def sign(request, pk: int):
    assessment = assessment_for(request, pk, WORK)
    try:
        services.summative_sign(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You signed the summative judgements")
    return redirect(url("step4", assessment))


def export(request, pk: int, steps: str, fmt: str):
    """The notebook as a document: Steps 1-4, or Steps 2-4 for moderation (issue 5 §7)."""
    assessment = assessment_for(request, pk)
    if steps not in ("1-4", "2-4") or fmt not in ("pdf", "docx"):
        raise Http404(NOT_FOUND_MESSAGE)
    name = f"evidence-notebook-{assessment.council.la_number}-steps-{steps}"
    base_url = request.build_absolute_uri("/")
    # Either from the cache or the task queue (issue 25 §3; decisions 0051 and 0054).
    return document_response(
        request,
        fmt,
        name=name,
        pdf=lambda: exports.notebook_pdf(assessment=assessment, steps=steps, base_url=base_url),
        docx=partial(exports_docx.notebook_docx, assessment=assessment, steps=steps),
    )
