"""One log line per request (issue 25 §5; decision 0052): the site's own access log.

Placed right after django-guid's middleware, so the line carries the request's id and times
everything after it (WhiteNoise's static files, redirects, the page itself). It writes the
method, the path (no query string, secrets redacted: ecm.core.logging_json.redact_path), the
status and the duration until the response was ready (a streamed download's transfer is not
counted). Never the body, the headers, the cookies or who is signed in.

The health endpoints are probed every few seconds by a load balancer: their lines are DEBUG,
so they do not bury the site's requests at the default level.
"""

import logging
import time

from ecm.core.logging_json import redact_path

logger = logging.getLogger("ecm.request")

QUIET_PATHS = frozenset({"/healthz", "/readyz"})


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
        if response.status_code >= 500:
            level = logging.ERROR
        path = redact_path(request.path)
        # The message reads on its own in plain text; the JSON line has each part as a field.
        logger.log(
            level,
            "%s %s %s %.1f ms",
            request.method,
            path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response
