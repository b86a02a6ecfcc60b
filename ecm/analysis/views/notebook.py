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
    WithdrawForm,
    evidence_source,
)
from ecm.analysis.models import Entry, Evidence, EvidenceKind
from ecm.analysis.presentation import (
    content_lines,
    evidence_text,
    words_compared,
)
from ecm.analysis.services import notebook as services
from ecm.analysis.views.common import WORK, assessment_for, page_context, url
from ecm.core.access import refuse_unless
from ecm.core.forms import call_service
from ecm.framework.models import Outcome
from ecm.performance.models import Indicator


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
        data=selectors.data_findings(assessment=assessment, outcome=outcome)
        if assessment.can_work
        else [],
    )
    return render(request, "analysis/area.html", context)


def entry_add(request, pk: int, code: str):
    assessment = assessment_for(request, pk, WORK)
    outcome = _outcome(assessment, code)
    indicator, initial = None, {}
    if request.GET.get("indicator"):
        indicator = Indicator.objects.filter(
            pk=request.GET["indicator"], outcome=outcome.code
        ).first()
        refuse_unless(indicator is not None)
        found = selectors.data_findings(assessment=assessment, outcome=outcome, indicator=indicator)
        if found:
            initial["finding"] = found[0].finding.text
    form = EntryForm(
        request.POST or None,
        initial=initial,
        key_judgements=selectors.key_judgements_of(assessment=assessment),
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

        if call_service(form, save):
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
    key_judgements = {kj.urn: kj for kj in selectors.key_judgements_of(assessment=assessment)}
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
        key_judgements=selectors.key_judgements_of(assessment=assessment),
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

        if call_service(form, save):
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


def evidence_add(request, pk: int, entry_pk: int, kind: str):
    """Link evidence to an entry (issue 5 §3): an indicator, a document and page, a part of the
    self-assessment or a briefing."""
    assessment = assessment_for(request, pk, WORK)
    found = _entry(request, assessment, entry_pk)
    refuse_unless(kind in EvidenceKind.values)
    choices = selectors.evidence_choices(assessment=assessment)
    version = choices.pop("version")
    form = EvidenceForm(request.POST or None, kind=kind, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = evidence_source(form=form, assessment=assessment, version=version)

        def save():
            services.evidence_add(
                entry=found, actor=request.user, kind=kind, note=data["note"], **source
            )

        if call_service(form, save):
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

        if call_service(form, save):
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
