"""The inspectors' reading of a self-assessment beside the council's data (issue 4 §4).

002 §D, days 2 and 3, "Consider the self-assessment": "Are the weaknesses you have identified
been addressed in the self-assessment? If not, is any evidence provided that these are not a
priority?" These reads put, outcome by outcome, the council's own grade beside the data's
picture, check each weakness the data shows against what the council wrote, list the claims that
cite no evidence, and show what changed from one version to the next. Councils never see them
(the view checks that); nothing here writes.

Pure reads with a fixed number of queries whatever the size of the self-assessment or the data:
`reading_for` makes at most seven, `versions_compared` at most six.

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

The matching rule for "mentioned only" (`indicator_terms`, `paragraph_mentions`):
1. The key terms of an indicator are the words of its title, lower-cased, leaving out numbers
   (tokens without a letter), common English words ("of", "the", "within", ...) and the words
   that nearly every indicator shares (percentage, rate, per, number, children, young, people,
   pupils, aged, year, days, month names: `STOP_WORDS`). A term counts once.
2. Words are compared by stem: lower-cased, a trailing "'s" dropped, a plural ending removed
   ("-ies" becomes "-y"; "-sses", "-xes", "-ches", "-shes" lose "-es"; otherwise a final "-s"
   goes, except after "s", "u" or "i"), then cut to its first six letters. So "conceptions"
   matches "conception" and "assessed" matches "assessments", but "concerns" does not match
   "conception".
3. A paragraph mentions the indicator when it holds at least two of the indicator's key terms,
   or at least half of them (rounded up) when it has more than four, or all of them when it has
   fewer than two. A paragraph is text between blank lines; each bullet point (a line starting
   "-", "*", "•" or "1.") is a paragraph of its own.
Example: "Teenage conception rate per 1,000 girls aged 15 to 17" has the key terms teenage,
conception, girls; "Teenage conceptions rose again last year" mentions it (two of three).
"""

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal, NamedTuple

from django.db.models import Prefetch

from ecm.performance.models import Comparison, Indicator, Outcome
from ecm.performance.presentation import FLAG_TEXT, comparison_finding
from ecm.performance.selectors import profile_comparisons
from ecm.self_assessment.models import (
    Answer,
    Citation,
    CitationKind,
    PartnerContribution,
    SelfAssessment,
    Version,
)
from ecm.self_assessment.selectors import scale_labels
from ecm.self_assessment.template import (
    Field,
    FieldKind,
    Part,
    Section,
    Template,
    template_by_urn,
    template_carry_over,
)

Status = Literal["addressed", "mentioned only", "not addressed"]
ADDRESSED: Status = "addressed"
MENTIONED_ONLY: Status = "mentioned only"
NOT_ADDRESSED: Status = "not addressed"
STATUSES: tuple[Status, ...] = (ADDRESSED, MENTIONED_ONLY, NOT_ADDRESSED)

WEAKNESS, GAP = "weakness", "gap"
WORSE_AND_GETTING_WORSE = "worse_and_getting_worse"
GAP_FLAGS = ("missing", "suppressed", "no_comparator")
SIGNIFICANTLY_WORSE = "Significantly worse than England"

CAPACITY_TO_IMPROVE = "urn:ecm:outcome:capacity-to-improve"
EXCERPT_WORDS = 30

# The diff's segment kinds: render "insert" as <ins> and "delete" as <del>.
EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# Common English words.
_COMMON_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just least
    less many may me more most much must my no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up upon very via was we were what when where
    whether which while who whom whose why will with within without would you your
"""
# Words nearly every indicator title shares, so they tell indicators apart badly.
_SHARED_WORDS = """
    percentage percent proportion number numbers rate rates ratio per total average mean
    score count value figure level levels aged age ages year years yearly annual month months
    week weeks day days date period time england national local authority authorities la
    council councils child children young people person persons pupil pupils student students
    including include includes based measured
    january february march april may june july august september october november december
"""
STOP_WORDS = frozenset(_COMMON_WORDS.split() + _SHARED_WORDS.split())

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d+[.)])\s+")


class Segment(NamedTuple):
    """A piece of a word-level diff: op is "equal", "insert" (<ins>) or "delete" (<del>)."""

    op: str
    text: str


@dataclass(frozen=True)
class GradeShown:
    value: str
    label: str

    def __str__(self) -> str:
        return f"{self.value}: {self.label}" if self.label else self.value


@dataclass(frozen=True)
class Place:
    """Where in the self-assessment something was found: a field (its part letter, section
    title and label), a partner's contribution to it, and the words found there."""

    field_urn: str
    part: str
    section: str
    label: str
    organisation: str = ""
    excerpt: str = ""
    matched: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return _where(self.part, self.section, self.label)


@dataclass(frozen=True)
class DataPicture:
    """The counts of the outcome's indicators against England and over time (002 §D day 1)."""

    indicators: int = 0
    better: int = 0
    similar: int = 0
    worse: int = 0
    not_compared: int = 0  # "not compared", or higher/lower where neither is better
    improving: int = 0
    getting_worse: int = 0
    no_change: int = 0  # "no significant change"


@dataclass(frozen=True)
class WeaknessCheck:
    """One weakness (or gap) in the data and whether the self-assessment addresses it."""

    indicator: Indicator
    comparison: Comparison
    kind: str  # "weakness" or "gap"
    reasons: tuple[str, ...]  # e.g. "Significantly worse than England and getting worse"
    finding: str  # the engine's sentence for the row
    status: Status
    terms: tuple[str, ...]  # the indicator's key terms (the matching rule)
    cited_in: tuple[Place, ...] = ()
    mentioned_in: tuple[Place, ...] = ()

    @property
    def addressed(self) -> bool:
        return self.status == ADDRESSED


@dataclass(frozen=True)
class UncitedClaim:
    """A text answer with words but no citation of any kind (000 §11: "referenced to relevant
    evidence")."""

    field_urn: str
    part: str
    section: str
    label: str
    excerpt: str  # the first ~30 words
    words: int

    @property
    def where(self) -> str:
        return _where(self.part, self.section, self.label)


@dataclass(frozen=True)
class OutcomeReading:
    outcome: str  # the performance Outcome value, e.g. "being_healthy"
    title: str
    area: str  # the framework URN of the grade's area, e.g. "urn:ecm:outcome:being-healthy"
    grade: GradeShown | None
    data: DataPicture
    comparisons: tuple[Comparison, ...]
    weaknesses: tuple[WeaknessCheck, ...]
    gaps: tuple[WeaknessCheck, ...]
    uncited: tuple[UncitedClaim, ...]
    own_fields: tuple[str, ...]  # the field URNs of the outcome's own text (Part D or E)

    @property
    def not_addressed(self) -> list[WeaknessCheck]:
        return [w for w in self.weaknesses if w.status == NOT_ADDRESSED]

    def count(self, status: Status) -> int:
        return sum(1 for w in self.weaknesses if w.status == status)


@dataclass(frozen=True)
class Reading:
    version: Version
    year: int
    outcomes: tuple[OutcomeReading, ...]
    capacity_to_improve: GradeShown | None
    uncited_elsewhere: tuple[UncitedClaim, ...]  # Parts A, B, C, F, G

    @property
    def not_addressed(self) -> list[WeaknessCheck]:
        """Every weakness the self-assessment does not address, outcome by outcome."""
        return [w for o in self.outcomes for w in o.not_addressed]


@dataclass(frozen=True)
class GradeChange:
    area: str
    label: str
    before: GradeShown | None
    after: GradeShown | None


@dataclass(frozen=True)
class FieldChange:
    """What changed in one field from one version to the next (issue 4 §4)."""

    field_urn: str
    part: str
    section: str
    label: str
    change: str  # "added", "removed" or "changed"
    segments: tuple[Segment, ...]  # the whole text, word by word; empty for grades
    text_changed: bool
    citations_added: tuple[str, ...] = ()
    citations_removed: tuple[str, ...] = ()
    grades_changed: tuple[GradeChange, ...] = ()
    contributions_added: tuple[str, ...] = ()
    contributions_removed: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return _where(self.part, self.section, self.label)


# --- the matching rule ---------------------------------------------------------------------


def stem(word: str) -> str:
    """A word's stem for matching (rule 2 of the module docstring)."""
    w = word.lower().replace("\u2019", "'")
    w = w.removesuffix("'s").replace("'", "")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:6]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def indicator_terms(title: str) -> dict[str, str]:
    """The key terms of an indicator's title, as {stem: the word as written} in title order
    (rule 1 of the module docstring)."""
    terms: dict[str, str] = {}
    for word in _words(title):
        lower = word.lower()
        if not any(c.isalpha() for c in lower) or lower in STOP_WORDS:
            continue
        if stem(lower) in STOP_WORDS or lower.removesuffix("s") in STOP_WORDS:
            continue
        terms.setdefault(stem(lower), lower)
    return terms


def terms_needed(count: int) -> int:
    """How many of an indicator's key terms a paragraph must hold (rule 3)."""
    if count < 2:
        return count
    return max(2, math.ceil(count / 2)) if count > 4 else 2


def paragraphs(text: str) -> list[str]:
    """Text between blank lines; each bullet point on its own (rule 3)."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            if _BULLET.match(line) and current:
                found.append("\n".join(current))
                current = []
            current.append(line)
        if current:
            found.append("\n".join(current))
    return [p.strip() for p in found if p.strip()]


def paragraph_mentions(paragraph: str, terms: dict[str, str]) -> tuple[str, ...]:
    """The key terms the paragraph holds when they are enough to count as a mention, else ()."""
    if not terms:
        return ()
    stems = {stem(w) for w in _words(paragraph)}
    matched = tuple(word for s, word in terms.items() if s in stems)
    return matched if len(matched) >= terms_needed(len(terms)) else ()


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of a text, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# --- the reading ---------------------------------------------------------------------------


@dataclass
class _Located:
    part: Part
    section: Section
    field: Field
    order: int


def _where(part: str, section: str, label: str) -> str:
    if section and section != label:
        return f"Part {part}, {section}: {label}"
    return f"Part {part}: {label}"


def _index(template: Template) -> dict[str, _Located]:
    return {f.urn: _Located(p, s, f, i) for i, (p, s, f) in enumerate(template.fields())}


def _area_of(outcome: Outcome) -> str:
    """The framework URN of an outcome's area, as the template's grade items name it."""
    return "urn:ecm:outcome:" + outcome.value.replace("_", "-")


def _own_fields(template: Template, outcome: Outcome) -> tuple[str, ...]:
    """The outcome's own text: its Part D section, or Part E for service management."""
    if outcome is Outcome.SERVICE_MANAGEMENT:
        return tuple(f.urn for f in template.part("e").fields)
    area = _area_of(outcome)
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
        area = _area_of(outcome)
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


# --- from one version to the next ----------------------------------------------------------


def _tokens(text: str) -> list[str]:
    """Words with the whitespace after them (leading whitespace a token of its own)."""
    return re.findall(r"\S+\s*|\s+", text)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level diff of two texts (difflib), as (op, text) segments whose texts join up
    to the new text once the "delete" segments are left out, and to the old text once the
    "insert" segments are."""
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    segments: list[Segment] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(EQUAL, "".join(b[j1:j2]))
        else:
            add(DELETE, "".join(a[i1:i2]))
            add(INSERT, "".join(b[j1:j2]))
    return tuple(segments)


def _comparable_text(answer: Answer | None, field: Field | None) -> str:
    if answer is None:
        return ""
    if field is not None and field.kind == FieldKind.PRIORITIES:
        return "\n".join(str(p) for p in (answer.items or {}).get("priorities", []))
    if field is not None and field.kind == FieldKind.GRADES:
        return ""
    return answer.text


def _citation_key(citation: Citation) -> tuple:
    """A citation's identity across versions (a reopened version copies them anew)."""
    return (
        citation.kind,
        citation.document_id,
        citation.location,
        citation.indicator_id,
        citation.inspection,
    )


def _present(answer: Answer | None) -> bool:
    return answer is not None and bool(
        answer.has_content or answer.citations.all() or answer.contributions.all()
    )


def _keyed_difference(before: dict, after: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    added = tuple(after[k] for k in after if k not in before)
    removed = tuple(before[k] for k in before if k not in after)
    return added, removed


def versions_compared(*, older: Version, newer: Version) -> list[FieldChange]:
    """What changed from `older` to `newer`, field by field in the template's order (issue 4
    §4: "from one version to the next, what changed"): each field added, removed or changed,
    with a word-level diff of its text, the citations added and removed, the grades changed
    and the partner contributions added and removed. Unchanged fields are left out.

    Between templates (an APA submission carried into a JAR version, 000 §16) the older
    answers are matched to the newer fields by part, section and key. At most six queries.
    """
    self_assessments = {
        sa.pk: sa
        for sa in SelfAssessment.objects.select_related(
            "assessment__round__framework_version"
        ).filter(pk__in={older.self_assessment_id, newer.self_assessment_id})
    }
    old_template = template_by_urn(self_assessments[older.self_assessment_id].template_urn)
    template = template_by_urn(self_assessments[newer.self_assessment_id].template_urn)
    mapping = (
        template_carry_over(source=old_template, target=template)
        if old_template.urn != template.urn
        else None
    )
    index = _index(template)
    old_index = _index(old_template)
    before: dict[str, Answer] = {}
    after: dict[str, Answer] = {}
    for answer in _answers([older, newer]):
        if answer.version_id == newer.pk:
            after[answer.field_urn] = answer
        else:
            urn = mapping.get(answer.field_urn, answer.field_urn) if mapping else answer.field_urn
            before[urn] = answer

    grades_field = _grades_field(template)
    labels = scale_labels(
        assessment=self_assessments[newer.self_assessment_id].assessment,
        scale_urn=grades_field.scale if grades_field else None,
    )

    def order(urn: str) -> tuple[int, str]:
        located = index.get(urn)
        return (located.order if located else len(index), urn)

    changes = []
    for urn in sorted(set(before) | set(after), key=order):
        old, new = before.get(urn), after.get(urn)
        if not _present(old) and not _present(new):
            continue
        located = index.get(urn) or old_index.get(old.field_urn if old else urn)
        field = located.field if located else None
        old_text, new_text = _comparable_text(old, field), _comparable_text(new, field)
        citations_added, citations_removed = _keyed_difference(
            {_citation_key(c): str(c) for c in (old.citations.all() if old else [])},
            {_citation_key(c): str(c) for c in (new.citations.all() if new else [])},
        )
        contributions_added, contributions_removed = _keyed_difference(
            {(c.organisation, c.text): f"{c.organisation}: {excerpt(c.text)}"
             for c in (old.contributions.all() if old else [])},
            {(c.organisation, c.text): f"{c.organisation}: {excerpt(c.text)}"
             for c in (new.contributions.all() if new else [])},
        )  # fmt: skip
        grades_changed = ()
        if field is not None and field.kind == FieldKind.GRADES:
            old_items = (old.items or {}) if old else {}
            new_items = (new.items or {}) if new else {}
            grades_changed = tuple(
                GradeChange(
                    area=g.area,
                    label=g.label,
                    before=_shown(str(old_items.get(g.key) or "") or None, labels),
                    after=_shown(str(new_items.get(g.key) or "") or None, labels),
                )
                for g in field.grades
                if str(old_items.get(g.key) or "") != str(new_items.get(g.key) or "")
            )
        text_changed = old_text != new_text
        if _present(old) and _present(new):
            kind = CHANGED
            if not (
                text_changed
                or citations_added
                or citations_removed
                or contributions_added
                or contributions_removed
                or grades_changed
                or (old.items != new.items)
            ):
                continue
        else:
            kind = ADDED if _present(new) else REMOVED
        place = _place(located, urn)
        changes.append(
            FieldChange(
                field_urn=urn,
                part=place.part,
                section=place.section,
                label=place.label,
                change=kind,
                segments=word_diff(old_text, new_text),
                text_changed=text_changed,
                citations_added=citations_added,
                citations_removed=citations_removed,
                grades_changed=grades_changed,
                contributions_added=contributions_added,
                contributions_removed=contributions_removed,
            )
        )
    return changes
