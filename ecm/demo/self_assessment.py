"""A written and submitted demo self-assessment, generated from the template itself."""

from ecm.performance.models import Comparison
from ecm.self_assessment import services
from ecm.self_assessment.models import SelfAssessment
from ecm.self_assessment.template_parts import FieldKind

PARAGRAPH = (
    "{label}: our evaluation is that outcomes are {judgement}. The evidence is in the "
    "Children and Young People's Plan and our performance data; we know where we must improve "
    "and our plans say how.\n- Partnership work with health and schools has strengthened.\n"
    "- We will improve the timeliness of assessments."
)


def demo_self_assessment_write(*, assessment, author) -> bool:
    """Write, cite and submit the assessment's self-assessment unless it exists. True if
    written now."""
    if SelfAssessment.objects.filter(assessment=assessment).exists():
        return False
    self_assessment = services.self_assessment_start(assessment=assessment, actor=author)
    version = self_assessment.versions.get()
    template = services.template_of(self_assessment)
    values = {}
    for _, section, field in template.fields():
        if field.kind == FieldKind.GRADES:
            values[field.urn] = {"text": "", "items": {g.key: "3" for g in field.grades}}
        elif field.kind == FieldKind.PRIORITIES:
            priorities = ["Reduce the number of young people not in education, employment or "
                          "training", "Improve the health of looked after children"]  # fmt: skip
            values[field.urn] = {"text": "", "items": {"priorities": priorities}}
        else:
            judgement = "good" if section.outcome else "adequate and improving"
            values[field.urn] = {
                "text": PARAGRAPH.format(label=section.title, judgement=judgement),
                "items": {},
            }
    services.answers_save(
        version=version, actor=author, values=values, lock_versions=dict.fromkeys(values, 0)
    )
    first_text = next(f for _, s, f in template.fields() if s.outcome and f.kind == "text")
    cited = (
        Comparison.objects.filter(council=assessment.council)
        .select_related("indicator")
        .order_by("indicator__code")
        .first()
    )
    if cited is not None:
        services.citation_add(
            version=version, field_urn=first_text.urn, actor=author, kind="indicator",
            indicator=cited.indicator,
        )  # fmt: skip
    services.citation_add(
        version=version, field_urn=first_text.urn, actor=author, kind="inspection",
        inspection="Joint area review report, 2006",
    )  # fmt: skip
    for part in template.parts:
        services.part_mark(version=version, part_urn=part.urn, completed=True, actor=author)
    services.version_submit(version=version, actor=author, declaration_confirmed=True)
    return True
