"""Word files made faster: python-docx's style lookups remembered per document (issue 25 §3;
decision 0051; the task queue builds them since decision 0054). The file must be the very one
python-docx writes without it."""

import io
import zipfile
from unittest import mock

from docx import Document

from ecm.core import documents
from ecm.core.documents import Block, docx_a4, docx_blocks, docx_save, docx_table


def _write() -> bytes:
    document = docx_a4(header="A notebook · Steps 1 to 4")
    document.add_heading("Step 1", level=1)
    for n in range(30):
        document.add_heading(f"Entry {n}", level=3)
        docx_blocks(document, [Block(text=f"Finding {n}"), Block(bullets=("one", "two"))])
        document.add_paragraph("A note", style="List Bullet 2")
    docx_table(document, ("Who", "When"), [("HMI", "today")])
    return docx_save(document)


def _parts(body: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        # docProps carries the moment of writing; every other part must be the same.
        return {n: archive.read(n) for n in archive.namelist() if not n.startswith("docProps/")}


def test_remembered_style_ids_write_the_same_file_as_python_docx():
    """Issue 25 §3 (decision 0051): the same bytes, with or without the remembered lookups."""
    remembered = _write()
    with mock.patch.object(documents, "_style_ids_remembered", lambda document: None):
        as_is = _write()
    assert _parts(remembered) == _parts(as_is)


def test_paragraphs_keep_the_styles_they_were_given():
    document = Document(io.BytesIO(_write()))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("List Bullet") == 60
    assert styles.count("List Bullet 2") == 30
    assert styles.count("Heading 3") == 30
