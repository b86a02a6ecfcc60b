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
from pathlib import Path

from django.conf import settings

AUTOGROUP = Path("/proc/self/autogroup")


def lower_priority() -> None:
    """Nice this process, and its session when it leads one, by BACKGROUND_NICENESS."""
    niceness = settings.BACKGROUND_NICENESS
    if not niceness:
        return
    os.nice(niceness)  # the kernel caps it at 19
    if os.getsid(0) == os.getpid() and AUTOGROUP.exists():
        with contextlib.suppress(OSError):  # a kernel that refuses: the process nice stays
            AUTOGROUP.write_text(str(min(niceness, 19)))
