"""The documents part's services (issue 9 §3; 001 "Documents Evidence"): the checklist
requested once, uploads by the council only and checked by content and size, "not held
locally" with a reason, what is missing, the lead's extras and acceptance, and the audit."""

import pytest
from django.core.exceptions import ValidationError

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.core.uploads.refusals import DOCUMENT_TOO_BIG, DOCUMENT_WRONG_TYPE
from ecm.jar.documents import selectors, services
from ecm.jar.documents import services as document_services
from ecm.jar.documents.checklist import checklist_current, checklist_youth
from ecm.jar.documents.models import DocumentStatus, DocumentUpload
from ecm.jar.documents.tests.conftest import pdf, text_named_pdf, word
from ecm.jar.services.common import NOT_THE_COUNCIL, NOT_THE_TEAM

pytestmark = pytest.mark.django_db


def _verbs(review) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_id=str(review.pk), verb__startswith="jar.document")
        .order_by("at", "pk")
        .values_list("verb", flat=True)
    )


def test_the_checklist_is_requested_once_from_the_data_file(review, lead):
    """001 "Documents Evidence": the CYPP and the named documents, requested once."""
    made = services.documents_request(review=review, actor=lead)
    youth = [d.code for d in checklist_youth().documents]
    assert [d.code for d in made] == [d.code for d in checklist_current().documents] + youth
    assert services.documents_request(review=review, actor=lead) == []
    assert review.requested_documents.count() == 25 + 3
    assert _verbs(review) == ["jar.documents_requested", "jar.documents_requested"]


def test_the_council_uploads_a_document_kept_with_its_checksum_and_pages(requested, council_user):
    """001 "Documents Evidence": the inspectors "require copies"; the council supplies them."""
    stored = services.document_upload(
        document=requested["cypp"], actor=council_user, upload=pdf(), note="Latest version"
    )
    assert stored.content_kind == "pdf" and stored.pages == 1 and len(stored.sha256) == 64
    assert stored.uploaded_by == council_user and stored.size > 0
    assert stored.file.read().startswith(b"%PDF-")
    entry = AuditEntry.objects.get(verb="jar.document_uploaded")
    assert entry.after["code"] == "cypp" and entry.after["sha256"] == stored.sha256


def test_a_director_may_upload_a_word_document(requested, director):
    stored = services.document_upload(document=requested["mappa"], actor=director, upload=word())
    assert stored.content_kind == "docx"


def test_an_upload_is_refused_by_its_content_not_its_name(requested, council_user):
    """Issue 4 §2 (every council upload): "checked by content": text named .pdf is refused,
    with GOV.UK's message, and nothing is stored."""
    with pytest.raises(ValidationError) as refused:
        services.document_upload(
            document=requested["cypp"], actor=council_user, upload=text_named_pdf()
        )
    assert refused.value.message_dict == {"file": [DOCUMENT_WRONG_TYPE]}
    assert not DocumentUpload.objects.exists()
    assert "jar.document_uploaded" not in _verbs(requested["cypp"].review)


def test_an_upload_is_refused_by_its_size(requested, council_user, settings):
    """Issue 4 §2: "checked by content and size", with the limit every council upload has."""
    settings.UPLOAD_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        services.document_upload(document=requested["cypp"], actor=council_user, upload=pdf())
    assert refused.value.message_dict == {"file": [DOCUMENT_TOO_BIG.format(limit="100 bytes")]}
    assert not DocumentUpload.objects.exists()


@pytest.mark.parametrize("who", ["lead", "administrator", "other_council_user", "hmi"])
def test_only_the_councils_own_people_upload(requested, who, request):
    """001 "Documents Evidence": the council supplies its documents; inspectors and another
    council's people do not."""
    actor = request.getfixturevalue(who)
    with pytest.raises(ValidationError) as refused:
        services.document_upload(document=requested["cypp"], actor=actor, upload=pdf())
    assert refused.value.messages == [NOT_THE_COUNCIL]
    with pytest.raises(ValidationError):
        services.document_not_held(document=requested["cypp"], actor=actor, reason="None")


def test_not_held_locally_needs_a_reason_and_stops_counting_as_missing(requested, council_user):
    """001 "Documents Evidence" (e.g. common assessment procedures "if available"): the
    council may say a document is not held locally, with a reason shown to the inspectors."""
    document = requested["common_assessment"]
    with pytest.raises(ValidationError) as refused:
        services.document_not_held(document=document, actor=council_user, reason="  ")
    assert refused.value.message_dict == {"reason": [services.NO_REASON_NOT_HELD]}
    services.document_not_held(document=document, actor=council_user, reason="Not yet agreed")
    review = document.review
    assert document not in selectors.documents_missing(review=review)
    rows = {r.document.code: r for r in selectors.document_rows(review=review)}
    assert rows["common_assessment"].status == DocumentStatus.NOT_HELD
    assert AuditEntry.objects.get(verb="jar.document_not_held").reason == "Not yet agreed"


def test_an_uploaded_document_cannot_be_said_not_held(requested, council_user):
    services.document_upload(document=requested["cypp"], actor=council_user, upload=pdf())
    with pytest.raises(ValidationError) as refused:
        services.document_not_held(document=requested["cypp"], actor=council_user, reason="x")
    assert refused.value.message_dict == {"reason": [services.ALREADY_RECEIVED]}


def test_an_upload_withdraws_a_not_held_answer(requested, council_user):
    document = requested["mappa"]
    services.document_not_held(document=document, actor=council_user, reason="Held by police")
    services.document_upload(document=document, actor=council_user, upload=pdf())
    document.refresh_from_db()
    assert document.not_held_reason == ""
    entry = AuditEntry.objects.get(verb="jar.document_uploaded")
    assert entry.before["not_held"] == "Held by police"


def test_what_is_missing_is_the_same_for_both_sides(requested, council_user, lead):
    """Issue 9 §3: "what is missing visible to both sides": not uploaded and not said to be
    not held locally; the tally the review page shows counts the same."""
    review = requested["cypp"].review
    services.document_upload(document=requested["cypp"], actor=council_user, upload=pdf())
    services.document_not_held(document=requested["mappa"], actor=council_user, reason="None")
    missing = {d.code for d in selectors.documents_missing(review=review)}
    assert missing == set(requested) - {"cypp", "mappa"}
    for user in (council_user, lead):
        panel = selectors.review_panel(review=review, user=user)
        assert panel["tally"] == selectors.Tally(total=25, received=1, not_held=1, missing=23)


def test_the_panel_is_hidden_from_those_who_may_not_read(review, other_council_user):
    assert selectors.review_panel(review=review, user=other_council_user) == {}


def test_the_panel_before_the_checklist_is_opened_counts_the_whole_list(review, council_user):
    panel = selectors.review_panel(review=review, user=council_user)
    assert panel["tally"] == selectors.Tally(total=25, received=0, not_held=0, missing=25)


def test_the_lead_asks_for_another_document(review, lead, council_user):
    """001 "Documents Evidence": "over 30 documents including" those named: the lead
    inspector adds what the review needs; the council cannot."""
    with pytest.raises(ValidationError) as refused:
        services.document_request_extra(review=review, actor=council_user, title="Youth plan")
    assert refused.value.messages == [NOT_THE_TEAM]
    extra = services.document_request_extra(review=review, actor=lead, title=" Youth  plan ")
    assert extra.title == "Youth plan" and extra.extra and extra.code == "extra_1"
    assert extra.position == 29  # after the lists (25 and the youth service's 3), requested first
    with pytest.raises(ValidationError) as refused:
        services.document_request_extra(review=review, actor=lead, title="youth plan")
    assert refused.value.message_dict == {"name": [services.ALREADY_LISTED]}
    with pytest.raises(ValidationError) as refused:
        services.document_request_extra(review=review, actor=lead, title="")
    assert refused.value.message_dict == {"name": [services.NO_TITLE]}
    assert "jar.document_requested" in _verbs(review)


def test_the_lead_accepts_what_came_and_a_new_file_is_looked_at_afresh(
    requested, council_user, lead, make_user
):
    document = requested["cypp"]
    with pytest.raises(ValidationError) as refused:
        services.document_accept(document=document, actor=lead)
    assert refused.value.messages == [services.NOTHING_TO_ACCEPT]
    services.document_upload(document=document, actor=council_user, upload=pdf())
    with pytest.raises(ValidationError):
        services.document_accept(document=document, actor=make_user(Role.HMI))
    services.document_accept(document=document, actor=lead)
    assert document.accepted_by == lead
    with pytest.raises(ValidationError) as refused:
        services.document_accept(document=document, actor=lead)
    assert refused.value.messages == [services.ALREADY_ACCEPTED]
    services.document_upload(document=document, actor=council_user, upload=word())
    document.refresh_from_db()
    assert document.accepted_at is None
    assert "jar.document_accepted" in _verbs(document.review)


def test_a_changed_not_held_reason_must_be_accepted_again_001(requested, council_user, lead):
    """001 "Documents Evidence": the inspectors accept the council's reason; a new reason is
    not covered by their acceptance of the old one."""
    document = next(iter(requested.values()))
    document_services.document_not_held(
        document=document, actor=council_user, reason="Not produced locally"
    )
    document_services.document_accept(document=document, actor=lead)
    document.refresh_from_db()
    assert document.accepted_at is not None
    document_services.document_not_held(
        document=document, actor=council_user, reason="Held by the PCT"
    )
    document.refresh_from_db()
    assert document.accepted_at is None and document.accepted_by is None
