"""The documents part's pages (issue 9 §3; 001 "Documents Evidence"): the checklist seen by
both sides, the upload with its GOV.UK error summary, "not held locally", the download, the
lead's extra request and acceptance, and another council's 404."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ecm.core.uploads.refusals import DOCUMENT_WRONG_TYPE
from ecm.jar.documents.models import DocumentUpload
from ecm.jar.documents.selectors import review_panel
from ecm.jar.documents.tests.conftest import pdf, text_named_pdf

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def _url(name, document=None, **kwargs):
    if document is not None:
        kwargs = {"pk": document.review_id, "document_pk": document.pk, **kwargs}
    return reverse(f"jar:{name}", kwargs=kwargs)


def test_the_checklist_is_a_task_list_both_sides_see(client, review, council_user, lead):
    """001 "Documents Evidence" as a checklist; opening it requests the documents."""
    page = _as(client, council_user).get(_url("documents", pk=review.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        "govuk-task-list" in text
        and "Children and Young People\N{RIGHT SINGLE QUOTATION MARK}s Plan" in text
    )
    assert "0 of 25 documents received; 25 missing." in text
    assert review.requested_documents.count() == 25 + 3  # with the youth service's three
    page = _as(client, lead).get(_url("documents", pk=review.pk))
    assert "0 of 25 documents received; 25 missing." in page.content.decode()
    assert "Ask the council for another document" in page.content.decode()


def test_another_councils_user_gets_404(client, requested, other_council_user):
    """A council sees only its own review (DOMAIN.md §1); a refusal is 404."""
    cypp = requested["cypp"]
    for url in (
        _url("documents", pk=cypp.review_id),
        _url("document", cypp),
        _url("document-upload", cypp),
        _url("document-not-held", cypp),
    ):
        assert _as(client, other_council_user).get(url).status_code == 404


def test_an_inspector_cannot_open_the_upload_page(client, requested, lead):
    assert _as(client, lead).get(_url("document-upload", requested["cypp"])).status_code == 404


def test_a_bad_upload_shows_the_error_summary_and_stores_nothing(client, requested, council_user):
    """Issue 4 §2: uploads "checked by content": a .pdf name with text bytes is refused."""
    response = _as(client, council_user).post(
        _url("document-upload", requested["cypp"]), {"file": text_named_pdf()}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text and DOCUMENT_WRONG_TYPE in text
    assert not DocumentUpload.objects.exists()


def test_the_council_uploads_and_both_sides_see_it_received(client, requested, council_user, lead):
    cypp = requested["cypp"]
    response = _as(client, council_user).post(
        _url("document-upload", cypp), {"file": pdf("cypp.pdf"), "note": "2006-09 plan"}
    )
    assert response.status_code == 302 and response["Location"] == _url(
        "documents", pk=cypp.review_id
    )
    for user in (council_user, lead):
        text = _as(client, user).get(_url("documents", pk=cypp.review_id)).content.decode()
        assert "1 of 25 documents received; 24 missing." in text
        detail = _as(client, user).get(_url("document", cypp)).content.decode()
        assert "cypp.pdf" in detail and "2006-09 plan" in detail
    upload = DocumentUpload.objects.get()
    download = _as(client, lead).get(
        reverse("jar:document-download", kwargs={"pk": cypp.review_id, "file_pk": upload.pk})
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="cypp.pdf"')
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_not_held_locally_is_shown_to_the_inspectors(client, requested, council_user, lead):
    document = requested["common_assessment"]
    response = _as(client, council_user).post(_url("document-not-held", document), {})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()
    response = client.post(_url("document-not-held", document), {"reason": "Not agreed yet"})
    assert response.status_code == 302
    text = _as(client, lead).get(_url("documents", pk=document.review_id)).content.decode()
    assert "Not held locally" in text and "1 not held locally" in text
    detail = client.get(_url("document", document)).content.decode()
    assert (
        "Not agreed yet" in detail
        and "Accept the council\N{RIGHT SINGLE QUOTATION MARK}s reason" in detail
    )
    assert client.post(_url("document-accept", document)).status_code == 302
    document.refresh_from_db()
    assert document.accepted_by == lead


def test_the_lead_adds_a_document_the_council_then_sees(client, review, lead, council_user):
    response = _as(client, lead).post(_url("document-add", pk=review.pk), {"name": "Youth plan"})
    assert response.status_code == 302
    text = _as(client, council_user).get(_url("documents", pk=review.pk)).content.decode()
    assert "Youth plan" in text and "Added by the lead inspector." in text
    assert client.get(_url("document-add", pk=review.pk)).status_code == 404


def test_the_review_page_panel(client, review, council_user):
    """Issue 9 §3 on the review's page: "Documents requested", N of M received, K missing."""

    html = render_to_string(
        "jar/documents/_on_review.html",
        {"review": review, "panel": review_panel(review=review, user=council_user)},
    )
    assert "Documents requested" in html and "0 of 25 documents received; 25 missing." in html
    assert _url("documents", pk=review.pk) in html
