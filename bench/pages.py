"""Timing a page: its median server time through Django's test client, and how many database
queries one request makes (counted by a wrapper, since the debug log resets per request)."""

import statistics
import time

from django.db import connection

REPEAT = 30


def page_figures(
    client, user, url: str, label: str, repeat: int = REPEAT
) -> list[tuple[str, float]]:
    client.force_login(user)
    assert client.get(url).status_code == 200, url
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return [
        (f"GET {url} ({label})", statistics.median(times)),
        (f"GET {url}: database queries", len(queries)),
    ]
