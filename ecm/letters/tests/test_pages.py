"""The letter's pages (issue 7 §1-3): who sees what, assembling, editing with the lock,
comparing renditions, the documents, and a fixed number of queries for the letter page."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from ecm.accounts.roles import Role
from ecm.core.grade_numbers import states_a_grade
from ecm.letters.citations import handbook_words
from ecm.letters.models import Letter, Rendition
from ecm.letters.services import letter_section_save
from ecm.letters.services.warnings import RULE_LAC_LDD, RULE_SECTION_LENGTH
from ecm.letters.template import template_by_urn

pytestmark = pytest.mark.django_db


def _url(name, assessment, **kwargs):
    return reverse(f"letters:{name}", kwargs={"pk": assessment.pk, **kwargs})


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def _page_urls(assessment):
    return [
        _url("letter", assessment),
        _url("section", assessment, code="staying_safe"),
        _url("compare", assessment),
        _url("preview", assessment),
        _url("document", assessment, fmt="docx"),
    ]


def _edit(letter, user, code="staying_safe", text="Looked after children are safe."):
    return letter_section_save(
        actor=user,
        letter=letter,
        code=code,
        text=text,
        reason="Redrafted",
        expected_lock_version=Letter.objects.get(pk=letter.pk).lock_version,
    )


# ------------------------------------------------------------------------------ Who sees what


def test_council_users_get_404_on_every_letter_page_before_factual_accuracy_002_i(
    client, assembled, link_officer, make_user, council
):
    """002 §I stage 2: the council sees the draft only when it is sent for factual accuracy;
    until then no page of the letter exists for it, the director's included."""
    director = make_user(Role.DIRECTOR, council=council)
    for user in (link_officer, director):
        for url in _page_urls(assembled.assessment):
            assert _get(client, user, url).status_code == 404, url


def test_an_unassigned_hmi_gets_404_and_readers_across_councils_read_only_002_a(
    client, assembled, make_user
):
    """002 §A: the HMI and the BRM co-own the APA; an HMI of another assessment sees nothing;
    those who read across councils (moderators) read the letter and its documents but cannot
    edit it."""
    assessment = assembled.assessment
    stranger, moderator = make_user(Role.HMI), make_user(Role.MODERATOR)
    for url in _page_urls(assessment):
        assert _get(client, stranger, url).status_code == 404, url
    response = _get(client, moderator, _url("letter", assessment))
    assert response.status_code == 200
    assert _url("section", assessment, code="staying_safe") not in response.content.decode()
    assert _get(client, moderator, _url("preview", assessment)).status_code == 200
    assert (
        _get(client, moderator, _url("section", assessment, code="staying_safe")).status_code == 404
    )


def test_unknown_section_and_unknown_format_are_404(client, assembled, hmi):
    assessment = assembled.assessment
    assert _get(client, hmi, _url("section", assessment, code="nonsense")).status_code == 404
    assert _get(client, hmi, _url("document", assessment, fmt="odt")).status_code == 404
    assert _get(client, hmi, _url("preview", assessment) + "?rendition=9").status_code == 404


# --------------------------------------------------------------------------------- Assembling


def test_before_assembly_the_lead_is_offered_the_button_002_i_stage_1(client, assessment, hmi, brm):
    """002 §I stage 1: "The person with lead responsibility should bring the two contributions
    together": the Lead sees the button, the partner is told the Lead assembles it."""
    page = _get(client, hmi, _url("letter", assessment)).content.decode()
    assert "has not been assembled yet" in page
    assert "Assemble the draft from the notebook" in page
    page = _get(client, brm, _url("letter", assessment)).content.decode()
    assert "Only the Lead inspector can assemble it" in page
    assert _url("assemble", assessment) not in page


def test_the_lead_assembles_by_post_002_i_stage_1(client, assessment, write_notebook, hmi):
    write_notebook(assessment)
    client.force_login(hmi)
    assert client.get(_url("assemble", assessment)).status_code == 405
    response = client.post(_url("assemble", assessment))
    assert response.status_code == 302
    letter = Letter.objects.get(assessment=assessment)
    assert list(letter.renditions.values_list("number", flat=True)) == [1]
    page = client.get(response["Location"]).content.decode()
    assert "rendition 1" in page and "Staying safe" in page


def test_a_refused_assembly_shows_the_services_message_in_the_error_summary_002_f_step_4(
    client, assessment, hmi, brm
):
    """002 §F step 4: no letter before Step 4 is graded; the partner is not the Lead."""
    client.force_login(hmi)
    response = client.post(_url("assemble", assessment))
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Step 4 of the evidence notebook has no grade for" in page
    client.force_login(brm)
    page = client.post(_url("assemble", assessment)).content.decode()
    assert "Only the Lead inspector assembles the letter" in page
    assert not Letter.objects.exists()


# ------------------------------------------------------------------------- The letter's page


def test_the_letter_page_shows_sections_guides_warnings_and_renditions_002_i_template(
    client, assembled, hmi
):
    """002 §I template 1 and 3: the sections in the template's order with their length guide,
    the warnings beside their section citing the rule, an Edit link for the inspectors, the
    renditions, and the documents."""
    assessment = assembled.assessment
    _edit(assembled, hmi, code="being_healthy", text="Immunisation rates are high.")
    page = _get(client, hmi, _url("letter", assessment)).content.decode()
    template = template_by_urn(assembled.template_urn)
    positions = [page.index(f'id="section-{code}"') for code in template.codes]
    assert positions == sorted(positions)
    assert "guide 60 to 250 words" in page
    assert "Being healthy has 4 words, fewer than its guide" in page
    # As users read them: the handbook's section, never the project's citation (issue 23 §3).
    assert handbook_words(RULE_SECTION_LENGTH) in page and handbook_words(RULE_LAC_LDD) in page
    assert "does not speak of looked after children" in page
    assert _url("section", assessment, code="being_healthy") in page
    assert "Redrafted" in page and "Assembled from the evidence notebook" in page
    assert _url("preview", assessment) in page
    assert _url("document", assessment, fmt="pdf") in page
    assert 'name="older"' in page and 'name="newer"' in page


def test_the_letter_page_runs_a_fixed_number_of_queries_whatever_the_renditions(
    client, assembled, hmi
):
    client.force_login(hmi)
    url = _url("letter", assembled.assessment)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(4):
        _edit(assembled, hmi, text=f"Looked after children are safe, draft {n}.")
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    assert len(five) == len(one)


# ---------------------------------------------------------------------------------- Editing


def test_editing_a_section_saves_the_next_rendition_with_its_reason(client, assembled, hmi, brm):
    """Issue 7 §1: each section is "edited by the two inspectors"; every save is kept."""
    assessment = assembled.assessment
    client.force_login(brm)
    url = _url("section", assessment, code="staying_safe")
    page = client.get(url).content.decode()
    assert "A clear focus on child protection" in page  # the section's topics
    assert "looked after children and for children and young people" in page
    assert "300 to 650 words" in page
    response = client.post(
        url, {"text": "Child protection is secure.", "reason": "Shorter", "lock_version": 1}
    )
    assert response.status_code == 302
    latest = Rendition.objects.filter(letter=assembled).order_by("-number").first()
    assert (latest.number, latest.reason, latest.made_by) == (2, "Shorter", brm)
    assert latest.content["sections"]["staying_safe"] == "Child protection is secure."


def test_a_stale_page_gets_the_services_message_and_saves_nothing(client, assembled, hmi, brm):
    """Optimistic lock: the partner's save made first is never overwritten."""
    _edit(assembled, hmi)
    client.force_login(brm)
    response = client.post(
        _url("section", assembled.assessment, code="staying_safe"),
        {"text": "Mine.", "reason": "Mine", "lock_version": 1},
    )
    assert response.status_code == 400
    assert " changed the letter at " in response.content.decode()
    assert Rendition.objects.filter(letter=assembled).count() == 2


def test_a_grade_as_a_number_is_refused_on_the_field_002_a(client, assembled, hmi):
    """002 §A: the draft gives judgements in words, never as grades."""
    client.force_login(hmi)
    response = client.post(
        _url("section", assembled.assessment, code="staying_safe"),
        {"text": "Staying safe is grade 3.", "reason": "x", "lock_version": 1},
    )
    assert response.status_code == 400
    assert "never as grades" in response.content.decode()


# -------------------------------------------------------------------------------- Comparing


def test_two_renditions_compare_side_by_side_with_words_marked_issue_7_2(client, assembled, hmi):
    """Issue 7 §2: "any two can be compared side by side"."""
    _edit(assembled, hmi, text="Looked after children are safe and stably placed.")
    client.force_login(hmi)
    page = client.get(_url("compare", assembled.assessment) + "?older=1&newer=2").content.decode()
    assert "Rendition 1 compared with rendition 2" in page
    assert "<ins>" in page and "<del>" in page
    assert "1 section changed" in page
    default = client.get(_url("compare", assembled.assessment)).content.decode()
    assert "Rendition 1 compared with rendition 2" in default
    missing = client.get(_url("compare", assembled.assessment) + "?older=1&newer=7")
    assert missing.status_code == 404


# -------------------------------------------------------------------------------- Documents


def _headings(assembled):
    template = template_by_urn(assembled.template_urn)
    return [s.heading for s in template.sections if s.heading]


def test_preview_pdf_and_docx_open_with_the_headings_and_no_grade_issue_7_3(client, assembled, hmi):
    """Issue 7 §3 and 002 §A: the same letter in three formats, in words only before the
    final letter."""
    client.force_login(hmi)
    assessment = assembled.assessment
    preview = client.get(_url("preview", assessment))
    html = preview.content.decode()
    docx = client.get(_url("document", assessment, fmt="docx"))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    for heading in _headings(assembled):
        assert heading in html
        assert heading in text
    for body in (html, text):
        assert not states_a_grade(body)
        assert "Grades" not in body
    pdf = client.get(_url("document", assessment, fmt="pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="apa-letter-' in pdf["Content-Disposition"]


def test_any_kept_rendition_can_be_output_issue_7_2(client, assembled, hmi):
    _edit(assembled, hmi, text="Looked after children are safe, second version.")
    client.force_login(hmi)
    first = client.get(_url("preview", assembled.assessment) + "?rendition=1").content.decode()
    latest = client.get(_url("preview", assembled.assessment)).content.decode()
    assert "rendition 1" in first and "second version" not in first
    assert "rendition 2" in latest and "second version" in latest


def test_the_assessment_page_links_to_the_letter_for_its_readers_only(
    client, assessment, hmi, link_officer
):
    """The letter is reached from the assessment by those who may read it (letters.read);
    the council's users are not shown the link."""
    detail = reverse("apa:assessment-detail", kwargs={"pk": assessment.pk})
    assert _url("letter", assessment) in _get(client, hmi, detail).content.decode()
    assert _url("letter", assessment) not in _get(client, link_officer, detail).content.decode()
