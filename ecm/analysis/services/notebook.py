"""Step 1 of the evidence notebook (002 §F): entries per outcome, the evidence behind each, and
sharing a day-1 entry with the other inspector (002 §D)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.analysis.content import ENTRY, entry_content
from ecm.analysis.models import Entry, EntryKind, Evidence, EvidenceKind, PackItem
from ecm.analysis.pack import PackCategory
from ecm.analysis.presentation import evidence_text
from ecm.analysis.services.revisions import revision_add, revision_check
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.grade_numbers import grade_numbers_in, quoted
from ecm.framework.models import KeyJudgement
from ecm.performance.selectors import figures_as_seen
from ecm.self_assessment.template import template_by_urn

NO_FINDING = "Enter the finding"
NOT_THIS_FRAMEWORK = "Choose an outcome of this round's framework"
NO_KIND = "Select what kind of finding this is"
GRADE_AT_STEP_1 = (
    "Step 1 has no grades, but {found} gives one as a number: say in words where the judgement "
    'lies (the handbook, section F, step 1), for example "a clear strength" or "outcomes '
    "well below those of "
    'similar councils"'
)
UNKNOWN_KEY_JUDGEMENT = "Select key judgements of this round's framework"
NOT_YOURS = "Only the inspector who wrote a private entry can change it until it is shared"
NO_REASON = "Enter why you are changing the entry"
ALREADY_SHARED = "This entry is already shared"
NO_NOTE = "Enter what this evidence shows"
NO_INDICATOR = "Select the indicator"
NO_DOCUMENT = "Select the document"
NO_PAGE = "Enter the page the evidence is on"
NO_BRIEFING = "Select the briefing"
NO_PART = "Select the part of the self-assessment"
NO_SUBMISSION = "The council has not submitted a self-assessment yet, so no part of it can be cited"
NO_WITHDRAW_REASON = "Enter why this evidence is withdrawn"
ALREADY_WITHDRAWN = "This evidence was already withdrawn"


def _check_words(*, finding: str, kind: str, key_judgements: list[str], assessment) -> None:
    errors = {}
    if not finding.strip():
        errors["finding"] = NO_FINDING
    elif found := grade_numbers_in(finding):
        errors["finding"] = GRADE_AT_STEP_1.format(found=quoted(found))
    if kind not in EntryKind.values:
        errors["kind"] = NO_KIND
    if key_judgements:
        known = set(
            KeyJudgement.objects.filter(
                outcome__version=assessment.round.framework_version, urn__in=key_judgements
            ).values_list("urn", flat=True)
        )
        if known != set(key_judgements):
            errors["key_judgements"] = UNKNOWN_KEY_JUDGEMENT
    if errors:
        raise ValidationError(errors)


def _evidence_list(entry: Entry) -> list[dict]:
    return [
        {"id": e.pk, "text": evidence_text(e)}
        for e in entry.evidence.filter(withdrawn_at__isnull=True).select_related(
            "indicator", "pack_item", "sa_document", "sa_version"
        )
    ]


def _refuse_if_private_to_another(entry: Entry, actor) -> None:
    if not entry.is_shared and entry.author_id != actor.pk:
        raise NotYourRole(NOT_YOURS)


@transaction.atomic
def entry_add(
    *,
    assessment,
    outcome,
    actor,
    finding: str,
    kind: str,
    key_judgements: list[str] = (),
    tags: list[str] = (),
    capacity: list[str] = (),
    origin: str = "",
    indicator=None,
) -> Entry:
    """A new private entry for one outcome. Started from a data flag or a sentence of the
    performance engine, it carries that indicator as its first evidence (issue 5 §3)."""
    key_judgements = list(key_judgements)
    if outcome.version_id != assessment.round.framework_version_id:
        raise ValidationError(NOT_THIS_FRAMEWORK)
    _check_words(finding=finding, kind=kind, key_judgements=key_judgements, assessment=assessment)
    entry = Entry.objects.create(
        assessment=assessment, outcome=outcome, author=actor, origin=origin[:300]
    )
    if indicator is not None:
        _evidence_create(
            entry=entry,
            actor=actor,
            kind=EvidenceKind.INDICATOR,
            indicator=indicator,
            note=origin or finding,
        )
    content = entry_content(
        finding=finding.strip(),
        kind=kind,
        key_judgements=key_judgements,
        tags=list(tags),
        capacity=list(capacity),
        evidence=_evidence_list(entry),
    )
    entry.current = revision_add(
        assessment=assessment,
        subject=ENTRY,
        subject_id=entry.pk,
        current=None,
        content=content,
        actor=actor,
        reason="Entry written",
    )
    entry.save(update_fields=["current"])
    audit_record(
        actor=actor,
        verb="notebook.entry_added",
        target=entry,
        after={"outcome": outcome.code, **content},
        reason=f"Entry written for {outcome.title}",
    )
    return entry


@transaction.atomic
def entry_revise(
    *,
    entry: Entry,
    actor,
    shown: int | None,
    reason: str,
    finding: str,
    kind: str,
    key_judgements: list[str],
    tags: list[str],
    capacity: list[str],
) -> Entry:
    """A new revision of an entry's words; the earlier ones stay, comparable (issue 5 §7)."""
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("current__revised_by")
        .get(pk=entry.pk)
    )
    _refuse_if_private_to_another(entry, actor)
    revision_check(current=entry.current, shown=shown, what="This entry")
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    _check_words(
        finding=finding, kind=kind, key_judgements=key_judgements, assessment=entry.assessment
    )
    before = entry.current.content
    content = entry_content(
        finding=finding.strip(),
        kind=kind,
        key_judgements=key_judgements,
        tags=tags,
        capacity=capacity,
        evidence=before.get("evidence", []),
    )
    return _revise(entry=entry, actor=actor, content=content, reason=reason.strip(), before=before)


def _revise(*, entry: Entry, actor, content: dict, reason: str, before: dict, allow_same=False):
    entry.current = revision_add(
        assessment=entry.assessment,
        subject=ENTRY,
        subject_id=entry.pk,
        current=entry.current,
        content=content,
        actor=actor,
        reason=reason,
        allow_same=allow_same,
    )
    entry.save(update_fields=["current"])
    audit_record(
        actor=actor,
        verb="notebook.entry_revised",
        target=entry,
        before=before,
        after=content,
        reason=reason,
    )
    return entry


@transaction.atomic
def entry_share(*, entry: Entry, actor) -> Entry:
    """Share a day-1 entry with the other inspector (002 §D: days 2-3 together)."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.author_id != actor.pk:
        raise NotYourRole(NOT_YOURS)
    if entry.is_shared:
        raise ValidationError(ALREADY_SHARED)
    entry.shared_at = timezone.now()
    entry.save(update_fields=["shared_at"])
    audit_record(
        actor=actor,
        verb="notebook.entry_shared",
        target=entry,
        after={"shared_at": entry.shared_at},
        reason="Shared with the other inspector",
    )
    return entry


@transaction.atomic
def entries_share_all(*, assessment, actor) -> int:
    """Share every private entry of the actor's on this assessment; how many were shared."""
    mine = Entry.objects.filter(assessment=assessment, author=actor, shared_at__isnull=True)
    count = 0
    for entry in mine:
        entry_share(entry=entry, actor=actor)
        count += 1
    return count


def _evidence_create(*, entry: Entry, actor, kind: str, note: str, **source) -> Evidence:
    figures = {}
    if kind == EvidenceKind.INDICATOR:
        figures = figures_as_seen(council=entry.assessment.council, indicator=source["indicator"])
    return Evidence.objects.create(
        entry=entry, kind=kind, note=note.strip(), added_by=actor, figures=figures, **source
    )


def _check_source(*, entry: Entry, kind: str, source: dict) -> dict:
    """The fields of the evidence's source for its kind, or the errors saying what is missing."""
    if kind == EvidenceKind.INDICATOR:
        if source.get("indicator") is None:
            raise ValidationError({"indicator": NO_INDICATOR})
        return {"indicator": source["indicator"]}
    if kind == EvidenceKind.DOCUMENT:
        document, sa_document = source.get("pack_item"), source.get("sa_document")
        errors = {}
        if document is None and sa_document is None:
            errors["document"] = NO_DOCUMENT
        if not str(source.get("page") or "").strip():
            errors["page"] = NO_PAGE
        if errors:
            raise ValidationError(errors)
        _same_assessment(entry, document)
        if (
            sa_document is not None
            and sa_document.self_assessment.assessment_id != entry.assessment_id
        ):
            raise ValidationError({"document": NO_DOCUMENT})
        return {"pack_item": document, "sa_document": sa_document, "page": source["page"].strip()}
    if kind == EvidenceKind.BRIEFING:
        briefing = source.get("pack_item")
        if briefing is None or briefing.category != PackCategory.BRIEFING:
            raise ValidationError({"briefing": NO_BRIEFING})
        _same_assessment(entry, briefing)
        return {"pack_item": briefing, "page": str(source.get("page") or "").strip()}
    if kind == EvidenceKind.SELF_ASSESSMENT:
        version = source.get("sa_version")
        if (
            version is None
            or version.submitted_at is None  # a draft is not what the council submitted
            or version.self_assessment.assessment_id != entry.assessment_id
        ):
            raise ValidationError(NO_SUBMISSION)
        if not _part_of(version, source.get("sa_part")):
            raise ValidationError({"sa_part": NO_PART})
        return {"sa_version": source["sa_version"], "sa_part": source["sa_part"]}
    raise ValidationError({"kind": "Select what the evidence is"})


def _part_of(version, urn: str | None) -> bool:
    """The URN names a part or section of the template the version was written on."""
    if not urn:
        return False
    try:
        template_by_urn(version.self_assessment.template_urn).item(urn)
    except KeyError:
        return False
    return True


def _same_assessment(entry: Entry, item: PackItem | None) -> None:
    if item is not None and item.assessment_id != entry.assessment_id:
        raise ValidationError({"document": NO_DOCUMENT})


@transaction.atomic
def evidence_add(*, entry: Entry, actor, kind: str, note: str, **source) -> Evidence:
    """Link a piece of evidence to an entry: an indicator (its figures frozen as seen now), a
    document and page, a part of the self-assessment, or a briefing (issue 5 §3)."""
    entry = Entry.objects.select_for_update(of=("self",)).select_related("current").get(pk=entry.pk)
    _refuse_if_private_to_another(entry, actor)
    if not note.strip():
        raise ValidationError({"note": NO_NOTE})
    fields = _check_source(entry=entry, kind=kind, source=source)
    evidence = _evidence_create(entry=entry, actor=actor, kind=kind, note=note, **fields)
    before = entry.current.content
    content = {**before, "evidence": _evidence_list(entry)}
    _revise(
        entry=entry,
        actor=actor,
        content=content,
        reason=f"Evidence added: {evidence_text(evidence)}",
        before=before,
    )
    return evidence


@transaction.atomic
def evidence_withdraw(*, evidence: Evidence, actor, reason: str) -> Evidence:
    """Withdraw a piece of evidence: kept, with who withdrew it and why."""
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("current")
        .get(pk=evidence.entry_id)
    )
    _refuse_if_private_to_another(entry, actor)
    if evidence.withdrawn_at is not None:
        raise ValidationError(ALREADY_WITHDRAWN)
    if not reason.strip():
        raise ValidationError({"reason": NO_WITHDRAW_REASON})
    evidence.withdrawn_at, evidence.withdrawn_by = timezone.now(), actor
    evidence.withdrawn_reason = reason.strip()
    evidence.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    before = entry.current.content
    _revise(
        entry=entry,
        actor=actor,
        content={**before, "evidence": _evidence_list(entry)},
        reason=f"Evidence withdrawn: {reason.strip()}",
        before=before,
    )
    return evidence
