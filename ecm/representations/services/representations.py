"""The council's representation and the panel's decision (002 §J "Representation
procedures"): intention by the round's intention date, submission by its submission date,
grounds tied to what they dispute and never new evidence, and the decision by the outcomes date,
with a changed single-service judgement opening a joint-panel review of children's services."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.services import assessment_change_status
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.letters.selectors import published_rendition
from ecm.letters.services.factual_accuracy import paragraphs_of
from ecm.representations.models import (
    Ground,
    GroundKind,
    Representation,
    RepresentationKind,
    RepresentationStatus,
    RepresentedJudgement,
)
from ecm.representations.selectors import representable_judgements
from ecm.representations.services.notifications import email_panel_needed

NOT_THE_COUNCIL = "Only the council's own link officer or director makes its representation"
NOT_PUBLISHED = (
    "{council}'s final letter is not published (the assessment is at {status}): a "
    "representation is about the final judgements, once the final letter is published (the "
    "handbook, section J)"
)
NOT_REPRESENTABLE = (
    "The {round} letter has no separate {judgement} judgement: represent against {allowed}"
)
ALREADY_MADE = (
    "{council} has already made a representation against the {judgement} judgement: add to it "
    "or withdraw it, one representation per judgement"
)
INTENTION_LATE = (
    "The intention to make a representation had to be given by {deadline} (the handbook, section "
    "J: by 1 "
    "November); it is now too late"
)
SUBMISSION_LATE = (
    "The representation had to be submitted by {deadline} (the handbook, section J: by 7 "
    "November); it is now "
    "too late"
)
NOT_OPEN = "This representation was submitted on {date}: its grounds can no longer change"
NEW_EVIDENCE = (
    "A representation cannot enter new evidence (the handbook, section J): it can only be about "
    "perceived "
    "inaccuracies in the evidence used or the significance afforded to it. Remove the "
    "attachment and tie the ground to the notebook entry, evidence or letter paragraph it "
    "disputes"
)
UNKNOWN_KIND = (
    "A ground is either an inaccuracy in the evidence used or the significance afforded to the "
    "evidence (the handbook, section J): choose one of them"
)
NO_STATEMENT = "Say what is inaccurate, or why the evidence was given the wrong significance"
UNTIED = (
    "Tie the ground to exactly one thing it disputes: a notebook entry, an item of evidence, or "
    "a section and paragraph of the final letter"
)
NOT_THIS_ASSESSMENT = "That {what} is not part of {council}'s assessment: choose one that is"
NO_PUBLISHED_LETTER = "There is no published final letter to dispute a paragraph of"
NO_SUCH_PARAGRAPH = (
    "The final letter has no paragraph {paragraph} in its section '{section}': choose a "
    "paragraph it has ({count} in that section)"
)
NO_SUCH_SECTION = "The final letter has no section '{section}': choose one of {sections}"
NO_GROUNDS = "Add at least one ground, each tied to what it disputes, before submitting"


def today_or_now(today: date | None) -> date:
    return today or timezone.localdate()


def _is_council_of(actor, assessment) -> bool:
    return bool(
        actor is not None
        and getattr(actor, "is_council_user", False)
        and actor.council_id == assessment.council_id
    )


@transaction.atomic
def representation_intend(
    *, actor, assessment, judgement: str, today: date | None = None
) -> Representation:
    """The council informs Ofsted and CSCI of its intention to make a representation against
    one judgement, by the round's intention date (the handbook, section J)."""
    today = today_or_now(today)
    if not _is_council_of(actor, assessment):
        raise NotYourRole(NOT_THE_COUNCIL)
    if assessment.status not in (AssessmentStatus.PUBLISHED, AssessmentStatus.REPRESENTATION):
        raise ValidationError(
            NOT_PUBLISHED.format(
                council=assessment.council.name, status=assessment.get_status_display()
            )
        )
    represented = RepresentedJudgement(judgement)
    available = representable_judgements(assessment)
    if represented not in available:
        raise ValidationError(
            {
                "judgement": NOT_REPRESENTABLE.format(
                    round=assessment.round,
                    judgement=represented.label.lower(),
                    allowed=" or ".join(j.label.lower() for j in available) or "nothing",
                )
            }
        )
    deadline = assessment.round.representation_intention_by
    if today > deadline:
        raise ValidationError(INTENTION_LATE.format(deadline=f"{deadline:%-d %B %Y}"))
    if Representation.objects.filter(
        assessment=assessment, kind=RepresentationKind.REPRESENTATION, judgement=represented
    ).exists():
        raise ValidationError(
            ALREADY_MADE.format(
                council=assessment.council.name, judgement=represented.label.lower()
            )
        )
    framework_judgement = available[represented]
    representation = Representation.objects.create(
        assessment=assessment,
        judgement=represented,
        judgement_urn=framework_judgement.urn,
        judgement_title=framework_judgement.title,
        intention_by=actor,
        intention_on=today,
    )
    audit_record(
        actor=actor,
        verb="representation.intended",
        target=representation,
        after={"judgement": represented.value, "on": today},
    )
    return representation


def _refuse_unless_open(representation: Representation, today: date) -> None:
    if representation.status != RepresentationStatus.INTENDED:
        raise ValidationError(NOT_OPEN.format(date=f"{representation.submitted_on:%-d %B %Y}"))
    deadline = representation.assessment.round.representation_submission_by
    if today > deadline:
        raise ValidationError(SUBMISSION_LATE.format(deadline=f"{deadline:%-d %B %Y}"))


def _tie(assessment, *, entry, evidence, section: str, paragraph) -> dict:
    """What the ground disputes, checked to belong to the assessment, with its text then."""
    council = assessment.council.name
    given = [entry is not None, evidence is not None, bool(section) or paragraph is not None]
    if sum(given) != 1:
        raise ValidationError(UNTIED)
    if entry is not None:
        if entry.assessment_id != assessment.pk:
            raise ValidationError(
                NOT_THIS_ASSESSMENT.format(what="notebook entry", council=council)
            )
        text = entry.current.content.get("finding", "") if entry.current_id else ""
        return {"entry": entry, "disputed_text": str(text)}
    if evidence is not None:
        if evidence.entry.assessment_id != assessment.pk:
            raise ValidationError(NOT_THIS_ASSESSMENT.format(what="evidence", council=council))
        return {"evidence": evidence, "disputed_text": evidence.note}
    if not section or paragraph is None:
        raise ValidationError(UNTIED)

    rendition = published_rendition(assessment=assessment)
    if rendition is None:
        raise ValidationError(NO_PUBLISHED_LETTER)
    sections = rendition.content.get("sections", {})
    if section not in sections:
        raise ValidationError(
            NO_SUCH_SECTION.format(section=section, sections=", ".join(sorted(sections)))
        )
    paragraphs = paragraphs_of(sections[section])
    if not 1 <= int(paragraph) <= len(paragraphs):
        raise ValidationError(
            NO_SUCH_PARAGRAPH.format(paragraph=paragraph, section=section, count=len(paragraphs))
        )
    return {
        "rendition_number": rendition.number,
        "section": section,
        "paragraph": int(paragraph),
        "disputed_text": paragraphs[int(paragraph) - 1],
    }


@transaction.atomic
def representation_ground_add(
    *,
    actor,
    representation: Representation,
    kind: str,
    statement: str,
    entry=None,
    evidence=None,
    section: str = "",
    paragraph: int | None = None,
    attachments=None,
    today: date | None = None,
) -> Ground:
    """Add one ground, tied to the notebook entry, evidence or final-letter paragraph it
    disputes. `attachments` exists only to be refused: no new evidence (the handbook, section J)."""
    today = today_or_now(today)
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    assessment = representation.assessment
    if not _is_council_of(actor, assessment):
        raise NotYourRole(NOT_THE_COUNCIL)
    if attachments:
        raise ValidationError(NEW_EVIDENCE)
    _refuse_unless_open(representation, today)
    if kind not in GroundKind.values:
        raise ValidationError({"kind": UNKNOWN_KIND})
    if not statement.strip():
        raise ValidationError({"statement": NO_STATEMENT})
    tied = _tie(assessment, entry=entry, evidence=evidence, section=section, paragraph=paragraph)
    ground = Ground.objects.create(
        representation=representation,
        kind=kind,
        statement=statement.strip(),
        added_by=actor,
        **tied,
    )
    audit_record(
        actor=actor,
        verb="representation.ground_added",
        target=representation,
        after={
            "kind": kind,
            "statement": ground.statement,
            "entry": ground.entry_id,
            "evidence": ground.evidence_id,
            "section": ground.section,
            "paragraph": ground.paragraph,
            "rendition": ground.rendition_number,
        },
    )
    return ground


@transaction.atomic
def representation_submit(
    *, actor, representation: Representation, summary: str = "", today: date | None = None
) -> Representation:
    """Submit the representation by the round's submission date (002 §J); the assessment moves
    from published to representation."""
    today = today_or_now(today)
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    assessment = representation.assessment
    if not _is_council_of(actor, assessment):
        raise NotYourRole(NOT_THE_COUNCIL)
    _refuse_unless_open(representation, today)
    if not representation.grounds.exists():
        raise ValidationError(NO_GROUNDS)
    representation.status = RepresentationStatus.SUBMITTED
    representation.submitted_by = actor
    representation.submitted_on = today
    representation.summary = summary.strip()
    representation.save(update_fields=["status", "submitted_by", "submitted_on", "summary"])
    audit_record(
        actor=actor,
        verb="representation.submitted",
        target=representation,
        before={"status": RepresentationStatus.INTENDED.value},
        after={
            "status": representation.status,
            "grounds": representation.grounds.count(),
            "on": today,
        },
    )
    email_panel_needed(representation=representation)
    assessment.refresh_from_db()
    if assessment.status == AssessmentStatus.PUBLISHED:
        assessment_change_status(
            actor=actor,
            assessment=assessment,
            to=AssessmentStatus.REPRESENTATION,
            reason=f"Representation against the {representation.get_judgement_display().lower()} "
            "judgement submitted (the handbook, section J)",
        )
    return representation
