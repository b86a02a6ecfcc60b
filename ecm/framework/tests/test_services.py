"""Loading framework versions into the database: all or nothing, audited, never rewritten."""

import pytest

from ecm.audit.models import AuditEntry
from ecm.core.library_files import LoadError
from ecm.framework import models, services
from ecm.framework.loader import FrameworkFileError
from ecm.framework.selectors import framework_version_counts, judgement_set_for
from ecm.framework.services import framework_load_bundled, framework_version_load
from ecm.framework.tests.conftest import BUNDLED_PATH, line_of, variant
from ecm.framework.tests.test_loader import CASES, _bad_file

pytestmark = pytest.mark.django_db

FRAMEWORK_MODELS = [
    models.FrameworkVersion,
    models.Outcome,
    models.KeyJudgement,
    models.GradeScale,
    models.Grade,
    models.JudgementSet,
    models.Judgement,
]


def _snapshot() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in FRAMEWORK_MODELS}
    counts["AuditEntry"] = AuditEntry.objects.count()
    return counts


def test_load_stores_the_version_and_writes_one_audit_entry(hmi):
    version = framework_version_load(path=BUNDLED_PATH, actor=hmi, reason="First load")
    assert version.already_loaded is False
    assert version.source_name == "ecm-framework-v1.yaml"
    assert version.source_sha256 == services.framework_file_parse(BUNDLED_PATH).sha256
    entry = AuditEntry.objects.get(verb="framework.loaded")
    assert entry.actor == hmi
    assert entry.reason == "First load"
    assert entry.target_id == str(version.pk)
    assert entry.after["urn"] == "urn:ecm:framework:v1"
    assert entry.after["counts"] == framework_version_counts(version=version)


def test_sources_are_kept_in_the_descriptions(bundled):
    judgement_set = bundled.judgement_sets.get(code="apa_2005")
    assert judgement_set.description.endswith("Source: 002 §A, §E.i, §E.ii; 003; DOMAIN.md §7")
    judgement = judgement_set.judgements.get(code="capacity_to_improve")
    assert judgement.scale.code == "capacity_to_improve"
    assert judgement.outcome.code == "capacity_to_improve"
    assert judgement.order == 4


def test_loading_the_same_file_again_is_a_no_op(bundled):
    before = _snapshot()
    again = framework_version_load(path=BUNDLED_PATH)
    assert again.pk == bundled.pk
    assert again.already_loaded is True
    assert _snapshot() == before


def test_framework_load_bundled_is_idempotent(db):
    (first,) = framework_load_bundled()
    before = _snapshot()
    (second,) = framework_load_bundled()
    assert (first.already_loaded, second.already_loaded) == (False, True)
    assert second.pk == first.pk
    assert _snapshot() == before
    assert AuditEntry.objects.get().reason == services.BUNDLED_REASON


def test_same_urn_with_different_content_is_refused(bundled, library_text, write_file):
    text = variant(library_text, "title: Being healthy", "title: Being well")
    path = write_file("changed.yaml", text)
    before = _snapshot()
    with pytest.raises(FrameworkFileError) as caught:
        framework_version_load(path=path)
    reason = services.ALREADY_LOADED_DIFFERENT.format(
        urn="urn:ecm:framework:v1", source="ecm-framework-v1.yaml"
    )
    assert caught.value.errors == [LoadError(str(path), line_of(text, "urn: "), reason)]
    assert "load it as a new version with a new urn/version" in str(caught.value)
    assert _snapshot() == before


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_file_changes_nothing(name, bundled, library_text, write_file):
    # A new URN, so that only the fault stops the load.
    text = variant(library_text, 'urn: "urn:ecm:framework:v1"', 'urn: "urn:ecm:framework:bad"')
    path, expected = _bad_file(name, text, write_file)
    before = _snapshot()
    with pytest.raises(FrameworkFileError) as caught:
        framework_version_load(path=path)
    assert expected in caught.value.errors
    assert _snapshot() == before


def test_a_failure_while_storing_rolls_everything_back(
    bundled, second_version_text, write_file, monkeypatch
):
    # A fault the checks cannot see (here: the audit refuses) must leave no half version.
    def refuse(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "audit_record", refuse)
    path = write_file("v2.yaml", second_version_text)
    before = _snapshot()
    with pytest.raises(RuntimeError):
        framework_version_load(path=path)
    assert _snapshot() == before


def test_a_second_version_loads_beside_the_first(bundled, second_version_text, write_file):
    second = framework_version_load(path=write_file("v2.yaml", second_version_text))
    assert second.pk != bundled.pk
    assert models.FrameworkVersion.objects.count() == 2
    assert framework_version_counts(version=second) == framework_version_counts(version=bundled)
    # URNs are stable across versions; the wording is the new version's own.
    urn = "urn:ecm:key-judgement:staying-safe:3"
    old = models.KeyJudgement.objects.get(outcome__version=bundled, urn=urn)
    new = models.KeyJudgement.objects.get(outcome__version=second, urn=urn)
    assert old.title == "Abuse and neglect are kept to a minimum"
    assert new.title == "Children are protected from abuse and neglect (official wording)"
    old_set = judgement_set_for(version=bundled, regime="apa", year=2006)
    new_set = judgement_set_for(version=second, regime="apa", year=2006)
    assert old_set.urn == new_set.urn
    assert old_set.pk != new_set.pk
    assert new_set.judgements.first().scale.version == second
