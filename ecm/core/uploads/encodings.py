"""The text encoding of an uploaded table, told from its bytes (issue 22 §4).

Spreadsheets save CSV in one of three encodings: "CSV UTF-8" (with or without a byte-order
mark), "Unicode text" (UTF-16 with a byte-order mark) and plain "CSV" on Windows
(Windows-1252). Each is read and passed on as UTF-8, so every check after this one
(ecm.core.uploads.tables) sees one encoding. UTF-16 without a byte-order mark cannot be told
apart from other bytes with certainty, so it is refused with its name rather than read as
ragged rows, and so is anything none of the three can read.

Order matters: UTF-8 first, because a UTF-8 file almost never decodes as anything else by
accident, while nearly any bytes decode as Windows-1252.
"""

from __future__ import annotations

import codecs

UTF8 = "UTF-8"
UTF16 = "UTF-16"
WINDOWS_1252 = "Windows-1252"
# Kinds of file that are not text at all: left to ecm.core.uploads.tables.kind_of to name.
_BINARY_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PAR1", b"%PDF", b"\xd0\xcf\x11\xe0")
_SAMPLE = 4096

UTF16_WITHOUT_BOM = (
    "The file looks like UTF-16 text saved without a byte-order mark, which cannot be read "
    'reliably: save it again as "CSV UTF-8".'
)
NOT_READABLE = (
    "The file is not text in UTF-8, UTF-16 or Windows-1252 (byte 0x{byte:02x} on line {line} "
    'fits none of them): save it again as "CSV UTF-8".'
)
READ_AS = (
    "The file was read as {encoding} text, not UTF-8: check that letters such as é and £ "
    "came through."
)


class EncodingRefused(ValueError):
    """The bytes are in no encoding we read; the message says which and what to do."""


def looks_like_utf16_without_bom(data: bytes) -> bool:
    """Mostly-ASCII text in UTF-16 has a NUL in every other byte; UTF-8 or Windows-1252 text
    has none."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    nul_share = max(even.count(0) / len(even), odd.count(0) / len(odd))
    return nul_share > 0.3


def as_utf8(data: bytes, *, partial: bool = False) -> tuple[bytes, str]:
    """(the bytes as UTF-8, the encoding they were read as), or EncodingRefused.

    A byte-order mark is dropped with its encoding's name kept (a UTF-8 one is left as it is:
    every reader drops it). Binary files come back unchanged with "" for their encoding.
    `partial`: `data` is the head of a file, so a character cut at its end is not an error.
    """
    if data.startswith(_BINARY_MAGIC):
        return data, ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoder = codecs.getincrementaldecoder("utf-16")(errors="strict")
        try:
            text = decoder.decode(data, final=not partial)
        except UnicodeDecodeError as error:
            raise EncodingRefused(_not_readable(data, error.start)) from None
        return text.encode("utf-8"), UTF16
    if looks_like_utf16_without_bom(data):
        raise EncodingRefused(UTF16_WITHOUT_BOM)
    try:
        codecs.getincrementaldecoder("utf-8")(errors="strict").decode(data, final=not partial)
    except UnicodeDecodeError:
        pass
    else:
        return data, UTF8
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise EncodingRefused(_not_readable(data, error.start)) from None
    return text.encode("utf-8"), WINDOWS_1252


def _not_readable(data: bytes, position: int) -> str:
    return NOT_READABLE.format(byte=data[position], line=data[:position].count(b"\n") + 1)
