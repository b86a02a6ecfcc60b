"""The letter's stages as data (002 §I "Letter writing stages"; DOMAIN.md §3 "The letter").

Each stage names who may move the letter into it, the moves allowed from it, and the APA status
the assessment is at while the letter is in it. Only
`ecm.letters.services.stages.letter_change_stage` moves a letter, and it reads this table; when
the stage entered needs another APA status it moves the assessment through
`ecm.apa.services.assessment_change_status` (the APA workflow's own guards apply).
"""

from dataclasses import dataclass

from django.db import models

from ecm.apa.workflow import AssessmentStatus


class LetterStage(models.TextChoices):
    ASSEMBLED = "assembled", "Assembled by the Lead"
    AGREED = "agreed", "Agreed by the partner inspector"
    WITH_READERS = "with_readers", "With the management readers"
    READERS_ANSWERED = "readers_answered", "Management readers answered"
    AMENDED = "amended", "Amended after the readers' comments"
    WITH_COUNCIL = "with_council", "With the council for factual accuracy"
    COUNCIL_COMMENTED = "council_commented", "Council's comments closed"
    RESPONSES_GIVEN = "responses_given", "Council told what was done"
    FINAL = "final", "Final letter with grades"
    PROOF_READ = "proof_read", "Proof read"
    CLEARED = "cleared", "Cleared for publication"
    PUBLISHED = "published", "Published to the council"


class Mover(models.TextChoices):
    """Who may move a letter into a stage, relative to the assessment."""

    LEAD = "lead", "the Lead inspector"
    PARTNER = "partner", "the partner inspector (the HMI or BRM who is not the Lead)"
    INSPECTOR = "inspector", "the HMI or the BRM of the assessment"
    READER = "reader", "a management reader of the assessment"
    COUNCIL = "council", "the council's link officer or director"
    ADMINISTRATOR = "administrator", "a programme administrator"
    # The handbook, section A: the Lead is "to submit the letter to the appropriate
    # administrative staff for clearance and publication"; the programme's administrators are
    # those staff here (ecm.letters.services.permissions).
    PROOF_READER = (
        "proof_reader",
        "the programme's administrative staff (a programme administrator)",
    )
    # The handbook, section I: "arrangements for readers and management clearance of letters";
    # the managers assigned to read the letter clear it (ecm.letters.services.permissions).
    CLEARER = (
        "clearer",
        "a manager who read the letter (the CSCI manager or the Ofsted management reader)",
    )


L = LetterStage
M = Mover
A = AssessmentStatus


@dataclass(frozen=True)
class StageRule:
    stage: LetterStage
    description: str
    source: str
    # The APA status the assessment is at while the letter is in this stage.
    assessment_at: AssessmentStatus
    # Who may move the letter forward into this stage.
    by: tuple[Mover, ...]
    forward: tuple[LetterStage, ...] = ()
    # Moves back are allowed only with a reason, by the HMI or the BRM.
    back: tuple[LetterStage, ...] = ()


STAGES: dict[LetterStage, StageRule] = {
    rule.stage: rule
    for rule in [
        StageRule(
            L.ASSEMBLED,
            "The Lead has brought both inspectors' contributions together in the template.",
            "002 §I stage 1",
            A.DRAFT_LETTER,
            by=(M.LEAD,),
            forward=(L.AGREED,),
        ),
        StageRule(
            L.AGREED,
            "The other inspector (HMI or BRM) agrees the draft.",
            "002 §I stage 1: agreement with the final draft from the other inspector/BRM",
            A.DRAFT_LETTER,
            by=(M.PARTNER,),
            forward=(L.WITH_READERS,),
            back=(L.ASSEMBLED,),
        ),
        StageRule(
            L.WITH_READERS,
            "Sent with Steps 3 and 4 of the notebook to the CSCI manager and the Ofsted "
            "management reader.",
            "002 §I stage 1",
            A.DRAFT_LETTER,
            by=(M.LEAD,),
            forward=(L.READERS_ANSWERED,),
            back=(L.AGREED,),
        ),
        StageRule(
            L.READERS_ANSWERED,
            "Both readers have answered on Moderation Form 2.",
            "002 §I stage 2; Appendix A Moderation Draft APA Letter",
            A.DRAFT_LETTER,
            by=(M.LEAD, M.READER),
            forward=(L.AMENDED,),
            back=(L.WITH_READERS,),
        ),
        StageRule(
            L.AMENDED,
            "The readers' comments are discussed with the partner and the letter amended.",
            "002 §I stage 2",
            A.DRAFT_LETTER,
            by=(M.LEAD,),
            forward=(L.WITH_COUNCIL,),
            back=(L.READERS_ANSWERED,),
        ),
        StageRule(
            L.WITH_COUNCIL,
            "Sent to the link officer, who has five working days to comment on factual accuracy.",
            "002 §I stage 2; 002 §A five working days",
            A.FACTUAL_ACCURACY,
            by=(M.LEAD,),
            forward=(L.COUNCIL_COMMENTED,),
            back=(L.AMENDED,),
        ),
        StageRule(
            L.COUNCIL_COMMENTED,
            "The council has finished commenting, or its five working days have passed.",
            "002 §I stage 3",
            A.FACTUAL_ACCURACY,
            by=(M.COUNCIL, M.INSPECTOR),
            forward=(L.RESPONSES_GIVEN,),
            back=(L.WITH_COUNCIL,),
        ),
        StageRule(
            L.RESPONSES_GIVEN,
            "Every comment has a response and the council is told what was done about each.",
            "002 §I stage 3; DOMAIN.md §3",
            A.FACTUAL_ACCURACY,
            by=(M.LEAD,),
            forward=(L.FINAL,),
            back=(L.COUNCIL_COMMENTED,),
        ),
        StageRule(
            L.FINAL,
            "The amended letter with the confirmed Step 4 grades, after moderation and the "
            "validation of the round's social care data, submitted for proof reading.",
            '002 §I stage 3: "submitted for proof reading, confirmation of judgements, final '
            'clearance, and publication"',
            A.FINAL_LETTER,
            by=(M.LEAD,),
            forward=(L.PROOF_READ,),
            # A final letter found wrong before publication goes back, with a reason, to be
            # put right (issue 20 §2); its draft-only sections come back with it.
            back=(L.RESPONSES_GIVEN,),
        ),
        StageRule(
            L.PROOF_READ,
            "Proof read by the programme's administrative staff; a mistake found sends it back "
            "to the inspectors to put right.",
            '002 §I stage 3: "submitted for proof reading"; 002 §A',
            A.FINAL_LETTER,
            by=(M.PROOF_READER,),
            forward=(L.CLEARED,),
            back=(L.RESPONSES_GIVEN,),
        ),
        StageRule(
            L.CLEARED,
            "Cleared by management for publication to the council.",
            '002 §I stage 3: "final clearance"; 002 §I "management clearance of letters"',
            A.FINAL_LETTER,
            by=(M.CLEARER,),
            forward=(L.PUBLISHED,),
            back=(L.RESPONSES_GIVEN,),
        ),
        StageRule(
            L.PUBLISHED,
            "Published to the council once proof read and cleared; its grades become visible.",
            "002 §I stage 3; 002 §A",
            A.PUBLISHED,
            by=(M.LEAD, M.ADMINISTRATOR),
        ),
    ]
}

# Stages in which the management readers may answer on Moderation Form 2 (again, if a "no"
# is to be followed by a "yes" once the letter is amended).
READERS_MAY_ANSWER = (L.WITH_READERS, L.READERS_ANSWERED, L.AMENDED)
# Stages in which inspectors respond to the council's comments.
RESPONSES_MAY_BE_RECORDED = (L.WITH_COUNCIL, L.COUNCIL_COMMENTED)
# Stages whose renditions may carry grades (002 §A: words only until the final letter).
GRADES_SHOWN = (L.FINAL, L.PROOF_READ, L.CLEARED, L.PUBLISHED)
# The final letter's stages before publication: it carries the grades but no council sees them
# yet, and nothing in it changes unless it is moved back with a reason (002 §I stage 3).
BEING_CLEARED = (L.FINAL, L.PROOF_READ, L.CLEARED)
