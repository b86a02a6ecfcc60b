"""Health and readiness endpoints for a load balancer or an orchestrator (issue 25 §5).

- `/healthz`: the process answers (liveness). No database, no session: cheap enough to ask
  every second, and it fails only when the worker itself is stuck or gone.
- `/readyz`: this server can do its work (readiness): the database answers a query, and the
  task queue (django-q2's ORM broker: its queue table in the same database) can be read.
  503 with a JSON body naming each check that failed; 200 otherwise.

Both are open to anyone without signing in (they say nothing about any council), answer GET and
HEAD only, set no cookie and are never cached. They are exempt from the HTTPS redirect
(SECURE_REDIRECT_EXEMPT) because a probe speaks plain HTTP to the server itself; ALLOWED_HOSTS
still applies, so the probe sends one of the site's host names.

How late the oldest waiting job is, is reported but does not make the server unready: the jobs
run in another process (qcluster), and taking the web servers out of service would not start
it again. READY_JOBS_LATE_SECONDS (a setting of ours) marks it "late" in the body.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_q.models import OrmQ


@login_not_required
@require_safe
@never_cache
def healthz(request) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_not_required
@require_safe
@never_cache
def readyz(request) -> JsonResponse:
    checks: dict[str, str] = {}
    body: dict[str, object] = {"checks": checks}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError as exc:
        checks["database"] = f"failed: {type(exc).__name__}"
    try:
        # The queue table is read, not written: the oldest task waiting to be picked up (a
        # cluster that takes a task moves its lock into the future).
        oldest = (
            OrmQ.objects.filter(lock__lte=timezone.now())
            .order_by("lock")
            .values_list("lock", flat=True)
            .first()
        )
        checks["task_queue"] = "ok"
        waited = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        late = waited > settings.READY_JOBS_LATE_SECONDS
        body["jobs"] = {"oldest_waiting_seconds": round(waited), "late": late}
    except DatabaseError as exc:
        checks["task_queue"] = f"failed: {type(exc).__name__}"
    failed = sorted(name for name, result in checks.items() if result != "ok")
    body["status"] = "failed" if failed else "ok"
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


# Included by config/urls.py in the "health" namespace.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
