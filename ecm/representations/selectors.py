"""Reads for representations (002 §J): which judgements a council may represent against, the
grades as they stand, and each person's earlier involvement in an assessment."""

from ecm.representations.models import RatingChange, RepresentedJudgement

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
    from ecm.analysis.services.judgements import required_judgements

    found = {}
    for judgement in required_judgements(assessment):
        represented = JUDGEMENT_CODES.get(judgement.code)
        if represented is not None:
            found[represented] = judgement
    return found


def current_grade(assessment, judgement) -> int | None:
    """The judgement's grade as it stands: the latest rating change, else the final Step 4
    grade the final letter carried (ecm.letters.services.final.final_grades)."""
    from ecm.letters.services.final import final_grades

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
    from ecm.analysis.models import Entry, Evidence, Revision, Signature
    from ecm.apa.models import ModerationForm, ModerationOutcome, ModerationSelection
    from ecm.letters.models import ReaderAnswer, Rendition

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
