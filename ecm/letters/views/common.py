"""What every letter page shares: the assessment, with 404 for anyone who may not see it, and
the answer of an edit page once the letter has moved on (issue 20 §3)."""

from django.urls import reverse

from ecm.apa.models import Assessment
from ecm.core.access import access_object
from ecm.core.frozen import frozen_page, since_audit
from ecm.letters.workflow import LetterStage

READ, WORK = "letters.read", "letters.work"

# What entering each stage did to the letter, as the stale page's sentence says it.
HAPPENED = {
    LetterStage.ASSEMBLED: "was assembled again",
    LetterStage.AGREED: "was agreed by the partner inspector",
    LetterStage.WITH_READERS: "was sent to the management readers",
    LetterStage.READERS_ANSWERED: "was answered by the management readers",
    LetterStage.AMENDED: "was amended after the readers' comments",
    LetterStage.WITH_COUNCIL: "was sent to the council for factual accuracy",
    LetterStage.COUNCIL_COMMENTED: "was closed for the council's comments",
    LetterStage.RESPONSES_GIVEN: "went back to the council with what was done about each comment",
    LetterStage.FINAL: "was made final with its grades",
    LetterStage.PROOF_READ: "was proof read",
    LetterStage.CLEARED: "was cleared for publication",
    LetterStage.PUBLISHED: "was published to the council",
}
# The stages in their order, to tell a stage the letter has reached or passed.
ORDER = list(LetterStage)


def assessment_for(request, pk: int, perm: str = READ) -> Assessment:
    assessment = access_object(
        request.user,
        Assessment.objects.select_related("council", "round").prefetch_related("assignments__user"),
        perm,
        pk=pk,
    )
    assessment.can_work = request.user.has_perm(WORK, assessment)
    return assessment


def url(name: str, assessment, **kwargs) -> str:
    return reverse(f"letters:{name}", kwargs={"pk": assessment.pk, **kwargs})


def caption(assessment) -> str:
    return f"{assessment.council.name} \N{MIDDLE DOT} APA letter"


def reached(letter, stage: LetterStage) -> bool:
    """Whether the letter is at `stage` or past it."""
    return ORDER.index(LetterStage(letter.stage)) >= ORDER.index(stage)


def letter_moved_on(
    request,
    assessment,
    letter,
    *,
    why: str,
    back_url: str = "",
    back_text: str = "Go to the letter",
    what: str = "this letter",
    title: str = "",
):
    """The page an edit page of the letter answers once the letter's stage no longer allows
    the edit: which stage it entered, when and by whom (the audit trail's entry), and why."""
    stage = LetterStage(letter.stage)
    if not title and stage != LetterStage.PUBLISHED:
        title = "This letter cannot be changed at this stage"
    return frozen_page(
        request,
        what=what,
        happened=HAPPENED[stage],
        since=since_audit(letter, verb="letter.stage_changed", stage=stage.value),
        why=why,
        back_url=back_url or url("letter", assessment),
        back_text=back_text,
        caption=caption(assessment),
        title=title,
    )
