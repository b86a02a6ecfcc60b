"""gunicorn's configuration for ECM Assess (issue 25 §5; decision 0052).

    gunicorn -c config/gunicorn.conf.py config.wsgi

Every value comes from the environment, with a default fit for one machine; the README's
deployment section lists them. A flag on gunicorn's command line (e.g. --bind) wins over this.

No Django import at the top: the master process reads this file before any app is loaded.
"""

import multiprocessing
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


# Where to listen: BIND in full ("0.0.0.0:8000" in a container, "unix:/run/ecm.sock" behind a
# local proxy), else PORT on the loopback interface, so nothing is exposed by accident.
bind = [os.environ.get("BIND") or f"127.0.0.1:{_env_int('PORT', 8000)}"]

# Worker processes: gunicorn's own advice (2 x cores + 1), capped at 8 because each worker
# holds its own copy of the site (~100-250 MiB once the data stack is loaded) and its own
# database connections (CONN_MAX_AGE keeps them open), and a PostgreSQL server's default
# max_connections is 100. WEB_CONCURRENCY (the name Heroku-like platforms set) overrides it.
workers = _env_int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))

# Threads per worker: 1 is gunicorn's "sync" worker, one request at a time per process, which
# suits the site's CPU-bound pages (tables, PDFs). More than 1 switches to "gthread", which
# helps when requests mostly wait on the database; each thread then holds a connection too.
threads = _env_int("GUNICORN_THREADS", 1)

# A request slower than this is cut off and its worker replaced. Pages answer in well under a
# second and long documents are built by the task queue (issue 25 §3), but a download of a
# large file to a slow client may take a while, so the margin is generous.
timeout = _env_int("GUNICORN_TIMEOUT", 60)
# On SIGTERM (a deployment, `docker stop`), workers finish the requests in hand for this long.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (with jitter so they do not all restart at
# once), which bounds any slow growth in memory from pandas and WeasyPrint caches.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# preload_app is off, on purpose:
# - each worker opens its own database connections after the fork; with the app loaded in the
#   master first, a connection (or django-q2's or boto3's client state) opened while loading
#   could be shared by every forked worker, and two processes on one socket corrupt it;
# - `kill -HUP` on the master then reloads the code (new workers import it afresh), which a
#   preloaded master cannot do without a full restart;
# - the memory saving of copy-on-write is small in CPython (reference counts touch every page).
# The price, each worker importing the site at boot, is paid before it accepts a request
# (post_worker_init below), not by the first person to arrive.
preload_app = False
chdir = str(BASE_DIR)

# The heartbeat file each worker touches; on a container's overlay filesystem a write can
# block for seconds and get a healthy worker killed, so memory-backed /dev/shm when it exists.
if Path("/dev/shm").is_dir():  # noqa: S108  (gunicorn's documented advice, not a temp file)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# gunicorn 24+ opens a control socket at $HOME/.gunicorn/gunicorn.ctl: one path for every
# gunicorn of a user, so two sites on one machine (the demo, a test, a benchmark) would take it
# from each other, and a container's non-root user may have no writable home. Nothing here uses
# it (signals do: HUP reloads, TERM stops gracefully).
control_socket_disable = True

# Behind a TLS proxy (BEHIND_TLS_PROXY=true in settings), the addresses it may speak for.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs: JSON lines in the same form as the site's own (ecm.core.logging_json), when LOG_FORMAT
# is json (the default whenever DEBUG is off, as in config/settings.py), else gunicorn's text.
# The site writes one line per request itself, with its request id, method, redacted path,
# status and duration (ecm.core.request_log); gunicorn's access log would repeat it, so it is
# off unless GUNICORN_ACCESS_LOG=true, and then in the same JSON fields.
_debug = _env_bool("DEBUG", True)
_json = os.environ.get("LOG_FORMAT", "text" if _debug else "json").strip().lower() == "json"
_access = _env_bool("GUNICORN_ACCESS_LOG", False)
_level = os.environ.get("LOG_LEVEL", "INFO").upper()
loglevel = _level.lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ecm.core.logging_json.JsonFormatter"},
        "text": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if _json else "text",
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": _level, "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": _level, "handlers": ["console"], "propagate": False},
        "gunicorn.access": {
            "level": "INFO" if _access else "CRITICAL",
            "handlers": ["console"],
            "propagate": False,
        },
    },
}


def post_worker_init(worker) -> None:
    """Import the URL configuration (and with it every view) before taking requests, so the
    first person a new worker serves does not wait for it (issue 25: 8.6 s measured)."""
    from django.urls import get_resolver  # noqa: PLC0415  (Django is set up by now)

    get_resolver().url_patterns  # noqa: B018  (the import is the point)
