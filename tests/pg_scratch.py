"""Scratch PostgreSQL databases for the production-path tests (issue 25 §5), made and dropped
by each test on the server at 127.0.0.1 (SCRATCH_POSTGRES_URL names another), and skipped with
the reason when no server answers there."""

import contextlib
import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

ADMIN_URL = os.environ.get("SCRATCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _admin():
    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)


def require_postgres() -> None:
    try:
        with _admin() as connection:
            connection.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        pytest.skip(f"needs PostgreSQL at {ADMIN_URL} to make scratch databases: {exc}")


def once_in_ci() -> None:
    """These tests make their own PostgreSQL databases whatever the suite runs on, and take
    minutes (docs/testing.md): CI (`CI=true`, .ci/run) runs them in its PostgreSQL pass only,
    not again in its SQLite pass. `make test` elsewhere runs them."""
    from django.db import connection  # noqa: PLC0415  (after Django is set up)

    if os.environ.get("CI") == "true" and connection.vendor != "postgresql":
        pytest.skip("run once in CI, in its PostgreSQL pass (it makes its own databases)")


def url_of(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


@contextlib.contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """A new empty database; its URL while the block runs; dropped afterwards, whatever
    connections are still open to it."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with _admin() as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url_of(name)
    finally:
        with _admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def row_counts(url: str) -> dict[str, int]:
    """Every table of the public schema and how many rows it holds."""
    with psycopg.connect(url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        return {
            table: connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }
