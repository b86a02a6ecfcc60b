"""Reads for representations (002 §J): which judgements a council may represent against, the
grades as they stand, and each person's earlier involvement in an assessment."""

from django.db.models import Q

from ecm.accounts.roles import Role
from ecm.analysis.models import Entry, Evidence, EvidenceKind, Revision, Signature
from ecm.analysis.selectors import required_judgements
from ecm.apa.models import ModerationForm, ModerationOutcome, ModerationSelection
from ecm.letters.models import ReaderAnswer, Rendition
from ecm.letters.selectors import published_rendition, sections_sent
from ecm.letters.services.final import final_grades
from ecm.letters.template import LetterTemplateNotFound, template_for
from ecm.representations.models import (
    PanelMember,
    RatingChange,
    Representation,
    RepresentationKind,
    RepresentedJudgement,
)

# The round's judgement codes that 002 §J's three judgements are (ADR 0022). The 2005 set has
# all three; the 2006 set has no education judgement (DOMAIN.md §7: "education no longer graded
# on its own"); the 2007-08 set has neither education nor social care, only overall
# effectiveness, which is the children's services judgement. Capacity to improve and the five
# outcome grades of 2007-08 are not among 002 §J's judgements, so they cannot be represented
# against.
JUDGEMENT_CODES = {
    "education": RepresentedJudgement.EDUCATION,
    "social_care": RepresentedJudgement.SOCIAL_CARE,
    "overall": RepresentedJudgement.CHILDREN_SERVICES,
    "overall_effectiveness": RepresentedJudgement.CHILDREN_SERVICES,
}


def representable_judgements(assessment) -> dict:
    """{RepresentedJudgement: framework Judgement} for the assessment's round."""
    found = {}
    for judgement in required_judgements(assessment):
        represented = JUDGEMENT_CODES.get(judgement.code)
        if represented is not None:
            found[represented] = judgement
    return found


def current_grade(assessment, judgement) -> int | None:
    """The judgement's grade as it stands: the latest rating change, else the final Step 4
    grade the final letter carried (ecm.letters.services.final.final_grades)."""
    change = (
        RatingChange.objects.filter(assessment=assessment, judgement_urn=judgement.urn)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    if change is not None:
        return change.grade_after
    grades, _ = final_grades(assessment)
    return next((g["grade"] for g in grades if g["urn"] == judgement.urn), None)


def involvement(user, assessment) -> list[str]:
    """Why `user` had earlier involvement in `assessment`, in words (empty when none). 002 §J:
    panel members "will have no previous involvement in the judgements being reviewed"."""
    reasons = [
        f"assigned to the assessment as {a.get_role_display()}" + (" (Lead)" if a.is_lead else "")
        for a in assessment.assignments.filter(user=user)
    ]
    if Entry.objects.filter(assessment=assessment, author=user).exists():
        reasons.append("wrote entries in its evidence notebook")
    if Revision.objects.filter(assessment=assessment, revised_by=user).exists():
        reasons.append("wrote or edited its evidence notebook (Steps 1-4)")
    if Evidence.objects.filter(entry__assessment=assessment, added_by=user).exists():
        reasons.append("added evidence to its evidence notebook")
    if Signature.objects.filter(assessment=assessment, signed_by=user).exists():
        reasons.append("signed its Step 4 judgements")
    if ReaderAnswer.objects.filter(letter__assessment=assessment, signed_by=user).exists():
        reasons.append("read its draft letter and answered Moderation Form 2")
    if Rendition.objects.filter(letter__assessment=assessment, made_by=user).exists():
        reasons.append("made a rendition of its letter")
    if ModerationForm.objects.filter(assessment=assessment, submitted_by=user).exists():
        reasons.append("submitted its Moderation Form 1")
    if ModerationOutcome.objects.filter(assessment=assessment, recorded_by=user).exists():
        reasons.append("recorded its moderation outcome")
    if ModerationSelection.objects.filter(assessment=assessment, group__facilitator=user).exists():
        reasons.append("facilitated the moderation group that moderated it")
    return reasons


# --- Reads for the pages (issue 7 §5) --------------------------------------------------------


def representations_of(*, assessment):
    return (
        Representation.objects.filter(assessment=assessment)
        .select_related("triggered_by")
        .prefetch_related("grounds", "seats__member__user")
    )


def representations_of_round(*, assessment_round):
    return (
        Representation.objects.filter(assessment__round=assessment_round)
        .select_related("assessment__council")
        .prefetch_related("seats")
        .order_by("assessment__council__name", "created_at", "pk")
    )


def judgements_open_to(*, assessment) -> dict:
    """The judgements the council may still state an intention against: its round's
    representable judgements less those it has already represented against."""
    taken = set(
        Representation.objects.filter(
            assessment=assessment, kind=RepresentationKind.REPRESENTATION
        ).values_list("judgement", flat=True)
    )
    return {k: v for k, v in representable_judgements(assessment).items() if k not in taken}


def panel_candidates(*, representation) -> list[dict]:
    """Every registered panel member, with why they may not sit (their earlier involvement in
    the assessment), so the administrator sees the exclusions explained (002 §J)."""
    seated = set(representation.seats.values_list("member_id", flat=True))
    found = []
    for member in PanelMember.objects.select_related("user"):
        if Role.PANEL_MEMBER not in member.user.roles or not member.user.is_active:
            continue
        found.append(
            {
                "member": member,
                "excluded_because": involvement(member.user, representation.assessment),
                "seated": member.pk in seated,
            }
        )
    return found


def published_paragraphs(*, assessment) -> list[tuple[str, str]]:
    """The published final letter's paragraphs a ground may dispute, as (value, label) with
    value "section:paragraph"."""
    rendition = published_rendition(assessment=assessment)
    if rendition is None:
        return []
    choices = []
    for section in sections_sent(rendition=rendition):
        for paragraph in section.paragraphs:
            start = " ".join(paragraph.text.split())
            start = start if len(start) <= 90 else start[:87] + "…"
            label = f"{section.title}, paragraph {paragraph.number}: {start}"
            choices.append((f"{section.code}:{paragraph.number}", label))
    return choices


def evidence_label(evidence) -> str:
    """What an item of evidence is, in words the council knows: its own self-assessment and
    documents, or the indicator. The inspectors' note on it is not part of the label."""
    if evidence.kind == EvidenceKind.INDICATOR and evidence.indicator_id:
        return f"Indicator: {evidence.indicator}"
    if evidence.sa_document_id:
        page = f", page {evidence.page}" if evidence.page else ""
        return f"Your document: {evidence.sa_document}{page}"
    if evidence.kind == EvidenceKind.SELF_ASSESSMENT:
        return "Your self-assessment" + (
            f": {evidence.sa_part.rsplit(':', 1)[-1]}" if evidence.sa_part else ""
        )
    return evidence.get_kind_display()


def council_evidence(*, assessment) -> list:
    """The evidence of the notebook drawn from what the council itself supplied or the public
    indicators, not withdrawn: what a council can know was used and dispute (002 §J)."""

    # Briefings and other pack items are the inspectorates' own material, so they are left out.
    return list(
        Evidence.objects.filter(entry__assessment=assessment, withdrawn_at__isnull=True)
        .filter(
            Q(kind=EvidenceKind.INDICATOR, indicator__isnull=False)
            | Q(kind=EvidenceKind.SELF_ASSESSMENT)
            | Q(sa_document__isnull=False)
        )
        .select_related("indicator", "sa_document")
        .order_by("kind", "pk")
    )


def grounds_described(*, representation) -> list:
    """The representation's grounds, each with `target`: what it disputes, in words."""
    assessment = representation.assessment
    try:
        template = template_for(regime=assessment.round.regime, year=assessment.round.year)
        titles = {s.code: s.title for s in template.sections}
    except LetterTemplateNotFound:
        titles = {}
    grounds = list(
        representation.grounds.select_related("evidence__indicator", "evidence__sa_document")
    )
    for ground in grounds:
        if ground.evidence_id:
            ground.target = evidence_label(ground.evidence)
        elif ground.paragraph:
            title = titles.get(ground.section, ground.section)
            ground.target = f"The final letter: {title}, paragraph {ground.paragraph}"
        else:
            ground.target = "An entry of the evidence notebook"
    return grounds


def panels_of(*, user):
    """The representations and reviews whose panel `user` sits on, undecided first."""
    return (
        Representation.objects.filter(seats__member__user=user)
        .select_related("assessment__council")
        .prefetch_related("seats")
        .order_by("-status", "assessment__council__name")
    )
