"""Structured logs (issue 25 §5; decision 0052): one JSON object a line, with the request's id.

Three pieces, used by config/settings.py's LOGGING and by config/gunicorn.conf.py:

- `JsonFormatter`: python-json-logger's formatter with the fields every line carries (time,
  level, logger, message, request_id) and, for gunicorn's access log, the same request fields
  the site's own request line has (method, path, status, duration_ms), so one parser reads both.
- `redact_path`: the paths whose segments are secrets (a calendar feed's address, a survey
  link, an invitation or password-reset link) with those segments replaced. A log is read by
  more people than the secret's owner, and a calendar address never expires.
- `RequestLogMiddleware` (in ecm.core.request_log, which needs Django) writes the request line.

No Django import here: gunicorn's master loads this module before Django is set up.
"""

import logging
import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

REDACTED = "[redacted]"

# The paths whose segments are secrets, found anywhere in a line (Django's "Not Found: <path>",
# runserver's request line, an exception's message); only the secret segments are replaced.
# Sources: ecm/programme/urls.py (feed), ecm/surveys/urls.py (answer), ecm/accounts/urls.py
# (invitation-accept, password-reset-confirm; Django's own view swaps the token for
# "set-password" after its first visit, which is redacted all the same).
_SEGMENT = r"[^/\s?#\"']+"
_SECRETS = (
    re.compile(rf"(/calendars/){_SEGMENT}(\.ics)"),
    re.compile(rf"(/surveys/answer/){_SEGMENT}(/)"),
    re.compile(rf"(/invitation/){_SEGMENT}/{_SEGMENT}(/)"),
    re.compile(rf"(/password-reset/)(?!sent/|done/){_SEGMENT}/{_SEGMENT}(/)"),
)
# A query string after a path: a search or a filter may carry a person's words, and nothing in
# it is needed to tell which page was slow or failed.
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']+")


def redact_text(text: str) -> str:
    """The text with every secret path segment and every query string replaced by [redacted]."""
    if "/" not in text:
        return text
    for pattern in _SECRETS:
        text = pattern.sub(rf"\g<1>{REDACTED}\g<2>", text)
    return _QUERY.sub(rf"\g<1>?{REDACTED}", text)


def redact_path(path: str) -> str:
    """A request's path for a log line: without its query string, secrets redacted."""
    return redact_text(path.split("?", 1)[0])


class TextFormatter(logging.Formatter):
    """Plain text for development (LOG_FORMAT=text), redacted as the JSON lines are."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))


class JsonFormatter(_BaseJsonFormatter):
    """One JSON object per record: time, level, logger, message, request_id, then any extras.

    gunicorn's access records carry their "atoms" (a dict of the request's fields) as the
    record's args; they are turned into the same fields as the site's request line, with the
    path redacted and without the query string, the referrer or the client's user agent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timestamp", "time")
        super().__init__(*args, **kwargs)

    def add_fields(
        self, log_data: dict[str, Any], record: Any, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        request_id = getattr(record, "request_id", None)
        if request_id is not None:
            log_data["request_id"] = request_id
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            log_data["method"] = atoms.get("m")
            log_data["path"] = redact_path(str(atoms.get("U") or ""))
            log_data["status"] = _int(atoms.get("s"))
            log_data["duration_ms"] = _int(atoms.get("M"))
            log_data["message"] = (
                f"{log_data['method']} {log_data['path']} {log_data['status']} "
                f"{log_data['duration_ms']} ms"
            )
            log_data["bytes"] = _int(atoms.get("B"))
            # The id the site put on its response (django-guid), so the two lines match up.
            log_data["request_id"] = atoms.get("{x-request-id}o")

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        # Django's "django.request" records carry the request object itself, whose text is its
        # full path: never written. Every other text (the message, an exception's traceback, an
        # extra) is redacted, wherever a secret path may have found its way in.
        log_data.pop("request", None)
        if log_data.get("request_id") is None:
            log_data.pop("request_id", None)  # outside a request (start-up, a job, a command)
        return {
            key: redact_text(value) if isinstance(value, str) else value
            for key, value in log_data.items()
        }

    def format(self, record: Any) -> str:
        # gunicorn's access message is its format filled from the atoms, query string and
        # user agent included: never built here (add_fields writes the message instead).
        if record.name == "gunicorn.access":
            record.msg, saved = "", record.msg
            try:
                return super().format(record)
            finally:
                record.msg = saved
        return super().format(record)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
