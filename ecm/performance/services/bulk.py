"""Bulk writes of the large tables (observations and comparisons), column by column.

Building a model instance per row costs minutes for the 641,070 rows of the LAIT file, and
even a Python tuple per row costs seconds; so a frame is written whole (issue 25 §1, decision
0048): on PostgreSQL as CSV made by pyarrow and sent by COPY, on SQLite by INSERTs of 500 rows
each over the frame's columns, with a page cache large enough to hold the indexes being
written.

The two tables have no foreign key constraints in the database (PostgreSQL checked them row by
row at COMMIT, 40% of an import): `frame_insert` checks every reference of the frame once,
before writing anything, and on PostgreSQL locks the rows referred to (FOR KEY SHARE, as a
foreign key's own check does) until the transaction ends, so that none is deleted meanwhile.
"""

import io
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import IntegrityError, connection, models, transaction

from ecm.performance.services.server_time import server_at_work, server_worked

BATCH = 20_000  # rows per block of INSERTs, or per CSV block sent by COPY (and per progress step)
# Rows per INSERT statement on SQLite, not one statement a row (executemany): the two tables'
# ids are AUTOINCREMENT (Django's SQLite schema for every automatic key), and SQLite reads and
# writes the table's entry in sqlite_sequence, a table without an index, for each statement,
# which was half of a LAIT import's inserts (633,360 values: 3.7 s as a statement a row, 1.6 s
# in statements of 200 to 1,000 rows; a row at a time without AUTOINCREMENT, 1.8 s).
SQLITE_ROWS_PER_INSERT = 500
SQLITE_CACHE_KIB = 262_144  # SQLite's page cache while writing: the indexes stay in memory
# Fewer rows than this are written into the indexes as they are (rebuilding costs more).
SQLITE_REBUILD_FROM_ROWS = 50_000
_IDS_PER_QUERY = 500  # ids per reference check (well under SQLite's parameter limit)


class ReferenceMissing(IntegrityError):
    """A row names an indicator, council, region or import that does not exist."""


def frame_insert(
    *,
    model: type[models.Model],
    frame: pd.DataFrame,
    on_batch: Callable[[int, int], None] | None = None,
    in_place_on: tuple[str, ...] = (),
    fixed_by_key: tuple[str, ...] = (),
) -> int:
    """Insert every row of `frame` (columns named as `model`'s database columns; NaN and NA
    are NULL) into `model`'s table; returns the count. Raises ReferenceMissing, having written
    nothing, when a foreign key column names a row that does not exist.

    `in_place_on` (SQLite only): the columns of a unique constraint; a row whose values in
    them match a stored row's rewrites that row's other columns in place (an upsert), but for
    `fixed_by_key`, columns the key determines, which are left as stored: SQLite rewrites an
    index whenever one of its columns is set, changed or not, and none of this table's is.
    """
    references_check(model=model, frame=frame)
    total = len(frame)
    if not total:
        return 0
    quote = connection.ops.quote_name
    # Names come from the model's own metadata, values go as parameters or COPY data.
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in frame.columns)
    if connection.vendor == "postgresql":
        if in_place_on:
            raise ValueError("rows are rewritten in place on SQLite only")
        return _copy(table=table, names=names, frame=frame, on_batch=on_batch)
    per = _sqlite_rows_per_statement(len(frame.columns))
    row = "(" + ", ".join(["?"] * len(frame.columns)) + ")"  # sqlite3's own marks
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
    tail = _sqlite_in_place(frame.columns, in_place_on, fixed_by_key)
    full = head + ", ".join([row] * per) + tail
    done = 0
    with (
        connection.cursor() as cursor,
        _sqlite_cache(cursor),
        # An upsert needs its unique index as it goes: never dropped for it.
        _sqlite_indexes_built_after(
            cursor, table=model._meta.db_table, adding=0 if in_place_on else total
        ),
        # sqlite3's own cursor, not Django's: Django's rewrites each statement's "%s" marks
        # by a regular expression (2 s over LAIT's 595,818 comparisons, 13,000 marks a
        # statement), and with DEBUG on would quote and keep each one in its query log.
        closing(connection.connection.cursor()) as raw,
        connection.wrap_database_errors,  # its errors as Django's, as the other writes raise
    ):
        for start in range(0, total, BATCH):
            part = frame.iloc[start : start + BATCH]
            rows = list(zip(*_python_columns(part), strict=True))
            for first in range(0, len(rows), per):
                chunk = rows[first : first + per]
                sql = full if len(chunk) == per else head + ", ".join([row] * len(chunk)) + tail
                raw.execute(sql, list(chain.from_iterable(chunk)))
            done += len(part)
            if on_batch:
                on_batch(done, total)
    return done


def _sqlite_in_place(columns, keys: tuple[str, ...], fixed: tuple[str, ...]) -> str:
    """The upsert clause of `frame_insert`'s `in_place_on`: "" for a plain insert."""
    if not keys:
        return ""
    quote = connection.ops.quote_name
    target = f" ON CONFLICT ({', '.join(quote(c) for c in keys)}) DO "
    others = [c for c in columns if c not in keys and c not in fixed]
    if not others:
        return target + "NOTHING"
    return target + "UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in others)


def sqlite_pairs(pairs: Iterable[tuple[int, str]]) -> str:
    """(indicator, period) pairs as one JSON array, a single parameter for `json_each` (SQLite
    caps a statement's parameters, and builds a long list of them slowly)."""
    return json.dumps([[int(indicator), str(period)] for indicator, period in pairs])


def sqlite_pair_match(row: str, pair: str) -> str:
    """SQL: the row aliased `row` has the indicator and period of `json_each`'s pair aliased
    `pair`: a lookup a pair in an index on both columns (a row-value IN list of them read the
    whole index, or used its first column only)."""
    quote = connection.ops.quote_name
    return (
        f"{row}.{quote('indicator_id')} = json_extract({pair}.value, '$[0]') "
        f"AND {row}.{quote('period')} = json_extract({pair}.value, '$[1]')"
    )


def _sqlite_rows_per_statement(columns: int) -> int:
    """Rows per INSERT on SQLite: SQLITE_ROWS_PER_INSERT, fewer when the library's limit on
    a statement's parameters (32,766 by default since SQLite 3.32; 999 before) would refuse
    them."""
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(SQLITE_ROWS_PER_INSERT, limit // columns))


def frame_read(queryset: models.QuerySet, columns: list[str]) -> pd.DataFrame:
    """The rows of `queryset` as a frame of these plain columns (ids, text, numbers), fetched
    by the database cursor whole: Django's per-row iteration costs seconds for 600,000 rows,
    and these columns need none of its conversions."""
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)


def references_check(*, model: type[models.Model], frame: pd.DataFrame) -> None:
    """Every id in `frame`'s foreign key columns exists (those without a database constraint:
    the database no longer checks them). One query per column and 500 distinct ids, however
    many rows; on PostgreSQL the rows found stay locked against deletion until COMMIT."""
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    quote = connection.ops.quote_name
    for field in model._meta.concrete_fields:
        if not (isinstance(field, models.ForeignKey) and not field.db_constraint):
            continue
        if field.column not in frame.columns:
            continue
        ids = sorted({int(i) for i in pd.unique(frame[field.column].dropna())})
        target = field.related_model._meta
        pk = quote(field.target_field.column)
        found: set[int] = set()
        with connection.cursor() as cursor:
            for start in range(0, len(ids), _IDS_PER_QUERY):
                chunk = ids[start : start + _IDS_PER_QUERY]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT {pk} FROM {quote(target.db_table)} WHERE {pk} IN ({marks})"  # noqa: S608
                    + lock,
                    chunk,
                )
                found.update(row[0] for row in cursor.fetchall())
        missing = [i for i in ids if i not in found]
        if missing:
            raise ReferenceMissing(
                f"{model._meta.label}.{field.name}: no {target.verbose_name} with id "
                + ", ".join(str(i) for i in missing[:10])
                + (" and others" if len(missing) > 10 else "")
            )


def _python_columns(frame: pd.DataFrame) -> list[list]:
    """Each column as a list of Python values for SQLite: floats stay floats (SQLite stores a
    NaN as NULL), nullable integers and other missing values become None."""
    columns = []
    for name in frame.columns:
        column = frame[name]
        plain = isinstance(column.dtype, np.dtype)  # not pandas' nullable or arrow types
        if plain and column.dtype.kind == "f":
            columns.append(column.to_numpy(dtype=np.float64).tolist())
        elif plain and column.dtype.kind in "iub":
            columns.append(column.to_numpy().tolist())
        else:
            values = column.astype(object)
            columns.append(values.where(column.notna(), None).tolist())
    return columns


@contextmanager
def _sqlite_cache(cursor) -> Iterator[None]:
    """A page cache of SQLITE_CACHE_KIB while writing (SQLite's default, 2 MiB, is smaller
    than one of the tables' indexes, so each insert would read pages back from the file);
    the connection's own setting is restored after."""
    cursor.execute("PRAGMA cache_size")
    before = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def indexes_built_after(*, model: type[models.Model], adding: int) -> Iterator[None]:
    """Around several `frame_insert`s of one model (an import's comparisons, written a step
    of 100,000 at a time): on SQLite, the table's secondary indexes dropped once before the
    first and built once after the last, when `adding` rows are at least as many as it holds
    (`_sqlite_indexes_built_after`; each insert alone would do so for its first step only,
    then keep the indexes row by row for the other five). The caller makes sure no delete
    among those writes needs them. Nothing on PostgreSQL, and no query there: its writes run
    in the writer's thread, on this connection."""
    if connection.vendor != "sqlite":
        yield
        return
    with (
        connection.cursor() as cursor,
        _sqlite_cache(cursor),  # the build at the end sorts in the page cache too
        _sqlite_indexes_built_after(cursor, table=model._meta.db_table, adding=adding),
    ):
        yield


@contextmanager
def _sqlite_indexes_built_after(cursor, *, table: str, adding: int) -> Iterator[None]:
    """When the rows added are at least as many as the table holds (a first import), its
    secondary indexes are dropped before the insert and built again after it, in the same
    transaction: building an index over the whole table is about three times cheaper than
    keeping it row by row (1.8 s of a 633,360-row LAIT import; SQLite's advice for a bulk
    load). A duplicate that a unique index refuses is then refused when it is built, with the
    same IntegrityError, and the transaction (the import) is rolled back whole. Readers are
    not disturbed: in WAL mode they keep reading the committed table and its indexes.

    Not on PostgreSQL, where DROP INDEX would lock the table against every reader until the
    import commits."""
    # Only inside a transaction: outside one, a failed insert would leave the table without
    # the indexes it had (DROP INDEX would have been committed on its own).
    if adding < SQLITE_REBUILD_FROM_ROWS or not connection.in_atomic_block:
        yield
        return
    # At most `adding` rows are counted: enough to know whether the table holds as many.
    sample = f"SELECT 1 FROM {_quote(table)} LIMIT %s"  # noqa: S608
    cursor.execute(f"SELECT count(*) FROM ({sample})", [adding])  # noqa: S608
    if cursor.fetchone()[0] >= adding:
        yield
        return
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
        "AND sql IS NOT NULL ORDER BY name",
        [table],
    )
    indexes = cursor.fetchall()
    # In a savepoint: should the insert fail and a caller go on with the transaction, the
    # indexes come back with the rollback to it.
    with transaction.atomic():
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {_quote(name)}")
        yield
        for _name, sql in indexes:
            cursor.execute(sql)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _copy(*, table: str, names: str, frame: pd.DataFrame, on_batch) -> int:
    """PostgreSQL's COPY of CSV written by pyarrow (in C++, not a Python call per row): NULL
    is an unquoted empty field, an empty string a quoted one, as COPY's CSV format reads."""
    total = len(frame)
    options = pa_csv.WriteOptions(include_header=False)
    done = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, which speaks COPY
        with raw.copy(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
            for start in range(0, total, BATCH):
                # The server reads the stream as it comes: a pause after it pauses the server.
                with server_at_work():
                    part = frame.iloc[start : start + BATCH]
                    buffer = io.BytesIO()
                    pa_csv.write_csv(_arrow_table(part), buffer, write_options=options)
                    copy.write(buffer.getbuffer())
                    done += len(part)
                if on_batch:
                    on_batch(done, total)
            closing = time.perf_counter()
        # Closing waits for the server to finish what it was sent: that work, too.
        server_worked(seconds=time.perf_counter() - closing)
    return done


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    """NaN is null (pyarrow's reading of a pandas float column); floats print exactly."""
    return pa.Table.from_pandas(frame, preserve_index=False)
