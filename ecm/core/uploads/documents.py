"""Uploaded documents as untrusted input: the one module every document upload goes through
(issue 4 §2; issue 21 §1; decisions 0014 and 0037).

Used by the self-assessment's evidence, the JAR's documents, the information pack and the
meeting's additional information. Pure of any app: any binary file-like object will do.

1. Size: read in chunks and refused the moment it passes the path's limit.
2. Type from the content, never the name or the browser's content type: PDF by `%PDF-` at byte
   0; DOCX and ODT by a ZIP whose own declarations say so (`[Content_Types].xml`, `mimetype`).
   Web page markup near the start, or a PDF that starts later than byte 0, is a polyglot.
3. Caps while reading (limits.py, settings UPLOAD_*): ZIP entries, declared and real unpacked
   sizes, XML depth and elements, no XML entities (packages.py); PDF pages and pypdf's own
   limits on inflating (pdf.py); the text's length (TextBudget).
4. Active content refused, naming what was found (pdf.py, office.py).
5. The stored name generated from the content's type; the shown name cleaned (names.py).

`document_read` does 1-4 and is bounded, so it runs in the request; `document_text` reads the
text for search, which the callers may run later, off the request.
"""

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

from django.core.files.base import ContentFile

from ecm.core.uploads.limits import Limits, TextBudget, limits
from ecm.core.uploads.names import display_name, document_response, stored_name
from ecm.core.uploads.office import (
    ODT_MIMETYPE,
    docx_text,
    odt_text,
    package_kind,
    package_refuse_active,
    stated_pages,
    word_open,
)
from ecm.core.uploads.packages import Package
from ecm.core.uploads.refusals import (
    DOCUMENT_DAMAGED,
    DOCUMENT_EMPTY,
    DOCUMENT_IS_OTHER,
    DOCUMENT_NOT_AT_START,
    DOCUMENT_OLD_WORD,
    DOCUMENT_TOO_BIG,
    DOCUMENT_TOO_BIG_UNPACKED,
    DOCUMENT_WEB_PAGE,
    DOCUMENT_WRONG_TYPE,
    DocumentRefused,
    size_words,
)

__all__ = [
    "PAGE_BREAK",
    "CheckedDocument",
    "DocumentKind",
    "DocumentRefused",
    "ExaminedDocument",
    "document_check",
    "document_examine",
    "document_read",
    "document_response",
    "document_text",
    "stored_file_fields",
]

PAGE_BREAK = "\f"  # between the pages of a PDF's extracted text: page n is split(PAGE_BREAK)[n-1]
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word files, and Office files with a password
_CHUNK = 64 * 1024
_SNIFFED = 4096  # bytes at the start where a browser that sniffs would find a web page
_MARKUP = re.compile(
    rb"<\s*(script|html|svg|iframe|body|object|embed|meta|!doctype\s+html)\b", re.IGNORECASE
)
_OTHER_KINDS = {  # what else a file often turns out to be, named in the refusal
    b"\x89PNG\r\n\x1a\n": "a PNG picture",
    b"\xff\xd8\xff": "a JPEG picture",
    b"GIF8": "a GIF picture",
    b"MZ": "a Windows program",
    b"\x7fELF": "a program",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\x1f\x8b": "a compressed (gzip) file",
    b"{\\rtf": "a rich text (RTF) file",
}


class DocumentKind(StrEnum):
    """The kinds of document a council may upload (issue 4 §2)."""

    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"

    @property
    def media_type(self) -> str:
        return {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "odt": ODT_MIMETYPE,
        }[self.value]

    @property
    def label(self) -> str:
        return {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "OpenDocument text (ODT)"}[self.value]


@dataclass(frozen=True)
class CheckedDocument:
    """An upload that passed every check: its bytes as checked, so that what is stored is
    exactly what was checked."""

    kind: DocumentKind
    data: bytes
    sha256: str
    pages: int | None
    name: str  # the uploader's name, cleaned, for showing


@dataclass(frozen=True)
class ExaminedDocument(CheckedDocument):
    text: str = ""


def _read_capped(file: IO[bytes], max_bytes: int) -> bytes:
    """The file's bytes, read in chunks and refused as soon as they pass max_bytes."""
    too_big = DocumentRefused(DOCUMENT_TOO_BIG.format(limit=size_words(max_bytes)))
    size = getattr(file, "size", None)
    if isinstance(size, int) and size > max_bytes:
        raise too_big
    if hasattr(file, "seek"):
        file.seek(0)
    data = bytearray()
    while chunk := file.read(_CHUNK):
        data += chunk
        if len(data) > max_bytes:
            raise too_big
    if hasattr(file, "seek"):
        file.seek(0)
    if not data:
        raise DocumentRefused(DOCUMENT_EMPTY)
    return bytes(data)


def _sniff(data: bytes) -> str:
    """'pdf' or 'zip' from the first bytes; a refusal that names anything else."""
    head = data[:_SNIFFED]
    markup = _MARKUP.search(head)
    if data.startswith(_ZIP_MAGIC):
        return "zip"  # a stored entry may hold markup; the package is checked entry by entry
    if markup:
        found = markup.group(0).decode("ascii", "replace").lower()
        raise DocumentRefused(DOCUMENT_WEB_PAGE.format(found=found))
    if data.startswith(_PDF_MAGIC):
        return "pdf"
    late = head.find(_PDF_MAGIC)
    if late > 0:
        raise DocumentRefused(DOCUMENT_NOT_AT_START.format(found=f"{late} bytes"))
    if data.startswith(_OLE_MAGIC):
        raise DocumentRefused(DOCUMENT_OLD_WORD)
    for magic, what in _OTHER_KINDS.items():
        if data.startswith(magic):
            raise DocumentRefused(DOCUMENT_IS_OTHER.format(found=what))
    raise DocumentRefused(DOCUMENT_WRONG_TYPE)


def _caps(max_bytes: int | None, caps: dict) -> Limits:
    return limits(**caps, **({"max_bytes": max_bytes} if max_bytes is not None else {}))


def document_read(file: IO[bytes], *, max_bytes: int | None = None, **caps: int) -> CheckedDocument:
    """Check an upload by its content within every cap, refusing active content; bounded in
    time and memory by the caps, so it runs in the request. DocumentRefused if unfit.

    Issue 4 §2: uploads are PDF, DOCX or ODT, "checked by content and size"; issue 21 §1: caps
    checked while reading, active content refused with what was found.
    """
    # pypdf only when a PDF is read: the models that keep uploads import this module, and
    # django.setup() stays without it (issue 25 §2).
    from ecm.core.uploads.pdf import pdf_limits, pdf_open, pdf_refuse_active  # noqa: PLC0415

    lim = _caps(max_bytes, caps)
    data = _read_capped(file, lim.max_bytes)
    try:
        kind = _sniff(data)
        if kind == "pdf":
            with pdf_limits(lim):
                reader = pdf_open(data, lim)
                pdf_refuse_active(reader, data, lim)
                pages = len(reader.pages)
        else:
            with Package(data, lim) as package:
                kind = package_kind(package)
                package_refuse_active(package, kind)
                pages = stated_pages(package, kind)
            if kind == "docx":
                word_open(data)  # python-docx must be able to read what the package says it holds
    except (RecursionError, MemoryError) as exc:
        raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED) from exc
    return CheckedDocument(
        kind=DocumentKind(kind),
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        name=display_name(getattr(file, "name", "") or "", limit=lim.max_name_characters),
    )


def document_check(file: IO[bytes], *, max_bytes: int | None = None, **caps: int) -> DocumentKind:
    """The kind of an uploaded document, decided by its content; DocumentRefused if unfit."""
    return document_read(file, max_bytes=max_bytes, **caps).kind


def document_text(file: IO[bytes] | bytes, *, kind: DocumentKind | str, **caps: int) -> str:
    """The document's text, for search and for finding a cited passage (issue 4 §2, 000 §14),
    charged to the text budget as it is read. Call it on a file document_read passed.

    PDF pages are separated by PAGE_BREAK, so a citation by page (000 §14) can be found; DOCX
    and ODT give paragraphs and table rows one a line.
    """
    from ecm.core.uploads.pdf import pdf_limits, pdf_open, pdf_page_texts  # noqa: PLC0415 - pypdf, as above

    lim = limits(**caps)
    data = file if isinstance(file, bytes) else _read_capped(file, lim.max_bytes)
    budget = TextBudget(lim.max_text_characters)
    try:
        if kind == DocumentKind.PDF:
            with pdf_limits(lim):
                reader = pdf_open(data, lim)
                return PAGE_BREAK.join(budget.take(t) for t in pdf_page_texts(reader))
        with Package(data, lim) as package:
            if kind == DocumentKind.ODT:
                return odt_text(package, budget)
        return docx_text(data, budget)
    except (RecursionError, MemoryError) as exc:
        raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED) from exc
    except DocumentRefused:
        raise
    except Exception as exc:  # the libraries raise many kinds of error on a malformed file
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc


def document_examine(
    file: IO[bytes], *, max_bytes: int | None = None, **caps: int
) -> ExaminedDocument:
    """Check an upload, then read its text: what an upload keeps when its text is read in
    the request (issue 4 §2; issue 5 §1). DocumentRefused if unfit."""
    checked = document_read(file, max_bytes=max_bytes, **caps)
    text = document_text(checked.data, kind=checked.kind, **caps)
    return ExaminedDocument(**vars(checked), text=text)


def stored_file_fields(checked: CheckedDocument) -> dict:
    """The columns every checked upload keeps: the file under a generated name with the
    content's own extension (the model's upload_to gives its folder), the cleaned name to show,
    its kind, size, hash and pages. The bytes stored are the bytes checked."""
    return {
        "file": ContentFile(checked.data, name=stored_name(checked.kind.value)),
        "file_name": checked.name,
        "content_kind": str(checked.kind),
        "size": len(checked.data),
        "sha256": checked.sha256,
        "pages": checked.pages,
    }


def stored_document_response(stored) -> object:
    """A stored upload (any model with file, file_name and content_kind) as a download."""
    kind = DocumentKind(stored.content_kind)
    return document_response(
        stored.file.open("rb"),
        name=stored.file_name,
        extension=kind.value,
        media_type=kind.media_type,
    )
