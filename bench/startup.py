"""Start-up of the management commands (issue 25 §2 and Targets; decision 0049):
`python -m bench.startup`, or `run()` from bench/__main__.py.

Each command runs in a fresh interpreter, as a person or a scheduler runs it, against a scratch
SQLite database holding the demo: the wall time of the whole process (interpreter, django.setup(),
the system checks, the command) is the median of five runs, and its peak resident memory the
median of theirs (os.wait4: the child's own rusage, as RUSAGE_CHILDREN gives for one child).
Targets (issue 25): re-import of the same file ≤ 1 s; `manage.py profile` for one indicator
≤ 1 s. The interpreter alone is the floor. Before issue 25 §2, `check` took ~6 s and `profile`
2.6 s (236 MiB) on this machine, the data stack imported by every command.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5
# One indicator of the demo, for one council of the demo (`manage.py profile --help`).
DEMO_AUTHORITY = "990"
DEMO_INDICATOR = "DEMO-CLA"
# A small real file and its mapping, imported once and then again (recognised, nothing changes).
SHARED_DATA = ROOT.parent / "shared" / "data"
REIMPORTED = SHARED_DATA / "ees" / "cla_number_and_rate_per_10k_children.csv"
MAPPING = ROOT / "ecm" / "performance" / "data" / "ees" / "cla_rate.yaml"


def _env(database_url: str, bytecode: Path) -> dict[str, str]:
    """The commands' environment: the scratch database, the production settings module, and
    compiled bytecode kept between runs (in a scratch folder, so nothing is written beside the
    sources): a deployed site has it, and this machine's PYTHONDONTWRITEBYTECODE=1 would make
    every run compile Django and the project again (about half of the start-up here)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
        "PYTHONPYCACHEPREFIX": str(bytecode),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _once(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MiB) of one run of the command in a fresh process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(  # noqa: S603 - our interpreter, our manage.py
            argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv[1:])} failed ({child.returncode}): {message}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: kilobytes


def _median(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(median wall ms, median CPU ms, median peak MiB) of REPEAT runs, after one run that
    warms the disk cache and writes the bytecode."""
    _once(argv, env)
    runs = [_once(argv, env) for _ in range(REPEAT)]
    wall, cpu, mib = (statistics.median(r[i] for r in runs) for i in range(3))
    return wall * 1000, cpu * 1000, mib


def _manage(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


def run() -> list[tuple[str, float]]:
    """(label, figure) rows: milliseconds, or MiB where the label ends with ", MiB"."""
    workdir = Path(tempfile.mkdtemp(prefix="ecm-bench-startup-"))
    env = _env(f"sqlite:///{workdir / 'startup.sqlite3'}", workdir / "bytecode")
    _once(_manage("migrate", "--verbosity", "0"), env)
    _once(_manage("load_demo"), env)
    rows: list[tuple[str, float]] = []

    def figure(label: str, argv: list[str], *, memory: bool = True) -> None:
        # The CPU time beside the wall time: on a machine busy with other work the wall time
        # waits for a core, the CPU time much less.
        ms, cpu, mib = _median(argv, env)
        rows.append((label, ms))
        rows.append((f"{label}: CPU time (user and system)", cpu))
        if memory:
            rows.append((f"{label}: peak memory, MiB", mib))

    figure("start-up floor: the interpreter alone (python -c pass)", [sys.executable, "-c", "pass"])
    figure("manage.py help (lists the commands; no checks)", _manage("help"))
    figure("manage.py check (django.setup(), the URLconf, every system check)", _manage("check"))
    profile = ["profile", "--authority", DEMO_AUTHORITY, "--indicator", DEMO_INDICATOR]
    figure(f"manage.py profile, one indicator ({DEMO_INDICATOR}; target ≤ 1 s)", _manage(*profile))
    figure(
        "  the same with --skip-checks (what its system checks, the models', add)",
        _manage(*profile, "--skip-checks"),
        memory=False,
    )
    if REIMPORTED.exists():
        load = [
            "import_indicators",
            str(REIMPORTED),
            "--format",
            "ees",
            "--companion",
            str(MAPPING),
        ]
        wall, _cpu, mib = _once(_manage(*load), env)
        rows.append((f"import_indicators {REIMPORTED.name} (the first time, once)", wall * 1000))
        rows.append(("import_indicators the first time: peak memory, MiB", mib))
        figure(
            "import_indicators the same file again (recognised by its checksum; target ≤ 1 s)",
            _manage(*load),
        )
    return rows


def run_apart() -> list[tuple[str, float]]:
    """run() in an interpreter of its own, for bench/__main__.py: Linux counts in a child's
    peak memory (ru_maxrss) the memory of the process it was forked from, and there that is the
    benchmark after its in-process LAIT import (every figure read 1014 MiB)."""
    with tempfile.TemporaryDirectory(prefix="ecm-bench-startup-rows-") as folder:
        rows = Path(folder) / "rows.json"
        subprocess.run(  # noqa: S603 - our interpreter, our module
            [sys.executable, "-m", "bench.startup", "--json", str(rows)], cwd=ROOT, check=True
        )
        return [(label, value) for label, value in json.loads(rows.read_text())]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--json"]:
        Path(sys.argv[2]).write_text(json.dumps(run()))
        sys.exit(0)
    from bench.__main__ import _line

    print("| what | figure |\n| --- | ---: |")
    for label, value in run():
        print(_line(label, value))
