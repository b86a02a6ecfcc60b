"""Demo evidence notebooks for the councils of the demo moderation day (issue 6): shared Step 1
findings for every area, Steps 2-3, the seven Step 4 judgements of 2007 signed by both
inspectors, and hypotheses, so that the meeting's agenda has something to draw from and a
moderation day has seven to ten councils to compare (002 §H). All made up."""

from ecm.analysis.content import Tag, strand
from ecm.analysis.models import EntryKind, HypothesisSource, HypothesisStatus, SummativeJudgement
from ecm.analysis.selectors import required_judgements
from ecm.analysis.services import hypotheses, notebook
from ecm.analysis.services import judgements as steps

# Step 4 grades by judgement code, different enough between councils for benchmarking to find
# similar data with different grades. Order: overall, the five outcomes, capacity.
CODES = [
    "overall_effectiveness",
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
    "capacity_to_improve",
]
DEMO_GRADES = {
    "202": (3, 3, 3, 3, 3, 2, 3),
    "352": (2, 3, 2, 2, 3, 2, 2),
    "908": (3, 3, 3, 3, 3, 3, 3),
    "330": (2, 2, 2, 2, 3, 2, 2),
    "373": (3, 3, 3, 2, 3, 3, 3),
    "341": (2, 3, 2, 2, 2, 2, 3),
    "831": (3, 3, 2, 3, 3, 3, 3),
    # Nottingham and Hertfordshire draw three consistency warnings each (002 §E.iv), a sign of
    # risk that puts them forward for moderation (issue 6 §4).
    "892": (3, 2, 1, 2, 2, 2, 2),
    "886": (3, 3, 3, 3, 3, 3, 3),
    "919": (4, 4, 3, 3, 3, 3, 4),
    # Hampshire's data review in the 2007 cycle (issue 23 §1), written when it is tried.
    "850": (3, 3, 3, 4, 3, 3, 3),
}

# (area code, strength, area for improvement) — words, never grades (002 §F step 1).
FINDINGS = [
    (
        "being_healthy",
        "Teenage conceptions have fallen faster than in similar councils for three years.",
        "Take-up of child and adolescent mental health services is slow for looked after "
        "children and waiting times remain long.",
    ),
    (
        "staying_safe",
        "Child protection reviews are held on time and re-registrations have fallen.",
        "Initial assessments within seven working days remain below similar councils; social "
        "care caseloads are high.",
    ),
    (
        "enjoying_achieving",
        "Attainment at Key Stage 2 improved faster than nationally; support for schools causing "
        "concern is well targeted.",
        "Persistent absence in secondary schools is above the national rate and the attainment "
        "of looked after children lags behind their peers.",
    ),
    (
        "positive_contribution",
        "Children and young people, including those with learning difficulties and/or "
        "disabilities, help shape services through a well-run youth forum.",
        "First-time entrants to the youth justice system are still above similar councils.",
    ),
    (
        "economic_wellbeing",
        "Partnership with the Learning and Skills Council has widened the 14-19 offer.",
        "Too many young people not in education, employment or training, especially care leavers.",
    ),
    (
        "service_management",
        "Leaders are ambitious; the Children and Young People's Plan rests on an analysis of need.",
        "Workforce shortages in social care are not yet resolved; the self-assessment is more "
        "descriptive than evaluative in places.",
    ),
]


def _entries(assessment, hmi, brm, areas) -> dict[str, list]:
    made: dict[str, list] = {}
    for code, strength, improvement in FINDINGS:
        outcome = areas[code]
        for author, finding, kind, tags in (
            (hmi, strength, EntryKind.STRENGTH, [Tag.LDD]),
            (brm, improvement, EntryKind.AREA_FOR_IMPROVEMENT, [Tag.SOCIAL_CARE, Tag.LAC]),
        ):
            entry = notebook.entry_add(
                assessment=assessment,
                outcome=outcome,
                actor=author,
                finding=finding,
                kind=kind,
                tags=tags,
                capacity=["track_record"] if code == "service_management" else [],
            )
            made.setdefault(code, []).append(notebook.entry_share(entry=entry, actor=author))
    return made


def demo_notebook_write(*, assessment, hmi, brm) -> bool:
    """Write the demo notebook of `assessment` unless it has Step 4 judgements. True if now."""
    if SummativeJudgement.objects.filter(assessment=assessment).exists():
        return False
    grades = dict(zip(CODES, DEMO_GRADES[assessment.council.la_number], strict=True))
    areas = {o.code: o for o in assessment.round.framework_version.outcomes.all()}
    entries = _entries(assessment, hmi, brm, areas)
    for code, made in entries.items():
        grade = grades.get(code, grades["capacity_to_improve"])
        ids = [e.pk for e in made]
        steps.area_summary_save(
            assessment=assessment,
            outcome=areas[code],
            actor=hmi,
            shown=None,
            strands={
                "education": strand(
                    grade=grade, text=made[0].current.content["finding"], entries=ids
                ),
                "social_care": strand(
                    grade=grade, text=made[1].current.content["finding"], entries=ids
                ),
            },
            moderation="",
        )
    every = [e.pk for made in entries.values() for e in made]
    overall = grades["overall_effectiveness"]
    steps.overall_summary_save(
        assessment=assessment,
        actor=brm,
        shown=None,
        strands={
            "education": strand(
                grade=grades["enjoying_achieving"],
                text="School improvement is well led; absence and the attainment of looked after "
                "children hold outcomes back.",
                entries=[e.pk for e in entries["enjoying_achieving"]],
            ),
            "social_care": strand(
                grade=grades["staying_safe"],
                text="Child protection is secure; timeliness of assessments needs to improve.",
                entries=[e.pk for e in entries["staying_safe"]],
            ),
            "children_services": strand(
                grade=overall,
                text="Services work well together for most children; care leavers do less well.",
                entries=every[:4],
            ),
            "capacity": strand(
                grade=grades["capacity_to_improve"],
                text="A track record of improvement and a clear plan.",
                entries=[e.pk for e in entries["service_management"]],
            ),
        },
        trail="Step 1 findings for each outcome, with the data profile and the briefings.",
    )
    for judgement in required_judgements(assessment):
        area = judgement.outcome.code if judgement.outcome else "service_management"
        linked = entries.get(area) or entries["service_management"]
        steps.summative_save(
            assessment=assessment,
            judgement=judgement,
            actor=hmi,
            shown=None,
            grade=grades[judgement.code],
            rationale=" ".join(e.current.content["finding"] for e in linked),
            entries=[e.pk for e in linked],
        )
    steps.summative_sign(assessment=assessment, actor=hmi)
    steps.summative_sign(assessment=assessment, actor=brm)
    _hypotheses(assessment, hmi, areas)
    return True


def _hypotheses(assessment, hmi, areas) -> None:
    for statement, status, area in (
        (
            "Care leavers' outcomes are weaker than the council's self-assessment suggests.",
            HypothesisStatus.JAR_FIELDWORK,
            "economic_wellbeing",
        ),
        (
            "Delays in initial assessments come from vacancies in one area team.",
            HypothesisStatus.OPEN,
            "staying_safe",
        ),
    ):
        raised = hypotheses.hypothesis_raise(
            assessment=assessment,
            actor=hmi,
            statement=statement,
            raised_from=HypothesisSource.DATA,
            outcome=areas[area],
        )
        if status != HypothesisStatus.OPEN:
            hypotheses.hypothesis_test(
                hypothesis=raised,
                actor=hmi,
                shown=raised.lock_version,
                status=status,
                note="Not testable without fieldwork: for a future joint area review.",
            )
