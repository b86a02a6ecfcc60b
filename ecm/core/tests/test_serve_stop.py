"""How `manage.py serve` stops gunicorn (issue 25 §5, decision 0052): Ctrl-C at once, a
service manager's SIGTERM after the requests in hand (gunicorn's graceful timeout)."""

import signal

import pytest

from ecm.core.management.commands import serve


class FakeChild:
    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = 0
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> int:
        self.waits.append(timeout)
        return 0


@pytest.fixture
def sent(monkeypatch):
    signals: list[tuple[int, int]] = []
    monkeypatch.setattr(serve, "_signal", lambda pid, signum: signals.append((pid, signum)))
    return signals


def test_ctrl_c_asks_gunicorn_for_its_quick_shutdown(sent):
    """Issue 18 §2 kept: Ctrl-C (the default grace) sends gunicorn SIGINT, qcluster SIGTERM."""
    queue, site = FakeChild(101), FakeChild(202)
    serve.Command.stop([queue, site])
    assert (202, signal.SIGINT) in sent
    assert (101, signal.SIGTERM) in sent
    assert site.waits[0] <= serve.GRACE_SECONDS


def test_a_graceful_stop_lets_gunicorn_finish_the_requests_in_hand(sent, monkeypatch):
    """Issue 25 §5: SIGTERM from a service manager becomes gunicorn's graceful SIGTERM, waited
    for up to its graceful timeout (GUNICORN_GRACEFUL_TIMEOUT) before anything is killed."""
    monkeypatch.setenv("GUNICORN_GRACEFUL_TIMEOUT", "20")
    grace = serve._graceful_seconds()
    assert grace > 20
    queue, site = FakeChild(101), FakeChild(202)
    serve.Command.stop([queue, site], grace=grace)
    assert (202, signal.SIGTERM) in sent
    assert (202, signal.SIGINT) not in sent
    assert site.waits[0] > serve.GRACE_SECONDS
