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

import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

REDACTED = "[redacted]"

# Each pattern matches a path whose named groups are secrets; only those groups are replaced.
# Sources: ecm/programme/urls.py (feed), ecm/surveys/urls.py (answer), ecm/accounts/urls.py
# (invitation-accept, password-reset-confirm; Django's own view swaps the token for
# "set-password" after its first visit, which is redacted all the same).
_SECRET_PATHS = (
    re.compile(r"^/calendars/(?P<token>[^/]+)\.ics$"),
    re.compile(r"^/surveys/answer/(?P<token>[^/]+)/$"),
    re.compile(r"^/invitation/(?P<uid>[^/]+)/(?P<token>[^/]+)/$"),
    re.compile(r"^/password-reset/(?P<uid>[^/]+)/(?P<token>[^/]+)/$"),
)


def redact_path(path: str) -> str:
    """The path without its query string and with any secret segment replaced by [redacted].

    The query string is always dropped: a search or a filter may carry a person's words, and
    nothing in it is needed to tell which page was slow or failed."""
    path = path.split("?", 1)[0]
    for pattern in _SECRET_PATHS:
        match = pattern.match(path)
        if match:
            pieces, last = [], 0
            for name in pattern.groupindex:
                start, end = match.span(name)
                pieces += [path[last:start], REDACTED]
                last = end
            return "".join([*pieces, path[last:]])
    return path


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
            log_data["message"] = "request"
            log_data["method"] = atoms.get("m")
            log_data["path"] = redact_path(str(atoms.get("U") or ""))
            log_data["status"] = _int(atoms.get("s"))
            log_data["duration_ms"] = _int(atoms.get("M"))
            log_data["bytes"] = _int(atoms.get("B"))
            # The id the site put on its response (django-guid), so the two lines match up.
            log_data["request_id"] = atoms.get("{x-request-id}o")

    def format(self, record: Any) -> str:
        if record.name == "gunicorn.access":
            record.msg, saved = "request", record.msg
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
