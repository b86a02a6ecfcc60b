"""Reads of the self-assessment for its pages."""

from dataclasses import dataclass, field

from ecm.framework.models import GradeScale
from ecm.self_assessment.models import Answer, SelfAssessment, Version
from ecm.self_assessment.template_parts import Part, Template

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


def part_tasks(*, version: Version, template: Template) -> list[PartTask]:
    """Each part's status for the task list (not started, in progress, completed)."""
    answers = answers_of(version)
    completed = set(version.progress.filter(completed=True).values_list("part_urn", flat=True))
    tasks = []
    for part in template.parts:
        urns = [f.urn for s in part.sections for f in s.fields]
        answered = [answers[u] for u in urns if u in answers and answers[u].has_content]
        if part.urn in completed:
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
