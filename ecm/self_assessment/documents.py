"""Documents a council uploads as evidence: checked by content, and their text read (ADR 0014).

Pure Python, no Django models: any binary file-like object will do (Django's UploadedFile, an
open file, BytesIO). The self-assessment is "referenced to relevant evidence" (000 §11): for an
APA the Children and Young People's Plan (000 §13), for a JAR the listed documents cited by
page (000 §14). Their text is extracted so citations can be searched (issue 4 §2).

A file's kind is decided from its bytes, never its name or the browser's content type:
- PDF: starts with `%PDF-`, and pypdf can read its page tree; encrypted files are refused;
- DOCX: a ZIP holding `[Content_Types].xml` and `word/document.xml` that python-docx opens as a
  Word document (macro-enabled documents and templates are refused);
- ODT: a ZIP whose first entry `mimetype` reads `application/vnd.oasis.opendocument.text`, with a
  well-formed `content.xml`; encrypted packages are refused.
ZIP packages are opened only when their entries add up to no more than `max_unpacked_bytes`
(a ZIP bomb unpacks to far more than it weighs); zipfile never reads past an entry's stated
size, so the stated sizes bound what is read.

Error messages are GOV.UK's for file uploads, with how to put the problem right.
"""

import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import IO
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
import docx
from defusedxml import DefusedXmlException
from docx.document import Document as WordDocument
from docx.table import Table
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

DOCUMENT_EMPTY = "The selected file is empty"
DOCUMENT_TOO_BIG = "The selected file must be smaller than {limit}"
DOCUMENT_WRONG_TYPE = "The selected file must be a PDF, Word (DOCX) or OpenDocument text (ODT) file"
DOCUMENT_OLD_WORD = (
    "The selected file must be a PDF, Word (DOCX) or OpenDocument text (ODT) file "
    "\N{EN DASH} if it is an older Word (DOC) file or has a password, save it as DOCX or PDF "
    "without a password and upload that"
)
DOCUMENT_PROTECTED = (
    "The selected file is password protected \N{EN DASH} save a copy without a password or "
    "security restrictions and upload that"
)
DOCUMENT_MACROS = (
    "The selected file is a Word file with macros \N{EN DASH} save it as a Word document "
    "(DOCX) and upload that"
)
DOCUMENT_DAMAGED = (
    "The selected file could not be opened and may be damaged \N{EN DASH} open it, save it "
    "again as PDF, DOCX or ODT, and upload the new copy"
)
DOCUMENT_TOO_BIG_UNPACKED = (
    "The selected file holds too much to open safely \N{EN DASH} split it into smaller files "
    "and upload them one at a time"
)

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all entries of a DOCX or ODT together, unpacked
MAX_ZIP_ENTRIES = 2000
# Settings of ours, not the handbook's (issue 21 §1: a 618-byte ODT asked for a billion
# spaces; 5,000 nested spans overflowed Python's stack; a PDF inflated to 1 GB). Generous for
# any real document: a Children and Young People's Plan runs to tens of thousands of words.
MAX_TEXT_CHARACTERS = 20 * 1024 * 1024  # the text extracted from one document
MAX_ODT_SPACES = 1000  # one <text:s text:c="n"/>: a run of spaces
MAX_ODT_DEPTH = 100  # elements nested inside one paragraph
PAGE_BREAK = "\f"  # between the pages of a PDF's extracted text: page n is split(PAGE_BREAK)[n-1]

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word files, and Office files with a password
_ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCX_MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


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
            "odt": _ODT_MIMETYPE,
        }[self.value]

    @property
    def label(self) -> str:
        return {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "OpenDocument text (ODT)"}[self.value]


class DocumentRefused(ValueError):
    """An upload that is not a document we accept; `message` is shown to the council."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _size_words(size: int) -> str:
    """A size as GOV.UK writes it: 10MB, 500KB, 900 bytes."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            amount = f"{size / scale:.1f}".removesuffix(".0")
            return f"{amount}{unit}"
    return f"{size} bytes"


def _read(file: IO[bytes], limit: int | None = None) -> bytes:
    """The file's bytes from the start (at most limit + 1 of them), leaving it rewound."""
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(-1 if limit is None else limit + 1)
    if hasattr(file, "seek"):
        file.seek(0)
    return bytes(data or b"")


def _pdf(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds of error on a malformed file
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc
    if encrypted:
        raise DocumentRefused(DOCUMENT_PROTECTED)
    if pages == 0:
        raise DocumentRefused(DOCUMENT_DAMAGED)
    return reader


def _zip(data: bytes, max_unpacked_bytes: int) -> zipfile.ZipFile:
    """The package, once its entries are few enough and small enough to open."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > max_unpacked_bytes:
        raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
    if any(e.flag_bits & 0x1 for e in entries):  # ZIP-level encryption
        raise DocumentRefused(DOCUMENT_PROTECTED)
    return package


def _member(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        return package.read(name)
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc


def _xml(data: bytes) -> Element:
    try:
        return SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc


def _package_kind(package: zipfile.ZipFile) -> DocumentKind:
    entries = package.infolist()
    names = {e.filename for e in entries}
    if entries[0].filename == "mimetype" and entries[0].file_size < 200:
        if _member(package, "mimetype").decode("ascii", "replace").strip() != _ODT_MIMETYPE:
            raise DocumentRefused(DOCUMENT_WRONG_TYPE)  # a spreadsheet, a presentation, ...
        if "content.xml" not in names:
            raise DocumentRefused(DOCUMENT_DAMAGED)
        if "META-INF/manifest.xml" in names:
            manifest = _xml(_member(package, "META-INF/manifest.xml"))
            if manifest.find(f".//{{{_MANIFEST}}}encryption-data") is not None:
                raise DocumentRefused(DOCUMENT_PROTECTED)
        _xml(_member(package, "content.xml"))
        return DocumentKind.ODT
    if {"[Content_Types].xml", "word/document.xml"} <= names:
        types = _xml(_member(package, "[Content_Types].xml"))
        main = next(
            (
                o.get("ContentType")
                for o in types.iter(f"{{{_TYPES}}}Override")
                if o.get("PartName") == "/word/document.xml"
            ),
            None,
        )
        if main == _DOCX_MACROS:
            raise DocumentRefused(DOCUMENT_MACROS)
        if main != _DOCX_MAIN:  # a Word template, or a package that only looks like Word
            raise DocumentRefused(DOCUMENT_WRONG_TYPE)
        return DocumentKind.DOCX
    raise DocumentRefused(DOCUMENT_WRONG_TYPE)  # a spreadsheet, an archive, ...


def _word(data: bytes) -> WordDocument:
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds of error on a bad file
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc


def document_check(
    file: IO[bytes], *, max_bytes: int, max_unpacked_bytes: int = MAX_UNPACKED_BYTES
) -> DocumentKind:
    """The kind of an uploaded document, decided by its content; DocumentRefused if unfit.

    Issue 4 §2: uploads are PDF, DOCX or ODT, "checked by content and size". The name and the
    browser's content type are never trusted: a program or picture renamed .pdf is refused.
    """
    size = getattr(file, "size", None)
    if isinstance(size, int) and size > max_bytes:
        raise DocumentRefused(DOCUMENT_TOO_BIG.format(limit=_size_words(max_bytes)))
    data = _read(file, max_bytes)
    if not data:
        raise DocumentRefused(DOCUMENT_EMPTY)
    if len(data) > max_bytes:
        raise DocumentRefused(DOCUMENT_TOO_BIG.format(limit=_size_words(max_bytes)))
    if data.startswith(_PDF_MAGIC):
        _pdf(data)
        return DocumentKind.PDF
    if data.startswith(_OLE_MAGIC):
        raise DocumentRefused(DOCUMENT_OLD_WORD)
    if not data.startswith(_ZIP_MAGIC):
        raise DocumentRefused(DOCUMENT_WRONG_TYPE)
    with _zip(data, max_unpacked_bytes) as package:
        kind = _package_kind(package)
    if kind == DocumentKind.DOCX:
        _word(data)  # python-docx must be able to read what the package says it holds
    return kind


def _docx_blocks(document: WordDocument) -> Iterator[str]:
    """Paragraphs and table rows in reading order; a merged cell is read once per row."""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(cell.text)
                yield "\t".join(cells)
        else:
            yield block.text


class _TextBudget:
    """The characters a document's text may still have; refuses the document past it, while
    reading, before the whole text is built."""

    def __init__(self, limit: int = MAX_TEXT_CHARACTERS):
        self.left = limit

    def take(self, text: str) -> str:
        self.left -= len(text)
        if self.left < 0:
            raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
        return text


def _spaces(child: Element) -> int:
    """ODF's <text:s text:c="n"/>, bounded: a count that is not a small number is one space."""
    count = child.get(f"{{{_TEXT}}}c", "1")
    return min(int(count), MAX_ODT_SPACES) if count.isdigit() else 1


def _odt_inline(element: Element, budget: _TextBudget, depth: int = 0) -> str:
    """The text of a paragraph or heading, with ODF's space, tab and line-break elements."""
    if depth > MAX_ODT_DEPTH:
        raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
    parts = [budget.take(element.text or "")]
    for child in element:
        if child.tag == f"{{{_TEXT}}}s":
            parts.append(budget.take(" " * _spaces(child)))
        elif child.tag == f"{{{_TEXT}}}tab":
            parts.append(budget.take("\t"))
        elif child.tag == f"{{{_TEXT}}}line-break":
            parts.append(budget.take("\n"))
        elif child.tag != f"{{{_OFFICE}}}annotation":  # comments are not the document's text
            parts.append(_odt_inline(child, budget, depth + 1))
        parts.append(budget.take(child.tail or ""))
    return "".join(parts)


def _odt_paragraphs(element: Element, budget: _TextBudget, depth: int = 0) -> Iterator[str]:
    if depth > MAX_ODT_DEPTH:
        raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
    for child in element:
        if child.tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
            yield _odt_inline(child, budget)
        else:
            yield from _odt_paragraphs(child, budget, depth + 1)


def document_text(
    file: IO[bytes], *, kind: DocumentKind, max_unpacked_bytes: int = MAX_UNPACKED_BYTES
) -> str:
    """The document's text, for search and for finding a cited passage (issue 4 §2, 000 §14).

    PDF pages are separated by PAGE_BREAK, so a citation by page (000 §14) can be found; DOCX
    and ODT give paragraphs and table rows one a line. Call it on a file document_check passed.
    """
    data = _read(file)
    budget = _TextBudget()
    if kind == DocumentKind.PDF:
        pages = _pdf(data).pages
        return PAGE_BREAK.join(budget.take(_page_text(page)) for page in pages)
    if kind == DocumentKind.DOCX:
        _zip(data, max_unpacked_bytes).close()
        return "\n".join(_docx_blocks(_word(data))).strip()
    with _zip(data, max_unpacked_bytes) as package:
        content = _xml(_member(package, "content.xml"))
    body = content.find(f"{{{_OFFICE}}}body")
    return "\n".join(_odt_paragraphs(body if body is not None else content, budget)).strip()


def _page_text(page) -> str:
    """One PDF page's text; a stream that inflates past pypdf's limits, or cannot be read, is
    refused with a reason rather than left to fail the request (issue 21 §2)."""
    try:
        return (page.extract_text() or "").strip()
    except LimitReachedError as exc:
        raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED) from exc
    except Exception as exc:  # pypdf raises many kinds of error on a malformed file
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc


def document_pages(file: IO[bytes], *, kind: DocumentKind) -> int | None:
    """How many pages the document has, or None where the file does not say.

    A PDF's pages are counted; a DOCX or ODT states the count its editor last laid out (Word's
    docProps/app.xml, ODF's meta.xml), which may be missing or out of date.
    """
    data = _read(file)
    if kind == DocumentKind.PDF:
        return len(_pdf(data).pages)
    name, path, attribute = {
        DocumentKind.DOCX: ("docProps/app.xml", f"{{{_APP}}}Pages", None),
        DocumentKind.ODT: (
            "meta.xml",
            f".//{{{_META}}}document-statistic",
            f"{{{_META}}}page-count",
        ),
    }[kind]
    with _zip(data, MAX_UNPACKED_BYTES) as package:
        if name not in package.namelist():
            return None
        found = _xml(_member(package, name)).find(path)
    if found is None:
        return None
    value = found.text if attribute is None else found.get(attribute)
    return int(value) if value and value.strip().isdigit() else None


@dataclass(frozen=True)
class ExaminedDocument:
    kind: DocumentKind
    sha256: str
    text: str
    pages: int | None


def document_examine(file: IO[bytes], *, max_bytes: int) -> ExaminedDocument:
    """Check an upload by its content and size, then read its checksum, text and pages: what
    every upload of a document keeps (issue 4 §2; issue 5 §1). DocumentRefused if unfit."""
    kind = document_check(file, max_bytes=max_bytes)
    return ExaminedDocument(
        kind=kind,
        sha256=hashlib.sha256(_read(file)).hexdigest(),
        text=document_text(file, kind=kind),
        pages=document_pages(file, kind=kind),
    )


def stored_file_fields(upload, examined: ExaminedDocument) -> dict:
    """The columns every checked upload keeps (the file, its name, kind, size, hash and pages),
    the file rewound so that storage saves it whole."""
    upload.seek(0)
    return {
        "file": upload,
        "file_name": upload.name[-255:],
        "content_kind": str(examined.kind),
        "size": upload.size,
        "sha256": examined.sha256,
        "pages": examined.pages,
    }
