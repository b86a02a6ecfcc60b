"""Step 1 of the evidence notebook and the hypotheses (002 §D, §F)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ecm.analysis import selectors
from ecm.analysis.content import ENTRY
from ecm.analysis.forms import (
    EntryForm,
    EvidenceForm,
    HypothesisForm,
    HypothesisTestForm,
    WithdrawForm,
)
from ecm.analysis.models import Entry, Evidence, EvidenceKind
from ecm.analysis.pack import PackCategory
from ecm.analysis.presentation import (
    content_lines,
    evidence_text,
    sa_part_title,
    words_compared,
)
from ecm.analysis.services import hypotheses as hypothesis_services
from ecm.analysis.services import notebook as services
from ecm.analysis.views.common import (
    WORK,
    assessment_for,
    page_context,
    refuse_unless,
    run_service,
    url,
)
from ecm.framework.models import Outcome


def _outcome(assessment, code: str) -> Outcome:
    outcome = Outcome.objects.filter(version=assessment.round.framework_version, code=code).first()
    refuse_unless(outcome is not None)
    return outcome


def _entry(request, assessment, entry_pk: int) -> Entry:
    """An entry the user may see: shared, or their own (a private one is 404 to others)."""
    entry = (
        selectors.entries_visible(assessment=assessment, user=request.user)
        .filter(pk=entry_pk)
        .first()
    )
    refuse_unless(entry is not None)
    return entry


def overview(request, pk: int):
    """Step 1 across the outcomes, with what is still missing, and the way to Steps 2-4."""
    assessment = assessment_for(request, pk)
    areas = selectors.notebook_view(assessment=assessment, user=request.user)
    private = sum(
        1 for a in areas for e in a.entries if not e.is_shared and e.author_id == request.user.pk
    )
    summaries = selectors.area_summaries(assessment=assessment)
    for area in areas:
        area.summary = summaries.get(area.outcome.pk)
    context = page_context(
        assessment,
        "notebook",
        areas=areas,
        private=private,
        missing=[a.outcome.title for a in areas if a.social_care_missing],
        overall=selectors.overall_summary(assessment=assessment),
    )
    return render(request, "analysis/notebook.html", context)


def _data_findings(assessment, outcome):
    """The council's latest comparisons for this outcome, flagged ones first, each with its
    sentence: where a finding can start (issue 5 §3)."""
    from ecm.performance.presentation import FLAG_TEXT, comparison_finding
    from ecm.performance.selectors import profile_comparisons

    rows = profile_comparisons(council=assessment.council, year=assessment.round.year).filter(
        indicator__outcome=outcome.code
    )
    found = []
    for comparison in rows:
        comparison.sentence = comparison_finding(comparison).text
        comparison.flag_texts = [FLAG_TEXT.get(f, f) for f in comparison.flag_list]
        found.append(comparison)
    return sorted(found, key=lambda c: (not c.flag_texts, c.indicator.code))


def area(request, pk: int, code: str):
    """Step 1 for one outcome: the entries, what is missing, and the data to start from."""
    assessment = assessment_for(request, pk)
    outcome = _outcome(assessment, code)
    (view,) = selectors.notebook_view(assessment=assessment, user=request.user, outcome=outcome)
    key_judgements = {kj.urn: kj for kj in outcome.key_judgements.all()}
    context = page_context(
        assessment,
        "notebook",
        outcome=outcome,
        view=view,
        key_judgements=key_judgements,
        data=_data_findings(assessment, outcome) if assessment.can_work else [],
    )
    return render(request, "analysis/area.html", context)


def _key_judgements(assessment):
    from ecm.framework.models import KeyJudgement

    return (
        KeyJudgement.objects.filter(outcome__version=assessment.round.framework_version)
        .select_related("outcome")
        .order_by("outcome__order", "order")
    )


def entry_add(request, pk: int, code: str):
    assessment = assessment_for(request, pk, WORK)
    outcome = _outcome(assessment, code)
    indicator, initial = None, {}
    if request.GET.get("indicator"):
        from ecm.performance.models import Indicator

        indicator = Indicator.objects.filter(
            pk=request.GET["indicator"], outcome=outcome.code
        ).first()
        refuse_unless(indicator is not None)
        match = [c for c in _data_findings(assessment, outcome) if c.indicator_id == indicator.pk]
        if match:
            initial["finding"] = match[0].sentence
    form = EntryForm(
        request.POST or None, initial=initial, key_judgements=_key_judgements(assessment)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = {}

        def save():
            created["entry"] = services.entry_add(
                assessment=assessment,
                outcome=outcome,
                actor=request.user,
                finding=data["finding"],
                kind=data["kind"],
                key_judgements=data["key_judgements"],
                tags=data["tags"],
                capacity=data["capacity"],
                origin=initial.get("finding", ""),
                indicator=indicator,
            )

        if run_service(form, save):
            messages.success(
                request, "The finding was saved. Only you can see it until you share it"
            )
            return redirect(url("entry", assessment, entry_pk=created["entry"].pk))
    context = page_context(
        assessment,
        "notebook",
        form=form,
        caption=f"{assessment.council.name} · Step 1 · {outcome.title}",
        back_url=url("area", assessment, code=outcome.code),
        intro=(
            f"This finding starts from the indicator {indicator.code}, which is added as its "
            "evidence with its figures as they stand now."
            if indicator
            else "Write one finding and the words that show where the judgement lies; add its "
            "evidence on the next page."
        ),
    )
    return render(request, "core/form_page.html", context)


def entry(request, pk: int, entry_pk: int):
    assessment = assessment_for(request, pk)
    found = _entry(request, assessment, entry_pk)
    evidence = list(
        found.evidence.select_related(
            "indicator",
            "pack_item",
            "sa_document",
            "sa_version__self_assessment",
            "added_by",
            "withdrawn_by",
        )
    )
    for piece in evidence:
        piece.text = evidence_text(piece)
    selectors.entry_labelled(found)
    key_judgements = {kj.urn: kj for kj in _key_judgements(assessment)}
    content = found.current.content
    context = page_context(
        assessment,
        "notebook",
        entry=found,
        content=content,
        key_judgements=[
            key_judgements[u] for u in content["key_judgements"] if u in key_judgements
        ],
        evidence=evidence,
        evidence_kinds=EvidenceKind.choices,
        can_change=assessment.can_work and (found.is_shared or found.author_id == request.user.pk),
        revisions=found.current.number,
    )
    return render(request, "analysis/entry.html", context)


def entry_revise(request, pk: int, entry_pk: int):
    assessment = assessment_for(request, pk, WORK)
    found = _entry(request, assessment, entry_pk)
    content = found.current.content
    initial = {
        "finding": content["finding"],
        "kind": content["kind"],
        "key_judgements": content["key_judgements"],
        "tags": content["tags"],
        "capacity": content["capacity"],
        "shown": found.current.number,
    }
    form = EntryForm(
        request.POST or None,
        initial=initial,
        key_judgements=_key_judgements(assessment),
        revising=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.entry_revise(
                entry=found,
                actor=request.user,
                shown=data["shown"],
                reason=data["reason"],
                finding=data["finding"],
                kind=data["kind"],
                key_judgements=data["key_judgements"],
                tags=data["tags"],
                capacity=data["capacity"],
            )

        if run_service(form, save):
            messages.success(
                request, "The finding was changed; the earlier words are kept in its history"
            )
            return redirect(url("entry", assessment, entry_pk=found.pk))
    context = page_context(
        assessment,
        "notebook",
        form=form,
        caption=f"{assessment.council.name} · Step 1 · Entry E{found.pk}",
        back_url=url("entry", assessment, entry_pk=found.pk),
    )
    return render(request, "core/form_page.html", context)


@require_POST
def entry_share(request, pk: int, entry_pk: int):
    assessment = assessment_for(request, pk, WORK)
    found = _entry(request, assessment, entry_pk)
    try:
        services.entry_share(entry=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The entry is shared with the other inspector")
    return redirect(url("entry", assessment, entry_pk=found.pk))


@require_POST
def share_all(request, pk: int):
    """Day 2 begins: share every private entry at once (002 §D)."""
    assessment = assessment_for(request, pk, WORK)
    count = services.entries_share_all(assessment=assessment, actor=request.user)
    messages.success(
        request, f"{count} entr{'y' if count == 1 else 'ies'} shared with the other inspector"
    )
    return redirect(url("notebook", assessment))


def _evidence_choices(assessment):
    from ecm.performance.selectors import indicators_with_figures
    from ecm.self_assessment.models import EvidenceDocument, Version
    from ecm.self_assessment.template import template_by_urn

    items = list(selectors.pack_items(assessment=assessment))
    documents = [(f"pack:{i.pk}", f"{i.title} ({i.source_type_label})") for i in items]
    documents += [
        (f"sa:{d.pk}", f"{d.title} (the council's)")
        for d in EvidenceDocument.objects.filter(self_assessment__assessment=assessment)
    ]
    version = (
        Version.objects.filter(self_assessment__assessment=assessment, submitted_at__isnull=False)
        .select_related("self_assessment")
        .order_by("-number")
        .first()
    )
    parts = []
    if version is not None:
        template = template_by_urn(version.self_assessment.template_urn)
        for part in template.parts:
            parts.append((part.urn, sa_part_title(template.urn, part.urn)))
            parts += [(s.urn, f"Part {part.letter}: {s.title}") for s in part.sections if s.outcome]
    return {
        "indicators": indicators_with_figures(council=assessment.council),
        "documents": documents,
        "briefings": [i for i in items if i.category == PackCategory.BRIEFING],
        "parts": parts,
        "version": version,
    }


def evidence_add(request, pk: int, entry_pk: int, kind: str):
    """Link evidence to an entry (issue 5 §3): an indicator, a document and page, a part of the
    self-assessment or a briefing."""
    assessment = assessment_for(request, pk, WORK)
    found = _entry(request, assessment, entry_pk)
    refuse_unless(kind in EvidenceKind.values)
    choices = _evidence_choices(assessment)
    version = choices.pop("version")
    form = EvidenceForm(request.POST or None, kind=kind, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = _source(assessment, kind, data, version)

        def save():
            services.evidence_add(
                entry=found, actor=request.user, kind=kind, note=data["note"], **source
            )

        if run_service(form, save):
            messages.success(request, "The evidence was added")
            return redirect(url("entry", assessment, entry_pk=found.pk))
    form.title = f"Add evidence: {EvidenceKind(kind).label.lower()}"
    context = page_context(
        assessment,
        "notebook",
        form=form,
        caption=f"{assessment.council.name} · Entry E{found.pk}",
        back_url=url("entry", assessment, entry_pk=found.pk),
        intro=found.current.content["finding"],
    )
    return render(request, "core/form_page.html", context)


def _source(assessment, kind: str, data: dict, version) -> dict:
    from ecm.analysis.models import PackItem
    from ecm.performance.models import Indicator
    from ecm.self_assessment.models import EvidenceDocument

    if kind == EvidenceKind.INDICATOR:
        return {"indicator": Indicator.objects.filter(pk=data["indicator"]).first()}
    if kind == EvidenceKind.DOCUMENT:
        origin, _, key = data["document"].partition(":")
        if origin == "pack":
            return {
                "pack_item": PackItem.objects.filter(pk=key, assessment=assessment).first(),
                "page": data["page"],
            }
        return {
            "sa_document": EvidenceDocument.objects.filter(
                pk=key, self_assessment__assessment=assessment
            ).first(),
            "page": data["page"],
        }
    if kind == EvidenceKind.BRIEFING:
        return {
            "pack_item": PackItem.objects.filter(
                pk=data["briefing"], assessment=assessment
            ).first(),
            "page": data.get("page", ""),
        }
    return {"sa_version": version, "sa_part": data["sa_part"]}


def evidence_withdraw(request, pk: int, evidence_pk: int):
    assessment = assessment_for(request, pk, WORK)
    evidence = Evidence.objects.filter(pk=evidence_pk, entry__assessment=assessment).first()
    refuse_unless(evidence is not None)
    found = _entry(request, assessment, evidence.entry_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def save():
            services.evidence_withdraw(
                evidence=evidence, actor=request.user, reason=form.cleaned_data["reason"]
            )

        if run_service(form, save):
            messages.success(request, "The evidence was withdrawn; it stays in the entry's history")
            return redirect(url("entry", assessment, entry_pk=found.pk))
    context = page_context(
        assessment,
        "notebook",
        form=form,
        caption=f"{assessment.council.name} · Entry E{found.pk}",
        back_url=url("entry", assessment, entry_pk=found.pk),
    )
    return render(request, "core/form_page.html", context)


def history(request, pk: int, subject: str, subject_id: int):
    """Every revision of an entry, summary or judgement, and any two compared (issue 5 §7)."""
    assessment = assessment_for(request, pk)
    if subject == ENTRY:
        _entry(request, assessment, subject_id)
    revisions = list(
        selectors.revisions_of(subject=subject, subject_id=subject_id).filter(assessment=assessment)
    )
    refuse_unless(bool(revisions))
    numbers = [r.number for r in revisions]
    newer = _number(request.GET.get("b"), numbers, numbers[-1])
    older = _number(request.GET.get("a"), numbers, numbers[-2] if len(numbers) > 1 else numbers[-1])
    a, b = revisions[numbers.index(older)], revisions[numbers.index(newer)]
    old_lines, new_lines = (
        dict(content_lines(subject, a.content)),
        content_lines(subject, b.content),
    )
    compared = [
        (label, words_compared(old_lines.get(label, ""), text)) for label, text in new_lines
    ]
    context = page_context(
        assessment,
        "notebook",
        subject=subject,
        subject_id=subject_id,
        revisions=revisions,
        a=a,
        b=b,
        compared=compared,
    )
    return render(request, "analysis/history.html", context)


def _number(value, numbers: list[int], default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number in numbers else default


def hypotheses(request, pk: int):
    """The hypotheses and where each stands (002 §D; issue 5 §4)."""
    assessment = assessment_for(request, pk)
    outcomes = selectors.notebook_areas(assessment=assessment)
    form = HypothesisForm(request.POST or None, outcomes=outcomes) if assessment.can_work else None
    if request.method == "POST":
        refuse_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data
            outcome = next((o for o in outcomes if str(o.pk) == data["outcome"]), None)

            def save():
                hypothesis_services.hypothesis_raise(
                    assessment=assessment,
                    actor=request.user,
                    statement=data["statement"],
                    raised_from=data["raised_from"],
                    outcome=outcome,
                )

            if run_service(form, save):
                messages.success(request, "The hypothesis was raised")
                return redirect(url("hypotheses", assessment))
    context = page_context(
        assessment,
        "hypotheses",
        form=form,
        hypotheses=selectors.hypotheses_of(assessment=assessment),
    )
    return render(request, "analysis/hypotheses.html", context)


def hypothesis(request, pk: int, hypothesis_pk: int):
    assessment = assessment_for(request, pk)
    found = selectors.hypotheses_of(assessment=assessment).filter(pk=hypothesis_pk).first()
    refuse_unless(found is not None)
    form = None
    if assessment.can_work:
        entries = selectors.entries_shared(assessment=assessment)
        form = HypothesisTestForm(
            request.POST or None,
            entries=entries,
            initial={"status": found.status, "shown": found.lock_version},
        )
    if request.method == "POST":
        refuse_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data
            entry = (
                Entry.objects.filter(pk=data["entry"] or None, assessment=assessment).first()
                if data["entry"]
                else None
            )

            def save():
                hypothesis_services.hypothesis_test(
                    hypothesis=found,
                    actor=request.user,
                    shown=data["shown"],
                    status=data["status"],
                    note=data["note"],
                    entry=entry,
                )

            if run_service(form, save):
                messages.success(request, "The test was recorded")
                return redirect(url("hypothesis", assessment, hypothesis_pk=found.pk))
    return render(
        request,
        "analysis/hypothesis.html",
        page_context(assessment, "hypotheses", hypothesis=found, form=form),
    )
