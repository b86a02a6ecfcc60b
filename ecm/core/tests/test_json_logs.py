"""Structured JSON logs with a request id (issue 25 §5: "structured JSON logs with a request
id"), and no secret in them: a calendar feed's address never expires (issue 21 §8)."""

import io
import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from ecm.core.logging_json import JsonFormatter, TextFormatter, redact_path, redact_text

pytestmark = pytest.mark.django_db

REQUEST_ID = "6f1c8c1e7b2a4c7e9d0f3a5b6c7d8e9f"  # a UUID4's hex, as nginx's $request_id is


@pytest.fixture
def json_lines():
    """The lines the site's loggers write, through the handler settings.LOGGING gives them
    (the request id filter and the JSON formatter), whatever LOG_FORMAT the test runs with."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    config = settings.LOGGING
    filter_config = config["filters"]["request_id"]
    handler.addFilter(
        __import__("django_guid.log_filters", fromlist=["CorrelationId"]).CorrelationId(
            correlation_id_field=filter_config["correlation_id_field"]
        )
    )
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("ecm.request", "django.request")]
    saved = [(each.level, each.propagate) for each in loggers]
    for each in loggers:
        each.addHandler(handler)
        each.setLevel(logging.INFO)

    def read() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield read
    for each, (level, propagate) in zip(loggers, saved, strict=True):
        each.removeHandler(handler)
        each.setLevel(level)
        each.propagate = propagate


def test_issue_25_s5_each_request_writes_one_json_line_with_its_id(client, json_lines):
    response = client.get("/sign-in/?next=/councils/", HTTP_X_REQUEST_ID=REQUEST_ID)
    assert response["X-Request-ID"] == REQUEST_ID
    (line,) = [each for each in json_lines() if each["logger"] == "ecm.request"]
    assert line["message"] == f"GET /sign-in/ 200 {line['duration_ms']:.1f} ms"
    assert line["request_id"] == REQUEST_ID
    assert line["method"] == "GET"
    assert line["path"] == "/sign-in/"  # never the query string
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO"
    assert "time" in line


def test_issue_25_s5_a_request_without_an_id_gets_a_new_one_and_a_forged_one_is_replaced(
    client, json_lines
):
    made = client.get("/healthz")["X-Request-ID"]
    assert uuid.UUID(made)
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" injected')["X-Request-ID"]
    assert forged != 'x" injected' and uuid.UUID(forged)


def test_issue_25_s5_a_calendar_feeds_secret_address_is_never_logged(client, json_lines):
    """The feed's token is a key to a person's dates (issue 21 §8): an unknown one is a 404,
    which Django also logs ("Not Found: <path>") with the request object attached."""
    secret = "s3cr3t-token-value"
    response = client.get(f"/calendars/{secret}.ics?extra=1", HTTP_X_REQUEST_ID=REQUEST_ID)
    assert response.status_code == 404
    lines = json_lines()
    assert {line["logger"] for line in lines} == {"ecm.request", "django.request"}
    assert secret not in json.dumps(lines)
    (mine,) = [line for line in lines if line["logger"] == "ecm.request"]
    assert mine["path"] == "/calendars/[redacted].ics"
    (django_line,) = [line for line in lines if line["logger"] == "django.request"]
    assert django_line["message"] == "Not Found: /calendars/[redacted].ics"
    assert django_line["request_id"] == REQUEST_ID
    assert "request" not in django_line  # the request object's text is its full path


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/calendars/abc.ics", "/calendars/[redacted].ics"),
        ("/surveys/answer/tok3n/", "/surveys/answer/[redacted]/"),
        ("/invitation/MQ/abc-123/", "/invitation/[redacted]/"),
        ("/password-reset/MQ/set-password/", "/password-reset/[redacted]/"),
        ("/password-reset/sent/", "/password-reset/sent/"),
        ("/councils/?q=Smith", "/councils/"),
        ("/councils/822/", "/councils/822/"),
    ],
)
def test_issue_25_s5_paths_are_logged_without_secrets_or_query_strings(path, logged):
    assert redact_path(path) == logged


def test_issue_25_s5_text_lines_are_redacted_too():
    assert redact_text('"GET /calendars/abc.ics?x=1 HTTP/1.1" 404') == (
        '"GET /calendars/[redacted].ics?[redacted] HTTP/1.1" 404'
    )
    record = logging.LogRecord(
        "django.server", logging.INFO, "", 0, "%s", ("/councils/?q=1",), None
    )
    record.request_id = None
    assert TextFormatter("%(message)s").format(record) == "/councils/?[redacted]"


def test_issue_25_s5_gunicorns_access_line_has_the_sites_fields():
    """gunicorn's access log (GUNICORN_ACCESS_LOG=true) in the same JSON form."""
    atoms = {
        "m": "GET",
        "U": "/calendars/abc.ics",
        "q": "token=1",
        "s": "404",
        "M": 12,
        "B": 345,
        "{x-request-id}o": REQUEST_ID,
        "a": "curl",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "%(r)s", (atoms,), None)
    line = json.loads(JsonFormatter().format(record))
    assert line | {"time": None} == {
        "message": "GET /calendars/[redacted].ics 404 12 ms",
        "time": None,
        "level": "INFO",
        "logger": "gunicorn.access",
        "method": "GET",
        "path": "/calendars/[redacted].ics",
        "status": 404,
        "duration_ms": 12,
        "bytes": 345,
        "request_id": REQUEST_ID,
    }


def test_issue_25_s5_logs_are_json_by_default_when_debug_is_off():
    """The production settings as a deployment has them: a line from any logger is JSON."""
    base = Path(settings.BASE_DIR)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
    }
    env.pop("LOG_FORMAT", None)
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('ecm.anything').warning('hello from %s', 'a test')"
    )
    done = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", code], cwd=base, env=env, capture_output=True, text=True, check=True
    )
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    (line,) = [line for line in lines if line["logger"] == "ecm.anything"]
    assert line["message"] == "hello from a test"
    assert line["level"] == "WARNING"
