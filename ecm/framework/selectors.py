"""Reading the framework (DOMAIN.md §2, §7): versions, their parts, and the set for a round."""

from datetime import date

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ecm.framework.models import (
    FrameworkVersion,
    Grade,
    GradeScale,
    Judgement,
    JudgementSet,
    KeyJudgement,
    Outcome,
)

GRADE_NOT_ON_SCALE = 'the grade scale "{scale}" has no grade {value}; its grades are {values}'

# What each count is, and the path from the counted model back to its version.
_COUNTS = {
    "outcomes": (Outcome, "version"),
    "key_judgements": (KeyJudgement, "outcome__version"),
    "grade_scales": (GradeScale, "version"),
    "grades": (Grade, "scale__version"),
    "judgement_sets": (JudgementSet, "version"),
    "judgements": (Judgement, "judgement_set__version"),
}


def _count(model, path: str):
    counted = (
        model.objects.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def framework_version_list() -> QuerySet[FrameworkVersion]:
    """Every loaded version, newest first, each annotated `count_<part>` for its six parts."""
    return FrameworkVersion.objects.annotate(
        **{f"count_{name}": _count(model, path) for name, (model, path) in _COUNTS.items()}
    ).order_by(F("effective_from").desc(nulls_last=True), "-loaded_at", "-pk")


def framework_version_counts(*, version: FrameworkVersion) -> dict[str, int]:
    """How many outcomes, key judgements, scales, grades, sets and judgements a version has."""
    return {
        name: model.objects.filter(**{path: version}).count()
        for name, (model, path) in _COUNTS.items()
    }


def framework_version_current(*, on: date | None = None) -> FrameworkVersion | None:
    """The version in force on a day (default today): the latest effective_from on or before
    it; of versions effective the same day, the one loaded last (new official wording loaded
    beside ours takes over, DOMAIN.md §8). None when no version is in force."""
    on = on or date.today()
    return (
        FrameworkVersion.objects.filter(effective_from__lte=on)
        .order_by("-effective_from", "-loaded_at", "-pk")
        .first()
    )


def framework_version_outcomes(*, version: FrameworkVersion) -> QuerySet[Outcome]:
    return version.outcomes.prefetch_related(
        Prefetch("key_judgements", queryset=KeyJudgement.objects.order_by("order"))
    ).order_by("order")


def framework_version_grade_scales(*, version: FrameworkVersion) -> QuerySet[GradeScale]:
    return version.grade_scales.prefetch_related(
        Prefetch("grades", queryset=Grade.objects.order_by("-value"))
    ).order_by("pk")


def framework_version_judgement_sets(*, version: FrameworkVersion) -> QuerySet[JudgementSet]:
    judgements = Judgement.objects.select_related("scale", "outcome").order_by("order")
    return version.judgement_sets.prefetch_related(
        Prefetch("judgements", queryset=judgements)
    ).order_by("pk")


def judgement_set_for(*, version: FrameworkVersion, regime: str, year: int) -> JudgementSet | None:
    """The judgement set a round of this regime and year uses within a version (DOMAIN.md §7:
    an assessment uses the version of its round). The loader allows one set per regime and
    year, so at most one matches. Years are filtered in Python: JSONField `contains` is not
    available on SQLite."""
    for judgement_set in version.judgement_sets.filter(regime=regime).order_by("pk"):
        if year in judgement_set.years:
            return judgement_set
    return None


def grade_wording(*, scale: GradeScale, value: int) -> str:
    """The words a letter uses in place of a grade's number (002 §A: grades are not published
    until the final stage), falling back to the label. ValueError for a value not on the scale."""
    grades = list(scale.grades.all())
    for grade in grades:
        if grade.value == value:
            return grade.wording or grade.label
    values = ", ".join(str(g.value) for g in sorted(grades, key=lambda g: -g.value))
    raise ValueError(GRADE_NOT_ON_SCALE.format(scale=scale.code, value=value, values=values))
