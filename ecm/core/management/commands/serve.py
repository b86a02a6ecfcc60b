"""`make run`'s server: the site and the scheduled jobs side by side, stopped together.

Why a command and not a shell line: a job started with `&` in a non-interactive shell ignores
SIGINT, so Ctrl-C left django-q2's qcluster running for many seconds after the site had gone.
Here each child runs in its own process group; Ctrl-C (SIGINT) or SIGTERM asks both groups to
stop, and whatever has not stopped within the grace period is killed.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

# Ctrl-C to a quiet prompt within 5 seconds (issue 18 §2): 3 s to stop cleanly, then SIGKILL.
GRACE_SECONDS = 3.0


class Command(BaseCommand):
    help = "Serve the site (runserver) and the scheduled jobs (qcluster); Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-reload", action="store_true", help="runserver without its auto-reloader"
        )

    def handle(self, *args, addrport: str, no_reload: bool, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        site = [*manage, "runserver", addrport, *(["--noreload"] if no_reload else [])]
        children = [
            subprocess.Popen(command, start_new_session=True)  # noqa: S603  (our own commands)
            for command in ([*manage, "qcluster"], site)
        ]
        queue, site = children
        self.stdout.write(
            f"Serving on {addrport}: the site (pid {site.pid}), the scheduled jobs "
            f"(pid {queue.pid}). Ctrl-C stops both."
        )
        stopping = []

        def stop(signum, _frame):
            stopping.append(signum)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.1)
        self.stop(children)
        names = ("qcluster", "runserver")
        killed = [n for n, c in zip(names, children, strict=True) if c.returncode == -9]
        if killed:
            self.stderr.write(f"Stopped {' and '.join(killed)} after {GRACE_SECONDS} s")

    @staticmethod
    def stop(children: list[subprocess.Popen]) -> None:
        # qcluster stops its own workers on SIGTERM (signalled all at once, they die mid-step
        # and the cluster waits for them); runserver's reloader and server go as a group.
        queue, site = children
        _signal(queue.pid, signal.SIGTERM)
        _signal(-site.pid, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in children:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=max(deadline - time.monotonic(), 0.01))
        for child in children:
            _signal(-child.pid, signal.SIGKILL)  # stragglers, and the group's own children
            child.wait()


def _signal(pid: int, signum: int) -> None:
    """Signal a process, or with a negative pid its whole process group."""
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.kill(pid, signum)
