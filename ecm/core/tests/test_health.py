"""Health and readiness endpoints (issue 25 §5: "health and readiness endpoints (database and
task queue reachable)")."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_q.models import OrmQ

pytestmark = pytest.mark.django_db


def test_issue_25_s5_healthz_answers_without_signing_in_or_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_issue_25_s5_readyz_checks_the_database_and_the_task_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "task_queue": "ok"}
    assert body["jobs"] == {"oldest_waiting_seconds": 0, "late": False}


def test_issue_25_s5_readyz_answers_503_naming_the_database_when_it_fails(client):
    with mock.patch(
        "ecm.core.health.connection.cursor", side_effect=OperationalError("server closed")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failed"
    # The queue's table is in the same database (django-q2's ORM broker): it fails with it.
    assert body["failed"] == ["database", "task_queue"]
    assert body["checks"]["database"] == "failed: OperationalError"


def test_issue_25_s5_readyz_answers_503_naming_the_task_queue_when_it_cannot_be_read(client):
    with mock.patch(
        "ecm.core.health.OrmQ.objects.filter", side_effect=OperationalError("no such table")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["task_queue"]


@override_settings(READY_JOBS_LATE_SECONDS=600)
def test_issue_25_s5_readyz_reports_a_late_job_without_taking_the_server_out(client):
    """The jobs run in qcluster: a stopped cluster is reported, but the web server stays ready
    (taking it out of service would not start the cluster)."""
    OrmQ.objects.create(key="ecm", payload="x", lock=timezone.now() - timedelta(minutes=20))
    response = client.get("/readyz")
    assert response.status_code == 200
    jobs = response.json()["jobs"]
    assert jobs["late"] is True and jobs["oldest_waiting_seconds"] >= 1200


@override_settings(SECURE_SSL_REDIRECT=True)
def test_issue_25_s5_probes_are_not_redirected_to_https_while_pages_are(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/sign-in/").status_code == 301


def test_issue_25_s5_probes_answer_get_and_head_only(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405
