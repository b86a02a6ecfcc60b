"""Documents built off the request (issue 25 §3: "PDFs and Word files longer than a page are
built by the task queue with progress and a download when ready (no page waits more than
1 s); the same files are cached until their content changes"; decisions 0051 and 0054).

The tests run tasks at once (settings_test's sync queue), as the rest of the suite does; the
tests of the asynchronous path stop the queue (`queue_stopped`: a task is recorded, not run)
and then run the task themselves, as a worker would. WeasyPrint and python-docx are counted,
not timed: the renderers are wrapped so a test can say whether a request built a file."""

import functools
from datetime import time, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from ecm.core import document_builds, documents
from ecm.core.document_schedule import CLEAN, schedule_ensure
from ecm.core.models import DocumentBuild, DocumentRequest
from ecm.meetings.services.meetings import arrangements
from ecm.workdays.calendar import is_working_day

pytestmark = pytest.mark.django_db

Status = DocumentBuild.Status
PREPARING = "Your document is being prepared"


@pytest.fixture
def rendered():
    """Every PDF WeasyPrint renders, counted (the real renderer still runs)."""
    with mock.patch.object(documents, "pdf_render", wraps=documents.pdf_render) as render:
        yield render


@pytest.fixture
def written():
    """Every Word file the task writes, counted (the real builder still runs)."""
    with mock.patch.object(documents, "docx_render", wraps=documents.docx_render) as write:
        yield write


@pytest.fixture
def queue_stopped(settings):
    """The task queue as in production, with no worker yet: a queued build waits. The page
    waits for nothing (the wait is a setting; its length is the bench's business)."""
    settings.DOCUMENT_BUILD_WAIT_SECONDS = 0
    with mock.patch.object(document_builds, "async_task") as queued:
        yield queued


def run_queued(queued) -> None:
    """What a worker does: run each queued task."""
    tasks = {
        document_builds.PDF_TASK: documents.pdf_build,
        document_builds.DOCX_TASK: documents.docx_build,
    }
    for call in queued.call_args_list:
        tasks[call.args[0]](call.kwargs["pk"])
    queued.reset_mock()


@pytest.fixture
def agenda_url(assessment):
    """The inspectors' working copy of the meeting's agenda, as a PDF: a document with no
    moment of printing in it, so the same meeting gives the same HTML."""
    return reverse(
        "meetings:meeting-document", kwargs={"pk": assessment.pk, "kind": "agenda", "fmt": "pdf"}
    )


@pytest.fixture
def agenda_docx_url(assessment):
    """The same working copy of the agenda, as a Word file."""
    return reverse(
        "meetings:meeting-document", kwargs={"pk": assessment.pk, "kind": "agenda", "fmt": "docx"}
    )


@pytest.fixture
def hmi_client(client, hmi):
    client.force_login(hmi)
    return client


def _change_the_meeting(assessment, hmi) -> None:
    day = assessment.round.analysis_starts + timedelta(days=7)
    while not is_working_day(day):
        day += timedelta(days=1)
    arrangements.meeting_date_propose(
        actor=hmi, assessment=assessment, day=day, starts_at=time(10, 0), venue="Town Hall"
    )


def _is_docx(response, name: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCUMENT_TYPES["docx"]
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(response).startswith(b"PK")


def _is_pdf(response, name: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(response).startswith(b"%PDF")


def test_with_tasks_run_at_once_the_download_is_the_pdf_as_before_and_kept(
    hmi_client, agenda_url, rendered, assessment
):
    """Issue 25 §3: a quick build (here, any: the tests' queue runs tasks at once) is served
    by the request itself; nothing changes for the person."""
    response = hmi_client.get(agenda_url)
    _is_pdf(response, f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.pdf")
    assert rendered.call_count == 1
    build = DocumentBuild.objects.get()
    assert (build.status, build.html, build.size) == (Status.READY, "", len(response.content))
    assert not DocumentRequest.objects.exists()  # nobody had to wait


def test_with_the_queue_asynchronous_the_page_answers_at_once_then_offers_the_file(
    hmi_client, agenda_url, rendered, queue_stopped, assessment
):
    """Issue 25 §3: built by the task queue "with progress and a download when ready": the
    request answers in one step with the page, and builds no PDF; the worker builds it; the
    page and its status then offer the file, under the name the download page gave it."""
    response = hmi_client.get(agenda_url)
    assert response.status_code == 202
    assert PREPARING in response.content.decode()
    assert rendered.call_count == 0
    assert queue_stopped.call_count == 1
    row = DocumentRequest.objects.get()
    page = reverse("documents:build", kwargs={"token": row.token})
    status = reverse("documents:build-status", kwargs={"token": row.token})
    file_url = reverse("documents:build-file", kwargs={"token": row.token})
    body = response.content.decode()
    assert page in body and status in body  # the no-JS refresh link, the script's address
    assert hmi_client.get(status).json() == {
        "status": "queued",
        "said": document_builds.BUILD_WAITING,
        "ahead": 0,
        "finished": False,
    }
    # Before it is ready, the file's address shows the page that says so.
    assert hmi_client.get(file_url)["Location"] == page

    run_queued(queue_stopped)
    assert rendered.call_count == 1
    assert hmi_client.get(status).json()["finished"] is True
    ready = hmi_client.get(page).content.decode()
    assert document_builds.BUILD_READY in ready and file_url in ready
    _is_pdf(
        hmi_client.get(file_url),
        f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.pdf",
    )


def test_a_waiting_build_says_how_many_are_queued_before_it(
    hmi_client, agenda_url, queue_stopped, assessment, hmi
):
    """Issue 25 §3 "with progress": a build waiting behind others says how many."""
    hmi_client.get(agenda_url)
    _change_the_meeting(assessment, hmi)
    hmi_client.get(agenda_url)
    second = DocumentRequest.objects.order_by("asked_at", "pk").last()
    progress = hmi_client.get(
        reverse("documents:build-status", kwargs={"token": second.token})
    ).json()
    assert progress["ahead"] == 1
    assert progress["said"] == "Waiting to start (1 other document before it)"


def test_unchanged_content_is_served_from_the_cache_and_changed_content_is_built_afresh(
    hmi_client, agenda_url, rendered, queue_stopped, assessment, hmi
):
    """Issue 25 §3: "the same files are cached until their content changes"."""
    hmi_client.get(agenda_url)
    run_queued(queue_stopped)
    assert rendered.call_count == 1

    again = hmi_client.get(agenda_url)  # the same meeting: no build, no task, the file at once
    _is_pdf(again, f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.pdf")
    assert (rendered.call_count, queue_stopped.call_count) == (1, 0)

    _change_the_meeting(assessment, hmi)
    changed = hmi_client.get(agenda_url)
    assert changed.status_code == 202 and queue_stopped.call_count == 1
    run_queued(queue_stopped)
    assert rendered.call_count == 2
    assert DocumentBuild.objects.filter(status=Status.READY).count() == 2
    _is_pdf(
        hmi_client.get(agenda_url),
        f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.pdf",
    )
    assert rendered.call_count == 2


def test_the_same_content_asked_twice_before_it_is_built_is_queued_once(
    hmi_client, agenda_url, rendered, queue_stopped
):
    """Two waits, one build: the second person waits for the first one's build."""
    hmi_client.get(agenda_url)
    hmi_client.get(agenda_url)
    assert queue_stopped.call_count == 1
    assert DocumentRequest.objects.count() == 2
    assert DocumentBuild.objects.count() == 1


@pytest.mark.parametrize("page", ["build", "build-status", "build-file"])
def test_another_person_gets_404_for_someone_elses_document(
    page, hmi_client, agenda_url, queue_stopped, client, brm
):
    """Issue 25 §3 and the quality bar (a refused object answers 404): the document's address
    serves the person who asked, and no one else, even one who may read the same page."""
    hmi_client.get(agenda_url)
    run_queued(queue_stopped)
    url = reverse(f"documents:{page}", kwargs={"token": DocumentRequest.objects.get().token})
    assert hmi_client.get(url).status_code in (200, 302)
    client.force_login(brm)  # the assessment's BRM: may download the agenda, not this one
    assert client.get(url).status_code == 404


def test_a_failed_build_says_so_and_what_to_do_and_asking_again_builds_again(
    hmi_client, agenda_url, queue_stopped
):
    """Issue 25 §3 (the brief: "a clear error with what to do if the build failed")."""
    hmi_client.get(agenda_url)
    row = DocumentRequest.objects.get()
    with mock.patch.object(documents, "pdf_render", side_effect=ValueError("no stylesheet")):
        run_queued(queue_stopped)
    build = DocumentBuild.objects.get()
    assert build.status == Status.FAILED and "no stylesheet" in build.problem
    status = reverse("documents:build-status", kwargs={"token": row.token})
    assert hmi_client.get(status).json()["finished"] is True
    page = hmi_client.get(reverse("documents:build", kwargs={"token": row.token}))
    body = page.content.decode()
    assert document_builds.BUILD_FAILED in body
    assert document_builds.BUILD_FAILED_WHAT_TO_DO.format(reference=row.token) in body
    assert f'href="{agenda_url}"' in body  # try again: the download page itself
    assert "no stylesheet" not in body  # the reason is the logs', not the person's

    hmi_client.get(agenda_url)  # trying again queues the same content afresh
    assert queue_stopped.call_count == 1
    run_queued(queue_stopped)
    assert DocumentBuild.objects.get().status == Status.READY


def test_a_build_that_fails_within_the_wait_answers_the_error_page_at_once(hmi_client, agenda_url):
    """Issue 25 §3: with tasks run at once, a failed build is said on the download page."""
    with mock.patch.object(documents, "pdf_render", side_effect=ValueError("no stylesheet")):
        response = hmi_client.get(agenda_url)
    assert response.status_code == 500
    assert document_builds.BUILD_FAILED in response.content.decode()


def test_a_build_whose_file_was_lost_is_made_again(hmi_client, agenda_url, rendered, assessment):
    """A store cleaned by hand is no error: the next download builds the file again."""
    hmi_client.get(agenda_url)
    build = DocumentBuild.objects.get()
    build.file.storage.delete(build.file.name)
    _is_pdf(
        hmi_client.get(agenda_url),
        f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.pdf",
    )
    assert rendered.call_count == 2


def test_a_word_file_with_tasks_run_at_once_downloads_as_before(
    hmi_client, agenda_docx_url, written, assessment
):
    """Issue 25 §3 (decision 0054): a Word file is built by the task (here run at once) and
    served by the request; nothing changes for the person, and nothing to build is kept."""
    response = hmi_client.get(agenda_docx_url)
    _is_docx(response, f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.docx")
    assert written.call_count == 1
    build = DocumentBuild.objects.get()
    assert (build.fmt, build.status, bytes(build.payload)) == ("docx", Status.READY, b"")
    assert build.size == len(response.content)


def test_a_word_file_with_no_worker_answers_being_prepared_then_offers_the_file(
    hmi_client, agenda_docx_url, written, queue_stopped, assessment
):
    """Issue 25 §3: "PDFs and Word files longer than a page are built by the task queue with
    progress and a download when ready": the request writes no Word file and answers the page
    at once; the worker writes it from what the request left it; the page then offers it."""
    response = hmi_client.get(agenda_docx_url)
    assert response.status_code == 202
    assert PREPARING in response.content.decode()
    assert written.call_count == 0
    assert queue_stopped.call_args.args[0] == document_builds.DOCX_TASK
    build = DocumentBuild.objects.get()
    assert build.fmt == "docx" and build.status == Status.QUEUED and build.payload
    row = DocumentRequest.objects.get()
    file_url = reverse("documents:build-file", kwargs={"token": row.token})
    assert hmi_client.get(file_url)["Location"] == reverse(
        "documents:build", kwargs={"token": row.token}
    )

    run_queued(queue_stopped)
    assert written.call_count == 1
    _is_docx(
        hmi_client.get(file_url),
        f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.docx",
    )
    build.refresh_from_db()
    assert build.status == Status.READY and bytes(build.payload) == b""


def test_the_same_word_file_is_built_once_and_changed_content_is_built_afresh(
    hmi_client, agenda_docx_url, written, queue_stopped, assessment, hmi
):
    """Issue 25 §3: "the same files are cached until their content changes" (decision 0054:
    a Word file's content is the HTML its PDF would be made from)."""
    name = f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.docx"
    assert hmi_client.get(agenda_docx_url).status_code == 202
    assert hmi_client.get(agenda_docx_url).status_code == 202  # asked twice before it is built
    assert (queue_stopped.call_count, DocumentBuild.objects.count()) == (1, 1)
    run_queued(queue_stopped)
    _is_docx(hmi_client.get(agenda_docx_url), name)  # from the cache: no task, no writing
    assert (written.call_count, queue_stopped.call_count) == (1, 0)

    _change_the_meeting(assessment, hmi)
    assert hmi_client.get(agenda_docx_url).status_code == 202
    assert queue_stopped.call_count == 1
    run_queued(queue_stopped)
    assert written.call_count == 2
    assert DocumentBuild.objects.filter(fmt="docx", status=Status.READY).count() == 2
    _is_docx(hmi_client.get(agenda_docx_url), name)
    assert written.call_count == 2


@pytest.mark.parametrize("page", ["build", "build-status", "build-file"])
def test_another_person_gets_404_for_someone_elses_word_file(
    page, hmi_client, agenda_docx_url, queue_stopped, client, brm
):
    """Issue 25 §3 and the quality bar (a refused object answers 404): a Word file's address
    serves the person who asked, and no one else."""
    hmi_client.get(agenda_docx_url)
    run_queued(queue_stopped)
    url = reverse(f"documents:{page}", kwargs={"token": DocumentRequest.objects.get().token})
    assert hmi_client.get(url).status_code in (200, 302)
    client.force_login(brm)
    assert client.get(url).status_code == 404


def test_a_payload_not_signed_by_the_service_is_never_unpickled(
    hmi_client, agenda_docx_url, written, queue_stopped
):
    """Decision 0054: the worker unpickles only what this service signed with SECRET_KEY; a
    row written by anything else fails its build, with the reason kept for the logs."""
    hmi_client.get(agenda_docx_url)
    build = DocumentBuild.objects.get()
    body = bytes(build.payload)[document_builds.SIGNATURE_BYTES :]
    DocumentBuild.objects.filter(pk=build.pk).update(payload=b"\0" * 32 + body)
    with mock.patch.object(document_builds.pickle, "loads") as loads:
        run_queued(queue_stopped)
    assert loads.call_count == 0
    build.refresh_from_db()
    assert build.status == Status.FAILED and "not signed" in build.problem


def test_a_word_files_key_is_its_content_and_not_a_pdfs():
    """Decision 0054: the same HTML, the same key; other HTML, another key; never a PDF's."""
    make = functools.partial(documents.docx_save, None)
    key = document_builds.docx_key(html="<p>a</p>", make=make)
    assert key == document_builds.docx_key(html="<p>a</p>", make=make)
    assert key != document_builds.docx_key(html="<p>b</p>", make=make)
    assert key != document_builds.content_key(fmt="docx", html="<p>a</p>", base_url="")


def test_html_of_a_builder_that_makes_no_html_is_an_error():
    """A Word file's key needs its PDF builder's HTML: a builder that does not hand it to
    pdf_from_html is a programming error, said at once."""
    with pytest.raises(RuntimeError):
        documents.html_of(lambda: b"%PDF")


def test_another_format_is_404(hmi_client, assessment):
    url = reverse(
        "meetings:meeting-document", kwargs={"pk": assessment.pk, "kind": "agenda", "fmt": "odt"}
    )
    assert hmi_client.get(url).status_code == 404


def test_old_builds_nobody_downloads_are_removed_with_their_files(hmi_client, agenda_url):
    """Decision 0051: the daily clean-up removes builds not downloaded for
    DOCUMENT_BUILDS_KEPT_DAYS; a recent one stays."""
    hmi_client.get(agenda_url)
    build = DocumentBuild.objects.get()
    storage, name = build.file.storage, build.file.name
    assert document_builds.builds_clean(days=7) == 0
    DocumentBuild.objects.filter(pk=build.pk).update(used_at=timezone.now() - timedelta(days=8))
    assert document_builds.builds_clean(days=7) == 1
    assert not DocumentBuild.objects.exists() and not storage.exists(name)


def test_a_download_from_the_cache_keeps_the_build(hmi_client, agenda_url):
    """Decision 0051: "last used" moves on when a build is served (at most once an hour), so
    the clean-up keeps what people download."""
    hmi_client.get(agenda_url)
    long_ago = timezone.now() - timedelta(days=8)
    DocumentBuild.objects.update(used_at=long_ago)
    assert hmi_client.get(agenda_url).status_code == 200
    assert DocumentBuild.objects.get().used_at > long_ago
    assert document_builds.builds_clean(days=7) == 0


def test_the_clean_up_is_scheduled_once():
    schedule_ensure()
    schedule_ensure()
    assert Schedule.objects.filter(name=CLEAN).count() == 1


def test_the_content_key_changes_with_the_html_and_the_format():
    key = document_builds.content_key(fmt="pdf", html="<p>a</p>", base_url="http://x/")
    assert key == document_builds.content_key(fmt="pdf", html="<p>a</p>", base_url="http://x/")
    assert key != document_builds.content_key(fmt="pdf", html="<p>b</p>", base_url="http://x/")
    assert key != document_builds.content_key(fmt="docx", html="<p>a</p>", base_url="http://x/")


def test_pdf_from_html_outside_a_download_renders_at_once(rendered):
    """Builders called by a task, a command or a test get their PDF as before."""
    html = '<html lang="en"><body><p>Hello</p></body></html>'
    assert documents.pdf_from_html(html, base_url="http://testserver/").startswith(b"%PDF")
    assert rendered.call_count == 1 and not DocumentBuild.objects.exists()
