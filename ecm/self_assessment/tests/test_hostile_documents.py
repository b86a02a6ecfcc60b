"""Hostile documents get a clear answer, never an exhausted server (issue 21 §1-§2, as first
found): a 618-byte ODT asking for a billion spaces took the server to 6 GB; 5,000 nested spans
overflowed Python's stack (HTTP 500); a PDF whose page stream inflates past pypdf's limit was an
HTTP 500 after seconds. Each file is made by the test, small, as an attacker would send it."""

import zlib

import pytest
from django.urls import reverse
from pypdf.errors import LimitReachedError

from ecm.core.tests.hostile_files import pdf, pdf_page
from ecm.core.uploads.documents import (
    DocumentKind,
    DocumentRefused,
    document_examine,
    document_text,
)
from ecm.core.uploads.extraction import TEXT_TOO_MUCH_MEMORY
from ecm.core.uploads.pdf import pdf_page_texts
from ecm.core.uploads.refusals import (
    DOCUMENT_DAMAGED,
    DOCUMENT_TOO_BIG_UNPACKED,
    DOCUMENT_TOO_DEEP,
    DOCUMENT_TOO_MANY_SPACES,
)
from ecm.self_assessment import services
from ecm.self_assessment.models import EvidenceDocument, TextStatus
from ecm.self_assessment.tests.test_documents import MANIFEST, ODT_META, upload, zip_bytes

MAX = 1024 * 1024
_ODT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:text>"
)
_ODT_TAIL = "</office:text></office:body></office:document-content>"
_MIMETYPE = "application/vnd.oasis.opendocument.text"


def odt_with(body: str) -> bytes:
    return zip_bytes(
        {
            "mimetype": _MIMETYPE,
            "content.xml": _ODT_HEAD + body + _ODT_TAIL,
            "meta.xml": ODT_META,
            "META-INF/manifest.xml": MANIFEST.format(mimetype=_MIMETYPE, encryption=""),
        }
    )


def pdf_inflating_to(size: int) -> bytes:
    """A one-page PDF whose content stream is `size` bytes of spaces, deflated (a few KB)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    stream = b"".join(packer.compress(chunk) for _ in range(size // len(chunk))) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf(objects)


def test_a_billion_spaces_in_618_bytes_are_refused_naming_the_count():
    """<text:s text:c="1000000000"/> is refused while the XML is read (UPLOAD_MAX_ODT_SPACES)."""
    content = odt_with('<text:p>Before<text:s text:c="1000000000"/>after</text:p>')
    assert len(content) < 2000
    with pytest.raises(DocumentRefused) as refused:
        document_examine(upload(content, "plan.odt"), max_bytes=MAX)
    assert refused.value.message == DOCUMENT_TOO_MANY_SPACES.format(
        limit="1,000", found='content.xml: text:c="1000000000"'
    )


def test_a_run_of_spaces_within_the_cap_is_read(settings):
    content = odt_with('<text:p>Before<text:s text:c="1000"/>after</text:p>')
    examined = document_examine(upload(content, "plan.odt"), max_bytes=MAX)
    assert examined.text == "Before" + " " * settings.UPLOAD_MAX_ODT_SPACES + "after"


def test_a_space_count_that_is_not_a_number_is_one_space():
    content = odt_with('<text:p>a<text:s text:c="-5"/>b<text:s text:c="x"/>c</text:p>')
    assert document_text(upload(content, "plan.odt"), kind=DocumentKind.ODT) == "a b c"


def test_5000_nested_spans_are_refused_not_a_stack_overflow():
    nested = "<text:span>" * 5000 + "deep" + "</text:span>" * 5000
    file = upload(odt_with(f"<text:p>{nested}</text:p>"), "plan.odt")
    with pytest.raises(DocumentRefused) as refused:
        document_examine(file, max_bytes=MAX)
    assert refused.value.message == DOCUMENT_TOO_DEEP.format(limit=100, found="content.xml")


def test_a_pdf_page_inflating_past_the_stream_cap_is_refused(settings):
    """UPLOAD_MAX_PDF_STREAM_BYTES: counted while inflating, nothing kept."""
    settings.UPLOAD_MAX_PDF_STREAM_BYTES = 10 * 1024 * 1024
    content = pdf_inflating_to(20 * 1024 * 1024)
    assert len(content) < MAX
    with pytest.raises(DocumentRefused) as refused:
        document_examine(upload(content, "plan.pdf"), max_bytes=MAX)
    assert refused.value.message == DOCUMENT_TOO_BIG_UNPACKED


class _Page:
    def __init__(self, error: Exception):
        self.error = error

    def extract_text(self):
        raise self.error


@pytest.mark.parametrize(
    "error, message",
    [
        (LimitReachedError("Limit reached while decompressing"), DOCUMENT_TOO_BIG_UNPACKED),
        (RecursionError("maximum recursion depth exceeded"), DOCUMENT_TOO_BIG_UNPACKED),
        (KeyError("/Contents"), DOCUMENT_DAMAGED),
    ],
)
def test_a_page_pypdf_cannot_read_is_refused_with_a_reason_not_a_500(error, message):
    """Issue 21 §2: pypdf's LimitReachedError on a 1 MB PDF inflating to 1 GB was uncaught."""
    reader = type("Reader", (), {"pages": [_Page(error)]})()
    with pytest.raises(DocumentRefused) as refused:
        list(pdf_page_texts(reader))
    assert refused.value.message == message


# --- the text read off the request (issue 21 §1: a task, a time and memory limit per file) ---


def _upload_plan(self_assessment, link_officer, content: bytes):
    return services.document_upload(
        self_assessment=self_assessment,
        actor=link_officer,
        upload=upload(content, "plan.pdf"),
        title="Plan",
        kind="cypp",
    )


def test_the_text_is_read_by_a_task_and_the_document_says_ready(self_assessment, link_officer):
    """Tests run django-q2's tasks at once (settings_test), so the task has run on return."""
    document = _upload_plan(self_assessment, link_officer, pdf_page())
    document.refresh_from_db()
    assert (document.text_status, document.text, document.text_problem) == (
        TextStatus.READY,
        "Evidence",
        "",
    )


def test_text_past_the_budget_is_kept_as_could_not_read_with_why(
    self_assessment, link_officer, settings
):
    settings.UPLOAD_MAX_TEXT_CHARACTERS = 3
    document = _upload_plan(self_assessment, link_officer, pdf_page())
    document.refresh_from_db()
    assert (document.text_status, document.text) == (TextStatus.FAILED, "")
    assert document.text_problem == DOCUMENT_TOO_BIG_UNPACKED


def test_a_reading_past_the_memory_limit_is_could_not_read_not_a_dead_worker(
    self_assessment, link_officer, settings
):
    settings.UPLOAD_TEXT_MEMORY_BYTES = 50 * 1024 * 1024  # less than Python and its libraries
    document = _upload_plan(self_assessment, link_officer, pdf_page())
    document.refresh_from_db()
    assert (document.text_status, document.text_problem) == (
        TextStatus.FAILED,
        TEXT_TOO_MUCH_MEMORY,
    )


def test_the_documents_page_shows_each_documents_text_status(client, self_assessment, link_officer):
    ready = _upload_plan(self_assessment, link_officer, pdf_page())
    failed = _upload_plan(self_assessment, link_officer, pdf_page())
    EvidenceDocument.objects.filter(pk=failed.pk).update(
        text="",
        text_status=TextStatus.FAILED,
        text_problem="Reading the text took longer than 120 seconds",
    )
    reading = _upload_plan(self_assessment, link_officer, pdf_page())
    EvidenceDocument.objects.filter(pk=reading.pk).update(text="", text_status=TextStatus.READING)
    client.force_login(link_officer)
    page = client.get(
        reverse("self_assessment:documents", kwargs={"pk": self_assessment.assessment.pk})
    ).content.decode()
    assert ready.pk and "Ready" in page
    assert "Reading the text" in page
    assert "Could not read</strong>" in page and "took longer than 120 seconds" in page
    searched = client.get(
        reverse("self_assessment:documents", kwargs={"pk": self_assessment.assessment.pk}),
        {"q": "Evidence"},
    ).content.decode()
    assert "1 document mention" in searched
    assert "1 document whose text is still being read is not searched yet" in searched
