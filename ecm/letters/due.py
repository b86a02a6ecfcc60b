"""What the letters ask people to do next, for the programme's "what is due", reminders and
calendars, which read it (ecm.programme is above letters; letters never imports it):

- the programme's administrative staff proof read each final letter, and a manager who read it
  clears it (the handbook, section I stage 3), by the round's final letter date;
- the council presents its published letter to an open meeting, makes it public and copies it
  to its auditor and partners by the end of January (the handbook, section J).

Nothing is due on an archived round."""

from dataclasses import dataclass

from django.urls import reverse

from ecm.apa.models import Assignment
from ecm.letters.archive import archive_of
from ecm.letters.models import Letter, PublicationStepKind
from ecm.letters.services.permissions import proof_reads_letters
from ecm.letters.services.publication import latest_steps, publication_deadline
from ecm.letters.services.readers import READER_ROLES
from ecm.letters.workflow import LetterStage
from ecm.workdays.calendar import Deadline

SECTION_I = "the handbook, section I stage 3"
SECTION_J = "the handbook, section J"
PROOF_READ = "Proof read the final letter"
CLEAR = "Clear the final letter for publication"
PUBLISH = "Publish the final letter to the council"
PUBLICATION_TITLES = {
    PublicationStepKind.OPEN_MEETING: "Present the final letter to an open meeting of the "
    "executive committee",
    PublicationStepKind.PUBLIC: "Make the final letter available to members of the public",
    PublicationStepKind.AUDITOR: "Copy the final letter to the council's appointed auditor",
    PublicationStepKind.PARTNERS: "Copy the final letter to relevant partners",
}


@dataclass(frozen=True)
class DueOnLetter:
    title: str
    council: str
    assessment_id: int
    deadline: Deadline
    url: str
    # A code per kind of task, as the programme's reminders key them.
    task: str
    source: str


def _final_letter_deadline(letter: Letter) -> Deadline:
    return Deadline(
        letter.assessment.round.final_letter_by,
        "the round's date for the final letters (late October)",
        SECTION_I,
    )


def publication_deadline_of(letter: Letter) -> Deadline:
    return Deadline(
        publication_deadline(letter), "by the end of January after the final letter", SECTION_J
    )


def publication_outstanding(letter: Letter) -> list[PublicationStepKind]:
    """The council's steps with its published letter not recorded yet (section J)."""
    if letter.stage != LetterStage.PUBLISHED:
        return []
    done = latest_steps(letter)
    return [kind for kind in PublicationStepKind if kind not in done]


def _letters(**filters):
    return Letter.objects.filter(**filters).select_related(
        "assessment__council", "assessment__round"
    )


def due_on_letters(user) -> list[DueOnLetter]:
    """What `user` must do next on the letters: proof reading (an administrator), clearance (a
    manager assigned to read the letter), and the council's steps with its published letter."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    found: list[DueOnLetter] = []
    if user.council_id:
        if user.is_council_user:
            for letter in _letters(
                assessment__council_id=user.council_id, stage=LetterStage.PUBLISHED
            ):
                if archive_of(letter.assessment.round_id) is not None:
                    continue
                found += [
                    _item(
                        letter,
                        PUBLICATION_TITLES[kind],
                        publication_deadline_of(letter),
                        "letters:publication",
                        f"letter_publication_{kind.value}",
                        SECTION_J,
                    )
                    for kind in publication_outstanding(letter)
                ]
        return found
    if proof_reads_letters(user):
        found += [
            _item(
                letter,
                PROOF_READ,
                _final_letter_deadline(letter),
                "letters:letter",
                "letter_proof_read",
                SECTION_I,
            )
            for letter in _letters(stage=LetterStage.FINAL)
        ]
    leads = Assignment.objects.filter(user=user, is_lead=True).values_list(
        "assessment_id", flat=True
    )
    found += [
        _item(
            letter,
            PUBLISH,
            _final_letter_deadline(letter),
            "letters:letter",
            "letter_publish",
            SECTION_I,
        )
        for letter in _letters(stage=LetterStage.CLEARED, assessment_id__in=list(leads))
    ]
    read = Assignment.objects.filter(user=user, role__in=list(READER_ROLES)).values_list(
        "assessment_id", flat=True
    )
    found += [
        _item(
            letter,
            CLEAR,
            _final_letter_deadline(letter),
            "letters:letter",
            "letter_clear",
            SECTION_I,
        )
        for letter in _letters(stage=LetterStage.PROOF_READ, assessment_id__in=list(read))
    ]
    return found


def _item(letter, title, deadline, url_name, task, source) -> DueOnLetter:
    assessment = letter.assessment
    return DueOnLetter(
        title=title,
        council=assessment.council.name,
        assessment_id=assessment.pk,
        deadline=deadline,
        url=reverse(url_name, kwargs={"pk": assessment.pk}),
        task=task,
        source=source,
    )
