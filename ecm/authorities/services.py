"""Writes for councils, regions and statistical neighbours (DESIGN.md example 1).

Both loaders are all-or-nothing: files are read and checked first (ecm.authorities.imports),
then written inside one transaction with one audit entry, so a bad file stores nothing.
"""

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from ecm.audit.services import audit_record
from ecm.authorities.imports.council_files import (
    COUNCILS_FILE,
    FORMER_CODES_FILE,
    REGIONS_FILE,
    CouncilData,
    read_council_files,
)
from ecm.authorities.imports.neighbour_files import (
    check_neighbour_rows,
    read_neighbour_file,
    read_neighbour_upload,
)
from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.authorities.models import (
    Council,
    CouncilCode,
    CouncilSuccession,
    Region,
    StatisticalNeighbour,
    StatisticalNeighbourModel,
)
from ecm.authorities.signals import neighbours_changed

COUNCILS_LOADED = "councils.loaded"
NEIGHBOURS_IMPORTED = "statistical_neighbours.imported"
NEIGHBOURS_CHOSEN = "statistical_neighbours.chosen"

DEMO_COUNCIL_CLASH = (
    "this LA number belongs to the demo council {name}: give the demo council another number"
)
CODE_CLASH = "this ONS code already belongs to {name} (LA {la_number}): correct one of them"
FORMER_CODE_CLASH = "this ONS code is recorded as a former code of {name}: correct one of them"
REGION_NAME_CLASH = "a region with another ONS code ({code}) already has this name"
BAD_MODEL_CODE = (
    "a model code is up to 40 letters, digits, hyphens or underscores, such as dfe-2025"
)
NO_REASON = "Say why comparisons should use this model"
INVENTED_OUTSIDE_DEMO = (
    "{title} was made up for the demo: real figures are never compared with invented "
    "neighbours outside the demo. Choose a DfE model, or upload the DfE's file first"
)
CHOSEN_ON_UPLOAD = "Uploaded {file} and chose it for every council's comparisons"


@dataclass(frozen=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} added, {self.updated} changed, {self.unchanged} unchanged"


@dataclass(frozen=True)
class LoadResult:
    """What councils_load did, kind by kind."""

    source: str
    regions: Counts
    councils: Counts
    successions: Counts
    former_codes: Counts

    @property
    def changed(self) -> bool:
        kinds = (self.regions, self.councils, self.successions, self.former_codes)
        return any(k.created or k.updated for k in kinds)

    def __str__(self) -> str:
        return (
            f"Council list loaded from {self.source}. Regions: {self.regions}. "
            f"Councils: {self.councils}. Successions: {self.successions}. "
            f"Former ONS codes: {self.former_codes}."
        )


@dataclass(frozen=True)
class NeighbourImportResult:
    """What statistical_neighbours_import stored."""

    model: StatisticalNeighbourModel
    layout: str
    councils: int
    neighbours: int
    replaced: int | None  # rows of an earlier import of the same model; None if it is new
    councils_without_neighbours: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{self.model.title} ({self.model.code}): {self.neighbours} neighbours of "
            f"{self.councils} councils imported from {self.model.source} ({self.layout})"
        )
        if self.replaced is not None:
            text += f", replacing {self.replaced} rows of the earlier import"
        if self.councils_without_neighbours:
            text += (
                ". No neighbours given for LA "
                + ", ".join(self.councils_without_neighbours)
                + " (councils that did not exist when the model was made)"
            )
        return text + "."


def councils_load(*, path: Path | str | None = None, actor=None) -> LoadResult:
    """Load the project's council list (regions, councils, successions, former ONS codes) from
    the CSV files in `path` (a folder or its councils.csv; default ecm/authorities/data/).

    Idempotent upsert keyed on ONS code (regions), LA number (councils), predecessor and
    successor (successions) and ONS code (former codes); nothing absent from the files is
    deleted, and demo councils are never touched. All-or-nothing, audited as "councils.loaded"
    (DESIGN.md examples 1 and 4; decision 0006). `actor=None` means the system.
    """
    data = read_council_files(path)
    with transaction.atomic():
        _refuse_clashes(data)
        counts: dict[str, Counter] = {k: Counter() for k in ("r", "c", "s", "f")}
        existing = {r.ons_code: r for r in Region.objects.all()}
        regions = {
            row.ons_code: _upsert(Region, existing, row.ons_code, {"name": row.name}, counts["r"])
            for row in data.regions
        }
        existing = {c.la_number: c for c in Council.objects.all()}
        councils = {}
        for row in data.councils:
            values = {
                "ons_code": row.ons_code,
                "name": row.name,
                "region_id": regions[row.region_ons_code].pk,
                "council_type": row.council_type,
                "established_on": row.established_on,
                "abolished_on": row.abolished_on,
            }
            councils[row.la_number] = _upsert(Council, existing, row.la_number, values, counts["c"])
        existing = {(s.predecessor_id, s.successor_id): s for s in CouncilSuccession.objects.all()}
        for row in data.councils:
            successor = councils[row.la_number]
            for number in row.predecessor_la_numbers:
                predecessor = councils[number]
                key = (predecessor.pk, successor.pk)
                values = {"effective_on": predecessor.abolished_on}
                _upsert(CouncilSuccession, existing, key, values, counts["s"])
        existing = {c.ons_code: c for c in CouncilCode.objects.all()}
        for row in data.former_codes:
            values = {"council_id": councils[row.la_number].pk, "valid_until": row.valid_until}
            _upsert(CouncilCode, existing, row.ons_code, values, counts["f"])
        result = LoadResult(
            source=_shown_path(data.folder),
            regions=Counts(**counts["r"]),
            councils=Counts(**counts["c"]),
            successions=Counts(**counts["s"]),
            former_codes=Counts(**counts["f"]),
        )
        if result.changed:  # a re-run that changes nothing leaves no entry (idempotent demo)
            _audit_councils_loaded(
                actor=actor, result=result, target=regions[data.regions[0].ons_code]
            )
        return result


def _audit_councils_loaded(*, actor, result: LoadResult, target) -> None:
    audit_record(
        actor=actor,
        verb=COUNCILS_LOADED,
        target=target,
        after={
            "source": result.source,
            **{
                kind: asdict(getattr(result, kind))
                for kind in ("regions", "councils", "successions", "former_codes")
            },
        },
        reason=str(result),
    )


def statistical_neighbours_import(
    *,
    path: Path | str | None = None,
    upload=None,
    model_code: str | None = None,
    title: str | None = None,
    use: bool = False,
    actor=None,
) -> NeighbourImportResult:
    """Import a DfE statistical neighbour file (XLSX or CSV, layout found from the file) as the
    model `model_code` (default from the file name: dfe-2021, dfe-2025): the file at `path`
    (the command) or an `upload` (the site; issue 22 §5), read and checked alike.

    All-or-nothing: every bad cell is reported (row, column, value, reason) and nothing is
    stored. Re-importing a model replaces its rows in one transaction; audited as
    "statistical_neighbours.imported" (DESIGN.md examples 1 and 4; DOMAIN.md §3 "The dataset").
    A file's model is real (never invented). `use`: choose it for every council's
    comparisons as well (decision 0040), audited as a choice.
    """
    if (path is None) == (upload is None):
        raise TypeError("give either a path or an upload")
    file = read_neighbour_file(path) if upload is None else read_neighbour_upload(upload)
    code = model_code or file.default_model_code()
    if not re.fullmatch(r"[-a-zA-Z0-9_]{1,40}", code):
        raise DataFileError([Problem(file.name, None, "model code", code, BAD_MODEL_CODE)])
    checked = check_neighbour_rows(file, {c.la_number: c for c in Council.objects.all()})
    with transaction.atomic():
        model = StatisticalNeighbourModel.objects.select_for_update().filter(code=code).first()
        before = None
        if model is None:
            model = StatisticalNeighbourModel(code=code, title=title or file.default_title(code))
        else:
            replaced = model.neighbours.count()
            before = {"title": model.title, "source": model.source, "neighbours": replaced}
            model.title = title or model.title
        model.published_on = model.published_on or file.default_published_on(code)
        model.source = file.name
        model.is_invented = False
        model.save()
        model.neighbours.all().delete()
        StatisticalNeighbour.objects.bulk_create(
            StatisticalNeighbour(
                model=model,
                council=e.council,
                neighbour=e.neighbour,
                rank=e.rank,
                closeness=e.closeness,
            )
            for e in checked.entries
        )
        result = NeighbourImportResult(
            model=model,
            layout=file.layout,
            councils=len({e.council.pk for e in checked.entries}),
            neighbours=len(checked.entries),
            replaced=before["neighbours"] if before else None,
            councils_without_neighbours=checked.councils_without_neighbours,
        )
        audit_record(
            actor=actor,
            verb=NEIGHBOURS_IMPORTED,
            target=model,
            before=before,
            after={"title": model.title, "source": model.source, "neighbours": result.neighbours},
            reason=str(result),
        )
        if use:
            _choose(model=model, actor=actor, reason=CHOSEN_ON_UPLOAD.format(file=file.name))
        transaction.on_commit(lambda: neighbours_changed.send(sender=None, model=model))
    return result


def neighbour_model_choose(
    *, model: StatisticalNeighbourModel, actor, reason: str
) -> StatisticalNeighbourModel:
    """Choose the model every council's comparisons use (decision 0040), with the reason;
    audited as "statistical_neighbours.chosen". The comparisons are made again with it once
    the choice is committed (the neighbours_changed signal). An invented model may be chosen
    only while the demo runs (DEMO_MODE): otherwise ValidationError, and nothing changes."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": NO_REASON})
    if model.is_invented and not settings.DEMO_MODE:
        raise ValidationError({"model": INVENTED_OUTSIDE_DEMO.format(title=model.title)})
    with transaction.atomic():
        _choose(model=model, actor=actor, reason=reason)
        transaction.on_commit(
            lambda: neighbours_changed.send(sender=None, model=model, rows_changed=False)
        )
    return model


def _choose(*, model: StatisticalNeighbourModel, actor, reason: str) -> None:
    """Move the `in_use` flag to `model` (updates, not saves: a save would move imported_at)."""
    chosen = StatisticalNeighbourModel.objects.select_for_update().filter(in_use=True).first()
    StatisticalNeighbourModel.objects.filter(in_use=True).exclude(pk=model.pk).update(in_use=False)
    StatisticalNeighbourModel.objects.filter(pk=model.pk).update(in_use=True)
    model.in_use = True
    audit_record(
        actor=actor,
        verb=NEIGHBOURS_CHOSEN,
        target=model,
        before={"in_use": chosen.code if chosen else None},
        after={"in_use": model.code, "title": model.title},
        reason=reason,
    )


def _upsert(
    model: type[models.Model], existing: dict, key, values: dict, counts: Counter
) -> models.Model:
    """Create the row for `key` or bring its `values` up to date, counting which it was."""
    obj = existing.get(key)
    if obj is None:
        lookup = _lookup(model, key)
        obj = model.objects.create(**lookup, **values)
        existing[key] = obj
        counts["created"] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=[name.removesuffix("_id") for name in changed])
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
    return obj


def _lookup(model: type[models.Model], key) -> dict:
    if model is Council:
        return {"la_number": key}
    if model is CouncilSuccession:
        return {"predecessor_id": key[0], "successor_id": key[1]}
    return {"ons_code": key}


def _refuse_clashes(data: CouncilData) -> None:
    """Rows the files allow but the database would refuse (or that would overwrite a demo
    council): report them all as problems, before anything is written."""
    problems = []
    numbers = {row.la_number for row in data.councils}
    by_code = {c.ons_code: c for c in Council.objects.all()}
    former = {c.ons_code: c for c in CouncilCode.objects.select_related("council")}
    regions = {r.name: r.ons_code for r in Region.objects.all()}
    for row in data.regions:
        if regions.get(row.name, row.ons_code) != row.ons_code:
            reason = REGION_NAME_CLASH.format(code=regions[row.name])
            problems.append(Problem(REGIONS_FILE, row.row, "name", row.name, reason))
    demo = {c.la_number: c for c in Council.objects.filter(is_demo=True, la_number__in=numbers)}
    for row in data.councils:
        if row.la_number in demo:
            reason = DEMO_COUNCIL_CLASH.format(name=demo[row.la_number].name)
            problems.append(Problem(COUNCILS_FILE, row.row, "la_number", row.la_number, reason))
        holder = by_code.get(row.ons_code)
        if holder is not None and holder.la_number != row.la_number:
            reason = CODE_CLASH.format(name=holder.name, la_number=holder.la_number)
            problems.append(Problem(COUNCILS_FILE, row.row, "ons_code", row.ons_code, reason))
        if row.ons_code in former:
            reason = FORMER_CODE_CLASH.format(name=former[row.ons_code].council.name)
            problems.append(Problem(COUNCILS_FILE, row.row, "ons_code", row.ons_code, reason))
    for row in data.former_codes:
        holder = by_code.get(row.ons_code)
        if holder is not None and holder.la_number not in numbers:
            reason = CODE_CLASH.format(name=holder.name, la_number=holder.la_number)
            problems.append(Problem(FORMER_CODES_FILE, row.row, "ons_code", row.ons_code, reason))
    if problems:
        raise DataFileError(problems)


def _shown_path(folder: Path) -> str:
    """The folder as people know it: relative to the project when it is inside it."""
    try:
        return str(folder.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(folder)
