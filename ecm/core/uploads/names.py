"""The names of uploaded files (issue 21 §1, §5): `file.pdf\\x00.exe` was stored as
`file.pdf.exe` and served as a Windows program, and `.htaccess` was written into the media
folder.

The uploader's name is only ever shown: control and format characters (NUL, right-to-left
override) and folder parts are dropped and its length capped. The stored name is generated: a
random name and the extension of the type found in the content, never a dot-file. A download is
an attachment with the type found in the content, its name ending in that type's extension, and
`X-Content-Type-Options: nosniff`.
"""

import secrets
import unicodedata

from django.http import FileResponse

_EXTENSION_KEPT = 10  # characters of an extension kept when a long name is shortened


def display_name(name: str, *, limit: int, fallback: str = "document") -> str:
    """The uploader's file name, safe to show and to offer as a download's name."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(" " if c.isspace() else c for c in name)  # a tab or line break: a space
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = " ".join(name.split()).lstrip(". ")
    if len(name) > limit:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= _EXTENSION_KEPT:
            name = f"{stem[: limit - len(extension) - 1].rstrip()}.{extension}"
        else:
            name = name[:limit]
    return name or fallback


def stored_name(extension: str) -> str:
    """A generated name for storage: 32 random hex digits and the content's own extension."""
    return f"{secrets.token_hex(16)}.{extension}"


def download_name(name: str, extension: str) -> str:
    """The name a download is offered under: the shown name, ending in the content's type
    (`file.pdf.exe` is offered as `file.pdf.exe.pdf`, so it opens as the PDF it is)."""
    return name if name.lower().endswith(f".{extension}") else f"{name}.{extension}"


def document_response(file, *, name: str, extension: str, media_type: str) -> FileResponse:
    """A stored document as a download: an attachment, never shown inline, with the type found
    in its content and nosniff, so no browser guesses another."""
    response = FileResponse(
        file,
        as_attachment=True,
        filename=download_name(name, extension),
        content_type=media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
