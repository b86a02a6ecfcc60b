"""The ten busiest queries of a round, with their plans (issue 25 §4): bench/EXPLAIN.md.

Against a database holding the demo (and the LAIT dataset where it was imported), every page
the demo's council users and inspectors open in a round (the load test's list, found and
checked by bench/load_pages.py) is opened once to warm up and once with every statement
recorded. Statements are grouped with their parameters stripped (an `IN` list of any length
is one statement), ranked by their total time over the round, and the ten busiest are run
again under EXPLAIN (EXPLAIN ANALYZE on PostgreSQL, inside a transaction rolled back;
EXPLAIN QUERY PLAN on SQLite). A plan reading a big table whole (a sequential scan of
performance_observation, performance_comparison, the audit trail, or any table of more than
BIG_ROWS rows) is flagged. The page benchmarks' figure for a council's profile (its median
and its query count) is measured too, on each database.

    .venv/bin/python -m bench.explain [DATABASE_URL ...]

With no URL, the database in DATABASE_URL. Each database is read in a process of its own (the
settings read DATABASE_URL once); bench/EXPLAIN.md gets one section per database.

Times are recorded around each statement's execution by a wrapper on the connection (as
bench/pages.py counts queries), not by CaptureQueriesContext, which keeps the SQL with its
parameters written in and its time rounded to the millisecond. On SQLite the time of a
statement is the time to its first row: the rest is read as the page iterates.
"""

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

EXPLAIN = Path(__file__).with_name("EXPLAIN.md")
TOP = 10
BIG_TABLES = ("performance_observation", "performance_comparison", "audit_auditentry")
BIG_ROWS = 10_000  # any table past this many rows read whole is flagged too
PROFILE_LA = "855"  # Leicestershire: every LAIT indicator once the LAIT file is imported


@dataclass
class Statement:
    sql: str  # parameters stripped
    calls: int = 0
    total_ms: float = 0.0
    slowest_ms: float = 0.0
    pages: set[str] = field(default_factory=set)
    example: tuple[str, list] = ("", [])  # the slowest call's SQL and parameters
    plan: list[str] = field(default_factory=list)
    scans: list[str] = field(default_factory=list)  # big tables read whole


@dataclass
class Section:
    database: str
    pages: int
    accounts: int
    statements: int
    calls: int
    sizes: dict[str, int]
    busiest: list[dict]
    rows: list[tuple[str, float]]
    left_out: list[str]


_IN_LIST = re.compile(r"%s(?:\s*,\s*%s)+")
_LIMIT = re.compile(r"\b(LIMIT|OFFSET)\s+\d+")
_COLUMNS = re.compile(
    r'(?:(?:\w+|"\w+")\."\w+"(?: AS "\w+")?, ){3,}(?:\w+|"\w+")\."\w+"(?: AS "\w+")?'
)
_ALIAS = re.compile(r'"(?P<table>\w+)"\s+(?:AS\s+)?"?(?P<alias>[A-Z]\d+)\b')


def normalised(sql: str) -> str:
    """The statement without its parameters: IN lists of any length and LIMIT/OFFSET numbers
    (Django writes those into the SQL) collapse, so one query shape is one statement."""
    return _LIMIT.sub(r"\1 n", _IN_LIST.sub("%s, ...", sql))


def shortened(sql: str) -> str:
    """The statement as EXPLAIN.md prints it: a list of four or more columns as its first
    column and how many there are."""

    def columns(match: re.Match) -> str:
        names = match[0].split(", ")
        return f"{names[0]}, ... ({len(names)} columns)"

    return _COLUMNS.sub(columns, sql)


def _environment() -> None:
    """The settings the page benchmarks use (bench/__main__.py)."""
    from bench.__main__ import bench_environment  # noqa: PLC0415  (only when run alone)

    bench_environment()


def _record(client, accounts: list[dict]) -> dict[str, Statement]:
    """Every statement of every page, each account signed in as itself."""
    from django.db import connection  # noqa: PLC0415

    from ecm.accounts.models import User  # noqa: PLC0415

    found: dict[str, Statement] = {}
    page = ""

    def wrapper(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = (time.perf_counter() - start) * 1000
            if not many:
                key = normalised(sql)
                statement = found.setdefault(key, Statement(sql=key))
                statement.calls += 1
                statement.total_ms += elapsed
                statement.pages.add(page)
                if elapsed >= statement.slowest_ms:
                    statement.slowest_ms = elapsed
                    statement.example = (sql, list(params or ()))

    for account in accounts:
        client.force_login(User.objects.get(email=account["email"]))
        for kind, url in account["pages"]:
            page = f"{account['group']}: {kind}"
            with connection.execute_wrapper(wrapper):
                client.get(url)
    return found


def _plan(sql: str, params: list) -> list[str]:
    """The statement's plan: run under EXPLAIN ANALYZE on PostgreSQL, in a transaction rolled
    back (ANALYZE runs the statement, writes included)."""
    from django.db import connection, transaction  # noqa: PLC0415

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            lines = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            depth: dict[int, int] = {}
            lines = []
            for node, parent, _unused, detail in cursor.fetchall():
                depth[node] = depth.get(parent, -1) + 1
                lines.append("  " * depth[node] + detail)
        transaction.set_rollback(True)
    return lines


def _table_sizes() -> dict[str, int]:
    from django.db import connection  # noqa: PLC0415

    sizes = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (the schema's own names)
            sizes[table] = cursor.fetchone()[0]
    return sizes


def whole_table_reads(plan: list[str], sql: str, *, big: set[str], vendor: str) -> list[str]:
    """The big tables a plan reads whole: PostgreSQL's "Seq Scan on t", SQLite's "SCAN t"
    (by table or by Django's alias of it, U0, T3...; not a subquery's or a covering index's
    scan of a few rows' key)."""
    aliases = {m["alias"]: m["table"] for m in _ALIAS.finditer(sql)}
    found = []
    for line in plan:
        text = line.strip()
        if vendor == "postgresql":
            match = re.search(r"Seq Scan on (\w+)", text)
        else:
            match = re.match(r"SCAN (\w+)(?! USING (?:COVERING )?INDEX)", text)
        if match:
            table = aliases.get(match[1], match[1])
            if table in big and table not in found:
                found.append(table)
    return found


def explain_database(client=None) -> Section:
    """The round's pages on the database of this process, ranked and explained."""
    from django.conf import settings  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client, override_settings  # noqa: PLC0415

    from bench.load_pages import discover  # noqa: PLC0415 (it sets Django up itself)
    from bench.pages import page_figures  # noqa: PLC0415
    from ecm.accounts.models import User  # noqa: PLC0415
    from ecm.performance.models import Comparison  # noqa: PLC0415

    client = client or Client()
    # Each page opened once by discover() (the warm-up), whose client names the loopback host.
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "127.0.0.1"]):
        found = discover()
    accounts = [a for a in found["accounts"] if a["pages"]]
    statements = _record(client, accounts)
    sizes = _table_sizes()
    big = set(BIG_TABLES) | {t for t, n in sizes.items() if n > BIG_ROWS}
    busiest = sorted(statements.values(), key=lambda s: s.total_ms, reverse=True)[:TOP]
    for statement in busiest:
        statement.plan = _plan(*statement.example)
        statement.scans = whole_table_reads(
            statement.plan, statement.example[0], big=big, vendor=connection.vendor
        )
    name = _database_name()
    la = PROFILE_LA if Comparison.objects.filter(council__la_number=PROFILE_LA).exists() else "990"
    count = Comparison.objects.filter(council__la_number=la).values("indicator").distinct()
    inspector = User.objects.get(email="hmi@ofsted.example")
    rows = page_figures(
        client,
        inspector,
        f"/performance/councils/{la}/",
        f"profile, {count.count()} indicators, {name}",
        cpu=True,
    )
    return Section(
        database=f"{name} {_version()}",
        pages=sum(len(a["pages"]) for a in accounts),
        accounts=len(accounts),
        statements=len(statements),
        calls=sum(s.calls for s in statements.values()),
        sizes={t: n for t, n in sizes.items() if t in big},
        busiest=[
            {**asdict(s), "pages": sorted(s.pages), "example": None, "sql": s.sql} for s in busiest
        ],
        rows=rows,
        left_out=found["left_out"],
    )


def _database_name() -> str:
    from django.db import connection  # noqa: PLC0415

    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


def _version() -> str:
    from django.db import connection  # noqa: PLC0415

    if connection.vendor != "postgresql":
        return connection.Database.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _child(url: str) -> Section:
    """One database's section, read in a process of its own."""
    with tempfile.TemporaryDirectory(prefix="ecm-explain-") as folder:
        out = Path(folder) / "section.json"
        subprocess.run(  # noqa: S603 (this interpreter, this module)
            [sys.executable, "-m", "bench.explain", "--json", str(out)],
            env={**os.environ, "DATABASE_URL": url},
            stdout=subprocess.DEVNULL,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        data = json.loads(out.read_text())
    data["rows"] = [tuple(row) for row in data["rows"]]
    return Section(**data)


def write(sections: list[Section], path: Path = EXPLAIN) -> None:
    lines = [
        "# The ten busiest queries of a round, with their plans (issue 25 §4)",
        "",
        f"- Date: {date.today().isoformat()}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {sys.version.split()[0]}; load average "
        f"{os.getloadavg()[0]:.1f} at the end",
        "- Written by `python -m bench.explain` (bench/explain.py: how pages are chosen, how "
        "statements are grouped and timed, what is flagged); what was fixed and what was left, "
        "and why: docs/decisions/0050-the-profile-page-and-busy-queries.md",
        "- A statement's total is the time its calls took seen from Django, round trip "
        "included: on a busy machine a query of a few microseconds run on every page (the "
        "session, the user, the roles, the permissions) can outrank a heavy one run once; its "
        "plan's own timing (EXPLAIN ANALYZE, PostgreSQL) says which is which.",
        "",
    ]
    for section in sections:
        lines += _section_lines(section)
    path.write_text("\n".join(lines) + "\n")


def _section_lines(section: Section) -> list[str]:
    lines = [
        f"## {section.database}",
        "",
        f"{section.pages} pages opened by {section.accounts} accounts; {section.calls} "
        f"statements run, {section.statements} distinct. Big tables: "
        + ", ".join(f"{t} ({n:,} rows)" for t, n in sorted(section.sizes.items()))
        + ".",
        "",
        "| what | figure |",
        "| --- | ---: |",
        *[f"| {label} | {figure:.1f} |" for label, figure in section.rows],
        "",
        "| # | total ms | calls | slowest ms | reads a big table whole | pages |",
        "| ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for n, s in enumerate(section.busiest, start=1):
        pages = ", ".join(s["pages"][:4]) + (" ..." if len(s["pages"]) > 4 else "")
        lines.append(
            f"| {n} | {s['total_ms']:.1f} | {s['calls']} | {s['slowest_ms']:.1f} | "
            f"{', '.join(s['scans']) or 'no'} | {pages} |"
        )
    lines.append("")
    for n, s in enumerate(section.busiest, start=1):
        sql = shortened(s["sql"])
        lines += [
            f"### {n}. {s['total_ms']:.1f} ms in {s['calls']} calls"
            + (f" (reads {', '.join(s['scans'])} whole)" if s["scans"] else ""),
            "",
            "```sql",
            sql,
            "```",
            "",
            "```",
            *s["plan"],
            "```",
            "",
        ]
    if section.left_out:
        lines += [
            "Pages left out (they did not answer 200 to the account that would open them):",
            "",
            *[f"- {page}" for page in section.left_out],
            "",
        ]
    return lines


def run(client=None, *, databases: list[str] = (), path: Path = EXPLAIN) -> list[tuple[str, float]]:
    """Rows for bench/RESULTS.md (the profile page's median and query count on each database)
    and bench/EXPLAIN.md: this process's database, then each of `databases` in a child."""
    sections = [explain_database(client)]
    sections += [_child(url) for url in databases]
    write(sections, path)
    return [row for section in sections for row in section.rows]


def main(argv: list[str]) -> None:
    _environment()
    if argv[:1] == ["--json"]:
        import django  # noqa: PLC0415

        django.setup()
        Path(argv[1]).write_text(json.dumps(asdict(explain_database())))
        return
    urls = argv or [os.environ["DATABASE_URL"]]
    sections = [_child(url) for url in urls]
    write(sections)
    for section in sections:
        for label, figure in section.rows:
            print(f"{label}: {figure:.1f}")
    print(f"Written {EXPLAIN}")


if __name__ == "__main__":
    main(sys.argv[1:])
