"""Fixtures of the documents part's tests: the council's own link officer, another council's,
and small files of each kind (a real PDF and DOCX, and text bytes named .pdf)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecm.accounts.roles import Role
from ecm.jar.documents import services
from ecm.jar.documents.demo import docx_bytes
from ecm.jar.documents.tests.walk import _PDF


@pytest.fixture
def council_user(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


@pytest.fixture
def other_council_user(make_user, other_council):
    return make_user(Role.LINK_OFFICER, council=other_council)


@pytest.fixture
def requested(review, lead):
    services.documents_request(review=review, actor=lead)
    return {d.code: d for d in review.requested_documents.all()}


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _PDF, content_type="application/pdf")


def word(name: str = "plan.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes("A plan", "A council"))


def text_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.pdf", b"Just some text, not a PDF at all.\n")
