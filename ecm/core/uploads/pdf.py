"""PDF uploads read with caps (issue 21 §1): pypdf's own limits set from our settings, pages
counted before the page tree is flattened, and active content found and named.

Active content is looked for twice: every object pypdf can reach is walked (names decoded, object
streams unpacked), and the raw bytes are searched for the same names, for objects a broken
cross-reference table hides from pypdf.
"""

import io
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from ecm.core.uploads.limits import Limits
from ecm.core.uploads.refusals import (
    DOCUMENT_ACTIVE,
    DOCUMENT_DAMAGED,
    DOCUMENT_INCOMPLETE,
    DOCUMENT_PROTECTED,
    DOCUMENT_TOO_BIG_UNPACKED,
    DOCUMENT_TOO_MANY_PAGES,
    DocumentRefused,
)

# What a PDF may not hold, in the uploader's words (decision 0037 says why each is refused).
JAVASCRIPT = "JavaScript, which runs when it is opened"
LAUNCH = "an action that starts a program"
EMBEDDED_FILE = "another file inside it"
RICH_MEDIA = "embedded media (Flash or video)"
XFA = "an XFA form, which can run scripts"

_RAW_NAMES = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia\w*|XFA)(?![A-Za-z0-9])")
_RAW_WHAT = {
    b"JavaScript": JAVASCRIPT,
    b"JS": JAVASCRIPT,
    b"Launch": LAUNCH,
    b"EmbeddedFile": EMBEDDED_FILE,
    b"EmbeddedFiles": EMBEDDED_FILE,
    b"XFA": XFA,
}
_WALK_DEPTH = 64  # direct objects nested inside one object
_CHUNK = 64 * 1024


@contextmanager
def pdf_limits(limits: Limits) -> Iterator[None]:
    """pypdf's limits on inflating streams and walking trees, from our settings, for the
    duration (a contextvar, so other threads' PDFs keep theirs)."""
    stream = limits.max_stream_bytes
    with apply_configuration(
        maximum_declared_stream_length=stream,
        array_based_stream_maximum_output_length=stream,
        jbig2_maximum_output_length=stream,
        lzw_maximum_output_length=stream,
        run_length_maximum_output_length=stream,
        zlib_maximum_output_length=stream,
        brotli_maximum_output_length=stream,
        image_maximum_buffer_size=stream,
        stream_decoding_work_maximum_length=stream * 2,
        page_tree_maximum_entries=limits.max_pages * 2 + 10,
        page_tree_maximum_page_entries=limits.max_pages * 64,
        jbig2dec_binary=None,  # never run a program on an upload
    ):
        yield


def pdf_open(data: bytes, limits: Limits) -> PdfReader:
    """The reader of a PDF that ends, opens without a password and has 1 to max_pages pages.
    Call inside pdf_limits."""
    if b"%%EOF" not in data[-2048:]:
        raise DocumentRefused(DOCUMENT_INCOMPLETE)
    too_many = DocumentRefused(DOCUMENT_TOO_MANY_PAGES.format(limit=f"{limits.max_pages:,}"))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentRefused(DOCUMENT_PROTECTED)
        declared = reader.root_object["/Pages"].get_object().get("/Count", 0)
        if isinstance(declared, int) and declared > limits.max_pages:
            raise too_many  # what the file says, before the page tree is walked
        pages = len(reader.pages)
    except DocumentRefused:
        raise
    except LimitReachedError as exc:
        raise too_many from exc
    except Exception as exc:  # pypdf raises many kinds of error on a malformed file
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc
    if pages > limits.max_pages:
        raise too_many
    if pages == 0:
        raise DocumentRefused(DOCUMENT_DAMAGED)
    return reader


def pdf_refuse_active(reader: PdfReader, data: bytes, limits: Limits) -> None:
    """Refuse a PDF with JavaScript, a launch action, an embedded file, rich media or an XFA
    form, naming what was found (issue 21 §4: a JavaScript OpenAction and /Launch were
    accepted)."""
    try:
        _refuse_triggers(reader)
        inflated = 0
        for number, obj in enumerate(_objects(reader)):
            if number >= limits.max_pdf_objects:
                raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
            _refuse_in(obj)
            if isinstance(obj, StreamObject):
                inflated += _inflated_size(obj, limits)
                if inflated > limits.max_unpacked_bytes:
                    raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
    except DocumentRefused:
        raise
    except (LimitReachedError, RecursionError) as exc:
        raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED) from exc
    except Exception as exc:  # pypdf raises many kinds of error on a malformed file
        raise DocumentRefused(DOCUMENT_DAMAGED) from exc
    found = _RAW_NAMES.search(data)
    if found:
        name = found.group(1)
        what = RICH_MEDIA if name.startswith(b"RichMedia") else _RAW_WHAT[name]
        raise DocumentRefused(DOCUMENT_ACTIVE.format(what=what, found="/" + name.decode()))


def _inflated_size(stream: StreamObject, limits: Limits) -> int:
    """How many bytes a deflated stream really gives, counted without keeping them, refused
    past max_stream_bytes (issue 21 §2: a 1 MB PDF's stream inflated to 1 GB). Other filters
    are left to pypdf's own limits."""
    filters = stream.get("/Filter")
    first = filters[0] if isinstance(filters, ArrayObject) and filters else filters
    if first not in ("/FlateDecode", "/Fl"):
        return 0
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)
    raw, out = stream._data, 0  # pypdf keeps a stream's bytes as written in _data
    try:
        for at in range(0, len(raw), _CHUNK):
            pending = raw[at : at + _CHUNK]
            while pending:
                # At most a chunk's worth out per call: the bytes are counted, never kept.
                out += len(inflater.decompress(pending, _CHUNK))
                if out > limits.max_stream_bytes:
                    raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        return out  # pypdf may still read it, within its own limits
    return out


def _refuse_triggers(reader: PdfReader) -> None:
    """An action run on opening the document or a page, named by its trigger."""
    holders = [("", reader.root_object)]
    holders += [(f"page {n} ", page) for n, page in enumerate(reader.pages[:50], start=1)]
    for where, holder in holders:
        for trigger in ("/OpenAction", "/AA"):
            action = holder.get(trigger)
            action = action.get_object() if action is not None else None
            if not isinstance(action, DictionaryObject):
                continue
            actions = [action] if trigger == "/OpenAction" else list(action.values())
            for one in actions:
                one = one.get_object()
                kind = one.get("/S") if isinstance(one, DictionaryObject) else None
                if kind in ("/JavaScript", "/Launch"):
                    what = JAVASCRIPT if kind == "/JavaScript" else LAUNCH
                    raise DocumentRefused(
                        DOCUMENT_ACTIVE.format(what=what, found=f"{where}{trigger} {kind}")
                    )


def _objects(reader: PdfReader) -> Iterator[object]:
    """Every numbered object in the file, once."""
    numbers = {(n, g) for g, table in reader.xref.items() for n in table}
    numbers |= {(n, 0) for n in reader.xref_objStm}
    for number, generation in sorted(numbers):
        yield IndirectObject(number, generation, reader).get_object()


def _refuse_in(obj: object) -> None:
    """An object and the objects written inside it (not those it refers to: they are walked
    in their own turn)."""
    stack = [(obj, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > _WALK_DEPTH:
            raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
        if isinstance(item, DictionaryObject):
            _refuse_dictionary(item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, ArrayObject):
            stack.extend((v, depth + 1) for v in item)


def _refuse_dictionary(d: DictionaryObject) -> None:
    for key in ("/JS", "/JavaScript"):
        if key in d:
            raise DocumentRefused(DOCUMENT_ACTIVE.format(what=JAVASCRIPT, found=key))
    kind = d.get("/S")
    if kind == "/JavaScript":
        raise DocumentRefused(DOCUMENT_ACTIVE.format(what=JAVASCRIPT, found="/S /JavaScript"))
    if kind == "/Launch":
        raise DocumentRefused(DOCUMENT_ACTIVE.format(what=LAUNCH, found="/Launch"))
    if "/EmbeddedFiles" in d or "/EF" in d or d.get("/Type") == "/EmbeddedFile":
        raise DocumentRefused(DOCUMENT_ACTIVE.format(what=EMBEDDED_FILE, found="/EmbeddedFile"))
    if d.get("/Subtype") == "/RichMedia" or "/RichMediaContent" in d:
        raise DocumentRefused(DOCUMENT_ACTIVE.format(what=RICH_MEDIA, found="/RichMedia"))
    if "/XFA" in d:
        raise DocumentRefused(DOCUMENT_ACTIVE.format(what=XFA, found="/XFA"))


def pdf_page_texts(reader: PdfReader) -> Iterator[str]:
    """Each page's text; a stream that inflates past the limits, or cannot be read, is refused
    with a reason rather than left to fail the request (issue 21 §2). Call inside pdf_limits."""
    for page in reader.pages:
        try:
            yield (page.extract_text() or "").strip()
        except (LimitReachedError, RecursionError) as exc:
            raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED) from exc
        except Exception as exc:  # pypdf raises many kinds of error on a malformed file
            raise DocumentRefused(DOCUMENT_DAMAGED) from exc
