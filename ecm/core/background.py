"""Background work yields the CPU to pages (issue 25 §6; decision 0053).

The jobs (django-q2's qcluster: PDFs, text extraction, reminders) and the imports usually run
on the machine that serves the site. On the load test's 2 cores a LAIT import took one core
for its length and pages waited for the other. At a lower CPU priority the kernel gives the
web workers the cores first whenever both want them, and the background work takes what the
pages leave; on an idle machine it runs as fast.

`lower_priority()` is called once by a process that is background work, at its start (or, by
`manage.py serve`, in the child before it becomes qcluster); the processes it forks inherit
it. BACKGROUND_NICENESS (config/settings.py) is how much; 0 leaves the priority alone.

Two levels, because a process's nice alone was measured to change nothing: Linux's autogroup
scheduling (on by default in desktop and server kernels, and on this machine) shares the CPU
first between sessions, equally, and a process's nice only orders it within its own session.
qcluster and gunicorn each run in a session of their own (serve starts them so), so the
session's nice (/proc/self/autogroup) is what yields to the site. It is set only when this
process leads its session, so a command typed in a terminal does not lower the terminal's
other programs. Only the CPU: neither the disk nor the database server's own processes (on
PostgreSQL most of an import's work) are affected; under a service manager or in containers,
their CPU weights (systemd's CPUWeight=, compose's cpu_shares) do the same job.
"""

import contextlib
import os
import time
from pathlib import Path

from django.conf import settings

AUTOGROUP = Path("/proc/self/autogroup")
PRESSURE = Path("/proc/pressure/cpu")  # Linux's pressure stall information (PSI), since 4.20


def lower_priority() -> None:
    """Nice this process, and its session when it leads one, by BACKGROUND_NICENESS."""
    niceness = settings.BACKGROUND_NICENESS
    if not niceness:
        return
    os.nice(niceness)  # the kernel caps it at 19
    if os.getsid(0) == os.getpid() and AUTOGROUP.exists():
        with contextlib.suppress(OSError):  # a kernel that refuses: the process nice stays
            AUTOGROUP.write_text(str(min(niceness, 19)))


def cpu_contended() -> bool:
    """Whether work on this machine has been waiting for a core: PSI's "some avg10" (the share
    of the last ten seconds in which something runnable waited) at or above
    BACKGROUND_YIELD_PRESSURE percent; without PSI, a load average at or above the cores."""
    try:
        first_line = PRESSURE.read_text().split("\n", 1)[0]  # "some avg10=4.97 avg60=..."
        waited = float(first_line.split()[1].removeprefix("avg10="))
    except (OSError, IndexError, ValueError):
        return os.getloadavg()[0] >= (os.cpu_count() or 1)
    return waited >= settings.BACKGROUND_YIELD_PRESSURE


def yield_after(*, seconds: float) -> None:
    """Pause background work BACKGROUND_YIELD_PAUSE times as long as it kept another process
    busy (PostgreSQL's backend writing an import's rows, which no nice of ours reaches), when
    this process runs as background work (lower_priority) and the machine's cores are
    contended; otherwise go on at once, so that on a quiet machine an import runs at full
    speed (decision 0055). With the pause ten times the work, the backend takes at most an
    eleventh of a core from pages that are waiting for one."""
    if not settings.BACKGROUND_NICENESS or os.getpriority(os.PRIO_PROCESS, 0) <= 0:
        return
    if cpu_contended():
        time.sleep(seconds * settings.BACKGROUND_YIELD_PAUSE)
