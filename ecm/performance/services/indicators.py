"""Indicator definitions: created from the files that carry them, changed only by the
authoritative ones (a definitions file or the LAIT dictionary), every change audited."""

from collections.abc import Iterable

from django.db import transaction

from ecm.audit.services import audit_record
from ecm.performance.importers.common import ImportRejected, Problem
from ecm.performance.models import Indicator

FIELDS = (
    "title",
    "outcome",
    "key_judgements",
    "polarity",
    "value_type",
    "multiplier",
    "decimal_places",
    "unit",
    "period_type",
    "source",
    "banding",
    "proportion",
    "description",
)


@transaction.atomic
def indicator_definitions_store(
    *, actor, definitions: Iterable, update_existing: bool, data_import
) -> int:
    """Create the indicators not known yet; with `update_existing`, bring known ones in line
    with the file. Returns how many were created. The audit entries name `data_import`, the
    file the definitions came from."""
    definitions = list(definitions)
    if not definitions:
        return 0
    _refuse_too_long(definitions)
    known = {i.code: i for i in Indicator.objects.filter(code__in=[d.code for d in definitions])}
    created = []
    for definition in definitions:
        values = {name: getattr(definition, name) for name in FIELDS if hasattr(definition, name)}
        values["key_judgements"] = list(values.get("key_judgements") or [])
        indicator = known.get(definition.code)
        if indicator is None:
            created.append(Indicator(code=definition.code, **values))
            continue
        if not update_existing:
            continue
        before = {k: getattr(indicator, k) for k in values if getattr(indicator, k) != values[k]}
        if before:
            for name in before:
                setattr(indicator, name, values[name])
            indicator.save(update_fields=list(before))
            audit_record(
                actor=actor,
                verb="performance.indicator_changed",
                target=indicator,
                before=before,
                after={k: values[k] for k in before},
                reason="Definition revised by an imported file",
            )
    Indicator.objects.bulk_create(created, batch_size=500)
    if created:
        audit_record(
            actor=actor,
            verb="performance.indicators_defined",
            target=data_import,
            after={"codes": [i.code for i in created][:200], "count": len(created)},
            reason=f"{len(created)} indicator definitions added",
        )
    return len(created)


TOO_LONG = "is longer than {limit} characters."


def _refuse_too_long(definitions: list) -> None:
    """Texts longer than their column: SQLite would keep them whole, PostgreSQL refuse them in
    the middle of the import; both databases refuse them here, as problems of the file."""
    problems = []
    for definition in definitions:
        for name in ("code", *FIELDS):
            field = Indicator._meta.get_field(name)
            value = getattr(definition, name, None)
            limit = getattr(field, "max_length", None)
            if limit and isinstance(value, str) and len(value) > limit:
                problems.append(Problem(None, name, value, TOO_LONG.format(limit=limit)))
    if problems:
        raise ImportRejected(problems)
