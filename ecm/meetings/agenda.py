"""The APA meeting's agenda in the eight-item format of 002 §G.iv, drafted from the shared
entries and Steps 2-4 of the evidence notebook ("It should be drawn from the Evidence
notebook", 002 §G.ii). Judgements go in words, never as grades (002 §G.i items 3-4)."""

from datetime import timedelta

from ecm.analysis.content import OverallStrand, Strand
from ecm.analysis.models import EvidenceKind, HypothesisStatus
from ecm.analysis.selectors import (
    area_summaries,
    entries_shared,
    hypotheses_of,
    overall_summary,
    required_judgements,
    summative_judgements,
)
from ecm.apa.models import ModerationSelection
from ecm.framework.models import AreaKind

AGENDA_ITEMS: list[tuple[int, str]] = [
    (1, "Introductions and outline of the purpose of the meeting"),
    (2, "Overview observations: themes emerging"),
    (
        3,
        "The self-assessment: what it demonstrates clearly and where it does not offer "
        "sufficient insight or analysis of impact",
    ),
    (4, "Summary of emerging judgements"),
    (5, "The reasons for these judgements (referring to the trail of evidence)"),
    (6, "Areas to be recommended for scrutiny in any future joint area review"),
    (7, "Key points that will feature in the APA letter"),
    (
        8,
        "The next steps: moderation procedures, the draft letter, the final letter and the "
        "awarding of the grades to be taken forward into the comprehensive performance "
        "assessment",
    ),
]
ITEM_TITLES = dict(AGENDA_ITEMS)

PURPOSE = (
    "To feed back on the analysis stage, through the trail of evidence, the emerging judgements; "
    "to discuss them with the council, which may bring additional information to the table; "
    "to give interim judgements, not grades, on the contribution of the council's children's "
    "services overall, its education services and its social care services, and on its "
    "capacity to improve; and to set out the key points for the APA letter (the handbook, section "
    "G.i)."
)
# 002 §A: the draft letter "within approximately five weeks of the meeting".
DRAFT_LETTER_AFTER = timedelta(weeks=5)
NOTHING_YET = "Nothing in the notebook yet: write this item before the agenda is sent."


def item_unwritten(text: str) -> bool:
    """An item still to be written: empty, or the draft's placeholder for what the notebook
    could not fill. Neither may go to the council."""
    return not text.strip() or text.strip() == NOTHING_YET


def agenda_items(texts: dict[int, str]) -> list[dict]:
    """The working agenda's shape, in order: every one of the eight items, even if empty."""
    return [
        {"number": number, "title": title, "text": (texts.get(number) or "").strip()}
        for number, title in AGENDA_ITEMS
    ]


def _bullets(lines) -> str:
    lines = [line.strip() for line in lines if line and line.strip()]
    return "\n".join(f"- {line}" for line in lines)


def _finding(entry) -> str:
    return f"{entry.outcome.title}: {entry.current.content['finding']}"


def _words(grade, scale_grades: dict[int, object]) -> str | None:
    found = scale_grades.get(grade)
    if found is None:
        return None
    return found.wording or found.label


def agenda_draft_texts(*, assessment, meeting) -> dict[int, str]:
    """The eight items' first text, from what the notebook holds now. Private entries never
    appear: the agenda goes to the council."""
    entries = list(
        entries_shared(assessment=assessment)
        .prefetch_related("evidence")
        .order_by("outcome__order", "created_at")
    )
    by_kind: dict[str, list] = {}
    for entry in entries:
        by_kind.setdefault(entry.current.content["kind"], []).append(entry)
    step3 = overall_summary(assessment=assessment)
    step3_content = step3.current.content if step3 else {}
    step2 = sorted(area_summaries(assessment=assessment).values(), key=lambda s: s.outcome.order)

    texts: dict[int, str] = {}
    chair = f"\nChair: {meeting.get_chair_display()}." if meeting.chair else ""
    texts[1] = PURPOSE + chair

    themes = [
        f"{OverallStrand(s).label}: {step3_content[s]['text']}"
        for s in OverallStrand.values
        if s != OverallStrand.CAPACITY and (step3_content.get(s) or {}).get("text")
    ]
    texts[2] = _bullets(themes)

    cites_self_assessment = [
        e
        for e in entries
        if any(
            ev.kind == EvidenceKind.SELF_ASSESSMENT and ev.withdrawn_at is None
            for ev in e.evidence.all()
        )
    ]
    clear = [_finding(e) for e in cites_self_assessment if e.current.content["kind"] == "strength"]
    lacking = [
        _finding(e) for e in cites_self_assessment if e.current.content["kind"] != "strength"
    ]
    parts = []
    if clear:
        parts.append("What it demonstrates clearly:\n" + _bullets(clear))
    if lacking:
        parts.append(
            "Where it does not offer sufficient insight or analysis of impact:\n"
            + _bullets(lacking)
        )
    texts[3] = "\n\n".join(parts)

    judgements = required_judgements(assessment)
    step4 = summative_judgements(assessment=assessment)
    emerging = []
    for judgement in judgements:
        saved = step4.get(judgement.pk)
        grade = saved.current.content.get("grade") if saved else None
        words = _words(grade, {g.value: g for g in judgement.scale.grades.all()})
        if words:
            emerging.append(f"{judgement.title}: {words}")
    texts[4] = _bullets(emerging)

    further = [_finding(e) for e in by_kind.get("gap", []) + by_kind.get("inconsistency", [])]
    hypotheses = list(hypotheses_of(assessment=assessment))
    further += [h.statement for h in hypotheses if h.status == HypothesisStatus.OPEN]
    management = [
        _finding(e)
        for e in entries
        if e.outcome.kind != AreaKind.OUTCOME or e.current.content.get("capacity")
    ]
    sections = [
        (
            "Areas of strength or where progress is adequately demonstrated",
            by_kind.get("strength", []),
        ),
        ("Areas for improvement", by_kind.get("area_for_improvement", [])),
    ]
    parts = [
        f"{title}:\n{_bullets(_finding(e) for e in found)}" for title, found in sections if found
    ]
    if further:
        parts.append(
            "Areas for further investigation owing to gaps or inconsistencies in evidence:\n"
            + _bullets(further)
        )
    if management:
        parts.append(
            "Service management and the council's capacity to improve:\n" + _bullets(management)
        )
    texts[5] = "\n\n".join(parts)

    texts[6] = _bullets(
        h.statement for h in hypotheses if h.status == HypothesisStatus.JAR_FIELDWORK
    )

    key_points = []
    for summary in step2:
        said = [(summary.current.content.get(s) or {}).get("text", "") for s in Strand.values]
        said = " ".join(t.strip() for t in said if t and t.strip())
        if said:
            key_points.append(f"{summary.outcome.title}: {said}")
    texts[7] = _bullets(key_points)

    texts[8] = next_steps(assessment=assessment, meeting=meeting)
    return {n: t if t.strip() else NOTHING_YET for n, t in texts.items()}


def next_steps(*, assessment, meeting) -> str:
    """Item 8 with the round's own dates (002 §A timeline)."""
    assessment_round = assessment.round

    selection = (
        ModerationSelection.objects.filter(assessment=assessment)
        .select_related("group__day")
        .first()
    )
    lines = []
    if selection is not None and selection.selected:
        day = selection.group.day if selection.group_id else None
        when = f" on {day.date:%-d %B %Y}" if day else ""
        lines.append(
            f"Moderation: the emerging judgements will be discussed at a moderation day{when} "
            "with other councils' (the handbook, section H)."
        )
    else:
        lines.append(
            "Moderation: about half of councils' emerging judgements are discussed at "
            "moderation days, to apply the scale consistently (the handbook, section H)."
        )
    if meeting.date:
        lines.append(
            "The draft letter, with provisional judgements in words, about five weeks after "
            f"the meeting (by {meeting.date + DRAFT_LETTER_AFTER:%-d %B %Y}); the council checks "
            "it for factual accuracy within five working days (the handbook, section A)."
        )
    else:
        lines.append(
            "The draft letter, with provisional judgements in words, about five weeks after the "
            "meeting; the council checks it for factual accuracy within five working days (the "
            "handbook, section A)."
        )
    lines.append(
        f"The final letter, with the grades, by {assessment_round.final_letter_by:%-d %B %Y}; the "
        "grades go to the Audit Commission for the comprehensive performance assessment (the "
        "handbook, section A)."
    )
    return _bullets(lines)
