"""The information pack's text read off the request (issue 21 §1: "text extraction off the
request (the project's task queue) with a time and memory limit per file and the upload's status
shown to the uploader"; decision 0037).

Tests run django-q2's tasks at once (settings_test: Q_CLUSTER sync), so an upload returns with
its reading done; a test that needs an item still being read stops the queueing.
"""

import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecm.analysis.models import PackItem, PackText
from ecm.analysis.pack import BriefingSource
from ecm.analysis.search import pack_search
from ecm.analysis.services import pack as pack_services
from ecm.analysis.tests.fixtures import BRIEFING_TEXT, docx_bytes
from ecm.audit.models import AuditEntry
from ecm.core.uploads.extraction import TEXT_TOO_MUCH_MEMORY, TEXT_TOOK_TOO_LONG
from ecm.core.uploads.refusals import DOCUMENT_TOO_BIG_UNPACKED
from ecm.core.uploads.text_task import (
    TEXT_BEING_READ,
    TEXT_FILE_GONE,
    TEXT_NOT_READ,
    TEXT_READ,
    TextStatus,
)

pytestmark = pytest.mark.django_db

WORD = "first-time"  # in BRIEFING_TEXT


def page_url(name: str, assessment, **kwargs) -> str:
    return reverse(f"analysis:{name}", kwargs={"pk": assessment.pk, **kwargs})


def words(response) -> str:
    return " ".join(lxml.html.fromstring(response.content.decode()).text_content().split())


@pytest.fixture
def not_queued(monkeypatch):
    """Uploads whose reading task has not run yet: the pks it would have been given."""
    queued = []
    monkeypatch.setattr(
        pack_services, "text_read_later", lambda *, task, pk: queued.append((task, pk))
    )
    return queued


def _status(item) -> tuple[str, str]:
    item.refresh_from_db()
    return item.text_status, item.text_problem


# --- the task and its outcome --------------------------------------------------------------


def test_an_upload_is_saved_reading_and_its_text_indexed_by_the_task_issue_21_1(
    assessment, upload_item, not_queued
):
    item = upload_item(assessment)
    assert _status(item) == (TextStatus.READING, "")
    assert not PackText.objects.exists()  # nothing read in the request
    assert not_queued == [("ecm.analysis.services.pack.pack_item_text_read", item.pk)]

    pack_services.pack_item_text_read(pk=item.pk)

    assert _status(item) == (TextStatus.READY, "")
    (row,) = PackText.objects.filter(origin="pack_item", origin_id=item.pk)
    assert BRIEFING_TEXT in row.body
    # A second run of the task (a retry) neither reads again nor indexes twice.
    pack_services.pack_item_text_read(pk=item.pk)
    assert PackText.objects.filter(origin="pack_item", origin_id=item.pk).count() == 1


def test_the_task_has_run_when_an_upload_returns_in_tests_issue_21_1(assessment, upload_item):
    item = upload_item(assessment)
    assert _status(item) == (TextStatus.READY, "")
    assert [h.origin_id for h in pack_search(assessment=assessment, query=WORD)] == [item.pk]


def test_reading_past_the_memory_limit_is_could_not_read_and_the_item_kept_issue_21_1(
    assessment, upload_item, settings
):
    settings.UPLOAD_TEXT_MEMORY_BYTES = 50 * 1024 * 1024  # less than Python and its libraries
    item = upload_item(assessment)
    assert _status(item) == (TextStatus.FAILED, TEXT_TOO_MUCH_MEMORY)
    assert PackItem.objects.filter(pk=item.pk).exists() and item.file.read()[:2] == b"PK"
    assert not PackText.objects.exists() and not pack_search(assessment=assessment, query=WORD)


def test_reading_past_the_time_limit_is_could_not_read_with_why_issue_21_1(
    assessment, upload_item, settings
):
    settings.UPLOAD_TEXT_SECONDS = 0  # no time at all: the child is stopped, never waited for
    item = upload_item(assessment)
    assert _status(item) == (TextStatus.FAILED, TEXT_TOOK_TOO_LONG.format(seconds=0))
    assert not PackText.objects.exists()


def test_text_past_the_text_budget_is_could_not_read_with_why_issue_21_1(
    assessment, upload_item, settings
):
    settings.UPLOAD_MAX_TEXT_CHARACTERS = 3
    item = upload_item(assessment)
    assert _status(item) == (TextStatus.FAILED, DOCUMENT_TOO_BIG_UNPACKED)


def test_a_stored_file_gone_before_the_task_is_could_not_read_not_a_retry_issue_21_1(
    assessment, upload_item, not_queued
):
    item = upload_item(assessment)
    item.file.storage.delete(item.file.name)
    pack_services.pack_item_text_read(pk=item.pk)
    assert _status(item) == (TextStatus.FAILED, TEXT_FILE_GONE)


def test_reading_is_not_audited_the_upload_is_issue_21_1(assessment, upload_item, not_queued):
    item = upload_item(assessment)
    audited = list(AuditEntry.objects.order_by("pk").values_list("verb", flat=True))
    assert audited[-1] == "pack.item_uploaded"
    pack_services.pack_item_text_read(pk=item.pk)
    assert list(AuditEntry.objects.order_by("pk").values_list("verb", flat=True)) == audited


# --- search finds only text that has been read ---------------------------------------------


def test_search_does_not_find_an_item_still_being_read_issue_21_1(
    assessment, upload_item, not_queued
):
    item = upload_item(assessment)
    assert not pack_search(assessment=assessment, query=WORD)
    pack_services.pack_item_text_read(pk=item.pk)
    assert [h.origin_id for h in pack_search(assessment=assessment, query=WORD)] == [item.pk]


@pytest.mark.parametrize("status", [TextStatus.READING, TextStatus.FAILED])
def test_search_never_finds_an_item_not_ready_whatever_its_rows_issue_21_1(
    assessment, pack_briefing, status
):
    """Rows a reading left behind (an item being read again) are not hits until it is READY."""
    PackItem.objects.filter(pk=pack_briefing.pk).update(text_status=status)
    assert PackText.objects.filter(origin_id=pack_briefing.pk).exists()
    assert not pack_search(assessment=assessment, query=WORD)


def test_search_does_not_find_a_council_document_still_being_read_issue_21_1(
    assessment, upload_council_document
):
    document = upload_council_document(assessment, "Priority three: reduce teenage conceptions.")
    type(document).objects.filter(pk=document.pk).update(text_status=TextStatus.READING)
    assert not pack_search(assessment=assessment, query="conceptions")
    type(document).objects.filter(pk=document.pk).update(text_status=TextStatus.READY)
    assert [h.origin for h in pack_search(assessment=assessment, query="conceptions")] == [
        "sa_document"
    ]
    type(document).objects.filter(pk=document.pk).update(text_status=TextStatus.FAILED)
    assert not pack_search(assessment=assessment, query="conceptions")  # indexed, not a hit


def test_the_search_page_names_what_it_could_not_search_and_why_issue_21_1(
    client, assessment, hmi, upload_item, not_queued
):
    upload_item(assessment, title="Briefing being read")
    failed = upload_item(assessment, title="Briefing not readable")
    PackItem.objects.filter(pk=failed.pk).update(
        text_status=TextStatus.FAILED, text_problem="Reading the text took too long"
    )
    client.force_login(hmi)
    page = words(client.get(page_url("search", assessment), {"q": "entrants"}))
    assert "0 results" in page
    assert "2 documents were not searched" in page
    assert "Briefing being read: Reading the text" in page
    assert "Briefing not readable: Could not read Reading the text took too long" in page


# --- what the uploader sees ----------------------------------------------------------------


def test_the_pack_page_shows_each_items_status_and_why_it_could_not_be_read_issue_21_1(
    client, assessment, hmi, upload_item, not_queued
):
    ready = upload_item(assessment, title="Briefing ready")
    pack_services.pack_item_text_read(pk=ready.pk)
    upload_item(assessment, title="Briefing being read")
    failed = upload_item(assessment, title="Briefing not readable")
    PackItem.objects.filter(pk=failed.pk).update(
        text_status=TextStatus.FAILED, text_problem="Reading the text needed more memory"
    )
    client.force_login(hmi)
    response = client.get(page_url("pack", assessment))
    page = lxml.html.fromstring(response.content.decode())

    def status_of(title: str) -> str:
        (row,) = page.xpath(f"//tr[td/a[normalize-space()='{title}']]")
        return " ".join(row.xpath("./td")[-1].text_content().split())

    assert status_of("Briefing ready") == "Ready"
    assert status_of("Briefing being read") == "Reading the text"
    # Kept in the pack, with the reason: the handbook needs the document.
    assert status_of("Briefing not readable") == (
        "Could not read Reading the text needed more memory"
    )
    summary = " ".join(page.get_element_by_id("text-status").text_content().split())
    assert "The text of 1 document is still being read" in summary
    assert "The text of 1 document could not be read" in summary


def test_the_pack_page_says_nothing_of_reading_when_every_text_is_ready_issue_21_1(
    client, assessment, hmi, pack_briefing
):
    client.force_login(hmi)
    response = client.get(page_url("pack", assessment))
    assert b'id="text-status"' not in response.content


def test_the_upload_message_says_how_the_reading_went_issue_21_1(client, assessment, hmi, settings):
    client.force_login(hmi)

    def upload(title: str):
        response = client.post(
            page_url("pack-upload", assessment, category="briefing"),
            {
                "source_type": BriefingSource.YOUTH_JUSTICE_BOARD,
                "title": title,
                "source": "Youth Justice Board",
                "dated": "1 5 2007",
                "file": SimpleUploadedFile("yot.docx", docx_bytes(BRIEFING_TEXT)),
            },
        )
        assert response.status_code == 302
        return [str(m) for m in get_messages(response.wsgi_request)][-1]

    assert upload("Readable") == f"Readable was added to the pack. {TEXT_READ}"
    settings.UPLOAD_MAX_TEXT_CHARACTERS = 3
    problem = TEXT_NOT_READ.format(problem=DOCUMENT_TOO_BIG_UNPACKED)
    assert upload("Too long") == f"Too long was added to the pack. {problem}"


def test_the_upload_message_says_the_text_is_being_read_issue_21_1(
    client, assessment, hmi, not_queued
):
    client.force_login(hmi)
    response = client.post(
        page_url("pack-upload", assessment, category="briefing"),
        {
            "source_type": BriefingSource.YOUTH_JUSTICE_BOARD,
            "title": "Queued",
            "source": "Youth Justice Board",
            "dated": "1 5 2007",
            "file": SimpleUploadedFile("yot.docx", docx_bytes(BRIEFING_TEXT)),
        },
        follow=True,
    )
    assert f"Queued was added to the pack. {TEXT_BEING_READ}" in words(response)
