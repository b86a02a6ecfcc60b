"""Fixtures of the programme's tests (issue 8): the analysis fixtures (an APA 2007 round on
the bundled framework, `assessment` of `council` with `hmi` as Lead and `brm`), readers, and a
plan file maker."""

import pytest

from ecm.accounts.roles import Role
from ecm.programme.plan_file import COLUMNS, read_plan


@pytest.fixture
def reader(make_user):
    return make_user(Role.MANAGEMENT_READER)


@pytest.fixture
def csci_reader(make_user):
    return make_user(Role.MANAGEMENT_READER)


def plan_csv(rows: list[dict], columns=COLUMNS) -> bytes:
    lines = [",".join(columns)]
    for row in rows:
        lines.append(",".join(str(row.get(c, "")) for c in columns))
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def plan_of():
    """A read plan file from rows of {column: value}."""

    def make(rows: list[dict], name: str = "plan.csv", columns=COLUMNS):
        return read_plan(name, plan_csv(rows, columns))

    return make
