"""`make run`'s server: the site under gunicorn and the scheduled jobs, stopped together.

Why gunicorn and not runserver (issue 25 §6; decision 0053): runserver serves one request at a
time per thread in one process, with DEBUG on; measured, it held 21.7 requests a second with a
p95 of 12 s under 100 users, where gunicorn's worker processes (config/gunicorn.conf.py, the
production path's own file) held 48 with a p95 under half a second.

Why a command and not a shell line: a job started with `&` in a non-interactive shell ignores
SIGINT, so Ctrl-C left django-q2's qcluster running for many seconds after the site had gone.
Here each child runs in its own process group; Ctrl-C (SIGINT) or SIGTERM asks both to stop,
and whatever has not stopped within the grace period is killed.

`--demo` is `make run`'s: the embedded demo on the loopback interface, served as production
serves it (DEBUG off, static files hashed and compressed, answered by WhiteNoise) but over plain
HTTP with the documented demo passwords. Each of its settings is only a default: a variable
already in the environment wins (e.g. `DEBUG=true make run` for Django's error pages).
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ecm.core.background import lower_priority

# Ctrl-C to a quiet prompt within 5 seconds (issue 18 §2): 3 s to stop cleanly, then SIGKILL.
GRACE_SECONDS = 3.0

# The embedded demo on this machine (decision 0053). DEBUG off: Django's debug mode keeps every
# query of a request in memory and renders templates with debug information, which is most of
# what made runserver slow under load. DEMO_MODE keeps the demo passwords working (it follows
# DEBUG otherwise). Plain HTTP on the loopback interface, so no redirect to HTTPS and cookies
# not marked Secure (a browser would not send them back over http://127.0.0.1). Logs as text,
# for a person reading a terminal, rather than the JSON lines a log collector reads.
DEMO_ENVIRONMENT = {
    "DEBUG": "false",
    "DEMO_MODE": "true",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_FORMAT": "text",
}


class Command(BaseCommand):
    help = "Serve the site (gunicorn) and the scheduled jobs (qcluster); Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="make run's embedded demo: DEBUG off, demo passwords, plain HTTP on loopback, "
            "static files collected when they changed",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="gunicorn worker processes (default: WEB_CONCURRENCY or "
            "config/gunicorn.conf.py's 2 x cores + 1, at most 8)",
        )

    def handle(self, *args, addrport: str, demo: bool, workers: int | None, **options):
        environment = dict(os.environ)
        if demo:
            environment = {**DEMO_ENVIRONMENT, **environment}
            self.collect_static_if_changed(environment)
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        site = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(settings.BASE_DIR / "config" / "gunicorn.conf.py"),
            "--bind",
            addrport,
            *(["--workers", str(workers)] if workers else []),
            "config.wsgi:application",
        ]
        # Our own commands, in their own sessions: the terminal's Ctrl-C reaches this process
        # only, which then stops both in order. The jobs (PDFs, text extraction, reminders)
        # run at BACKGROUND_NICENESS, so on the cores they share pages come first.
        children = [
            subprocess.Popen(  # noqa: S603
                [*manage, "qcluster"],
                start_new_session=True,
                env=environment,
                preexec_fn=lower_priority,  # runs before exec; this process has one thread
            ),
            subprocess.Popen(site, start_new_session=True, env=environment),  # noqa: S603
        ]
        queue, site_process = children
        self.stdout.write(
            f"Serving on http://{addrport}/: the site (pid {site_process.pid}), the scheduled "
            f"jobs (pid {queue.pid}). Ctrl-C stops both.",
        )
        self.stdout.flush()
        stopping = []

        def stop(signum, _frame):
            stopping.append(signum)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.1)
        # SIGTERM outside the demo is a service manager or a container stopping the site: the
        # requests in hand finish (gunicorn's graceful timeout). Ctrl-C stops at once.
        graceful = not demo and stopping[:1] == [signal.SIGTERM]
        self.stop(children, grace=_graceful_seconds() if graceful else GRACE_SECONDS)
        names = ("qcluster", "gunicorn")
        killed = [n for n, c in zip(names, children, strict=True) if c.returncode == -9]
        if killed:
            self.stderr.write(f"Stopped {' and '.join(killed)} after {GRACE_SECONDS} s")

    def collect_static_if_changed(self, environment: dict[str, str]) -> None:
        """With DEBUG off the pages name static files by their hashed names, which exist only
        once collectstatic has run; it takes ~25 s of CPU (hashing and compressing ~1,000
        files), so it runs only when a source file is newer than the last collection."""
        if environment.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}:
            return  # DEBUG on: WhiteNoise serves the source files through the finders
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if manifest.exists() and _newest_static_source() <= manifest.stat().st_mtime:
            return
        self.stdout.write("Collecting static files (once after each change to them)...")
        self.stdout.flush()
        subprocess.run(  # noqa: S603  (our own command)
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "collectstatic", "--noinput"],
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    @staticmethod
    def stop(children: list[subprocess.Popen], *, grace: float = GRACE_SECONDS) -> None:
        # qcluster stops its own workers on SIGTERM (signalled all at once, they die mid-step
        # and the cluster waits for them); gunicorn's master takes SIGINT as "quick shutdown"
        # and stops its workers itself, SIGTERM as "finish the requests in hand" (up to its
        # graceful timeout), which is what a grace longer than Ctrl-C's asks for.
        queue, site = children
        _signal(queue.pid, signal.SIGTERM)
        _signal(site.pid, signal.SIGTERM if grace > GRACE_SECONDS else signal.SIGINT)
        deadline = time.monotonic() + grace
        for child in children:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=max(deadline - time.monotonic(), 0.01))
        for child in children:
            _signal(-child.pid, signal.SIGKILL)  # stragglers, and the group's own children
            child.wait()


def _newest_static_source() -> float:
    from django.contrib.staticfiles import finders  # noqa: PLC0415  (only with --demo)

    newest = 0.0
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):  # collectstatic's own
            newest = max(newest, os.path.getmtime(storage.path(path)))
    return newest


def _graceful_seconds() -> float:
    """gunicorn's graceful timeout (config/gunicorn.conf.py reads the same variable), and a
    moment for its master to go after its last worker."""
    value = os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "").strip()
    return (float(value) if value else 30.0) + 2.0


def _signal(pid: int, signum: int) -> None:
    """Signal a process, or with a negative pid its whole process group."""
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.kill(pid, signum)
