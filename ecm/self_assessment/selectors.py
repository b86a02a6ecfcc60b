"""Reads of the self-assessment for its pages."""

from dataclasses import dataclass, field

from ecm.framework.models import GradeScale
from ecm.self_assessment.models import Answer, PartnerContribution, SelfAssessment, Version
from ecm.self_assessment.template_parts import (
    Field,
    FieldKind,
    Part,
    Section,
    Template,
    WordGuidance,
)

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


@dataclass
class PartTask:
    part: Part
    status: str
    words: int = 0
    fields_answered: int = 0
    fields_total: int = 0


@dataclass
class VersionView:
    version: Version
    answers: dict[str, Answer] = field(default_factory=dict)


def answers_of(version: Version) -> dict[str, Answer]:
    return {
        a.field_urn: a
        for a in version.answers.select_related("updated_by").prefetch_related(
            "citations__document", "citations__indicator", "contributions"
        )
    }


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Missing:
    """A required answer not given yet: what to put right, and where on the part's page."""

    part: Part
    section: Section
    field: Field
    grade: str = ""  # the grade item's label, for a grades field

    @property
    def input_id(self) -> str:
        """The id of the input on the part's page (the form's names, as Django renders ids)."""
        slug = f"{self.section.key}.{self.field.key}"
        key = next((g.key for g in self.field.grades if g.label == self.grade), "")
        return f"id_{slug}__{key}" if key else f"id_{slug}"

    @property
    def message(self) -> str:
        where = f"Part {self.part.letter}"
        if len(self.part.sections) > 1:
            where += f", {self.section.title}"
        if self.grade:
            return f"{where}: choose a grade for {self.grade}"
        return f"{where}: answer \u201c{self.field.label}\u201d"


def _missing_in(field: Field, answer: Answer | None) -> list[str]:
    """The grades not given ([""] for a field with no answer at all); [] when answered."""
    if field.kind == FieldKind.GRADES:
        given = answer.items if answer else {}
        return [g.label for g in field.grades if not given.get(g.key)]
    if field.kind == FieldKind.PRIORITIES:
        return [] if answer and answer.items.get("priorities") else [""]
    # Key contacts are written as text on the page, or kept as a list (contacts: [...]).
    listed = field.kind == FieldKind.CONTACTS and answer and answer.items.get("contacts")
    return [] if listed or (answer and answer.text.strip()) else [""]


def answers_missing(
    *, version: Version, template: Template, part: Part | None = None, answers=None
) -> list[Missing]:
    """The required answers not given, in the template's order (a part is completed only when
    its required answers are given: the library file's header gives the seed's words)."""
    answers = answers_of(version) if answers is None else answers
    return [
        Missing(part=p, section=s, field=f, grade=grade)
        for p, s, f in template.fields()
        if f.required and (part is None or p.urn == part.urn)
        for grade in _missing_in(f, answers.get(f.urn))
    ]


def part_tasks(*, version: Version, template: Template) -> list[PartTask]:
    """Each part's status for the task list (not started, in progress, completed)."""
    answers = answers_of(version)
    completed = set(version.progress.filter(completed=True).values_list("part_urn", flat=True))
    missing = answers_missing(version=version, template=template, answers=answers)
    incomplete = {m.part.urn for m in missing}
    tasks = []
    for part in template.parts:
        urns = [f.urn for s in part.sections for f in s.fields]
        answered = [answers[u] for u in urns if u in answers and answers[u].has_content]
        # Marked completed, then an answer cleared with "come back later": not completed.
        if part.urn in completed and part.urn not in incomplete:
            status = COMPLETED
        elif answered:
            status = IN_PROGRESS
        else:
            status = NOT_STARTED
        tasks.append(
            PartTask(
                part=part,
                status=status,
                words=sum(word_count(a.text) for a in answered),
                fields_answered=len(answered),
                fields_total=len(urns),
            )
        )
    return tasks


def partners_contributed(version: Version) -> list[str]:
    """The partner organisations whose contributions this version holds (000 §8, §9, §16)."""
    return sorted(
        set(
            PartnerContribution.objects.filter(answer__version=version).values_list(
                "organisation", flat=True
            )
        )
    )


def outcome_words(template: Template) -> WordGuidance | None:
    """The length guide for each outcome, where the template gives one (the APA's)."""
    return next((s.words for p in template.parts for s in p.sections if s.words), None)


def scale_labels(*, assessment, scale_urn: str | None) -> dict[str, str]:
    """The grade values and labels of the round's framework version for a scale URN."""
    scale = (
        GradeScale.objects.filter(version=assessment.round.framework_version, urn=scale_urn)
        .prefetch_related("grades")
        .first()
    )
    if scale is None:
        return {"4": "Outstanding", "3": "Good", "2": "Adequate", "1": "Inadequate"}
    return {str(g.value): g.label for g in scale.grades.all()}


def self_assessment_of(assessment) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(assessment=assessment).first()


def latest_submission(*, assessment) -> Version | None:
    """The assessment's latest submitted version: what the inspectors read and cite."""
    return (
        Version.objects.filter(self_assessment__assessment=assessment, submitted_at__isnull=False)
        .select_related("self_assessment")
        .order_by("-number")
        .first()
    )


def latest_apa_submission(*, council) -> Version | None:
    """The council's latest submitted APA self-assessment: a JAR's starts from it (000 §16)."""
    return (
        Version.objects.filter(
            self_assessment__assessment__council=council,
            self_assessment__assessment__round__regime="apa",
            submitted_at__isnull=False,
        )
        .select_related("self_assessment__assessment__round")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def documents_search(*, self_assessment: SelfAssessment, query: str) -> list[tuple]:
    """The documents whose extracted text holds `query`, each with the words around it (issue
    4 §2: uploads' text "extracted so it can be searched")."""
    found = self_assessment.documents.filter(text__icontains=query)
    return [(document, _snippet(document.text, query)) for document in found]


def _snippet(text: str, query: str, around: int = 120) -> str:
    """The words around the first match, so a searcher sees why a document was found."""
    at = text.lower().find(query.lower())
    if at < 0:
        return ""
    start, end = max(at - around, 0), at + len(query) + around
    return (
        ("…" if start else "")
        + text[start:end].replace("\f", " ")
        + ("…" if end < len(text) else "")
    )
