"""Every part's page, partner contributions and document search (issue 4 §1-§3; 000 §16)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from ecm.self_assessment import selectors
from ecm.self_assessment.forms import field_slug
from ecm.self_assessment.models import Answer, EvidenceDocument, PartnerContribution

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", list("abcdefg"))
def test_each_part_page_shows_its_prompts_saves_and_marks_itself_completed(
    client, link_officer, self_assessment, template, draft, code
):
    """Issue 4 §1: Parts A-G, the prompt questions as hints, each part's status."""
    part = next(p for p in template.parts if p.code == code)
    url = reverse(
        "self_assessment:part", kwargs={"pk": self_assessment.assessment.pk, "code": code}
    )
    client.force_login(link_officer)
    page = client.get(url)
    assert page.status_code == 200
    assert f"Part {code.upper()}: {part.title}" in page.content.decode().replace("&#x27;", "'")
    data = {"completed": "yes"}
    for section in part.sections:
        for field in section.fields:
            slug = field_slug(section, field)
            if field.kind == "grades":
                data.update({f"{slug}__{g.key}": "3" for g in field.grades})
            else:
                data[slug] = f"Answer for {field.label}"
    assert client.post(url, data).status_code == 302
    statuses = {
        t.part.code: t.status for t in selectors.part_tasks(version=draft, template=template)
    }
    assert statuses[code] == selectors.COMPLETED
    assert Answer.objects.filter(version=draft).count() == sum(len(s.fields) for s in part.sections)


def test_a_partners_contribution_is_kept_with_its_organisation(
    client, link_officer, self_assessment, template, draft
):
    """000 §16: partner contributions, each marked with the partner organisation."""
    _part, section, field = next((p, s, f) for p, s, f in template.fields() if p.code == "g")
    url = reverse(
        "self_assessment:contribute",
        kwargs={
            "pk": self_assessment.assessment.pk,
            "code": "g",
            "field_key": field_slug(section, field),
        },
    )
    client.force_login(link_officer)
    refused = client.post(url, {"organisation": "", "text": ""})
    assert "Enter the name of the partner organisation" in refused.content.decode()
    assert (
        client.post(url, {"organisation": "County PCT", "text": "Joint commissioning"}).status_code
        == 302
    )
    contribution = PartnerContribution.objects.get()
    assert (contribution.organisation, contribution.answer.field_urn) == ("County PCT", field.urn)
    page = client.get(
        reverse("self_assessment:part", kwargs={"pk": self_assessment.assessment.pk, "code": "g"})
    )
    assert "Contribution from County PCT" in page.content.decode()


def test_uploaded_documents_can_be_searched_by_their_text(client, link_officer, self_assessment):
    """Issue 4 §2: uploads' "text extracted so it can be searched"."""
    document = Document()
    document.add_paragraph("Our plan reduces teenage conceptions through school nurses.")
    buffer = io.BytesIO()
    document.save(buffer)
    url = reverse("self_assessment:documents", kwargs={"pk": self_assessment.assessment.pk})
    client.force_login(link_officer)
    response = client.post(
        url,
        {
            "document_title": "Children and Young People's Plan",
            "kind": "cypp",
            "file": SimpleUploadedFile("plan.pdf", buffer.getvalue()),  # a DOCX, whatever its name
        },
    )
    assert response.status_code == 302
    assert EvidenceDocument.objects.get().content_kind == "docx"
    found = client.get(url, {"q": "school nurses"}).content.decode()
    assert "1 document mention" in found and "teenage conceptions through school nurses" in found
    assert "0 documents mention" in client.get(url, {"q": "youth offending"}).content.decode()
    # Issue 21 §7: a NUL byte is refused beside the box, never a 500.
    refused = client.get(url, {"q": "nurses\x00"})
    assert refused.status_code == 400 and "control character" in refused.content.decode()
