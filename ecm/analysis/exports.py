"""The evidence notebook as documents (issue 5 §7): "The notebook exports as PDF and DOCX
(Steps 1-4, and Steps 2-4 alone for moderation), with every piece of evidence listed".

The notebook is the trail of evidence that led to the judgements and is archived (002 §F), so
the documents hold only what both inspectors can see: shared Step 1 entries (a day-1 entry still
private to its author is never exported, 002 §D), each with every piece of its standing
evidence; the Step 2 summary sheets; the Step 3 overall summary; the Step 4 judgements with the
signatures that stand and the consistency warnings they raise (issue 5 §6). Steps 2-4 alone, for
moderation, still list the evidence behind every entry they link to, in an appendix.

`notebook_document_context` gathers everything once, as a list of sections; the HTML template
`analysis/notebook_document.html` (with every document's print CSS, `core/document.css`) renders
it for the PDF and for a page preview, and `exports_docx.notebook_docx` writes the same
sections with python-docx. The sections also render on their own
(`_notebook_document_sections.html`, `notebook_docx_sections`) for the Moderation Form,
submitted with Steps 2-4 (002 §H). The rendering helpers are the documents' shared ones
(ecm.core.documents): user text is escaped by the template and put into the DOCX as text,
never markup, after the characters XML cannot hold (a vertical tab pasted from Word) are
dropped.
"""

from datetime import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string

from ecm.analysis.content import CapacityDimension, OverallStrand, Strand, Tag, linked_entries
from ecm.analysis.models import EntryKind, Evidence
from ecm.analysis.notebook_shown import (
    NOT_WRITTEN,
    AreaShown,
    EntryShown,
    EvidenceShown,
    LinkShown,
    SectionShown,
    SignatureShown,
    StrandShown,
    SummaryShown,
    WarningShown,
)
from ecm.analysis.presentation import evidence_text
from ecm.analysis.selectors import (
    area_summaries,
    entries_shared,
    notebook_areas,
    overall_summary,
    required_judgements,
    signatures,
    summative_judgements,
)
from ecm.analysis.warnings import notebook_warnings
from ecm.apa.models import AssignmentRole
from ecm.core.documents import (
    STYLESHEET,
    clean,
    pdf_from_html,
    person,
    text_blocks,
    when,
)
from ecm.framework.models import AreaKind, Grade

TEMPLATE_NAME = "analysis/notebook_document.html"

STEPS = {"1-4": "Steps 1 to 4", "2-4": "Steps 2 to 4, for moderation"}
UNKNOWN_STEPS = "The notebook exports Steps 1-4 or Steps 2-4, not {steps!r}"

STEP_TITLES = {
    1: "Step 1: Analysis of the evidence",
    2: "Step 2: Summary of the findings and indicative judgements",
    3: "Step 3: Overall summary",
    4: "Step 4: Summative judgements",
}
STEP_3_TITLE = "Main issues and indicative grades"
APPENDIX_TITLE = "Evidence behind the linked entries"
APPENDIX_INTRO = (
    "Every entry that Steps 2 to 4 link to, with the evidence that led to it (the handbook, "
    "section F: the trail "
    "of evidence)."
)
SIGNATURES_TITLE = "Signatures"
WARNINGS_TITLE = "Consistency warnings"
MODERATION_TITLE = "Findings from moderation and quality assurance"
TRAIL_TITLE = "Key trail of evidence"
EVIDENCE_TITLE = "Evidence"
LINKS_TITLE = "Entries it rests on"

# What a printed notebook is dated by: the latest change to what it shows (an entry shared,
# revised, given or withdrawn a piece of evidence; a summary or judgement revised; a signature
# given or cleared), not the moment it was exported.
AS_AT = "Evidence as at"
NOTHING_YET = "Nothing shared or written yet"
NOT_GRADED = "Not graded yet"
NOT_SIGNED = "Not yet signed by both inspectors."
NO_EVIDENCE = "No evidence linked."
NO_WARNINGS = "The judgements as they stand raise no consistency warnings."
NO_LINKED_ENTRIES = "No entries are linked yet."
NONE_RECORDED = "None recorded."
SOCIAL_CARE_MISSING = (
    "No shared entry is tagged social care yet: Step 1 needs a specific comment on social care "
    "responsibilities (the handbook, section F, step 1)."
)

# The fixed wording, for the template, so that the PDF and the DOCX say the same.
WORDS = {
    "not_written": NOT_WRITTEN,
    "not_signed": NOT_SIGNED,
    "no_evidence": NO_EVIDENCE,
    "no_warnings": NO_WARNINGS,
    "none_recorded": NONE_RECORDED,
    "social_care_missing": SOCIAL_CARE_MISSING,
    "evidence": EVIDENCE_TITLE,
    "links": LINKS_TITLE,
    "signatures": SIGNATURES_TITLE,
    "warnings": WARNINGS_TITLE,
}

# Steps 2 and 3 grade on the four-point scale (002 §E.ii); its labels come from the framework.
FOUR_POINT_SCALE = "lsif_four_point"
EXCERPT_LENGTH = 80


def as_at_words(moment) -> str:
    """The notebook's "as at": when what it shows last changed, or that nothing has yet."""
    return when(moment) if moment is not None else NOTHING_YET


def _one_line(text: object) -> str:
    return " ".join(clean(text).split())


def _excerpt(text: str) -> str:
    words = _one_line(text)
    if len(words) <= EXCERPT_LENGTH:
        return words
    return words[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + "\N{HORIZONTAL ELLIPSIS}"


def _revision_line(revision) -> str:
    return (
        f"Revision {revision.number}, last revised by {person(revision.revised_by)} "
        f"on {when(revision.revised_at)}"
    )


def _grade_text(value, labels: dict[int, str]) -> str:
    if value is None:
        return NOT_GRADED
    label = labels.get(value)
    return f"Grade {value}: {clean(label)}" if label else f"Grade {value}"


def _key_judgement(urn: str, known: dict) -> str:
    """A key judgement by its number and title; its URN if the framework does not hold it."""
    found = known.get(urn)
    return _one_line(f"{found.code} {found.title}" if found else urn)


def _entry_shown(entry, key_judgements: dict) -> EntryShown:
    """Every piece of standing evidence is listed (issue 5 §7), as the revision described it
    when it was linked, with what the inspector said it shows."""
    content = entry.current.content
    texts = {item.get("id"): item.get("text", "") for item in content.get("evidence", [])}
    evidence = tuple(
        EvidenceShown(
            text=_one_line(texts.get(row.pk) or evidence_text(row)),
            note=_one_line(row.note),
            added=f"Added by {person(row.added_by)} on {when(row.added_at)}",
        )
        for row in entry.evidence_standing
    )
    kinds, tags, dimensions = (dict(c.choices) for c in (EntryKind, Tag, CapacityDimension))
    return EntryShown(
        pk=entry.pk,
        area_id=entry.outcome_id,
        area=clean(entry.outcome.title),
        kind_label=kinds.get(content.get("kind"), clean(content.get("kind"))),
        blocks=tuple(text_blocks(content.get("finding", ""))),
        excerpt=_excerpt(content.get("finding", "")),
        key_judgements=tuple(
            _key_judgement(urn, key_judgements) for urn in content.get("key_judgements", [])
        ),
        tags=tuple(tags.get(t, clean(t)) for t in content.get("tags", [])),
        capacity=tuple(dimensions.get(c, clean(c)) for c in content.get("capacity", [])),
        evidence=evidence,
        author=person(entry.author),
        revision=_revision_line(entry.current),
        social_care=Tag.SOCIAL_CARE in content.get("tags", []),
    )


def _links(ids, entries: dict[int, EntryShown]) -> tuple[LinkShown, ...]:
    """Linked entries in the notebook's order. Every link is kept, even to an entry the export
    cannot show (the services link only shared entries, so there should be none)."""
    order = {pk: index for index, pk in enumerate(entries)}
    ids = sorted(set(ids), key=lambda pk: (order.get(pk, len(order)), pk))
    return tuple(
        LinkShown(f"E{pk}", f"entry-{pk}", entries[pk].excerpt if pk in entries else "")
        for pk in ids
    )


def _strand(label: str, part: dict | None, labels, entries, text_key="text") -> StrandShown:
    part = part or {}
    return StrandShown(
        label=label,
        grade=_grade_text(part.get("grade"), labels),
        blocks=tuple(text_blocks(part.get(text_key, ""))),
        links=_links(part.get("entries", []), entries),
    )


def _four_point_labels(assessment) -> dict[int, str]:
    return dict(
        Grade.objects.filter(
            scale__version=assessment.round.framework_version, scale__code=FOUR_POINT_SCALE
        ).values_list("value", "label")
    )


def _inspectors(assessment) -> list[tuple[str, str, bool, int]]:
    """(role, name, is lead, user id) of the HMI and the BRM, the HMI first."""
    labels = dict(AssignmentRole.choices)
    found = [
        (a.role, labels[a.role], person(a.user), a.is_lead, a.user_id)
        for a in assessment.assignments.select_related("user")
        if a.role in (AssignmentRole.HMI, AssignmentRole.BRM)
    ]
    found.sort(key=lambda row: row[0] != AssignmentRole.HMI)
    return [row[1:] for row in found]


def _entries(assessment, areas) -> tuple[dict[int, EntryShown], dict[int, datetime]]:
    """The shared entries in the notebook's order (areas in order, then as written), and
    when each last changed as the document shows it: shared, revised, a piece of evidence
    added or withdrawn (the withdrawn pieces are read for that moment only, never shown)."""
    key_judgements = {kj.urn: kj for area in areas for kj in area.key_judgements.all()}
    evidence = Evidence.objects.select_related(
        "added_by", "indicator", "pack_item", "sa_document", "sa_version__self_assessment"
    )
    rows = entries_shared(assessment=assessment).prefetch_related(
        Prefetch("evidence", queryset=evidence, to_attr="evidence_all")
    )
    shown: dict[int, EntryShown] = {}
    changed: dict[int, datetime] = {}
    for row in rows:
        row.evidence_standing = [e for e in row.evidence_all if e.withdrawn_at is None]
        shown[row.pk] = _entry_shown(row, key_judgements)
        changed[row.pk] = max(
            [row.shared_at, row.current.revised_at]
            + [e.withdrawn_at or e.added_at for e in row.evidence_all]
        )
    return shown, changed


def _step_1(areas, entries: dict[int, EntryShown]) -> SectionShown:
    """One form per area, in the framework's order; each outcome's says whether it still lacks
    the specific comment on social care that Step 1 requires (002 §F step 1)."""
    by_area: dict[int, list[EntryShown]] = {}
    for entry in entries.values():
        by_area.setdefault(entry.area_id, []).append(entry)
    shown = []
    for area in areas:
        listed = by_area.get(area.pk, [])
        social_care = any(e.social_care for e in listed)
        shown.append(
            AreaShown(
                title=clean(area.title),
                anchor=f"step-1-{area.code}",
                entries=listed,
                social_care_missing=area.kind == AreaKind.OUTCOME and not social_care,
            )
        )
    return SectionShown(anchor="step-1", title=STEP_TITLES[1], areas=shown)


def notebook_document_context(*, assessment, steps: str) -> dict:
    """Everything the notebook's documents show (issue 5 §7; 002 §F): who the inspectors are
    and when what it shows last changed (its "as at", not the moment of export); for Steps
    1-4, each area's shared entries with their kind, finding, key judgements, groups, capacity
    dimensions, revision and every piece of standing evidence with its note; the Step 2
    summary sheets; Step 3; each Step 4 judgement the round's set requires, the signatures
    that stand and the consistency warnings. Steps 2-4 replace Step 1 with an appendix of the
    entries they link to, with their evidence."""
    if steps not in STEPS:
        raise ValueError(UNKNOWN_STEPS.format(steps=steps))
    council, assessment_round = assessment.council, assessment.round
    areas = notebook_areas(assessment=assessment)
    entries, entry_changed = _entries(assessment, areas)
    four_point = _four_point_labels(assessment)
    linked: set[int] = set()
    # When what the document shows last changed: the moment it prints (its "as at").
    changed: list[datetime] = []

    saved_areas = area_summaries(assessment=assessment)
    step2 = SectionShown(anchor="step-2", title=STEP_TITLES[2])
    for area in areas:
        saved = saved_areas.get(area.pk)
        if saved is None and area.kind == AreaKind.CAPACITY_TO_IMPROVE:
            continue  # Step 2 is per outcome and service management (002 §F step 2)
        shown = SummaryShown(
            title=clean(area.title), anchor=f"step-2-{area.code}", extra_title=MODERATION_TITLE
        )
        if saved is not None:
            content = saved.current.content
            linked |= linked_entries(content)
            changed.append(saved.current.revised_at)
            shown.written, shown.revision = True, _revision_line(saved.current)
            shown.strands = [
                _strand(label, content.get(code), four_point, entries)
                for code, label in Strand.choices
            ]
            shown.extra = tuple(text_blocks(content.get("moderation", "")))
        step2.summaries.append(shown)

    saved_overall = overall_summary(assessment=assessment)
    step3 = SummaryShown(title=STEP_3_TITLE, anchor="step-3-summary", extra_title=TRAIL_TITLE)
    if saved_overall is not None:
        content = saved_overall.current.content
        linked |= linked_entries(content)
        changed.append(saved_overall.current.revised_at)
        step3.written, step3.revision = True, _revision_line(saved_overall.current)
        step3.strands = [
            _strand(label, content.get(code), four_point, entries)
            for code, label in OverallStrand.choices
        ]
        step3.extra = tuple(text_blocks(content.get("trail", "")))

    judgements = required_judgements(assessment)
    prefetch_related_objects(judgements, "scale__grades")
    saved_judgements = summative_judgements(assessment=assessment)
    step4 = SectionShown(anchor="step-4", title=STEP_TITLES[4], closing=True)
    for judgement in judgements:
        shown = SummaryShown(title=clean(judgement.title), anchor=f"step-4-{judgement.code}")
        saved = saved_judgements.get(judgement.pk)
        if saved is not None:
            content = saved.current.content
            linked |= linked_entries(content)
            changed.append(saved.current.revised_at)
            labels = {g.value: g.label for g in judgement.scale.grades.all()}
            shown.written, shown.revision = True, _revision_line(saved.current)
            shown.strands = [_strand("", content, labels, entries, text_key="rationale")]
        step4.summaries.append(shown)

    inspectors = _inspectors(assessment)
    roles = {user_id: role for role, _, _, user_id in inspectors}
    every_signature = signatures(assessment=assessment, standing=False)
    standing = [s for s in every_signature if s.cleared_at is None]
    changed += [s.cleared_at or s.signed_at for s in every_signature]
    signed = [
        SignatureShown(person(s.signed_by), roles.get(s.signed_by_id, ""), when(s.signed_at))
        for s in standing
    ]
    warnings = [
        WarningShown(clean(w.message), clean(w.source))
        for w in notebook_warnings(assessment=assessment, judgements=judgements)
    ]

    include_step_1 = steps == "1-4"
    sections = [
        step2,
        SectionShown(anchor="step-3", title=STEP_TITLES[3], summaries=[step3]),
        step4,
    ]
    if include_step_1:
        sections.insert(0, _step_1(areas, entries))
        changed += entry_changed.values()
    else:
        changed += [moment for pk, moment in entry_changed.items() if pk in linked]
        by_area: dict[int, AreaShown] = {}
        for pk, entry in entries.items():
            if pk in linked:
                area = by_area.setdefault(
                    entry.area_id, AreaShown(entry.area, f"appendix-{len(by_area) + 1}")
                )
                area.entries.append(entry)
        sections.append(
            SectionShown(
                anchor="appendix",
                title=APPENDIX_TITLE,
                intro=APPENDIX_INTRO,
                areas=list(by_area.values()),
                empty=NO_LINKED_ENTRIES,
            )
        )

    # Not the moment of export: the same notebook prints the same document, which the cache of
    # built documents keeps until it changes (issue 25 §3; decision 0054).
    as_at = max(changed, default=None)
    council_name, round_title = clean(council.name), clean(assessment_round.title)
    facts = [("Council", council_name), ("Assessment", round_title)]
    facts += [(role, name + (" (lead)" if lead else "")) for role, name, lead, _ in inspectors]
    facts += [("Steps", STEPS[steps]), (AS_AT, as_at_words(as_at))]
    return {
        "title": f"Evidence notebook: {council_name}, {round_title}",
        "council": council,
        "council_name": council_name,
        "assessment": assessment,
        "assessment_round": assessment_round,
        "round_title": round_title,
        "steps": steps,
        "steps_label": STEPS[steps],
        "include_step_1": include_step_1,
        "inspectors": inspectors,
        "authors": " and ".join(name for _, name, _, _ in inspectors),
        "as_at": as_at,
        "facts": facts,
        "sections": sections,
        "signatures": signed,
        "signed_by_both": bool(roles) and set(roles) <= {s.signed_by_id for s in standing},
        "warnings": warnings,
        "words": WORDS,
        "stylesheet": STYLESHEET,
    }


def notebook_html(*, assessment, steps: str, **extra) -> str:
    """The notebook as HTML: the PDF's source and the page preview (`extra` adds context, such
    as `back_url` for the preview's back link)."""
    context = notebook_document_context(assessment=assessment, steps=steps)
    return render_to_string(TEMPLATE_NAME, context | extra)


def notebook_pdf(*, assessment, steps: str, base_url: str) -> bytes:
    """The notebook as a tagged PDF, rendered by WeasyPrint from notebook_document.html;
    `base_url` is the site's root, against which the stylesheet's URL resolves. Only the
    service's own static files are read (ecm.core.documents.url_fetcher)."""
    html = notebook_html(assessment=assessment, steps=steps)
    return pdf_from_html(html, base_url=base_url)


# --------------------------------------------------------------------------------------- DOCX
