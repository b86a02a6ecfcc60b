"""A fuzz of the indicator imports: `python -m bench.fuzz_imports [--files 1000] [--seed 22]`.

Issue 22's target: "A 1,000-file fuzz of malformed files: 0 tracebacks, 0 partial writes".
Each file is made by ecm/performance/tests/malformed_files.py from its own seeded Random (file
i of seed s: Random(s * 1,000,003 + i)), the formats in turn (long, definitions, Fingertips,
EES with its mapping, LAIT as CSV or Parquet with a small dictionary), from slices of the real
files in ../shared/data when they are present and from synthetic shapes otherwise. Each goes
through `observations_import`, as the command and the site call it, on a scratch SQLite
database holding the real councils and the long format's three indicators; a file that
imports stays imported, so later files meet the values and revisions of earlier ones.

Outcomes counted:
- done: imported (or recognised as imported before);
- failed with problems: refused, every problem a sentence that names no "Row -";
- traceback: an exception escaped `observations_import`, or the import's only problem is its
  "unexpected error" (an error it did not foresee), or it was refused without a usable problem;
- partial write: a refused file (or one that raised) changed the values, comparisons or
  indicators: their count, highest id, current values or, for indicators, any field.

`bench/__main__.py` runs this in a child process (its own scratch database) and writes the
section `section_lines` returns into bench/RESULTS.md; `--write` here replaces that section
alone. Each distinct traceback is printed with its file's bytes (as a Python literal, cut at
2,000 bytes) and the seed that makes it again: `--files 1 --first N` runs file N only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADING = "## Fuzz of malformed indicator files (issue 22)"
FILES = 1000
SEED = 22
OUTCOMES = ("done", "failed with problems", "traceback", "partial write")


@dataclass
class Traceback:
    """The first file of one distinct traceback (format, exception, the line that raised)."""

    file_format: str
    where: str
    index: int
    mutations: list[str]
    data: bytes
    companion: bytes | None
    tail: list[str]
    count: int = 1


@dataclass
class Figures:
    files: int
    seed: int
    real_files: bool
    database: str = "SQLite"
    seconds: float = 0.0
    load: float = field(default_factory=lambda: os.getloadavg()[0])  # others' work slows it
    outcomes: Counter = field(default_factory=Counter)
    by_format: dict[str, Counter] = field(default_factory=dict)
    tracebacks: dict[tuple[str, str], Traceback] = field(default_factory=dict)
    partial: list[int] = field(default_factory=list)


def copy_database(source: Path, target: Path) -> None:
    """A copy of a SQLite database by SQLite's backup (its WAL file included)."""
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    old.close()
    new.close()


def scratch_database(template: Path | None = None) -> str:
    """A new SQLite database in a temporary folder, chosen before Django is set up: a copy of
    `template` (a migrated, empty database: bench/__main__.py's, saving a migration of some
    30 seconds) or empty."""
    folder = tempfile.mkdtemp(prefix="ecm-fuzz-")
    if template is not None:
        copy_database(template, Path(folder) / "fuzz.sqlite3")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/fuzz.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    return folder


def fingerprint() -> str:
    """What a refused import must leave exactly as it was: values, comparisons, indicators."""
    from django.db.models import Count, Max, Q

    from ecm.performance.models import Comparison, Indicator, Observation

    parts = [
        Observation.objects.aggregate(
            n=Count("pk"), top=Max("pk"), current=Count("pk", filter=Q(is_current=True))
        ),
        Comparison.objects.aggregate(n=Count("pk"), top=Max("pk")),
        list(Indicator.objects.order_by("pk").values_list()),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def classify(data_import) -> str:
    """done, failed with problems, or traceback (an unforeseen error, or no usable problem)."""
    from ecm.performance.importers.common import Problem
    from ecm.performance.services.imports import UNEXPECTED_ERROR

    if data_import.status == "done":
        return "done"
    if data_import.status != "failed":
        return "traceback"  # left running: the page would wait for ever
    problems = [
        Problem(p.get("row"), p.get("column", ""), p.get("value", ""), p.get("reason", ""))
        for p in data_import.problems
    ]
    if not problems or any(p.reason == UNEXPECTED_ERROR for p in problems):
        return "traceback"
    if any(not str(p).strip() or str(p).startswith("Row -") for p in problems):
        return "traceback"
    return "failed with problems"


def setup(*, migrate: bool = True) -> None:
    """The schema, the real councils and the indicators the long format's files name."""
    import django

    django.setup()
    from django.core.management import call_command

    from ecm.authorities.services import councils_load
    from ecm.performance.services.imports import observations_import
    from ecm.performance.tests.malformed_files import LONG_DEFINITIONS_CSV

    if migrate:
        call_command("migrate", verbosity=0)
    councils_load()
    folder = Path(tempfile.mkdtemp(prefix="ecm-fuzz-definitions-"))
    path = folder / "definitions.csv"
    path.write_text(LONG_DEFINITIONS_CSV, encoding="utf-8")
    done = observations_import(actor=None, path=path, file_format="definitions")
    assert done.status == "done", done.problems
    shutil.rmtree(folder)


def run(*, files: int = FILES, seed: int = SEED, first: int = 0) -> Figures:
    """Import `files` malformed files (numbers first .. first + files - 1) and count outcomes."""
    from ecm.performance.services.imports import observations_import
    from ecm.performance.tests.malformed_files import FORMATS, RealFiles, make_case
    from tests.shared_data import SHARED_DATA

    real = RealFiles(SHARED_DATA)
    from django.db import connection

    figures = Figures(files=files, seed=seed, real_files=real.available())
    figures.database = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(
        connection.vendor, connection.vendor
    )
    work = Path(tempfile.mkdtemp(prefix="ecm-fuzz-files-"))
    started = time.perf_counter()
    for index in range(first, first + files):
        file_format = FORMATS[index % len(FORMATS)]
        rng = random.Random(seed * 1_000_003 + index)
        case = make_case(file_format, rng, real=real if figures.real_files else None)
        path, companion = case.write(work / str(index))
        before = fingerprint()
        try:
            data_import = observations_import(
                actor=None, path=path, file_format=file_format, companion=companion
            )
            outcome = classify(data_import)
            tail = [f"DataImport {data_import.status}: {data_import.problems[:2]}"]
        except Exception as error:  # the very thing counted
            outcome = "traceback"
            tail = _tail(error)
        if outcome == "traceback":
            where = tail[-1].strip().splitlines()[-1][:200]
            key = (file_format, where)
            if key in figures.tracebacks:
                figures.tracebacks[key].count += 1
            else:
                figures.tracebacks[key] = Traceback(
                    file_format, where, index, case.mutations, case.data, case.companion, tail
                )
        if outcome != "done" and fingerprint() != before:
            figures.outcomes["partial write"] += 1
            figures.partial.append(index)
        figures.outcomes[outcome] += 1
        figures.by_format.setdefault(file_format, Counter())[outcome] += 1
        shutil.rmtree(work / str(index))
    figures.seconds = time.perf_counter() - started
    shutil.rmtree(work)
    return figures


def _tail(error: Exception) -> list[str]:
    """The project's frames of a traceback (the last six) and the exception's last line."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/ecm/" in f.filename or "/bench/" in f.filename][-6:]
    lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}\n    {f.line}\n' for f in ours]
    exception = traceback.format_exception_only(error)[-1].strip()
    where = f"{ours[-1].filename.rsplit('/', 1)[-1]}:{ours[-1].lineno}" if ours else "?"
    return [*lines, f"{exception} (at {where})"]


def machine_line() -> str:
    return (
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {sys.version.split()[0]}"
    )


def section_lines(figures: Figures) -> list[str]:
    """bench/RESULTS.md's section: the outcomes overall and by format, and each traceback."""
    count = figures.outcomes
    lines = [
        HEADING,
        "",
        f"- Date: {date.today().isoformat()}",
        machine_line() + f"; load average {figures.load:.1f} at the start",
        f"- {figures.files:,} files, seed {figures.seed}, "
        + ("slices of the real files in ../shared/data and synthetic shapes"
           if figures.real_files else "synthetic shapes only (../shared/data absent)")
        + f"; {figures.seconds:.0f} s through `observations_import` on a scratch "
        + f"{figures.database} database",
        f"- Target (issue 22): 0 tracebacks, 0 partial writes. Found: {count['traceback']} "
        f"tracebacks, {count['partial write']} partial writes.",
        "",
        "| format | files | done | failed with problems | traceback | partial write |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for name, counts in [*sorted(figures.by_format.items()), ("all", count)]:
        total = sum(counts[o] for o in OUTCOMES[:3])
        lines.append(f"| {name} | {total} | " + " | ".join(str(counts[o]) for o in OUTCOMES) + " |")
    if figures.tracebacks:
        lines += [
            "",
            "Tracebacks (the first file of each; `--first N --files 1` makes it again):",
            "",
        ]
        for found in figures.tracebacks.values():
            lines.append(
                f"- {found.file_format}, file {found.index} (x{found.count}): `{found.where}`"
            )
    if figures.partial:
        lines += ["", f"Partial writes: files {', '.join(map(str, figures.partial[:20]))}."]
    return [*lines, ""]


def write_section(lines: list[str]) -> None:
    """Replace (or add) this section of bench/RESULTS.md, leaving the rest as it is."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    head, _, rest = text.partition(HEADING)
    tail = rest.partition("\n## ")[2] if rest else ""
    body = head.rstrip("\n") + "\n\n" + "\n".join(lines)
    RESULTS.write_text(body + ("\n## " + tail if tail else ""))


def show(figures: Figures) -> None:
    for found in figures.tracebacks.values():
        print(f"\n=== {found.file_format}: {found.where} (x{found.count}), file {found.index}")
        print("mutations:", found.mutations)
        print("file:", repr(found.data[:2000]))
        if found.companion is not None:
            print("companion:", repr(found.companion[:500]))
        print("".join(found.tail).rstrip())


def run_child(*, template: Path) -> list[str]:
    """The fuzz in a process of its own (Django is set up once a process, and the benchmark's
    database holds the demo and the whole LAIT dataset): the section's lines for RESULTS.md."""
    with tempfile.TemporaryDirectory(prefix="ecm-fuzz-out-") as out:
        lines = Path(out) / "lines.json"
        command = [sys.executable, "-m", "bench.fuzz_imports", "--template", str(template)]
        subprocess.run([*command, "--json", str(lines)], check=True)  # noqa: S603  (our own)
        return json.loads(lines.read_text())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=FILES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--first", type=int, default=0, help="number of the first file")
    parser.add_argument("--json", type=Path, help="write the section's lines here (for -m bench)")
    parser.add_argument("--write", action="store_true", help="replace the section in RESULTS.md")
    parser.add_argument("--template", type=Path, help="a migrated SQLite database to copy")
    parser.add_argument(
        "--database-url", help="an empty database to use instead (e.g. PostgreSQL's, whose "
        "column sizes and text rules SQLite does not keep)"
    )  # fmt: skip
    args = parser.parse_args(argv)
    folder = scratch_database(args.template)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    try:
        setup(migrate=args.template is None)
        figures = run(files=args.files, seed=args.seed, first=args.first)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    lines = section_lines(figures)
    show(figures)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(lines))
    if args.write:
        write_section(lines)


if __name__ == "__main__":
    main()
