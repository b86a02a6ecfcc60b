"""The production path serves the demo from PostgreSQL and S3-compatible storage (issue 25,
"Done when"; §5: "`make serve-production` ... runs gunicorn with a configuration file,
`collectstatic`, and the scheduled jobs against `DATABASE_URL` (PostgreSQL); health and
readiness endpoints; structured JSON logs with a request id; uploaded files on S3-compatible
object storage").

Slow (a few minutes on a busy 2-core machine: migrate and load_demo on a scratch PostgreSQL
database, collectstatic, gunicorn's workers booting): `make serve-production` itself runs, as
a deployment would, with the production settings (DEBUG off, a random SECRET_KEY) except that
it is plain HTTP on the loopback interface (SECURE_SSL_REDIRECT and secure cookies off) and the
demo passwords work (DEMO_MODE). The files go to a bucket on moto's S3 server on loopback.
Skipped, saying so, when no PostgreSQL answers at 127.0.0.1. Nothing leaves the machine.
"""

import contextlib
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.urls import reverse

from ecm.accounts.backends import DEMO_PASSWORD
from ecm.jar.documents.tests.walk import _PDF
from tests.pg_scratch import once_in_ci, require_postgres, scratch_database
from tests.s3_support import free_port, local_s3

ROOT = Path(__file__).resolve().parent.parent
COUNCIL_USER = "link.officer@sharpston.example"
BOOT_SECONDS = 600  # collectstatic and the workers' start, on a machine shared with others
JOB_SECONDS = 120


def _environment(**more: str) -> dict[str, str]:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "DJANGO_", "PYTEST_", "SECURE_", "GUNICORN_"))
        and key not in {"DEBUG", "DEMO_MODE", "SECRET_KEY", "ALLOWED_HOSTS", "MEDIA_ROOT"}
    }
    return {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings", **more}


def _run(command: list[str], environment: dict[str, str], timeout: int = 900) -> str:
    done = subprocess.run(  # noqa: S603  (the project's own commands)
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@contextlib.contextmanager
def _serving(environment: dict[str, str], bind: str, logs: Path):
    """`make serve-production` in its own process group; stopped with SIGTERM (as a service
    manager would), then killed if it has not gone."""
    with logs.open("w") as out:
        make = subprocess.Popen(  # noqa: S603
            ["make", "--no-print-directory", "serve-production", f"BIND={bind}"],  # noqa: S607
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield make
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(make.pid, signal.SIGTERM)
            try:
                make.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(make.pid, signal.SIGKILL)
                make.wait()


def _wait_for_health(base: str, make: subprocess.Popen, logs: Path) -> None:
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        assert make.poll() is None, f"make serve-production stopped:\n{logs.read_text()[-5000:]}"
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        time.sleep(1)
    pytest.fail(f"no answer from {base}/healthz:\n{logs.read_text()[-5000:]}")


def _sign_in(session: requests.Session, base: str, email: str) -> requests.Response:
    page = session.get(f"{base}/sign-in/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{base}/sign-in/",
        data={"csrfmiddlewaretoken": token, "username": email, "password": DEMO_PASSWORD},
        headers={"Referer": f"{base}/sign-in/"},
        timeout=60,
    )


def _csrf(page: requests.Response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_issue_25_s5_the_production_path_serves_the_demo_from_postgresql_and_s3(tmp_path):
    require_postgres()
    once_in_ci()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with local_s3(bucket="ecm-production") as s3, scratch_database("ecm_production") as db:
        environment = _environment(
            DATABASE_URL=db,
            DEBUG="false",
            DEMO_MODE="true",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            # Plain HTTP on loopback: no redirect to HTTPS, cookies a browser sends back.
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            STATIC_ROOT=str(tmp_path / "static"),
            LOG_FORMAT="json",
            WEB_CONCURRENCY="2",
            TASK_WORKERS="1",
            **s3.environment(),
        )
        manage = [sys.executable, "manage.py"]
        _run([*manage, "migrate", "--noinput", "-v0"], environment)
        _run([*manage, "load_demo"], environment)
        demo_files = s3.object_keys()
        assert demo_files, "the demo's uploads went to the bucket"

        logs = tmp_path / "serve-production.log"
        with _serving(environment, f"127.0.0.1:{port}", logs) as make:
            _wait_for_health(base, make, logs)
            _check_the_site(base, s3, db, environment, set(demo_files))
        lines = [json.loads(line) for line in logs.read_text().splitlines() if line[:1] == "{"]

    # Structured logs: JSON lines with a request id, one per request, and gunicorn's own.
    requests_logged = [line for line in lines if line.get("logger") == "ecm.request"]
    assert any(line["path"] == "/sign-in/" and line["status"] == 200 for line in requests_logged)
    assert all(len(line["request_id"] or "") == 32 for line in requests_logged)
    assert any(line.get("logger") == "gunicorn.error" for line in lines)


def _check_the_site(base: str, s3, db: str, environment: dict[str, str], demo_files: set):
    # Health and readiness.
    assert requests.get(f"{base}/healthz", timeout=30).json() == {"status": "ok"}
    ready = requests.get(f"{base}/readyz", timeout=30)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "task_queue": "ok"}

    # The sign-in page, and a static file from WhiteNoise under its hashed name.
    session = requests.Session()
    page = session.get(f"{base}/sign-in/", timeout=60)
    assert page.status_code == 200 and "Sign in" in page.text
    assert re.fullmatch(r"[0-9a-f]{32}", page.headers["X-Request-ID"])
    stylesheet = re.search(r'href="(/assets/[^"]+\.[0-9a-f]{12}\.css)"', page.text).group(1)
    asset = session.get(f"{base}{stylesheet}", timeout=60)
    assert asset.status_code == 200 and "immutable" in asset.headers["Cache-Control"]

    # A demo council officer signs in and opens their review's documents checklist.
    signed_in = _sign_in(session, base, COUNCIL_USER)
    assert signed_in.status_code == 200 and signed_in.url != f"{base}/sign-in/", signed_in.text
    with psycopg.connect(db) as connection:
        review_pk, document_pk = connection.execute(
            "SELECT d.review_id, d.id FROM jar_requesteddocument d "
            "LEFT JOIN jar_documentupload u ON u.document_id = d.id "
            "WHERE u.id IS NULL AND d.not_held_reason = '' ORDER BY d.position LIMIT 1"
        ).fetchone()
    checklist = session.get(base + reverse("jar:documents", kwargs={"pk": review_pk}), timeout=60)
    assert checklist.status_code == 200 and "documents received" in checklist.text

    # An upload through the page reaches the bucket, and comes back through the app.
    upload_url = base + reverse(
        "jar:document-upload", kwargs={"pk": review_pk, "document_pk": document_pk}
    )
    form = session.get(upload_url, timeout=60)
    uploaded = session.post(
        upload_url,
        data={"csrfmiddlewaretoken": _csrf(form), "note": "From the production test"},
        files={"file": ("plan.pdf", _PDF, "application/pdf")},
        headers={"Referer": upload_url},
        timeout=60,
    )
    assert uploaded.status_code == 200, uploaded.text
    (new_key,) = set(s3.object_keys()) - demo_files
    assert s3.read(new_key) == _PDF
    with psycopg.connect(db) as connection:
        (file_pk,) = connection.execute(
            "SELECT id FROM jar_documentupload WHERE document_id = %s", [document_pk]
        ).fetchone()
    download = session.get(
        base + reverse("jar:document-download", kwargs={"pk": review_pk, "file_pk": file_pk}),
        timeout=60,
    )
    assert download.status_code == 200 and download.content == _PDF

    # The scheduled jobs' cluster runs beside the site, on the same database: a task put on
    # the queue is done.
    task_id = (
        _run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from django_q.tasks import async_task; print(async_task('math.floor', 2.5))",
            ],
            environment,
        )
        .strip()
        .splitlines()[-1]
    )
    deadline = time.monotonic() + JOB_SECONDS
    done = None
    while done is None and time.monotonic() < deadline:
        with psycopg.connect(db) as connection:
            done = connection.execute(
                "SELECT success FROM django_q_task WHERE id = %s", [task_id]
            ).fetchone()
        time.sleep(1)
    assert done == (True,), "qcluster did the task put on the queue"


def test_issue_25_s5_make_serve_production_refuses_to_start_without_its_settings():
    """A readable line for each missing setting and a non-zero exit, before anything runs."""
    done = subprocess.run(
        ["make", "--no-print-directory", "serve-production"],  # noqa: S607
        cwd=ROOT,
        env=_environment(DATABASE_URL="sqlite:///var/ecm.sqlite3", DEBUG="true"),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode != 0
    refusals = [
        line for line in done.stderr.splitlines() if line.startswith("ECM Assess will not start")
    ]
    assert [line.split(": ", 1)[1].split(" ", 1)[0] for line in refusals] == [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "DEBUG",
    ]
    assert "Starting gunicorn" not in done.stdout + done.stderr
