"""Plain batched INSERTs for the large tables (observations and comparisons).

Building a model instance per row costs minutes for the 641,070 rows of the LAIT file;
`executemany` with tuples costs seconds on SQLite and PostgreSQL alike (bench/RESULTS.md).
"""

import math
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
from django.db import connection, models

BATCH = 20_000


def rows_insert(
    *,
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[tuple],
    total: int,
    on_batch: Callable[[int, int], None] | None = None,
) -> int:
    """Insert `rows` (tuples in the order of `columns`) into `model`'s table; returns count."""
    quote = connection.ops.quote_name
    # Names come from the model's own metadata, values go as parameters.
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    if connection.vendor == "postgresql":
        return _copy(table=table, names=names, rows=rows, total=total, on_batch=on_batch)
    done = 0
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                done += len(batch)
                batch.clear()
                if on_batch:
                    on_batch(done, total)
        if batch:
            cursor.executemany(sql, batch)
            done += len(batch)
    if on_batch:
        on_batch(done, total)
    return done


def none_if_missing(number) -> float | None:
    """NaN and pandas' NA become SQL NULL."""
    if number is None or number is pd.NA:
        return None
    number = float(number)
    return None if math.isnan(number) else number


def _copy(*, table: str, names: str, rows: Iterable[tuple], total: int, on_batch) -> int:
    """PostgreSQL's COPY: several times faster than INSERTs for hundreds of thousands of rows."""
    done = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, which speaks COPY
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                done += 1
                if on_batch and done % BATCH == 0:
                    on_batch(done, total)
    if on_batch:
        on_batch(done, total)
    return done
