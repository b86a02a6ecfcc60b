"""Why an uploaded document is refused, in GOV.UK's words for file uploads (issue 21 §1).

Each message says what was found and how to put it right. A message with `{found}` names the
part of the file that was found (a ZIP entry, a PDF action), so the council's officer can tell
their IT team exactly what to remove.
"""

DOCUMENT_EMPTY = "The selected file is empty"
DOCUMENT_TOO_BIG = "The selected file must be smaller than {limit}"
DOCUMENT_WRONG_TYPE = "The selected file must be a PDF, Word (DOCX) or OpenDocument text (ODT) file"
DOCUMENT_IS_OTHER = (
    "The selected file is {found}, not a document \N{EN DASH} it must be a PDF, Word (DOCX) or "
    "OpenDocument text (ODT) file"
)
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
DOCUMENT_INCOMPLETE = (
    "The selected file is incomplete: the PDF has no end \N{EN DASH} it may not have finished "
    "downloading or saving; save it again and upload the new copy"
)
DOCUMENT_TOO_BIG_UNPACKED = (
    "The selected file holds too much to open safely \N{EN DASH} split it into smaller files "
    "and upload them one at a time"
)
DOCUMENT_TOO_MANY_PAGES = (
    "The selected file has more than {limit} pages \N{EN DASH} split it into smaller files "
    "and upload them one at a time"
)
DOCUMENT_TOO_MANY_PARTS = (
    "The selected file is made of more than {limit} parts \N{EN DASH} open it, save it again "
    "as PDF, DOCX or ODT, and upload the new copy"
)
DOCUMENT_TOO_DEEP = (
    "The selected file has text nested more than {limit} levels deep ({found}) \N{EN DASH} "
    "save it as PDF and upload that"
)
DOCUMENT_TOO_MANY_SPACES = (
    "The selected file asks for a run of more than {limit} spaces ({found}) \N{EN DASH} open "
    "it, save it again as PDF, DOCX or ODT, and upload the new copy"
)
DOCUMENT_FALSE_SIZES = (
    "The selected file is not the size its own index says ({found}), which is how harmful "
    "files hide what they hold \N{EN DASH} open it, save it again as PDF, DOCX or ODT, and "
    "upload the new copy"
)
DOCUMENT_XML_ENTITIES = (
    "The selected file declares XML entities ({found}), which can make a server read other "
    "files or run out of memory \N{EN DASH} open it, save it again as PDF, DOCX or ODT, and "
    "upload the new copy"
)
DOCUMENT_MACRO = (
    "The selected file has a macro ({found}) \N{EN DASH} save it as a document without macros "
    "and upload it again"
)
DOCUMENT_ACTIVE = (
    "The selected file has {what} ({found}) \N{EN DASH} save it as a document without it, for "
    "example by printing it to PDF, and upload it again"
)
DOCUMENT_EXTERNAL = (
    "The selected file fetches {what} from elsewhere when it is opened ({found}) \N{EN DASH} "
    "save it as a document that does not, for example by printing it to PDF, and upload it "
    "again"
)
DOCUMENT_WEB_PAGE = (
    "The selected file has web page code in it ({found}) \N{EN DASH} a document saved by a "
    "word processor never does; save it again as PDF, DOCX or ODT and upload the new copy"
)
DOCUMENT_NOT_AT_START = (
    "The selected file has something else before the PDF ({found}) \N{EN DASH} save it again "
    "as PDF and upload the new copy"
)


class DocumentRefused(ValueError):
    """An upload that is not a document we accept; `message` is shown to the uploader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def size_words(size: int) -> str:
    """A size as GOV.UK writes it: 10MB, 500KB, 900 bytes."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            amount = f"{size / scale:.1f}".removesuffix(".0")
            return f"{amount}{unit}"
    return f"{size} bytes"
