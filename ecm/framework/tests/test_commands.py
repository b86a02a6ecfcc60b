"""`manage.py load_framework PATH [--reason TEXT]`: what it prints and how it exits."""

import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from ecm.audit.models import AuditEntry
from ecm.framework.management.commands.load_framework import NOT_LOADED
from ecm.framework.models import FrameworkVersion
from ecm.framework.services import ALREADY_LOADED
from ecm.framework.tests.conftest import BUNDLED_PATH, variant

ERROR_LINE = re.compile(r"^.+\.yaml:\d+: \S.*$")


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_framework", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_prints_what_was_loaded_with_counts():
    out, err = _run(str(BUNDLED_PATH), "--reason", "Set up the demo")
    assert out.strip() == (
        "Loaded Every Child Matters assessment framework 2005 to 2009 (version 1, "
        f"urn:ecm:framework:v1) from {BUNDLED_PATH}: 7 outcomes, 40 key judgements, "
        "6 grade scales, 23 grades, 8 judgement sets, 47 judgements."
    )
    assert err == ""
    assert AuditEntry.objects.get(verb="framework.loaded").reason == "Set up the demo"


@pytest.mark.django_db
def test_second_run_says_it_was_already_loaded():
    _run(str(BUNDLED_PATH))
    out, _ = _run(str(BUNDLED_PATH))
    assert out.strip() == ALREADY_LOADED.format(urn="urn:ecm:framework:v1")
    assert FrameworkVersion.objects.count() == 1


@pytest.mark.django_db
def test_prints_every_error_one_per_line_and_fails(library_text, write_file):
    text = variant(library_text, "scale: unannounced_outcome", "scale: nope")
    text = variant(text, "years: [2006]", "years: [1999]")
    path = write_file("bad.yaml", text)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("load_framework", str(path), stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{path}:") and ERROR_LINE.match(line) for line in lines)
    assert str(caught.value) == NOT_LOADED.format(path=path, n=2)
    assert out.getvalue() == ""
    assert FrameworkVersion.objects.count() == 0


def test_exit_status_is_non_zero_for_a_bad_file(tmp_path):
    # A bad file is refused before the database is touched, so the real command can run here.
    path = tmp_path / "empty.yaml"
    path.write_text("")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "load_framework", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"{path}:1: the file is empty" in result.stderr
    assert "nothing was loaded" in result.stderr
