"""The team's evidence and the review's graded judgements (issue 9 §6; 003 "Grading the
judgements"; 001 "JAR"; DOMAIN.md §2): every grade stands on evidence another inspector can
follow, on the scale of its judgement, in the set of the framework for the review's year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.audit.services import audit_record
from ecm.core.locking import refuse_if_stale
from ecm.framework.models import Judgement, JudgementSet
from ecm.framework.selectors import framework_version_current, judgement_set_for
from ecm.jar.cases import reference_problem
from ecm.jar.report.models import EvidenceSource, JarEvidence, JarJudgement, JarReport
from ecm.jar.report.services.common import (
    NO_EVIDENCE,
    NO_FINDING,
    NO_RATIONALE,
    NO_REFERENCE,
    NO_SET,
    NOT_IN_SET,
    NOT_ON_SCALE,
    NOT_TRACKED,
    _require_editable,
    _require_team,
)


def judgement_set_of(review) -> JudgementSet:
    """The framework's JAR set for the year of the review's fieldwork: 003's twelve judgements
    in 2005 and 2006, 001's five scored judgements from 2007."""
    version = framework_version_current(on=review.fieldwork_starts)
    year = review.fieldwork_starts.year
    found = version and judgement_set_for(version=version, regime="jar", year=year)
    if not found:
        raise ValidationError(NO_SET.format(year=year))
    return found


def report_of(review):
    return JarReport.objects.get_or_create(review=review)[0]


def _case_reference(review, reference: str) -> tuple[str, str | None]:
    """A case's reference as the review tracks it, or why it cannot be cited (001 "Case
    tracking": "Inspectors will select 10 cases from the 100 to be tracked"). The reference is
    checked as the council's list of cases is (ecm.jar.cases: never a name or a date of birth),
    then against the review's tracked cases."""
    why = reference_problem(reference)
    if why:
        return reference, why
    tracked = list(review.cases.filter(tracked=True).values_list("reference", flat=True))
    found = next((t for t in tracked if t.casefold() == reference.strip().casefold()), None)
    if found is None:
        listed = ", ".join(sorted(tracked)) or "none yet: draw the cases to track first"
        return reference, NOT_TRACKED.format(reference=reference.strip(), tracked=listed)
    return found, None


@transaction.atomic
def evidence_add(*, actor, review, source: str, reference: str, finding: str, line_of_enquiry=None):
    """Record one finding of the team with where it came from. Evidence from case tracking
    names one of the review's tracked cases by its reference, never a person (001 "Case
    tracking")."""
    _require_team(actor, review)
    errors = {}
    if not reference.strip():
        errors["reference"] = NO_REFERENCE
    elif source == EvidenceSource.CASE:
        reference, why = _case_reference(review, reference)
        if why:
            errors["reference"] = why
    if not finding.strip():
        errors["finding"] = NO_FINDING
    if errors:
        raise ValidationError(errors)
    evidence = JarEvidence.objects.create(
        review=review,
        source=source,
        reference=reference.strip(),
        finding=finding.strip(),
        line_of_enquiry=line_of_enquiry,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.evidence_recorded",
        target=review,
        after={"evidence": evidence.pk, "source": source, "reference": evidence.reference},
    )
    return evidence


@transaction.atomic
def judgement_record(
    *,
    actor,
    review,
    code: str,
    grade: int,
    rationale: str,
    evidence: list,
    expected_lock_version: int | None = None,
):
    """Grade one judgement of the review's set, on evidence the team recorded. Refused without
    evidence or a rationale, off the judgement's scale, from a stale page, or once the report has
    gone past the stages where it may change. A page sends 0 as the lock for a judgement it
    showed as not yet graded, so a grade recorded meanwhile by someone else is not overwritten."""
    _require_team(actor, review)
    # Locked, so that a grade cannot land after the report has moved past the editable stages.
    _require_editable(JarReport.objects.select_for_update().get(pk=report_of(review).pk))
    judgement_set = judgement_set_of(review)
    framework_judgement = (
        Judgement.objects.select_related("scale").filter(judgement_set=judgement_set, code=code)
    ).first()
    if framework_judgement is None:
        raise ValidationError(NOT_IN_SET.format(code=code, title=judgement_set.title))
    values = sorted(framework_judgement.scale.grades.values_list("value", flat=True))
    errors = {}
    if grade not in values:
        errors["grade"] = NOT_ON_SCALE.format(values=", ".join(map(str, values)))
    if not rationale.strip():
        errors["rationale"] = NO_RATIONALE
    chosen = [e for e in evidence if e.review_id == review.pk]
    if not chosen:
        errors["evidence"] = NO_EVIDENCE
    if errors:
        raise ValidationError(errors)
    existing = (
        JarJudgement.objects.select_for_update()
        .filter(review=review, judgement=framework_judgement)
        .first()
    )
    before = None
    if existing is None:
        record = JarJudgement(review=review, judgement=framework_judgement)
    else:
        refuse_if_stale(existing, expected_lock_version, what="this judgement")
        record = existing
        before = {
            "grade": existing.grade,
            "evidence": sorted(existing.evidence.values_list("pk", flat=True)),
        }
        record.lock_version += 1
    record.grade = grade
    record.rationale = rationale.strip()
    record.recorded_by = actor
    record.save()
    record.evidence.set(chosen)
    audit_record(
        actor=actor,
        verb="jar.judgement_recorded",
        target=review,
        before=before,
        after={"judgement": code, "grade": grade, "evidence": sorted(e.pk for e in chosen)},
        reason=rationale.strip(),
    )
    return record
