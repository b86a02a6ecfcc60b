"""The bundled framework, loaded once per worker (issue 18 §3: "the framework and councils
loaded once per session").

`framework_load_bundled()` parses and checks the YAML library and writes some 300 rows one by
one with its audit entry: about 0.1 s, paid by nearly a thousand tests. Here the first test of
a worker loads it for real and the rows it wrote are kept in memory; every later test that
asks gets the same rows (same primary keys, a fresh audit entry) by one bulk insert each per
table. Each test still runs in its own transaction, so nothing outlives it.
`test_framework_once.py` checks the copy is the real load, row for row.
"""

from django.contrib.contenttypes.models import ContentType

from ecm.audit.models import AuditEntry
from ecm.framework.models import (
    FrameworkVersion,
    Grade,
    GradeScale,
    Judgement,
    JudgementSet,
    KeyJudgement,
    Outcome,
)
from ecm.framework.services import framework_load_bundled

# Parents before children, so every foreign key finds its row.
MODELS = [FrameworkVersion, Outcome, KeyJudgement, GradeScale, Grade, JudgementSet, Judgement]
LOADED_VERB = "framework.loaded"

_copy: dict = {}  # this worker's: "tables" (rows per model of MODELS) and "audit_entry"


def bundled_framework() -> FrameworkVersion:
    """The bundled framework version in this test's database, as `framework_load_bundled()`
    leaves it (its rows and its audit entry)."""
    if FrameworkVersion.objects.exists() or not _copy:
        (version,) = framework_load_bundled()
        if not version.already_loaded and FrameworkVersion.objects.count() == 1:
            _copy.update(_snapshot())
        return version
    for model, rows in zip(MODELS, _copy["tables"], strict=True):
        model.objects.bulk_create([model(**row) for row in rows])
    # A live-server test's flush makes the content types anew, with new keys: look it up.
    target_type = ContentType.objects.get(
        app_label=FrameworkVersion._meta.app_label, model=FrameworkVersion._meta.model_name
    )
    AuditEntry.objects.bulk_create(
        [AuditEntry(**{**_copy["audit_entry"], "target_type_id": target_type.pk})]
    )
    version = FrameworkVersion.objects.get()
    version.already_loaded = False
    return version


def _snapshot() -> dict:
    (entry,) = AuditEntry.objects.filter(verb=LOADED_VERB).values()
    entry.pop("id")
    entry.pop("at")  # a fresh time for each copy, as a real load would have
    return {
        "tables": [list(model.objects.order_by("pk").values()) for model in MODELS],
        "audit_entry": entry,
    }
