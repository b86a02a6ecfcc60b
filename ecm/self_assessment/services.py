"""Writes of the self-assessment: answers, progress, documents, citations, submission and
reopening. Each checks that the version may still change and writes its audit entry
(DESIGN.md examples 1 and 4)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.locking import SOMEONE_ELSE, stale_message
from ecm.core.uploads.documents import DocumentRefused, document_read, stored_file_fields
from ecm.core.uploads.text_task import text_read, text_read_later
from ecm.performance.selectors import figures_as_seen
from ecm.self_assessment.models import (
    Answer,
    Citation,
    CitationKind,
    EvidenceDocument,
    OtherInspection,
    PartnerContribution,
    PartProgress,
    SelfAssessment,
    Sharing,
    TextStatus,
    Version,
    VersionStatus,
)
from ecm.self_assessment.selectors import Missing, answers_missing
from ecm.self_assessment.template import template_by_urn, template_carry_over, template_for
from ecm.self_assessment.template_parts import Template

NOT_EDITABLE = (
    "This version was submitted on {when} and can no longer be changed. Ask your inspector to "
    "reopen the self-assessment if it needs correcting."
)
NOT_READY = "Complete every part before you submit: {parts} not completed yet"
NOT_COMPLETE = (
    "Part {letter} cannot be marked as completed until its questions are answered: "
    "{count} answer{s} missing"
)
NO_DECLARATION = "Confirm the declaration to submit the self-assessment"
NO_REASON = "Enter why the self-assessment is being reopened"
NOT_SUBMITTED = "Only a submitted self-assessment can be reopened"
UNKNOWN_FIELD = "is not a field of this self-assessment"
NO_ORGANISATION = "Enter the name of the partner organisation"
NO_CONTRIBUTION = "Enter the partner's contribution"
NO_INSPECTION_NAME = "Enter the name of the inspection it was made available to"
SHARED_IN_FUTURE = "The date it was made available must be today or in the past"
NOT_THIS_SELF_ASSESSMENT = "Choose a version of this self-assessment"
DECLARATION = (
    "I confirm that this self-assessment is the council's own evaluation of its services for "
    "children and young people, agreed with its partners, and that the evidence it cites is "
    "available to the inspectors."
)


class AnswersMissing(ValidationError):
    """A refusal because required answers are missing; `missing` says which, so that a page
    can link each to its question (GOV.UK error summary)."""

    def __init__(self, messages: list[str], *, missing: list[Missing]):
        super().__init__(messages)
        self.missing = missing


def template_of(self_assessment: SelfAssessment) -> Template:
    return template_by_urn(self_assessment.template_urn)


@transaction.atomic
def self_assessment_start(*, assessment, actor, based_on: Version | None = None) -> SelfAssessment:
    """The assessment's self-assessment, created with a first draft when it has none. A JAR's
    starts from the latest APA submission when `based_on` is given (000 §16)."""
    existing = SelfAssessment.objects.filter(assessment=assessment).first()
    if existing is not None:
        return existing
    template = template_for(regime=assessment.round.regime, year=assessment.round.year)
    self_assessment = SelfAssessment.objects.create(
        assessment=assessment, template_urn=template.urn
    )
    version = Version.objects.create(
        self_assessment=self_assessment,
        number=1,
        based_on=based_on,
        started_reason="Carried over from the latest submission" if based_on else "",
    )
    if based_on is not None:
        _carry_answers(source=based_on, target=version, template=template)
    audit_record(
        actor=actor,
        verb="self_assessment.started",
        target=self_assessment,
        after={"template": template.urn, "based_on": based_on.pk if based_on else None},
        reason="Self-assessment started",
    )
    return self_assessment


def version_current(self_assessment: SelfAssessment) -> Version:
    """The draft if there is one, else the latest version."""
    versions = list(self_assessment.versions.order_by("-number"))
    return next((v for v in versions if v.status == VersionStatus.DRAFT), versions[0])


def _refuse_if_frozen(version: Version) -> None:
    if not version.is_editable:
        raise ValidationError(
            NOT_EDITABLE.format(when=timezone.localtime(version.submitted_at).strftime("%-d %B %Y"))
        )


@transaction.atomic
def answers_save(
    *,
    version: Version,
    actor,
    values: dict[str, dict],
    lock_versions: dict[str, int],
    labels: dict[str, str] | None = None,
) -> list[Answer]:
    """Save the fields of one page. `values` maps a field URN to {"text": ..., "items": ...};
    `lock_versions` the lock version each field had when the page was shown (0 for none). A
    field changed by someone else since then refuses the whole save (quality bar: concurrent
    edits never silently overwrite)."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    _refuse_if_frozen(version)
    template = template_of(version.self_assessment)
    known = {f.urn: f for _, _, f in template.fields()}
    unknown = [urn for urn in values if urn not in known]
    if unknown:
        raise ValidationError(f"{unknown[0]} {UNKNOWN_FIELD}")
    answers = {
        a.field_urn: a
        for a in Answer.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(version=version, field_urn__in=list(values))
    }
    errors = {}
    for urn in values:
        answer = answers.get(urn)
        seen = lock_versions.get(urn, 0)
        current = answer.lock_version if answer else 0
        if seen != current:
            who = answer.updated_by.get_full_name() if answer and answer.updated_by else ""
            label = (labels or {}).get(urn) or known[urn].label
            errors[urn] = stale_message(
                what=label, who=who or SOMEONE_ELSE, when=answer.updated_at if answer else None
            )
    if errors:
        raise ValidationError(errors)
    saved = []
    changed = {}
    for urn, value in values.items():
        text, items = value.get("text", ""), value.get("items") or {}
        answer = answers.get(urn)
        if answer is None:
            if not text.strip() and not any(items.values()):
                continue
            answer = Answer(version=version, field_urn=urn)
        elif answer.text == text and answer.items == items:
            continue
        changed[urn] = {"before": answer.text if answer.pk else "", "after": text}
        answer.text, answer.items, answer.updated_by = text, items, actor
        answer.lock_version = (answer.lock_version or 0) + 1 if answer.pk else 1
        answer.save()
        saved.append(answer)
    if changed:
        audit_record(
            actor=actor,
            verb="self_assessment.answers_saved",
            target=version.self_assessment,
            before={k: v["before"][:2000] for k, v in changed.items()},
            after={k: v["after"][:2000] for k, v in changed.items()},
            reason=f"Saved {len(changed)} answer(s) in version {version.number}",
        )
    return saved


@transaction.atomic
def part_mark(*, version: Version, part_urn: str, completed: bool, actor) -> PartProgress:
    """Mark a part completed or in progress. A part is completed only when its required
    answers are given (000 §10: the prompts are "not exhaustive", but each part's own questions
    are what it asks); a refusal names each missing answer."""
    _refuse_if_frozen(version)
    if completed:
        template = template_of(version.self_assessment)
        part = next(p for p in template.parts if p.urn == part_urn)
        missing = answers_missing(version=version, template=template, part=part)
        if missing:
            count = len(missing)
            summary = NOT_COMPLETE.format(
                letter=part.letter, count=count, s="" if count == 1 else "s"
            )
            raise AnswersMissing([summary, *(m.message for m in missing)], missing=missing)
    progress, _ = PartProgress.objects.get_or_create(version=version, part_urn=part_urn)
    if progress.completed != completed:
        progress.completed = completed
        progress.save(update_fields=["completed"])
        audit_record(
            actor=actor,
            verb="self_assessment.part_marked",
            target=version.self_assessment,
            after={"part": part_urn, "completed": completed},
            reason="Part marked as completed" if completed else "Part marked as in progress",
        )
    return progress


@transaction.atomic
def document_upload(
    *, self_assessment: SelfAssessment, actor, upload, title: str, kind: str
) -> EvidenceDocument:
    """Keep a supporting document, checked by its content and size within the caps, then
    have its text read for search by a task (issue 4 §2; issue 21 §1: the checks are bounded
    and stay in the request, the reading runs off it, and the document shows how it went)."""
    try:
        checked = document_read(upload)
    except DocumentRefused as refused:
        raise ValidationError({"file": refused.message}) from refused
    document = EvidenceDocument.objects.create(
        self_assessment=self_assessment,
        title=title,
        kind=kind,
        **stored_file_fields(checked),
        text_status=TextStatus.READING,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="self_assessment.document_uploaded",
        target=document,
        after={"title": title, "file": document.file_name, "sha256": document.sha256},
        reason=f"Uploaded {document.file_name}",
    )
    text_read_later(task="ecm.self_assessment.services.document_text_read", pk=document.pk)
    return document


def document_text_read(*, pk: int) -> None:
    """Read an uploaded document's text for search, off the request (issue 21 §1); the
    document then says "Ready", or "Could not read" and why. A task: run once per upload."""

    def keep(document: EvidenceDocument, text: str) -> None:
        EvidenceDocument.objects.filter(pk=document.pk).update(text=text)

    text_read(model=EvidenceDocument, pk=pk, keep=keep)


def _answer_for(version: Version, field_urn: str, actor) -> Answer:
    answer, _ = Answer.objects.get_or_create(
        version=version, field_urn=field_urn, defaults={"updated_by": actor}
    )
    return answer


@transaction.atomic
def citation_add(
    *,
    version: Version,
    field_urn: str,
    actor,
    kind: str,
    document: EvidenceDocument | None = None,
    location: str = "",
    indicator=None,
    inspection: str = "",
) -> Citation:
    """Cite evidence for a field. An indicator is cited with its figures as they stand now,
    from the council's profile (issue 4 §2)."""
    _refuse_if_frozen(version)
    template = template_of(version.self_assessment)
    if field_urn not in {f.urn for _, _, f in template.fields()}:
        raise ValidationError(f"{field_urn} {UNKNOWN_FIELD}")
    figures = {}
    if kind == CitationKind.INDICATOR:
        figures = figures_as_seen(
            council=version.self_assessment.assessment.council, indicator=indicator
        )
    citation = Citation.objects.create(
        answer=_answer_for(version, field_urn, actor),
        kind=kind,
        document=document if kind == CitationKind.DOCUMENT else None,
        location=location if kind == CitationKind.DOCUMENT else "",
        indicator=indicator if kind == CitationKind.INDICATOR else None,
        figures=figures,
        inspection=inspection if kind == CitationKind.INSPECTION else "",
        created_by=actor,
    )
    audit_record(
        actor=actor,
        verb="self_assessment.citation_added",
        target=version.self_assessment,
        after={"field": field_urn, "kind": kind, "cites": str(citation)},
        reason=f"Cited {citation}",
    )
    return citation


@transaction.atomic
def citation_remove(*, citation: Citation, actor) -> None:
    _refuse_if_frozen(citation.answer.version)
    audit_record(
        actor=actor,
        verb="self_assessment.citation_removed",
        target=citation.answer.version.self_assessment,
        before={"field": citation.answer.field_urn, "cites": str(citation)},
        reason=f"Removed the citation of {citation}",
    )
    citation.delete()


@transaction.atomic
def partner_contribution_add(
    *, version: Version, field_urn: str, actor, organisation: str, text: str
) -> PartnerContribution:
    """A partner's contribution to a field, marked with the organisation (000 §16)."""
    _refuse_if_frozen(version)
    errors = {}
    if not organisation.strip():
        errors["organisation"] = NO_ORGANISATION
    if not text.strip():
        errors["text"] = NO_CONTRIBUTION
    if errors:
        raise ValidationError(errors)
    contribution = PartnerContribution.objects.create(
        answer=_answer_for(version, field_urn, actor),
        organisation=organisation.strip(),
        text=text.strip(),
        added_by=actor,
    )
    audit_record(
        actor=actor,
        verb="self_assessment.partner_contribution_added",
        target=version.self_assessment,
        after={"field": field_urn, "organisation": contribution.organisation},
        reason=f"Contribution from {contribution.organisation}",
    )
    return contribution


@transaction.atomic
def sharing_record(
    *,
    self_assessment: SelfAssessment,
    actor,
    version: Version,
    inspection: str,
    inspection_name: str = "",
    shared_on: date,
    note: str = "",
) -> Sharing:
    """Record that a version was made available to another inspection's team (000 §7: "the
    self-assessments will be made available to all inspection teams and may be
    cross-referenced"): with whom, which version and when, audited."""
    errors = {}
    name = inspection_name.strip() if inspection == OtherInspection.OTHER else ""
    if inspection == OtherInspection.OTHER and not name:
        errors["inspection_name"] = NO_INSPECTION_NAME
    if shared_on > timezone.localdate():
        errors["shared_on"] = SHARED_IN_FUTURE
    if version.self_assessment_id != self_assessment.pk:
        errors["version"] = NOT_THIS_SELF_ASSESSMENT
    if errors:
        raise ValidationError(errors)
    sharing = Sharing.objects.create(
        self_assessment=self_assessment,
        version=version,
        inspection=inspection,
        inspection_name=name,
        shared_on=shared_on,
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="self_assessment.shared",
        target=self_assessment,
        after={
            "inspection": sharing.inspection_title,
            "version": version.number,
            "shared_on": str(shared_on),
        },
        reason=f"Version {version.number}: {sharing}",
    )
    return sharing


def parts_not_completed(version: Version) -> list[str]:
    template = template_of(version.self_assessment)
    done = set(version.progress.filter(completed=True).values_list("part_urn", flat=True))
    return [f"Part {p.letter}" for p in template.parts if p.urn not in done]


@transaction.atomic
def version_submit(*, version: Version, actor, declaration_confirmed: bool) -> Version:
    """Submit and freeze the draft (000 §15: submitted in May). After the round's deadline it
    is accepted and recorded as late."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    _refuse_if_frozen(version)
    errors = []
    not_completed = parts_not_completed(version)
    if not_completed:
        errors.append(NOT_READY.format(parts=", ".join(not_completed)))
    # A part marked completed and then an answer cleared: each missing answer is named.
    template = template_of(version.self_assessment)
    missing = answers_missing(version=version, template=template)
    errors += [m.message for m in missing]
    if not declaration_confirmed:
        errors.append(NO_DECLARATION)
    if errors:
        raise AnswersMissing(errors, missing=missing)
    now = timezone.now()
    due: date = version.self_assessment.assessment.round.self_assessment_due
    version.status = VersionStatus.SUBMITTED
    version.submitted_at, version.submitted_by = now, actor
    version.submitted_late = timezone.localdate(now) > due
    version.declaration = DECLARATION
    version.save()
    audit_record(
        actor=actor,
        verb="self_assessment.submitted",
        target=version.self_assessment,
        after={"version": version.number, "late": version.submitted_late, "due": str(due)},
        reason=f"Version {version.number} submitted" + (" late" if version.submitted_late else ""),
    )
    return version


@transaction.atomic
def version_reopen(*, self_assessment: SelfAssessment, actor, reason: str) -> Version:
    """An inspector reopens the latest submission with a reason; the council continues in a
    new version carrying everything over, and the submitted one is kept as it was."""
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    latest = self_assessment.versions.select_for_update().order_by("-number").first()
    if latest is None or latest.status != VersionStatus.SUBMITTED:
        raise NotYourRole(NOT_SUBMITTED)
    latest.status = VersionStatus.REOPENED
    latest.save(update_fields=["status"])
    draft = Version.objects.create(
        self_assessment=self_assessment,
        number=latest.number + 1,
        based_on=latest,
        started_reason=reason.strip(),
    )
    _carry_answers(source=latest, target=draft, template=None)
    audit_record(
        actor=actor,
        verb="self_assessment.reopened",
        target=self_assessment,
        before={"version": latest.number},
        after={"version": draft.number},
        reason=reason.strip(),
    )
    return draft


def _carry_answers(*, source: Version, target: Version, template: Template | None) -> None:
    """Copy answers, citations and part progress into a new version; between templates (APA
    to JAR) fields are matched by part, section and key (template_carry_over)."""
    mapping = None
    if template is not None and source.self_assessment.template_urn != template.urn:
        mapping = template_carry_over(source=template_of(source.self_assessment), target=template)
    for answer in source.answers.prefetch_related("citations"):
        urn = mapping.get(answer.field_urn) if mapping is not None else answer.field_urn
        if urn is None:
            continue
        copy = Answer.objects.create(
            version=target,
            field_urn=urn,
            text=answer.text,
            items=answer.items,
            updated_by=answer.updated_by,
        )
        for citation in answer.citations.all():
            citation.pk = None
            citation.answer = copy
            citation.save()
    if mapping is None:
        for progress in source.progress.all():
            PartProgress.objects.create(
                version=target, part_urn=progress.part_urn, completed=progress.completed
            )
