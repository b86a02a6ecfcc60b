"""Word (DOCX) and OpenDocument text (ODT) packages: which one a package is, the active content
it may not hold, and its text (issue 4 §2; issue 21 §1, §4).

Refused, naming what was found: an ODT's Basic macros or scripts (`Basic/`, `Scripts/`, a
manifest entry for a script, a macro bound to an event); a DOCX's VBA project (`vbaProject.bin`
wherever it is and whatever the content types say, `word/vbaData.xml`), ActiveX controls,
embedded OLE objects and macro-enabled embedded files, and any relationship that makes Word
fetch from elsewhere when the file opens (an external attachedTemplate, linked pictures,
frames, sub-documents); external hyperlinks in the document's own text are fine (they are
followed only when clicked).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from ecm.core.uploads.limits import TextBudget
from ecm.core.uploads.packages import BoundedTarget, Package
from ecm.core.uploads.refusals import (
    DOCUMENT_ACTIVE,
    DOCUMENT_DAMAGED,
    DOCUMENT_EXTERNAL,
    DOCUMENT_MACRO,
    DOCUMENT_MACROS,
    DOCUMENT_PROTECTED,
    DOCUMENT_TOO_MANY_SPACES,
    DOCUMENT_WRONG_TYPE,
    DocumentRefused,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCX_MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_SCRIPT = "urn:oasis:names:tc:opendocument:xmlns:script:1.0"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

ACTIVEX = "ActiveX controls"
OLE_OBJECT = "an embedded object that can run a program"
_FETCHED = {  # the last part of an external relationship's type, in the uploader's words
    "attachedTemplate": "a template",
    "image": "a picture",
    "oleObject": "an object",
    "subDocument": "part of the document",
    "frame": "a frame",
}


def package_kind(package: Package) -> str:
    """'odt' or 'docx', from the package's own declarations; DocumentRefused otherwise."""
    first = package.entries[0]
    if first.filename == "mimetype" and first.file_size < 200:
        if package.read("mimetype").decode("ascii", "replace").strip() != ODT_MIMETYPE:
            raise DocumentRefused(DOCUMENT_WRONG_TYPE)  # a spreadsheet, a presentation, ...
        if "content.xml" not in package.names:
            raise DocumentRefused(DOCUMENT_DAMAGED)
        return "odt"
    if {"[Content_Types].xml", "word/document.xml"} <= package.names:
        types = package.parse("[Content_Types].xml")
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
        return "docx"
    raise DocumentRefused(DOCUMENT_WRONG_TYPE)  # a spreadsheet, an archive, ...


def package_refuse_active(package: Package, kind: str) -> None:
    """Refuse macros, scripts, controls and external fetches, naming the entry found; then
    parse every XML part within the caps (depth, elements, no entities) before any library
    builds a tree of it."""
    if kind == "odt":
        _odt_refuse_active(package)
    else:
        _docx_refuse_active(package)
    for entry in package.entries:
        if entry.filename.endswith((".xml", ".rels")):
            package.parse(entry.filename, _NoScripts())


def _odt_refuse_active(package: Package) -> None:
    for name in sorted(package.names):
        if name.startswith(("Basic/", "Scripts/")):
            raise DocumentRefused(DOCUMENT_MACRO.format(found=name[:100]))
    if "META-INF/manifest.xml" not in package.names:
        return
    manifest = package.parse("META-INF/manifest.xml")
    if manifest.find(f".//{{{_MANIFEST}}}encryption-data") is not None:
        raise DocumentRefused(DOCUMENT_PROTECTED)
    for entry in manifest.iter(f"{{{_MANIFEST}}}file-entry"):
        path = entry.get(f"{{{_MANIFEST}}}full-path", "")
        media = entry.get(f"{{{_MANIFEST}}}media-type", "")
        if "script" in media.lower() or path.startswith(("Basic/", "Scripts/")):
            raise DocumentRefused(DOCUMENT_MACRO.format(found=f"META-INF/manifest.xml: {path}"))


class _NoScripts(BoundedTarget):
    """Any XML part, within the caps; an ODF event bound to a macro is refused, and so is a
    run of spaces past the cap (a 618-byte ODT asked for a billion of them)."""

    def start(self, tag: str, attrib: dict) -> None:
        super().start(tag, attrib)
        if tag == f"{{{_SCRIPT}}}event-listener":
            raise DocumentRefused(DOCUMENT_MACRO.format(found=f"{self.part}: event-listener"))
        if tag == f"{{{_TEXT}}}s":
            count = attrib.get(f"{{{_TEXT}}}c", "1")
            limit = self.package.limits.max_odt_spaces
            if count.isdigit() and int(count) > limit:
                raise DocumentRefused(
                    DOCUMENT_TOO_MANY_SPACES.format(
                        limit=f"{limit:,}", found=f'{self.part}: text:c="{count[:20]}"'
                    )
                )


def _docx_refuse_active(package: Package) -> None:
    for name in sorted(package.names):
        lower = name.lower()
        if lower.endswith("vbaproject.bin") or lower.endswith("vbadata.xml"):
            raise DocumentRefused(DOCUMENT_MACRO.format(found=name[:100]))
        if lower.endswith((".docm", ".xlsm", ".pptm", ".dotm")):
            raise DocumentRefused(DOCUMENT_MACRO.format(found=name[:100]))
        if "activex/" in lower:
            raise DocumentRefused(DOCUMENT_ACTIVE.format(what=ACTIVEX, found=name[:100]))
        if "embeddings/" in lower and lower.endswith(".bin"):
            raise DocumentRefused(DOCUMENT_ACTIVE.format(what=OLE_OBJECT, found=name[:100]))
    types = package.parse("[Content_Types].xml")
    for declared in types:
        if (
            "macroenabled" in (declared.get("ContentType") or "").lower()
            or "vba" in (declared.get("ContentType") or "").lower()
        ):
            raise DocumentRefused(DOCUMENT_MACRO.format(found="[Content_Types].xml"))
    for name in sorted(n for n in package.names if n.endswith(".rels")):
        for relation in package.parse(name).iter(f"{{{_RELS}}}Relationship"):
            if relation.get("TargetMode") != "External":
                continue
            kind = (relation.get("Type") or "").rsplit("/", 1)[-1]
            if kind == "hyperlink" and name == "word/_rels/document.xml.rels":
                continue  # a link in the text, followed only if the reader clicks it
            raise DocumentRefused(
                DOCUMENT_EXTERNAL.format(
                    what=_FETCHED.get(kind, "content"), found=f"{name}: {kind[:50]}"
                )
            )


def word_open(data: bytes) -> WordDocument:
    """python-docx's document, once the package has passed the caps."""
    # python-docx (and lxml) only when a Word file is read: the models that keep uploads import
    # this module, and django.setup() stays without them (issue 25 §2).
    import docx  # noqa: PLC0415 - see above

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds of error on a bad file
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc


def docx_text(data: bytes, budget: TextBudget) -> str:
    """Paragraphs and table rows in reading order; a merged cell is read once per row."""
    return "\n".join(budget.take(block) for block in _docx_blocks(word_open(data))).strip()


def _docx_blocks(document: WordDocument) -> Iterator[str]:
    from docx.table import Table  # noqa: PLC0415 - python-docx is loaded by word_open already

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


class _OdtText(BoundedTarget):
    """The text of an ODT's paragraphs and headings, with ODF's spaces, tabs and line breaks and
    without comments, taken as the XML is read: no tree is built, no recursion, and the text is
    charged to the budget as it comes (a 618-byte ODT asked for a billion spaces)."""

    def __init__(self, budget: TextBudget, max_spaces: int):
        super().__init__()
        self.budget, self.max_spaces = budget, max_spaces
        self.paragraphs: list[str] = []
        self.current: list[str] | None = None
        self.paragraph_depth = 0
        self.comment_depth = 0  # inside an office:annotation, the depth it started at

    def start(self, tag: str, attrib: dict) -> None:
        super().start(tag, attrib)
        if self.comment_depth:
            return
        if tag == f"{{{_OFFICE}}}annotation":
            self.comment_depth = self.depth
        elif self.current is None:
            if tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
                self.current, self.paragraph_depth = [], self.depth
        elif tag == f"{{{_TEXT}}}s":
            self.current.append(self.budget.take(" " * self._spaces(attrib)))
        elif tag == f"{{{_TEXT}}}tab":
            self.current.append(self.budget.take("\t"))
        elif tag == f"{{{_TEXT}}}line-break":
            self.current.append(self.budget.take("\n"))

    def _spaces(self, attrib: dict) -> int:
        """<text:s text:c="n"/>, bounded: a count that is not a small number is one space."""
        count = attrib.get(f"{{{_TEXT}}}c", "1")
        return min(int(count), self.max_spaces) if count.isdigit() else 1

    def data(self, text: str) -> None:
        if self.current is not None and not self.comment_depth:
            self.current.append(self.budget.take(text))

    def end(self, tag: str) -> None:
        if self.comment_depth == self.depth:
            self.comment_depth = 0
        elif self.current is not None and self.depth == self.paragraph_depth:
            self.paragraphs.append("".join(self.current))
            self.current = None
        super().end(tag)

    def close(self) -> list[str]:
        return self.paragraphs


def odt_text(package: Package, budget: TextBudget) -> str:
    paragraphs = package.parse("content.xml", _OdtText(budget, package.limits.max_odt_spaces))
    return "\n".join(paragraphs).strip()


def stated_pages(package: Package, kind: str) -> int | None:
    """The page count the editor last laid out (Word's docProps/app.xml, ODF's meta.xml), which
    may be missing or out of date."""
    name, path, attribute = {
        "docx": ("docProps/app.xml", f"{{{_APP}}}Pages", None),
        "odt": ("meta.xml", f".//{{{_META}}}document-statistic", f"{{{_META}}}page-count"),
    }[kind]
    if name not in package.names:
        return None
    found: Element | None = package.parse(name).find(path)
    if found is None:
        return None
    value = found.text if attribute is None else found.get(attribute)
    return int(value) if value and value.strip().isdigit() else None
