"""The caps on what one uploaded document may cost the server (issue 21 §1; decision 0037).

Numbers of ours, not the handbook's: each is a labelled setting in `config/settings.py` (README's
configuration table), read here at call time so that a test or a deployment can change it.
"""

from dataclasses import dataclass

from django.conf import settings

from ecm.core.uploads.refusals import DOCUMENT_TOO_BIG_UNPACKED, DocumentRefused


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # the upload itself
    max_unpacked_bytes: int  # all the entries of a DOCX or ODT together, unpacked
    max_entries: int  # entries in a DOCX or ODT
    max_xml_depth: int  # elements nested in one XML part
    max_xml_elements: int  # elements in all the XML parts of a package together
    max_pages: int  # pages of a PDF
    max_stream_bytes: int  # one PDF stream, inflated
    max_pdf_objects: int  # objects in a PDF, each looked at for active content
    max_text_characters: int  # the text extracted from one document
    max_odt_spaces: int  # one <text:s text:c="n"/>: a run of spaces
    max_name_characters: int  # the name shown for a file


def limits(**overrides: int) -> Limits:
    """The caps as the settings give them now, with any given here instead."""
    values = {
        "max_bytes": settings.UPLOAD_DOCUMENT_MAX_BYTES,
        "max_unpacked_bytes": settings.UPLOAD_MAX_UNPACKED_BYTES,
        "max_entries": settings.UPLOAD_MAX_ZIP_ENTRIES,
        "max_xml_depth": settings.UPLOAD_MAX_XML_DEPTH,
        "max_xml_elements": settings.UPLOAD_MAX_XML_ELEMENTS,
        "max_pages": settings.UPLOAD_MAX_PAGES,
        "max_stream_bytes": settings.UPLOAD_MAX_PDF_STREAM_BYTES,
        "max_pdf_objects": settings.UPLOAD_MAX_PDF_OBJECTS,
        "max_text_characters": settings.UPLOAD_MAX_TEXT_CHARACTERS,
        "max_odt_spaces": settings.UPLOAD_MAX_ODT_SPACES,
        "max_name_characters": settings.UPLOAD_MAX_NAME_CHARACTERS,
    }
    return Limits(**(values | overrides))


class TextBudget:
    """The characters a document's text may still have; refuses the document past it, while
    reading, before the whole text is built."""

    def __init__(self, limit: int):
        self.left = limit

    def take(self, text: str) -> str:
        self.left -= len(text)
        if self.left < 0:
            raise DocumentRefused(DOCUMENT_TOO_BIG_UNPACKED)
        return text
