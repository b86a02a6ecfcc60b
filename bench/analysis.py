"""Issue 5's target: notebook pages under 200 ms median server time with 200 entries, and a
fixed number of queries. Builds 200 shared entries (each with two pieces of evidence) for the
demo council, all on one outcome so the outcome's page shows every one of them, with Steps 2-4
written and linked to them."""

from bench.pages import page_figures
from ecm.analysis.models import PackItem
from ecm.analysis.services import judgements, notebook
from ecm.framework.models import Outcome

ENTRIES = 200


def _notebook(*, assessment, hmi, brm) -> None:
    outcome = Outcome.objects.get(version=assessment.round.framework_version, code="staying_safe")
    briefing = PackItem.objects.filter(assessment=assessment, category="briefing").first()
    entries = []
    for n in range(ENTRIES):
        entry = notebook.entry_add(
            assessment=assessment,
            outcome=outcome,
            actor=hmi if n % 2 else brm,
            finding=f"Finding {n}: child protection reviews are timely and re-registrations fall.",
            kind="strength",
            tags=["social_care"] if n % 3 == 0 else ["lac"],
            capacity=["track_record"] if n % 5 == 0 else [],
        )
        for page in ("1", "2"):
            notebook.evidence_add(
                entry=entry, actor=entry.author, kind="briefing", note="It says so",
                pack_item=briefing, page=page,
            )  # fmt: skip
        notebook.entry_share(entry=entry, actor=entry.author)
        entries.append(entry.pk)
    part = {"grade": 3, "text": "Consistently above minimum requirements.", "entries": entries[:20]}
    judgements.area_summary_save(
        assessment=assessment, outcome=outcome, actor=hmi, shown=None,
        strands={"education": part, "social_care": part, "capacity": part}, moderation="",
    )  # fmt: skip
    judgements.overall_summary_save(
        assessment=assessment, actor=hmi, shown=None,
        strands={s: part for s in ("education", "social_care", "children_services", "capacity")},
        trail="The entries above.",
    )  # fmt: skip
    for judgement in judgements.required_judgements(assessment):
        judgements.summative_save(
            assessment=assessment, judgement=judgement, actor=hmi, shown=None, grade=3,
            rationale="Consistently above minimum requirements.", entries=entries[:10],
        )  # fmt: skip


def run(client, *, assessment, hmi, brm) -> list[tuple[str, float]]:
    _notebook(assessment=assessment, hmi=hmi, brm=brm)
    base = f"/assessments/{assessment.pk}/analysis"
    rows = []
    for url, label in (
        (f"{base}/notebook/", f"notebook, {ENTRIES} entries"),
        (f"{base}/notebook/staying_safe/", f"Step 1 of one outcome, all {ENTRIES} entries"),
        (f"{base}/step-3/", f"Step 3 with {ENTRIES} entries to link"),
        (f"{base}/step-4/", "Step 4, seven judgements and the warnings"),
        (f"{base}/hypotheses/", "hypotheses"),
        (f"{base}/pack/", "information pack"),
    ):
        rows += page_figures(client, hmi, url, label)
    return rows
