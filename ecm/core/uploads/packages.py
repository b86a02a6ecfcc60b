"""ZIP packages (DOCX, ODT) and the XML inside them, read with caps while reading (issue 21 §1).

Nothing a package says about itself is trusted: the entry count in its end record is checked
before zipfile reads the central directory; each entry's local header must agree with the
central directory; each entry is inflated once, counting the bytes it really gives and stopping
the moment they pass what the index declared ("false ZIP sizes"); only stored and deflated
entries are read (bzip2 and LZMA have no output limit in zipfile). XML is parsed through
defusedxml with DTDs refused (no entity expansion, no external entities), fed in chunks, with a
cap on nesting depth and on the number of elements counted as each one starts.
"""

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree.ElementTree import Element, TreeBuilder

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ecm.core.uploads.limits import Limits
from ecm.core.uploads.refusals import (
    DOCUMENT_DAMAGED,
    DOCUMENT_FALSE_SIZES,
    DOCUMENT_PROTECTED,
    DOCUMENT_TOO_BIG_UNPACKED,
    DOCUMENT_TOO_DEEP,
    DOCUMENT_TOO_MANY_PARTS,
    DOCUMENT_XML_ENTITIES,
    DocumentRefused,
)

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_CHUNK = 64 * 1024
_ZIP64 = 0xFFFFFFFF


class Package:
    """A DOCX or ODT's entries, checked before any is parsed."""

    def __init__(self, data: bytes, limits: Limits):
        self.limits = limits
        self.data = data
        self._refuse_many_entries()
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.entries = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise DocumentRefused(DOCUMENT_DAMAGED) from exc
        if not self.entries:
            raise DocumentRefused(DOCUMENT_DAMAGED)
        if len(self.entries) > limits.max_entries:
            raise DocumentRefused(DOCUMENT_TOO_MANY_PARTS.format(limit=f"{limits.max_entries:,}"))
        if sum(e.file_size for e in self.entries) > limits.max_unpacked_bytes:
            raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
        if any(e.flag_bits & 0x1 for e in self.entries):  # ZIP-level encryption
            raise DocumentRefused(DOCUMENT_PROTECTED)
        for entry in self.entries:
            self._refuse_false_size(entry)
        self.names = {e.filename for e in self.entries}
        self.elements = 0  # counted across every XML part parsed, against max_xml_elements

    def _refuse_many_entries(self) -> None:
        """The end record's count, and the central directory's size, before zipfile makes an
        object per entry (a 9 MB file can list 100,000 entries)."""
        at = self.data.rfind(_END_SIGNATURE, max(0, len(self.data) - 65_557))
        if at < 0 or at + _END_RECORD.size > len(self.data):
            raise DocumentRefused(DOCUMENT_DAMAGED)
        _sig, _disk, _start, _here, total, directory_size, _offset, _comment = (
            _END_RECORD.unpack_from(self.data, at)
        )
        # An entry takes at least 46 bytes of the directory; 1 KB each is generous for names.
        if total > self.limits.max_entries or directory_size > self.limits.max_entries * 1024:
            raise DocumentRefused(
                DOCUMENT_TOO_MANY_PARTS.format(limit=f"{self.limits.max_entries:,}")
            )

    def _refuse_false_size(self, entry: zipfile.ZipInfo) -> None:
        false = DocumentRefused(DOCUMENT_FALSE_SIZES.format(found=entry.filename[:100]))
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DocumentRefused(DOCUMENT_DAMAGED)
        try:
            signature, _v, flags, method, _t, _d, _crc, packed, size, name_length, extra_length = (
                _LOCAL_HEADER.unpack_from(self.data, entry.header_offset)
            )
        except struct.error as exc:
            raise DocumentRefused(DOCUMENT_DAMAGED) from exc
        if signature != b"PK\x03\x04" or method != entry.compress_type:
            raise false
        sizes_here = not flags & 0x8 and _ZIP64 not in (packed, size)
        if sizes_here and (packed, size) != (entry.compress_size, entry.file_size):
            raise false
        start = entry.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        raw = memoryview(self.data)[start : start + entry.compress_size]
        if entry.compress_type == zipfile.ZIP_STORED:
            if len(raw) != entry.file_size:
                raise false
            return
        if _inflated_size(raw, stop_after=entry.file_size) != entry.file_size:
            raise false

    def read(self, name: str) -> bytes:
        """One entry's bytes (already known to be no bigger than its declared size)."""
        return b"".join(self.stream(name))

    def stream(self, name: str) -> Iterator[bytes]:
        try:
            with self.zip.open(name) as entry:
                while chunk := entry.read(_CHUNK):
                    yield chunk
        except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise DocumentRefused(DOCUMENT_DAMAGED) from exc

    def parse(self, name: str, target: "BoundedTarget | None" = None):
        """An XML entry parsed within the caps: the tree, or what `target.close()` gives."""
        target = target or BoundedTree()
        target.package, target.part = self, name
        parser = SafeET.DefusedXMLParser(target=target, forbid_dtd=True)
        try:
            for chunk in self.stream(name):
                parser.feed(chunk)
            return parser.close()
        except DefusedXmlException as exc:
            raise DocumentRefused(DOCUMENT_XML_ENTITIES.format(found=name[:100])) from exc
        except SafeET.ParseError as exc:
            raise DocumentRefused(DOCUMENT_DAMAGED) from exc

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _inflated_size(raw: memoryview, *, stop_after: int) -> int:
    """How many bytes a raw deflate stream really gives, stopping once past `stop_after`."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = 0
    try:
        for at in range(0, len(raw), _CHUNK):
            pending = bytes(raw[at : at + _CHUNK])
            while pending and out <= stop_after:
                out += len(inflater.decompress(pending, min(_CHUNK, stop_after + 1 - out)))
                pending = inflater.unconsumed_tail
            if out > stop_after or inflater.eof:
                return out
        return out + len(inflater.flush())
    except zlib.error:
        return -1


class BoundedTarget:
    """An XML parser target that counts depth and elements as they start, refusing past the
    caps before anything more is built (5,000 nested <text:span> overflowed Python's stack)."""

    package: Package
    part: str

    def __init__(self):
        self.depth = 0

    def start(self, tag: str, attrib: dict) -> None:
        self.depth += 1
        self.package.elements += 1
        limits = self.package.limits
        if self.depth > limits.max_xml_depth:
            raise DocumentRefused(
                DOCUMENT_TOO_DEEP.format(limit=limits.max_xml_depth, found=self.part[:100])
            )
        if self.package.elements > limits.max_xml_elements:
            raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, text: str) -> None:
        pass

    def close(self):
        return None


class BoundedTree(BoundedTarget):
    """A tree of a small XML part (a manifest, relationships, content types), within caps."""

    def __init__(self):
        super().__init__()
        self.builder = TreeBuilder()

    def start(self, tag: str, attrib: dict) -> None:
        super().start(tag, attrib)
        self.builder.start(tag, attrib)

    def end(self, tag: str) -> None:
        super().end(tag)
        self.builder.end(tag)

    def data(self, text: str) -> None:
        self.builder.data(text)

    def close(self) -> Element:
        return self.builder.close()
