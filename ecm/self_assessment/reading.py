"""The inspectors' reading of a self-assessment beside the council's data (issue 4 §4).

002 §D, days 2 and 3, "Consider the self-assessment": "Are the weaknesses you have identified
been addressed in the self-assessment? If not, is any evidence provided that these are not a
priority?" These reads put, outcome by outcome, the council's own grade beside the data's
picture, check each weakness the data shows against what the council wrote, list the claims that
cite no evidence, and show what changed from one version to the next. Councils never see them
(the view checks that); nothing here writes.

Pure reads with a fixed number of queries whatever the size of the self-assessment or the data:
`reading_for` makes at most seven. The matching rule for "mentioned only" is in
`reading_terms`; what changed between versions, in `reading_changes`.

What counts as a weakness (issue 4 §4). For each of the outcome's indicators, the council's
latest comparison row ending in or before the year (`profile_comparisons`):
- a weakness is a row flagged ``worse_and_getting_worse``, or whose ``vs_england`` is
  ``"worse"`` (significantly worse than England);
- a gap, listed apart, is a row flagged ``missing``, ``suppressed`` or ``no_comparator``
  (002 §D day 1: "what they don't tell us about the authority").
Each is checked in the same way and given one of three statuses:
- ``"addressed"``: some answer of the version cites the indicator (a Citation of kind
  indicator), wherever in the self-assessment that answer is;
- ``"mentioned only"``: no answer cites it, but a paragraph of the answers' text uses its terms
  (the matching rule below);
- ``"not addressed"``: neither.

Which text is searched. Every answer of the version, and every partner contribution to it
(000 §16), is searched, for citations and for terms: a weakness discussed anywhere has been
discussed, and councils often take a weakness up in Part B (summary) or Part C (priorities
founded on an analysis of need) rather than under its outcome. The places found are listed with
the outcome's own text first (its Part D section, or Part E for service management), then the
rest in the template's order, so the inspector sees at once whether the council dealt with it in
its place. Uncited claims, by contrast, are listed under the outcome whose text they are in
(its Part D section; Part E for service management); those in Parts A, B, C, F and G are listed
once, in `Reading.uncited_elsewhere`.

"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from ecm.performance.models import Comparison, Outcome
from ecm.performance.presentation import FLAG_TEXT, comparison_finding
from ecm.performance.selectors import profile_comparisons
from ecm.self_assessment.models import (
    Answer,
    Citation,
    CitationKind,
    PartnerContribution,
    Version,
)
from ecm.self_assessment.reading_shown import (
    ADDRESSED,
    MENTIONED_ONLY,
    NOT_ADDRESSED,
    DataPicture,
    GradeShown,
    OutcomeReading,
    Place,
    Reading,
    Status,
    UncitedClaim,
    WeaknessCheck,
)
from ecm.self_assessment.reading_terms import (
    excerpt,
    indicator_terms,
    paragraph_mentions,
    paragraphs,
)
from ecm.self_assessment.selectors import scale_labels
from ecm.self_assessment.template import template_by_urn
from ecm.self_assessment.template_parts import Field, FieldKind, Part, Section, Template

STATUSES: tuple[Status, ...] = (ADDRESSED, MENTIONED_ONLY, NOT_ADDRESSED)

WEAKNESS, GAP = "weakness", "gap"
WORSE_AND_GETTING_WORSE = "worse_and_getting_worse"
GAP_FLAGS = ("missing", "suppressed", "no_comparator")
SIGNIFICANTLY_WORSE = "Significantly worse than England"

CAPACITY_TO_IMPROVE = "urn:ecm:outcome:capacity-to-improve"


# --- the reading ---------------------------------------------------------------------------


@dataclass
class _Located:
    part: Part
    section: Section
    field: Field
    order: int


def _index(template: Template) -> dict[str, _Located]:
    return {f.urn: _Located(p, s, f, i) for i, (p, s, f) in enumerate(template.fields())}


def _own_fields(template: Template, outcome: Outcome) -> tuple[str, ...]:
    """The outcome's own text: its Part D section, or Part E for service management."""
    if outcome is Outcome.SERVICE_MANAGEMENT:
        return tuple(f.urn for f in template.part("e").fields)
    area = outcome.framework_urn
    return tuple(f.urn for s in template.part("d").sections if s.outcome == area for f in s.fields)


def _answers(versions: Iterable[Version]) -> list[Answer]:
    """The versions' answers with their citations and contributions: three queries."""
    return list(
        Answer.objects.filter(version__in=list(versions))
        .order_by("version_id", "field_urn")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("document", "indicator"),
            ),
            Prefetch("contributions", queryset=PartnerContribution.objects.order_by("pk")),
        )
    )


def _place(located: _Located | None, urn: str, **extra) -> Place:
    if located is None:
        return Place(field_urn=urn, part="", section="", label=urn, **extra)
    return Place(
        field_urn=urn,
        part=located.part.letter,
        section=located.section.title,
        label=located.field.label,
        **extra,
    )


def _grades_field(template: Template) -> Field | None:
    return next((f for _, _, f in template.fields() if f.kind == FieldKind.GRADES), None)


def _grade_values(answers: dict[str, Answer], grades_field: Field | None) -> dict[str, str]:
    """The council's grades as {area URN: value} from the Part B grades answer."""
    if grades_field is None or grades_field.urn not in answers:
        return {}
    items = answers[grades_field.urn].items or {}
    return {g.area: str(items[g.key]) for g in grades_field.grades if items.get(g.key)}


def _shown(value: str | None, labels: dict[str, str]) -> GradeShown | None:
    return GradeShown(value, labels.get(value, "")) if value else None


def _picture(comparisons: list[Comparison]) -> DataPicture:
    vs = [c.vs_england for c in comparisons]
    trend = [c.trend for c in comparisons]
    better, similar, worse = vs.count("better"), vs.count("similar"), vs.count("worse")
    return DataPicture(
        indicators=len(comparisons),
        better=better,
        similar=similar,
        worse=worse,
        not_compared=len(comparisons) - better - similar - worse,
        improving=trend.count("improving"),
        getting_worse=trend.count("getting worse"),
        no_change=trend.count("no significant change"),
    )


def _reasons(comparison: Comparison) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(weakness reasons, gap reasons) of a comparison row."""
    flags = comparison.flag_list
    weakness: list[str] = []
    if WORSE_AND_GETTING_WORSE in flags:
        weakness.append(FLAG_TEXT[WORSE_AND_GETTING_WORSE])
    elif comparison.vs_england == "worse":
        weakness.append(SIGNIFICANTLY_WORSE)
    gap_flags = [f for f in GAP_FLAGS if f in flags]
    if comparison.suppressed and "suppressed" not in gap_flags:
        gap_flags.append("suppressed")
    return tuple(weakness), tuple(FLAG_TEXT[f] for f in gap_flags)


@dataclass
class _Text:
    """One paragraph of the self-assessment, where it is and its order for listing."""

    urn: str
    organisation: str
    paragraph: str


def _check(
    comparison: Comparison,
    *,
    kind: str,
    reasons: tuple[str, ...],
    cited: dict[int, list[Place]],
    texts: list[_Text],
    index: dict[str, _Located],
    own: set[str],
) -> WeaknessCheck:
    indicator = comparison.indicator
    terms = indicator_terms(indicator.title)

    def order(place: Place) -> tuple[int, int]:
        located = index.get(place.field_urn)
        return (0 if place.field_urn in own else 1, located.order if located else len(index))

    cited_in = sorted(cited.get(indicator.pk, []), key=order)
    mentioned_in = []
    for text in texts:
        matched = paragraph_mentions(text.paragraph, terms)
        if matched:
            mentioned_in.append(
                _place(
                    index.get(text.urn),
                    text.urn,
                    organisation=text.organisation,
                    excerpt=excerpt(text.paragraph),
                    matched=matched,
                )
            )
    mentioned_in.sort(key=order)
    status = ADDRESSED if cited_in else MENTIONED_ONLY if mentioned_in else NOT_ADDRESSED
    return WeaknessCheck(
        indicator=indicator,
        comparison=comparison,
        kind=kind,
        reasons=reasons,
        finding=comparison_finding(comparison).text,
        status=status,
        terms=tuple(terms.values()),
        cited_in=tuple(cited_in),
        mentioned_in=tuple(mentioned_in),
    )


def _uncited(answers: dict[str, Answer], index: dict[str, _Located]) -> dict[str, UncitedClaim]:
    """Text answers with words but no citation, by field URN, in the template's order."""
    claims: dict[str, UncitedClaim] = {}
    for urn, located in sorted(index.items(), key=lambda item: item[1].order):
        answer = answers.get(urn)
        if answer is None or located.field.kind != FieldKind.TEXT:
            continue
        words = " ".join([answer.text, *(c.text for c in answer.contributions.all())]).strip()
        if not words or answer.citations.all():
            continue
        claims[urn] = UncitedClaim(
            field_urn=urn,
            part=located.part.letter,
            section=located.section.title,
            label=located.field.label,
            excerpt=excerpt(words),
            words=len(words.split()),
        )
    return claims


def reading_for(*, version: Version, year: int | None = None) -> Reading:
    """The inspectors' reading of one version, outcome by outcome (issue 4 §4; 002 §D days
    2-3): the council's grade beside the data's counts, each weakness and gap of the data with
    whether the self-assessment addresses it, and the claims that cite no evidence.

    `year` picks the council's profile (each indicator's latest period ending in or before it);
    by default the year of the assessment's round. The statuses, the text searched and the
    matching rule are those of the module docstring. At most seven queries.
    """
    version = Version.objects.select_related(
        "self_assessment__assessment__round__framework_version",
        "self_assessment__assessment__council",
    ).get(pk=version.pk)
    assessment = version.self_assessment.assessment
    year = assessment.round.year if year is None else year
    template = template_by_urn(version.self_assessment.template_urn)
    index = _index(template)

    answers = {a.field_urn: a for a in _answers([version])}
    grades_field = _grades_field(template)
    grades = _grade_values(answers, grades_field)
    labels = scale_labels(
        assessment=assessment, scale_urn=grades_field.scale if grades_field else None
    )

    cited: dict[int, list[Place]] = defaultdict(list)
    texts: list[_Text] = []
    for urn, answer in answers.items():
        for citation in answer.citations.all():
            if citation.kind == CitationKind.INDICATOR and citation.indicator_id:
                cited[citation.indicator_id].append(
                    _place(index.get(urn), urn, excerpt=str(citation))
                )
        texts.extend(_Text(urn, "", p) for p in paragraphs(answer.text))
        for contribution in answer.contributions.all():
            texts.extend(
                _Text(urn, contribution.organisation, p) for p in paragraphs(contribution.text)
            )

    by_outcome: dict[str, list[Comparison]] = defaultdict(list)
    for comparison in profile_comparisons(council=assessment.council, year=year):
        by_outcome[comparison.indicator.outcome].append(comparison)

    uncited = _uncited(answers, index)
    outcomes = []
    for outcome in Outcome:
        own = _own_fields(template, outcome)
        comparisons = by_outcome.get(outcome.value, [])
        checks: dict[str, list[WeaknessCheck]] = {WEAKNESS: [], GAP: []}
        for comparison in comparisons:
            for kind, reasons in zip((WEAKNESS, GAP), _reasons(comparison), strict=True):
                if reasons:
                    checks[kind].append(
                        _check(
                            comparison,
                            kind=kind,
                            reasons=reasons,
                            cited=cited,
                            texts=texts,
                            index=index,
                            own=set(own),
                        )
                    )
        # Worse and getting worse first, then significantly worse; by code within each.
        checks[WEAKNESS].sort(key=lambda w: (w.reasons[0] == SIGNIFICANTLY_WORSE,))
        area = outcome.framework_urn
        outcomes.append(
            OutcomeReading(
                outcome=outcome.value,
                title=outcome.label,
                area=area,
                grade=_shown(grades.get(area), labels),
                data=_picture(comparisons),
                comparisons=tuple(comparisons),
                weaknesses=tuple(checks[WEAKNESS]),
                gaps=tuple(checks[GAP]),
                uncited=tuple(uncited.pop(urn) for urn in own if urn in uncited),
                own_fields=own,
            )
        )
    return Reading(
        version=version,
        year=year,
        outcomes=tuple(outcomes),
        capacity_to_improve=_shown(grades.get(CAPACITY_TO_IMPROVE), labels),
        uncited_elsewhere=tuple(uncited.values()),
    )
