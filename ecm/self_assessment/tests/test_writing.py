"""Writing, citing, submitting and reopening the self-assessment (issue 4 §1-§3; 000 §10-§16)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory
from ecm.self_assessment import selectors, services
from ecm.self_assessment.forms import field_slug
from ecm.self_assessment.models import Answer, EvidenceDocument, VersionStatus
from ecm.self_assessment.tests.conftest import complete_every_part

pytestmark = pytest.mark.django_db


def _text_field(template, code="D"):
    return next(f for p, _, f in template.fields() if p.code.upper() == code and f.kind == "text")


def test_the_task_list_shows_each_part_not_started_in_progress_or_completed(
    client, link_officer, self_assessment, template, draft
):
    """Issue 4 §1: a GOV.UK task list of Parts A-G, each with its status."""
    field = _text_field(template, "C")
    services.answers_save(
        version=draft, actor=link_officer, values={field.urn: {"text": "Our needs analysis"}},
        lock_versions={field.urn: 0},
    )  # fmt: skip
    part_a = template.parts[0]
    a_values = {f.urn: {"text": "Ann Example, director"} for f in part_a.fields}
    services.answers_save(
        version=draft, actor=link_officer, values=a_values, lock_versions=dict.fromkeys(a_values, 0)
    )
    services.part_mark(version=draft, part_urn=part_a.urn, completed=True, actor=link_officer)
    statuses = {
        t.part.code.upper(): t.status
        for t in selectors.part_tasks(version=draft, template=template)
    }
    assert [p.code.upper() for p in template.parts] == list("ABCDEFG")
    assert statuses["A"] == selectors.COMPLETED
    assert statuses["C"] == selectors.IN_PROGRESS
    assert statuses["D"] == selectors.NOT_STARTED
    client.force_login(link_officer)
    page = client.get(
        reverse("self_assessment:overview", kwargs={"pk": draft.self_assessment.assessment.pk})
    )
    assert page.status_code == 200
    assert b"govuk-task-list" in page.content and b"In progress" in page.content


def test_save_and_come_back_later_keeps_the_words_and_leaves_the_part_in_progress(
    client, link_officer, self_assessment, template, draft
):
    """Issue 4 §1: "Save and come back later" on every page."""
    field = _text_field(template, "D")
    client.force_login(link_officer)
    url = reverse("self_assessment:part", kwargs={"pk": self_assessment.assessment.pk, "code": "d"})
    page = client.get(url)
    assert page.status_code == 200
    assert field.prompts[0].encode() in page.content.replace(b"&#x27;", b"'")  # 000 §10 prompts
    section = next(s for p, s, f in template.fields() if f.urn == field.urn)
    response = client.post(
        url, {field_slug(section, field): "- Strong health partnership", "later": "1"}
    )
    assert response.status_code == 302
    assert (
        Answer.objects.get(version=draft, field_urn=field.urn).text == "- Strong health partnership"
    )
    statuses = {
        t.part.code.upper(): t.status
        for t in selectors.part_tasks(version=draft, template=template)
    }
    assert statuses["D"] == selectors.IN_PROGRESS


def test_a_second_save_from_a_stale_page_is_refused_and_nothing_is_overwritten(
    link_officer, make_user, council, self_assessment, template, draft
):
    """Quality bar: two people editing the same part at once; the second save is refused."""
    director = make_user("director", council=council)
    field = _text_field(template, "E")
    services.answers_save(
        version=draft, actor=link_officer, values={field.urn: {"text": "First"}},
        lock_versions={field.urn: 0},
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.answers_save(
            version=draft, actor=director, values={field.urn: {"text": "Second"}},
            lock_versions={field.urn: 0},  # the page was shown before the first save
        )  # fmt: skip
    message = refused.value.message_dict[field.urn][0]
    assert "while you were working on it" in message and link_officer.get_full_name() in message
    assert Answer.objects.get(version=draft, field_urn=field.urn).text == "First"


def test_citing_an_indicator_keeps_its_figures_as_they_stood(
    link_officer, council, self_assessment, template, draft
):
    """Issue 4 §2: "the figures shown as they stood when cited"."""
    indicator = IndicatorFactory(title="Percentage of initial assessments within 7 days")
    comparison = Comparison.objects.create(
        indicator=indicator, council=council, period="2007", end_year=2007, value=61.0,
        england=70.0, vs_england="worse", trend="improving",
    )  # fmt: skip
    field = _text_field(template, "D")
    citation = services.citation_add(
        version=draft, field_urn=field.urn, actor=link_officer, kind="indicator",
        indicator=indicator,
    )  # fmt: skip
    comparison.value = 75.0
    comparison.save()
    citation.refresh_from_db()
    assert citation.figures["value"] == 61.0 and citation.figures["period"] == "2007"
    assert "61.0%" in citation.figures["sentence"]


def test_an_upload_is_checked_by_content_and_nothing_is_saved_when_it_is_refused(
    link_officer, self_assessment, settings
):
    """Issue 4 §2 and quality bar: wrong types disguised by extension, empty, oversized."""
    settings.UPLOAD_DOCUMENT_MAX_BYTES = 1000
    for upload in (
        SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 this is a program"),
        SimpleUploadedFile("plan.docx", b"PK\x03\x04 not really a zip"),
        SimpleUploadedFile("plan.pdf", b"%PDF-1.4 " + b"x" * 2000),
    ):
        with pytest.raises(ValidationError) as refused:
            services.document_upload(
                self_assessment=self_assessment, actor=link_officer, upload=upload,
                title="Plan", kind="cypp",
            )  # fmt: skip
        assert refused.value.message_dict["file"]
    assert not EvidenceDocument.objects.exists()


def test_submission_needs_every_part_and_the_declaration(link_officer, self_assessment, draft):
    """Issue 4 §3: a check-your-answers page and a declaration."""
    with pytest.raises(ValidationError) as refused:
        services.version_submit(version=draft, actor=link_officer, declaration_confirmed=False)
    messages = refused.value.messages
    assert any("Part A" in m and "not completed" in m for m in messages)
    assert services.NO_DECLARATION in messages
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_submitted_version_is_frozen_and_a_late_one_is_recorded_as_late(
    client, link_officer, self_assessment, template, draft
):
    """Issue 4 §3: submitted by the round's deadline (May); frozen; late recorded as late."""
    round_ = self_assessment.assessment.round
    round_.self_assessment_due = date.today() - timedelta(days=1)
    round_.save()
    complete_every_part(draft, link_officer, template)
    client.force_login(link_officer)
    check = reverse("self_assessment:check", kwargs={"pk": self_assessment.assessment.pk})
    page = client.get(check)
    assert b"recorded as late" in page.content
    assert client.post(check, {"confirm": "on"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.SUBMITTED and draft.submitted_late
    field = _text_field(template)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.answers_save(
            version=draft, actor=link_officer, values={field.urn: {"text": "x"}},
            lock_versions={field.urn: 0},
        )  # fmt: skip
    part = client.get(
        reverse("self_assessment:part", kwargs={"pk": self_assessment.assessment.pk, "code": "d"})
    )
    # Issue 20 §3: the part's page, opened again, says when it was submitted and by whom.
    assert part.status_code == 200
    assert b"This self-assessment can no longer be changed" in part.content
    assert b"was submitted on" in part.content
    entry = AuditEntry.objects.filter(verb="self_assessment.submitted").get()
    assert entry.after["late"] is True


def test_an_inspector_reopens_with_a_reason_and_the_council_continues_in_a_new_version(
    hmi, link_officer, self_assessment, template, draft
):
    """Issue 4 §3: reopen with a reason (audited); the council resubmits a new version."""
    field = _text_field(template)
    services.answers_save(
        version=draft, actor=link_officer, values={field.urn: {"text": "Version one"}},
        lock_versions={field.urn: 0},
    )  # fmt: skip
    complete_every_part(draft, link_officer, template)
    services.version_submit(version=draft, actor=link_officer, declaration_confirmed=True)
    with pytest.raises(ValidationError):
        services.version_reopen(self_assessment=self_assessment, actor=hmi, reason=" ")
    second = services.version_reopen(
        self_assessment=self_assessment, actor=hmi, reason="Part E does not cover resources"
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.REOPENED
    assert second.number == 2 and second.status == VersionStatus.DRAFT
    assert Answer.objects.get(version=second, field_urn=field.urn).text == "Version one"
    assert Answer.objects.get(version=draft, field_urn=field.urn).text == "Version one"
    assert AuditEntry.objects.get(verb="self_assessment.reopened").reason == (
        "Part E does not cover resources"
    )
