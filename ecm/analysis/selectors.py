"""Reads of the analysis stage: what a person may see of the notebook, and the figures each
page needs, in a fixed number of queries whatever the notebook's size (issue 5 quality bar)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from ecm.analysis.content import CapacityDimension, Tag
from ecm.analysis.models import (
    AreaSummary,
    ChecklistTick,
    Entry,
    EntryKind,
    Evidence,
    Hypothesis,
    HypothesisEvent,
    OverallSummary,
    PackItem,
    Revision,
    Signature,
    SummativeJudgement,
)
from ecm.analysis.pack import CycleSource, PackCategory
from ecm.analysis.presentation import sa_part_title
from ecm.apa.models import CyppReview
from ecm.core.uploads.text_task import TextStatus
from ecm.framework.models import AreaKind, KeyJudgement, Outcome
from ecm.framework.selectors import judgement_set_for
from ecm.performance.presentation import comparison_written
from ecm.performance.selectors import indicators_with_figures, profile_comparisons
from ecm.self_assessment.models import EvidenceDocument
from ecm.self_assessment.selectors import latest_submission
from ecm.self_assessment.template import template_by_urn


def entries_visible(*, assessment, user) -> QuerySet[Entry]:
    """Shared entries, and the user's own private ones (002 §D: day 1 apart)."""
    return (
        Entry.objects.filter(assessment=assessment)
        .filter(Q(shared_at__isnull=False) | Q(author=user))
        .select_related("current__revised_by", "author", "outcome")
    )


def entries_shared(*, assessment) -> QuerySet[Entry]:
    return Entry.objects.filter(assessment=assessment, shared_at__isnull=False).select_related(
        "current__revised_by", "author", "outcome"
    )


def notebook_areas(*, assessment) -> list[Outcome]:
    """The five outcomes and service management, with capacity to improve, in order."""
    return list(
        Outcome.objects.filter(version=assessment.round.framework_version)
        .prefetch_related(
            Prefetch("key_judgements", queryset=KeyJudgement.objects.order_by("order"))
        )
        .order_by("order")
    )


@dataclass
class AreaView:
    outcome: Outcome
    entries: list = field(default_factory=list)
    social_care_missing: bool = False


def notebook_view(*, assessment, user, outcome: Outcome | None = None) -> list[AreaView]:
    """Entries grouped by area, each area saying whether it still lacks the specific comment on
    social care that Step 1 requires of every outcome (002 §F step 1). Three queries."""
    areas = notebook_areas(assessment=assessment)
    entries = entries_visible(assessment=assessment, user=user).prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.filter(withdrawn_at__isnull=True).select_related(
                "indicator", "pack_item", "sa_document", "sa_version__self_assessment"
            ),
            to_attr="evidence_standing",
        )
    )
    if outcome is not None:
        entries = entries.filter(outcome=outcome)
        areas = [a for a in areas if a.pk == outcome.pk]
    by_area = defaultdict(list)
    for entry in entries:
        entry_labelled(entry)
        by_area[entry.outcome_id].append(entry)
    views = []
    for area in areas:
        listed = by_area[area.pk]
        has_social_care = any(Tag.SOCIAL_CARE in e.current.content["tags"] for e in listed)
        views.append(
            AreaView(
                outcome=area,
                entries=listed,
                social_care_missing=area.kind == AreaKind.OUTCOME and not has_social_care,
            )
        )
    return views


def entry_labelled(entry: Entry) -> Entry:
    """The entry with its kind and tags in words, for pages and documents."""
    content = entry.current.content
    entry.kind_label = dict(EntryKind.choices).get(content["kind"], "")
    entry.tag_labels = [Tag(t).label for t in content["tags"]]
    entry.capacity_labels = [CapacityDimension(c).label for c in content.get("capacity", [])]
    return entry


def revisions_of(*, subject: str, subject_id: int) -> QuerySet[Revision]:
    return (
        Revision.objects.filter(subject=subject, subject_id=subject_id)
        .select_related("revised_by")
        .order_by("number")
    )


def pack_items(*, assessment) -> QuerySet[PackItem]:
    return PackItem.objects.filter(assessment=assessment).select_related("uploaded_by")


@dataclass(frozen=True)
class ExpectedSource:
    """One input the round's cycle expects in the pack, and what of it the pack holds."""

    code: str
    title: str
    words: str
    items: list
    cypp_review: object | None = None

    @property
    def present(self) -> bool:
        return bool(self.items) or self.cypp_review is not None


def cycle_sources_expected(*, assessment, cycle, items: list[PackItem]) -> list[ExpectedSource]:
    """The round's cycle's pack sources in its order, each with the pack's items of that type
    (001 "APA": "The CYPP review will be considered by Ofsted together with" them; issue 23
    §1). The review of the CYPP counts as in the pack once the council has submitted it, or
    when an inspector has added it. The handbook's cycle names none: its lists are the pack's
    briefings and checklist (002 §B, §C)."""
    review = None
    if any(s.code == CycleSource.CYPP_REVIEW for s in cycle.pack_sources):
        review = CyppReview.objects.filter(
            assessment=assessment, submitted_at__isnull=False
        ).first()
    return [
        ExpectedSource(
            code=s.code,
            title=s.title,
            words=s.words,
            items=[
                i for i in items if i.category == PackCategory.CYCLE and i.source_type == s.code
            ],
            cypp_review=review if s.code == CycleSource.CYPP_REVIEW else None,
        )
        for s in cycle.pack_sources
    ]


def documents_not_searched(*, assessment) -> list[PackItem | EvidenceDocument]:
    """The pack's and the council's documents whose text a search cannot find: still being
    read, or not readable (issue 21 §1), each with its text_status and text_problem; the
    pack's first, as the pack lists them."""
    return [
        *pack_items(assessment=assessment).exclude(text_status=TextStatus.READY),
        *EvidenceDocument.objects.filter(self_assessment__assessment=assessment)
        .exclude(text_status=TextStatus.READY)
        .order_by("pk"),
    ]


def checklist_ticks(*, assessment) -> dict[str, ChecklistTick]:
    return {
        t.code: t
        for t in ChecklistTick.objects.filter(assessment=assessment).select_related("ticked_by")
    }


def hypotheses_of(*, assessment) -> QuerySet[Hypothesis]:
    events = HypothesisEvent.objects.select_related("recorded_by", "entry__current").order_by(
        "recorded_at", "pk"
    )
    return (
        Hypothesis.objects.filter(assessment=assessment)
        .select_related("outcome", "raised_by")
        .prefetch_related(Prefetch("events", queryset=events))
    )


def area_summaries(*, assessment) -> dict[int, AreaSummary]:
    return {
        s.outcome_id: s
        for s in AreaSummary.objects.filter(assessment=assessment).select_related(
            "current__revised_by", "outcome"
        )
    }


def overall_summary(*, assessment) -> OverallSummary | None:
    return (
        OverallSummary.objects.filter(assessment=assessment)
        .select_related("current__revised_by")
        .first()
    )


def summative_judgements(*, assessment) -> dict[int, SummativeJudgement]:
    return {
        s.judgement_id: s
        for s in SummativeJudgement.objects.filter(assessment=assessment).select_related(
            "current__revised_by"
        )
    }


def signatures(*, assessment, standing: bool = True) -> list[Signature]:
    found = Signature.objects.filter(assessment=assessment).select_related("signed_by")
    if standing:
        found = found.filter(cleared_at__isnull=True)
    return list(found)


def data_findings(*, assessment, outcome: Outcome, indicator=None) -> list:
    """The council's latest comparisons for one outcome (or one indicator of it), flagged ones
    first, each with its sentence and flags in words: where a finding can start (§3)."""
    rows = profile_comparisons(
        council=assessment.council, year=assessment.round.year, indicator=indicator
    ).filter(indicator__outcome=outcome.code)
    written = [comparison_written(c) for c in rows]
    return sorted(written, key=lambda c: (not c.flag_texts, c.indicator.code))


def key_judgements_of(*, assessment) -> QuerySet[KeyJudgement]:
    """Every key judgement of the round's framework, in the outcomes' order."""
    return (
        KeyJudgement.objects.filter(outcome__version=assessment.round.framework_version)
        .select_related("outcome")
        .order_by("outcome__order", "order")
    )


def evidence_choices(*, assessment) -> dict:
    """What an entry's evidence may be chosen from (issue 5 §3): the council's indicators, the
    pack's documents and the council's own, the briefings, and the parts and outcome sections of
    the latest submitted self-assessment (`version`, None before a submission)."""
    items = list(pack_items(assessment=assessment))
    documents = [(f"pack:{i.pk}", f"{i.title} ({i.source_type_label})") for i in items]
    documents += [
        (f"sa:{d.pk}", f"{d.title} (the council's)")
        for d in EvidenceDocument.objects.filter(self_assessment__assessment=assessment)
    ]
    version = latest_submission(assessment=assessment)
    parts = []
    if version is not None:
        template = template_by_urn(version.self_assessment.template_urn)
        for part in template.parts:
            parts.append((part.urn, sa_part_title(template.urn, part.urn)))
            parts += [(s.urn, f"Part {part.letter}: {s.title}") for s in part.sections if s.outcome]
    return {
        "indicators": indicators_with_figures(council=assessment.council),
        "documents": documents,
        "briefings": [i for i in items if i.category == PackCategory.BRIEFING],
        "parts": parts,
        "version": version,
    }


def required_judgements(assessment):
    """The judgements of the round's judgement set (2005: four; 2006: three; 2007-08: seven)."""
    judgement_set = judgement_set_for(
        version=assessment.round.framework_version,
        regime=assessment.round.regime,
        year=assessment.round.year,
    )
    if judgement_set is None:
        return []
    return list(
        judgement_set.judgements.select_related("scale", "outcome")
        .prefetch_related("scale__grades")
        .order_by("order")
    )
