"""Helpers shared by every document the service writes (the self-assessment, issue 4 §5; the
evidence notebook, issue 5 §7; the letters to come): one place for the rules they all follow.

- Text: `clean` drops the characters XML cannot hold (a vertical tab pasted from Word), since
  neither DOCX nor the HTML behind a PDF can carry them; `text_blocks` reads paragraphs and
  bullet lists (000 §11) out of what users typed; `person` and `when` word people and moments
  the same way in every document.
- PDF: WeasyPrint renders our HTML with `url_fetcher`, which reads only the service's own
  static files, so a PDF never fetches from the network (nor waits on the server rendering it).
  Every document's HTML uses one print stylesheet, `STYLESHEET` (static/core/document.css).
  Asked for from a download page (`document_response`), a PDF is built by the task queue and
  kept until its content changes (ecm.core.document_builds; issue 25 §3, decision 0051).
- DOCX: `docx_a4` starts every document on the same A4 page, with its header and "Page N of M"
  footer; python-docx tables and blocks as paragraphs and bullets. Asked for from a download
  page, a Word file too is built by the task queue, kept by the HTML its PDF would be made
  from (decision 0054).

WeasyPrint and python-docx are imported inside the functions that use them, so that importing
this module (and every page that links to a document) stays cheap.
"""

import functools
import io
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.utils import timezone

from ecm.core import document_builds
from ecm.core.access import refuse_unless

# The formats every document downloads in, with their content types.
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

# The print stylesheet of every document (A4, print margins, GOV.UK-like type and tables).
STYLESHEET = "core/document.css"

BULLET_MARKS = ("- ", "* ", "• ")  # 000 §11: bullet points welcome; "•" as pasted from Word

# XML 1.0 allows tab, newline and carriage return below 0x20, and no surrogates or U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# --------------------------------------------------------------------------------------- Text


def clean(text: object) -> str:
    """`text` as a string XML can hold (None and "" give ""): user text goes into DOCX and
    HTML as it is, less the control characters that would make either invalid."""
    return _NOT_XML.sub("", str(text or ""))


@dataclass(frozen=True)
class Block:
    """A paragraph, or a bulleted list of consecutive bullet lines (000 §11)."""

    text: str = ""
    bullets: tuple[str, ...] = ()


def text_blocks(text: str) -> list[Block]:
    """Paragraphs and bullet lists from an answer's text: a line starting "- " or "* " is a
    bullet (000 §11), consecutive bullets make one list, every other line is a paragraph."""
    blocks: list[Block] = []
    bullets: list[str] = []
    for line in clean(text).splitlines():
        stripped = line.strip()
        mark = next((m for m in BULLET_MARKS if stripped.startswith(m)), None)
        if mark is not None and stripped[len(mark) :].strip():
            bullets.append(stripped[len(mark) :].strip())
            continue
        if bullets:
            blocks.append(Block(bullets=tuple(bullets)))
            bullets = []
        if stripped:
            blocks.append(Block(text=stripped))
    if bullets:
        blocks.append(Block(bullets=tuple(bullets)))
    return blocks


def when(moment) -> str:
    """A moment in local time as documents say it ("5 March 2008 at 14:30"), so that every
    document dates things the same way."""
    local = timezone.localtime(moment)
    return f"{local:%-d %B %Y} at {local:%H:%M}"


def person(user) -> str:
    """A user as documents name them: full name, else email; "" for nobody."""
    if user is None:
        return ""
    return clean(user.get_full_name().strip() or user.email)


# ---------------------------------------------------------------------------------------- PDF


def static_file(url: str) -> Path | None:
    """The file behind a URL of our own static files, or None: the PDF never fetches from the
    network, so it cannot wait on the server that is rendering it."""
    static_path = urlsplit(settings.STATIC_URL).path
    path = unquote(urlsplit(url).path)
    if not path.startswith(static_path):
        return None
    name = path[len(static_path) :]
    if not name or ".." in name.split("/"):
        return None
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except NotImplementedError:  # a storage without local paths
        pass
    found = finders.find(name)
    return Path(found) if found else None


def content_type(path: Path) -> str:
    """The Content-Type WeasyPrint is given for a static file, by its suffix."""
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(
        path.suffix.lower(), "application/octet-stream"
    )


def url_fetcher():
    """WeasyPrint's `url_fetcher` for every PDF: our static files (and data: URLs) only."""
    # WeasyPrint takes about 1.7 s to import: loaded when a PDF is made, not by every process.
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class StaticFilesOnly(URLFetcher):
        """Serves the document's stylesheet from the static files and refuses anything else;
        a missing stylesheet stops the rendering rather than printing an unstyled PDF."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = static_file(url)
            if found is None:
                raise ValueError(f"{url} is not one of the service's static files")
            return URLFetcherResponse(
                found.as_uri(), found.read_bytes(), {"Content-Type": content_type(found)}
            )

    return StaticFilesOnly(fail_on_errors=True)


# Who asked for the document being made, set by `document_response` around the builder: the
# builders (one per document, in their apps) call `pdf_from_html` and need not know that a
# download page's PDF comes from the cache or the task queue.
ASKED: ContextVar["document_builds.Asked | None"] = ContextVar("document_asked", default=None)
# Set by `html_of`: the HTML a PDF builder renders is wanted, not the PDF.
HTML_WANTED: ContextVar[bool] = ContextVar("document_html_wanted", default=False)


class HtmlRendered(Exception):  # not an error: how `html_of` gets the HTML back
    """The HTML a PDF builder handed to `pdf_from_html`, while `html_of` asked for it."""

    def __init__(self, html: str):
        super().__init__("HTML rendered")
        self.html = html


def html_of(pdf: Callable[[], bytes]) -> str:
    """The HTML the PDF builder `pdf` renders, without making the PDF: a Word file's content
    (its cache key; decision 0054), since each document's Word and PDF builders show the same
    context."""
    wanted = HTML_WANTED.set(True)
    try:
        pdf()
    except HtmlRendered as rendered:
        return rendered.html
    finally:
        HTML_WANTED.reset(wanted)
    raise RuntimeError("The PDF builder did not hand its HTML to pdf_from_html")


def pdf_from_html(html: str, *, base_url: str) -> bytes:
    """A tagged PDF (for screen readers) of a document's HTML; `base_url` is the site's root,
    against which the stylesheet's URL resolves, and only our static files are read. For a
    download page (`document_response`) it comes from the cache or the task queue, and may
    raise document_builds.BeingPrepared; anywhere else it is rendered here and now. Within
    `html_of`, it raises HtmlRendered with the HTML instead."""
    if HTML_WANTED.get():
        raise HtmlRendered(html)
    asked = ASKED.get()
    if asked is not None:
        return document_builds.pdf_cached(html=html, base_url=base_url, asked=asked)
    return pdf_render(html, base_url=base_url)


def pdf_render(html: str, *, base_url: str) -> bytes:
    """The PDF of `html`, rendered by WeasyPrint now."""
    from weasyprint import HTML  # noqa: PLC0415 - about 1.7 s to import: only for a PDF

    return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher()).write_pdf(pdf_tags=True)


def pdf_build(pk: int) -> str:
    """The task queue's job: render and store the PDF of DocumentBuild `pk`."""
    return document_builds.build_run(
        pk=pk, render=lambda build: pdf_render(build.html, base_url=build.base_url)
    )


# --------------------------------------------------------------------------------------- DOCX


def docx_a4(*, header: str):
    """A new python-docx Document on the page every document uses: A4, 20 mm margins, `header`
    at the top of every page and "Page N of M" at the foot (as the PDFs print them)."""
    # python-docx (and lxml) load when a Word file is made, not with every page that links to
    # one (issue 25 §2: start-up imports what it needs).
    from docx import Document  # noqa: PLC0415
    from docx.shared import Mm  # noqa: PLC0415

    document = Document()
    _style_ids_remembered(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    section.header.paragraphs[0].text = clean(header)
    docx_page_number(section.footer.paragraphs[0])
    return document


def _style_ids_remembered(document) -> None:
    """Each style name looked up once per document. python-docx finds a style by name, and
    the default style it is compared with, by reading every style of the document each time a
    paragraph or heading is given one: 80% of a 200-entry notebook's 18 s (bench/documents.py;
    decision 0051). Our documents never add or rename styles while being written, so the id a
    name had is the id it keeps."""
    part = document.part
    find = part.get_style_id
    found: dict[tuple[str, object], str | None] = {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return find(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in found:
            found[key] = find(style_or_name, style_type)
        return found[key]

    part.get_style_id = get_style_id


def docx_build(pk: int) -> str:
    """The task queue's job: write and store the Word file of DocumentBuild `pk`, with the
    builder and context its download page pickled (decision 0054)."""
    return document_builds.build_run(pk=pk, render=docx_render)


def docx_render(build) -> bytes:
    """The Word file of a build: its builder, called now."""
    return document_builds.payload_loads(build.payload)()


def docx_save(document) -> bytes:
    """The saved .docx file of a python-docx Document."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_page_number(paragraph) -> None:
    """ "Page N of M" with Word's PAGE and NUMPAGES fields."""
    from docx.oxml import OxmlElement  # noqa: PLC0415 - loaded with python-docx (docx_a4)
    from docx.oxml.ns import qn  # noqa: PLC0415

    def field_run(instruction: str) -> None:
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), instruction)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        paragraph._p.append(simple)

    paragraph.add_run("Page ")
    field_run("PAGE")
    paragraph._p.append(docx_run(" of "))
    field_run("NUMPAGES")


def docx_run(text: str):
    """A bare w:r run of `text` that keeps its spaces, to sit between field elements, where
    python-docx's add_run cannot put it."""
    from docx.oxml import OxmlElement  # noqa: PLC0415 - loaded with python-docx (docx_a4)
    from docx.oxml.ns import qn  # noqa: PLC0415

    run, node = OxmlElement("w:r"), OxmlElement("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    return run


def docx_table(document, headings: tuple[str, ...], rows, *, header_row: bool = True) -> None:
    """A gridded table of text cells, with a bold header row unless `header_row` is False
    (a document's facts), then an empty paragraph to keep it apart from what follows (Word
    joins adjacent tables into one)."""
    table = document.add_table(rows=0, cols=len(headings))
    table.style = "Table Grid"
    if header_row:
        cells = table.add_row().cells
        for cell, heading in zip(cells, headings, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(heading).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.add_paragraph()


def docx_blocks(document, blocks) -> None:
    """`text_blocks` as DOCX: paragraphs, and bullets in Word's "List Bullet" style."""
    for block in blocks:
        if block.bullets:
            for bullet in block.bullets:
                document.add_paragraph(bullet, style="List Bullet")
        else:
            document.add_paragraph(block.text)


# ----------------------------------------------------------------------------------- Download


def document_download(request, fmt: str, *, name: str, context, docx, pdf):
    """The document in the format asked for, as an attachment `name`.`fmt`; another format is
    404. `docx(context)` and `pdf(context, base_url=...)` build it (module-level functions:
    the Word builder is pickled with its context for the worker); the caller has already
    checked the reader may see the page the document mirrors."""
    base_url = request.build_absolute_uri("/")
    return document_response(
        request,
        fmt,
        name=name,
        pdf=lambda: pdf(context, base_url=base_url),
        docx=functools.partial(docx, context),
    )


def document_response(
    request, fmt: str, *, name: str, pdf: Callable[[], bytes], docx: functools.partial
):
    """The one answer of every document download: the PDF `pdf()` or the Word file `docx()`
    as an attachment `name`.`fmt` (another format is 404). Both come from the cache or the task
    queue: if the file is not ready within a moment, the answer is the page "Your document is
    being prepared" (202 Accepted; 500 if it failed at once), which follows it and offers the
    file to this person when it is ready (issue 25 §3). A PDF's content is its HTML (decision
    0051); a Word file's is the HTML its PDF would be made from, and `docx` (a partial of a
    module-level function, with picklable arguments) is pickled for the worker (decision
    0054)."""
    refuse_unless(fmt in DOCUMENT_TYPES)
    asked = document_builds.Asked(
        user=request.user, file_name=f"{name}.{fmt}", path=request.get_full_path()
    )
    try:
        if fmt == "docx":
            body = document_builds.docx_cached(html=html_of(pdf), make=docx, asked=asked)
        else:
            body = _pdf_asked(pdf, asked)
    except document_builds.BeingPrepared as prepared:
        # 202: accepted, being made; a build that failed within the wait is a server error.
        failed = prepared.row.build.status == document_builds.Status.FAILED
        return document_builds.being_prepared_response(
            request, prepared.row, status=500 if failed else 202
        )
    return document_file_response(body, fmt=fmt, file_name=f"{name}.{fmt}")


def _pdf_asked(pdf: Callable[[], bytes], asked) -> bytes:
    """`pdf()` with `asked` set, so that pdf_from_html takes it from the cache or the queue."""
    token = ASKED.set(asked)
    try:
        return pdf()
    finally:
        ASKED.reset(token)


def document_file_response(body: bytes, *, fmt: str, file_name: str) -> HttpResponse:
    """A document's bytes as an attachment to save as `file_name`."""
    return HttpResponse(
        body,
        content_type=DOCUMENT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
