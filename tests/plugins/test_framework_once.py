"""The framework copied from memory (tests/plugins/framework_once.py) is the real load."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction

from ecm.audit.models import AuditEntry
from ecm.framework.models import FrameworkVersion
from ecm.framework.services import framework_load_bundled
from tests.plugins.framework_once import LOADED_VERB, MODELS, bundled_framework

pytestmark = pytest.mark.django_db


def _fields(model) -> list[str]:
    """Every column, with each foreign key as its row's URN: primary keys differ between two
    loads on PostgreSQL (sequences do not roll back), what they point at must not."""
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key or getattr(field, "auto_now_add", False):
            continue  # a key or the time of loading: each load has its own
        names.append(f"{field.name}__urn" if field.is_relation else field.name)
    return names


def _contents() -> list:
    rows = [list(model.objects.order_by("pk").values(*_fields(model))) for model in MODELS]
    audit = list(AuditEntry.objects.filter(verb=LOADED_VERB).values("verb", "after", "reason"))
    return [*rows, audit]


@pytest.fixture
def real_load(django_db_blocker):
    """The rows of a real load, taken in a transaction of their own and rolled back."""
    with transaction.atomic():
        framework_load_bundled()
        contents = _contents()
        transaction.set_rollback(True)
    return contents


def test_the_copy_is_the_real_load_row_for_row(real_load):
    bundled_framework()  # loads for real, or copies when this worker has loaded it before
    bundled_framework()  # then idempotent, like the real load
    assert _contents() == real_load


def test_a_second_test_gets_the_copy_with_the_same_keys(real_load):
    version = bundled_framework()
    assert version.already_loaded is False
    assert _contents() == real_load


@pytest.mark.django_db(transaction=True)
def test_the_copy_survives_a_flush_that_makes_the_content_types_anew(real_load):
    """A live-server (transactional) test flushes the database afterwards, and Django makes
    the content types again with new keys: the copied audit entry must point at the new one
    (seen in CI: 'audit_auditentry.target_type_id contains a value that does not have a
    corresponding value in django_content_type.id')."""
    bundled_framework()  # this worker now has its copy
    # As a live-server test ends: the sequences go on, so the content types get new keys.
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
    ContentType.objects.clear_cache()
    bundled_framework()
    assert _contents() == real_load
    (entry,) = AuditEntry.objects.filter(verb=LOADED_VERB)
    assert entry.target_type.model_class() is FrameworkVersion
    assert FrameworkVersion.objects.get(pk=entry.target_id).urn == "urn:ecm:framework:v1"
