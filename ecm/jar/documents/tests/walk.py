"""The permission walk's entries for the JAR's documents pages (tests/test_permission_walk.py)
and the council's pages for the grade-leakage walk (tests/grade_leakage_support.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from ecm.jar.documents.models import DocumentUpload
from ecm.jar.documents.services import documents_request

# Personas of tests/test_permission_walk.py: "hmi" leads council A's review; "admin", "reader"
# and "moderator" work across councils; "lo_own" and "dcs_own" are council A's own people.
_READERS = ("admin", "reader", "moderator", "hmi", "lo_own", "dcs_own")
_COUNCIL = ("lo_own", "dcs_own")
_LEAD = ("admin", "hmi")
POST_ONLY = "post-only"

# URL name -> who may open it, in tests/test_permission_walk.py's terms (001 "Documents
# Evidence": the checklist is read by those who read the review; the council supplies; the
# lead inspector or the programme administrator asks for more and accepts).
ACCESS: dict = {
    "jar:documents": {p: 200 for p in _READERS},
    "jar:document": {p: 200 for p in _READERS},
    "jar:document-download": {p: 200 for p in _READERS},
    "jar:document-upload": {p: 200 for p in _COUNCIL},
    "jar:document-not-held": {p: 200 for p in _COUNCIL},
    "jar:document-add": {p: 200 for p in _LEAD},
    "jar:document-accept": POST_ONLY,
}


def _requested_with_a_file(review):
    """The review's checklist, with a small PDF uploaded against its first document."""
    documents_request(review=review, actor=None)
    first = review.requested_documents.order_by("position").first()
    upload = DocumentUpload.objects.filter(document=first).first()
    if upload is None:
        upload = DocumentUpload.objects.create(
            document=first,
            file=SimpleUploadedFile("cypp.pdf", _PDF),
            file_name="cypp.pdf",
            content_kind="pdf",
            size=len(_PDF),
            sha256="0" * 64,
            pages=1,
        )
    return first, upload


def world(reviews, users) -> dict:
    """URL kwargs for the walk: {url name or prefix: {kwarg: (own council's, other's)}}.
    reviews[0] is council A's review (users["hmi"] leads it), reviews[1] council B's."""
    made = [_requested_with_a_file(r) for r in reviews]
    pks = (reviews[0].pk, reviews[1].pk)
    return {
        "jar:document-download": {"pk": pks, "file_pk": (made[0][1].pk, made[1][1].pk)},
        "jar:document": {"pk": pks, "document_pk": (made[0][0].pk, made[1][0].pk)},
    }


def council_pages(review) -> dict[str, list[dict]]:
    """The council's pages of this part for the grade-leakage walk: {url name: [kwargs]}."""
    document, upload = _requested_with_a_file(review)
    one = {"pk": review.pk, "document_pk": document.pk}
    return {
        "jar:documents": [{"pk": review.pk}],
        "jar:document": [one],
        "jar:document-upload": [one],
        "jar:document-not-held": [one],
        "jar:document-download": [{"pk": review.pk, "file_pk": upload.pk}],
    }


def _minimal_pdf() -> bytes:
    """A one-page PDF with a line of text, built by hand (no generator needed)."""
    stream = b"BT /F1 12 Tf 72 720 Td (Children and Young People's Plan) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_PDF = _minimal_pdf()
