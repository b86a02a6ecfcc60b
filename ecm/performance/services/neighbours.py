"""Statistical neighbours computed from context variables, for a year or model that has no
published list (issue 3 §8; method in docs/neighbours-and-findings.md)."""

import io
from pathlib import Path

import pandas as pd
from django.db import transaction
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.authorities.models import Council, StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.signals import neighbours_changed
from ecm.performance.engine.neighbours import neighbours_compute
from ecm.performance.importers.common import ImportRejected, Problem, csv_widths, read_bytes
from ecm.performance.services.areas import AreaDirectory

NO_COUNCIL_COLUMN = 'The first column must be "council" (LA number or ONS code)'
UNKNOWN_COUNCIL = "is not the LA number or ONS code of an English council we know"
NOT_A_NUMBER = "is not a number"
NO_SUCH_VARIABLE = "is not a column of the context file"
PUBLISHED_MODEL = (
    "is the code of a published neighbour model, which a computed one never replaces: "
    "choose another code"
)
COMPUTED_SOURCE = "Computed from "


def context_read(path: Path | str) -> pd.DataFrame:
    """A context CSV (council, then one numeric column per variable) indexed by LA number,
    or ImportRejected with every problem."""
    data = read_bytes(path)
    csv_widths(data)  # the checks every table goes through, while reading (issue 21 §1)
    frame = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    if not len(frame.columns) or frame.columns[0].strip().lower() != "council":
        raise ImportRejected(
            [Problem(1, frame.columns[0] if len(frame.columns) else "", "", NO_COUNCIL_COLUMN)]
        )
    problems: list[Problem] = []
    areas = AreaDirectory.load()
    ids = areas.council_ids(frame.iloc[:, 0])
    la_numbers = dict(Council.objects.values_list("pk", "la_number"))
    for i in frame.index[ids.isna()]:
        problems.append(Problem(int(i) + 2, frame.columns[0], frame.iat[i, 0], UNKNOWN_COUNCIL))
    numbers = {}
    for column in frame.columns[1:]:
        values = pd.to_numeric(frame[column].str.replace(",", ""), errors="coerce")
        for i in frame.index[values.isna() & (frame[column].str.strip() != "")]:
            problems.append(Problem(int(i) + 2, column, frame.at[i, column], NOT_A_NUMBER))
        numbers[column.strip()] = values
    if problems:
        raise ImportRejected(problems)
    index = ids.astype("int64").map(la_numbers)
    return pd.DataFrame(numbers).set_index(pd.Index(index, name="council"))


def neighbour_model_compute(
    *,
    actor,
    context_path: Path | str,
    weights: dict[str, float],
    code: str,
    title: str,
    k: int = 10,
    is_invented: bool = False,
) -> StatisticalNeighbourModel:
    """Compute and store a neighbour model (k nearest by standardised weighted Euclidean
    distance); replaces an earlier computed model of the same code. Audited. `is_invented`:
    the context data are made up (the demo's), so the model is never used for real data
    outside the demo (decision 0040)."""
    context = context_read(context_path)
    unknown = [name for name in weights if name not in context.columns]
    if unknown:
        raise ImportRejected([Problem(1, name, name, NO_SUCH_VARIABLE) for name in unknown])
    try:
        result = neighbours_compute(context=context, weights=weights, k=k)
    except ValueError as error:
        raise ImportRejected([Problem(None, "", "", str(error))]) from error

    councils = {c.la_number: c for c in Council.objects.all()}
    with transaction.atomic():
        model, created = StatisticalNeighbourModel.objects.select_for_update().get_or_create(
            code=code, defaults={"title": title, "source": COMPUTED_SOURCE}
        )
        if not created and not model.source.startswith(COMPUTED_SOURCE):
            raise ImportRejected([Problem(None, "code", code, PUBLISHED_MODEL)])
        model.title = title
        model.is_invented = is_invented
        # Dated today, so it becomes the model comparisons use unless one was chosen (the
        # newest real one does; decision 0040).
        model.published_on = timezone.localdate()
        source = f"{COMPUTED_SOURCE}{Path(context_path).name}: " + ", ".join(
            f"{name} weighted {weight:g}" for name, weight in weights.items()
        )
        limit = StatisticalNeighbourModel._meta.get_field("source").max_length
        # The audit entry keeps every weight; the column keeps what fits.
        model.source = source if len(source) <= limit else source[: limit - 1] + "…"
        model.save()
        model.neighbours.all().delete()
        StatisticalNeighbour.objects.bulk_create(
            StatisticalNeighbour(
                model=model,
                council=councils[row.council],
                neighbour=councils[row.neighbour],
                rank=int(row.rank),
                closeness=row.closeness,
            )
            for row in result.itertuples()
        )
        audit_record(
            actor=actor,
            verb="statistical_neighbours.computed",
            target=model,
            after={
                "weights": weights,
                "k": k,
                "councils": int(result["council"].nunique()),
                **({"invented": True} if is_invented else {}),
            },
            reason=source,
        )
        transaction.on_commit(lambda: neighbours_changed.send(sender=None, model=model))
    return model
