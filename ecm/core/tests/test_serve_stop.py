"""How `manage.py serve` stops gunicorn (issue 25 §5, decision 0052): Ctrl-C at once, a
service manager's SIGTERM after the requests in hand (gunicorn's graceful timeout); and how it
starts the jobs, at a lower CPU priority than the site (issue 25 §6, decision 0053)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ecm.core.background import lower_priority
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


class FakePopen:
    """A child that has already stopped: handle() starts both, sees one gone, and stops."""

    started: list[tuple[list[str], dict]] = []

    def __init__(self, command, **options):
        FakePopen.started.append((command, options))
        self.pid = 300 + len(FakePopen.started)
        self.returncode = 0

    def poll(self) -> int:
        return 0

    def wait(self, timeout: float | None = None) -> int:
        return 0


def test_the_jobs_run_at_background_niceness_and_the_site_does_not(sent, monkeypatch, settings):
    """Issue 25 §6 (decision 0053): qcluster (PDFs, text extraction, reminders) starts with
    its CPU priority lowered by BACKGROUND_NICENESS, so pages get the shared cores first;
    gunicorn keeps the normal priority."""
    FakePopen.started = []
    monkeypatch.setattr(serve.subprocess, "Popen", FakePopen)
    serve.Command().handle(addrport="127.0.0.1:0", demo=False, workers=None)
    options = {command[-1]: opts for command, opts in FakePopen.started}
    assert options["qcluster"].get("preexec_fn") is lower_priority
    assert options["config.wsgi:application"].get("preexec_fn") is None


# The session's nice is the last word of /proc/self/autogroup ("/autogroup-85 nice 0"). "-" when
# the kernel has no autogroup scheduling: the file is missing, or (as in CI's sandbox) empty.
AUTOGROUP_NICE = (
    "from pathlib import Path; g = Path('/proc/self/autogroup'); "
    "w = g.read_text().split() if g.exists() else []; a = w[-1] if w else '-'"
)
PRIORITIES = f"import os; {AUTOGROUP_NICE}; print(os.getpriority(os.PRIO_PROCESS, 0), a)"


def _our_autogroup_nice() -> str:
    """What AUTOGROUP_NICE prints, read in this process."""
    group = Path("/proc/self/autogroup")
    words = group.read_text().split() if group.exists() else []
    return words[-1] if words else "-"


def _priorities(**options) -> tuple[int, str]:
    child = subprocess.run(  # noqa: S603  (our own interpreter and code)
        [sys.executable, "-c", PRIORITIES],
        preexec_fn=lower_priority,  # the same call serve makes before exec
        capture_output=True,
        text=True,
        check=True,
        **options,
    )
    nice, group = child.stdout.split()
    return int(nice), group


def test_lowering_the_priority_nices_the_child_and_its_own_session(settings):
    """Issue 25 §6 (decision 0053): the child that becomes qcluster, in a session of its own as
    serve starts it, is niced by BACKGROUND_NICENESS (here 3), and so is its session's
    autogroup, since with autogroup scheduling the CPU is shared between sessions first."""
    settings.BACKGROUND_NICENESS = 3
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    nice, group = _priorities(start_new_session=True)
    assert nice == min(ours + 3, 19)
    assert group in ("3", "-")  # "-": a kernel without autogroup scheduling


def test_a_command_in_someone_elses_session_leaves_that_session_alone(settings):
    """Issue 25 §6: a process that does not lead its session (a command typed in a terminal)
    lowers its own priority only, never its terminal's session."""
    settings.BACKGROUND_NICENESS = 3
    before = _our_autogroup_nice()
    nice, group = _priorities()
    assert nice == min(os.getpriority(os.PRIO_PROCESS, 0) + 3, 19)
    assert group == before
