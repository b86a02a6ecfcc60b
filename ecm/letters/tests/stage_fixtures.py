"""Fixtures of the letter's stages (issue 7 §2), imported by the stage tests: the assembled
letter with its assessment at the draft letter, both management readers assigned, the
council's link officer, and `advance`, which moves a letter on through the services as the
right person for each stage."""

import pytest

from ecm.accounts.roles import Role
from ecm.apa import services as apa_services
from ecm.apa.models import AssignmentRole
from ecm.apa.workflow import AssessmentStatus
from ecm.letters.models import RoundSocialCareValidation
from ecm.letters.services.final import round_social_care_validate
from ecm.letters.services.reader_answers import reader_answer_record
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.tests.fixtures import placeholders_fill
from ecm.letters.workflow import LetterStage

TO_DRAFT_LETTER = (
    AssessmentStatus.SELF_ASSESSMENT,
    AssessmentStatus.ANALYSIS,
    AssessmentStatus.MEETING,
    AssessmentStatus.DRAFT_LETTER,
)


@pytest.fixture
def csci_manager(make_user):
    return make_user(Role.MANAGEMENT_READER)


@pytest.fixture
def letter(assembled, management_reader, csci_manager, link_officer, hmi):
    """The assembled letter, its assessment moved on to the draft letter (002 §A), with both
    readers assigned and the council's link officer able to receive it."""
    assessment = assembled.assessment
    for status in TO_DRAFT_LETTER:
        apa_services.assessment_change_status(actor=None, assessment=assessment, to=status)
    for user, role in (
        (management_reader, AssignmentRole.MANAGEMENT_READER),
        (csci_manager, AssignmentRole.CSCI_MANAGER),
    ):
        apa_services.assessment_assign(actor=None, assessment=assessment, user=user, role=role)
    placeholders_fill(assembled, hmi)
    assembled.refresh_from_db()
    return assembled


@pytest.fixture
def advance(hmi, brm, management_reader, csci_manager, link_officer, administrator):
    """Move `letter` forward stage by stage up to `to`, each move by the right person; the
    readers answer "yes" and the round's social care data are validated when needed."""
    order = list(LetterStage)

    def move(letter, to: str):
        letter.refresh_from_db()
        while order.index(LetterStage(letter.stage)) < order.index(LetterStage(to)):
            stage = LetterStage(letter.stage)
            if stage == LetterStage.ASSEMBLED:
                letter_change_stage(actor=brm, letter=letter, to=LetterStage.AGREED)
            elif stage == LetterStage.WITH_READERS:
                for reader in (management_reader, csci_manager):
                    reader_answer_record(actor=reader, letter=letter, action="", can_send=True)
            elif stage == LetterStage.FINAL:
                # Proof read by the administrative staff, then cleared by a manager who read
                # it (the handbook, section I stage 3).
                letter_change_stage(actor=administrator, letter=letter, to=LetterStage.PROOF_READ)
            elif stage == LetterStage.PROOF_READ:
                letter_change_stage(actor=csci_manager, letter=letter, to=LetterStage.CLEARED)
            elif stage == LetterStage.WITH_COUNCIL:
                letter_change_stage(
                    actor=link_officer, letter=letter, to=LetterStage.COUNCIL_COMMENTED
                )
            else:
                following = order[order.index(stage) + 1]
                if (
                    following == LetterStage.FINAL
                    and not RoundSocialCareValidation.objects.filter(
                        round_id=letter.assessment.round_id
                    ).exists()
                ):
                    round_social_care_validate(
                        actor=administrator, assessment_round=letter.assessment.round
                    )
                letter_change_stage(actor=hmi, letter=letter, to=following)
            letter.refresh_from_db()
        return letter

    return move
