"""Decision 0055: niced background work that keeps the database server busy pauses as long as
that work took, only while the machine's cores are contended (Linux's pressure stall
information, /proc/pressure/cpu), so pages keep their p95 during an import (issue 25 §6) and a
quiet machine imports at full speed."""

import pytest

from ecm.core import background

QUIET = "some avg10=4.97 avg60=8.39 avg300=24.05 total=236404661\nfull avg10=0.00 avg60=0.00"
BUSY = "some avg10=37.50 avg60=8.39 avg300=24.05 total=236404661\nfull avg10=0.00 avg60=0.00"


@pytest.fixture
def pressure(tmp_path, monkeypatch, settings):
    settings.BACKGROUND_YIELD_PRESSURE = 10.0
    path = tmp_path / "cpu"
    monkeypatch.setattr(background, "PRESSURE", path)
    return path


def test_contention_is_psi_some_avg10_against_the_setting(pressure, settings):
    pressure.write_text(QUIET)
    assert not background.cpu_contended()
    pressure.write_text(BUSY)
    assert background.cpu_contended()
    settings.BACKGROUND_YIELD_PRESSURE = 40.0
    assert not background.cpu_contended()


def test_without_psi_a_load_average_at_the_cores_is_contention(pressure, monkeypatch):
    """A kernel without PSI (the file missing, or unreadable words): the 1-minute load
    average against the cores."""
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(background.os, "getloadavg", lambda: (2.5, 1.0, 1.0))
    assert background.cpu_contended()
    pressure.write_text("nonsense")
    monkeypatch.setattr(background.os, "getloadavg", lambda: (1.5, 1.0, 1.0))
    assert not background.cpu_contended()


@pytest.mark.parametrize(
    ("niceness", "priority", "psi", "slept"),
    [
        (10, 10, BUSY, [0.5]),  # niced background work on a contended machine: pauses
        (10, 10, QUIET, []),  # a quiet machine: full speed
        (10, 0, BUSY, []),  # not background work (a test, the floor's benchmark): never
        (0, 10, BUSY, []),  # BACKGROUND_NICENESS 0: background work is not held back
    ],
)
def test_yield_after_pauses_only_niced_work_on_a_contended_machine(
    pressure, monkeypatch, settings, niceness, priority, psi, slept
):
    settings.BACKGROUND_NICENESS = niceness
    settings.BACKGROUND_YIELD_PAUSE = 2.0  # times as long as the work took
    pressure.write_text(psi)
    monkeypatch.setattr(background.os, "getpriority", lambda *_: priority)
    sleeps: list[float] = []
    monkeypatch.setattr(background.time, "sleep", sleeps.append)
    background.yield_after(seconds=0.25)
    assert sleeps == slept
