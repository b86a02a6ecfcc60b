"""What a council receives of its letter is right (issue 20): the check before the draft goes
and before the final letter is made or published (§1), the final letter built from the final
template (002 §J "The final letter"), the way back from the final letter (§2), the council's
published letter in three forms (§5), and the letter's words read as the council reads them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.letters.models import Letter
from ecm.letters.selectors import council_comments_of, sections_sent
from ecm.letters.services.checks import draft_only_sentences, final_sections, letter_problems
from ecm.letters.services.editing import letter_section_save
from ecm.letters.services.factual_accuracy import council_comment_add, paragraphs_of
from ecm.letters.services.final import round_social_care_validate
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.template import template_by_urn
from ecm.letters.tests.fixtures import key_point_of, strength_of
from ecm.letters.workflow import STAGES, LetterStage

pytestmark = pytest.mark.django_db

S = LetterStage
DRAFT_ONLY = ("This letter is a draft", "At this stage in the process", "will carry the grades")


def _save(letter, actor, code: str, text: str) -> Letter:
    return letter_section_save(
        actor=actor,
        letter=letter,
        code=code,
        text=text,
        reason="Redrafted",
        expected_lock_version=letter.lock_version,
    )


def test_the_draft_does_not_go_to_the_council_with_a_placeholder_left_issue_20(assembled):
    """The assembled letter's "[Name]", "[Address]" and "[the date of the meeting]" block the
    sending with every one listed, and nothing is sent."""
    problems = [p.message for p in letter_problems(letter=assembled, final=False)]
    assert any('"[Address]" is a placeholder' in m for m in problems)
    assert any('"[the date of the meeting]" is a placeholder' in m for m in problems)


def test_sending_to_the_council_is_refused_with_the_whole_list(letter, advance, hmi):
    letter = advance(letter, S.AMENDED)
    letter = _save(letter, hmi, "address", "[Name],\nDirector of Children's Services")
    with pytest.raises(ValidationError) as raised:
        letter_change_stage(actor=hmi, letter=letter, to=S.WITH_COUNCIL)
    assert raised.value.messages[0] == (
        "The draft letter cannot go yet. Put right each of these, then try again:"
    )
    assert 'Address block: "[Name]" is a placeholder' in raised.value.messages[1]
    letter.refresh_from_db()
    assert letter.stage == S.AMENDED and not letter.sendings.filter(kind="council").exists()


def test_the_final_letter_replaces_the_drafts_wording_002_j(letter, advance):
    """002 §J "The final letter": it "contains the final judgements"; nothing of the draft's
    "This letter is a draft" or "provisional judgements" heading stays, in the rendition or
    the working copy."""
    letter = advance(letter, S.FINAL)
    final = letter.renditions.order_by("-number").first()
    text = "\n".join(final.content["sections"].values())
    assert not any(phrase.lower() in text.lower() for phrase in DRAFT_ONLY)
    assert "this letter contains the final judgements" in text
    assert "present this letter to an open meeting" in text
    assert f"by the end of January {letter.assessment.round.year + 1}" in text
    assert letter.sections == final.content["sections"]
    titles = [s.title for s in sections_sent(rendition=final)]
    assert "Judgements" in titles and "Provisional judgements" not in titles


def test_every_draft_only_sentence_is_known_and_none_is_in_the_final_text():
    template = template_by_urn("urn:ecm:letter-template:apa:v1")
    sentences = draft_only_sentences(template)
    assert any(s.startswith("This letter is a draft") for s in sentences)
    assert "Yours sincerely," not in sentences
    for section in template.sections:
        if section.final is not None:
            assert not any(s in section.final.starts_with for s in sentences)


def test_draft_wording_copied_into_another_section_blocks_the_final_letter(
    letter, advance, hmi, administrator
):
    letter = advance(letter, S.RESPONSES_GIVEN)
    round_social_care_validate(actor=administrator, assessment_round=letter.assessment.round)
    letter.sections["opening"] += "\n\nThis letter is a draft."
    letter.save(update_fields=["sections"])
    with pytest.raises(ValidationError, match=r"is the draft.{1,3}s wording"):
        letter_change_stage(actor=hmi, letter=letter, to=S.FINAL)


def test_the_final_letter_goes_back_to_responses_given_with_a_reason_issue_20_2(
    letter, advance, hmi
):
    """The architecture's promise: a forward stage that can be wrong has a way back, with a
    reason, audited; the draft-only sections come back with it."""
    assert S.RESPONSES_GIVEN in STAGES[S.FINAL].back
    letter = advance(letter, S.FINAL)
    with pytest.raises(ValidationError):
        letter_change_stage(actor=hmi, letter=letter, to=S.RESPONSES_GIVEN)
    letter.refresh_from_db()
    letter_change_stage(actor=hmi, letter=letter, to=S.RESPONSES_GIVEN, reason="A finding is wrong")
    letter.refresh_from_db()
    assert letter.stage == S.RESPONSES_GIVEN
    assert letter.sections["judgements"].startswith("At this stage in the process")
    entry = AuditEntry.objects.filter(verb="letter.stage_changed").order_by("-pk").first()
    assert entry.reason == "A finding is wrong"
    assert "judgements" in entry.after["sections_restored"]
    # And forward again, to a final letter built afresh.
    letter_change_stage(actor=hmi, letter=letter, to=S.FINAL)
    letter.refresh_from_db()
    assert letter.sections == final_sections(letter)


def test_the_letter_page_offers_the_way_back_from_the_final_letter(client, letter, advance, hmi):
    letter = advance(letter, S.FINAL)
    client.force_login(hmi)
    page = client.get(reverse("letters:letter", kwargs={"pk": letter.assessment.pk}))
    assert "Move back to: council told what was done" in page.content.decode()
    back = client.get(
        reverse("letters:stage", kwargs={"pk": letter.assessment.pk, "to": S.RESPONSES_GIVEN})
    )
    assert back.status_code == 200


def test_the_assembled_letter_says_each_sentence_once(assembled):
    """Issue 20: a finding and its Step 2 key point were joined without removing the repeat."""
    for code in ("staying_safe", "service_management"):
        text = assembled.sections[code]
        assert text.count(strength_of(code)) == 1
        assert text.count(key_point_of(code)) == 1


def test_paragraphs_typed_in_a_browser_are_two_for_the_council():
    """Issue 20: "\\r\\n\\r\\n" from a form was one "Paragraph 1" though the letter showed two."""
    assert paragraphs_of("First paragraph.\r\n\r\nSecond paragraph.") == [
        "First paragraph.",
        "Second paragraph.",
    ]
    assert paragraphs_of("One\r\nparagraph.") == ["One\r\nparagraph."]


def test_council_comments_name_the_section_not_its_code(letter, advance, link_officer):
    letter = advance(letter, S.WITH_COUNCIL)
    council_comment_add(
        actor=link_officer, letter=letter, section="being_healthy", paragraph=1, comment="Wrong"
    )
    (comment,) = council_comments_of(letter=letter)
    assert comment.section_title == "Being healthy"


def test_the_council_downloads_its_letter_only_once_published_issue_20_5(
    client, letter, advance, link_officer
):
    pk = letter.assessment.pk
    urls = [
        reverse("letters:council-published", kwargs={"pk": pk}),
        reverse("letters:council-published-document", kwargs={"pk": pk, "fmt": "docx"}),
    ]
    client.force_login(link_officer)
    letter = advance(letter, S.FINAL)
    assert [client.get(u).status_code for u in urls] == [404, 404]
    advance(letter, S.PUBLISHED)
    pages = [client.get(u) for u in urls]
    assert [p.status_code for p in pages] == [200, 200]
    assert "wordprocessingml" in pages[1]["Content-Type"]
    council = client.get(reverse("letters:council", kwargs={"pk": pk})).content.decode()
    assert "Download the letter as a PDF" in council
    assert "Provisional judgements" not in council
