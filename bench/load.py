"""The load test (issue 25 §6): signed-in users against the site as production serves it, on
PostgreSQL and on SQLite, without and then during an import of the LAIT file.

    .venv/bin/python -m bench.load --minutes 10 --users 100          # make bench's figures
    .venv/bin/python -m bench.load --minutes 1 --users 20 --database sqlite   # while working

For each database, on a scratch database of its own (PostgreSQL: ecm_load, or
LOAD_POSTGRES_DATABASE, created and dropped here; SQLite: a file in a temporary folder), never
the project's own:

1. migrate, load the demo, import the DfE neighbours and the LAIT file (so the profiles are
   real: a council with every LAIT indicator), and find the pages each demo account opens in a
   round (bench/load_pages.py);
2. serve it with `manage.py serve` (gunicorn with config/gunicorn.conf.py, and qcluster): DEBUG
   off, demo mode on for the demo passwords, plain HTTP on the loopback interface;
3. run locust headless in its own process (bench/locustfile.py: it monkey-patches ssl, so it
   never shares a process with Django or boto3): USERS signed in, 1-3 s between pages; once
   every user is in and a short warm-up has passed, measure MINUTES without an import;
4. then import a changed release of the LAIT file (every numeric value moved by 1%, so every
   value and every comparison is really rewritten, not recognised as the same file) while the
   load goes on, and measure until the import has finished.

Figures: per page kind, requests, p50, p95, max and errors, without and during the import;
requests per second; requests over 1 s; the CPU each part used in each window (locust, the
server's processes, the import, the whole machine), since everything shares the machine's
cores. Only loopback: the server binds 127.0.0.1.

LOAD_PREPARED=DIR (while working): step 1's database is kept, as prepared and before any load,
in DIR (SQLite: a copy of the file; PostgreSQL: a template database named after the scratch
one, with `_prepared`) and reused by the next run with the same DIR, which then starts at step
2. Delete DIR (and drop the template) after a migration or a change to the demo.

Two-factor sign-in is not in the way: the demo's accounts are exempt in demo mode (decision
0034), and TWO_FACTOR_REQUIRED_FOR_INSPECTORATE=false is set besides, as bench/__main__.py does.
"""

import argparse
import csv
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LAIT = ROOT.parent / "shared" / "data" / "lait"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
# Scratch, dropped at the end; never the suite's `test`. LOAD_POSTGRES_DATABASE names another,
# so two load tests on one server (two sessions, two checkouts) do not drop each other's.
POSTGRES_DATABASE = os.environ.get("LOAD_POSTGRES_DATABASE") or "ecm_load"
WARM_UP_SECONDS = 20  # after the last user signed in: workers' first pages, caches
SPAWN_RATE = 2  # users started a second: each sign-in is one password hash (~0.5 s of CPU)
SLOW_MS = 1000  # issue 25's target: no request over 1 s except file downloads


def run(
    *,
    minutes: float = 10,
    users: int = 100,
    databases: tuple[str, ...] = ("postgresql", "sqlite"),
    during_import: bool = True,
    import_limit_minutes: float = 20,
) -> list[str]:
    """Markdown lines for bench/RESULTS.md, one section per database."""
    lines = [
        f"## Load test (issue 25 §6): {users} signed-in users, 1-3 s between pages",
        "",
        f"- Date: {date.today().isoformat()}; machine: {platform.machine()}, {os.cpu_count()} "
        f"cores, Python {sys.version.split()[0]}; locust on the same machine (loopback)",
        "- Server: `manage.py serve` (gunicorn with config/gunicorn.conf.py, and qcluster), "
        "DEBUG off, demo mode; the demo with the LAIT file imported",
        f"- Measured for {minutes:g} min once every user had signed in (+{WARM_UP_SECONDS} s "
        "warm-up), then during a re-import of a changed LAIT release (every value moved 1%)",
        "",
    ]
    for database in databases:
        lines += _one_database(
            database=database,
            minutes=minutes,
            users=users,
            during_import=during_import,
            import_limit_minutes=import_limit_minutes,
        )
    return lines


def _one_database(
    *, database: str, minutes: float, users: int, during_import: bool, import_limit_minutes: float
) -> list[str]:
    workdir = Path(tempfile.mkdtemp(prefix="ecm-load-"))
    if database == "sqlite":
        url = f"sqlite:///{workdir / 'load.sqlite3'}"
    else:
        _psql(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        _psql(f"CREATE DATABASE {POSTGRES_DATABASE}")
        url = f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"
    env = _environment(url, workdir)
    server = None
    try:
        _prepare_or_reuse(env, workdir, database)
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "serve", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=open(workdir / "server.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        _wait_until_serving(port, server)
        timeline = _load(
            env=env,
            workdir=workdir,
            port=port,
            server_pid=server.pid,
            users=users,
            minutes=minutes,
            during_import=during_import,
            import_limit_minutes=import_limit_minutes,
        )
        (workdir / "timeline.json").write_text(json.dumps(timeline))
        records = _read_records(workdir / "requests.csv")
        return _report(database=database, records=records, timeline=timeline, workdir=workdir)
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGINT)  # serve stops gunicorn and qcluster
            server.wait(timeout=30)
        if database != "sqlite":
            _psql(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        if os.environ.get("LOAD_KEEP") != "true":  # LOAD_KEEP=true keeps logs and records
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}")


def _environment(url: str, workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "DEMO_MODE": "true",
        "TWO_FACTOR_REQUIRED_FOR_INSPECTORATE": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        # Pages name static files without hashes, so no collectstatic is needed; locust asks
        # for pages only (a browser would cache the static files after the first page).
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "MEDIA_ROOT": str(workdir / "media"),
        # The site's one line per request (ecm.core.request_log) gives the time inside Django.
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
    }


def _manage(env: dict, *args: str, log: Path) -> None:
    with open(log, "a") as out:
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=out, stderr=out
        )


def _prepare(env: dict, workdir: Path) -> None:
    log = workdir / "prepare.log"
    started = time.perf_counter()
    _manage(env, "migrate", "--noinput", "-v0", log=log)
    _manage(env, "load_demo", log=log)
    _manage(env, "import_neighbours", str(LAIT / "sn_may_2025.xlsx"), log=log)
    _manage(env, "import_indicators", *_lait_arguments(LAIT / "bds_long_0.parquet"), log=log)
    _changed_release(LAIT / "bds_long_0.parquet", workdir / "bds_long_changed.parquet")
    subprocess.run(  # noqa: S603
        [PYTHON, "-m", "bench.load_pages", str(workdir / "pages.json")],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "a"),  # noqa: SIM115
    )
    print(f"prepared {env['DATABASE_URL']} in {time.perf_counter() - started:.0f} s")


_PREPARED_FILES = ("pages.json", "bds_long_changed.parquet")


def _prepare_or_reuse(env: dict, workdir: Path, database: str) -> None:
    """Step 1, or (LOAD_PREPARED=DIR) a copy of what an earlier run with the same DIR kept."""
    kept = os.environ.get("LOAD_PREPARED")
    if not kept:
        _prepare(env, workdir)
        return
    kept_dir = Path(kept) / database
    template = f"{POSTGRES_DATABASE}_prepared"
    if (kept_dir / "pages.json").exists():
        for name in _PREPARED_FILES:
            shutil.copy(kept_dir / name, workdir / name)
        if (kept_dir / "media").exists():
            shutil.copytree(kept_dir / "media", workdir / "media")
        if database == "sqlite":
            shutil.copy(kept_dir / "load.sqlite3", workdir / "load.sqlite3")
        else:
            _psql(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
            _psql(f"CREATE DATABASE {POSTGRES_DATABASE} TEMPLATE {template}")
        print(f"reused the database prepared in {kept_dir}")
        return
    _prepare(env, workdir)
    kept_dir.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        source = sqlite3.connect(workdir / "load.sqlite3")
        copy = sqlite3.connect(kept_dir / "load.sqlite3")
        source.backup(copy)  # a consistent copy of a database in WAL mode
        copy.close()
        source.close()
    else:
        _psql(f"DROP DATABASE IF EXISTS {template}")
        _psql(f"CREATE DATABASE {template} TEMPLATE {POSTGRES_DATABASE}")
    if (workdir / "media").exists():
        shutil.copytree(workdir / "media", kept_dir / "media", dirs_exist_ok=True)
    for name in reversed(_PREPARED_FILES):  # pages.json last: it says the rest is there
        shutil.copy(workdir / name, kept_dir / name)


def _lait_arguments(path: Path) -> list[str]:
    return [str(path), "--format", "lait", "--companion", str(LAIT / "lait_data_dictionary.csv")]


def _changed_release(source: Path, target: Path) -> None:
    """The same file with every numeric value moved by 1% towards zero (a percentage stays a
    percentage): a new release that rewrites every value and comparison when imported."""
    import pyarrow as pa  # noqa: PLC0415  (only here: the orchestrator stays light)
    import pyarrow.parquet as pq  # noqa: PLC0415

    table = pq.read_table(source)
    moved = []
    for value in table.column("Values").to_pylist():
        try:
            moved.append(f"{float(value) * 0.99:.6g}")
        except (TypeError, ValueError):
            moved.append(value)  # suppressed or missing ("x", "c", ""): unchanged
    index = table.schema.get_field_index("Values")
    pq.write_table(table.set_column(index, "Values", pa.array(moved, pa.string())), target)


def _psql(sql: str) -> None:
    subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", sql],  # noqa: S607
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_serving(port: int, server: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting: see server.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as answer:
                if answer.status == 200:
                    time.sleep(10)  # every worker imports the site before its first request
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError("the server did not answer /readyz")


def _load(
    *,
    env: dict,
    workdir: Path,
    port: int,
    server_pid: int,
    users: int,
    minutes: float,
    during_import: bool,
    import_limit_minutes: float,
) -> dict[str, float]:
    record = workdir / "requests.csv"
    record.touch()
    spawn_seconds = users / SPAWN_RATE
    bound = spawn_seconds + WARM_UP_SECONDS + minutes * 60 + 60
    if during_import:
        bound += import_limit_minutes * 60
    locust = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(SPAWN_RATE),
            "--run-time",
            f"{int(bound)}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**env, "LOAD_PAGES": str(workdir / "pages.json"), "LOAD_RECORD": str(record)},
        stdout=open(workdir / "locust.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    timeline: dict[str, float] = {}
    try:
        # Measuring starts once every user has signed in (each sign-in is a password hash,
        # so the queue they make is the ramp's, not the site's), then a warm-up.
        deadline = time.monotonic() + spawn_seconds * 3 + 300
        while _signed_in(record) < users:
            if locust.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("locust did not sign every user in: see locust.log")
            time.sleep(1)
        time.sleep(WARM_UP_SECONDS)
        timeline["without_start"] = time.time()
        timeline["load_average"] = os.getloadavg()[0]  # other work on the machine shows here
        before = _cpu(locust.pid, server_pid)
        time.sleep(minutes * 60)
        timeline["without_end"] = time.time()
        timeline["load_average_end"] = os.getloadavg()[0]
        _cpu_shares(timeline, "without", before, _cpu(locust.pid, server_pid))
        if during_import:
            timeline["import_start"] = time.time()
            before = _cpu(locust.pid, server_pid)
            import_cpu = _import(env, workdir, timeline)
            timeline["import_end"] = time.time()
            timeline["import_load_average_end"] = os.getloadavg()[0]
            after = _cpu(locust.pid, server_pid)
            _cpu_shares(timeline, "import", before, {**after, "import": import_cpu})
    finally:
        if locust.poll() is None:
            locust.send_signal(signal.SIGTERM)
            try:
                locust.wait(timeout=60)
            except subprocess.TimeoutExpired:
                locust.kill()
    return timeline


def _import(env: dict, workdir: Path, timeline: dict) -> float:
    """The changed release imported as an operator would (the command, in a session of its
    own, as from another terminal or a scheduler); its CPU seconds. Not in this process's
    session, which is locust's: with Linux's autogroup scheduling the CPU is shared between
    sessions first, and an import in locust's would take its share from the load generator
    rather than compete with the site as a real one does."""
    command = [
        PYTHON,
        "manage.py",
        "import_indicators",
        *_lait_arguments(workdir / "bds_long_changed.parquet"),
    ]
    with open(workdir / "import.log", "a") as out:
        child = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
        )
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:  # Ctrl-C no longer reaches it (its own session): stop it here
            child.kill()
            child.wait()
            raise
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        timeline["import_failed"] = 1  # reported, with the figures without it
    return usage.ru_utime + usage.ru_stime


def _cpu(locust_pid: int, server_pid: int) -> dict[str, float]:
    """CPU seconds so far of locust, of the server (manage.py serve, gunicorn's master and
    workers, qcluster and theirs, workers already replaced included), and of the whole machine
    (busy and in all), read from /proc: on a machine the load test shares with itself, where
    the cores go is half of the answer."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone since the listing
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        # utime, stime, and those of its children already waited for
        times[pid] = sum(int(f) for f in fields[11:15]) / tick

    def tree(pid: int) -> float:
        return times.get(pid, 0.0) + sum(tree(child) for child in children.get(pid, []))

    machine = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = machine[3] + machine[4]  # idle and iowait
    return {
        "locust": tree(locust_pid),
        "server": tree(server_pid),
        "machine_busy": (sum(machine) - idle) / tick,
        "machine_all": sum(machine) / tick,
    }


def _cpu_shares(timeline: dict, window: str, before: dict, after: dict) -> None:
    """Cores used in a window: 1.0 is one core busy the whole window."""
    seconds = after["machine_all"] - before["machine_all"]  # summed over the cores
    wall = seconds / (os.cpu_count() or 1)
    for part in ("locust", "server", "import"):
        if part in after:
            timeline[f"{window}_cpu_{part}"] = (after[part] - before.get(part, 0.0)) / wall
    timeline[f"{window}_cpu_machine"] = (after["machine_busy"] - before["machine_busy"]) / wall


def _signed_in(record: Path) -> int:
    return sum(1 for line in record.read_text().splitlines() if ",sign in," in line)


def _server_times(log: Path, start: float, end: float) -> list[float]:
    """Milliseconds inside Django for the pages answered in the window, from the site's own
    request log (ecm.core.request_log): the response time locust sees, minus the wait for a
    free worker and the network."""
    times = []
    for line in log.read_text(errors="replace").splitlines():
        if not line.startswith("{") or '"ecm.request"' not in line:
            continue
        try:
            entry = json.loads(line)
            at = datetime.fromisoformat(entry["time"]).timestamp()
        except (ValueError, KeyError):
            continue
        page = entry.get("method") == "GET" and entry.get("status") == 200
        if page and start <= at < end and not str(entry.get("path")).startswith("/sign-in"):
            times.append(float(entry["duration_ms"]))
    return times


def _read_records(path: Path) -> list[tuple[float, str, float, int, str]]:
    with open(path, newline="") as f:
        return [
            (float(end), name, float(ms), int(status), error)
            for end, name, ms, status, error in csv.reader(f)
            if name != "spawning complete"
        ]


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (locust reports the same way, on rounded buckets)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def _window(records, start: float, end: float) -> list:
    return [r for r in records if start <= r[0] < end and not r[1].startswith("sign in")]


def _report(*, database: str, records: list, timeline: dict, workdir: Path) -> list[str]:
    title = "PostgreSQL" if database == "postgresql" else "SQLite (one file, WAL)"
    without = _window(records, timeline["without_start"], timeline["without_end"])
    during = (
        _window(records, timeline["import_start"], timeline["import_end"])
        if "import_end" in timeline
        else []
    )
    lines = [
        f"### {title}",
        "",
        f"- Machine's load average (1 min) as measuring began: {timeline['load_average']:.1f} "
        f"on {os.cpu_count()} cores (the server and locust included)",
    ]
    lines.append(
        f"- Load average at the end of each window: {timeline['load_average_end']:.1f} "
        "without the import"
        + (
            f", {timeline['import_load_average_end']:.1f} during it"
            if "import_load_average_end" in timeline
            else ""
        )
    )
    for window, label in (("without", "without an import"), ("import", "during the import")):
        if f"{window}_cpu_machine" in timeline:
            parts = ", ".join(
                f"{part} {timeline[f'{window}_cpu_{part}']:.2f}"
                for part in ("locust", "server", "import")
                if f"{window}_cpu_{part}" in timeline
            )
            lines.append(
                f"- Cores used {label} (of {os.cpu_count()}): {parts}; the whole machine "
                f"{timeline[f'{window}_cpu_machine']:.2f} (other work included)"
            )
    seconds = timeline["without_end"] - timeline["without_start"]
    lines.append(
        f"- Without an import: {len(without)} requests in {seconds:.0f} s, "
        f"{len(without) / seconds:.1f} requests/s, {_errors(without)} errors, "
        f"{_slow(without)} over {SLOW_MS} ms"
    )
    if during:
        spent = timeline["import_end"] - timeline["import_start"]
        ratio = _percentile([r[2] for r in during], 0.95) / _percentile(
            [r[2] for r in without], 0.95
        )
        if timeline.get("import_failed"):
            lines.append("- **The import itself failed** (see import.log): figures during it")
        lines.append(
            f"- During the import ({spent:.0f} s under load): {len(during)} requests, "
            f"{len(during) / spent:.1f} requests/s, {_errors(during)} errors, "
            f"{_slow(during)} over {SLOW_MS} ms; p95 of all pages {ratio:.2f}x without "
            "(target ≤ 2x)"
        )
    log = workdir / "server.log"
    for label, start, end in (
        ("without an import", timeline["without_start"], timeline["without_end"]),
        ("during the import", timeline.get("import_start"), timeline.get("import_end")),
    ):
        inside = _server_times(log, start, end) if start else []
        if inside:
            lines.append(
                f"- Time inside Django {label} (the site's request log): p50 "
                f"{_ms(_percentile(inside, 0.5))}, p95 {_ms(_percentile(inside, 0.95))}; the "
                "rest of what locust saw is the wait for a free worker"
            )
    sign_ins = [r for r in records if r[1] == "sign in"]
    lines.append(
        f"- Sign-ins: {len(sign_ins)}, {_errors(sign_ins)} errors, p50 "
        f"{_ms(statistics.median([r[2] for r in sign_ins]) if sign_ins else 0)}"
    )
    lines += [
        "",
        "| page kind | requests | p50 | p95 | max | errors | p95 during import | max during "
        "import | errors during import |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    kinds = sorted({r[1] for r in without} | {r[1] for r in during})
    for kind in [*kinds, "all pages"]:
        a = [r for r in without if kind in ("all pages", r[1])]
        b = [r for r in during if kind in ("all pages", r[1])]
        times_a, times_b = [r[2] for r in a], [r[2] for r in b]
        lines.append(
            f"| {kind} | {len(a)} | {_ms(_percentile(times_a, 0.5) if a else None)} | "
            f"{_ms(_percentile(times_a, 0.95) if a else None)} | "
            f"{_ms(max(times_a) if a else None)} | {_errors(a)} | "
            f"{_ms(_percentile(times_b, 0.95) if b else None)} | "
            f"{_ms(max(times_b) if b else None)} | {_errors(b) if b else '-'} |"
        )
    failures = sorted({f"{r[1]}: {r[3]} {r[4][:80]}" for r in without + during if _failed(r)})
    if failures:
        lines += ["", "Errors seen:", *[f"- {f}" for f in failures[:10]]]
    return [*lines, ""]


def _failed(record) -> bool:
    """locust's failure: an exception, or a status the locustfile refused (not 200 for a
    page, not a redirect home for a sign-in)."""
    return bool(record[4])


def _errors(records) -> int:
    return sum(1 for r in records if _failed(r))


def _slow(records) -> int:
    return sum(1 for r in records if r[2] > SLOW_MS)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument(
        "--database", choices=["postgresql", "sqlite", "both"], default="both", dest="database"
    )
    parser.add_argument("--no-import", action="store_true", help="skip the import scenario")
    options = parser.parse_args()
    databases = ("postgresql", "sqlite") if options.database == "both" else (options.database,)
    lines = run(
        minutes=options.minutes,
        users=options.users,
        databases=databases,
        during_import=not options.no_import,
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
