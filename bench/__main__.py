"""Benchmarks: `make bench` (or `.venv/bin/python -m bench`). Writes bench/RESULTS.md.

Each figure is the median of repeated runs on a fresh SQLite database holding the demo (every
council in a round). Timings never go into the test suite; they are recorded here with the
machine and date so a later change can be compared.
"""

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_environment() -> None:
    """The settings every page benchmark runs with, set before Django starts: DEBUG off, no
    HTTPS redirect on the test client's plain HTTP, plain static files."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    # The demo's inspectors are signed in by force_login, without a two-factor code, and demo
    # accounts are exempt only in demo mode (decision 0034): the pages are measured, not the
    # set-up page every inspector would otherwise be sent to.
    os.environ["TWO_FACTOR_REQUIRED_FOR_INSPECTORATE"] = "false"
    os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="ecm-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    bench_environment()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from ecm.accounts.models import User
    from ecm.apa.models import Assessment, AssessmentRound
    from ecm.demo.services import DEMO_YEAR
    from ecm.workdays.calendar import add_working_days

    rows = []
    call_command("migrate", verbosity=0)
    from bench import fuzz_imports

    # The fuzz (issue 22) runs last, in a process of its own, on a copy of this empty schema.
    fuzz_template = Path(workdir) / "fuzz-template.sqlite3"
    fuzz_imports.copy_database(Path(workdir) / "bench.sqlite3", fuzz_template)
    start = time.perf_counter()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    rows.append(("load_demo on an empty database (once)", (time.perf_counter() - start) * 1000))
    rows.append(
        (
            "load_demo again (idempotent, nothing to do)",
            median_ms(lambda: call_command("load_demo", stdout=open(os.devnull, "w")), 5),  # noqa: SIM115
        )
    )
    days = [date(2007, 1, 1).toordinal() + i for i in range(365)]
    rows.append(
        (
            "add_working_days(d, 10) for every day of 2007 (365 calls)",
            median_ms(lambda: [add_working_days(date.fromordinal(d), 10) for d in days], 20),
        )
    )
    client = Client()
    admin = User.objects.get(email="admin@ofsted.example")
    hmi = User.objects.get(email="hmi@ofsted.example")
    council_user = User.objects.get(email="link.officer@sharpston.example")
    # The demo's main round (its 151 councils); the demo also holds the 2007 cycle's round.
    demo_round = AssessmentRound.objects.get(regime="apa", year=DEMO_YEAR)
    sharpston = Assessment.objects.get(council__la_number="990", round=demo_round)
    pages = [
        (
            admin,
            f"/rounds/{demo_round.pk}/",
            f"round page, {demo_round.assessments.count()} councils",
        ),
        (hmi, "/", "inspector's home page"),
        (council_user, "/", "council user's home page"),
        (hmi, f"/assessments/{sharpston.pk}/", "assessment page with its history"),
        (admin, "/people/", "people list"),
    ]
    for user, url, label in pages:
        client.force_login(user)
        assert client.get(url).status_code == 200, url
        rows.append((f"GET {url} ({label})", median_ms(lambda u=url: client.get(u), 30)))

    from bench import analysis

    rows += analysis.run(
        client, assessment=sharpston, hmi=hmi, brm=User.objects.get(email="brm@csci.example")
    )
    rows += _performance(client, hmi, council_user)

    from bench import documents, letters, moderation

    rows += letters.run(demo_round=demo_round)
    rows += documents.run()  # issue 25 §3: PDFs off the request, cached by content

    rows += moderation.run(
        client,
        admin=admin,
        moderator=User.objects.get(email="moderator@ofsted.example"),
        demo_round=demo_round,
    )

    from bench import programme

    rows += programme.run(client, admin=admin, hmi=hmi, demo_round=demo_round)

    from bench import caa

    rows += caa.run(
        client,
        hmi=hmi,
        council_user=User.objects.get(email="link.officer@leicestershire.example"),
    )

    # Issue 25: the ten busiest queries with their plans (bench/EXPLAIN.md) on this database
    # and on PostgreSQL; the commands' start-up; the LAIT import against its pandas floor; each
    # in processes of their own, on scratch databases.
    from bench import explain, lait_floor, startup

    postgres = _postgres_scratch("ecm_bench_explain")
    rows += explain.run(client, databases=[postgres] if postgres else [])
    rows += startup.run_apart()  # its children's peak memory, not this process's
    rows += lait_floor.run()
    fuzz_lines = fuzz_imports.run_child(template=fuzz_template)
    # The load test last (issue 25 §6): 100 users for LOAD_MINUTES (10 by default) on each
    # database, without and then during an import: about an hour in all.
    from bench import load

    load_lines = load.run(minutes=float(os.environ.get("LOAD_MINUTES", "10")))
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {date.today().isoformat()}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {sys.version.split()[0]}",
        "- Database: SQLite (embedded default), demo loaded; medians of repeated runs",
        "",
        "| what | figure |",
        "| --- | ---: |",
        *[_line(label, figure) for label, figure in rows],
        "",
        *fuzz_lines,
        "",
        *load_lines,
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


def _line(label: str, figure: float) -> str:
    """Figures are milliseconds unless the label names another unit."""
    if label.endswith(", ratio"):
        return f"| {label.removesuffix(', ratio')} | {figure:.2f}x |"
    if label.endswith(", %"):
        return f"| {label.removesuffix(', %')} | {figure:.0f}% |"
    if label.endswith(", MiB"):
        return f"| {label.removesuffix(', MiB')} | {figure:.0f} MiB |"
    if label.endswith(" queries"):
        return f"| {label} | {figure:.0f} |"
    return f"| {label.removesuffix(', ms')} | {figure:.1f} ms |"


def _postgres_scratch(name: str) -> str | None:
    """A scratch PostgreSQL database holding the demo and the LAIT data for the EXPLAIN
    section, made anew; None when PostgreSQL does not answer on 127.0.0.1."""
    import subprocess

    admin = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = admin.rsplit("/", 1)[0] + f"/{name}"
    try:
        import psycopg

        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
    except Exception:
        return None
    env = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, "manage.py"]
    root = Path(__file__).resolve().parents[1]
    from tests.shared_data import SHARED_DATA

    commands = [["migrate", "-v0"], ["load_demo"]]
    lait = SHARED_DATA / "lait" / "bds_long_0.parquet"
    if lait.exists():
        commands.append(["import_indicators", "--format", "lait", str(lait)])
    for command in commands:
        subprocess.run(  # noqa: S603  (our own commands)
            [*manage, *command], env=env, cwd=root, check=True, stdout=subprocess.DEVNULL
        )
    return url


def _performance(client, hmi, council_user) -> list[tuple[str, float]]:
    """Issue 3's targets: the LAIT import (20 s), every comparison (1 s, 1 GiB, beside a plain
    pandas group-by) and a council's profile page (150 ms, a fixed number of queries)."""
    from bench import engine, importers
    from bench.pages import page_figures
    from ecm.authorities.services import statistical_neighbours_import
    from ecm.performance.services import observations_import

    rows: list[tuple[str, float]] = []

    def profile(user, url: str, label: str) -> None:
        rows.extend(page_figures(client, user, url, label))

    profile(council_user, "/performance/councils/990/", "profile, 13 demo indicators")
    from tests.shared_data import SHARED_DATA as data

    lait = data / "lait"
    if (lait / "bds_long_0.parquet").exists():
        statistical_neighbours_import(path=lait / "sn_may_2025.xlsx")
        stages: dict[str, float] = {}
        started = time.perf_counter()

        def progress(stage: str, done: int, total: int) -> None:
            stages.setdefault(stage, time.perf_counter() - started)

        done = observations_import(
            actor=None,
            path=lait / "bds_long_0.parquet",
            file_format="lait",
            companion=lait / "lait_data_dictionary.csv",
            progress=progress,
        )
        total = (time.perf_counter() - started) * 1000
        assert done.status == "done", done.problems[:3]
        rows.append(
            (
                f"import the whole LAIT dataset ({done.values_created:,} values) and compare "
                "every council (once)",
                total,
            )
        )
        saved = stages.get("Comparing every council", total / 1000) * 1000
        rows.append(("  of which reading, checking and saving the values", saved))
        rows.append(("  of which computing and storing every comparison", total - saved))
        rows.append(
            (
                "import the same LAIT file again (recognised, nothing changes)",
                median_ms(
                    lambda: observations_import(
                        actor=None,
                        path=lait / "bds_long_0.parquet",
                        file_format="lait",
                        companion=lait / "lait_data_dictionary.csv",
                    ),
                    3,
                ),
            )
        )
        profile(hmi, "/performance/councils/855/", "profile, all LAIT indicators")
        rows += engine.run(data)
        rows += importers.run()
    return rows


if __name__ == "__main__":
    main()
