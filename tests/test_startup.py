"""Start-up without the data stack (issue 25 §2; decision 0049).

Every management command, every gunicorn worker's first request and the test collection run
django.setup() and, through the system checks' `check_custom_error_handlers`, import the whole
URL configuration. None of that may import the data stack or the document libraries: they are
imported by the functions that read or write a file of theirs. Each test runs in a fresh
interpreter, since this one has imported everything long ago. Timings are in bench/startup.py,
never here.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from ecm.performance import importers, services
from ecm.performance.importers.lait import lait_observations
from ecm.performance.models import DataImport, ImportStatus
from ecm.performance.services import imports

ROOT = Path(__file__).resolve().parent.parent

# Issue 25 §2: the data stack (pandas, numpy, scipy, pyarrow) and the libraries of files read
# or written now and then (calendars, PDFs, Word and Excel files, QR codes, and lxml under them).
HEAVY = (
    "pandas",
    "numpy",
    "scipy",
    "pyarrow",
    "icalendar",
    "weasyprint",
    "pypdf",
    "docx",
    "openpyxl",
    "qrcode",
    "lxml",
)

# Run in a fresh interpreter: a meta-path finder that finds nothing notes, for the first import
# of each heavy package, the lines of our own code on the stack (innermost first), so that a
# failure names the module that brought it in, not only the package.
PROBE = r"""
import importlib, json, os, sys

heavy = set(sys.argv[1].split(","))
root = sys.argv[2]
ours = (os.path.join(root, "ecm") + os.sep, os.path.join(root, "config") + os.sep)
first = {}


class Witness:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in heavy and top not in first:
            frame, chain = sys._getframe(1), []
            while frame is not None:
                where = frame.f_code.co_filename
                if where.startswith(ours):
                    chain.append(f"{os.path.relpath(where, root)}:{frame.f_lineno}")
                frame = frame.f_back
            first[top] = chain
        return None


sys.meta_path.insert(0, Witness())
import django

django.setup()
from django.core.management import call_command
from django.urls import get_resolver

get_resolver().url_patterns  # what the checks' check_custom_error_handlers imports
with open(os.devnull, "w") as quiet:
    call_command("check", stdout=quiet)
for extra in sys.argv[3:]:
    importlib.import_module(extra)
loaded = sorted({name.partition(".")[0] for name in sys.modules} & heavy)
print("STARTUP-PROBE " + json.dumps({name: first.get(name, []) for name in loaded}))
"""


def startup_imports(
    *also_import: str, settings: str = "config.settings_test"
) -> dict[str, list[str]]:
    """The heavy packages loaded by django.setup(), the URLconf and the checks (then the
    modules named), each with the lines of our code that first imported it, innermost first."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(  # noqa: S603  (our interpreter running our probe)
        [sys.executable, "-c", PROBE, ",".join(HEAVY), str(ROOT), *also_import],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("STARTUP-PROBE ")]
    return json.loads(line.removeprefix("STARTUP-PROBE "))


def _named(found: dict[str, list[str]]) -> str:
    return "; ".join(
        f"{name} (first by {' < '.join(chain[:4]) or 'no module of ours'})"
        for name, chain in found.items()
    )


@pytest.mark.parametrize("settings", ["config.settings_test", "config.settings"])
def test_issue_25_s2_setup_urls_and_checks_import_no_data_stack(settings):
    """Issue 25 §2: "management commands, workers and test collection do not import the data
    stack until they need it (checks that do not pull in every view)"; with the test settings
    and with the site's own (its apps, middleware and logging as deployed)."""
    found = startup_imports(settings=settings)
    assert not found, (
        "django.setup(), the URLconf and the system checks imported "
        f"{_named(found)}: import it in the function that uses it (decision 0049)"
    )


def test_issue_25_s2_the_probe_names_the_module_that_imported_the_data_stack():
    """The probe above can fail, and names our module that brought a package in: importing the
    comparison engine after start-up loads numpy, pandas and scipy, first by the engine."""
    found = startup_imports("ecm.performance.engine.comparisons")
    assert {"numpy", "pandas", "scipy"} <= set(found)
    assert found["pandas"][0].startswith("ecm/performance/engine/")


def test_issue_25_s2_the_import_and_profile_commands_import_no_data_stack():
    """Issue 25 Targets ("re-import of the same file ≤ 1 s; manage.py profile for one indicator
    ≤ 1 s"): the two commands' modules, and the recognition of a file imported before, import
    none of it; the import itself is imported once a file is new (the test below)."""
    found = startup_imports(
        "ecm.performance.management.commands.import_indicators",
        "ecm.performance.management.commands.import_indicator_definitions",
        "ecm.performance.management.commands.profile",
        "ecm.performance.services.recognise",
    )
    assert not found, f"the commands imported {_named(found)} (decision 0049)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file_format", "extra", "options"),
    [
        ("ees", ["--format", "ees", "--companion", "{companion}"], None),
        ("fingertips", ["--format", "fingertips", "--breakdown", "none"], {"breakdowns": ["none"]}),
        ("definitions", [], None),  # import_indicator_definitions
    ],
)
def test_issue_25_targets_a_file_imported_before_is_recognised_without_the_import(
    tmp_path, monkeypatch, file_format, extra, options
):
    """Issue 3 §2 ("re-importing the same file changes nothing") at issue 25's speed: the
    command recognises the file by the checksum the import stored (its own function, so the
    two cannot drift apart unnoticed) and never reaches the import, pandas and the engine."""
    data = tmp_path / "values.csv"
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    companion = tmp_path / "mapping.yaml"
    companion.write_text("file: values.csv\n", encoding="utf-8")
    DataImport.objects.create(
        file_name=data.name,
        checksum=imports.file_checksum(
            data, companion if file_format == "ees" else None, options=options
        ),
        file_format=file_format,
        status=ImportStatus.DONE,
    )

    def no_import(**kwargs):
        raise AssertionError("the import ran on a file imported before")

    monkeypatch.setattr(imports, "observations_import", no_import)
    out = io.StringIO()
    args = [a.format(companion=companion) for a in extra]
    definitions = file_format == "definitions"
    command = "import_indicator_definitions" if definitions else "import_indicators"
    call_command(command, str(data), *args, stdout=out)
    assert "This file was imported before" in out.getvalue()


def test_decision_0049_a_lazy_package_gives_its_names_and_refuses_others():
    """The performance packages' names resolve as before the lazy exports (decision 0049),
    and a name they never had is an AttributeError, not a silent None."""
    assert services.observations_import is imports.observations_import
    assert importers.lait_observations is lait_observations
    assert callable(importers.ees_mapping)  # a function, though a module has its name too
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = services.nothing_here
