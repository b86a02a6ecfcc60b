"""A self-assessment shared with another inspection (issue 23 §2; 000 §7: "the
self-assessments will be made available to all inspection teams and may be cross-referenced")."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecm.audit.models import AuditEntry
from ecm.self_assessment import services
from ecm.self_assessment.models import Sharing

pytestmark = pytest.mark.django_db


def _url(self_assessment, name="share"):
    return reverse(f"self_assessment:{name}", kwargs={"pk": self_assessment.assessment.pk})


def test_000_s7_a_council_officer_records_with_whom_which_version_and_when(
    client, link_officer, hmi, self_assessment, draft
):
    """000 §7: made available to "corporate assessment or the inspection of the youth offending
    team": a council officer records it on the site; it is audited and shown on the
    self-assessment, to the council and to its inspectors."""
    client.force_login(link_officer)
    form = client.get(_url(self_assessment)).content.decode()
    assert "Corporate assessment" in form and "Inspection of the youth offending team" in form
    assert "the self-assessment guidance, section 7" in form and "000 §" not in form
    response = client.post(
        _url(self_assessment),
        {
            "inspection": "yot", "version": "1", "shared_on_0": "14", "shared_on_1": "6",
            "shared_on_2": "2007", "note": "Its section on reducing offending cites ours",
        },
    )  # fmt: skip
    assert response.status_code == 302
    sharing = Sharing.objects.get()
    assert (sharing.inspection, sharing.version) == ("yot", draft)
    assert sharing.recorded_by == link_officer
    assert sharing.shared_on.isoformat() == "2007-06-14"
    entry = AuditEntry.objects.get(verb="self_assessment.shared")
    assert entry.actor == link_officer and "youth offending team" in entry.reason
    for user in (link_officer, hmi):
        client.force_login(user)
        page = client.get(_url(self_assessment, "overview")).content.decode()
        assert "Shared with other inspections" in page
        assert "Inspection of the youth offending team" in page and "14 June 2007" in page
        assert "Its section on reducing offending cites ours" in page


def test_000_s7_another_inspection_must_be_named_and_the_date_not_in_the_future(
    link_officer, self_assessment, draft
):
    """A record says with whom and when: another inspection by its name; a day not yet come
    cannot be when it was made available."""
    with pytest.raises(ValidationError) as refused:
        services.sharing_record(
            self_assessment=self_assessment, actor=link_officer, version=draft,
            inspection="other", inspection_name=" ",
            shared_on=timezone.localdate() + timedelta(days=1),
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"inspection_name", "shared_on"}
    assert not Sharing.objects.exists()
    sharing = services.sharing_record(
        self_assessment=self_assessment, actor=link_officer, version=draft,
        inspection="other", inspection_name="Inspection of the children's centres",
        shared_on=timezone.localdate(),
    )  # fmt: skip
    assert str(sharing).startswith("Made available to the Inspection of the children's centres")


def test_000_s7_only_the_council_records_a_sharing(client, hmi, self_assessment):
    """The council's own officers record it; an inspector reads it (404 on the form)."""
    client.force_login(hmi)
    assert client.get(_url(self_assessment)).status_code == 404
