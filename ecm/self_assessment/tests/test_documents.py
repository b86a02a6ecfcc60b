"""Uploads are checked by content, never by name, and their text is read (issue 4 §2, ADR 0014).

Every file is made here, in the test: a PDF written byte by byte with a text object, a DOCX
written by python-docx, an ODT zipped by hand; the disguises are real files of other kinds.
"""

import io
import struct
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from pypdf import PdfWriter

from ecm.core.uploads import refusals as d
from ecm.core.uploads.documents import (
    PAGE_BREAK,
    DocumentKind,
    DocumentRefused,
    document_check,
    document_read,
    document_text,
)
from ecm.core.uploads.limits import limits
from ecm.core.uploads.office import ODT_MIMETYPE, stated_pages
from ecm.core.uploads.packages import Package

MAX = 1024 * 1024  # the tests' upload limit: 1MB
PICTURE = d.DOCUMENT_IS_OTHER.format(found="a PNG picture")
PROGRAM = d.DOCUMENT_IS_OTHER.format(found="a Windows program")


def pdf_bytes(*pages: str) -> bytes:
    """A minimal valid PDF, one Helvetica line of text per page, with a correct xref table."""
    count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        stream = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def docx_bytes() -> bytes:
    document = Document()
    document.add_heading("Staying safe", level=1)
    document.add_paragraph("Child protection reviews held on time rose to 98 per cent.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Indicator", "Value"
    table.cell(1, 0).text, table.cell(1, 1).text = "Re-registrations", "9%"
    document.add_paragraph("Looked after children placements are stable.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:text>"
    "<text:h>Being healthy</text:h>"
    '<text:p>Teenage conceptions fell<text:s text:c="2"/>by a <text:span>fifth</text:span>.'
    "<office:annotation><text:p>Check this figure</text:p></office:annotation></text:p>"
    "<text:p>Line one<text:line-break/>line two<text:tab/>tabbed</text:p>"
    "</office:text></office:body></office:document-content>"
)
ODT_META = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
    '<meta:document-statistic meta:page-count="3" meta:word-count="12"/>'
    "</office:meta></office:document-meta>"
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
    "{encryption}</manifest:file-entry></manifest:manifest>"
)
ENCRYPTION = (
    '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
    '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
    'manifest:initialisation-vector="x"/>'
    "</manifest:encryption-data>"
)


def zip_bytes(entries: dict[str, bytes | str], *, stored_first: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for n, (name, content) in enumerate(entries.items()):
            kind = zipfile.ZIP_STORED if n == 0 and stored_first else zipfile.ZIP_DEFLATED
            package.writestr(name, content, compress_type=kind)
    return out.getvalue()


def odt_bytes(
    mimetype: str = "application/vnd.oasis.opendocument.text", *, encryption: str = ""
) -> bytes:
    return zip_bytes(
        {
            "mimetype": mimetype,
            "content.xml": ODT_CONTENT,
            "meta.xml": ODT_META,
            "META-INF/manifest.xml": MANIFEST.format(mimetype=mimetype, encryption=encryption),
        }
    )


def docx_variant(change) -> bytes:
    """The generated DOCX with its entries changed by change(name, data) -> data or None."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    entries = {}
    for name in source.namelist():
        data = change(name, source.read(name))
        if data is not None:
            entries[name] = data
    return zip_bytes(entries, stored_first=False)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(content: bytes, name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refused(content: bytes, name: str = "plan.pdf", **limits) -> str:
    with pytest.raises(DocumentRefused) as caught:
        document_check(upload(content, name), max_bytes=limits.pop("max_bytes", MAX), **limits)
    return caught.value.message


# --- accepted, and read ---------------------------------------------------------------------


def test_a_pdf_is_accepted_and_its_text_read_page_by_page():
    file = upload(pdf_bytes("Children and Young Peoples Plan", "Page two evidence"), "p.bin")
    assert document_check(file, max_bytes=MAX) == DocumentKind.PDF
    text = document_text(file, kind=DocumentKind.PDF)
    assert text.split(PAGE_BREAK) == ["Children and Young Peoples Plan", "Page two evidence"]
    assert document_read(file, max_bytes=MAX).pages == 2


def test_a_docx_is_accepted_and_its_paragraphs_and_tables_read():
    file = upload(docx_bytes(), "plan.pdf")  # the extension is ignored, both ways
    assert document_check(file, max_bytes=MAX) == DocumentKind.DOCX
    lines = document_text(file, kind=DocumentKind.DOCX).splitlines()
    assert lines == [
        "Staying safe",
        "Child protection reviews held on time rose to 98 per cent.",
        "Indicator\tValue",
        "Re-registrations\t9%",
        "Looked after children placements are stable.",
    ]
    # the count Word (here python-docx's own template) last wrote in docProps/app.xml
    assert document_read(file, max_bytes=MAX).pages == 1


def test_an_odt_is_accepted_and_its_text_read_without_comments():
    file = upload(odt_bytes(), "plan.odt")
    assert document_check(file, max_bytes=MAX) == DocumentKind.ODT
    assert document_text(file, kind=DocumentKind.ODT).splitlines() == [
        "Being healthy",
        "Teenage conceptions fell  by a fifth.",
        "Line one",
        "line two\ttabbed",
    ]
    assert document_read(file, max_bytes=MAX).pages == 3


def test_any_binary_file_object_will_do_and_is_left_rewound():
    stream = io.BytesIO(odt_bytes())
    stream.seek(10)
    assert document_check(stream, max_bytes=MAX) == DocumentKind.ODT
    assert stream.tell() == 0


def test_page_counts_missing_from_the_file_are_none():
    no_app = docx_variant(lambda name, data: None if name == "docProps/app.xml" else data)
    assert stated_pages(Package(no_app, limits()), "docx") is None
    no_meta = zip_bytes({"mimetype": ODT_MIMETYPE, "content.xml": ODT_CONTENT})
    assert document_check(io.BytesIO(no_meta), max_bytes=MAX) == DocumentKind.ODT
    assert document_read(io.BytesIO(no_meta), max_bytes=MAX).pages is None


def test_kinds_know_their_media_type_and_label():
    assert DocumentKind.DOCX.media_type.endswith("wordprocessingml.document")
    assert [k.label for k in DocumentKind] == ["PDF", "Word (DOCX)", "OpenDocument text (ODT)"]


# --- refused ----------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + bytes(40)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program " * 10
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
XLSX_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


def _docm(name: str, data: bytes) -> bytes:
    if name != "[Content_Types].xml":
        return data
    return data.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )


def _dotx(name: str, data: bytes) -> bytes:
    return data.replace(b"wordprocessingml.document.main", b"wordprocessingml.template.main")


def _broken_document_xml(name: str, data: bytes) -> bytes:
    return data[: len(data) // 2] if name == "word/document.xml" else data


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        pytest.param(lambda: PNG, "plan.pdf", PICTURE, id="png_renamed_pdf"),
        pytest.param(lambda: EXE, "plan.pdf", PROGRAM, id="exe_renamed_pdf"),
        pytest.param(lambda: EXE, "plan.docx", PROGRAM, id="exe_renamed_docx"),
        pytest.param(
            lambda: b"Plain text that says it is a plan\n", "plan.odt", d.DOCUMENT_WRONG_TYPE,
            id="text_renamed_odt",
        ),
        pytest.param(
            lambda: b"%PDF-1.4\nthis is not a PDF at all\n", "plan.pdf", d.DOCUMENT_INCOMPLETE,
            id="pdf_header_only",
        ),
        pytest.param(
            lambda: pdf_bytes("Plan")[:200], "plan.pdf", d.DOCUMENT_INCOMPLETE, id="truncated_pdf"
        ),
        pytest.param(encrypted_pdf, "plan.pdf", d.DOCUMENT_PROTECTED, id="encrypted_pdf"),
        pytest.param(
            lambda: zip_bytes({"readme.txt": "hello", "plan.pdf": pdf_bytes("x")}), "plan.docx",
            d.DOCUMENT_WRONG_TYPE, id="zip_that_is_not_docx",
        ),
        pytest.param(
            lambda: zip_bytes({"[Content_Types].xml": XLSX_TYPES, "xl/workbook.xml": "<x/>"}),
            "plan.docx", d.DOCUMENT_WRONG_TYPE, id="xlsx_renamed_docx",
        ),
        pytest.param(
            lambda: odt_bytes("application/vnd.oasis.opendocument.spreadsheet"), "plan.odt",
            d.DOCUMENT_WRONG_TYPE, id="ods_renamed_odt",
        ),
        pytest.param(
            lambda: odt_bytes(encryption=ENCRYPTION), "plan.odt", d.DOCUMENT_PROTECTED,
            id="encrypted_odt",
        ),
        pytest.param(lambda: docx_variant(_docm), "plan.docx", d.DOCUMENT_MACROS, id="docm"),
        pytest.param(lambda: docx_variant(_dotx), "plan.docx", d.DOCUMENT_WRONG_TYPE, id="dotx"),
        pytest.param(
            lambda: docx_variant(_broken_document_xml), "plan.docx", d.DOCUMENT_DAMAGED,
            id="corrupted_docx_xml",
        ),
        pytest.param(
            lambda: docx_bytes()[:-300], "plan.docx", d.DOCUMENT_DAMAGED, id="truncated_docx"
        ),
        pytest.param(lambda: OLE, "plan.docx", d.DOCUMENT_OLD_WORD, id="old_word_or_protected"),
    ],
)  # fmt: skip
def test_disguised_and_unusable_files_are_refused(make, name, message):
    assert refused(make(), name) == message


def test_an_empty_file_is_refused():
    assert refused(b"") == d.DOCUMENT_EMPTY


@pytest.mark.parametrize(
    ("max_bytes", "limit"),
    [(MAX, "1MB"), (10 * MAX, "10MB"), (1536 * 1024, "1.5MB"), (500 * 1024, "500KB")],
)
def test_an_oversized_file_is_refused_naming_the_limit(max_bytes, limit):
    big = pdf_bytes("x") + b"%" + bytes(max_bytes)
    assert refused(big, max_bytes=max_bytes) == d.DOCUMENT_TOO_BIG.format(limit=limit)
    assert refused(big, max_bytes=max_bytes) == f"The selected file must be smaller than {limit}"


def test_an_oversized_file_without_a_size_is_refused_by_reading_no_more_than_the_limit():
    stream = io.BytesIO(pdf_bytes("x") + bytes(MAX))
    with pytest.raises(DocumentRefused) as caught:
        document_check(stream, max_bytes=MAX)
    assert caught.value.message == d.DOCUMENT_TOO_BIG.format(limit="1MB")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
        with package.open("word/media/padding.bin", "w") as padding:
            for _ in range(settings.UPLOAD_MAX_UNPACKED_BYTES // (1024 * 1024) + 1):
                padding.write(bytes(1024 * 1024))
    assert len(bomb.getvalue()) < MAX  # it weighs little
    assert refused(bomb.getvalue(), "plan.docx") == d.DOCUMENT_TOO_BIG_UNPACKED


def test_a_zip_that_understates_an_entry_is_refused_not_unpacked():
    # Inflated once, counting: past the stated size it is refused as a lie (issue 21 §4).
    padded = ODT_CONTENT.replace(
        "</office:document-content>", " " * MAX + "</office:document-content>"
    )
    data = bytearray(zip_bytes({"mimetype": ODT_MIMETYPE, "content.xml": padded}))
    local = data.find(b"PK\x03\x04", 1)  # the second entry's local header
    central = data.rfind(b"PK\x01\x02")  # the last entry's central directory record
    struct.pack_into("<I", data, local + 22, 100)
    struct.pack_into("<I", data, central + 24, 100)
    assert refused(bytes(data), "plan.odt") == d.DOCUMENT_FALSE_SIZES.format(found="content.xml")


def test_the_unpacked_limit_can_be_set_per_call():
    assert refused(odt_bytes(), "plan.odt", max_unpacked_bytes=100) == d.DOCUMENT_TOO_BIG_UNPACKED


def test_a_zip_with_too_many_entries_is_refused():
    entries = {"mimetype": ODT_MIMETYPE} | {
        f"f{n}": "" for n in range(settings.UPLOAD_MAX_ZIP_ENTRIES)
    }
    assert refused(zip_bytes(entries), "plan.odt") == d.DOCUMENT_TOO_MANY_PARTS.format(
        limit="2,000"
    )


def test_messages_say_what_is_wrong_in_govuk_style():
    assert d.DOCUMENT_WRONG_TYPE == (
        "The selected file must be a PDF, Word (DOCX) or OpenDocument text (ODT) file"
    )
    messages = [v for k, v in vars(d).items() if k.startswith("DOCUMENT_")]
    assert len(messages) >= 8
    assert all(m.startswith("The selected file ") and not m.endswith(".") for m in messages)
