"""The lines of enquiry a review is offered from its council's most recent APA (issue 24 §2).

001: the review focuses on safeguarding, looked after children, LDD and "Areas of weakness
identified in the most recent APA"; the APA's inspectors leave hypotheses "For JAR fieldwork"
(002 §D). Each proposal says where it came from; one carried into the review (the lead's
choice) is no longer offered."""

from __future__ import annotations

from dataclasses import dataclass

from ecm.analysis.models import Entry, EntryKind, Hypothesis, HypothesisStatus
from ecm.jar.models import LineOrigin


@dataclass(frozen=True)
class LineProposal:
    key: str  # "entry-12", "hypothesis-3": what the page posts back
    title: str
    origin: str
    where: str  # where it came from, in words, kept as the line's reason
    apa_entry: Entry | None = None
    hypothesis: Hypothesis | None = None


def proposed_lines(review) -> list[LineProposal]:
    """The linked APA's shared areas for improvement (its weak areas, outcome by outcome) and
    its hypotheses marked for JAR fieldwork, less those already carried into the review."""
    assessment = review.apa_assessment
    if assessment is None:
        return []
    carried = review.lines_of_enquiry.all()
    entries_carried = {line.apa_entry_id for line in carried if line.apa_entry_id}
    hypotheses_carried = {line.hypothesis_id for line in carried if line.hypothesis_id}
    found: list[LineProposal] = []
    round_name = str(assessment.round)
    entries = (
        Entry.objects.filter(assessment=assessment, shared_at__isnull=False)
        .select_related("current", "outcome")
        .order_by("outcome__order", "pk")
    )
    for entry in entries:
        content = entry.current.content if entry.current_id else {}
        if content.get("kind") != EntryKind.AREA_FOR_IMPROVEMENT or entry.pk in entries_carried:
            continue
        found.append(
            LineProposal(
                key=f"entry-{entry.pk}",
                title=f"{entry.outcome.title}: {content.get('finding', '').strip()}",
                origin=LineOrigin.APA_WEAKNESS,
                where=f"An area for improvement in {entry.outcome.title} found by the APA "
                f"({round_name}), the most recent APA",
                apa_entry=entry,
            )
        )
    hypotheses = (
        Hypothesis.objects.filter(assessment=assessment, status=HypothesisStatus.JAR_FIELDWORK)
        .select_related("outcome")
        .order_by("pk")
    )
    for hypothesis in hypotheses:
        if hypothesis.pk in hypotheses_carried:
            continue
        area = hypothesis.outcome.title if hypothesis.outcome_id else "Other areas"
        found.append(
            LineProposal(
                key=f"hypothesis-{hypothesis.pk}",
                title=f"{area}: {hypothesis.statement.strip()}",
                origin=LineOrigin.HYPOTHESIS,
                where=f'A hypothesis of the APA ({round_name}) marked "For JAR fieldwork"',
                hypothesis=hypothesis,
            )
        )
    return found
