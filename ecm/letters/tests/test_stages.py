"""The letter's stages (issue 7 §2; 002 §I "Letter writing stages"; Appendix A Moderation
Form 2; 002 §A "five working days"; DOMAIN.md §3 the final letter)."""

from datetime import date
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ecm.apa.models import (
    AssignmentRole,
    ModerationDecision,
    ModerationOutcome,
    ModerationSelection,
)
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.models import AuditEntry
from ecm.core.grade_numbers import quoted
from ecm.letters.models import (
    LetterSending,
    ReaderAnswer,
    ReaderOrganisation,
    RoundSocialCareValidation,
    SendingKind,
)
from ecm.letters.services import factual_accuracy
from ecm.letters.services.factual_accuracy import (
    council_comment_add,
    council_comment_respond,
    factual_accuracy_deadline,
    paragraphs_of,
)
from ecm.letters.services.final import round_social_care_validate
from ecm.letters.services.reader_answers import reader_answer_record
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.workflow import STAGES, LetterStage

pytestmark = pytest.mark.django_db

S = LetterStage
FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY = date(2007, 8, 24)


def status_of(letter) -> str:
    letter.assessment.refresh_from_db()
    return letter.assessment.status


# --- The table -------------------------------------------------------------------------------


def test_every_stage_is_in_the_table_with_its_source():
    """002 §I: every stage has a rule naming its source and who moves the letter into it."""
    assert set(STAGES) == set(LetterStage)
    assert all(rule.source and rule.by for rule in STAGES.values())


# --- Stage 1: the partner agrees (002 §I stage 1) --------------------------------------------


def test_stage_1_the_partner_agrees_the_draft_not_the_lead(letter, hmi, brm):
    """002 §I stage 1: "Agreement with the final draft should be secured from the other
    inspector/BRM" — the Lead (the HMI here) cannot agree their own draft."""
    with pytest.raises(ValidationError, match="partner inspector"):
        letter_change_stage(actor=hmi, letter=letter, to=S.AGREED)
    letter_change_stage(actor=brm, letter=letter, to=S.AGREED)
    letter.refresh_from_db()
    assert letter.stage == S.AGREED
    entry = AuditEntry.objects.filter(verb="letter.stage_changed").latest("pk")
    assert entry.before == {"stage": "assembled"} and entry.after["stage"] == "agreed"


def test_stage_1_early_stages_need_the_assessment_at_the_draft_letter(assembled, brm):
    """002 §A: the letter's early stages are the APA's draft letter status."""
    with pytest.raises(ValidationError, match="Draft letter"):
        letter_change_stage(actor=brm, letter=assembled, to=S.AGREED)


def test_moves_not_in_the_table_are_refused(letter, hmi):
    """002 §I: the stages go in order; the letter cannot skip to the council."""
    with pytest.raises(ValidationError, match="cannot move"):
        letter_change_stage(actor=hmi, letter=letter, to=S.WITH_COUNCIL)


def test_moving_back_needs_a_reason(letter, brm, hmi):
    """Moving back only with a reason, kept in the audit trail (issue 7 §2)."""
    letter_change_stage(actor=brm, letter=letter, to=S.AGREED)
    with pytest.raises(ValidationError, match="Enter why"):
        letter_change_stage(actor=hmi, letter=letter, to=S.ASSEMBLED)
    letter_change_stage(actor=hmi, letter=letter, to=S.ASSEMBLED, reason="More to redraft")
    letter.refresh_from_db()
    assert letter.stage == S.ASSEMBLED


def test_a_stale_page_is_refused(letter, brm):
    """Optimistic lock: a page read before another change saves nothing."""
    with pytest.raises(
        ValidationError, match="Someone else changed this letter while you were working on it"
    ):
        letter_change_stage(
            actor=brm, letter=letter, to=S.AGREED, expected_lock_version=letter.lock_version - 1
        )


def test_stage_1_sent_to_both_readers_with_the_rendition_recorded(letter, advance, hmi):
    """002 §I stage 1: sent with Steps 3 and 4 to the CSCI manager and the Ofsted management
    reader; the rendition sent is recorded."""
    advance(letter, S.AGREED)
    mail.outbox.clear()
    with mock.patch("django.db.transaction.on_commit", lambda f: f()):
        letter_change_stage(actor=hmi, letter=letter, to=S.WITH_READERS)
    sending = LetterSending.objects.get(letter=letter, kind=SendingKind.READERS)
    assert sending.rendition_number == letter.renditions.last().number
    assert len(sending.sent_to) == 2
    assert len(mail.outbox) == 1 and "Moderation Form 2" in mail.outbox[0].body


def test_stage_1_both_readers_must_be_assigned(letter, advance, hmi, csci_manager):
    """002 §I stage 1: the letter goes to both readers, so both must be assigned."""
    advance(letter, S.AGREED)
    letter.assessment.assignments.filter(role=AssignmentRole.CSCI_MANAGER).delete()
    with pytest.raises(ValidationError, match="CSCI manager"):
        letter_change_stage(actor=hmi, letter=letter, to=S.WITH_READERS)


# --- Moderation Form 2 (Appendix A; 002 §I stage 2) ------------------------------------------


def test_appendix_a_form_2_answer_is_signed_dated_with_organisation(letter, advance, csci_manager):
    """Appendix A "Moderation Draft APA Letter": organisation, action, yes/no, signed, dated."""
    advance(letter, S.WITH_READERS)
    answer = reader_answer_record(
        actor=csci_manager, letter=letter, action="Tighten staying safe", can_send=True
    )
    assert answer.organisation == ReaderOrganisation.CSCI
    assert answer.role == AssignmentRole.CSCI_MANAGER
    assert answer.signed_by == csci_manager and answer.signed_at is not None
    assert answer.action == "Tighten staying safe" and answer.can_send is True


def test_appendix_a_only_the_assigned_readers_answer(letter, advance, hmi):
    """002 §I stage 1: comments come from the CSCI manager and the Ofsted management reader."""
    advance(letter, S.WITH_READERS)
    with pytest.raises(ValidationError, match="Only the CSCI manager"):
        reader_answer_record(actor=hmi, letter=letter, action="", can_send=True)


def test_stage_2_both_answers_needed_before_amending(
    letter, advance, hmi, management_reader, csci_manager
):
    """002 §I stage 2: comments from both the CSCI manager and the Ofsted management reader;
    the letter moves on by itself when the second answer comes."""
    advance(letter, S.WITH_READERS)
    reader_answer_record(actor=management_reader, letter=letter, action="", can_send=True)
    with pytest.raises(ValidationError, match="CSCI manager"):
        letter_change_stage(actor=hmi, letter=letter, to=S.READERS_ANSWERED)
    reader_answer_record(actor=csci_manager, letter=letter, action="", can_send=True)
    letter.refresh_from_db()
    assert letter.stage == S.READERS_ANSWERED
    letter_change_stage(actor=hmi, letter=letter, to=S.AMENDED)


def test_appendix_a_a_no_needs_the_action(letter, advance, management_reader):
    """Appendix A: a "no" says what action is required."""
    advance(letter, S.WITH_READERS)
    with pytest.raises(ValidationError, match="action"):
        reader_answer_record(actor=management_reader, letter=letter, action=" ", can_send=False)


def test_appendix_a_a_no_blocks_the_council_until_a_later_yes(
    letter, advance, hmi, management_reader, csci_manager
):
    """Appendix A "Can the draft letter be sent to council? (following amendments)": a "no"
    blocks sending until a later answer from the same reader says yes (ADR 0021)."""
    advance(letter, S.WITH_READERS)
    reader_answer_record(
        actor=management_reader, letter=letter, action="Rewrite paragraph 2", can_send=False
    )
    reader_answer_record(actor=csci_manager, letter=letter, action="", can_send=True)
    letter_change_stage(actor=hmi, letter=letter, to=S.AMENDED)
    with pytest.raises(ValidationError, match='answered "no"'):
        letter_change_stage(actor=hmi, letter=letter, to=S.WITH_COUNCIL)
    reader_answer_record(actor=management_reader, letter=letter, action="", can_send=True)
    letter_change_stage(actor=hmi, letter=letter, to=S.WITH_COUNCIL)
    assert ReaderAnswer.objects.filter(letter=letter).count() == 3


# --- Factual accuracy (002 §I stage 2; 002 §A five working days) ------------------------------


def test_002_a_five_working_days_across_the_august_bank_holiday():
    """002 §A: five working days; sent Friday 24 August 2007, Monday 27 August is a bank
    holiday, so the deadline is Monday 3 September."""
    deadline = factual_accuracy_deadline(FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY)
    assert deadline.date == date(2007, 9, 3)
    assert "5 working days" in deadline.rule


def test_stage_2_sending_to_the_council_records_deadline_and_moves_the_apa(letter, advance, hmi):
    """002 §I stage 2: the amended letter goes to the link officer; the APA moves to the
    factual accuracy check (002 §A) and the deadline is kept with its rule."""
    advance(letter, S.AMENDED)
    with mock.patch(
        "django.utils.timezone.localdate", return_value=FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY
    ):
        letter_change_stage(actor=hmi, letter=letter, to=S.WITH_COUNCIL)
    sending = LetterSending.objects.get(letter=letter, kind=SendingKind.COUNCIL)
    assert sending.deadline == date(2007, 9, 3)
    assert "the handbook, sections A and I stage 2" in sending.deadline_rule
    assert status_of(letter) == AssessmentStatus.FACTUAL_ACCURACY


def test_recalling_from_the_council_moves_the_apa_back(letter, advance, hmi):
    """002 §A workflow: back from the factual accuracy check to the draft letter, with a reason."""
    advance(letter, S.WITH_COUNCIL)
    letter_change_stage(actor=hmi, letter=letter, to=S.AMENDED, reason="Sent too soon")
    assert status_of(letter) == AssessmentStatus.DRAFT_LETTER


def test_stage_3_the_council_comments_paragraph_by_paragraph(letter, advance, link_officer):
    """002 §I stage 3: the authority's comments, each on a paragraph of the letter sent."""
    advance(letter, S.WITH_COUNCIL)
    text = letter.renditions.last().content["sections"]["staying_safe"]
    comment = council_comment_add(
        actor=link_officer,
        letter=letter,
        section="staying_safe",
        paragraph=1,
        comment="The register fell by 12%, not 20%",
    )
    assert comment.paragraph_text == paragraphs_of(text)[0]
    assert comment.rendition_number == letter.renditions.last().number
    with pytest.raises(ValidationError, match="choose a paragraph"):
        council_comment_add(
            actor=link_officer, letter=letter, section="staying_safe", paragraph=99, comment="x"
        )


def test_002_a_comments_refused_after_the_deadline_saying_when(letter, advance, hmi, link_officer):
    """002 §A: five working days are allowed; afterwards a comment is refused and the message
    says when the deadline was."""
    advance(letter, S.AMENDED)
    with mock.patch(
        "django.utils.timezone.localdate", return_value=FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY
    ):
        letter_change_stage(actor=hmi, letter=letter, to=S.WITH_COUNCIL)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2007, 9, 3)):
        council_comment_add(
            actor=link_officer, letter=letter, section="staying_safe", paragraph=1, comment="ok"
        )
    with (
        mock.patch("django.utils.timezone.localdate", return_value=date(2007, 9, 4)),
        pytest.raises(ValidationError, match="Monday 3 September 2007"),
    ):
        council_comment_add(
            actor=link_officer, letter=letter, section="staying_safe", paragraph=1, comment="late"
        )


def test_002_a_inspectors_close_comments_only_after_the_deadline(
    letter, advance, hmi, link_officer
):
    """002 §A: the council has its five working days; the council may finish early."""
    advance(letter, S.WITH_COUNCIL)
    with pytest.raises(ValidationError, match="has until the end of"):
        letter_change_stage(actor=hmi, letter=letter, to=S.COUNCIL_COMMENTED)
    letter_change_stage(actor=link_officer, letter=letter, to=S.COUNCIL_COMMENTED)
    letter.refresh_from_db()
    assert letter.stage == S.COUNCIL_COMMENTED


def test_002_a_inspectors_close_comments_after_the_deadline(letter, advance, hmi):
    """002 §A: once the five working days have passed, the inspectors go on."""
    advance(letter, S.WITH_COUNCIL)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2099, 1, 1)):
        letter_change_stage(actor=hmi, letter=letter, to=S.COUNCIL_COMMENTED)
    letter.refresh_from_db()
    assert letter.stage == S.COUNCIL_COMMENTED


def test_stage_3_every_comment_answered_then_the_council_is_told(
    letter, advance, hmi, brm, link_officer
):
    """002 §I stage 3 and DOMAIN.md §3: responses agreed, amendments made, and the council told
    what was done about each point it raised."""
    advance(letter, S.WITH_COUNCIL)
    comment = council_comment_add(
        actor=link_officer, letter=letter, section="staying_safe", paragraph=1, comment="Wrong"
    )
    letter_change_stage(actor=link_officer, letter=letter, to=S.COUNCIL_COMMENTED)
    with pytest.raises(ValidationError, match="no response"):
        letter_change_stage(actor=hmi, letter=letter, to=S.RESPONSES_GIVEN)
    with pytest.raises(ValidationError, match="no rendition 99"):
        council_comment_respond(
            actor=brm, comment=comment, response="Corrected", change_rendition_number=99
        )
    council_comment_respond(actor=brm, comment=comment, response="Checked: the figure stands")
    mail.outbox.clear()
    with mock.patch("django.db.transaction.on_commit", lambda f: f()):
        letter_change_stage(actor=hmi, letter=letter, to=S.RESPONSES_GIVEN)
    assert LetterSending.objects.filter(letter=letter, kind=SendingKind.RESPONSES).exists()
    assert mail.outbox[0].to == [link_officer.email]
    assert "what was done" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("response", "found"),
    [
        ("Checked: staying safe stays grade three", "grade three"),
        ("Education was judged 3 out of 4 at moderation", "judged 3 out of 4"),
        ("Social care is rated 2", "rated 2"),
    ],
)
def test_002_a_a_response_the_council_is_told_gives_no_grade_as_a_number(
    letter, advance, brm, link_officer, response, found
):
    """002 §A: the council is told what was done about each comment before the final letter,
    so a response gives judgements in words; the refusal quotes the grade it found."""
    advance(letter, S.WITH_COUNCIL)
    comment = council_comment_add(
        actor=link_officer, letter=letter, section="staying_safe", paragraph=1, comment="Wrong"
    )
    with pytest.raises(ValidationError) as refused:
        council_comment_respond(actor=brm, comment=comment, response=response)
    assert refused.value.message_dict == {
        "response": [factual_accuracy.RESPONSE_GRADE.format(found=quoted([found]))]
    }
    comment.refresh_from_db()
    assert comment.responded_at is None


# --- The final letter with grades (002 §I stage 3; DOMAIN.md §3) -----------------------------


def test_domain_3_final_waits_for_social_care_validation(letter, advance, hmi, administrator):
    """DOMAIN.md §3: the final letter comes after validation of social care data."""
    advance(letter, S.RESPONSES_GIVEN)
    with pytest.raises(ValidationError, match="not validated"):
        letter_change_stage(actor=hmi, letter=letter, to=S.FINAL)
    with pytest.raises(ValidationError, match="programme administrator"):
        round_social_care_validate(actor=hmi, assessment_round=letter.assessment.round)
    round_social_care_validate(
        actor=administrator, assessment_round=letter.assessment.round, note="Checked"
    )
    letter_change_stage(actor=hmi, letter=letter, to=S.FINAL)
    assert status_of(letter) == AssessmentStatus.FINAL_LETTER
    assert RoundSocialCareValidation.objects.get().validated_by == administrator


def test_002_h_final_waits_for_the_moderation_outcome(letter, advance, hmi, administrator):
    """002 §H; DOMAIN.md §3: a council selected for moderation gets its final letter only
    once the moderation outcome is recorded."""
    advance(letter, S.RESPONSES_GIVEN)
    round_social_care_validate(actor=administrator, assessment_round=letter.assessment.round)
    ModerationSelection.objects.create(
        assessment=letter.assessment, selected=True, basis="risk", decided_by=administrator
    )
    with pytest.raises(ValidationError, match="moderation"):
        letter_change_stage(actor=hmi, letter=letter, to=S.FINAL)
    ModerationOutcome.objects.create(
        assessment=letter.assessment,
        decision=ModerationDecision.values[0],
        reason="Agreed",
        recorded_by=administrator,
    )
    letter_change_stage(actor=hmi, letter=letter, to=S.FINAL)


def test_002_a_no_grade_in_any_rendition_before_the_final_letter(letter, advance, link_officer):
    """002 §A: judgements in words, never grades, until the final letter; the final rendition
    carries the Step 4 grades as numbers and words (002 §I stage 3)."""
    advance(letter, S.RESPONSES_GIVEN)
    before_final = list(letter.renditions.all())
    assert all("grades" not in r.content for r in before_final)
    advance(letter, S.FINAL)
    final = letter.renditions.last()
    assert final.number == before_final[-1].number + 1
    grades = final.content["grades"]
    assert grades and all(g["grade"] == 3 and g["words"] and g["label"] for g in grades)


def test_publishing_moves_the_apa_and_shows_the_council_its_grades(letter, advance, link_officer):
    """002 §A: grades are visible to the council only once the final letter is published."""
    advance(letter, S.FINAL)
    assert not link_officer.has_perm("apa.view_grades", letter.assessment)
    advance(letter, S.PUBLISHED)
    letter.assessment.refresh_from_db()
    assert letter.assessment.status == AssessmentStatus.PUBLISHED
    assert link_officer.has_perm("apa.view_grades", letter.assessment)
    assert LetterSending.objects.filter(letter=letter, kind=SendingKind.PUBLICATION).exists()
