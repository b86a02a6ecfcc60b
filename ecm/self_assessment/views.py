"""The self-assessment pages: the council writes, cites, submits; inspectors read and reopen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ecm.core.access import NOT_FOUND_MESSAGE
from ecm.core.forms import add_service_errors, call_service
from ecm.performance.selectors import indicators_with_figures
from ecm.self_assessment import reading as reading_module
from ecm.self_assessment import selectors, services
from ecm.self_assessment.forms import (
    CitationForm,
    ContributionForm,
    PartForm,
    ReopenForm,
    SubmitForm,
    field_slug,
)
from ecm.self_assessment.models import Citation, VersionStatus
from ecm.self_assessment.reading_changes import versions_compared
from ecm.self_assessment.template_parts import FieldKind
from ecm.self_assessment.views_common import (
    EDIT,
    READ,
    REOPEN,
    VIEW,
    assessment_or_404,
    self_assessment_or_404,
    submitted_page,
    url_of,
)


def overview(request, pk: int):
    """The task list of Parts A-G for the council; the versions and the reading for inspectors."""
    assessment = assessment_or_404(request, pk, VIEW)
    self_assessment = selectors.self_assessment_of(assessment)
    can_edit = request.user.has_perm(EDIT, assessment)
    carried_from = None
    if assessment.round.regime == "jar":
        carried_from = selectors.latest_apa_submission(council=assessment.council)
    if request.method == "POST" and can_edit and self_assessment is None:
        services.self_assessment_start(
            assessment=assessment, actor=request.user, based_on=carried_from
        )
        return redirect(url_of("overview", assessment))
    context = {
        "assessment": assessment,
        "self_assessment": self_assessment,
        "can_edit": can_edit,
        "can_read": request.user.has_perm(READ, assessment),
        "can_reopen": request.user.has_perm(REOPEN, assessment),
        "carried_from": carried_from,
    }
    if self_assessment is not None:
        version = services.version_current(self_assessment)
        template = services.template_of(self_assessment)
        tasks = selectors.part_tasks(version=version, template=template)
        context.update(
            version=version,
            template=template,
            tasks=tasks,
            completed_count=sum(t.status == selectors.COMPLETED for t in tasks),
            versions=list(self_assessment.versions.select_related("submitted_by")),
            documents=list(self_assessment.documents.all()),
            outcome_words=selectors.outcome_words(template),
            sharings=list(self_assessment.sharings.select_related("version", "recorded_by")),
            partners=selectors.partners_contributed(version),
        )
    return render(request, "self_assessment/overview.html", context)


def part_edit(request, pk: int, code: str):
    """One part's fields, with the prompt questions as hints and word counts (000 §10, §13)."""
    assessment = assessment_or_404(request, pk, EDIT)
    self_assessment = self_assessment_or_404(assessment)
    template = services.template_of(self_assessment)
    part = next((p for p in template.parts if p.code.lower() == code.lower()), None)
    if part is None:
        raise Http404(NOT_FOUND_MESSAGE)
    version = services.version_current(self_assessment)
    if not version.is_editable:
        return submitted_page(request, assessment, version)
    answers = selectors.answers_of(version)
    scale = next((f.scale for _, _, f in template.fields() if f.kind == FieldKind.GRADES), None)
    labels = selectors.scale_labels(assessment=assessment, scale_urn=scale)
    form = PartForm(request.POST or None, part=part, answers=answers, scale_labels=labels)
    missing = []
    if request.method == "POST" and form.is_valid():
        values, locks = form.values()
        try:
            # One change: a part refused as completed keeps nothing of the POST, so the page
            # shows what was typed with the lock versions it was opened with.
            with transaction.atomic():
                services.answers_save(
                    version=version, actor=request.user, values=values, lock_versions=locks
                )
                if "later" not in request.POST:
                    services.part_mark(
                        version=version,
                        part_urn=part.urn,
                        completed=form.cleaned_data.get("completed") == "yes",
                        actor=request.user,
                    )
        except services.AnswersMissing as refused:
            missing = refused.missing
            for item in missing:
                name = item.input_id.removeprefix("id_")
                form.add_error(name if name in form.fields else None, item.message)
        except ValidationError as error:
            # Not call_service: the service names answers by field URN, the form by its own
            # field names, so a refusal per answer is mapped onto its field here.
            if hasattr(error, "error_dict"):
                for urn, problems in error.message_dict.items():
                    name = form.field_name_for(urn) if urn in form.field_index else None
                    form.add_error(name if name in form.fields else None, problems)
            else:
                add_service_errors(form, error)
        else:
            messages.success(request, f"Part {part.code.upper()} has been saved")
            return redirect(url_of("overview", assessment))
    completed = version.progress.filter(part_urn=part.urn, completed=True).exists()
    if request.method == "POST":  # a refused page shows the choice that was made
        completed = request.POST.get("completed") == "yes"
    sections = [
        {"section": section, "rows": [_row(form, section, f, answers) for f in section.fields]}
        for section in part.sections
    ]
    return render(
        request,
        "self_assessment/part_edit.html",
        {
            "assessment": assessment,
            "part": part,
            "form": form,
            "sections": sections,
            "completed_value": "yes" if completed else "no",
            "version": version,
            "missing": missing,
            "not_completed": services.NOT_COMPLETE.format(
                letter=part.letter, count=len(missing), s="" if len(missing) == 1 else "s"
            ),
            "template": template,
        },
    )


def _row(form: PartForm, section, field, answers) -> dict:
    """What the part page shows of one field: its inputs, lock, answer and word count."""
    slug = field_slug(section, field)
    if field.kind == FieldKind.GRADES:
        bound = [form[n] for n in form.fields if n.startswith(slug + "__") and n != slug + "__lock"]
    else:
        bound = [form[slug]]
    answer = answers.get(field.urn)
    return {
        "field": field,
        "slug": slug,
        "bound": bound,
        "lock": form[slug + "__lock"],
        "answer": answer,
        "words": selectors.word_count(answer.text) if answer else 0,
    }


def cite(request, pk: int, code: str, field_key: str):
    """Cite a document, an indicator of the council's profile, or an earlier inspection."""
    assessment = assessment_or_404(request, pk, EDIT)
    self_assessment = self_assessment_or_404(assessment)
    part, field = _field(self_assessment, code, field_key)
    version = services.version_current(self_assessment)
    if not version.is_editable:
        return submitted_page(request, assessment, version)
    indicators = indicators_with_figures(council=assessment.council)
    form = CitationForm(
        request.POST or None, documents=self_assessment.documents.all(), indicators=indicators
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.citation_add,
            version=version,
            field_urn=field.urn,
            actor=request.user,
            kind=data["kind"],
            document=data.get("document"),
            location=data.get("location", ""),
            indicator=data.get("indicator"),
            inspection=data.get("inspection", ""),
        ):
            return _back_to_field(
                request, assessment, part, field_key, "The citation has been added"
            )
    return _field_form_page(request, form, assessment, part, field)


def contribute(request, pk: int, code: str, field_key: str):
    """A partner's contribution to a field, marked with its organisation (000 §16)."""
    assessment = assessment_or_404(request, pk, EDIT)
    self_assessment = self_assessment_or_404(assessment)
    part, field = _field(self_assessment, code, field_key)
    version = services.version_current(self_assessment)
    if not version.is_editable:
        return submitted_page(request, assessment, version)
    form = ContributionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.partner_contribution_add,
            version=version,
            field_urn=field.urn,
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            text=form.cleaned_data["text"],
        )
    ):
        return _back_to_field(
            request, assessment, part, field_key, "The partner's contribution has been added"
        )
    return _field_form_page(request, form, assessment, part, field)


def _back_to_field(request, assessment, part, field_key: str, message: str):
    messages.success(request, message)
    return redirect(url_of("part", assessment, code=part.code.lower()) + f"#{field_key}")


def _field_form_page(request, form, assessment, part, field):
    """A small form about one field (a citation, a contribution), with a way back to it."""
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": f"Part {part.code.upper()}: {field.label}",
            "back_url": url_of("part", assessment, code=part.code.lower()),
        },
    )


def _field(self_assessment, code: str, field_key: str):
    template = services.template_of(self_assessment)
    for part, section, field in template.fields():
        if part.code.lower() == code.lower() and field_slug(section, field) == field_key:
            return part, field
    raise Http404(NOT_FOUND_MESSAGE)


@require_POST
def citation_remove(request, pk: int, citation_pk: int):
    assessment = assessment_or_404(request, pk, EDIT)
    citation = get_object_or_404(
        Citation.objects.select_related("answer__version__self_assessment"),
        pk=citation_pk,
        answer__version__self_assessment__assessment=assessment,
    )
    try:
        services.citation_remove(citation=citation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The citation has been removed")
    template = services.template_of(citation.answer.version.self_assessment)
    part = next(p for p, _, f in template.fields() if f.urn == citation.answer.field_urn)
    return redirect(url_of("part", assessment, code=part.code.lower()))


def check_answers(request, pk: int):
    """Check your answers, the declaration and submission (000 §15; GOV.UK pattern)."""
    assessment = assessment_or_404(request, pk, EDIT)
    self_assessment = self_assessment_or_404(assessment)
    version = services.version_current(self_assessment)
    if not version.is_editable:
        return submitted_page(request, assessment, version)
    template = services.template_of(self_assessment)
    form = SubmitForm(request.POST or None)
    problems = []  # (what is wrong, where to put it right) for the error summary
    if request.method == "POST" and form.is_valid():
        try:
            services.version_submit(
                version=version,
                actor=request.user,
                declaration_confirmed=form.cleaned_data["confirm"],
            )
        except services.AnswersMissing as refused:
            problems = _submit_problems(assessment, refused)
        else:
            return redirect(url_of("overview", assessment))
    elif request.method == "POST":
        missing = selectors.answers_missing(version=version, template=template)
        problems = [(m.message, _missing_link(assessment, m)) for m in missing]
        problems += [(e, "#id_confirm") for e in form.errors.get("confirm", [])]
    return render(
        request,
        "self_assessment/check_answers.html",
        {
            "assessment": assessment,
            "version": version,
            "template": template,
            "answers": selectors.answers_of(version),
            "tasks": selectors.part_tasks(version=version, template=template),
            "form": form,
            "declaration": services.DECLARATION,
            "due": assessment.round.self_assessment_due,
            "problems": problems,
            "missing": selectors.answers_missing(version=version, template=template),
            "partners": selectors.partners_contributed(version),
        },
    )


def _missing_link(assessment, missing) -> str:
    return url_of("part", assessment, code=missing.part.code) + f"#{missing.input_id}"


def _submit_problems(assessment, refused) -> list[tuple[str, str]]:
    """Each reason a submission was refused, linked to where it is put right: a missing answer
    to its question on its part's page, parts not marked completed to the task list, the
    declaration to its box."""
    linked = {m.message: _missing_link(assessment, m) for m in refused.missing}
    problems = []
    for message in refused.messages:
        if message in linked:
            problems.append((message, linked[message]))
        elif message == services.NO_DECLARATION:
            problems.append((message, "#id_confirm"))
        else:
            problems.append((message, url_of("overview", assessment)))
    return problems


def reading(request, pk: int):
    """The inspectors' reading beside the data (issue 4 §4); never shown to the council."""
    assessment = assessment_or_404(request, pk, READ)
    self_assessment = self_assessment_or_404(assessment)
    versions = list(self_assessment.versions.order_by("number"))
    submitted = [v for v in versions if v.status != VersionStatus.DRAFT]
    version = submitted[-1] if submitted else versions[-1]
    changes = None
    if len(submitted) >= 2:
        changes = versions_compared(older=submitted[-2], newer=submitted[-1])
    return render(
        request,
        "self_assessment/reading.html",
        {
            "assessment": assessment,
            "version": version,
            "reading": reading_module.reading_for(version=version),
            "changes": changes,
            "can_reopen": request.user.has_perm(REOPEN, assessment),
        },
    )


def reopen(request, pk: int):
    assessment = assessment_or_404(request, pk, REOPEN)
    self_assessment = self_assessment_or_404(assessment)
    form = ReopenForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.version_reopen,
            self_assessment=self_assessment,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.success(request, "The self-assessment has been reopened for the council")
        return redirect(url_of("overview", assessment))
    return render(
        request, "core/form_page.html", {"form": form, "back_url": url_of("overview", assessment)}
    )
