"""Timing a page: its median server time through Django's test client, and how many database
queries one request makes (counted by a wrapper, since the debug log resets per request)."""

import statistics
import time

from django.db import connection

REPEAT = 30


def page_figures(
    client, user, url: str, label: str, repeat: int = REPEAT, *, cpu: bool = False
) -> list[tuple[str, float]]:
    """The page's median time and its query count; with `cpu`, also the median processor time
    of this process per request (on a busy machine, closer to what the page costs quietly
    than the wall time; on PostgreSQL it leaves out the database server's share)."""
    client.force_login(user)
    assert client.get(url).status_code == 200, url
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times, processor = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        processor.append((time.process_time() - start_cpu) * 1000)
    rows = [
        (f"GET {url} ({label})", statistics.median(times)),
        (f"GET {url}: database queries", len(queries)),
    ]
    if cpu:
        rows.append(
            (f"GET {url}: processor time of this process, ms", statistics.median(processor))
        )
    return rows
